"""Document: the article's structure as a reader sees it, built with beautifulsoup4.

Article -> Section (heading, level) -> Block. Blocks keep the text as it is
on the page; turning it into speech is the script stage's job.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment, Doctype, ProcessingInstruction

from .extract import Extraction

HEADINGS = {f"h{n}": n for n in range(1, 7)}
_CONTAINERS = {
    "div", "section", "article", "main", "header", "footer", "aside", "body",
    "html", "center", "details", "hgroup", "address",
}
_BLOCKS = set(HEADINGS) | _CONTAINERS | {
    "p", "ul", "ol", "dl", "blockquote", "figure", "table", "pre", "hr", "img",
    "picture", "figcaption", "summary", "li", "dt", "dd",
}
_SKIP = {"script", "style", "noscript", "template", "head", "title", "meta", "link"}


@dataclass
class Block:
    """One thing read aloud as a unit. `kind` names what it is on the page."""

    kind: str  #: paragraph, list_item, quote, image, table_row, code
    text: str  #: the text as on the page
    number: int | None = None  #: an ordered list item's number
    depth: int = 0  #: nesting depth of a list item (0 = top level)
    lang: str | None = None  #: language of the block when it differs from the page


@dataclass
class Section:
    heading: str | None  #: None for content before the first heading
    level: int
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Article:
    title: str
    lang: str
    sections: list[Section]
    byline: str | None = None
    date: str | None = None
    description: str | None = None
    image: str | None = None
    url: str | None = None


def build_document(extraction: Extraction) -> Article:
    """Turn extracted content HTML into an Article."""
    soup = BeautifulSoup(extraction.content_html, "lxml")
    builder = _Builder()
    builder.walk(soup.body or soup)
    return Article(
        title=extraction.title,
        lang=extraction.lang,
        sections=builder.finish(),
        byline=extraction.byline,
        date=extraction.date,
        description=extraction.description,
        image=extraction.image,
        url=extraction.url,
    )


def inline_text(node: Tag | NavigableString, skip: tuple[str, ...] = ()) -> str:
    """The text of an element as one line, `<br>` as a space, `skip` tags left out."""
    parts: list[str] = []
    for piece in node.descendants if isinstance(node, Tag) else [node]:
        if isinstance(piece, (Comment, Doctype, ProcessingInstruction)):
            continue
        if isinstance(piece, NavigableString):
            if not _inside(piece, node, skip):
                parts.append(str(piece))
        elif piece.name == "br":
            parts.append(" ")
    return " ".join("".join(parts).split())


def _inside(piece: NavigableString, node: Tag, skip: tuple[str, ...]) -> bool:
    """True when `piece` sits in a skipped or never-spoken tag below `node`."""
    for parent in piece.parents:
        if parent is node:
            return False
        if parent.name in skip or parent.name in _SKIP:
            return True
    return False


class _Builder:
    """Walks the content tree in document order, collecting sections and blocks."""

    def __init__(self) -> None:
        self.sections: list[Section] = [Section(heading=None, level=1)]
        self.inline: list[Tag | NavigableString] = []

    def finish(self) -> list[Section]:
        self._flush_inline()
        first = self.sections[0]
        return self.sections if first.blocks or len(self.sections) == 1 else self.sections[1:]

    def add(self, kind: str, text: str, **extra) -> None:
        if text:
            self.sections[-1].blocks.append(Block(kind=kind, text=text, **extra))

    def walk(self, node: Tag) -> None:
        for child in node.children:
            if isinstance(child, (Comment, Doctype, ProcessingInstruction)):
                continue
            if isinstance(child, NavigableString) or child.name not in _BLOCKS:
                if not (isinstance(child, Tag) and child.name in _SKIP):
                    self.inline.append(child)
                continue
            self._flush_inline()
            self._block(child)
        self._flush_inline()

    def _flush_inline(self) -> None:
        text = " ".join(inline_text(piece) for piece in self.inline)
        self.inline = []
        self.add("paragraph", " ".join(text.split()))

    def _block(self, tag: Tag) -> None:
        name = tag.name
        if name in HEADINGS:
            text = inline_text(tag)
            if text:
                self.sections.append(Section(heading=text, level=HEADINGS[name]))
        elif name == "p":
            self._paragraph(tag)
        elif name in ("ul", "ol"):
            self._list(tag, depth=0)
        elif name == "dl":
            for item in tag.find_all(["dt", "dd"]):
                self.add("paragraph", inline_text(item))
        elif name == "blockquote":
            self.add("quote", _quote_text(tag), lang=tag.get("lang"))
        elif name in ("figure", "picture", "img"):
            self._figure(tag)
        elif name == "table":
            self._table(tag)
        elif name == "pre":
            self.add("code", inline_text(tag))
        elif name in ("li", "dt", "dd", "figcaption", "summary"):
            self.add("paragraph", inline_text(tag))
        elif name != "hr":
            self.walk(tag)

    def _paragraph(self, tag: Tag) -> None:
        text = inline_text(tag)
        if text:
            self.add("paragraph", text, lang=tag.get("lang"))
        else:
            for img in tag.find_all("img"):
                self._figure(img)

    def _list(self, tag: Tag, depth: int) -> None:
        ordered = tag.name == "ol"
        items = tag.find_all("li", recursive=False)
        number = _list_start(tag, len(items))
        step = -1 if ordered and tag.has_attr("reversed") else 1
        for item in items:
            if ordered and item.get("value", "").strip().lstrip("-").isdigit():
                number = int(item["value"])
            text = inline_text(item, skip=("ul", "ol"))
            self.add("list_item", text, number=number if ordered else None, depth=depth,
                     lang=item.get("lang"))
            for nested in item.find_all(["ul", "ol"]):
                if nested.find_parent("li") is item:  # not a list inside a deeper list
                    self._list(nested, depth + 1)
            number += step

    def _figure(self, tag: Tag) -> None:
        images = [tag] if tag.name == "img" else tag.find_all("img")
        alts = [" ".join((img.get("alt") or "").split()) for img in images]
        caption_tag = tag.find("figcaption") if tag.name == "figure" else None
        caption = inline_text(caption_tag) if caption_tag else ""
        parts = [alt for alt in alts if alt]
        if caption and caption.casefold() not in (p.casefold() for p in parts):
            parts.append(caption)
        self.add("image", " ".join(_sentence(p) for p in parts))

    def _table(self, tag: Tag) -> None:
        rows = tag.find_all("tr")
        headers: list[str] = []
        for row in rows:
            cells = row.find_all(["th", "td"], recursive=False)
            texts = [inline_text(c) for c in cells]
            if cells and all(c.name == "th" for c in cells) and not headers:
                headers = texts
                continue
            if headers and len(headers) == len(texts):
                pairs = [f"{h}: {t}" if h else t for h, t in zip(headers, texts) if t]
                self.add("table_row", "; ".join(pairs))
            else:
                self.add("table_row", "; ".join(t for t in texts if t))


def _quote_text(tag: Tag) -> str:
    """A quote's paragraphs (and attribution) as sentences of one utterance."""
    parts = [inline_text(child) for child in tag.find_all(_BLOCKS - {"img"}, recursive=False)]
    parts = [p for p in parts if p]
    if not parts:
        return inline_text(tag)
    loose = inline_text(tag) if len(parts) == 1 else ""
    return loose if loose and len(loose) > len(parts[0]) + 1 else " ".join(_sentence(p) for p in parts)


def _list_start(tag: Tag, count: int) -> int:
    start = tag.get("start", "").strip()
    if start.lstrip("-").isdigit():
        return int(start)
    return count if tag.name == "ol" and tag.has_attr("reversed") else 1


def _sentence(text: str) -> str:
    return text if text[-1:] in ".!?" else text + "."
