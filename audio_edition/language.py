"""Language tags: only valid BCP 47 tags leave a page.

A page's `lang` attribute is data from the web: it ends up in the player
page, the EPUB's `dc:language`, DAISY metadata and log lines, so a value
that is not a language tag ("../../etc/passwd", a newline) must never get
through. langcodes checks the tag against the IANA registry.
"""
from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache

import langcodes

_TAG_SHAPE = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")


@lru_cache(maxsize=1024)
def language_tag(value: str | None) -> str | None:
    """`value` as a standard BCP 47 tag ("en_us" -> "en-US"), or None when it is not one."""
    if not value:
        return None
    value = value.strip().replace("_", "-")
    if not _TAG_SHAPE.fullmatch(value):
        return None
    try:
        return langcodes.standardize_tag(value) if langcodes.tag_is_valid(value) else None
    except (ValueError, LookupError):
        return None


def primary(tag: str) -> str:
    """The language of a tag without its region or script, lower-case: "en-GB" -> "en"."""
    return tag.split("-")[0].split("_")[0].lower()


def written_in(tag: str | None, languages: Collection[str], fallback: str = "en") -> str:
    """Which of the `languages` a table of words is written in serves a text in `tag`:
    its own language (the primary subtag: de-AT is served by "de"), else `fallback`."""
    own = primary(tag or fallback)
    return own if own in languages else fallback


def same_language(a: str, b: str) -> bool:
    """en-GB and en are the same language, for choosing a voice or a recogniser."""
    return primary(a) == primary(b)


def speaks(languages: set[str], tag: str) -> bool:
    """Whether a set of lower-case tags (an engine's) covers `tag` or its language."""
    return tag.lower() in languages or primary(tag) in languages


def iso_639_2(tag: str) -> str:
    """The three-letter ISO 639-2 (bibliographic) code of a tag, as ID3's TLAN frame
    wants it: "en-GB" -> "eng", "de" -> "ger"; "und" when the tag names no language."""
    try:
        return langcodes.Language.get(tag).to_alpha3(variant="B")
    except (ValueError, LookupError):
        return "und"
