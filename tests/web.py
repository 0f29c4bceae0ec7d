"""What the browser tests share: Debian's Chromium driven by Playwright, the edition
served on a free loopback port (also as a site with a strict Content-Security-Policy
serves it), the page's errors as they happen, and axe-core's rule set."""
from __future__ import annotations

import functools
import shutil
import threading
import time
from pathlib import Path

import pytest

from audio_edition.serve import EditionHandler, make_server

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
NO_CHROMIUM = pytest.mark.skipif(
    CHROMIUM is None,
    reason="Chromium is not installed (Debian package chromium; .ci/run installs it where apt runs as root)")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic", "--mute-audio"]
#: WCAG 2.2 AA and best practice; "experimental" adds rules such as Label in Name
#: (WCAG 2.5.3), which speech-input users rely on.
AXE_OPTIONS = {"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice",
                           "experimental"]}
#: The strictest policy a publisher's site is likely to set: the page's own files only.
STRICT = "default-src 'self'"


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless, for the tests of one module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


class StrictHandler(EditionHandler):
    """The edition as a site with a strict Content-Security-Policy serves it."""

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", STRICT)
        super().end_headers()


def serving(folder: Path, handler=None):
    """A real server of `folder` on a free loopback port, with `handler` if given."""
    server = make_server(folder, "127.0.0.1", 0)
    if handler:
        server.RequestHandlerClass = functools.partial(handler, directory=str(folder))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="module")
def served(edition: Path):
    """The URL of the module's `edition` (a fixture of the module), served on loopback."""
    server, url = serving(edition)
    yield url
    stop(server)


def stop(server) -> None:
    server.shutdown()
    server.server_close()


def console_errors(page) -> list[str]:
    """The page's errors as they happen (its frames' too): script errors, refused
    resources, policy violations; not the browser's own request of the site's icon
    (/favicon.ico), which the edition leaves to the site that hosts it."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(f"{m.text} ({m.location.get('url')})")
            if m.type == "error" and not m.location.get("url", "").endswith("/favicon.ico") else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def until(page, expression: str, seconds: float = 30) -> None:
    """Wait until `expression` is true in the page (or frame). Playwright's
    wait_for_function polls with a script made from a string, which a strict
    Content-Security-Policy refuses; evaluate is not subject to it."""
    deadline = time.monotonic() + seconds
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"never true: {expression}")
        page.wait_for_timeout(25)


def in_words(seconds: float) -> str:
    """A time as the position slider should say it, written out here on its own."""
    minutes, rest = divmod(int(seconds), 60)
    said = [f"{n} {unit}{'s' if n != 1 else ''}" for n, unit in ((minutes, "minute"), (rest, "second")) if n]
    return " ".join(said) or "0 seconds"


def axe(page, frames=()):
    """axe-core's findings on `page` (a page or a frame) and on the `frames` in it, which
    may be of another origin: axe runs in each and answers the top's questions."""
    from axe_playwright_python.base import AXE_SCRIPT, AxeResults

    for where in (*frames, page):
        where.evaluate(AXE_SCRIPT)
        where.evaluate("axe.configure({allowedOrigins: ['<unsafe_all_origins>']})")
    return AxeResults(page.evaluate("options => axe.run(document, options)", AXE_OPTIONS))
