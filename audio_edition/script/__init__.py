"""Script: what will be said, in order, with pauses; the contract between text and sound.

Deterministic and inspectable without any audio (`audio-edition script`).
Chapters follow the article's headings; the first chapter carries the title
and whatever comes before the first heading.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..language import same_language
from ..read import formula
from ..read.marks import said, shown
from .normalise import Normaliser
from .wording import wording

if TYPE_CHECKING:  # the Script is read without the extraction's libraries
    from ..read.document import Article, Block

#: Silence after each kind of utterance, in milliseconds.
PAUSE_AFTER_MS = {
    "title": 1000,
    "heading": 700,
    "paragraph": 500,
    "list_item": 350,
    "quote": 600,
    "image": 500,
    "table": 350,
    "code": 500,
    "term": 250,
    "definition": 450,
    "footnote_ref": 300,
    "footnote": 400,
    "intro": 800,  #: the show's intro (`framing.py`), before the article's title
    "outro": 600,
}
#: Kinds of block whose passages in another language become utterances of their own.
SEGMENTED_KINDS = ("paragraph", "list_item", "term", "definition", "footnote")
#: The silence between the passages of one block (a breath as the voice changes).
SEGMENT_PAUSE_MS = 120
#: The silence before a heading is at least this long, so sections are audible.
PAUSE_BEFORE_HEADING_MS = 900


@dataclass(frozen=True)
class ScriptOptions:
    """How structure is put into words; the defaults suit most listeners."""

    #: "number" speaks an ordered item's number ("2. ..."); "position" speaks the
    #: screen-reader style "Item 2 of 6." for every list item
    list_style: str = "number"
    #: said before and after a quotation; None: the words of the quotation's language
    #: ("Quote." ... "End of quote.", "Zitat." ... "Zitat Ende.": wording.py)
    quote_start: str | None = None
    quote_end: str | None = None
    #: code blocks are announced and skipped unless this is set
    read_code: bool = False
    code_announcement: str | None = None  #: None: the article language's words


@dataclass
class Utterance:
    role: str
    text: str  #: what the engine speaks
    source_text: str  #: the text as on the page
    pause_after_ms: int = 500
    lang: str | None = None  #: set when it differs from the article's language
    #: an audio file heard here instead of speech (the show's intro music): no text
    sound: str | None = None


@dataclass
class Chapter:
    title: str
    level: int
    utterances: list[Utterance] = field(default_factory=list)


@dataclass(frozen=True)
class About:
    """What the page says about the article, beside its words: for the tags, the feed,
    the player page and the books (which need nothing else of the document)."""

    byline: str | None = None
    date: str | None = None
    description: str | None = None
    image: str | None = None
    url: str | None = None


@dataclass
class Script:
    source: str
    title: str
    lang: str
    chapters: list[Chapter]
    about: About = field(default_factory=About, compare=False)

    @property
    def utterances(self) -> list[Utterance]:
        return [u for chapter in self.chapters for u in chapter.utterances]

    def to_dict(self) -> dict:
        """The public JSON shape of `audio-edition script --format json`; keep it stable.

        An utterance carries "lang" only when its language differs from the article's.
        """
        return {
            "source": self.source,
            "title": self.title,
            "lang": self.lang,
            "chapters": [
                {
                    "title": c.title,
                    "level": c.level,
                    "utterances": [_utterance_dict(u) for u in c.utterances],
                }
                for c in self.chapters
            ],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    def to_text(self) -> str:
        lines = [f"{self.title}  [{self.lang}]  ({self.source})"]
        for number, chapter in enumerate(self.chapters, 1):
            indent = "  " * (chapter.level - 1)
            lines.append(f"{indent}{number}. {chapter.title}")
            lines.extend(f"{indent}    {u.role}{f' [{u.lang}]' if u.lang else ''}: "
                         f"{f'(sound: {u.sound})' if u.sound else u.text}"
                         for u in chapter.utterances)
        return "\n".join(lines)


def _utterance_dict(u: Utterance) -> dict:
    data = {"role": u.role, "text": u.text, "source_text": u.source_text}
    if u.lang:
        data["lang"] = u.lang
    if u.sound:
        data["sound"] = u.sound
    return data


def build_script(article: Article, source: str, options: ScriptOptions = ScriptOptions(),
                 normaliser: Normaliser | None = None) -> Script:
    """Turn an Article into chapters of utterances."""
    writer = _Writer(article, options, normaliser or Normaliser())
    title = shown(article.title, article.says)
    chapters = [Chapter(title=title, level=1, utterances=[
        writer.utterance("title", article.title, _headline_say(article, title))])]
    for section in article.sections:
        if section.heading is None or (len(chapters) == 1 and _same(
                shown(section.heading, article.says), title)):
            # lead text, or the headline before any other heading (after a lead
            # picture's caption, say): the title, said already
            chapter = chapters[-1]
        else:
            # a chapter is named as the page writes its heading, whatever its say mark says
            chapter = Chapter(title=shown(section.heading, article.says), level=section.level,
                              utterances=[writer.utterance("heading", section.heading,
                                                           lang=section.lang)])
            chapters.append(chapter)
        for block in section.blocks:
            chapter.utterances.extend(writer.block(block))
    _lengthen_pauses_before_headings(chapters)
    about = About(article.byline, article.date, article.description, article.image, article.url)
    return Script(source=source, title=title, lang=article.lang, chapters=chapters,
                  about=about)


def _headline_say(article: Article, title: str) -> str | None:
    """The page's headline, when it repeats the title and the publisher gave it a say
    (`data-audio-edition-say`): the title is said as the say, once."""
    heading = article.sections[0].heading if article.sections else None
    if heading and said(heading, article.says) != shown(heading, article.says) \
            and _same(shown(heading, article.says), title):
        return heading
    return None


class _Writer:
    """Puts blocks into words; remembers which abbreviations were already expanded."""

    def __init__(self, article: Article, options: ScriptOptions, normaliser: Normaliser) -> None:
        self.article = article
        self.options = options
        self.normaliser = normaliser
        self.expanded: set[str] = set()

    def utterance(self, role: str, source_text: str, spoken: str | None = None,
                  lang: str | None = None) -> Utterance:
        lang = lang if lang and not same_language(lang, self.article.lang) else None
        language = lang or self.article.lang
        spoken = said(spoken if spoken is not None else source_text, self.article.says)
        source_text = shown(source_text, self.article.says)
        if role != "code":  # a formula is shown as the page gives it, and said in words
            source_text, spoken = formula.written(source_text), formula.spoken(spoken, language)
        text = self.normaliser(spoken, language)
        return Utterance(role=role, text=text, source_text=source_text,
                         pause_after_ms=PAUSE_AFTER_MS.get(role, 500), lang=lang)

    def block(self, block: Block) -> list[Utterance]:
        if block.segments and block.kind in SEGMENTED_KINDS:
            utterances = self._segmented(block)
        else:
            spoken = self._expand_abbreviations(block, block.spoken or block.text)
            utterances = [self._main(block, spoken)] if block.text else []
        words = wording(block.lang or self.article.lang)
        utterances += [self.utterance("footnote_ref", label, words.footnote.format(label),
                                      block.lang)
                       for label in block.note_refs]
        return utterances

    def _main(self, block: Block, spoken: str) -> Utterance:
        o = self.options
        words = wording(block.lang or self.article.lang)
        if block.kind == "list_item":
            return self.utterance("list_item", block.text, self._numbered(block, spoken),
                                  block.lang)
        if block.kind == "quote":
            start = words.quote_start if o.quote_start is None else o.quote_start
            end = words.quote_end if o.quote_end is None else o.quote_end
            framed = " ".join(p for p in (start, spoken, end) if p)
            return self.utterance("quote", block.text, framed, block.lang)
        if block.kind == "image":
            return self.utterance("image", block.text, words.image.format(spoken), block.lang)
        if block.kind == "code":
            if o.read_code:
                return self.utterance("code", block.text, spoken)
            announcement = wording(self.article.lang).code if o.code_announcement is None \
                else o.code_announcement
            return self.utterance("code", block.text, announcement)
        if block.kind in ("table_row", "table_caption"):
            text = words.table.format(spoken) if block.kind == "table_caption" else spoken
            return self.utterance("table", block.text, text, block.lang)
        return self.utterance(block.kind, block.text, spoken, block.lang)

    def _numbered(self, block: Block, spoken: str) -> str:
        """A list item with its number, or its position in the words of its language."""
        if self.options.list_style == "position" and block.position and block.count:
            item = wording(block.lang or self.article.lang).item
            return f"{item.format(position=block.position, count=block.count)} {spoken}"
        if block.number is not None:
            return f"{block.number}. {spoken}"
        return spoken

    def _segmented(self, block: Block) -> list[Utterance]:
        """A block with passages in other languages: one utterance a passage, each in
        its language, with no pause between them but after the last."""
        utterances = []
        for index, (text, lang) in enumerate(block.segments):
            spoken = self._expand_abbreviations(block, text)
            if index == 0 and block.kind == "list_item":
                spoken = self._numbered(block, spoken)
            utterance = self.utterance(block.kind, text, spoken, lang or block.lang)
            utterance.pause_after_ms = SEGMENT_PAUSE_MS
            utterances.append(utterance)
        utterances[-1].pause_after_ms = PAUSE_AFTER_MS.get(block.kind, 500)
        return utterances

    def _expand_abbreviations(self, block: Block, text: str) -> str:
        """The first use of an `<abbr title>` in the article is spoken with its expansion."""
        for short, long in block.abbreviations.items():
            if short in self.expanded or short.casefold() == long.casefold():
                continue
            pattern = re.compile(rf"(?<!\w){re.escape(short)}(?!\w)")
            text, found = pattern.subn(lambda m: f"{long} ({m.group(0)})", text, count=1)
            if found:
                self.expanded.add(short)
        return text


def _lengthen_pauses_before_headings(chapters: list[Chapter]) -> None:
    for previous in chapters[:-1]:  # every chapter that a heading follows
        if previous.utterances:
            last = previous.utterances[-1]
            last.pause_after_ms = max(last.pause_after_ms, PAUSE_BEFORE_HEADING_MS)


def _same(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())
