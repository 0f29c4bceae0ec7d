"""The show's intro and outro around every episode: texts spoken in the episode's
voice (with `{title}`, `{show}`, `{author}`, `{date}` filled in from the article)
and sounds (an audio file heard as it is). They are utterances of the Script like
any other, so the Timeline places them and every time after them follows;
chapters of their own only when asked.
"""
from __future__ import annotations

import string
from dataclasses import dataclass, replace

from . import PAUSE_AFTER_MS, PAUSE_BEFORE_HEADING_MS, Chapter, Script, Utterance
from .normalise import Normaliser
from .wording import wording

#: What an intro or outro text may name, each filled from the article (empty when unknown).
PLACEHOLDERS = ("title", "show", "author", "date")


class PlaceholderError(ValueError):
    """A text names a placeholder that does not exist or formats it."""


@dataclass(frozen=True)
class Framing:
    """What opens and closes every episode of the show."""

    show: str = ""  #: the show's title, for {show}
    intro: str = ""
    outro: str = ""
    intro_audio: str | None = None  #: an audio file heard first
    outro_audio: str | None = None  #: an audio file heard last
    intro_chapter: bool = False  #: the intro and the outro are chapters of their own
    #: what the sounds' bytes hash to: a new file under the same name rebuilds
    sound_digests: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.intro or self.outro or self.intro_audio or self.outro_audio)


def checked_template(text: str) -> str:
    """`text` when every placeholder in it is one of PLACEHOLDERS, plainly written
    (`{title}`, not `{title!r}` nor `{title.upper}`); else PlaceholderError."""
    try:
        parts = list(string.Formatter().parse(text))
    except ValueError as err:
        raise PlaceholderError(f"is not a text with placeholders ({err}); write {{{{ and }}}} "
                               "for a brace") from None
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in PLACEHOLDERS or spec or conversion:
            raise PlaceholderError(f"names {{{name}{'!' + conversion if conversion else ''}"
                                   f"{':' + spec if spec else ''}}}, but only "
                                   + ", ".join(f"{{{p}}}" for p in PLACEHOLDERS) + " exist")
    return text


def filled(template: str, values: dict[str, str | None]) -> str:
    """The text with its placeholders filled; what the page gives is data, never a
    placeholder itself, and a field the page lacks is empty."""
    text = template.format_map({name: values.get(name) or "" for name in PLACEHOLDERS})
    return " ".join(text.split())


def framed(script: Script, framing: Framing, normaliser: Normaliser) -> Script:
    """The Script with the show's intro before it and its outro after it."""
    if not framing:
        return script
    about = script.about
    values = {"title": script.title, "show": framing.show, "author": about.byline,
              "date": (about.date or "")[:10]}

    def spoken(role: str, template: str) -> list[Utterance]:
        text = filled(template, values)
        if not text:
            return []
        return [Utterance(role, normaliser(text, script.lang), text, PAUSE_AFTER_MS[role])]

    def sound(role: str, path: str | None) -> list[Utterance]:
        return [Utterance(role, "", "", PAUSE_AFTER_MS[role], sound=path)] if path else []

    intro = sound("intro", framing.intro_audio) + spoken("intro", framing.intro)
    outro = spoken("outro", framing.outro) + sound("outro", framing.outro_audio)
    chapters = [replace(c, utterances=list(c.utterances)) for c in script.chapters]
    if outro and chapters[-1].utterances:  # the article ends before the outro begins
        last = chapters[-1].utterances[-1]
        chapters[-1].utterances[-1] = replace(
            last, pause_after_ms=max(last.pause_after_ms, PAUSE_BEFORE_HEADING_MS))
    if framing.intro_chapter:  # named in the episode's language
        words = wording(script.lang)
        chapters = ([Chapter(words.intro, 1, intro)] if intro else []) + chapters + (
            [Chapter(words.outro, 1, outro)] if outro else [])
    else:
        chapters[0].utterances[:0] = intro
        chapters[-1].utterances += outro
    return replace(script, chapters=chapters)
