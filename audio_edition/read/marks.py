"""The publisher's marks: what is read, as the page itself says.

`data-audio-edition="skip"` leaves an element out; `data-audio-edition="read"`
makes the marked elements the only parts read, in page order, instead of what
extraction would find; `data-audio-edition-say="..."` says that text instead of
the element's own; `<meta name="audio-edition" content="none">` keeps the page
out of the edition. Site rules (`sites.py`) become the same attributes, so one
code path reads both.

The marks are applied to the page's tree before extraction, so that extraction
never sees a skipped part. A `say` must come through both extractors, which
keep text and drop attributes: the element's text is wrapped in a span of
marks that both keep (`⸨3⸩text⸨⸩`, 3 being the say's number), which the
script stage resolves: the page's text where the page is shown (transcripts,
chapter names), the say's text where it is spoken (`shown`, `said`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import EditionError

if TYPE_CHECKING:  # the script stage resolves says without the parser's libraries
    import lxml.html

ATTRIBUTE = "data-audio-edition"
SAY_ATTRIBUTE = "data-audio-edition-say"
META_NAME = "audio-edition"
_OPEN, _CLOSE = "\u2e28", "\u2e29"  #: ⸨ ⸩: printable, so both extractors keep them
_SPAN = re.compile(f"{_OPEN}(\\d+){_CLOSE}(.*?){_OPEN}{_CLOSE}", re.S)
_STRAY = re.compile(f"{_OPEN}\\d*{_CLOSE}")
#: A tag written into a say: a say is text, and a voice would read a tag sign by sign.
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
#: Elements whose own content a text cannot replace: the text takes their place in a
#: division (blocks) or a span (what is embedded in a line).
_AS_DIVISION = {"table", "thead", "tbody", "tfoot", "tr", "ul", "ol", "dl", "figure",
                "picture", "video", "audio", "iframe", "object", "form", "nav", "dialog"}
_AS_SPAN = {"svg", "canvas", "math", "embed", "button", "input", "select", "textarea", "label"}
#: What makes an element more than a line of words: blocks, pictures, drawings.
_MORE_THAN_WORDS = {"p", "div", "section", "article", "aside", "main", "header", "footer", "ul",
                    "ol", "dl", "table", "figure", "figcaption", "blockquote", "pre", "h1", "h2",
                    "h3", "h4", "h5", "h6", "li", "dt", "dd", "hr", "img", "picture", "svg",
                    "canvas", "video", "iframe"}


class LeftOut(EditionError):
    """The page asks to be kept out of the audio edition: a skip, never a failure."""

    def __init__(self, source: str) -> None:
        super().__init__(source, 'left out: the page says <meta name="audio-edition" '
                                 'content="none">')


@dataclass(frozen=True)
class Marks:
    """What the page's marks decided: the texts said instead of elements' own, and
    the parts to read when the page names them (none: extraction decides)."""

    says: tuple[str, ...] = ()
    read: tuple[lxml.html.HtmlElement, ...] = ()
    changed: bool = False  #: whether the marks took anything out of the page or put a say in


def apply_marks(tree: lxml.html.HtmlElement, source: str) -> Marks:
    """Apply the page's marks to its tree: raise LeftOut for a page that opts out,
    drop what is skipped, put each say in place; return the parts to read."""
    if left_out(tree):
        raise LeftOut(source)
    skipped = _marked(tree, "skip")
    if any(element.getparent() is None or element.tag == "body" for element in skipped):
        raise EditionError(source, 'the whole page is marked data-audio-edition="skip"; a page '
                                   'keeps out of the edition with <meta name="audio-edition" '
                                   'content="none">')
    for element in skipped:
        if element.getparent() is not None:
            element.drop_tree()
    says = []
    for element in tree.xpath(f"//*[@{SAY_ATTRIBUTE} and not(ancestor::*[@{SAY_ATTRIBUTE}])]"):
        text = _plain(_TAG.sub(" ", element.get(SAY_ATTRIBUTE) or ""))
        if not text:  # says nothing: left out
            skipped.append(element)
            if element.getparent() is not None:
                element.drop_tree()
            continue
        _put_say(element, len(says), text)
        says.append(text)
    read = [e for e in _marked(tree, "read")
            if not any(_mark(a) == "read" for a in e.iterancestors())]
    return Marks(tuple(says), tuple(read), bool(skipped or says))


def left_out(tree: lxml.html.HtmlElement) -> bool:
    """Whether the page says `<meta name="audio-edition" content="none">`."""
    return any((meta.get("name") or "").strip().lower() == META_NAME
               and (meta.get("content") or "").strip().lower() == "none"
               for meta in tree.iter("meta"))


def shown(text: str, says: tuple[str, ...]) -> str:
    """The text as the page shows it: each say's span is the element's own text (a
    page without says keeps every sign it has)."""
    if not says or _OPEN not in text:
        return text
    return _STRAY.sub("", _SPAN.sub(lambda m: m.group(2), text))


def said(text: str, says: tuple[str, ...]) -> str:
    """The text as it is spoken: each say's span is the say's text."""
    if not says or _OPEN not in text:
        return text

    def say(match: re.Match) -> str:
        number = int(match.group(1))
        return says[number] if number < len(says) else match.group(2)

    return _STRAY.sub("", _SPAN.sub(say, text))


def _marked(tree: lxml.html.HtmlElement, value: str) -> list[lxml.html.HtmlElement]:
    return [e for e in tree.xpath(f"//*[@{ATTRIBUTE}]") if _mark(e) == value]


def _mark(element) -> str:
    return (element.get(ATTRIBUTE) or "").strip().lower()


def _plain(text: str | None) -> str:
    return " ".join((text or "").replace(_OPEN, "").replace(_CLOSE, "").split())


def _put_say(element: lxml.html.HtmlElement, number: int, say: str) -> None:
    """The element's content becomes one span of marks: its own text when it has text
    and no blocks in it (a heading, a paragraph, an abbreviation), else the say's text
    (a chart, a table, a picture: what it shows is not a line of words)."""
    if element.tag == "img":
        own = _plain(element.get("alt"))
        element.set("alt", f"{_OPEN}{number}{_CLOSE}{own or say}{_OPEN}{_CLOSE}")
        return
    own = _plain(element.text_content())
    blocks = any(isinstance(d.tag, str) and d.tag in _MORE_THAN_WORDS for d in element.iterdescendants())
    shown_text = say if blocks or not own else own
    for child in list(element):
        element.remove(child)
    element.text = f"{_OPEN}{number}{_CLOSE}{shown_text}{_OPEN}{_CLOSE}"
    if element.tag in _AS_DIVISION:
        element.tag = "div"
    elif element.tag in _AS_SPAN:
        element.tag = "span"
    del element.attrib[SAY_ATTRIBUTE]
