"""The embed: a compact player made to sit in an `<iframe>` on the article's own page
(`embed.html`), the snippet that puts it there, and the episode's oEmbed response
(`oembed.json`, https://oembed.com), so that tools that understand oEmbed embed an
episode from its player page's URL.

The embed is the player page's controls (`controls.py`), driven by the same script
and styled by the same sheet, which are files beside both pages: it runs under a
Content-Security-Policy of `default-src 'self'` and asks for nothing outside the
episode's folder (not the show's cover, not its index). It fits a frame from 320 px
wide up; the chapters are a menu (a modal dialog of the chapter buttons), the
transcript and the full player page open in a new tab.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

import lxml.html
from lxml.html import builder as E

from ..audio.chapters import Chapter
from .controls import (Assets, audio, button, chapter_list, marked, page, seek_bar, speed, status,
                       transport)
from .labels import Labels, foreign, labels

EMBED_NAME = "embed.html"
OEMBED_NAME = "oembed.json"
#: The frame: as wide as the column, up to WIDTH; HEIGHT holds the embed at 320 px
#: wide, where its controls take two rows, with a title of two lines (a longer title
#: scrolls the frame rather than hide its words).
WIDTH, HEIGHT = 640, 264


@dataclass(frozen=True)
class Embedding:
    """How the player page offers the embed: the snippet to copy, the oEmbed URL."""

    snippet: str
    oembed_url: str


def snippet(src: str, title: str, lang: str = "en") -> str:
    """The iframe to paste into the article's page: named for what it holds (in the
    article's language `lang`, the host page's), as wide as the column up to WIDTH,
    never allowed to autoplay. Without its style (a host page whose policy refuses
    style attributes) it is 300 px wide, which still fits."""
    frame = E.IFRAME(src=src, title=labels(lang).listen_to.format(title=title), height=str(HEIGHT),
                     loading="lazy",
                     style=f"width: 100%; max-width: {WIDTH}px; border: 0")
    return lxml.html.tostring(frame, encoding="unicode")


def oembed(html: str, title: str, author: str | None, show_name: str, show_url: str,
           thumbnail: tuple[str, int] | None) -> bytes:
    """The oEmbed response: type "rich", the iframe as its html; `thumbnail` is the
    cover's URL and its (square) size."""
    response = {"type": "rich", "version": "1.0", "title": title, "provider_name": show_name,
                "provider_url": show_url, "html": html, "width": WIDTH, "height": HEIGHT}
    if author:
        response["author_name"] = author
    if thumbnail:
        url, size = thumbnail
        response.update(thumbnail_url=url, thumbnail_width=size, thumbnail_height=size)
    return json.dumps(response, ensure_ascii=False, indent=2).encode("utf-8")


def embed_page(title: str, lang: str, duration_seconds: float, chapters: list[Chapter],
               audio_file: str, transcript: str, show: tuple[str, str], assets: Assets) -> bytes:
    """The compact player, in the words of the episode's language `lang` (else English);
    file names are relative to the episode's folder; `show` is the show's title and
    its language."""
    words = labels(lang)
    page_lang = words.page_lang(lang)
    own = foreign(lang, page_lang)
    show_title, show_lang = show
    controls = E.DIV(E.CLASS("controls"), *transport(words))
    if len(chapters) > 1:
        controls.append(button(words.chapters, id="chapters-open", **{"aria-haspopup": "dialog"}))
    controls.append(speed(words))
    about = E.P(f"{words.time(round(duration_seconds))} · ", marked(show_title, show_lang, page_lang),
                E.CLASS("about"))
    main = E.MAIN(audio(audio_file, words),
                  E.HEADER(E.H1(title, **own), about),
                  controls, seek_bar(duration_seconds, words),
                  E.P(E.CLASS("links"), _new_tab(words.transcript, transcript, words),
                      _new_tab(words.full_player, "index.html", words)),
                  status("visually-hidden"),
                  # named, so it stands apart from the main landmark of the page around it
                  **{"aria-label": words.listen_to.format(title=title)})
    if len(chapters) > 1:
        main.append(_chapter_menu(chapters, words, own))
    return page(f"{title} · {show_title}", page_lang, [main], assets, words, body_class="embed")


def _new_tab(text: str, href: str, words: Labels) -> lxml.html.HtmlElement:
    """A link out of the frame: a new tab, said so, rather than a page squeezed into it."""
    return E.A(text, E.SPAN(words.new_tab, E.CLASS("visually-hidden")), href=href,
               target="_blank", rel="noopener")


def _chapter_menu(chapters: list[Chapter], words: Labels, own: dict[str, str]) -> lxml.html.HtmlElement:
    """The chapters as a menu: a modal dialog over the frame (it keeps the focus in,
    Escape closes it), whatever the frame's height."""
    head = E.DIV(E.CLASS("menu-head"), E.H2(words.chapters, id="chapter-menu-title"),
                 button(words.close, id="chapters-close"))
    return E.DIALOG(head, chapter_list(chapters, own), E.CLASS("chapters"), id="chapter-menu",
                    **{"aria-labelledby": "chapter-menu-title"})
