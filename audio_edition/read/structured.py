"""The article as a page declares it in its structured data (schema.org JSON-LD).

Pages that scripts fill in the browser often carry little of the article in
their HTML, and all of it in the data they give search engines: an Article's
`articleBody`, a HowTo's steps. That is the article in the page's own words,
a rescue for the extraction when both extractors find almost nothing of it
(a browser warning, a caption).
"""
from __future__ import annotations

import html
import json
from collections.abc import Iterator

import lxml.html

#: Types whose `text` is a part of a HowTo, in reading order.
_STEP_TYPES = ("HowToStep", "HowToDirection", "HowToTip")


def structured_data(tree: lxml.html.HtmlElement) -> list[str]:
    """The page's JSON-LD blocks, unread: taken before the page's scripts are
    removed, and parsed only for a page that needs them (`declared_article`)."""
    return [script.text_content() for script in
            tree.xpath("//script[@type='application/ld+json']")]


def declared_article(blocks: list[str]) -> str:
    """The longest article body that the page declares in its JSON-LD `blocks`,
    as HTML paragraphs, or "" when it declares none."""
    best = ""
    for block in blocks:
        try:
            data = json.loads(block)
        except (ValueError, RecursionError):  # broken or absurdly nested JSON is no article
            continue
        for text in _bodies(data):
            if len(text.split()) > len(best.split()):
                best = text
    return _as_html(best) if best.strip() else ""


def _bodies(data) -> Iterator[str]:
    for item in _objects(data):
        if isinstance(item.get("articleBody"), str):
            yield item["articleBody"]
        if _typed(item, ("HowTo",)):
            steps = [step["text"] for step in _objects(item.get("step"))
                     if _typed(step, _STEP_TYPES) and isinstance(step.get("text"), str)]
            yield "\n\n".join(steps)


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


def _as_html(text: str) -> str:
    """A body that is HTML (some sites put their markup in it) as it is; plain text
    as a paragraph a line."""
    if "<p" in text or "<br" in text:
        return lxml.html.tostring(lxml.html.fragment_fromstring(text, create_parent="div"),
                                  encoding="unicode")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return "<div>" + "".join(f"<p>{html.escape(line)}</p>" for line in lines) + "</div>"
