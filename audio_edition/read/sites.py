"""Site rules: where a site's article is and what of it is never read, by CSS
selector, for sites whose templates extraction reads wrong.

The selectors are compiled by soupsieve (beautifulsoup4's CSS engine) when the
settings are read, so a bad one stops the build before anything is made. On a
page of the site, they become the publisher's own marks (`marks.py`): the
article's elements `data-audio-edition="read"`, the skipped ones
`data-audio-edition="skip"`.
"""
from __future__ import annotations

import logging
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import urlsplit

import soupsieve
from bs4 import BeautifulSoup

from ..errors import SettingsError
from .load import Page, is_url
from .markup import readable
from .marks import ATTRIBUTE

log = logging.getLogger(__name__)
Rules = TypeVar("Rules")


@dataclass(frozen=True)
class ReadRules:
    """One site's selectors: its article (None: extraction finds it) and what is skipped."""

    article: str | None = None
    skip: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.article or self.skip)

    def marked(self, html: str, source: str) -> str:
        """The page with the rules written into it as the publisher's marks."""
        soup = BeautifulSoup(readable(html), "lxml")  # as deep as a browser reads
        for selector in self.skip:
            for element in _compiled(selector).select(soup):
                element[ATTRIBUTE] = "skip"
        if self.article:
            found = _compiled(self.article).select(soup)
            if not found:
                log.info("%s: the site's article selector %r matches nothing; extraction "
                         "finds the article", source, self.article)
            for element in found:
                if element.get(ATTRIBUTE) != "skip":
                    element[ATTRIBUTE] = "read"
        return str(soup)


def checked_selector(selector: object, where: str) -> str:
    """A CSS selector soupsieve compiles, or a SettingsError naming `where`."""
    if not isinstance(selector, str) or not selector.strip():
        raise SettingsError(f"{where}: a CSS selector must be non-empty text, not {selector!r}")
    try:
        _compiled(selector)
    except soupsieve.SelectorSyntaxError as err:
        problem = str(err).splitlines()[0]
        raise SettingsError(f"{where}: {selector!r} is not a CSS selector ({problem})") from None
    return selector


def _compiled(selector: str) -> soupsieve.SoupSieve:
    """A selector compiled (soupsieve keeps it), without the warnings it gives of its own
    deprecated forms (`:contains`): they still work, and would reach stderr as two
    lines naming soupsieve's source."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        return soupsieve.compile(selector)


def host_of(page: Page) -> str | None:
    """The host a page belongs to: its URL's, else its canonical URL's (a saved page)."""
    url = page.source if is_url(page.source) else page.canonical_url
    return (urlsplit(url).hostname or None) if url else None


def for_host(sites: Mapping[str, Rules], host: str | None) -> Rules | None:
    """The rules of the host or of the nearest domain above it ("news.example" covers
    "www.news.example"); the most specific wins."""
    host = (host or "").lower().rstrip(".")
    while host:
        if host in sites:
            return sites[host]
        host = host.partition(".")[2]
    return None
