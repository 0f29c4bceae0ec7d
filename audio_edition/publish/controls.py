"""The player's parts that its two pages share: the player page (`player.py`) and the
embed (`embed.py`) have one markup for the audio and its controls, and link one
script and one style sheet, written beside them in the episode's folder as files of
their own (no inline script or style: the pages run under a Content-Security-Policy
of `default-src 'self'`, and make no request outside the episode's folder). HTML is
built with lxml, which escapes everything that comes from the page. Their words are
the episode's language's (`labels.py`); the script is given what it says in the page.
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files

import lxml.html
from lxml.html import builder as E

from ..audio.chapters import Chapter
from ..audio.timecode import timecode
from .labels import Labels, foreign

#: Named in every page we write, so a later build knows the page is ours to replace.
GENERATOR = "audio-edition"
SPEEDS = ("0.5", "0.75", "1", "1.25", "1.5", "1.75", "2", "2.5", "3")
#: The package's script and styles, written into every episode's folder.
SCRIPT, STYLE = "player.js", "player.css"


@dataclass(frozen=True)
class Assets:
    """The file names of the script and styles in the episode's folder (they carry a
    hash of their content, so a browser never keeps an old script for a new page)."""

    script: str
    style: str


def asset(name: str) -> bytes:
    return files("audio_edition.publish.assets").joinpath(name).read_bytes()


def element(tag: str, text: str = "", **attributes: str) -> lxml.html.HtmlElement:
    made = lxml.html.Element(tag, **attributes)
    made.text = text
    return made


def marked(text: str, tag: str | None, page_lang: str) -> str | lxml.html.HtmlElement:
    """A text in `tag` on a page in `page_lang`: in a span that says its language where
    the two differ, else as it is."""
    own = foreign(tag, page_lang)
    return E.SPAN(text, **own) if own else text


def filled(template: str, **parts: str | lxml.html.HtmlElement) -> list:
    """A text of the labels with an element where its one `{name}` is: the text
    around it and the element, as an element's contents."""
    (name, part), = parts.items()
    before, after = template.split("{" + name + "}")
    return [before, part, after]


def button(text: str, **attributes: str) -> lxml.html.HtmlElement:
    return element("button", text, type="button", **attributes)


def page(title: str, lang: str, body: list, assets: Assets | None, words: Labels,
         head: list = (), body_class: str = "") -> bytes:
    """A page of the edition; without `assets` (the index of all episodes, which has
    no folder of its own) its styles are inlined and it has no script; with them, the
    body carries what the script says (`data-words`)."""
    parts = [E.META(charset="utf-8"),
             E.META(name="viewport", content="width=device-width, initial-scale=1"),
             E.META(name="generator", content=GENERATOR), E.TITLE(title), *head]
    if assets:
        parts += [E.LINK(rel="stylesheet", href=assets.style),
                  element("script", src=assets.script, defer="defer")]
    else:
        parts.append(E.STYLE(asset(STYLE).decode("utf-8")))
    attributes = {"class": body_class} if body_class else {}
    if assets:
        attributes["data-words"] = words.for_script()
    document = E.HTML(E.HEAD(*parts), E.BODY(*body, **attributes), lang=lang)
    return lxml.html.tostring(document, doctype="<!DOCTYPE html>", encoding="utf-8",
                              pretty_print=True)


def audio(src: str, words: Labels, tracks: list[tuple[str, str, str]] = (),
          lang: str = "") -> lxml.html.HtmlElement:
    """The audio element (never autoplaying); `tracks` are (kind, file, label)."""
    made = element("audio", "", id="audio", src=src, preload="metadata")
    for kind, track, label in tracks:
        made.append(element("track", kind=kind, src=track, srclang=lang, label=label))
    made.append(E.P(*filled(words.no_audio, link=E.A(words.download_it, href=src))))
    return made


def transport(words: Labels) -> list[lxml.html.HtmlElement]:
    """Play or pause, back and forward 15 seconds: the unit is shown where there is
    room, and always part of the name (it ends it, so the name holds what is shown)."""
    def jump(text: str, id: str, key: str) -> lxml.html.HtmlElement:
        made = button(text, id=id, **{"aria-keyshortcuts": f"Alt+Shift+{key}"})
        made.append(E.SPAN(words.seconds, E.CLASS("unit")))
        return made
    return [button(words.play, id="play", **{"aria-keyshortcuts": "Alt+Shift+P"}),
            jump(words.back, "back", "B"), jump(words.forward, "forward", "F")]


def chapter_list(chapters: list[Chapter], lang: dict[str, str]) -> lxml.html.HtmlElement:
    """A button for every chapter, which seeks the audio to its start; `lang` is the
    attribute of the chapters' titles where the page is in another language."""
    items = []
    for chapter in chapters:
        chosen = button(f"{chapter.title} ", **{"data-start": f"{chapter.start_ms / 1000:.3f}",
                                                 "data-title": chapter.title})
        chosen.append(E.SPAN(f"({timecode(chapter.start_ms)})", E.CLASS("when")))
        items.append(E.LI(chosen, E.CLASS(f"level-{chapter.level}")))
    return E.OL(*items, **lang)


def seek_bar(duration_seconds: float, words: Labels) -> lxml.html.HtmlElement:
    """The position slider: a native range input, whose accessible value is the time
    in words ("4 minutes 10 seconds of 12 minutes"; the script keeps it so, and marks
    the chapters on it), and the time as digits beside it."""
    whole = round(duration_seconds)
    said = words.position_of.format(position=words.time(0), length=words.time(whole))
    slider = E.INPUT(type="range", id="seek", min="0", max=f"{duration_seconds:.3f}", step="any",
                     value="0", **{"aria-valuetext": said})
    return E.DIV(E.CLASS("position"), E.LABEL(words.position, **{"for": "seek"}),
                 E.DIV(E.CLASS("rail"), slider, E.DIV(E.CLASS("marks"), **{"aria-hidden": "true"})),
                 E.SPAN(f"0:00 / {timecode(whole * 1000, pad=False)}", E.CLASS("time"), id="time"))


def speed(words: Labels) -> lxml.html.HtmlElement:
    """The speed control, a native select, with its label (kept together)."""
    options = [E.OPTION(f"{words.number(float(s))}×", value=s,
                        **({"selected": "selected"} if s == "1" else {}))
               for s in SPEEDS]
    return E.SPAN(E.CLASS("speed"), E.LABEL(words.speed, **{"for": "speed"}),
                  E.SELECT(*options, id="speed", **{"aria-keyshortcuts": "Alt+Shift+S"}))


def status(css_class: str = "status") -> lxml.html.HtmlElement:
    """The polite live region that announces what the controls did."""
    return E.P(E.CLASS(css_class), id="status", role="status", **{"aria-live": "polite"})
