"""The article as a page declares it in its structured data (schema.org JSON-LD).

Pages that scripts fill in the browser often carry little of the article in
their HTML, and all of it in the data they give search engines: an Article's
`articleBody`, a HowTo's steps, a Recipe's ingredients and instructions (a recipe
whose steps sit in a hidden tab). That is the article in the page's own words,
a rescue for the extraction when both extractors find almost nothing of it
(a browser warning, a caption).
"""
from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterator

import lxml.html
from lxml.html.defs import tags as HTML_TAGS

from .markup import TooDeepError, parse_fragment

#: A tag, which makes a declared text HTML rather than plain text (a recipe's steps
#: as an ordered list, an article's paragraphs, a step's bold word) when it names
#: an element of HTML ("a < b" and "<3" are text).
_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)\b[^<>]*>")
#: Types whose `text` is a part of a HowTo, in reading order.
_STEP_TYPES = ("HowToStep", "HowToDirection", "HowToTip")


def structured_data(tree: lxml.html.HtmlElement) -> list[str]:
    """The page's JSON-LD blocks, unread: taken before the page's scripts are
    removed, and parsed only for a page that needs them (`declared_article`)."""
    return [script.text_content() for script in
            tree.xpath("//script[@type='application/ld+json']")]


def declared_article(blocks: list[str],
                     as_page_reads: Callable[[lxml.html.HtmlElement], None] = lambda tree: None
                     ) -> str:
    """The longest article that the page declares in its JSON-LD `blocks`, as
    HTML, or "" when it declares none. Its HTML is read as the page's own is:
    parsed as a browser does (`markup`) and cleaned by `as_page_reads`, then
    measured."""
    best, most = "", 0
    for block in blocks:
        try:
            data = json.loads(block)
        except (ValueError, RecursionError):  # broken or absurdly nested JSON is no article
            continue
        for body in _bodies(data):
            try:
                tree = parse_fragment(body)
            except TooDeepError:  # too deep and too large to read: no article
                continue
            as_page_reads(tree)
            count = len(tree.text_content().split())
            if count > most:
                best, most = lxml.html.tostring(tree, encoding="unicode"), count
    return best


def _bodies(data) -> Iterator[str]:
    """Each article the data declares, as HTML: an article's body, a HowTo's
    steps, a Recipe's ingredients and instructions."""
    for item in _objects(data):
        if isinstance(item.get("articleBody"), str) and item["articleBody"].strip():
            yield _as_html(item["articleBody"])
        if _typed(item, ("HowTo",)):
            yield _steps_as_html(item.get("step"))
        if _typed(item, ("Recipe",)):
            yield _recipe(item)


def _recipe(item: dict) -> str:
    """A recipe as a cook reads it: the list of ingredients, then the steps."""
    listed = item.get("recipeIngredient")
    ingredients = [i.strip() for i in (listed if isinstance(listed, list) else [listed])
                   if isinstance(i, str) and i.strip()]
    steps = _steps_as_html(item.get("recipeInstructions"))
    items = "".join(f"<li>{html.escape(i)}</li>" for i in ingredients)
    return f"<div>{f'<ul>{items}</ul>' if items else ''}{steps}</div>"


def _steps(value) -> list[str]:
    """The texts of steps given as text, a list of texts, or step objects (in
    sections or not), in reading order."""
    texts = []
    for entry in (value if isinstance(value, list) else [value]):
        if isinstance(entry, str):
            texts.append(entry)
        else:
            texts.extend(step["text"] for step in _objects(entry)
                         if _typed(step, _STEP_TYPES) and isinstance(step.get("text"), str))
    return texts


def _objects(data) -> Iterator[dict]:
    """Every object in a JSON-LD document (its @graph, lists, nested values),
    parents before their children."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            yield item
            stack.extend(reversed([value for value in item.values()
                                   if isinstance(value, (dict, list))]))


def _typed(item: dict, types: tuple[str, ...]) -> bool:
    declared = item.get("@type")
    return any(t in types for t in (declared if isinstance(declared, list) else [declared]))


def _steps_as_html(value) -> str:
    """Steps as HTML, a paragraph each (a step that is HTML is a paragraph of its
    own too, whose blocks end it as a browser ends it)."""
    return "<div>" + "".join(f"<p>{text}</p>" if _is_html(text) else _as_html(text)
                             for text in _steps(value)) + "</div>"


def _is_html(text: str) -> bool:
    return any(tag.group(1).lower() in HTML_TAGS for tag in _TAG.finditer(text))


def _as_html(text: str) -> str:
    """A body that is HTML (some sites put their markup in it) as it is; plain text
    as a paragraph a line."""
    if _is_html(text):
        return text
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return "<div>" + "".join(f"<p>{html.escape(line)}</p>" for line in lines) + "</div>"
