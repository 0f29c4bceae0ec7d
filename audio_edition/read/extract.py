"""Extract: keep the article and nothing of the page around it, plus its metadata.

Two extraction libraries are combined. readability-lxml finds the main
content and returns it as the page's own HTML, structure intact (headings,
lists, quotes, figures, tables, `lang` and `title` attributes), which the
document stage needs. trafilatura extracts independently and is a second
opinion on every block (`fusion.fuse`): prose it finds beyond readability's
result is added, what only readability keeps around the article's edges is
dropped. Where trafilatura finds much more text than readability
(readability sometimes settles on one fragment of a long page), its result
is used instead, as trafilatura gives it: mapping it back onto the page's
enclosing element brought the furniture around the article back with it
(trafilatura-eval F1 0.845 against 0.881 on the 88 pages concerned). Where
both find almost nothing (a page that a script fills in the browser), the
article the page declares in its schema.org data is read (`structured`).
trafilatura also reads the metadata (title without the site name, author,
date, description, image, canonical URL).

Before either runs, whatever is never spoken is removed: scripts, styles,
forms, navigation, hidden elements, page chrome (cookie notices, headers and
footers outside the article) and teaser cards of other stories (linked
headlines with a standfirst, recognised by their shape, not their names).
"""
from __future__ import annotations

import logging
import re
from copy import deepcopy
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html
import trafilatura
from readability import Document as ReadabilityDocument
from readability.readability import REGEXES, Unparseable

from ..errors import InputError, NoArticleError
from .formula import delimited
from .furniture import is_link_hint
from .fusion import fuse, slideshow_words
from ..language import language_tag
from .load import Page, is_url
from .markup import TooDeepError, parse_page, readable
from .marks import apply_marks
from ..printable import without_controls
from .sites import ReadRules
from .structured import declared_article, structured_data
from .styles import drop_hidden_by_style, drop_inline_cards
from .tables import without_layout_tables

log = logging.getLogger(__name__)

#: An article must have at least this many words of text.
MIN_ARTICLE_WORDS = 1
#: readability's result is not an article when it is this small and trafilatura's is bigger.
MIN_READABILITY_WORDS = 25
#: trafilatura's result replaces readability's when it has this many times the words...
FALLBACK_RATIO = 1.5
#: ...and at least this many more words.
FALLBACK_MIN_GAIN = 50

#: Words beside its caption that a picture's label has at most ("Image", "Photo")
LABEL_WORDS = 2

#: What the extractors found is no article when it has fewer words than this (a browser
#: warning, a caption): the article the page declares in its structured data, when it
#: has at least as many, is read instead. A page that shows an article and declares a
#: longer one (behind a paywall) is read as it shows.
RESCUE_WORDS = 50

#: Paragraph words that make an element the article rather than a notice.
ARTICLE_PROSE_WORDS = 150

#: Words beside its heading that a teaser card of another story has at most.
TEASER_WORDS = 60
#: Teaser cards are dropped when the page has this many times their words: cards
#: that make up much of the page are its content (a list of items, an index).
TEASER_SHARE = 2

#: A page of at least this many teaser cards, which hold half its words or more, at the
#: address of a site or a section, is a front page (`_refuse_front_page`).
FRONT_PAGE_CARDS = 12
#: The path of a site's or a section's address: at most two words ("/", "/es/", "/news/world")
_SECTION_PATH = re.compile(r"^/?(?:[^\W\d_]{1,24}/?){0,2}$")

#: How far above its heading a teaser card's block is looked for.
CARD_DEPTH = 5
_HEADINGS = ("h2", "h3", "h4", "h5", "h6")
#: A description this long is a standfirst's opening words when a paragraph starts with it
DESCRIPTION_WORDS = 8
#: A table with header cells is data up to this share of linked text: a release
#: history links every version in its first column (a third of its text)
DATA_TABLE_LINKS = 0.5

#: Never-spoken elements that some pages wrap their whole content in.
_WRAPPERS = ("form", "noscript")
_NEVER_SPOKEN_TAGS = (
    "script", "style", "noscript", "template", "form", "nav", "button",
    "input", "select", "textarea", "iframe", "object", "embed", "canvas",
    "svg", "audio", "video", "dialog", "label",
    "rt", "rp",  # ruby: how to pronounce the text beside it, which the voice reads already
)
#: An element hidden from every reader, by attribute or by its own style.
_HIDDEN = (
    "@hidden or @aria-hidden='true'"
    " or contains(translate(@style,'DISPLAYNOEVSBT ','displaynoevsbt'),'display:none')"
    " or contains(translate(@style,'DISPLAYNOEVSBT ','displaynoevsbt'),'visibility:hidden')"
)
_NEVER_SPOKEN_XPATH = (
    f"//*[{_HIDDEN}]"
    # an icon font draws these words as an icon ("filter_none", "expand_more")
    " | //*[contains(@class, 'material-icons') or contains(@class, 'material-symbols')]"
    " | //*[@role='navigation' or @role='banner' or @role='contentinfo'"
    " or @role='search' or @role='dialog' or @role='alertdialog' or @role='complementary'"
    # a pop-up's text, shown on hover over a word of a sentence: not part of the sentence
    " or @role='tooltip']"
)
_HEADING_XPATH = "//*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6]"
_LANDMARK_ROLES = ("navigation", "banner", "contentinfo", "complementary")
_CHROME_PATTERN = re.compile(
    r"cookie|consent|gdpr|newsletter|paywall|subscribe-|social-share|share-buttons", re.I)
_WORD = re.compile(r"\w+", re.UNICODE)
#: What stands between a title and the site's name: "Rain returns | The Valley Gazette".
_TITLE_SEPARATOR = r"\s*[|·•:–—-]{1,2}\s*"


@dataclass(frozen=True)
class Extraction:
    """The article's content (as HTML) and what the page says about it."""

    title: str
    lang: str
    content_html: str
    byline: str | None = None
    date: str | None = None  #: ISO date (YYYY-MM-DD) when the page has one
    description: str | None = None
    image: str | None = None
    url: str | None = None  #: canonical URL when the page declares one
    #: what the publisher's `data-audio-edition-say` marks say (see `marks.said`)
    says: tuple[str, ...] = ()


def extract(page: Page, default_lang: str = "en", rules: ReadRules | None = None) -> Extraction:
    """Find the main content of a page and its metadata; `default_lang` is the
    language of a page that declares none (or only something that is not a
    language tag). The publisher's marks and the site's `rules` come first: what
    they skip is never seen, and the parts they name are read instead of what
    extraction would find."""
    html = _without_xml_declaration(page.html)
    try:
        if rules:
            html = rules.marked(html, page.source)
        tree = _parse(page, html)
    except TooDeepError as err:
        raise InputError(page.source, str(err)) from None
    lang = _page_lang(tree) or default_lang
    structured = structured_data(tree)
    marks = apply_marks(tree, page.source)
    if marks.changed:  # the page as it is, for the last resort below, is the marked page
        html = lxml.html.tostring(tree, encoding="unicode")
    _formulas_as_text(tree)
    if marks.read:
        content_html = _read_parts(marks.read)
        if _count_words(content_html) < MIN_ARTICLE_WORDS:
            raise NoArticleError(page.source, "the parts marked to be read "
                                              "(data-audio-edition=\"read\") hold no text")
        return _described(page, tree, lang, content_html, marks.says)
    _drop_unspoken(tree, page)
    cleaned = lxml.html.tostring(tree, encoding="unicode")
    second_opinion = _trafilatura_content(cleaned)
    content_html, short_title = _main_content(cleaned, page.source)
    words = _count_words(content_html)
    theirs = _count_words(second_opinion) if second_opinion else 0
    # a slideshow of other stories beside the article makes trafilatura's no more of it
    more = theirs - slideshow_words(second_opinion) if theirs else 0
    if theirs and (_prose_words(content_html) < MIN_READABILITY_WORDS
                   or more >= max(words * FALLBACK_RATIO, words + FALLBACK_MIN_GAIN)):
        log.info("%s: trafilatura found more of the article than readability", page.source)
        content_html = second_opinion
        words = _count_words(content_html)
    elif second_opinion:
        content_html = fuse(content_html, second_opinion)
        words = _count_words(content_html)
    if words < MIN_ARTICLE_WORDS:  # our cleaning may have cost the article: the page as it is
        raw = _trafilatura_content(readable(html)) or ""
        raw_words = _count_words(raw)
        if raw_words >= MIN_READABILITY_WORDS:  # prose, not a stray copyright line
            content_html, words = raw, raw_words
    declared = declared_article(structured, _as_page_reads) if words < RESCUE_WORDS else ""
    declared_words = _count_words(declared) if declared else 0
    if declared_words >= RESCUE_WORDS:
        log.info("%s: the page declares more of its article than both extractors find",
                 page.source)
        content_html, words = declared, declared_words
    content_html = without_layout_tables(content_html)
    if words < MIN_ARTICLE_WORDS:
        raise NoArticleError(page.source, "no article found (the page has no text outside "
                             "navigation, forms and other page chrome)")
    return _described(page, tree, lang, content_html, marks.says, short_title)


def _described(page: Page, tree: lxml.html.HtmlElement, lang: str, content_html: str,
               says: tuple[str, ...], short_title: str = "") -> Extraction:
    """The article's content with what the page says about it (trafilatura's metadata)."""
    meta = trafilatura.extract_metadata(page.html)
    title = (page.hints.get("title") or _declared_title(tree) or _h1_in_title(tree)
             or short_title or (meta.title if meta else None) or _first_h1(tree))
    return Extraction(
        title=_without_site_name(_clean(title), tree) or _title_from_name(page),
        lang=lang,
        content_html=content_html,
        byline=_byline(meta.author) if meta and meta.author else None,
        date=page.hints.get("date") or (meta.date if meta and meta.date else None),
        description=_clean(meta.description) if meta and meta.description else None,
        image=meta.image if meta and meta.image else None,
        url=page.canonical_url or (meta.url if meta and meta.url else None),
        says=says,
    )


def _read_parts(parts: tuple[lxml.html.HtmlElement, ...]) -> str:
    """The parts the publisher marked to be read, in page order, as one division;
    inside them only what no reader sees is dropped (scripts, styles, controls,
    hidden elements): the publisher, not extraction, decided what they hold."""
    division = lxml.html.Element("div")
    for part in parts:
        part = deepcopy(part)
        part.tail = None
        hidden = part.xpath(f".//*[{_HIDDEN}]") + [e for e in part.iterdescendants(*_NEVER_SPOKEN_TAGS)]
        for element in hidden:
            if element.getparent() is not None:
                element.drop_tree()
        division.append(part)
    _drop_link_hints(division)
    return lxml.html.tostring(division, encoding="unicode")


def _drop_unspoken(tree: lxml.html.HtmlElement, page: Page | None = None) -> None:
    """Whatever is never spoken leaves the tree: what the page's own style rules hide
    and cards inside its sentences (read before its <style> elements go), controls,
    hidden and navigation elements, link hints, chrome, teaser cards, permalink signs.
    The page's own tree (`page`), not HTML it declares, is refused on the way when it
    is a front page."""
    drop_hidden_by_style(tree)
    drop_inline_cards(tree)
    _drop_never_spoken(tree)
    _drop_link_hints(tree)
    _drop_chrome(tree)
    groups, counts = _teaser_cards(tree)
    if page is not None:
        _refuse_front_page(page, tree, groups, counts)
    _drop_teasers(groups, counts, counts[tree][0] if counts else 0)
    _unlink_anchored_headings(tree)


def _as_page_reads(tree: lxml.html.HtmlElement) -> None:
    """HTML a page declares in its structured data, cleaned by the rules its own
    HTML is: a form's labels in an articleBody are no more read than on the page."""
    _formulas_as_text(tree)
    _drop_unspoken(tree)


def _without_xml_declaration(html: str) -> str:
    """XHTML pages start with `<?xml ... encoding=...?>`, which lxml refuses in
    decoded text (the text is decoded already, so the declaration says nothing)."""
    return re.sub(r"^\s*<\?xml[^>]*\?>", "", html, count=1)


#: libxml2 drops a text longer than this without a word unless told otherwise
_LIBXML_TEXT_LIMIT = 10_000_000


def _parse(page: Page, html: str) -> lxml.html.HtmlElement:
    """The page's tree, with the control characters its entities may encode
    (`&#27;`) dropped; a text too long for the other parsers is refused."""
    try:
        tree = parse_page(html)
    except TooDeepError:
        raise
    except (lxml.etree.ParserError, ValueError) as err:
        raise InputError(page.source, f"malformed HTML that cannot be parsed ({err})") from err
    if tree is None or tree.find(".//body") is None:
        raise InputError(page.source, "malformed HTML: no document body")
    for element in tree.iter():
        for name in ("text", "tail"):
            value = getattr(element, name)
            if value and len(value) > _LIBXML_TEXT_LIMIT:
                raise InputError(page.source, f"one run of text is {len(value):,} characters "
                                 "long, beyond what HTML parsers read whole (10 MB)")
            if value and without_controls(value) != value:
                setattr(element, name, without_controls(value))
        if isinstance(element.tag, str):
            for key, value in element.attrib.items():
                if without_controls(value) != value:
                    element.set(key, without_controls(value))
    return tree


def _page_lang(tree: lxml.html.HtmlElement) -> str | None:
    """The page language from <html lang>, then Content-Language, then og:locale."""
    lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not lang:
        for meta in tree.iter("meta"):
            key = (meta.get("http-equiv") or meta.get("property") or "").lower()
            if key in ("content-language", "og:locale") and meta.get("content"):
                lang = meta.get("content")
                break
    return language_tag((lang or "").split(",")[0])


def _drop_never_spoken(tree: lxml.html.HtmlElement) -> None:
    for element in list(tree.iter(*_NEVER_SPOKEN_TAGS)):
        if (element.tag in _WRAPPERS and _holds_prose(element)) or _wraps_article(element):
            element.drop_tag()  # a page built as one form (ASP.NET) or swallowed by a menu
        else:
            element.drop_tree()
    for element in tree.xpath(_NEVER_SPOKEN_XPATH):
        if element.getparent() is None or element.tag in ("html", "body"):
            continue
        if _wraps_article(element):
            element.drop_tag()
        else:
            element.drop_tree()


def _drop_link_hints(tree: lxml.html.HtmlElement) -> None:
    """A link's words for screen readers about where it opens go: an element of
    the link that says only that, or the same words in brackets at its end."""
    for link in tree.iter("a"):
        for element in list(link.iterdescendants("*")):
            if element.getparent() is not None and is_link_hint(element.text_content()):
                element.drop_tree()
        if len(link) == 0 and link.text:
            words = re.match(r"(.*\S)\s*(\([^()]*\))\s*$", link.text, re.S)
            if words and is_link_hint(words.group(2)):
                link.text = words.group(1)


def _formulas_as_text(tree: lxml.html.HtmlElement) -> None:
    """Each MathML formula that gives its TeX becomes that TeX, delimited as
    MathJax delimits it (`formula`), in a plain span both extractors keep as text.
    A formula that only a hidden wrapper holds takes the wrapper's place: the page
    hid it to show a picture of it instead, and the picture's alt text (the same
    TeX) is hidden from screen readers (Wikipedia)."""
    for math in list(tree.iter("math")):
        annotation = math.xpath(".//*[local-name()='annotation']"
                                "[@encoding='application/x-tex']")
        tex = (annotation[0].text_content() if annotation else math.get("alttext") or "").strip()
        if not tex:
            continue  # MathML alone: its text is read as it stands
        place, own = math, math.text_content().strip()
        for ancestor in math.iterancestors():
            if ancestor.tag in ("body", "html") or ancestor.text_content().strip() != own:
                break
            if ancestor.xpath(f"boolean(self::*[{_HIDDEN}])"):
                place = ancestor
        span = lxml.html.Element("span")
        span.text = delimited(tex, display=math.get("display") == "block")
        span.tail = place.tail
        place.getparent().replace(place, span)


def _wraps_article(element: lxml.html.HtmlElement) -> bool:
    """Whether a landmark of the page's chrome (a menu, a banner) holds the
    article itself: an unclosed element of a menu can swallow the whole page.
    It then holds an article element or the page's headline (every h1: a menu
    can have headings of its own), and most of the page's paragraphs."""
    if not (element.tag == "nav" or element.get("role") in _LANDMARK_ROLES):
        return False
    page = element.getroottree().getroot()
    headlines = len(page.findall(".//h1"))
    holds_headline = headlines > 0 and len(element.findall(".//h1")) == headlines
    if element.find(".//article") is None and not holds_headline:
        return False
    words = _paragraph_words(element)
    return words >= ARTICLE_PROSE_WORDS and words * 2 > _paragraph_words(page)


def _holds_prose(element: lxml.html.HtmlElement) -> bool:
    """Whether an element holds an article's worth of text: paragraphs, or text
    outside links (a forum's posts are often not paragraphs)."""
    if _paragraph_words(element) >= ARTICLE_PROSE_WORDS:
        return True
    linked = sum(len(_WORD.findall(a.text_content())) for a in element.iter("a"))
    return len(_WORD.findall(element.text_content())) - linked >= 2 * ARTICLE_PROSE_WORDS


def _drop_chrome(tree: lxml.html.HtmlElement) -> None:
    """Remove cookie notices and the like, and page footers (not an article's own).

    Page headers stay: they often hold the article's title and standfirst.
    """
    for element in list(tree.iter()):
        if not isinstance(element.tag, str) or element.getparent() is None:
            continue
        if element.tag in ("html", "body", "article", "main"):
            continue
        marker = f"{element.get('id', '')} {element.get('class', '')}"
        if _CHROME_PATTERN.search(marker) and not _holds_article(element):
            element.drop_tree()
        elif element.tag == "footer" and not _in_article(element):
            element.drop_tree()


def _drop_teasers(groups: dict, counts: dict, page_words: int) -> None:
    """Remove teaser cards of other stories (`_teaser_cards`), two or more beside each
    other. An article's own headings are not links away."""
    for cards in groups.values():
        card_words = sum(counts[card][0] for card in cards)
        if len(cards) >= 2 and card_words * TEASER_SHARE <= page_words:
            for card in cards:
                card.drop_tree()


def _teaser_cards(tree: lxml.html.HtmlElement) -> tuple[dict, dict]:
    """The page's teaser cards of other stories, by the element that holds them: blocks
    each led by a heading that is a link to another page, with little else (a
    standfirst, a byline); and each element's words and headings (`_subtree_counts`)."""
    headlines = [h for h in tree.xpath("//h2|//h3|//h4|//h5|//h6") if _is_headline(h)]
    if len(headlines) < 2:
        return {}, {}
    counts = _subtree_counts(tree)
    groups: dict[lxml.html.HtmlElement, list[lxml.html.HtmlElement]] = {}
    for heading in headlines:
        card = _teaser_card(heading, counts)
        if card is not None:
            groups.setdefault(card.getparent(), []).append(card)
    return groups, counts


def _refuse_front_page(page: Page, tree: lxml.html.HtmlElement, groups: dict,
                       counts: dict) -> None:
    """A front page is no article: at least `FRONT_PAGE_CARDS` teaser cards of other
    stories, holding half the page's words or more, at an address that names a site
    or a section ("https://news.example/", ".../es/", ".../world/europe"), not a
    story. Read, it is standfirsts without their headlines; the line names what to
    build instead: the site's feed, which the page links to, or its sitemap."""
    cards = [card for found in groups.values() for card in found]
    address = page.canonical_url or (page.source if is_url(page.source) else None)
    if (len(cards) < FRONT_PAGE_CARDS or sum(counts[c][0] for c in cards) * 2 < counts[tree][0]
            or not address or not _SECTION_PATH.match(urlsplit(address).path)
            or urlsplit(address).query):
        return
    feeds = [urljoin(address, link.get("href", "")) for link in tree.iter("link")
             if link.get("rel", "").lower() == "alternate" and link.get("href")
             and link.get("type", "").lower() in ("application/rss+xml", "application/atom+xml")]
    instead = (f"feed ({feeds[0]})" if feeds
               else f"feed or sitemap ({urljoin(address, '/sitemap.xml')})")
    raise NoArticleError(page.source, f"a front page ({len(cards)} teasers of other stories), "
                                      f"not an article: build the site's {instead} instead")


def _is_headline(heading: lxml.html.HtmlElement) -> bool:
    """A heading that is mostly one link to another page."""
    words = len(_WORD.findall(heading.text_content()))
    linked = max((len(_WORD.findall(a.text_content())) for a in heading.iter("a")
                  if not a.get("href", "#").strip().startswith("#")), default=0)
    return words > 0 and linked * 2 > words


def _subtree_counts(tree: lxml.html.HtmlElement) -> dict:
    """Each element's words and headings, counted once for the whole page
    (children before parents), so that looking up any element costs nothing."""
    counts: dict = {}
    for element in reversed(list(tree.iter())):
        words = len(_WORD.findall(element.text or "")) if isinstance(element.tag, str) else 0
        headings = int(element.tag in _HEADINGS)
        for child in element:
            child_words, child_headings = counts[child]
            words += child_words + len(_WORD.findall(child.tail or ""))
            headings += child_headings
        counts[element] = (words, headings)
    return counts


def _unlink_anchored_headings(tree: lxml.html.HtmlElement) -> None:
    """A heading that links to itself (a permalink anchor) is no link away: its
    words stay as text, and a permalink sign beside it ("Setting up¶") is not a
    word of the heading, nor of the chapter named after it."""
    for link in tree.xpath(f"{_HEADING_XPATH}//a[starts-with(normalize-space(@href), '#')]"):
        if _WORD.search(link.text_content()):
            link.drop_tag()
        else:  # a permalink sign ("¶", "#", "🔗") beside the heading: for the eye
            link.drop_tree()
    for group in tree.xpath(f"{_HEADING_XPATH}//*[a]"):
        if group.getparent() is not None and _bracketed_links(group):
            group.drop_tree()  # a wiki's "[edit]" beside a heading: a control, not a word


def _bracketed_links(element: lxml.html.HtmlElement) -> bool:
    """Whether an element is only links in brackets: "[edit]", "[edit | source]"."""
    text = " ".join(element.text_content().split())
    outside = text
    for link in element.iter("a"):
        outside = outside.replace(" ".join(link.text_content().split()), "", 1)
    return (text.startswith("[") and text.endswith("]")
            and not _WORD.search(outside))


def _teaser_card(heading: lxml.html.HtmlElement, counts: dict) -> lxml.html.HtmlElement | None:
    """The block a headline leads when there is little else around it: the
    highest of its first `CARD_DEPTH` ancestors that holds no other heading
    and at most `TEASER_WORDS` words beside it."""
    heading_words = counts[heading][0]
    card = None
    for element in list(heading.iterancestors())[:CARD_DEPTH]:
        words, headings = counts[element]
        if (element.tag in ("html", "body") or element.getparent() is None or headings > 1
                or words - heading_words > TEASER_WORDS):
            break
        card = element
    return card


def _holds_article(element: lxml.html.HtmlElement) -> bool:
    """Whether an element named like a notice holds the article itself: sites
    wrap articles in "paywall" containers, and blogs put tag names such as
    "newsletter" in the class list of the article's element."""
    if element.find(".//h1") is not None or element.find(".//article") is not None:
        return True
    return _paragraph_words(element) >= ARTICLE_PROSE_WORDS


def _paragraph_words(element: lxml.html.HtmlElement) -> int:
    return sum(len(_WORD.findall(p.text_content())) for p in element.iter("p"))


def _in_article(element: lxml.html.HtmlElement) -> bool:
    return any(a.tag in ("article", "blockquote", "figure") for a in element.iterancestors())


def _prose_words(html: str) -> int:
    """Words outside headings: a list of teaser headlines is not an article."""
    if not html.strip():
        return 0
    root = lxml.html.fromstring(html)
    for heading in root.xpath(".//h1|.//h2|.//h3|.//h4|.//h5|.//h6"):
        heading.drop_tree()
    return len(_WORD.findall(root.text_content()))


def _count_words(html: str) -> int:
    if not html.strip():
        return 0
    return len(_WORD.findall(lxml.html.fromstring(html).text_content()))


#: Inline elements between which a page's space separates two words.
_INLINE = ("a|abbr|b|bdi|bdo|cite|code|dfn|em|i|kbd|mark|q|s|samp|small|span|strong|sub|sup"
           "|time|u|var")
_SPACE_BETWEEN_INLINES = re.compile(rf"(</(?:{_INLINE})>)\s+(?=<(?:{_INLINE})[\s>])", re.I)
#: The sign for a space (U+2423) stands for such a space while trafilatura reads the
#: page: it drops a tail that is only spaces ("<a>American</a> <a>television</a>"
#: would be read "Americantelevision"), and every invisible character with it.
_KEPT_SPACE = "\u2423"
#: Elements that are text-level content (HTML's phrasing content, less the embedded
#: and interactive ones a paragraph would not hold).
_PHRASING_TAGS = frozenset(_INLINE.split("|")) | {"br", "wbr", "font", "del", "ins", "data",
                                                  "label", "ruby", "rt", "rp", "math"}


def _trafilatura_content(html: str) -> str | None:
    """trafilatura's extraction of the page, as HTML the document stage reads."""
    marked = _KEPT_SPACE not in html  # a page that uses the sign keeps it, and loses the spaces
    if marked:
        html = _SPACE_BETWEEN_INLINES.sub(rf"\1 {_KEPT_SPACE} ", html)
    try:
        xml = trafilatura.extract(html, output_format="xml", include_tables=True,
                                  include_images=True, include_formatting=True,
                                  include_links=True, include_comments=False)
    except (ValueError, lxml.etree.LxmlError) as err:  # a page it cannot read: no opinion
        log.info("trafilatura cannot read the page: %s", err)
        return None
    if not xml:
        return None
    content = _with_introduced_sublists(tei_to_html(xml), html)
    return re.sub(rf"\s*{_KEPT_SPACE}\s*", " ", content) if marked else content


def _with_introduced_sublists(content: str, page_html: str) -> str:
    """trafilatura's content with the lists its items introduce ("In progress:" and
    the bugs being fixed, each a link), which it drops as lists of links, put back
    from the page: the item that introduces them is kept, its words ending in a colon."""
    root = lxml.html.fragment_fromstring(content)  # one division (`tei_to_html`)
    introducing = {}
    for item in root.iter("li"):
        said = " ".join(item.text_content().split())
        if said.endswith(":") and item.find("ul") is None and item.find("ol") is None:
            introducing.setdefault(said, []).append(item)
    if not introducing:
        return content
    found = {}
    for list_ in lxml.html.fromstring(page_html).iter("ul", "ol"):
        item = list_.getparent()
        if item is not None and item.tag == "li" and _introduced_sublist(list_):
            said = " ".join(_without_introduced_sublists(item).text_content().split())
            found.setdefault(said, []).append(list_)
    for said, items in introducing.items():
        if len(items) == 1 and len(found.get(said, ())) == 1:
            sublist = deepcopy(found[said][0])
            sublist.tail = None
            for element in sublist.iter():
                for name in [n for n in element.attrib if n not in ("src", "alt", "title", "href")]:
                    del element.attrib[name]
            items[0].append(sublist)
    return lxml.html.tostring(root, encoding="unicode")


_TRAFILATURA_TAGS = {"p": "p", "item": "li", "quote": "blockquote", "code": "pre",
                     "row": "tr", "lb": "br", "hi": "span", "ref": "a", "del": "del"}


def tei_to_html(xml: str) -> str:
    """Map trafilatura's XML (head rend=h2, list rend=ol, item, quote, graphic,
    table/row/cell) onto the HTML elements they stand for."""
    root = lxml.etree.fromstring(xml.encode("utf-8"))
    main = root.find("main")
    if main is None:
        return ""
    for element in main.iter():
        tag, rend = element.tag, element.get("rend", "")
        if tag == "head":
            element.tag = rend if re.fullmatch(r"h[1-6]", rend) else "h2"
        elif tag == "list":
            element.tag = "ol" if rend == "ol" else "ul"
        elif tag == "graphic":
            element.tag = "img"
        elif tag == "cell":
            element.tag = "th" if element.get("role") == "head" else "td"
        elif tag == "hi" and rend == "#sup":
            element.tag = "sup"
        else:
            element.tag = _TRAFILATURA_TAGS.get(tag, tag)
        if tag == "ref" and element.get("target"):
            element.set("href", element.get("target"))
        for name in [n for n in element.attrib if n not in ("src", "alt", "title", "href")]:
            del element.attrib[name]
    main.tag = "div"
    return lxml.etree.tostring(main, encoding="unicode", method="html")


class _FaithfulReadability(ReadabilityDocument):
    """readability-lxml, told to keep what a listener needs that its cleaning drops:
    short lists with few links (steps, nested items), lists that an item introduces
    in words ("In progress:" and the linked bugs), footnote sections, data tables
    with header cells, the wrappers of short code blocks, and the pictures beside
    the segments it joins."""

    def transform_misused_divs_into_paragraphs(self):
        """As readability-lxml does, after each run of text and inline elements
        in a div that also holds blocks is made one paragraph, as Readability.js
        makes it: readability-lxml made a block's tail a paragraph of its own, which
        cut a sentence after its first words ("Mix in" / "a bowl 150 g of flour")."""
        for div in self.tags(self.html, "div"):
            if any(not _phrasing(child) for child in div):
                _paragraphs_of_runs(div)
        super().transform_misused_divs_into_paragraphs()

    def remove_unlikely_candidates(self):
        """As readability-lxml does, but footnote sections are not "unlikely"
        (their class names contain "foot", which it treats as a footer), nor is a
        link: a gloss linked as a "popup" is words of its sentence (a story
        annotated phrase by phrase lost one word in ten); nor is a blockquote: a
        post the article quotes is embedded with its network's name as its class
        ("twitter-tweet"), which readability-lxml, not Readability.js, finds unlikely.
        The standfirst the page declares (`get_editorial_leads`) is set aside, not
        lost, with an unlikely header that holds it: a mark keeps its place, and it
        scores nothing meanwhile (a long paragraph alone could draw the article to it)."""
        declared = self._declared()
        standfirst = next((p for p in self.html.iter("p")
                           if _opens_with_any(_folded_words(p.text_content()), declared)),
                          None) if declared else None
        self.set_aside = None
        for element in self.html.findall(".//*"):
            marker = f"{element.get('class', '')} {element.get('id', '')}"
            if (len(marker) >= 2 and REGEXES["unlikelyCandidatesRe"].search(marker)
                    and not REGEXES["okMaybeItsACandidateRe"].search(marker)
                    and element.tag not in ("html", "body", "a", "blockquote")
                    and not _is_notes_section(element)
                    and not element.xpath("ancestor-or-self::pre | ancestor-or-self::code")
                    and not element.xpath("descendant-or-self::main | descendant-or-self::article"
                                          " | descendant-or-self::math")):
                if (standfirst is not None and self.set_aside is None
                        and element in standfirst.iterancestors()):  # its outermost such
                    mark = lxml.html.Element("span")
                    element.addnext(mark)
                    self.set_aside = (mark, standfirst)
                element.drop_tree()

    def _declared(self) -> set[str]:
        """The descriptions the page declares, as `_folded_words`."""
        return {_folded_words(content) for content in self.html.xpath(
            "//meta[@name='description' or @property='og:description'"
            " or @name='twitter:description']/@content")} - {""}

    def get_article(self, candidates, best_candidate, html_partial=False):
        """As readability-lxml does, and a captioned picture between two parts of
        the article it keeps is kept too, in its place: a picture scores nothing
        as a sibling of the best candidate, but its caption describes the article's
        picture (the Readability corpus +0.04 on a page of seven such). An
        editorial lead (a standfirst) stands where the page sets it, before the first
        part of the article that follows it: readability-lxml set it at the start of
        its best candidate, which may be the article's fifth part."""
        self.leads = []
        self._put_back_standfirst(best_candidate["elem"])
        place = {element: n for n, element in enumerate(self.html.iter())}
        parent = best_candidate["elem"].getparent()
        siblings = list(parent) if parent is not None else []
        output = super().get_article(candidates, best_candidate, html_partial)
        root = output if html_partial else output[0][0]  # html > body > div otherwise
        for lead in self.leads:
            following = next((part for part in root if part not in self.leads
                              and place.get(part, -1) > place.get(lead, -1)), None)
            if following is not None:
                following.addprevious(lead)
        taken = [sibling.getparent() is not parent for sibling in siblings]  # moved to output
        if taken.count(True) < 2:
            return output
        first, last = taken.index(True), len(taken) - 1 - taken[::-1].index(True)
        previous = siblings[first]
        for sibling, moved in zip(siblings[first:last], taken[first:last]):
            if moved:
                previous = sibling
            elif _captioned_picture(sibling):
                previous.addnext(sibling)
                previous = sibling
        return output

    def merge_article_segments(self, candidates, best_candidate, score_threshold):
        """As readability-lxml does (the article's other segments, alike in class,
        join the best candidate), and the pictures right after each segment in its
        own wrapper come with it, the best candidate's too: a how-to's steps each
        hold their text and then their picture, whose description was left behind."""
        best = best_candidate["elem"]
        places = {elem: (elem.getparent(), elem.getnext()) for elem in candidates
                  if elem.getparent() is not None}
        own_end = best[-1] if len(best) else None
        super().merge_article_segments(candidates, best_candidate, score_threshold)
        moved = [elem for elem, (parent, _) in places.items() if elem.getparent() is not parent]
        if not moved:
            return
        for segment in [best, *moved]:
            parent, following = places[segment]
            anchor = own_end if segment is best else segment
            if anchor is None or following is None or following.getparent() is not parent:
                continue  # nothing was left after it
            for picture in _pictures_from(following):
                if (picture.tag == "figcaption" and anchor.tag == "figure"
                        and anchor.find(".//figcaption") is None):
                    anchor.append(picture)  # set apart from its figure, still its caption
                else:
                    anchor.addnext(picture)
                    anchor = picture

    def class_weight(self, e):
        """As readability-lxml weighs an element's class and id, but not a heading's
        id that spells its own words: a page that names its headings' anchors after
        their text ("1.-ai-shines-a-light-on-cumbersome-toolchains") lost every
        heading whose words hold a furniture word ("tool", "media", "comment")."""
        if e.tag in ("h1", *_HEADINGS) and _spells_own_words(e.get("id"), e):
            anchor = e.attrib.pop("id")
            try:
                return super().class_weight(e)
            finally:
                e.set("id", anchor)
        return super().class_weight(e)

    def get_editorial_leads(self, best_elem):
        """As readability-lxml finds them (a standfirst known by its class name), and
        a paragraph before the article, in its outermost article or main frame, that
        says what the page declares as its description, or opens with it (a
        description is often the standfirst cut short): the standfirst of a page
        whose class names are hashes, or which sets it in the header above the
        article's own `<article>`."""
        leads = self.leads = super().get_editorial_leads(best_elem)
        frame = _outermost_frame(best_elem)
        declared = self._declared()
        if frame is None or not declared:
            return leads
        ancestors = set(best_elem.iterancestors())
        for elem in frame.iter("p"):
            if elem is best_elem or best_elem in elem.iterancestors():
                break
            said = _folded_words(elem.text_content())
            if (elem not in ancestors and _opens_with_any(said, declared)
                    and not any(lead in leads for lead in elem.iterancestors())):
                leads.append(elem)
                break
        return leads

    def _put_back_standfirst(self, best_elem) -> None:
        """The standfirst set aside with an unlikely header, back in its place when
        that is before the article in its outermost frame (`remove_unlikely_candidates`)."""
        mark, standfirst = getattr(self, "set_aside", None) or (None, None)
        frame = _outermost_frame(best_elem)
        if (mark is None or frame is None
                or mark.getroottree().getroot() is not self.html.getroottree().getroot()):
            return  # nothing set aside (or from an earlier reading of the page)
        for element in frame.iter():
            if element is best_elem:
                return
            if element is mark:
                mark.addprevious(standfirst)
                mark.drop_tree()
                return

    def get_link_density(self, elem):
        """As readability-lxml measures it, but a heading's links do not count: it
        drops a heading that is mostly a link, which cost lists of films, tools or
        products the title of each part; teasers of other stories are told by their
        shape (`_drop_teasers`) and their labels (`furniture.is_teaser`)."""
        if elem.tag in ("h1", *_HEADINGS):
            return 0
        return super().get_link_density(elem)

    def get_preserved_elements(self, node):
        allowed = super().get_preserved_elements(node)
        for element in self.tags(node, "ul", "ol"):
            if _introduced_sublist(element) or (
                    self.get_link_density(_without_introduced_sublists(element)) <= 0.2
                    and element.text_content().strip()):
                allowed[element] = True
        for element in self.tags(node, "section", "div", "aside", "ol"):
            if _is_notes_section(element):
                allowed[element] = True
        for element in self.tags(node, "div"):
            if _paragraph_wrapper(element) and self.get_link_density(element) <= 0.2:
                allowed[element] = True  # '"Yes."', a line of dialogue: "too short" to readability
        for element in self.tags(node, "table"):
            if element.find(".//th") is None:
                continue
            if self.get_link_density(element) <= DATA_TABLE_LINKS:
                allowed[element] = True
            for part in self.tags(element, "ul", "ol", "div", "table", "section"):
                allowed[part] = True  # a cell's list is its value, as Readability.js keeps it
        for element in _code_wrappers(node):
            code = sum(len(pre.text_content().strip()) for pre in element.iter("pre"))
            if code and code == len(element.text_content().strip()):
                allowed[element] = True  # a short command's wrapper: "too short" to readability
        return allowed


def _phrasing(node) -> bool:
    """Text-level content: an inline element with no block inside, or a comment."""
    if not isinstance(node.tag, str):
        return True
    return (node.tag in _PHRASING_TAGS
            and not any(isinstance(d.tag, str) and d.tag not in _PHRASING_TAGS
                        for d in node.iterdescendants()))


def _paragraphs_of_runs(div: lxml.html.HtmlElement) -> None:
    """Each run of text and phrasing content between the blocks of `div` (and its
    line breaks) in a paragraph of its own."""
    run = None
    if (div.text or "").strip():
        run = lxml.html.Element("p")
        run.text, div.text = div.text, None
        div.insert(0, run)
    for child in list(div):
        if child is run:
            continue
        if child.tag != "br" and _phrasing(child):
            if run is None and (isinstance(child.tag, str) or (child.tail or "").strip()):
                run = lxml.html.Element("p")
                child.addprevious(run)
            if run is not None:
                run.append(child)  # with its tail
            continue
        run = None
        if (child.tail or "").strip():
            run = lxml.html.Element("p")
            run.text, child.tail = child.tail, None
            child.addnext(run)


def _paragraph_wrapper(element: lxml.html.HtmlElement) -> bool:
    """Whether an element holds one paragraph and nothing else: it is that
    paragraph, as Readability.js takes it, not a block to judge by its length. One
    beside a picture may be a label on it (a chart's "900 billion"), and is still
    judged."""
    parent = element.getparent()
    return (len(element) == 1 and element[0].tag == "p" and not (element.text or "").strip()
            and not (element[0].tail or "").strip()
            and (parent is None or parent.find("img") is None))


def _introduced_sublist(element: lxml.html.HtmlElement) -> bool:
    """Whether a list is the rest of a list item that introduces it in words of
    its own, not a link ("In progress:" and the bugs being fixed)."""
    item = element.getparent()
    if item is None or item.tag != "li":
        return False
    own = [item.text or ""]
    for child in item:
        if child is element:
            break
        if child.tag != "a":
            own.append(child.text_content())
        own.append(child.tail or "")
    return bool(_WORD.search("".join(own)))


def _without_introduced_sublists(element: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """A list without the lists its items introduce (judged as lists of their own),
    for readability-lxml to measure its links; the list itself when it has none."""
    if not any(_introduced_sublist(sub) for sub in element.iter("ul", "ol") if sub is not element):
        return element
    copy = deepcopy(element)
    for sub in [sub for sub in copy.iter("ul", "ol") if sub is not copy]:
        if sub.getparent() is not None and _introduced_sublist(sub):
            sub.drop_tree()
    return copy


def _code_wrappers(node: lxml.html.HtmlElement) -> set:
    """The divs of `node` (itself included) that hold a code block: only these are
    measured, as reading a div's text reads its whole subtree."""
    wrappers = set()
    for pre in node.iter("pre"):
        for ancestor in pre.iterancestors():
            if ancestor.tag == "div":
                wrappers.add(ancestor)
            if ancestor is node:
                break
    return wrappers


def _captioned_picture(element: lxml.html.HtmlElement) -> bool:
    """One figure with a caption, and nothing else but a label ("Image")."""
    figures = element.xpath("descendant-or-self::figure[.//figcaption]")
    if len(figures) != 1:
        return False
    caption = len(figures[0].find(".//figcaption").text_content().split())
    return 0 < caption and len(element.text_content().split()) <= caption + LABEL_WORDS


def _folded_words(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def _outermost_frame(element: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The outermost `<article>` or `<main>` around an element: a page may set its
    header, standfirst and all, above the article's own `<article>`."""
    return ([None] + list(element.iterancestors("article", "main")))[-1]


def _opens_with_any(said: str, declared: set[str]) -> bool:
    """Whether a text is one of the `declared` texts, or opens with one of at least
    `DESCRIPTION_WORDS` words (all folded by `_folded_words`)."""
    return said in declared or any(
        len(text.split()) >= DESCRIPTION_WORDS and f"{said} ".startswith(f"{text} ")
        for text in declared)


def _spells_own_words(name: str | None, element: lxml.html.HtmlElement) -> bool:
    """Whether an id or class is the element's own text made a name (two words or
    more, all of them the element's)."""
    named = _WORD.findall((name or "").casefold())
    return len(named) >= 2 and set(named) <= set(_WORD.findall(element.text_content().casefold()))


def _pictures_from(element: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """The run of pictures that starts at `element` among its siblings: figures,
    captions (also one set apart from its figure) and captioned pictures."""
    run = []
    while element is not None and (element.tag in ("figure", "figcaption")
                                   or _captioned_picture(element)):
        run.append(element)
        element = element.getnext()
    return run


def _is_notes_section(element: lxml.html.HtmlElement) -> bool:
    return element.get("role") in ("doc-endnotes", "doc-footnotes") or bool(
        re.search(r"\b(footnotes|endnotes)\b", element.get("class", "")))


def _main_content(html: str, source: str) -> tuple[str, str]:
    """readability's content and short title; nothing when it finds no article
    (trafilatura may still find one)."""
    try:
        document = _FaithfulReadability(html)
        return document.summary(html_partial=True, keep_all_images=True), document.short_title()
    except Unparseable as err:
        log.info("%s: readability finds no article (%s)", source, err or "empty document")
        return "", ""


def _first_h1(tree: lxml.html.HtmlElement) -> str:
    h1 = tree.find(".//h1")
    return h1.text_content() if h1 is not None else ""


def _declared(tree: lxml.html.HtmlElement, key: str) -> list[str]:
    """The non-empty contents of the page's <meta> tags named `key` (by property
    or name: "og:title"), in page order."""
    return [meta.get("content") for meta in tree.iter("meta")
            if key in (meta.get("property"), meta.get("name"))
            and (meta.get("content") or "").strip()]


def _declared_title(tree: lxml.html.HtmlElement) -> str | None:
    """The title the page declares for sharing (Open Graph, Twitter card)."""
    return next((title for key in ("og:title", "twitter:title")
                 for title in _declared(tree, key)), None)


def _without_site_name(title: str, tree: lxml.html.HtmlElement) -> str:
    """The title without the site's name that pages add after a separator ("Rain
    returns | The Valley Gazette"), when the page declares that name (og:site_name)."""
    for site in map(_clean, _declared(tree, "og:site_name")):
        if site.casefold() == title.casefold():
            continue
        name = re.escape(site)
        pattern = rf"{_TITLE_SEPARATOR}{name}\s*$|^\s*{name}{_TITLE_SEPARATOR}"
        shorter = re.sub(pattern, "", title, flags=re.IGNORECASE).strip()
        if shorter:
            return shorter
    return title


def _h1_in_title(tree: lxml.html.HtmlElement) -> str | None:
    """The page's h1 when its <title> is that h1 plus the site's name."""
    title = tree.find(".//title")
    h1 = _clean(_first_h1(tree))
    if title is not None and h1 and h1.casefold() in _clean(title.text_content()).casefold():
        return h1
    return None


_MONTH_WORDS = re.compile(r"\s+(?:January|February|March|April|May|June|July|August|"
                          r"September|October|November|December)\b.*$")


def _byline(author: str) -> str | None:
    """trafilatura's author, without a date run into it and without repeats."""
    names: list[str] = []
    for name in author.split(";"):
        name = _clean(_MONTH_WORDS.sub("", name))
        if name and name.casefold() not in (n.casefold() for n in names):
            names.append(name)
    return "; ".join(names) or None


def _title_from_name(page: Page) -> str:
    """A last-resort title from the file name: "my-first-post.html" -> "My first post"."""
    stem = page.path.stem if page.path else page.source.rstrip("/").rsplit("/", 1)[-1]
    words = " ".join(stem.replace("_", " ").replace("-", " ").split())
    return words[:1].upper() + words[1:] if words else page.source


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())
