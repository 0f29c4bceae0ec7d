"""The player's parts that its two pages share: the player page (`player.py`) and the
embed (`embed.py`) have one markup for the audio and its controls, and link one
script and one style sheet, written beside them in the episode's folder as files of
their own (no inline script or style: the pages run under a Content-Security-Policy
of `default-src 'self'`, and make no request outside the episode's folder). HTML is
built with lxml, which escapes everything that comes from the page.
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files

import lxml.html
from lxml.html import builder as E

from ..audio.chapters import Chapter
from ..audio.timecode import timecode

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


def button(text: str, **attributes: str) -> lxml.html.HtmlElement:
    return element("button", text, type="button", **attributes)


def page(title: str, lang: str, body: list, assets: Assets | None,
         head: list = (), body_class: str = "") -> bytes:
    """A page of the edition; without `assets` (the index of all episodes, which has
    no folder of its own) its styles are inlined and it has no script."""
    parts = [E.META(charset="utf-8"),
             E.META(name="viewport", content="width=device-width, initial-scale=1"),
             E.META(name="generator", content=GENERATOR), E.TITLE(title), *head]
    if assets:
        parts += [E.LINK(rel="stylesheet", href=assets.style),
                  element("script", src=assets.script, defer="defer")]
    else:
        parts.append(E.STYLE(asset(STYLE).decode("utf-8")))
    document = E.HTML(E.HEAD(*parts), E.BODY(*body, **({"class": body_class} if body_class else {})),
                      lang=lang)
    return lxml.html.tostring(document, doctype="<!DOCTYPE html>", encoding="utf-8",
                              pretty_print=True)


def audio(src: str, tracks: list[tuple[str, str, str]] = (), lang: str = "") -> lxml.html.HtmlElement:
    """The audio element (never autoplaying); `tracks` are (kind, file, label)."""
    made = element("audio", "", id="audio", src=src, preload="metadata")
    for kind, track, label in tracks:
        made.append(element("track", kind=kind, src=track, srclang=lang, label=label))
    made.append(E.P("Your browser cannot play this audio here; ", E.A("download it", href=src), "."))
    return made


def transport() -> list[lxml.html.HtmlElement]:
    """Play or pause, back and forward 15 seconds: the unit is shown where there is
    room, and always part of the name."""
    def jump(word: str, id: str, key: str) -> lxml.html.HtmlElement:
        made = button(f"{word} 15", id=id, **{"aria-keyshortcuts": f"Alt+Shift+{key}"})
        made.append(E.SPAN(" seconds", E.CLASS("unit")))
        return made
    return [button("Play", id="play", **{"aria-keyshortcuts": "Alt+Shift+P"}),
            jump("Back", "back", "B"), jump("Forward", "forward", "F")]


def chapter_list(chapters: list[Chapter]) -> lxml.html.HtmlElement:
    """A button for every chapter, which seeks the audio to its start."""
    items = []
    for chapter in chapters:
        chosen = button(f"{chapter.title} ", **{"data-start": f"{chapter.start_ms / 1000:.3f}",
                                                 "data-title": chapter.title})
        chosen.append(E.SPAN(f"({timecode(chapter.start_ms)})", E.CLASS("when")))
        items.append(E.LI(chosen, E.CLASS(f"level-{chapter.level}")))
    return E.OL(*items)


def seek_bar(duration_seconds: float) -> lxml.html.HtmlElement:
    """The position slider: a native range input, whose accessible value is the time
    in words ("4 minutes 10 seconds of 12 minutes"; the script keeps it so, and marks
    the chapters on it), and the time as digits beside it."""
    whole = round(duration_seconds)
    slider = E.INPUT(type="range", id="seek", min="0", max=f"{duration_seconds:.3f}", step="any",
                     value="0", **{"aria-valuetext": f"0 seconds of {spoken_time(whole)}"})
    return E.DIV(E.CLASS("position"), E.LABEL("Position", **{"for": "seek"}),
                 E.DIV(E.CLASS("rail"), slider, E.DIV(E.CLASS("marks"), **{"aria-hidden": "true"})),
                 E.SPAN(f"0:00 / {timecode(whole * 1000, pad=False)}", E.CLASS("time"), id="time"))


def spoken_time(seconds: int) -> str:
    """A time as words: "1 hour 2 minutes 5 seconds", "12 minutes", "0 seconds"."""
    hours, rest = divmod(seconds, 3600)
    parts = [(hours, "hour"), *zip(divmod(rest, 60), ("minute", "second"))]
    said = [f"{n} {unit}{'s' * (n != 1)}" for n, unit in parts if n]
    return " ".join(said) or "0 seconds"


def speed() -> lxml.html.HtmlElement:
    """The speed control, a native select, with its label (kept together)."""
    options = [E.OPTION(f"{s}×", value=s, **({"selected": "selected"} if s == "1" else {}))
               for s in SPEEDS]
    return E.SPAN(E.CLASS("speed"), E.LABEL("Speed", **{"for": "speed"}),
                  E.SELECT(*options, id="speed", **{"aria-keyshortcuts": "Alt+Shift+S"}))


def status(css_class: str = "status") -> lxml.html.HtmlElement:
    """The polite live region that announces what the controls did."""
    return E.P(E.CLASS(css_class), id="status", role="status", **{"aria-live": "polite"})
