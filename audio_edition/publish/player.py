"""The player page of an episode and the index of all episodes (WCAG 2.2 AA).

The article's own headings structure the page; the chapter list and the
transcript seek the audio; controls are native buttons with accessible
names; state changes are announced in a polite live region; shortcuts use
Alt+Shift and are listed on the page. Its script and styles are files beside it
(shared with the embed: `controls.py`), so it works from file:// and under a
strict Content-Security-Policy, and makes no network request.
"""
from __future__ import annotations

import lxml.html
from lxml.html import builder as E

from ..audio.chapters import Chapter
from ..audio.timecode import timecode
from .controls import (GENERATOR, Assets, audio, button, chapter_list, element, page, seek_bar,
                       speed, status, transport)
from ..media import OEMBED_LINK
from .embed import Embedding
from .episode import Episode
from ..script import Script
from ..audio.timeline import Timeline
from .transcript import Heading, reading_order

__all__ = ["GENERATOR", "PAGE_NAME", "episode_page", "index_page"]
SHORTCUTS = [("Alt+Shift+P", "play or pause"), ("Alt+Shift+B", "back 15 seconds"),
             ("Alt+Shift+F", "forward 15 seconds"), ("Alt+Shift+J", "previous chapter"),
             ("Alt+Shift+K", "next chapter"), ("Alt+Shift+S", "next speed")]
PAGE_NAME = "index.html"


def episode_page(script: Script, timeline: Timeline, chapters: list[Chapter], audio_file: str,
                 captions: str, chapter_track: str, show_title: str, assets: Assets,
                 embedding: Embedding, downloads: list[tuple[str, str]] = (),
                 read_by: str = "") -> bytes:
    """The player page; file names are relative to the episode's folder; `read_by`
    names the voices that read it."""
    article = script.about
    header = [E.P(E.A("All episodes of " + show_title, href="../index.html")), E.H1(script.title)]
    if article.byline or article.date:
        header.append(E.P(" · ".join(p for p in (article.byline, article.date) if p), E.CLASS("byline")))
    if read_by:
        header.append(E.P(f"Read by {read_by}.", E.CLASS("voices")))
    tracks = [("chapters", chapter_track, "Chapters"), ("captions", captions, "Transcript")]
    player = E.SECTION(
        E.CLASS("player"), audio(audio_file, tracks, script.lang),
        E.DIV(E.CLASS("controls"), *transport(),
              button("Previous chapter", id="previous", **{"aria-keyshortcuts": "Alt+Shift+J"}),
              button("Next chapter", id="next", **{"aria-keyshortcuts": "Alt+Shift+K"}),
              speed()),
        seek_bar(timeline.duration_seconds), status(), **{"aria-label": "Player"})
    body = [E.A("Skip to the article", E.CLASS("skip"), href="#article"),
            E.HEADER(*header), E.MAIN(player, _chapter_list(chapters),
                                      _transcript(script, timeline), _downloads(downloads),
                                      _embed_code(embedding), _shortcuts())]
    oembed = E.LINK(rel="alternate", type=OEMBED_LINK, href=embedding.oembed_url, title=script.title)
    return page(f"{script.title} · {show_title}", script.lang, body, assets, head=[oembed])


def _chapter_list(chapters: list[Chapter]) -> lxml.html.HtmlElement:
    return E.NAV(E.H2("Chapters", id="chapters-heading"), chapter_list(chapters), E.CLASS("chapters"),
                 **{"aria-labelledby": "chapters-heading"})


def _transcript(script: Script, timeline: Timeline) -> lxml.html.HtmlElement:
    """The article as read, under its own headings; each passage seeks the audio."""
    parts = [E.P(E.LABEL(E.INPUT(type="checkbox", id="follow", checked="checked"),
                         " Highlight the passage being read"))]
    for item in reading_order(script, timeline):
        if isinstance(item, Heading):
            parts.append(element(item.tag, item.title))
        else:
            utterance, start = item.utterance, item.start
            row = E.DIV(E.CLASS(f"utterance {utterance.role}"),
                        button(timecode(round(start * 1000)), **{"class": "seek",
                                "aria-label": f"Play from {timecode(round(start * 1000))}"}),
                        E.P(utterance.source_text, E.CLASS("text")),
                        **{"data-start": f"{start:.3f}",
                           "data-end": f"{item.end:.3f}"})
            if utterance.lang:
                row.set("lang", utterance.lang)
            parts.append(row)
    return E.ARTICLE(*parts, id="article", **{"aria-label": "Transcript"})


def _downloads(downloads: list[tuple[str, str]]) -> lxml.html.HtmlElement:
    return E.SECTION(E.H2("Downloads", id="downloads-heading"),
                     E.UL(*[E.LI(E.A(label, href=href)) for label, href in downloads]),
                     **{"aria-labelledby": "downloads-heading"})


def _embed_code(embedding: Embedding) -> lxml.html.HtmlElement:
    """The snippet that plays the episode on another page, to copy."""
    return E.SECTION(E.H2("Embed this episode", id="embed-heading"),
                     E.P(E.LABEL("To play this episode on another page, such as the article's own, "
                                 "paste this code into it:", **{"for": "snippet"})),
                     E.TEXTAREA(embedding.snippet, id="snippet", rows="4", readonly="readonly",
                                spellcheck="false"),
                     E.P(button("Copy the code", id="copy-snippet")),
                     E.CLASS("embed-code"), **{"aria-labelledby": "embed-heading"})


def _shortcuts() -> lxml.html.HtmlElement:
    items = []
    for keys, action in SHORTCUTS:
        items += [E.DT(*_kbd(keys)), E.DD(action)]
    return E.SECTION(E.H2("Keyboard shortcuts", id="keys-heading"),
                     E.P("Tab moves through every control. These shortcuts work anywhere on the page:"),
                     E.DL(*items),
                     E.P("On the position slider, the arrow keys move 5 seconds, Page Up and Page Down "
                         "to the next or previous chapter (marked on the slider), Home and End to "
                         "the start and the end."),
                     E.CLASS("shortcuts"), **{"aria-labelledby": "keys-heading"})


def _kbd(keys: str) -> list:
    parts: list = []
    for index, key in enumerate(keys.split("+")):
        if index:
            parts.append("+")
        parts.append(E.KBD(key))
    return parts


def index_page(episodes: list[Episode], show_title: str, lang: str) -> bytes:
    """The list of every episode, newest first, each linking to its player page."""
    items = []
    for episode in sorted(episodes, key=lambda e: e.pub_date, reverse=True):
        minutes = round(episode.duration_seconds / 60)
        items.append(E.LI(E.H2(E.A(episode.title, href=f"{episode.slug}/{PAGE_NAME}")),
                          E.P(f"{episode.pub_date[:10]} · about {minutes} minute{'s' * (minutes != 1)}"),
                          E.P(episode.description)))
    body = [E.HEADER(E.H1(show_title)),
            E.MAIN(E.P(E.A("Subscribe with the podcast feed", href="feed.xml")), E.UL(*items))]
    return page(show_title, lang, body, assets=None)
