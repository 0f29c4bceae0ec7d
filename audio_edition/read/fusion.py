"""Fusion: two extractors' opinions of the article, block by block.

readability-lxml's result is the base (it is the page's own HTML, structure
intact). trafilatura's result is a second opinion on each block:
- a run of trafilatura's blocks that readability left out is added where it
  stands in trafilatura's order (readability sometimes stops short of an
  article's end, or starts after its lead): prose anywhere, and lists of
  short items (materials, ingredients, key points) before the first block both
  agree on (not the line of facts about the story: its date, its comment count)
  or between two, unless they are lists of links; a short item is
  readability's only when it is a block of readability's ("Moss" is not in a
  sentence that mentions moss);
- a block that only readability keeps, before the first or after the last
  block both agree on, is page furniture around the article (a teaser, a
  "share this" line, a link list) and is dropped, except the prose right
  before the first (a standfirst trafilatura skips: trafilatura-eval +18
  snippets, none lost; kept after the last, prose cost 7 snippets there).
Blocks both agree on decide where the article is; when they agree on too
little, the two disagree about what the article is and readability's result
is kept as it is, unless they chose different parts of the page altogether
(they agree on almost nothing) and trafilatura's is prose: then trafilatura's
is taken (trafilatura-eval +9 snippets on four pages where readability read a
welcome box, an author's profile or another story of the page, -0 elsewhere;
no page of the Readability corpus is such a case).
"""
from __future__ import annotations

import copy
import re
from difflib import SequenceMatcher
from typing import NamedTuple

import lxml.html

from .furniture import furniture

_WORD = re.compile(r"\w+", re.UNICODE)
_LEAVES = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "figcaption",
           "dt", "dd", "td", "th", "blockquote")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
#: "1/50", "2 of 50": an item's place in a slideshow
_COUNTER = re.compile(r"\s*\d+\s*(?:/|of)\s*(\d+)\b", re.IGNORECASE)
#: The end of a sentence (also in Bengali and Hindi "।", Arabic "؟", Armenian "։"), after
#: which only closing quotes and brackets come ("„Ja.“", "«Oui.»").
_SENTENCE_END = re.compile(r"[.!?…:;。！？।॥؟۔։።][\s\"'”“’»›)\]]*$")
#: The share of readability's words that trafilatura must confirm before it is trusted.
MIN_AGREEMENT = 0.5
#: The extractors chose different parts of the page when they agree on no more than this
#: share of readability's words...
DISJOINT = 0.1
#: ...and trafilatura's choice is taken when at least this share of its words is prose: it
#: judges unseen pages better (trafilatura-eval F1 0.92 against 0.87 for readability alone).
PROSE_SHARE = 0.75
#: A block readability left out is added only when it is prose of at least this many words.
MIN_ADDED_WORDS = 10
#: A heading of sentences this long is a lead set as a heading, prose: a headline is shorter.
MIN_LEAD_WORDS = 20
#: A list readability left out is added, whatever its items, when it has this many.
MIN_LIST_ITEMS = 3
#: A block of fewer words than this is found in readability's only as a block of its own.
MIN_FOUND_WORDS = 3
#: The kinds of furniture that make a list the line of facts about a story.
_META = ("date line", "comment count")
#: A block whose words are this much the same as one of readability's is that block.
NEAR_SAME = 0.9


def words(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def letters(text: str) -> str:
    """The text without spaces or punctuation, for comparing the extractors'
    results: they disagree on spaces between inline elements."""
    return "".join(_WORD.findall(text.casefold()))


def leaves(root: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """The innermost text blocks of a tree, in reading order."""
    found = []
    for element in root.iter(*_LEAVES):
        if any(d is not element for d in element.iter(*_LEAVES)):
            continue  # a list item holding paragraphs: the paragraphs are the blocks
        if words(element.text_content()):
            found.append(element)
    return found


def fuse(base_html: str, second_html: str) -> str:
    """readability's content (`base_html`) corrected by trafilatura's (`second_html`)."""
    if not base_html.strip() or not second_html.strip():
        return base_html
    base = lxml.html.fragment_fromstring(base_html, create_parent="div")
    second = lxml.html.fragment_fromstring(second_html, create_parent="div")
    # each block's words and letters, read once: a long page has hundreds of blocks a side
    base_blocks, second_blocks = _read(leaves(base)), _read(leaves(second))
    base_text, second_text = letters(base.text_content()), letters(second.text_content())
    shared = [block.letters in second_text or _near(second_blocks, block.words) is not None
              for block in base_blocks.values()]
    agreed = sum(len(block.words) for block, s in zip(base_blocks.values(), shared) if s)
    base_words = len(words(base.text_content()).split())
    if agreed <= DISJOINT * base_words and _mostly_prose(second_blocks, base_words):
        return second_html  # two different parts of the page: trafilatura's judgement
    if not base_text or agreed < MIN_AGREEMENT * base_words:
        return base_html
    _add_missing(base_blocks, second_blocks, base_text)
    _trim_edges(base_blocks, shared)
    return lxml.html.tostring(base, encoding="unicode")


class _Text(NamedTuple):
    """A block's text as the comparisons read it."""

    words: list[str]
    letters: str
    prose: bool  #: a paragraph of sentences (`_is_prose`)


def _read(blocks: list) -> dict:
    """Each block (in order) and its text, as words and as letters, and whether it
    is prose."""
    texts = {}
    for block in blocks:
        content = block.text_content()
        found = words(content).split()
        texts[block] = _Text(found, letters(content), _is_prose(block.tag, content, len(found)))
    return texts


def _add_missing(base_blocks: dict, second_blocks: dict, base_text: str) -> None:
    """Put each of trafilatura's blocks that readability lacks after the block
    that precedes it in trafilatura's order (or before the first one)."""
    anchor, pending, inside, lists, shows, metas = None, [], [], {}, {}, {}
    for element, block in second_blocks.items():
        if in_slideshow(element, shows):
            continue  # pictures of other stories beside the article: not what it lacks
        present = block.letters in base_text
        match = (_find(base_blocks, block.letters, len(block.words)) if present
                 else _near(base_blocks, block.words))
        if match is not None:
            _insert(anchor if anchor is not None else match, pending + inside,
                    before=anchor is None)
            pending, inside, anchor = [], [], match
        elif present and len(block.words) >= MIN_FOUND_WORDS:
            continue  # across two of readability's blocks: not missing
        elif block.prose:
            pending.extend(inside + [element])
            inside = []
        elif _is_list_item(element, lists) and (anchor is not None
                                                or not _meta_list(element, metas)):
            inside.append(element)
    if pending and anchor is not None:
        _insert(anchor, pending, before=False)


def is_slideshow(element) -> bool:
    """A list of at least `MIN_LIST_ITEMS` items that each open with their place in the
    show ("1/50 ...", "2 of 50 ..."), out of the same number: a gallery of pictures."""
    if element.tag not in ("ul", "ol"):
        return False
    counters = [_COUNTER.match(item.text_content()) for item in element.findall("li")]
    return (len(counters) >= MIN_LIST_ITEMS and all(counters)
            and len({counter.group(1) for counter in counters}) == 1)


def in_slideshow(element, verdicts: dict) -> bool:
    """Whether a block is inside a slideshow; each list is judged once (`verdicts`)."""
    for ancestor in element.iterancestors("ul", "ol"):
        if ancestor not in verdicts:
            verdicts[ancestor] = is_slideshow(ancestor)
        if verdicts[ancestor]:
            return True
    return False


def slideshow_words(html: str) -> int:
    """The words of the slideshows in `html`."""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    return sum(len(_WORD.findall(e.text_content())) for e in root.iter("ul", "ol")
               if is_slideshow(e))


def _is_prose(tag: str, text: str, count: int) -> bool:
    """Whether a block (its tag, its text of `count` words) is a paragraph of
    sentences, not a teaser headline, a date or a link label."""
    return (count >= (MIN_LEAD_WORDS if tag in _HEADINGS else MIN_ADDED_WORDS)
            and _SENTENCE_END.search(text) is not None)


def _mostly_prose(blocks: dict, other_words: int) -> bool:
    """Whether `PROSE_SHARE` of the words of `blocks` (elements and their texts) are
    in paragraphs of prose, rather than in a list of links or titles, and they are
    at least half as many as the other extractor's `other_words` (not a slogan)."""
    total = sum(len(text.words) for text in blocks.values())
    prose = sum(len(text.words) for text in blocks.values() if text.prose)
    return total > 0 and prose >= PROSE_SHARE * total and 2 * prose >= other_words


def _is_list_item(element, verdicts: dict) -> bool:
    """An item of a list of at least `MIN_LIST_ITEMS` (ingredients, materials,
    steps) that is not a list of links: added only between blocks both agree
    on. Each list is judged once (`verdicts`), not once an item."""
    parent = element.getparent()
    if element.tag != "li" or parent is None:
        return False
    if parent not in verdicts:
        linked = sum(len(words(a.text_content()).split()) for a in parent.iter("a"))
        verdicts[parent] = (len(parent.findall("li")) >= MIN_LIST_ITEMS
                            and linked * 2 <= len(words(parent.text_content()).split()))
    return verdicts[parent]


def _meta_list(item, verdicts: dict) -> bool:
    """Whether a list item's list says when a story was published or how many
    comments it has: the line of facts about the story, not its key points. Each
    list is judged once (`verdicts`)."""
    parent = item.getparent()
    if parent not in verdicts:
        verdicts[parent] = any(furniture(" ".join(sibling.text_content().split())) in _META
                               for sibling in parent.iterchildren("li"))
    return verdicts[parent]


def _near(others: dict, mine: list[str]):
    """The block of the other extractor's (`others`: blocks and their texts) that says
    the same as a block of words `mine` but for a few words (trafilatura keeps a link's
    hidden "Opens a new window"): the same block."""
    if len(mine) < MIN_ADDED_WORDS:
        return None
    for candidate, text in others.items():
        theirs = text.words
        if 2 * min(len(theirs), len(mine)) >= NEAR_SAME * (len(theirs) + len(mine)) and \
                SequenceMatcher(None, mine, theirs, autojunk=False).ratio() >= NEAR_SAME:
            return candidate
    return None


def _find(base_blocks: dict, text: str, count: int):
    """The block of readability's that holds `text` (of `count` words); a text of
    fewer than `MIN_FOUND_WORDS` is found only as a block of its own: an item "Moss"
    is not in a sentence that mentions moss."""
    for element, block in base_blocks.items():
        if text == block.letters or (count >= MIN_FOUND_WORDS and text in block.letters):
            return element
    return None


def _insert(anchor, blocks: list, before: bool) -> None:
    """Insert copies of `blocks` beside `anchor`'s top block (its list, for a list item)."""
    if not blocks:
        return
    target = anchor
    while target.getparent() is not None and target.getparent().tag in ("ul", "ol", "li", "dl", "tr",
                                                                        "tbody", "thead", "table"):
        target = target.getparent()
    if target.getparent() is None:
        return
    for block in (blocks if before else reversed(blocks)):
        new = _standalone(block)
        if before:
            target.addprevious(new)
        else:
            target.addnext(new)


def _standalone(block):
    """A copy of a block that stands on its own: a list item keeps its list."""
    new = copy.deepcopy(block)
    new.tail = None
    if new.tag == "li":
        wrapper = lxml.html.Element(block.getparent().tag if block.getparent() is not None
                                    and block.getparent().tag in ("ul", "ol") else "ul")
        wrapper.append(new)
        return wrapper
    if new.tag in ("td", "th", "dt", "dd", *_HEADINGS):  # a heading added is a lead: prose
        new.tag = "p"
    return new


def _trim_edges(base_blocks: dict, shared: list[bool]) -> None:
    """Drop readability-only blocks (`base_blocks`: blocks and their texts) before the
    first and after the last shared one, but not the prose just before the first (a
    standfirst), nor the caption of a picture before it: a lead picture's caption set
    above the headline is read (after the title), whichever extractor leaves it out."""
    if True not in shared:
        return
    base_leaves, texts = list(base_blocks), list(base_blocks.values())
    first = shared.index(True)
    last = len(shared) - 1 - shared[::-1].index(True)
    lead = first
    while lead > 0 and texts[lead - 1].prose:
        lead -= 1  # the standfirst just before the article's first agreed block
    lead_captions = [e for e in base_leaves[:lead] if _picture_caption(e)]
    for element in base_leaves[:lead] + base_leaves[last + 1:]:
        if element.getparent() is not None and element not in lead_captions:
            element.drop_tree()


def _picture_caption(element) -> bool:
    """Whether a block is the caption of a figure that holds a picture."""
    figure = next(element.iterancestors("figure"), None)
    return (element.tag == "figcaption" and figure is not None
            and figure.find(".//img") is not None)
