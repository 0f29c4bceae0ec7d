"""The embed on an article's page, in Chromium: a host page served from one loopback
port embeds the player (as its oEmbed response gives the snippet) from another,
which serves the edition with a Content-Security-Policy of default-src 'self'."""
from __future__ import annotations

import json
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import lxml.html
import pytest

from audio_edition.publish.embed import HEIGHT, WIDTH, oembed, snippet
from conftest import PAGES, article, reply, run_cli
from web import browser  # noqa: F401 (a fixture: pytest finds it by its name)
from web import NO_CHROMIUM, STRICT, StrictHandler, axe, console_errors, in_words, serving, stop, until

playwright = pytest.importorskip("playwright.sync_api")
TITLE = "Reading Structure Aloud"


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    """The edition, built for the address it is served from: (folder, its URL)."""
    out = tmp_path_factory.mktemp("embed") / "out"
    out.mkdir()
    server, url = serving(out, StrictHandler)
    result = run_cli("build", str(PAGES / "structure.html"), "--out", str(out), "--base-url", url)
    assert result.returncode == 0, result.stderr
    yield out, url
    stop(server)


@pytest.fixture(scope="module")
def host(edition):
    """The article's own page, on another port, with the snippet pasted into it."""
    out, _ = edition
    frame = json.loads((out / "structure" / "oembed.json").read_text())["html"]
    page = (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" '
            f'content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">'
            f'<title>Reading aloud, a field report</title></head><body><main><h1>Reading aloud, a '
            f'field report</h1><p>The article begins here.</p>{frame}<p>And goes on here.</p>'
            f'</main></body></html>').encode()

    class Article(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            reply(self, page, "text/html; charset=utf-8")

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Article)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/field-report.html"
    stop(server)


def test_the_snippet_and_the_oembed_response(edition) -> None:
    out, url = edition
    embed_url, oembed_url = url + "structure/embed.html", url + "structure/oembed.json"
    with urllib.request.urlopen(oembed_url) as answer:
        assert answer.headers["Content-Type"] == "application/json"  # as the oEmbed spec asks
        response = json.loads(answer.read())
    assert {k: response[k] for k in ("type", "version", "title", "provider_name", "width", "height")} == {
        "type": "rich", "version": "1.0", "title": TITLE, "provider_name": "Audio Edition",
        "width": WIDTH, "height": HEIGHT}
    assert response["provider_url"] == url and response["author_name"] == "Ines Varga"
    assert response["thumbnail_url"].startswith(url + "cover-") and response["thumbnail_width"] == 1400
    (frame,) = lxml.html.fragments_fromstring(response["html"])
    assert frame.tag == "iframe" and frame.get("src") == embed_url
    assert frame.get("title") == f"Listen to: {TITLE}" and frame.get("height") == str(HEIGHT)
    assert frame.get("allow") is None and "autoplay" not in response["html"]
    # the player page offers the same snippet, and points oEmbed consumers to the response
    player = lxml.html.parse(str(out / "structure" / "index.html")).getroot()
    (link,) = player.xpath("//head/link[@rel='alternate'][@type='application/json+oembed']")
    assert link.get("href") == oembed_url and link.get("title") == TITLE
    assert player.get_element_by_id("snippet").text == response["html"]
    assert player.xpath("//label[@for='snippet']")
    # the episode's record names the new files, so that they are kept, replaced and removed
    record = json.loads((out / "structure" / "episode.json").read_text())
    for name in ("embed.html", "oembed.json"):
        assert record["extras"][name]["path"] == f"structure/{name}"
        assert record["extras"][name]["bytes"] == (out / "structure" / name).stat().st_size
    with urllib.request.urlopen(embed_url) as answer:
        assert answer.headers["Content-Type"] == "text/html; charset=utf-8"
        assert answer.headers["Content-Security-Policy"] == STRICT
    embed = lxml.html.parse(str(out / "structure" / "embed.html")).getroot()
    assert not embed.xpath("//style | //script[not(@src)] | //*[@style] | //*[@*[starts-with(name(), 'on')]]")
    assert embed.xpath("//script/@src") == player.xpath("//script/@src")  # one script, shared
    assert embed.xpath("//link[@rel='stylesheet']/@href") == player.xpath("//link[@rel='stylesheet']/@href")


def test_a_title_is_text_in_the_snippet_whatever_it_holds() -> None:
    title = 'Quotes " and <b>tags</b></iframe><script>alert(1)</script> & more'
    frame = snippet("https://news.example/audio/embed.html?x=1&y=2", title)
    (parsed,) = lxml.html.fragments_fromstring(frame)
    assert parsed.tag == "iframe" and len(parsed) == 0 and parsed.get("title") == f"Listen to: {title}"
    assert parsed.get("src") == "https://news.example/audio/embed.html?x=1&y=2"
    assert json.loads(oembed(frame, title, None, "Show", "https://news.example/", None))["html"] == frame


def _open(browser, host: str, edition_url: str, **context):
    """The host page in a fresh context; the requests that leave the host page and the
    episode's folder, and the errors, as they happen."""
    page = browser.new_page(**context)
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url)
            if r.url not in (host, "data:,") and not r.url.startswith(edition_url + "structure/") else None)
    errors = console_errors(page)
    page.goto(host)
    frame = page.wait_for_selector("iframe").content_frame()
    until(frame, "document.getElementById('audio') !== null && document.getElementById('audio').readyState >= 1")
    return page, frame, outside, errors


@NO_CHROMIUM
@pytest.mark.slow
def test_keyboard_alone_plays_seeks_and_changes_speed(browser, edition, host) -> None:
    _, url = edition
    page, frame, outside, errors = _open(browser, host, url)
    chapters = frame.eval_on_selector_all(".chapters button[data-start]",
                                          "bs => bs.map(b => [parseFloat(b.dataset.start), b.dataset.title])")

    def focused() -> str:
        return frame.evaluate("document.activeElement.id || document.activeElement.dataset.title || ''")

    def tab_to(wanted: str) -> None:
        for _ in range(20):
            page.keyboard.press("Tab")
            if focused() == wanted:
                assert frame.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
                return
        raise AssertionError(f"Tab never reached {wanted}")

    def now() -> float:
        return frame.evaluate("document.getElementById('audio').currentTime")

    def playing() -> int:
        """The chapter being played."""
        return max(i for i, (start, _) in enumerate(chapters) if start <= now() + 0.05)

    def said() -> str:
        return frame.get_attribute("#seek", "aria-valuetext")

    tab_to("play")  # from the article's page into the frame
    page.keyboard.press("Enter")
    until(frame, "document.getElementById('status').textContent === 'Playing'")
    assert frame.inner_text("#play") == "Pause" and not frame.evaluate("document.getElementById('audio').paused")
    # the chapter menu: it opens on the chapter being played and closes on the one chosen
    tab_to("chapters-open")
    assert frame.get_attribute("#chapters-open", "aria-haspopup") == "dialog"
    page.keyboard.press("Enter")
    until(frame, "document.getElementById('chapter-menu').open")
    here = playing()
    assert focused() == chapters[here][1]
    page.keyboard.press("Escape")  # closes it, focus back on its button
    until(frame, "!document.getElementById('chapter-menu').open && document.activeElement.id === 'chapters-open'")
    page.keyboard.press("Enter")
    until(frame, "document.getElementById('chapter-menu').open")
    here = chapters.index(next(c for c in chapters if c[1] == focused()))
    for _ in range(2):
        page.keyboard.press("Tab")
    chosen = here + 2
    assert focused() == chapters[chosen][1]
    page.keyboard.press("Enter")
    until(frame, f"document.getElementById('status').textContent.startsWith('Chapter {chosen + 1} of')")
    assert frame.inner_text("#status") == f"Chapter {chosen + 1} of {len(chapters)}: {chapters[chosen][1]}"
    assert abs(now() - chapters[chosen][0]) < 0.5
    assert focused() == "chapters-open" and not frame.evaluate("document.getElementById('chapter-menu').open")
    # the speed
    tab_to("speed")
    while frame.evaluate("document.getElementById('speed').value") != "1.5":
        page.keyboard.press("ArrowDown")
    assert frame.evaluate("[document.getElementById('audio').playbackRate, "
                          "document.getElementById('audio').preservesPitch]") == [1.5, True]
    until(frame, "document.getElementById('status').textContent === 'Speed 1.5 times'")
    page.keyboard.press("Alt+Shift+P")  # the shortcuts work in the frame too
    until(frame, "document.getElementById('status').textContent === 'Paused'")
    assert frame.inner_text("#play") == "Play" and frame.evaluate("document.getElementById('audio').paused")
    # the seek bar: by chapter, by 5 seconds, to the start
    tab_to("seek")
    length = frame.evaluate("document.getElementById('audio').duration")  # as it knows it now
    assert said() == f"{in_words(now())} of {in_words(round(length))}"
    here = playing()
    page.keyboard.press("PageUp")
    assert abs(now() - chapters[here + 1][0]) < 0.01
    assert said() == f"{in_words(chapters[here + 1][0])}, {chapters[here + 1][1]}"
    page.keyboard.press("ArrowRight")
    assert abs(now() - chapters[here + 1][0] - 5) < 0.01 and said() == in_words(chapters[here + 1][0] + 5)
    page.keyboard.press("Home")
    assert now() == 0
    page.keyboard.press("Alt+Shift+F")
    until(frame, "document.getElementById('status').textContent === 'Forward 15 seconds'")
    assert abs(now() - 15) < 0.01
    assert outside == [] and errors == []
    page.close()


@NO_CHROMIUM
@pytest.mark.slow
def test_axe_finds_nothing_on_the_host_page_and_in_the_frame(browser, edition, host) -> None:
    _, url = edition
    for scheme in ("light", "dark"):
        page, frame, outside, errors = _open(browser, host, url, color_scheme=scheme)
        inside = axe(frame)  # the embed alone, as a page of its own
        assert inside.violations_count == 0, inside.generate_report()
        whole = axe(page, [frame])  # the article's page with the embed in it
        assert whole.violations_count == 0, whole.generate_report()
        tested = [n for rule in whole.response["passes"] for n in rule["nodes"] if n["target"][0] == "iframe"]
        assert len(tested) > 50  # the frame's nodes were checked too, not left out
        assert "frame-tested" not in {rule["id"] for rule in whole.response["incomplete"]}
        frame.click("#chapters-open")  # the chapter menu, open (and faded in: axe would
        until(frame, "document.getElementById('chapter-menu').open")  # judge half-faded colours)
        frame.evaluate("Promise.all(document.getAnimations().map(a => a.finished))")
        menu = axe(frame)
        assert menu.violations_count == 0, menu.generate_report()
        assert outside == [] and errors == []
        page.close()


@NO_CHROMIUM
@pytest.mark.slow
@pytest.mark.parametrize("width", [320, 1280])
def test_it_fits_and_follows_the_readers_preferences(browser, edition, host, width: int) -> None:
    _, url = edition
    page, frame, _, errors = _open(browser, host, url, viewport={"width": width, "height": 700},
                                   color_scheme="dark", reduced_motion="reduce")
    box = page.locator("iframe").bounding_box()
    assert box["width"] == min(WIDTH, width - 16) and box["height"] == HEIGHT  # the host's 8 px margins
    sizes = frame.evaluate("""() => { const d = document.documentElement; return {
        scroll: [d.scrollWidth, d.scrollHeight], client: [d.clientWidth, d.clientHeight],
        right: Math.max(...Array.from(document.querySelectorAll('main *')).filter(e => e.offsetParent)
                        .map(e => e.getBoundingClientRect().right)) }; }""")
    assert sizes["scroll"] == sizes["client"], sizes  # nothing overflows, either way
    assert sizes["right"] <= sizes["client"][0], sizes
    targets = frame.eval_on_selector_all("button, select, input, a", "es => es.filter(e => e.offsetParent)"
                                         ".map(e => e.getBoundingClientRect().height)")
    assert len(targets) == 8 and min(targets) >= 24  # five controls, the slider, two links
    paper = frame.evaluate("getComputedStyle(document.body).backgroundColor")
    assert paper == "rgb(23, 25, 28)"  # dark, as the reader's system prefers
    frame.click("#chapters-open")
    until(frame, "document.getElementById('chapter-menu').open")
    assert frame.evaluate("getComputedStyle(document.getElementById('chapter-menu')).animationName") == "none"
    page.close()
    page, frame, _, _ = _open(browser, host, url, viewport={"width": width, "height": 700})
    assert frame.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 253, 248)"
    frame.click("#chapters-open")
    until(frame, "document.getElementById('chapter-menu').open")
    assert frame.evaluate("getComputedStyle(document.getElementById('chapter-menu')).animationName") == "menu-in"
    assert errors == []
    page.close()


@pytest.mark.slow
def test_a_new_base_url_rebuilds_what_names_it(tmp_path: Path) -> None:
    """The snippet, the oEmbed response and the discovery link hold absolute URLs: a
    folder moved to another address gets them anew, not the old ones kept."""
    out = tmp_path / "out"
    for base in ("http://127.0.0.1:8001/audio/", "http://127.0.0.1:8002/podcast/"):
        result = run_cli("build", str(PAGES / "short.html"), "--out", str(out), "--base-url", base)
        assert result.returncode == 0, result.stderr
        response = json.loads((out / "short" / "oembed.json").read_text())
        assert f'src="{base}short/embed.html"' in response["html"] and response["provider_url"] == base
        assert f'href="{base}short/oembed.json"' in (out / "short" / "index.html").read_text()


@NO_CHROMIUM
@pytest.mark.slow
def test_the_chapter_shortcuts_work_in_the_frame(browser, edition, host) -> None:
    """Alt+Shift+J and K, listed on the player page, did nothing in the embed (they
    pressed the player page's chapter buttons, which the embed has not)."""
    _, url = edition
    page, frame, _, errors = _open(browser, host, url)
    starts = frame.eval_on_selector_all(".chapters button[data-start]",
                                        "bs => bs.map(b => parseFloat(b.dataset.start))")
    page.keyboard.press("Tab")  # into the frame, on Play
    assert frame.evaluate("document.activeElement.id") == "play"
    page.keyboard.press("Alt+Shift+K")
    until(frame, f"document.getElementById('status').textContent.startsWith('Chapter 2 of {len(starts)}')")
    assert abs(frame.evaluate("document.getElementById('audio').currentTime") - starts[1]) < 0.01
    page.keyboard.press("Alt+Shift+J")
    until(frame, f"document.getElementById('status').textContent.startsWith('Chapter 1 of {len(starts)}')")
    assert frame.evaluate("document.getElementById('audio').currentTime") == starts[0]
    assert errors == []
    page.close()


@NO_CHROMIUM
@pytest.mark.slow
def test_a_long_title_leaves_the_controls_in_the_frame(browser, tmp_path: Path) -> None:
    """At 320 px a headline of four lines pushed the slider and the links below the
    frame's foot (the frame scrolled, its border cut). The title is cut to two lines;
    the heading keeps it whole for screen readers, and the frame's title names it."""
    title = ("How the village council finally agreed, after eleven years of argument and "
             "three public meetings, to mend the harbour wall before the winter storms")
    page_file = tmp_path / "wall.html"
    page_file.write_text(article(title, "The wall was mended at last.", "Boats came back in May."))
    out = tmp_path / "out"
    out.mkdir()
    server, url = serving(out, StrictHandler)
    try:
        result = run_cli("build", str(page_file), "--out", str(out), "--base-url", url,
                         "--engine", "espeak")
        assert result.returncode == 0, result.stderr
        page = browser.new_page(viewport={"width": 320, "height": 600})
        page.goto(url + "wall/embed.html")
        page.set_viewport_size({"width": 304, "height": HEIGHT})  # the frame at 320 px
        sizes = page.evaluate("""() => { const d = document.documentElement, h = document.querySelector('h1');
            return {scroll: [d.scrollWidth, d.scrollHeight], client: [d.clientWidth, d.clientHeight],
                    lines: Math.round(h.getBoundingClientRect().height / parseFloat(getComputedStyle(h).lineHeight)),
                    text: h.textContent} }""")
        assert sizes["scroll"] == sizes["client"], sizes  # the controls and links in the frame
        assert sizes["lines"] == 2 and sizes["text"] == title
        name = page.evaluate("document.querySelector('main').getAttribute('aria-label')")
        assert name == f"Listen to: {title}"
        snippet_frame = json.loads((out / "wall" / "oembed.json").read_text())["html"]
        assert f'title="Listen to: {title}"' in snippet_frame
        page.close()
    finally:
        stop(server)
