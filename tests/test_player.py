"""The player page in a real browser: headless Chromium (Debian's) driven by
Playwright, axe-core for WCAG checks, and a keyboard-only run."""
from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from conftest import PAGES, run_cli
from web import browser, served  # noqa: F401 (fixtures: pytest finds them by their names)
from web import NO_CHROMIUM, STRICT, StrictHandler, axe, console_errors, in_words, serving, stop, until

playwright = pytest.importorskip("playwright.sync_api")
pytestmark = NO_CHROMIUM


@pytest.fixture(scope="module")
def edition(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("player") / "out"
    result = run_cli("build", str(PAGES / "structure.html"), str(PAGES / "short.html"), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def strict(edition: Path):
    """The edition served with a Content-Security-Policy of default-src 'self'."""
    server, url = serving(edition, StrictHandler)
    yield url
    stop(server)


def _open(browser, url: str):
    page = browser.new_page()
    outside = []
    page.on("request", lambda r: outside.append(r.url)
            if not r.url.startswith(("file:", "http://127.0.0.1", "data:")) else None)
    page.goto(url)
    page.wait_for_function("document.getElementById('audio').readyState >= 1")
    return page, outside


def _urls(edition: Path, served: str) -> list[str]:
    return [(edition / "structure" / "index.html").as_uri(), served + "structure/index.html"]


@pytest.mark.slow
def test_axe_finds_no_violations(browser, edition: Path, served: str) -> None:
    for url in _urls(edition, served) + [(edition / "index.html").as_uri()]:
        page = browser.new_page()
        page.goto(url)
        results = axe(page)
        assert results.violations_count == 0, results.generate_report()
        page.close()


def test_structure_language_and_targets(browser, edition: Path, served: str) -> None:
    page, outside = _open(browser, served + "structure/index.html")
    assert page.evaluate("document.documentElement.lang") == "en-US"
    assert page.inner_text("h1") == "Reading Structure Aloud"
    headings = page.eval_on_selector_all("#article h2, #article h3", "hs => hs.map(h => h.tagName + ' ' + h.textContent)")
    assert headings == ["H2 Lists", "H2 Definitions", "H2 Quotes and images", "H3 A table", "H3 Code",
                        "H2 Languages and notes"]
    assert page.eval_on_selector("[lang=fr]", "e => e.textContent").strip().endswith("son chemin.")
    assert page.evaluate("document.getElementById('audio').autoplay") is False
    assert page.evaluate("document.getElementById('audio').paused") is True
    tracks = page.eval_on_selector_all("audio track", "ts => ts.map(t => t.kind)")
    assert tracks == ["chapters", "captions"]
    sizes = page.eval_on_selector_all("button, select, input",
                                      "es => es.map(e => [e.getBoundingClientRect().width, e.getBoundingClientRect().height])")
    assert all(w >= 24 and h >= 24 for w, h in sizes), sizes
    assert "Alt+Shift+P" in page.inner_text(".shortcuts").replace("\n", "")
    assert outside == []


@pytest.mark.slow
def test_keyboard_only(browser, edition: Path, served: str) -> None:
    for url in _urls(edition, served):
        page, outside = _open(browser, url)
        chapters = page.eval_on_selector_all(".chapters button", "bs => bs.map(b => parseFloat(b.dataset.start))")

        def tab_to(selector: str, limit: int = 40) -> None:
            for _ in range(limit):
                page.keyboard.press("Tab")
                if page.evaluate(f"document.activeElement.matches({selector!r})"):
                    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
                    assert outline != "none"  # focus is visible
                    return
            raise AssertionError(f"Tab never reached {selector}")

        tab_to("#play")
        page.keyboard.press("Enter")
        page.wait_for_function("!document.getElementById('audio').paused")
        assert page.inner_text("#play") == "Pause"
        tab_to(".chapters li:nth-child(3) button")
        page.keyboard.press("Enter")
        page.wait_for_function("document.getElementById('status').textContent.startsWith('Chapter 3')")
        now = page.evaluate("document.getElementById('audio').currentTime")
        assert abs(now - chapters[2]) <= 0.25, (now, chapters[2])
        page.keyboard.press("Shift+Tab")  # back up to the speed control
        for _ in range(30):
            if page.evaluate("document.activeElement.id") == "speed":
                break
            page.keyboard.press("Shift+Tab")
        while page.evaluate("document.getElementById('speed').value") != "2":
            page.keyboard.press("ArrowDown")
        assert page.evaluate("document.getElementById('audio').playbackRate") == 2
        assert page.evaluate("document.getElementById('audio').preservesPitch") is True
        page.keyboard.press("Alt+Shift+K")  # the shortcut to the next chapter
        page.wait_for_function("document.getElementById('status').textContent.startsWith('Chapter 4')")
        assert abs(page.evaluate("document.getElementById('audio').currentTime") - chapters[3]) <= 0.25
        page.keyboard.press("Alt+Shift+P")
        page.wait_for_function("document.getElementById('audio').paused")
        assert outside == []
        page.close()


def test_transcript_seeks_and_highlights(browser, edition: Path, served: str) -> None:
    page, _ = _open(browser, served + "structure/index.html")
    row = page.query_selector_all(".utterance")[5]
    start = float(row.get_attribute("data-start"))
    row.query_selector(".seek").click()
    page.wait_for_function("document.querySelector('.utterance.speaking') !== null")
    assert abs(page.evaluate("document.getElementById('audio').currentTime") - start) < 1.0
    page.click("#follow")  # highlighting can be switched off
    page.wait_for_function("document.querySelector('.utterance.speaking') === null")
    page.close()


def test_pages_carry_no_inline_script_or_style(edition: Path) -> None:
    """What a strict Content-Security-Policy refuses: script and style in the page."""
    page = lxml.html.parse(str(edition / "structure" / "index.html")).getroot()
    assert not page.xpath("//style | //script[not(@src)] | //*[@style] | //*[@*[starts-with(name(), 'on')]]")
    names = page.xpath("//script/@src | //link[@rel='stylesheet']/@href")
    assert len(names) == 2 and all((edition / "structure" / n).is_file() for n in names)
    record = (edition / "structure" / "episode.json").read_text()
    assert all(f"structure/{n}" in record for n in names)  # the record names them: kept, replaced


def test_the_page_works_under_a_strict_content_security_policy(browser, strict: str) -> None:
    page = browser.new_page()
    errors = console_errors(page)
    response = page.goto(strict + "structure/index.html")
    assert response.headers["content-security-policy"] == STRICT
    until(page, "document.getElementById('audio').readyState >= 1")
    page.click("#play")  # the script runs: it answers the button
    until(page, "document.getElementById('status').textContent === 'Playing'")
    assert page.evaluate("getComputedStyle(document.querySelector('.player')).position") == "sticky"
    page.keyboard.press("Alt+Shift+P")
    until(page, "document.getElementById('audio').paused")
    assert errors == []
    page.close()


@pytest.mark.parametrize("seconds, said", [(0, "0 seconds"), (1, "1 second"), (60, "1 minute"),
                                           (250, "4 minutes 10 seconds"), (720, "12 minutes"),
                                           (3661, "1 hour 1 minute 1 second")])
def test_a_time_in_words(seconds: int, said: str) -> None:
    from audio_edition.publish.labels import labels

    assert labels("en").time(seconds) == said


@pytest.mark.slow
def test_the_position_slider_by_keyboard(browser, served: str) -> None:
    page, outside = _open(browser, served + "structure/index.html")
    chapters = page.eval_on_selector_all(".chapters button", "bs => bs.map(b => [parseFloat(b.dataset.start), b.dataset.title])")
    slider = page.locator("#seek")
    assert slider.evaluate("e => e.type") == "range" and page.locator("label[for=seek]").inner_text() == "Position"

    def now() -> float:
        return page.evaluate("document.getElementById('audio').currentTime")

    def said() -> str:
        return slider.get_attribute("aria-valuetext")

    def length() -> float:
        """The audio's length as the browser knows it now (it may refine an MP3's)."""
        return page.evaluate("document.getElementById('audio').duration")

    for _ in range(40):  # by Tab alone
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "seek":
            break
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    assert said() == f"0 seconds of {in_words(round(length()))}"  # the whole, when focus comes
    page.keyboard.press("ArrowRight")
    assert abs(now() - 5) < 0.01 and said() == "5 seconds"  # a move: the new time alone
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowDown")
    assert now() == 0 and said() == "0 seconds"  # never before the start
    page.keyboard.press("PageUp")  # the next chapter's mark, and its name
    assert abs(now() - chapters[1][0]) < 0.01 and said() == f"{in_words(chapters[1][0])}, {chapters[1][1]}"
    page.keyboard.press("PageUp")
    assert abs(now() - chapters[2][0]) < 0.01
    page.keyboard.press("ArrowUp")
    page.keyboard.press("PageDown")  # 5 s in: back to this chapter's start
    assert abs(now() - chapters[2][0]) < 0.01 and said() == in_words(chapters[2][0])
    page.keyboard.press("PageDown")  # at its start: the one before
    assert abs(now() - chapters[1][0]) < 0.01
    page.keyboard.press("End")
    assert page.evaluate("document.getElementById('audio').currentTime === document.getElementById('audio').duration")
    # the end, by the length the browser knew as it spoke (it may refine an MP3's length
    # after: one run heard "1 minute 18 seconds" of a length then read as 79.01 s)
    assert said().split(", ")[0] in {in_words(length() + step) for step in (-1, 0, 1)}
    page.keyboard.press("Home")
    assert now() == 0 and said() == f"0 seconds, {chapters[0][1]}"
    # the chapters are marked where the slider stands at their start
    marks = page.eval_on_selector_all(".position .marks span", "ms => ms.map(m => m.getBoundingClientRect().x + m.getBoundingClientRect().width / 2)")
    assert len(marks) == len(chapters) - 1
    box = slider.bounding_box()
    for (start, _), x in zip(chapters[1:], marks):
        assert abs(box["x"] + 8 + (box["width"] - 16) * start / length() - x) <= 2, (start, x)
    # playing with the focus on it: it stands still rather than have every second read out
    page.keyboard.press("Alt+Shift+P")
    page.wait_for_function("document.getElementById('audio').currentTime > 1.5")
    assert said() == f"0 seconds, {chapters[0][1]}" and float(slider.input_value()) == 0
    page.keyboard.press("Shift+Tab")  # focus leaves: it shows where the audio is, whole
    page.wait_for_function("document.getElementById('seek').getAttribute('aria-valuetext').includes(' of ')")
    assert said().endswith(f" of {in_words(round(length()))}")
    assert float(slider.input_value()) > 1.5 and not said().startswith("0 seconds")
    page.keyboard.press("Alt+Shift+P")
    assert outside == []
    page.close()


def test_the_snippet_to_copy(browser, served: str) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(served + "structure/index.html")
    snippet = page.input_value("#snippet")
    assert snippet.startswith("<iframe src=") and 'title="Listen to: Reading Structure Aloud"' in snippet
    page.focus("#copy-snippet")
    page.keyboard.press("Enter")
    page.wait_for_function("document.getElementById('status').textContent === 'Code copied'")
    assert page.evaluate("navigator.clipboard.readText()") == snippet
    assert page.evaluate("document.activeElement.id") == "copy-snippet"  # focus stays
    context.close()
    page = browser.new_page()  # a browser that keeps its clipboard to itself
    page.goto(served + "structure/index.html")
    page.evaluate("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page.click("#copy-snippet")
    page.wait_for_function("document.getElementById('status').textContent.startsWith('Code selected')")
    assert page.evaluate("[document.activeElement.id, document.activeElement.selectionStart, "
                         "document.activeElement.selectionEnd]") == ["snippet", 0, len(snippet)]
    page.close()


def test_focus_is_never_hidden_under_the_player(browser, served: str) -> None:
    """The player stays on screen as the page scrolls (WCAG 2.4.11): what Tab or
    Shift+Tab reaches is scrolled clear of it."""
    page = browser.new_page(viewport={"width": 800, "height": 600}, reduced_motion="reduce")
    page.goto(served + "structure/index.html")  # (no smooth scrolling: it is where it goes)
    page.focus(".utterance:nth-last-child(1) .seek")
    for key in ["Shift+Tab"] * 25 + ["Tab"] * 10:
        page.keyboard.press(key)
        covered = page.evaluate("""() => {
            const player = document.querySelector('.player').getBoundingClientRect();
            const here = document.activeElement.getBoundingClientRect();
            return !document.activeElement.closest('.player') && here.top < player.bottom; }""")
        assert not covered, page.evaluate("document.activeElement.outerHTML")
    page.close()
