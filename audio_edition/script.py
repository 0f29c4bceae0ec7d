"""Script: what will be said, in order, with pauses; the contract between text and sound.

Deterministic and inspectable without any audio (`audio-edition script`).
Chapters follow the article's headings; the first chapter carries the title
and whatever comes before the first heading.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from .document import Article, Block
from .normalise import normalise

#: Silence after each kind of utterance, in milliseconds.
PAUSE_AFTER_MS = {
    "title": 1000,
    "heading": 700,
    "paragraph": 500,
    "list_item": 350,
    "quote": 600,
    "image": 500,
    "table_row": 350,
    "code": 500,
}
#: The silence before a heading is at least this long, so sections are audible.
PAUSE_BEFORE_HEADING_MS = 900


@dataclass
class Utterance:
    role: str
    text: str  #: what the engine speaks
    source_text: str  #: the text as on the page
    pause_after_ms: int = 500
    lang: str | None = None


@dataclass
class Chapter:
    title: str
    level: int
    utterances: list[Utterance] = field(default_factory=list)


@dataclass
class Script:
    source: str
    title: str
    lang: str
    chapters: list[Chapter]
    #: the document the script was made from (metadata for tags and the feed)
    article: Article | None = field(default=None, repr=False, compare=False)

    @property
    def utterances(self) -> list[Utterance]:
        return [u for chapter in self.chapters for u in chapter.utterances]

    def to_dict(self) -> dict:
        """The public JSON shape of `audio-edition script --format json`; keep it stable."""
        return {
            "source": self.source,
            "title": self.title,
            "lang": self.lang,
            "chapters": [
                {
                    "title": c.title,
                    "level": c.level,
                    "utterances": [
                        {"role": u.role, "text": u.text, "source_text": u.source_text}
                        for u in c.utterances
                    ],
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
            lines.extend(f"{indent}    {u.role}: {u.text}" for u in chapter.utterances)
        return "\n".join(lines)


def build_script(article: Article, source: str) -> Script:
    """Turn an Article into chapters of utterances."""
    intro = Chapter(title=article.title, level=1,
                    utterances=[_utterance("title", article.title)])
    chapters = [intro]
    for index, section in enumerate(article.sections):
        if section.heading is None or (index == 0 and _same(section.heading, article.title)):
            chapter = chapters[-1]  # lead text, or an h1 that repeats the title
        else:
            chapter = Chapter(title=section.heading, level=section.level,
                              utterances=[_utterance("heading", section.heading)])
            chapters.append(chapter)
        chapter.utterances.extend(_block_utterance(block) for block in section.blocks)
    _lengthen_pauses_before_headings(chapters)
    return Script(source=source, title=article.title, lang=article.lang, chapters=chapters,
                  article=article)


def _utterance(role: str, source_text: str, spoken: str | None = None,
               lang: str | None = None) -> Utterance:
    return Utterance(role=role, text=normalise(spoken if spoken is not None else source_text),
                     source_text=source_text, pause_after_ms=PAUSE_AFTER_MS.get(role, 500),
                     lang=lang)


def _block_utterance(block: Block) -> Utterance:
    if block.kind == "list_item" and block.number is not None:
        return _utterance("list_item", block.text, f"{block.number}. {block.text}", block.lang)
    if block.kind == "quote":
        return _utterance("quote", block.text, f"Quote. {block.text} End of quote.", block.lang)
    if block.kind == "image":
        return _utterance("image", block.text, f"Image: {block.text}")
    if block.kind == "code":
        return _utterance("code", block.text, "A code block is skipped.")
    if block.kind == "table_row":
        return _utterance("table", block.text)
    return _utterance(block.kind, block.text, lang=block.lang)


def _lengthen_pauses_before_headings(chapters: list[Chapter]) -> None:
    for previous, chapter in zip(chapters, chapters[1:]):
        if previous.utterances:
            last = previous.utterances[-1]
            last.pause_after_ms = max(last.pause_after_ms, PAUSE_BEFORE_HEADING_MS)


def _same(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())
