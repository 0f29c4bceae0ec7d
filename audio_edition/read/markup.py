"""Markup: a page's HTML as a tree, read as a browser shows it, at any depth.

libxml2, which lxml, readability-lxml, trafilatura and BeautifulSoup's "lxml"
builder all parse with, stops reading at the 256th nested element (at the
2,048th with lxml's `huge_tree`, libxml2's XML_PARSE_HUGE) and drops the rest
of the page without a word. Browsers read any depth. So a page's HTML is
parsed here, once: by lxml with `huge_tree`, and where even that stops, by
Python's own HTML parser through BeautifulSoup, which has no such limit. A
tree that a browser would build otherwise, or that is too deep for the
parsers after this one, is then built again (`_Rebuilding`) as a browser
builds it:

- a block that starts inside a paragraph through inline elements ends that
  paragraph, and the formatting elements it cut short are carried on around
  the text that follows, as the HTML standard's parser does (libxml2 nests
  them: 400 paragraphs of 1990s markup whose `<font>` is never closed were
  one paragraph 800 elements deep);
- what nests deeper than `MAX_DEPTH` is laid side by side at that depth, its
  text in order (Chromium does the same past 512).

The work is bounded by the page's size, not by its depth: one walk decides, and
one walk builds the new tree, element by element and never moving one (lxml
walks the whole subtree of an element it moves); a page deeper than libxml2
reads has at most `MAX_DEEP_TAGS` tags (else one line says so); the search
for a paragraph above a block climbs at most `_CLIMB` elements, and at most
`_CARRIED` formatting elements are carried on (a browser carries on every
distinct one, which costs the square of their number).
"""
from __future__ import annotations

import lxml.etree
import lxml.html

#: How deep the tree handed on may nest: every parser after this one reads 255
#: levels whole, and extraction wraps the article in a few elements of its own.
MAX_DEPTH = 200
#: Where libxml2 stops reading even with XML_PARSE_HUGE.
LIBXML_HUGE_DEPTH = 2048
#: Inline elements through which a block's start closes an open paragraph (the
#: HTML standard's "p element in button scope": a button or object stops it).
_INLINE = frozenset(
    "a abbr b bdi bdo big cite code data del dfn em font i ins kbd label mark nobr q rb rp rt "
    "ruby s samp small span strike strong sub sup time tt u var".split())
#: Of those, the formatting elements a browser carries on past the paragraph's end.
_FORMATTING = frozenset("a b big code em font i nobr s small strike strong tt u".split())
#: Start tags that close an open paragraph (the HTML standard's list, less a
#: table, which does so only in standards mode).
_ENDS_PARAGRAPH = frozenset(
    "address article aside blockquote center details dialog dir div dl dd dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li listing main menu "
    "nav ol p pre search section summary ul xmp".split())
#: How many tags a page nested deeper than libxml2 reads may have: Python's parser
#: reads it at about 10,000 tags a second, and lxml walks deep trees slowly.
MAX_DEEP_TAGS = 50_000
#: How many inline elements the search for a paragraph above a block climbs.
_CLIMB = 32
#: How many formatting elements are carried on past a paragraph's end.
_CARRIED = 3
_EVENTS = ("start", "end", "comment", "pi")


class TooDeepError(ValueError):
    """A page nested deeper than libxml2 reads, and too large for Python's parser."""


def parse_page(html: str) -> lxml.html.HtmlElement:
    """The page's tree (lxml's errors for what is no HTML at all, `TooDeepError`)."""
    tree = lxml.html.document_fromstring(html, parser=lxml.html.HTMLParser(huge_tree=True))
    depth, inside_paragraph = _shape(tree)
    if depth >= LIBXML_HUGE_DEPTH:  # libxml2 stopped reading there
        tags = html.count("<")
        if tags > MAX_DEEP_TAGS:
            raise TooDeepError(f"elements nested more than {LIBXML_HUGE_DEPTH:,} deep in a page "
                               f"of {tags:,} tags: at most {MAX_DEEP_TAGS:,} are read at that depth")
        tree = _soup_tree(html)
    if depth > MAX_DEPTH or inside_paragraph:
        tree = _Rebuilding(tree).tree
    return tree


def readable(html: str) -> str:
    """The page's HTML as `parse_page` reads it, for a parser of its own (soupsieve's,
    trafilatura's): the page itself when a browser builds the same tree as libxml2
    and it nests no deeper than `MAX_DEPTH`."""
    try:
        tree = lxml.html.document_fromstring(html, parser=lxml.html.HTMLParser(huge_tree=True))
    except (lxml.etree.ParserError, ValueError):
        return html  # no HTML at all: said so where the page is read
    depth, inside_paragraph = _shape(tree)
    if depth <= MAX_DEPTH and not inside_paragraph:
        return html
    return lxml.html.tostring(parse_page(html), encoding="unicode")


def parse_fragment(html: str) -> lxml.html.HtmlElement:
    """A piece of HTML (the body a page declares in its data) as one `<div>`."""
    body = parse_page(f"<html><body>{html}</body></html>").find("body")
    body.tag = "div"
    return body


def _shape(tree: lxml.html.HtmlElement) -> tuple[int, bool]:
    """How deep the tree nests, and whether a block starts inside a paragraph
    through inline elements (which a browser's parser does not allow)."""
    path: list = []  # the open elements, held: see `_Rebuilding`
    deepest, inside_paragraph = 0, False
    for event, element in lxml.etree.iterwalk(tree, events=("start", "end")):
        if event == "end":
            path.pop()
            continue
        if element.tag in _ENDS_PARAGRAPH and not inside_paragraph:
            inside_paragraph = _paragraph_at([e.tag for e in path[-_CLIMB - 1:]]) is not None
        path.append(element)
        deepest = max(deepest, len(path))
    return deepest, inside_paragraph


def _paragraph_at(tags: list) -> int | None:
    """Where in `tags` (the open elements, innermost last) a paragraph is open
    that a block would close: above inline elements only, `_CLIMB` at most."""
    index = len(tags) - 1
    while index > 0 and len(tags) - index <= _CLIMB and tags[index] in _INLINE:
        index -= 1
    return index if index >= 0 and tags[index] == "p" else None


def _soup_tree(html: str) -> lxml.html.HtmlElement:
    """The page parsed by Python's HTML parser (BeautifulSoup's "html.parser"),
    which nests as deep as the page does, as an lxml tree."""
    from bs4 import BeautifulSoup, Tag
    from bs4.element import NavigableString, PreformattedString

    soup = BeautifulSoup(html, "html.parser")
    root = lxml.html.Element("html")
    made = {id(soup): root}  # each of the soup's elements, as lxml's
    top = soup.find("html", recursive=False)
    if top is not None:
        made[id(top)] = root
        _set_attributes(root, top.attrs)
    for node in soup.descendants:
        parent = made.get(id(node.parent))
        if parent is None:
            continue
        if isinstance(node, Tag):
            if node is not top:
                made[id(node)] = _child(parent, node.name, node.attrs)
        elif isinstance(node, NavigableString) and not isinstance(node, PreformattedString):
            _add_text(parent, str(node))
    if root.find("body") is None:
        body = lxml.etree.SubElement(root, "body")
        body.text, root.text = root.text, None
        for child in [c for c in root if c.tag not in ("head", "body")]:
            body.append(child)
    while made:  # let go of the deepest first (see `_Rebuilding`)
        made.popitem()
    return root


def _child(parent, name: str, attributes) -> lxml.html.HtmlElement:
    """A new last child of `parent`: a name lxml refuses (libxml2 reads
    `<ahref="x">` as one) is a span."""
    try:
        element = lxml.etree.SubElement(parent, name)
    except ValueError:
        element = lxml.etree.SubElement(parent, "span")
    _set_attributes(element, attributes)
    return element


def _set_attributes(element, attributes) -> None:
    """The attributes lxml allows (a name it refuses is left out)."""
    for key, value in attributes.items():
        try:
            element.set(key, " ".join(value) if isinstance(value, list) else value)
        except (ValueError, TypeError):
            continue


def _add_text(parent, text: str) -> None:
    """`text` at the end of what `parent` holds."""
    try:
        if len(parent):
            parent[-1].tail = (parent[-1].tail or "") + text
        else:
            parent.text = (parent.text or "") + text
    except ValueError:  # a character XML cannot hold: the text without it
        _add_text(parent, "".join(c for c in text if c.isprintable() or c.isspace()))


class _Rebuilding:
    """A tree built anew from another, element by element in document order, as a
    browser's parser builds it (see the module's docstring)."""

    def __init__(self, source: lxml.html.HtmlElement) -> None:
        self.tree = lxml.html.Element(source.tag, dict(source.attrib))
        self.open = [self.tree]  #: the elements being built, innermost last
        self.made: dict = {}  #: each source element open here -> its element here
        self.source_of: dict = {}  #: each element open here -> its source element
        #: source formatting elements a paragraph's end cut short, still open there
        self.carried: list = []
        self._text(source.text)
        # The source elements above the current one are held: lxml, letting go of an
        # element, looks up through its ancestors for one that is held, which would
        # cost every element the depth of the tree.
        path = []
        for event, element in lxml.etree.iterwalk(source, events=_EVENTS):
            if element is source:
                continue
            if event in ("comment", "pi"):
                self._text(element.tail)
            elif event == "start":
                path.append(element)
                self._start(element)
            else:
                self._end(path.pop())

    def _start(self, element) -> None:
        if element.tag in _ENDS_PARAGRAPH:
            self._end_paragraph()
        elif element.tag in _INLINE:
            self._carry_on()
        made = self._new(element.tag, element.attrib)
        self.made[element] = made
        self.source_of[made] = element
        self._text(element.text)

    def _new(self, tag: str, attributes) -> lxml.html.HtmlElement:
        """A new element where the next one goes (beside the others at `MAX_DEPTH`)."""
        parent = self.open[min(len(self.open), MAX_DEPTH) - 1]
        made = _child(parent, tag, attributes)
        self.open.append(made)
        return made

    def _end(self, element) -> None:
        made = self.made.pop(element, None)
        if element in self.carried:
            self.carried.remove(element)
        if made is not None:
            while self._close() is not made:
                pass
        self._text(element.tail)

    def _close(self) -> lxml.html.HtmlElement:
        """Close the innermost open element; its source may be carried on later."""
        made = self.open.pop()
        source = self.source_of.pop(made, None)
        if source is not None and self.made.get(source) is made:
            del self.made[source]
        return made

    def _text(self, text: str | None) -> None:
        if not text:
            return
        if text.strip():
            self._carry_on()
        _add_text(self.open[min(len(self.open), MAX_DEPTH) - 1], text)

    def _end_paragraph(self) -> None:
        """Close the paragraph a block starts in, and what is open inside it; its
        formatting elements are carried on to the text that follows."""
        at = _paragraph_at([element.tag for element in self.open[-_CLIMB - 1:]])
        if at is None:
            return
        for _ in range(min(len(self.open), _CLIMB + 1) - at):
            source = self.source_of.get(self.open[-1])
            if self.open[-1].tag in _FORMATTING and source is not None:
                self._carry(source)
            self._close()

    def _carry(self, source) -> None:
        """Carry `source` on: the innermost `_CARRIED`, one of each kind."""
        kind = (source.tag, dict(source.attrib))
        self.carried = [c for c in self.carried if (c.tag, dict(c.attrib)) != kind]
        self.carried.insert(0, source)  # closed innermost first: kept in their order
        del self.carried[:-_CARRIED or None]

    def _carry_on(self) -> None:
        """Open again the carried formatting elements that are not open."""
        for source in self.carried:
            if source not in self.made:
                made = self._new(source.tag, source.attrib)
                self.made[source] = made
                self.source_of[made] = source
