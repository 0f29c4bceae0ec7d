"""Styles: what a page's own stylesheet hides, and the cards it shows on hover.

A page hides some of its text with its style rules, by class, rather than with
an attribute: the pop-up card a site puts on a name in a story (the name again
and the latest headlines about the person, shown on hover), a tooltip, a menu
that opens on a click. A sighted reader does not see it in the sentence, and
neither extractor reads stylesheets, so it was read in the middle of the
sentence. The page's own `<style>` rules are resolved (tinycss2 parses them,
cssselect finds what they select): an element that the last rule setting its
`display` or `visibility` hides (`display: none`, `visibility: hidden`) is
left out, unless its own `style` shows it. Rules inside `@media` (shown on
some screens, not others) and selectors with pseudo-classes (`:hover` shows,
`::before` is no element) are not followed; a stylesheet the page links to
is not fetched. Known limit: rules are taken in page order, not by
specificity. A rule that hides the article, or a good part of it (a story's
slides, the tabs of its tables, which a script shows in turn), is not followed:
extraction must find them.

A card whose stylesheet the page links to is known by its shape instead: inside
a paragraph, the element that a link or a span carries after its word and that
says that word again, and more ("<a>Jane Roe<span>Jane Roe Latest: ...</span></a>").
A tooltip marked as one (`role="tooltip"`) is never read (extract.py).
"""
from __future__ import annotations

import logging
import re

import lxml.etree
import lxml.html
import tinycss2
from cssselect import GenericTranslator, SelectorError

log = logging.getLogger(__name__)

#: Rules followed at most: a page's stylesheet can hold thousands, of which those
#: that show or hide are a few hundred.
MAX_RULES = 400
#: Words that make what a rule hides part of the article, never left out
ARTICLE_WORDS = 150
_SHOWN = re.compile(r"(?:^|;)\s*(?:display\s*:\s*(?!none)[a-z-]+|visibility\s*:\s*visible)",
                    re.IGNORECASE)
_WORD = re.compile(r"\w+", re.UNICODE)


def drop_hidden_by_style(tree: lxml.html.HtmlElement) -> None:
    """Leave out what the page's own style rules hide (see the module's docstring)."""
    css = "\n".join(style.text or "" for style in tree.iter("style"))
    if "none" not in css and "hidden" not in css:
        return
    hidden: dict[lxml.html.HtmlElement, bool] = {}
    translator = GenericTranslator()
    for selector, hides in _display_rules(css)[:MAX_RULES]:
        try:
            found = [e for e in tree.xpath(translator.css_to_xpath(selector))
                     if isinstance(e, lxml.html.HtmlElement)]
        except (SelectorError, lxml.etree.XPathError, ValueError):
            continue  # a selector cssselect does not know: not followed
        if hides and _holds_article(found):
            continue  # slides or tabs of the article, which a script shows in turn
        for element in found:
            hidden[element] = hides
    root = tree.getroottree().getroot()
    for element in [e for e in root.iter() if hidden.get(e)]:
        if (element.tag not in ("html", "body") and root in element.iterancestors()
                and not _SHOWN.search(element.get("style", ""))):
            log.debug("hidden by the page's style: <%s class=%r>", element.tag,
                      element.get("class"))
            element.drop_tree()


def drop_inline_cards(tree: lxml.html.HtmlElement) -> None:
    """Leave out the cards a page puts inside its sentences (see the module's docstring)."""
    for element in tree.xpath("//p//*[self::a or self::span]"):
        for child in list(element):
            if isinstance(child.tag, str) and _says_again(element.text or "", child):
                child.drop_tree()


def _says_again(word: str, card: lxml.html.HtmlElement) -> bool:
    """Whether an element says the word it is attached to again, and more: a card."""
    said = "".join(_WORD.findall(word.casefold()))  # letters: a card's parts run together
    again = "".join(_WORD.findall(card.text_content().casefold()))
    return bool(said) and again.startswith(said) and len(again) > len(said)


def _display_rules(css: str) -> list[tuple[str, bool]]:
    """Each selector of the top-level rules that set `display` or `visibility`, in
    page order, and whether the rule hides."""
    rules = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type != "qualified-rule":
            continue  # @media, @supports, @font-face...: not for every screen, or no element
        hides = None
        for declaration in tinycss2.parse_declaration_list(rule.content, skip_comments=True,
                                                           skip_whitespace=True):
            if declaration.type != "declaration" or declaration.name.lower() not in (
                    "display", "visibility"):
                continue
            value = tinycss2.serialize(declaration.value).strip().lower()
            hides = value in ("none", "hidden", "collapse")
        if hides is None:
            continue
        prelude = tinycss2.serialize(rule.prelude)
        rules += [(selector.strip(), hides) for selector in prelude.split(",")
                  if selector.strip() and ":" not in selector]
    return rules


def _holds_article(elements: list[lxml.html.HtmlElement]) -> bool:
    """Whether what a rule hides is the article, or parts of it: a headline, an article
    element, or `ARTICLE_WORDS` words in all (a story's slides, a table's tabs)."""
    if any(e.tag in ("html", "body") or e.find(".//h1") is not None
           or e.find(".//article") is not None for e in elements):
        return True
    chosen = set(elements)
    outermost = [e for e in elements if not any(a in chosen for a in e.iterancestors())]
    return sum(len(_WORD.findall(e.text_content())) for e in outermost) >= ARTICLE_WORDS
