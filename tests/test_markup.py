"""Pages read as a browser shows them, at any depth: libxml2 stops at the 256th
nested element (the 2,048th with huge_tree) and drops the rest of the page
(small pages written for each test; a real Chromium says what a browser shows)."""
from __future__ import annotations

import shutil
from pathlib import Path

import lxml.html
import pytest

from audio_edition.pipeline import make_script
from audio_edition.read.markup import MAX_DEPTH, parse_page
from conftest import run_cli

LAST = "<h2>The last heading</h2><p>The very last sentence of the article ends here.</p>"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _page(tmp_path: Path, body: str, title: str = "Old markup") -> Path:
    page = tmp_path / "page.html"
    page.write_text(f'<html lang="en"><head><title>{title}</title></head><body>'
                    f"<h1>{title}</h1>{body}</body></html>", encoding="utf-8")
    return page


def _said(page: Path) -> list[tuple[str, str]]:
    return [(u.role, u.source_text) for u in make_script(str(page)).utterances]


def _read_whole(said: list[tuple[str, str]]) -> None:
    assert said[-2:] == [("heading", "The last heading"),
                         ("paragraph", "The very last sentence of the article ends here.")]


def test_paragraphs_in_unclosed_font_tags_are_each_read(tmp_path: Path) -> None:
    """400 paragraphs of 1990s markup whose <font> is never closed were the title
    and one paragraph of the first 127, 9,000 characters long; then nothing."""
    body = "".join(f'<p><font face="Arial">Paragraph {n} tells of the garden in plain words.'
                   for n in range(400))
    said = _said(_page(tmp_path, body + LAST))
    paragraphs = [text for role, text in said if role == "paragraph"]
    assert paragraphs[:-1] == [f"Paragraph {n} tells of the garden in plain words."
                               for n in range(400)]
    _read_whole(said)


@pytest.mark.parametrize("nested, inner", [
    ("<span>", "Deep text inside the spans."),
    ("<div>", "Deep text inside the divisions."),
])
def test_text_nested_300_deep_and_what_follows_are_read(tmp_path: Path, nested: str,
                                                         inner: str) -> None:
    close = nested.replace("<", "</")
    body = (f"<p>A first paragraph, of plain words, about the garden.</p>{nested * 300}{inner}"
            f"{close * 300}" + "".join(f"<p>Then paragraph {n}, of a few words.</p>"
                                       for n in range(5)))
    said = _said(_page(tmp_path, f"<article>{body}{LAST}</article>", "Deep"))
    assert ("paragraph", inner) in said and ("paragraph", "Then paragraph 4, of a few words.") in said
    _read_whole(said)


def test_a_formula_of_300_nested_rows_does_not_end_the_article(tmp_path: Path) -> None:
    formula = "<math>" + "<mrow>" * 300 + "<mi>x</mi>" + "</mrow>" * 300 + "</math>"
    body = (f"<p>A first paragraph, of plain words, about the garden.</p>"
            f"<p>The formula {formula} is deep.</p><p>After it, a paragraph of words.</p>")
    said = _said(_page(tmp_path, f"<article>{body}{LAST}</article>", "Maths"))
    assert ("paragraph", "The formula x is deep.") in said
    _read_whole(said)


def test_beyond_libxml2s_own_limit_the_page_is_read_whole(tmp_path: Path) -> None:
    """5,000 nested elements: past even huge_tree's 2,048, Python's own parser reads it."""
    body = ("<p>A first paragraph, of plain words, about the garden.</p>" + "<span>" * 5000
            + "Deep text inside the spans." + "</span>" * 5000 + LAST)
    said = _said(_page(tmp_path, f"<article>{body}</article>", "Deeper"))
    assert ("paragraph", "Deep text inside the spans.") in said
    _read_whole(said)


def test_a_tree_is_never_deeper_than_the_parsers_after_it_read() -> None:
    for nested in (250, 2100):
        html = f"<html><body>{'<b>' * nested}deep{'</b>' * nested}<p>after</p></body></html>"
        tree = parse_page(html)
        depth = max(len(list(e.iterancestors())) + 1 for e in tree.iter())
        assert depth <= MAX_DEPTH + 1 and "deep" in tree.text_content()
        assert tree.findtext(".//p") == "after"


def test_a_deep_and_large_page_is_one_line(tmp_path: Path) -> None:
    """Past libxml2's limit Python's parser reads the page, if it is not too large:
    the work is bounded by the page's tags, not by its depth."""
    page = _page(tmp_path, "<span>" * 3000 + "<i>word</i> " * 50_000)
    result = run_cli("script", str(page))
    assert result.returncode == 1
    (line,) = result.stderr.strip().splitlines()
    assert "page.html: elements nested more than 2,048 deep in a page of" in line, line


#: Markup that libxml2 and a browser build differently, and the paragraphs,
#: headings and list items a browser shows, in order.
SHAPES = [
    '<p><font face="Arial">One<p><font face="Arial">Two<h2>Three</h2><p>Four',
    "<p><span>One<div>Two</div>Three</span></p><p>Four</p>",
    '<p><a href="#x">One<ul><li>Two</ul>Three</a></p>',
    "<p><b>One<p>Two</p></b>",
    "<div><p>One</p><p>Two <i>and</i> three</p></div>",  # near miss: built alike
]


def _blocks(root) -> list[tuple[str, str]]:
    return [(e.tag, " ".join(e.text_content().split()))
            for e in root.iter("p", "h2", "li", "div") if e.text_content().strip()]


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (Debian package "
                    "chromium; .ci/run installs it where apt runs as root)")
def test_blocks_are_built_as_a_browser_builds_them() -> None:
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            for shape in SHAPES:
                html = f"<!DOCTYPE html><html><body>{shape}</body></html>"
                page.set_content(html)  # no address: nothing is fetched
                shown = lxml.html.fromstring(page.content())
                assert _blocks(parse_page(html).find("body")) == _blocks(shown), shape
        finally:
            browser.close()


def test_declared_html_is_read_at_any_depth_and_bounded_alike() -> None:
    """The body a page declares in its data is parsed as its HTML is: whole at
    5,000 nested elements; past libxml2's limit and too large, it is no article
    (the page's own HTML is read instead), never a traceback."""
    import json

    from audio_edition.read.structured import declared_article

    deep = "<span>" * 5000 + "Deep words of the declared article." + "</span>" * 5000
    body = declared_article([json.dumps({"@type": "Article", "articleBody": deep})])
    assert "Deep words of the declared article." in lxml.html.fromstring(body).text_content()
    huge = "<span>" * 3000 + "<i>word</i> " * 50_000
    assert declared_article([json.dumps({"@type": "Article", "articleBody": huge})]) == ""
