"""The player page of an episode and the index of all episodes (WCAG 2.2 AA).

The article's own headings structure the page; the chapter list and the
transcript seek the audio; controls are native buttons with accessible
names; state changes are announced in a polite live region; shortcuts use
Alt+Shift and are listed on the page. Its script and styles are files beside it
(shared with the embed: `controls.py`), so it works from file:// and under a
strict Content-Security-Policy, and makes no network request. Its words are in the
episode's language where `labels.py` has it, else in English with the article's
own words marked in their language.
"""
from __future__ import annotations

import lxml.html
from lxml.html import builder as E

from ..audio.chapters import Chapter
from ..audio.timecode import timecode
from .controls import (GENERATOR, Assets, audio, button, chapter_list, element, filled, marked,
                       page, seek_bar, speed, status, transport)
from .labels import Labels, foreign, labels
from ..media import OEMBED_LINK
from .embed import Embedding
from .episode import Episode
from ..script import Script
from ..audio.timeline import Timeline
from .transcript import Heading, reading_order

__all__ = ["GENERATOR", "PAGE_NAME", "episode_page", "index_page"]
#: The shortcuts' keys, and which of the words says what each does.
SHORTCUTS = [("Alt+Shift+P", "shortcut_play"), ("Alt+Shift+B", "shortcut_back"),
             ("Alt+Shift+F", "shortcut_forward"), ("Alt+Shift+J", "shortcut_previous"),
             ("Alt+Shift+K", "shortcut_next"), ("Alt+Shift+S", "shortcut_speed")]
PAGE_NAME = "index.html"


def episode_page(script: Script, timeline: Timeline, chapters: list[Chapter], audio_file: str,
                 captions: str, chapter_track: str, show: tuple[str, str], assets: Assets,
                 embedding: Embedding, downloads: list[tuple[str, str]] = (),
                 voices: list[dict] = ()) -> bytes:
    """The player page; file names are relative to the episode's folder; `show` is
    the show's title and its language, `voices` the records of the voices that read it."""
    article, words = script.about, labels(script.lang)
    lang = words.page_lang(script.lang)
    own = foreign(script.lang, lang)  #: the article's words, where the page is in English
    show_title, show_lang = show
    back = filled(words.all_episodes, show=marked(show_title, show_lang, lang))
    header = [E.P(E.A(*back, href="../index.html")), E.H1(script.title, **own)]
    if article.byline or article.date:
        header.append(E.P(" · ".join(p for p in (article.byline, article.date) if p), E.CLASS("byline"),
                          **own))
    if voices:
        header.append(E.P(words.read_by.format(voices=words.credit(list(voices))), E.CLASS("voices")))
    tracks = [("chapters", chapter_track, words.chapters), ("captions", captions, words.transcript)]
    player = E.SECTION(
        E.CLASS("player"), audio(audio_file, words, tracks, script.lang),
        E.DIV(E.CLASS("controls"), *transport(words),
              button(words.previous_chapter, id="previous", **{"aria-keyshortcuts": "Alt+Shift+J"}),
              button(words.next_chapter, id="next", **{"aria-keyshortcuts": "Alt+Shift+K"}),
              speed(words)),
        seek_bar(timeline.duration_seconds, words), status(), **{"aria-label": words.player})
    body = [E.A(words.skip, E.CLASS("skip"), href="#article"),
            E.HEADER(*header), E.MAIN(player, _chapter_list(chapters, words, own),
                                      _transcript(script, timeline, words, own),
                                      _downloads(downloads, words), _embed_code(embedding, words),
                                      _shortcuts(words))]
    oembed = E.LINK(rel="alternate", type=OEMBED_LINK, href=embedding.oembed_url, title=script.title)
    return page(f"{script.title} · {show_title}", lang, body, assets, words, head=[oembed])


def _chapter_list(chapters: list[Chapter], words: Labels, own: dict[str, str]) -> lxml.html.HtmlElement:
    return E.NAV(E.H2(words.chapters, id="chapters-heading"), chapter_list(chapters, own),
                 E.CLASS("chapters"), **{"aria-labelledby": "chapters-heading"})


def _transcript(script: Script, timeline: Timeline, words: Labels,
                own: dict[str, str]) -> lxml.html.HtmlElement:
    """The article as read, under its own headings; each passage seeks the audio.
    A passage's language is on its text, not on its row, whose button is the page's."""
    parts = [E.P(E.LABEL(E.INPUT(type="checkbox", id="follow", checked="checked"),
                         " " + words.follow))]
    for item in reading_order(script, timeline):
        if isinstance(item, Heading):
            parts.append(element(item.tag, item.title, **own))
        else:
            utterance, start = item.utterance, item.start
            when = timecode(round(start * 1000))
            text = E.P(utterance.source_text, E.CLASS("text"),
                       **({"lang": utterance.lang} if utterance.lang else own))
            parts.append(E.DIV(E.CLASS(f"utterance {utterance.role}"),
                               button(when, **{"class": "seek",
                                               "aria-label": words.play_from.format(time=when)}),
                               text, **{"data-start": f"{start:.3f}", "data-end": f"{item.end:.3f}"}))
    return E.ARTICLE(*parts, id="article", **{"aria-label": words.transcript})


def _downloads(downloads: list[tuple[str, str]], words: Labels) -> lxml.html.HtmlElement:
    return E.SECTION(E.H2(words.downloads, id="downloads-heading"),
                     E.UL(*[E.LI(E.A(label, href=href)) for label, href in downloads]),
                     **{"aria-labelledby": "downloads-heading"})


def _embed_code(embedding: Embedding, words: Labels) -> lxml.html.HtmlElement:
    """The snippet that plays the episode on another page, to copy."""
    return E.SECTION(E.H2(words.embed_heading, id="embed-heading"),
                     E.P(E.LABEL(words.embed_help, **{"for": "snippet"})),
                     E.TEXTAREA(embedding.snippet, id="snippet", rows="4", readonly="readonly",
                                spellcheck="false"),
                     E.P(button(words.copy, id="copy-snippet")),
                     E.CLASS("embed-code"), **{"aria-labelledby": "embed-heading"})


def _shortcuts(words: Labels) -> lxml.html.HtmlElement:
    items = []
    for keys, action in SHORTCUTS:
        items += [E.DT(*_kbd(keys)), E.DD(getattr(words, action))]
    return E.SECTION(E.H2(words.shortcuts, id="keys-heading"), E.P(words.shortcuts_help),
                     E.DL(*items), E.P(words.slider_help),
                     E.CLASS("shortcuts"), **{"aria-labelledby": "keys-heading"})


def _kbd(keys: str) -> list:
    parts: list = []
    for index, key in enumerate(keys.split("+")):
        if index:
            parts.append("+")
        parts.append(E.KBD(key))
    return parts


def index_page(episodes: list[Episode], show_title: str, lang: str) -> bytes:
    """The list of every episode, newest first, each linking to its player page: in
    the feed's language `lang`, each episode's words marked where they are in another."""
    words = labels(lang)
    page_lang = words.page_lang(lang)
    items = []
    for episode in sorted(episodes, key=lambda e: e.pub_date, reverse=True):
        length = words.count(round(episode.duration_seconds / 60), "minute")
        own = foreign(episode.lang, page_lang)
        items.append(E.LI(E.H2(E.A(episode.title, href=f"{episode.slug}/{PAGE_NAME}", **own)),
                          E.P(f"{episode.pub_date[:10]} · {words.about.format(duration=length)}"),
                          E.P(episode.description, **own)))
    body = [E.HEADER(E.H1(show_title, **foreign(lang, page_lang))),
            E.MAIN(E.P(E.A(words.subscribe, href="feed.xml")), E.UL(*items))]
    return page(show_title, page_lang, body, None, words)
