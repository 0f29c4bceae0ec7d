"""Watch, against a site on 127.0.0.1 that the test starts: its feed and pages
answer conditional requests as a web server does (ETag on the feed, Last-Modified
on the pages). Every wait is for something observed (a line in the round log, a
file), never for a guessed time."""
from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import feedparser
import pytest

from conftest import ROOT, article, engine_package, run_cli

LOG = ".audio-edition-watch.log"
DEADLINE_SECONDS = 600  #: only a test that would hang waits this long


class Site:
    """A small news site: `pages` by path, and the feed that lists them. A change
    to a page or to the list bumps the feed's build date, as publishing systems do."""

    def __init__(self) -> None:
        self.pages: dict[str, str] = {}
        self.changed: dict[str, float] = {}  #: path -> when it last changed
        self.order: list[str] = []
        self.hits: Counter[str] = Counter()
        self.answers: Counter[int] = Counter()
        self.revision = 0
        self.server = None
        self.port = 0
        self.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def put(self, path: str, html: str) -> None:
        if path not in self.pages:
            self.order.append(path)
        self.pages[path] = html
        self.changed[path] = self._now()
        self.revision += 1

    def _now(self) -> float:
        # Last-Modified has whole seconds: each change gets a later second of its own
        latest = max(self.changed.values(), default=0.0)
        return max(float(int(time.time())), latest + 1)

    def feed(self) -> bytes:
        items = "".join(f"<item><title>{path}</title><link>{self.url}{path}</link>"
                        f"<guid>{self.url}{path}</guid></item>" for path in self.order)
        return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Site</title>'
                f"<link>{self.url}</link><description>News</description>"
                f"<lastBuildDate>revision {self.revision}</lastBuildDate>{items}"
                f"</channel></rss>").encode()

    def start(self) -> None:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:
                path = self.path.lstrip("/")
                site.hits[path] += 1
                if path == "feed.xml":
                    body = site.feed()
                    tag = f'"{hashlib.sha256(body).hexdigest()[:16]}"'
                    fresh = self.headers.get("If-None-Match") == tag
                    headers = {"ETag": tag, "Content-Type": "application/rss+xml"}
                elif path in site.pages:
                    body = site.pages[path].encode()
                    since = self.headers.get("If-Modified-Since")
                    fresh = since is not None and \
                        parsedate_to_datetime(since).timestamp() >= site.changed[path]
                    headers = {"Last-Modified": formatdate(site.changed[path], usegmt=True),
                               "Content-Type": "text/html; charset=utf-8"}
                else:
                    site.answers[404] += 1
                    self.send_error(404)
                    return
                status = 304 if fresh else 200
                site.answers[status] += 1
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", "0" if fresh else str(len(body)))
                self.end_headers()
                if not fresh:
                    self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def requests(self) -> int:
        return sum(self.hits.values())


def _page(title: str, *paragraphs: str, slot: str = "a1", token: str = "t1") -> str:
    """An article page with an ad slot and a form token that change on every view
    of a real site and are never read."""
    return article(title, *paragraphs, head=f'<meta name="csrf-token" content="{token}">') \
        .replace("</article>", f'</article><div class="ad-slot" data-slot="{slot}" '
                               f'id="ad-{slot}"></div>')


def _watch_args(site: Site, out: Path, *extra: str) -> list[str]:
    return ["watch", f"{site.url}feed.xml", "--out", str(out), "--engine", "espeak",
            "--jobs", "1", "--cache-dir", str(out.parent / "cache"), *extra]


def _once(site: Site, out: Path, *extra: str) -> dict:
    """One round as cron runs it; its line of the log."""
    result = run_cli(*_watch_args(site, out, "--once", *extra))
    assert result.returncode == 0, result.stderr
    return _rounds(out)[-1]


def _rounds(out: Path) -> list[dict]:
    path = out / LOG
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def _enclosures(out: Path) -> dict[str, str]:
    """Each episode's guid and enclosure URL, as a podcast app reads them."""
    feed = feedparser.parse((out / "feed.xml").read_bytes())
    return {entry.id: entry.enclosures[0].href for entry in feed.entries}


PARAGRAPHS = ["The harbour wall was mended over the winter.",
              "Boats can tie up again along the whole quay."]


@pytest.mark.slow
def test_new_items_become_episodes_and_an_unchanged_feed_costs_one_request(tmp_path: Path) -> None:
    """A site of 20 articles: the first round builds them all; an unchanged site
    then costs one request, answered 304; a new item is one new episode and its
    siblings are asked for but not sent again."""
    site = Site()
    for number in range(1, 21):
        site.put(f"news/{number}.html", _page(f"Harbour note {number}",
                                              f"Note {number} of the harbour diary.", *PARAGRAPHS))
    out = tmp_path / "out"
    try:
        first = _once(site, out)
        assert (first["round"], first["new"], first["failed"]) == (1, 20, 0), first
        assert first["requests"] == site.requests() == 21
        feed = (out / "feed.xml").read_bytes()
        site.hits.clear()
        site.answers.clear()

        unchanged = _once(site, out)
        assert unchanged["round"] == 2
        assert site.requests() == unchanged["requests"] == 1 and site.answers == {304: 1}
        assert (unchanged["new"], unchanged["rebuilt"], unchanged["not_modified"],
                unchanged["unchanged"]) == (0, 0, 1, 20)
        assert (out / "feed.xml").read_bytes() == feed

        site.put("news/21.html", _page("Harbour note 21", "The ferry runs again.", *PARAGRAPHS))
        site.hits.clear()
        site.answers.clear()
        grown = _once(site, out)
        assert (grown["new"], grown["rebuilt"], grown["unchanged"]) == (1, 0, 20), grown
        assert site.requests() == grown["requests"] == 22
        assert site.answers == {200: 2, 304: 20}  # the feed and the new page
        assert len(_enclosures(out)) == 21
    finally:
        site.stop()


@pytest.mark.slow
def test_an_edit_rebuilds_only_when_what_is_spoken_changed(tmp_path: Path) -> None:
    site = Site()
    site.put("quay.html", _page("The Quay", *PARAGRAPHS))
    out = tmp_path / "out"
    try:
        _once(site, out)
        [(guid, enclosure)] = _enclosures(out).items()

        # a new ad in the slot and a new form token: fetched, not rebuilt
        site.put("quay.html", _page("The Quay", *PARAGRAPHS, slot="b7", token="t2"))
        shuffled = _once(site, out)
        assert (shuffled["rebuilt"], shuffled["unchanged"], shuffled["not_modified"]) == (0, 1, 0)
        assert _enclosures(out) == {guid: enclosure}

        # an edited paragraph with --on-edit keep: the episode stays as it is
        site.put("quay.html", _page("The Quay", PARAGRAPHS[0], "Boats tie up at the north end."))
        kept = _once(site, out, "--on-edit", "keep")
        assert (kept["rebuilt"], kept["unchanged"]) == (0, 1)
        assert _enclosures(out) == {guid: enclosure}

        # edited again, rebuilt: the same guid, a new enclosure
        site.put("quay.html", _page("The Quay", PARAGRAPHS[0], "Boats tie up at the south end."))
        edited = _once(site, out)
        assert (edited["rebuilt"], edited["new"]) == (1, 0)
        [(same, moved)] = _enclosures(out).items()
        assert same == guid and moved != enclosure
    finally:
        site.stop()


def _wait_for(condition, what: str, process: subprocess.Popen):
    end = time.monotonic() + DEADLINE_SECONDS
    while not (found := condition()):
        assert process.poll() is None, f"the watch ended before {what}"
        assert time.monotonic() < end, f"never saw {what}"
        time.sleep(0.05)
    return found


def _start(args: list[str], tmp_path: Path, env: dict | None = None) -> subprocess.Popen:
    extra = dict(env or {})
    path = os.pathsep.join(p for p in (str(ROOT), extra.pop("PYTHONPATH_EXTRA", "")) if p)
    return subprocess.Popen([sys.executable, "-m", "audio_edition", *args], cwd=tmp_path,
                            env={**os.environ, "PYTHONPATH": path, **extra},
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=open(tmp_path / "stderr.txt", "w"), text=True)


@pytest.mark.slow
def test_the_server_going_away_for_a_while_costs_only_waiting(tmp_path: Path) -> None:
    site = Site()
    site.put("quay.html", _page("The Quay", *PARAGRAPHS))
    out = tmp_path / "out"
    watch = _start(_watch_args(site, out, "--every", "0.2s", "--rounds", "2000"), tmp_path)
    try:
        _wait_for(lambda: len(_rounds(out)) >= 1, "the first round", watch)
        site.stop()
        down = _wait_for(lambda: next((r["round"] for r in _rounds(out) if r["offline"]), 0),
                         "a round offline", watch)
        site.put("ferry.html", _page("The Ferry", "The ferry runs again from Monday."))
        site.start()  # the same port: the site is back
        _wait_for(lambda: [r for r in _rounds(out) if r["round"] > down and r["new"]],
                  "the new item built", watch)
        watch.send_signal(signal.SIGTERM)
        assert watch.wait(timeout=DEADLINE_SECONDS) == 0
    finally:
        watch.kill()
        site.stop()
    rounds = _rounds(out)
    offline = [r for r in rounds if r["offline"]]
    assert offline and all(r["failed"] == 1 and r["new"] == 0 for r in offline)
    errors = (tmp_path / "stderr.txt").read_text().splitlines()
    assert len(errors) == len(offline)  # one line each
    assert all(line.startswith(f"audio-edition: error: {site.url}feed.xml: cannot fetch")
               for line in errors), errors
    back = next(r for r in rounds if r["round"] > down and r["new"])
    assert back["round"] > offline[-1]["round"] and back["failed"] == 0 and back["new"] == 1
    assert len(_enclosures(out)) == 2


HELD_ENGINE = '''
import os
import time
from pathlib import Path

from audio_edition.engines.espeak import EspeakEngine


class Engine(EspeakEngine):
    """eSpeak NG that, on the word "lighthouse", says so and waits to be let go."""

    name = "held"

    def synthesize(self, text, lang=None):
        if "lighthouse" in text:
            Path(os.environ["HELD"]).touch()
            while not Path(os.environ["RELEASE"]).exists():
                time.sleep(0.05)
        return super().synthesize(text, lang)
'''


@pytest.mark.slow
def test_sigterm_in_the_middle_of_a_build_leaves_the_previous_feed_as_it_was(
        tmp_path: Path) -> None:
    site = Site()
    site.put("quay.html", _page("The Quay", *PARAGRAPHS))
    out = tmp_path / "out"
    env = {**engine_package(tmp_path / "site", "held", HELD_ENGINE),
           "HELD": str(tmp_path / "held"), "RELEASE": str(tmp_path / "never")}
    args = [*_watch_args(site, out, "--every", "1h"), "--engine", "held", "--jobs", "2"]
    try:
        first = run_cli(*args, "--once", env=env)
        assert first.returncode == 0, first.stderr
        feed = (out / "feed.xml").read_bytes()
        site.put("light.html", _page("The Light", "The lighthouse keeper retired in May.",
                                     *[f"Line {n} of the keeper's log." for n in range(12)]))
        watch = _start(args, tmp_path, env)
        try:
            _wait_for(lambda: (tmp_path / "held").exists(), "the new article spoken", watch)
            watch.send_signal(signal.SIGTERM)
            assert watch.wait(timeout=DEADLINE_SECONDS) == 0
        finally:
            watch.kill()
    finally:
        site.stop()
    assert (out / "feed.xml").read_bytes() == feed
    assert not [p for p in out.rglob("*") if ".partial" in p.name]
    assert not [p for p in (out / "light").rglob("*")] if (out / "light").exists() else True
    last = _rounds(out)[-1]
    assert last["round"] == 2 and last["stopped"] and last["new"] == 0
