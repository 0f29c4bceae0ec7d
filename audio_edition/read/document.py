"""Document: the article's structure as a reader sees it, built with beautifulsoup4.

Article -> Section (heading, level) -> Block. Blocks keep the text as it is
on the page, plus what the script stage needs to speak it faithfully: a list
item's number and position, the abbreviations it uses, its footnote
references, its language. Turning it into speech is the script stage's job.
"""
from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment, Doctype, ProcessingInstruction

from .extract import Extraction
from .furniture import (PROSE_END, furniture, is_file_name, is_placeholder_alt, is_related_label,
                        is_toolbar, strip_caption_credit, strip_copyright_credit, strip_credit,
                        strip_declared_credit, without_gallery_counter)
from ..language import language_tag
from ..printable import bidi_balanced

HEADINGS = {f"h{n}": n for n in range(1, 7)}
_CONTAINERS = {
    "div", "section", "article", "main", "header", "footer", "aside", "body",
    "html", "center", "details", "hgroup", "address",
}
_BLOCKS = set(HEADINGS) | _CONTAINERS | {
    "p", "ul", "ol", "dl", "blockquote", "figure", "table", "pre", "hr", "img",
    "picture", "figcaption", "summary", "li", "dt", "dd",
}
_SKIP = {"script", "style", "noscript", "template", "head", "title", "meta", "link", "rt", "rp"}
#: An entity left in the text by a page that escaped it twice ("400&amp;percnt;" shows
#: "400&percnt;"): the author meant the character, and no listener wants "and percnt".
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
#: Soft hyphen, zero-width space, word joiner, byte order mark: never seen, never said.
_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")
_RUN_END = re.compile(r"[.!?:;…。！？]['\"”’»)\]]*$")
_NOTES_CLASS = re.compile(r"\b(footnotes?|endnotes?|references|reflist|notes)\b", re.I)
_NOTE_REF_CLASS = re.compile(r"\b(footnote-ref|footnote_ref|fnref|noteref|reference)\b", re.I)
_NOTE_LABEL = re.compile(r"^\[?\s*([0-9]{1,3}|[a-z]|[*†‡§])\s*\]?$", re.I)


@dataclass
class Block:
    """One thing read aloud as a unit. `kind` names what it is on the page."""

    kind: str  #: paragraph, list_item, quote, image, table_row, table_caption, code, term, definition, footnote
    text: str  #: the text as on the page (footnote references left out)
    number: int | None = None  #: an ordered list item's number
    position: int | None = None  #: a list item's place in its own list, from 1
    count: int | None = None  #: how many items its list has
    depth: int = 0  #: nesting depth of a list item (0 = top level)
    lang: str | None = None  #: language of the block's element (or an ancestor's) when set
    abbreviations: dict[str, str] = field(default_factory=dict)  #: short form -> expansion
    note_refs: list[str] = field(default_factory=list)  #: labels of footnote references in it
    #: (text, language) runs when a passage inside the block has its own `lang`
    segments: list[tuple[str, str | None]] = field(default_factory=list)
    #: how it is said when that differs from its text: a table row's cells, each
    #: with its column's header
    spoken: str | None = None


@dataclass
class Section:
    heading: str | None  #: None for content before the first heading
    level: int
    blocks: list[Block] = field(default_factory=list)
    lang: str | None = None


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
    #: what the publisher's say marks in its text say (`marks.said`)
    says: tuple[str, ...] = ()


def build_document(extraction: Extraction) -> Article:
    """Turn extracted content HTML into an Article."""
    soup = BeautifulSoup(visible(extraction.content_html), "lxml")
    title = bidi_balanced(visible(extraction.title))  # an unclosed override turns what follows
    builder = _Builder(title)
    builder.walk(soup.body or soup)
    return Article(
        title=title,
        lang=extraction.lang,
        sections=builder.finish(),
        byline=extraction.byline,
        date=extraction.date,
        description=extraction.description,
        image=extraction.image,
        url=extraction.url,
        says=extraction.says,
    )


@dataclass
class _Inline:
    """Text gathered from inline content, with what it carries."""

    text: str = ""
    abbreviations: dict[str, str] = field(default_factory=dict)
    note_refs: list[str] = field(default_factory=list)
    #: (text, language) runs when part of the text is marked with another `lang`
    segments: list[tuple[str, str | None]] = field(default_factory=list)
    #: the blocks gathered so far: where each ends among the parts, and its words
    blocks: list[tuple[int, str]] = field(default_factory=list)


def visible(text: str) -> str:
    """Text as it is seen: without the characters that only say where a line may
    break (a soft hyphen splits "Mit\u00adtel\u00adal\u00adter" for the eye, not for the
    voice), in composed form (NFC: one code point where the page has two for "য়")."""
    return unicodedata.normalize("NFC", _INVISIBLE.sub("", text))


def inline_text(node: Tag | NavigableString, skip: tuple[str, ...] = ()) -> str:
    """The text of an element as one line, `<br>` as a space, `skip` tags left out."""
    return _gather(node, skip).text


def _gather(node: Tag | NavigableString, skip: tuple[str, ...] = ()) -> _Inline:
    found = _Inline()
    parts: list[tuple[str, str | None]] = []
    _collect(node, skip, parts, found, top=node)
    found.text = bidi_balanced(" ".join("".join(text for text, _ in parts).split()))
    found.segments = _segments(parts)
    return found


def _segments(parts: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    """Runs of text by language; empty unless some run has a `lang` of its own."""
    runs: list[list] = []
    for text, lang in parts:
        if runs and runs[-1][1] == lang:
            runs[-1][0] += text
        else:
            runs.append([text, lang])
    runs = [(" ".join(text.split()), lang) for text, lang in runs if text.strip()]
    return runs if any(lang for _, lang in runs) and len(runs) > 1 else []


def _collect(node, skip, parts: list[tuple[str, str | None]], found: _Inline, top,
             lang: str | None = None) -> None:
    if isinstance(node, (Comment, Doctype, ProcessingInstruction)):
        return
    if isinstance(node, NavigableString):
        text = str(node)
        if "&" in text and node.find_parent(["pre", "code"]) is None:
            text = _ENTITY.sub(lambda m: html.unescape(m.group()), text)
        parts.append((text, lang))
        return
    if node is not top and (node.name in skip or node.name in _SKIP):
        return
    if node.name == "br":
        parts.append((" ", lang))
        return
    label = _note_ref_label(node)
    if label:
        found.note_refs.append(label)
        return
    if node.name == "abbr" and node.get("title"):
        short = " ".join(node.get_text().split())
        if short:
            found.abbreviations.setdefault(short, " ".join(node["title"].split()))
    if node is not top and (own := language_tag(node.get("lang"))):
        lang = own
    block = node is not top and node.name in _BLOCKS
    if block:  # "<li><h3>Title</h3><p>Text</p></li>" is two runs of words, not "TitleText"
        _end_run(parts, lang, heading=False)
    start = len(parts)
    for child in node.children:
        _collect(child, skip, parts, found, top, lang)
    if block:
        _once(parts, start, found)
        # and a heading ends as a sentence does, so that the voice pauses after it
        _end_run(parts, lang, heading=node.name in HEADINGS)


def _once(parts: list[tuple[str, str | None]], start: int, found: _Inline) -> None:
    """A block inside the element gathered is left out when an earlier block of it said
    the same words: a gallery's item holds its caption as a figure's caption and again
    as a paragraph."""
    words = _folded("".join(text for text, _ in parts[start:]))
    if len(words.split()) < _REPEAT_MIN_WORDS:
        return
    earlier = [(end, said) for end, said in found.blocks if end <= start]
    if any(said == words for _, said in earlier):
        del parts[start:]
        found.blocks[:] = earlier
    else:
        found.blocks[:] = [*earlier, (len(parts), words)]


def _end_run(parts: list[tuple[str, str | None]], lang: str | None, heading: bool) -> None:
    if heading:
        said = next((text.rstrip() for text, _ in reversed(parts) if text.strip()), "")
        if said and not _RUN_END.search(said):
            parts.append((".", lang))
    parts.append((" ", lang))


def _note_ref_label(tag: Tag) -> str | None:
    """The label of a footnote reference (`<sup><a href="#fn1">1</a></sup>` and kin)."""
    if tag.name not in ("sup", "a"):
        return None
    text = " ".join(tag.get_text().split())
    match = _NOTE_LABEL.match(text)
    if not match:
        return None
    link = tag if tag.name == "a" else tag.find("a")
    marked = (tag.get("role") == "doc-noteref"
              or _NOTE_REF_CLASS.search(" ".join(tag.get("class", [])))
              or (link is not None and (link.get("role") == "doc-noteref"
                                        or str(link.get("href", "")).startswith("#"))))
    return match.group(1) if marked and (tag.name == "sup" or link is tag) else None


def _is_notes(tag: Tag) -> bool:
    """A footnote or endnote list: its entries are read with the role `footnote`."""
    role = tag.get("role", "")
    if role in ("doc-endnotes", "doc-footnote", "doc-footnotes"):
        return True
    classes = " ".join(tag.get("class", []))
    return tag.name in ("ol", "section", "div", "aside") and bool(_NOTES_CLASS.search(classes))


def _lang_of(tag: Tag) -> str | None:
    """The language set on the element or its nearest ancestor; also the language
    of a block whose whole text sits in one element that sets it."""
    for element in [tag, *tag.parents]:
        if isinstance(element, Tag) and (lang := language_tag(element.get("lang"))):
            return lang
    children = [c for c in tag.children if not (isinstance(c, NavigableString) and not c.strip())]
    if len(children) == 1 and isinstance(children[0], Tag):
        return language_tag(children[0].get("lang"))
    return None


class _Builder:
    """Walks the content tree in document order, collecting sections and blocks."""

    def __init__(self, title: str = "") -> None:
        self.sections: list[Section] = [Section(heading=None, level=1)]
        self.inline: list[Tag | NavigableString] = []
        self.inline_parent: Tag | None = None
        #: what has been said already (the title too), so nothing is said twice: as
        #: what kind of block, and whether it was a sentence of prose (which prose of
        #: the same kind may say again)
        self.said: dict[str, tuple[str, bool]] = {_folded(title): ("title", False)} if title else {}
        #: the last block was a label that opens links to other pages ("Read more")
        self.after_related = False

    def finish(self) -> list[Section]:
        self._flush_inline()
        first = self.sections[0]
        return self.sections if first.blocks or len(self.sections) == 1 else self.sections[1:]

    def add(self, kind: str, found: _Inline | str, tag: Tag | None = None, **extra) -> None:
        if isinstance(found, str):
            found = _Inline(text=found)
        if kind in _SAID_ONCE and found.text:
            if is_related_label(found.text):
                self.after_related = True
                return
            if not found.segments:  # a gallery's counter beside a caption: "Image 1 of 8"
                found.text = without_gallery_counter(found.text)
            folded = _folded(found.text)
            # a sentence of prose may come again in a story ("He stared at the trees.");
            # the headline, a caption or a label said again is the page's mistake, and
            # so is a text said again as another kind of block (a gallery's caption as
            # an item, a description and a paragraph)
            prose = (kind != "image" and (tag is None or tag.name != "figcaption")
                     and PROSE_END.search(found.text) is not None)
            earlier_kind, earlier_prose = self.said.get(folded, (None, False))
            repeat = earlier_kind is not None and not (
                prose and earlier_prose and earlier_kind == kind)
            count = len(found.text.split())
            # a picture described by a whole paragraph said already is that paragraph again
            if furniture(found.text) or (repeat and (count < _REPEAT_MAX_WORDS or kind == "image"
                                                     or earlier_kind != kind)):
                return  # page furniture, or said already
            if _REPEAT_MIN_WORDS <= count or kind == "image":
                self.said.setdefault(folded, (kind, prose))
        if found.text or found.note_refs:
            self.after_related = False
            self.sections[-1].blocks.append(Block(
                kind=kind, text=found.text, lang=_lang_of(tag) if tag is not None else None,
                abbreviations=found.abbreviations, note_refs=found.note_refs,
                segments=found.segments, **extra))

    def walk(self, node: Tag) -> None:
        for child in node.children:
            if isinstance(child, (Comment, Doctype, ProcessingInstruction)):
                continue
            if isinstance(child, Tag) and child.name not in _BLOCKS and _only_pictures(child):
                self._flush_inline()
                for img in child.find_all("img"):  # a picture in a link: described by its alt
                    self._figure(img)
                continue
            if isinstance(child, NavigableString) or child.name not in _BLOCKS:
                if not (isinstance(child, Tag) and child.name in _SKIP):
                    self.inline.append(child)
                    self.inline_parent = node
                continue
            self._flush_inline()
            self._block(child)
        self._flush_inline()

    def _flush_inline(self) -> None:
        if not self.inline:
            return
        found = _Inline()
        texts = []
        runs: list[tuple[str, str | None]] = []
        for piece in self.inline:
            part = _gather(piece)
            texts.append(part.text)
            own = language_tag(piece.get("lang")) if isinstance(piece, Tag) else None
            runs += [(f"{text} ", lang) for text, lang in part.segments or [(part.text, own)]]
            found.note_refs += part.note_refs
            for short, long in part.abbreviations.items():
                found.abbreviations.setdefault(short, long)
        found.text = " ".join(" ".join(texts).split())
        found.segments = _segments(runs)
        parent, self.inline = self.inline_parent, []
        self.add("paragraph", found, parent)

    def _block(self, tag: Tag) -> None:
        name = tag.name
        if _is_notes(tag):
            self._notes(tag)
        elif name in HEADINGS:
            text = inline_text(tag)
            if is_related_label(text):  # "Read more": it opens links to other pages, not a part
                self.after_related = True
            elif text and not furniture(text):  # "Read also: <another story>", "Advertisement"
                self.after_related = False
                self.sections.append(Section(heading=text, level=HEADINGS[name], lang=_lang_of(tag)))
                if _REPEAT_MIN_WORDS <= len(text.split()):  # a caption or alt saying it again
                    self.said.setdefault(_folded(text), ("heading", False))
        elif name == "p":
            self._paragraph(tag)
        elif name in ("ul", "ol"):
            self._list(tag, depth=0)
        elif name == "dl":
            for item in tag.find_all(["dt", "dd"]):
                self.add("term" if item.name == "dt" else "definition", _gather(item), item)
        elif name == "blockquote":
            self.add("quote", _quote_text(tag), tag)
        elif name == "figure" and _holds_no_picture(tag):
            self.walk(tag)  # a quote, a table or code set as a figure: read as they are
        elif name in ("figure", "picture", "img"):
            self._figure(tag)
        elif name == "table":
            self._table(tag)
        elif name == "pre":
            text = inline_text(tag)
            self.add("paragraph" if _plain_prose(text) else "code", text, tag)
        elif name in ("li", "dt", "dd", "figcaption", "summary"):
            self.add("paragraph", _gather(tag), tag)
        elif name != "hr":
            self.walk(tag)

    def _paragraph(self, tag: Tag) -> None:
        found = _gather(tag)
        credited = False
        if not found.segments:  # a caption set as a paragraph: its credit is not read
            text = found.text
            found.text = strip_caption_credit(strip_copyright_credit(text))
            credited = found.text != text
        if found.text and self._captions_picture(found.text, credited):
            picture = self.sections[-1].blocks.pop()  # described by its caption instead
            self.said.pop(_folded(picture.text), None)
            self.add("image", found, tag)
        elif found.text:
            self.add("paragraph", found, tag)
        else:
            for img in tag.find_all("img"):
                self._figure(img)

    def _captions_picture(self, text: str, credited: bool) -> bool:
        """Whether a paragraph is the caption of the picture just before it: it ended
        with a credit, or it holds the picture's whole description, which makes a good
        part of it ("Hong Kong protests" before "Marchers fill a road during the Hong
        Kong protests"; not "Jane Doe" before a sentence of what she said)."""
        blocks = self.sections[-1].blocks
        if not blocks or blocks[-1].kind != "image" or blocks[-1].segments:
            return False
        described, folded = _folded(blocks[-1].text), _folded(text)
        return credited or (bool(described) and f" {described} " in f" {folded} "
                            and len(described.split()) * _CAPTION_SHARE >= len(folded.split()))

    def _list(self, tag: Tag, depth: int) -> None:
        ordered = tag.name == "ol"
        items = tag.find_all("li", recursive=False)
        if not items and not tag.find(["ul", "ol"], recursive=False):
            self.walk(tag)  # a list of no items: an old page's way to indent a paragraph
            return
        if is_toolbar([inline_text(item) for item in items]):
            return  # share, print and text-size buttons
        if self.after_related and _mostly_links(tag):
            return  # the links a "Read more" label opens
        number = _list_start(tag, len(items))
        step = -1 if ordered and tag.has_attr("reversed") else 1
        position = 0
        for item in tag.find_all(["li", "ul", "ol"], recursive=False):
            if item.name != "li":  # a list set straight in the list: the item before's sublist
                self._list(item, depth + 1)
                continue
            position += 1
            if ordered and item.get("value", "").strip().lstrip("-").isdigit():
                number = int(item["value"])
            found = _gather(item, skip=("ul", "ol"))
            self.add("list_item", found, item, number=number if ordered else None,
                     position=position, count=len(items), depth=depth)
            for img in item.find_all("img"):  # a picture in the item, described by its alt
                if img.find_parent(["ul", "ol"]) is tag and \
                        _folded(img.get("alt") or "") not in _folded(found.text):
                    self._figure(img)
            for nested in item.find_all(["ul", "ol"]):
                if nested.find_parent("li") is item:  # not a list inside a deeper list
                    self._list(nested, depth + 1)
            number += step

    def _notes(self, tag: Tag) -> None:
        entries = tag.find_all("li") or tag.find_all("p") or [tag]
        for entry in entries:
            found = _gather(entry, skip=("ul", "ol") if entry.name == "li" else ())
            found.text = re.sub(r"\s*[↑↩︎^]+\s*", " ", found.text).strip()  # back-links
            found.note_refs = []
            self.add("footnote", found, entry)

    def _figure(self, tag: Tag) -> None:
        images = [tag] if tag.name == "img" else tag.find_all("img")
        alts = [strip_credit(" ".join((img.get("alt") or "").split())) for img in images
                if img.get("role") != "presentation"]
        caption_tag = tag.find("figcaption") if tag.name == "figure" else None
        credits = [value for img in images for name, value in img.attrs.items()
                   if "credit" in name and isinstance(value, str)]
        caption = (strip_credit(strip_declared_credit(inline_text(caption_tag), credits))
                   if caption_tag else "")
        caption = "" if furniture(caption) else caption
        parts = _dedupe([alt for alt in alts if not is_placeholder_alt(alt)
                         and not (caption and is_file_name(alt))]  # the caption describes it
                        + ([caption] if caption else []))
        self.add("image", " ".join(_sentence(p) for p in parts), tag)

    def _table(self, tag: Tag) -> None:
        caption = tag.find("caption")
        if caption:
            self.add("table_caption", inline_text(caption), caption)
        headers: list[str] = []
        for row in tag.find_all("tr"):
            if row.find_parent("table") is not tag:
                continue  # a row of a nested table
            cells = row.find_all(["th", "td"], recursive=False)
            texts = [inline_text(c) for c in cells]
            text = "; ".join(t for t in texts if t)
            if cells and all(c.name == "th" for c in cells) and not headers:
                headers = texts
                self.add("table_row", text, row)
            elif headers and len(headers) == len(texts):  # each cell said with its header
                pairs = [f"{h}: {t}" if h else t for h, t in zip(headers, texts) if t]
                self.add("table_row", text, row, spoken="; ".join(pairs))
            else:
                self.add("table_row", text, row)


#: A paragraph after a picture is its caption when the picture's description is at least
#: this share of it (1/3) and in it
_CAPTION_SHARE = 3
#: Kinds of block that are never said twice in an episode, nor when they are furniture.
_SAID_ONCE = ("paragraph", "image", "quote", "list_item")
#: Preformatted text is prose when at most this share of its marks are code's symbols...
PRE_SYMBOLS = 0.03
#: ...and it has at least this many sentences...
PRE_SENTENCES = 3
#: ...with a sentence end at least every this many words.
PRE_WORDS_A_SENTENCE = 60
_CODE_SYMBOLS = frozenset("{}[]();=<>$#\\|&*^~`@/+_%")
_PRE_SENTENCE_END = re.compile(r"[^\W\d_][)\]\"'’”]?[.!?](?=\s|$)")
#: A text this long (in words) said again is a repeat; shorter ones ("Yes.") may recur,
#: and so may whole paragraphs (a refrain, a repeated instruction): a repeated
#: headline, caption or teaser is what pages repeat by mistake.
_REPEAT_MIN_WORDS = 4
_REPEAT_MAX_WORDS = 25
_FOLD_WORD = re.compile(r"\w+", re.UNICODE)


def _folded(text: str) -> str:
    """The words of a text, whatever its case, quotes and punctuation."""
    return " ".join(_FOLD_WORD.findall(text.casefold()))


def _dedupe(parts: list[str]) -> list[str]:
    """Drop a description that repeats (or is contained in) another one."""
    kept: list[str] = []
    for part in parts:
        folded = part.casefold().rstrip(".")
        if any(folded in k.casefold() for k in kept):
            continue
        kept = [k for k in kept if k.casefold().rstrip(".") not in folded] + [part]
    return kept


def _quote_text(tag: Tag) -> _Inline:
    """A quote's paragraphs, and the text between them (an attribution, a paragraph
    an old page leaves unwrapped), as sentences of one utterance."""
    whole = _gather(tag)
    parts, run = [], []
    for child in tag.children:
        if isinstance(child, Tag) and child.name in _BLOCKS - {"img"}:
            parts += [" ".join("".join(run).split()), inline_text(child)]
            run = []
        elif isinstance(child, (Comment, Doctype, ProcessingInstruction)):
            continue
        elif isinstance(child, NavigableString):
            run.append(str(child))
        elif child.name not in _SKIP:
            run.append(" " if child.name == "br" else child.get_text())
    parts = [p for p in parts + [" ".join("".join(run).split())] if p]
    if len(parts) > 1 or (parts and len(whole.text) <= len(parts[0]) + 1):
        whole.text = " ".join(_sentence(p) for p in parts)
    return whole


def _holds_no_picture(figure: Tag) -> bool:
    """Whether a figure holds text of its own (a quote, a table, code, paragraphs)
    and no picture: a figure with only a caption is a picture yet to load."""
    return figure.find("img") is None and any(
        block.find_parent("figcaption") is None and block.get_text(strip=True)
        for block in figure.find_all(["p", "blockquote", "table", "pre", "ul", "ol", "dl"]))


def _only_pictures(tag: Tag) -> bool:
    """Whether an inline element (a link, a span) holds pictures and no words."""
    return tag.find("img") is not None and not tag.get_text(strip=True)


def _mostly_links(tag: Tag) -> bool:
    """Whether at least half the words of an element are the words of its links."""
    linked = sum(len(a.get_text(" ").split()) for a in tag.find_all("a"))
    return linked * 2 >= len(tag.get_text(" ").split()) > 0


def _list_start(tag: Tag, count: int) -> int:
    start = tag.get("start", "").strip()
    if start.lstrip("-").isdigit():
        return int(start)
    return count if tag.name == "ol" and tag.has_attr("reversed") else 1


def _plain_prose(text: str) -> bool:
    """Whether preformatted text is prose set in fixed width (a plain-text RFC, a
    mailing-list post), to be read, not code to be announced and skipped: words
    with few of code's symbols, and sentences that end now and then (a shell
    session's output has the words but no sentences)."""
    marks = [c for c in text if not c.isspace()]
    words = len(text.split())
    ends = len(_PRE_SENTENCE_END.findall(text))
    return (bool(marks) and sum(c in _CODE_SYMBOLS for c in marks) <= PRE_SYMBOLS * len(marks)
            and ends >= PRE_SENTENCES and ends * PRE_WORDS_A_SENTENCE >= words)


def _sentence(text: str) -> str:
    return text if text[-1:] in ".!?" else text + "."
