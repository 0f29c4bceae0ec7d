"""Tables: data, or the page's layout.

Old pages set the whole page in a `<table>` for layout: the article in one
cell, the menu, a currency ticker and other headlines in the cells around
it. Read as data, every row of such a page is an utterance of role `table`,
and an extractor that keeps the article's cell keeps a bare `<td>`. A table
is data only when it looks like data: header cells (or a caption), or several
rows of like cells; no table inside it, no headings, few paragraphs and
links. A layout table becomes the divisions it stands for, before extraction,
so that both extractors judge its cells as the blocks of the page they are; a
data table inside it stays a table.
"""
from __future__ import annotations

import re

import lxml.html

_WORD = re.compile(r"\w+", re.UNICODE)
_PARTS = ("thead", "tbody", "tfoot", "tr", "td", "th", "caption", "colgroup", "col")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
#: A cell of data holds at most this many paragraphs (a note, a quote)
DATA_CELL_PARAGRAPHS = 1
#: Linked words above this share make a table without header cells a list of links
#: (other headlines, a menu), not data
LINK_SHARE = 0.5


def own_rows(table: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """The rows of `table` itself, not of a table inside it."""
    return [row for row in table.iter("tr") if _table_of(row) is table]


def _table_of(element: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    return next(element.iterancestors("table"), None)


def _cells(row: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    return [cell for cell in row if cell.tag in ("td", "th")]


def _words(element: lxml.html.HtmlElement) -> int:
    return len(_WORD.findall(element.text_content()))


def is_data_table(table: lxml.html.HtmlElement) -> bool:
    """Whether a table holds data (read row by row, each cell with its header)
    rather than the blocks of a page laid out in a grid."""
    if table.get("role") in ("presentation", "none") or table.find(".//table") is not None:
        return False
    rows = [cells for cells in map(_cells, own_rows(table)) if cells]
    if not rows or any(len(cell.findall(".//p")) > DATA_CELL_PARAGRAPHS
                       for cells in rows for cell in cells):
        return False
    caption = table.find("caption")
    if (table.find(".//th") is not None or table.find(".//thead") is not None
            or bool(table.get("summary"))
            or caption is not None and bool(caption.text_content().strip())):
        return True  # header cells (which may hold a heading of their own) or a caption
    if any(cell.xpath(".//*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5"
                      " or self::h6]") for cells in rows for cell in cells):
        return False
    words = _words(table)
    linked = sum(_words(link) for link in table.iter("a"))
    if words and linked > LINK_SHARE * words:
        return False
    widths = [len(cells) for cells in rows]
    like = max(set(widths), key=widths.count)
    return like >= 2 and widths.count(like) >= 2


def unwrap_layout_tables(tree: lxml.html.HtmlElement) -> None:
    """Every layout table of the page becomes divisions (a row, a cell: a block
    each), judged before any of them changes."""
    layout = [table for table in tree.iter("table") if not is_data_table(table)]
    parts = [element for table in layout for element in table.iterdescendants(*_PARTS)
             if _table_of(element) is table]
    for element in [*layout, *parts]:
        _as_division(element)


def _as_division(element: lxml.html.HtmlElement) -> None:
    if element.tag in ("colgroup", "col"):
        element.drop_tree()
        return
    element.tag = "div"
    for name in [n for n in element.attrib if n not in ("id", "class", "lang", "dir", "style",
                                                        "hidden", "role")]:
        del element.attrib[name]


def without_layout_tables(html: str) -> str:
    """An extraction's HTML with its layout tables as divisions, and with the cell
    or row of a layout table that an extractor kept without its table (readability
    keeps the cell that holds the article) as a division too."""
    if not re.search(r"<t[dhr][\s>]", html):
        return html
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    unwrap_layout_tables(root)
    for element in list(root.iter(*_PARTS)):
        if _table_of(element) is None:
            _as_division(element)
    return lxml.html.tostring(root, encoding="unicode")
