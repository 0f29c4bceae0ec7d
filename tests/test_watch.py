"""Watch, against a site on 127.0.0.1 that the test starts: its feed and pages
answer conditional requests as a web server does (ETag on the feed, Last-Modified
on the pages). Every wait is for something observed (a line in the round log, a
file), never for a guessed time."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
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
        self.files: dict[str, bytes] = {}  #: more documents (sitemaps), or one in the feed's place
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
                documents = {"feed.xml": site.feed(), **site.files}
                if path in documents:
                    body = documents[path]
                    tag = f'"{hashlib.sha256(body).hexdigest()[:16]}"'
                    fresh = self.headers.get("If-None-Match") == tag
                    kind = "text/html; charset=utf-8" if body.lower().startswith(b"<!doctype html") \
                        else "application/xml"
                    headers = {"ETag": tag, "Content-Type": kind}
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


def _sitemap(site: Site, *paths: str) -> bytes:
    urls = "".join(f"<url><loc>{site.url}{path}</loc></url>" for path in paths)
    return (f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{urls}</urlset>").encode()


@pytest.mark.slow
def test_a_sitemap_index_is_read_through_to_its_sitemaps(tmp_path: Path) -> None:
    """A site adds its new pages to one of the sitemaps its index names, and the index
    stays as it was: the index answered 304 and the new page was never asked for. Each
    sitemap is asked for conditionally, and every request is counted."""
    site = Site()
    site.put("a/1.html", _page("Quay works", *PARAGRAPHS))
    site.put("b/1.html", _page("Ferry times", "The ferry runs hourly from the quay."))
    site.files["sitemap-a.xml"] = _sitemap(site, "a/1.html")
    site.files["sitemap-b.xml"] = _sitemap(site, "b/1.html")
    site.files["sitemap.xml"] = (
        f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{site.url}sitemap-a.xml</loc></sitemap>"
        f"<sitemap><loc>{site.url}sitemap-b.xml</loc></sitemap></sitemapindex>").encode()
    out = tmp_path / "out"
    args = ["watch", f"{site.url}sitemap.xml", "--out", str(out), "--engine", "espeak",
            "--jobs", "1", "--cache-dir", str(tmp_path / "cache"), "--once"]
    try:
        first = run_cli(*args)
        assert first.returncode == 0, first.stderr
        assert (_rounds(out)[-1]["new"], _rounds(out)[-1]["requests"]) == (2, site.requests()) == (2, 5)
        site.hits.clear()
        unchanged = run_cli(*args)
        assert unchanged.returncode == 0, unchanged.stderr
        # the index whole, its two sitemaps answered 304, no page asked for
        assert dict(site.hits) == {"sitemap.xml": 1, "sitemap-a.xml": 1, "sitemap-b.xml": 1}
        assert (_rounds(out)[-1]["unchanged"], _rounds(out)[-1]["not_modified"]) == (2, 2)

        site.put("b/2.html", _page("Ferry fares", "Fares go up in spring, by ten pence."))
        site.files["sitemap-b.xml"] = _sitemap(site, "b/1.html", "b/2.html")
        site.hits.clear()
        grown = run_cli(*args)
        assert grown.returncode == 0, grown.stderr
        last = _rounds(out)[-1]
        assert (last["new"], last["unchanged"], last["failed"]) == (1, 2, 0), last
        assert last["requests"] == site.requests() == 5  # index, 2 sitemaps, 1 page 304, the new
        assert len(_enclosures(out)) == 3
    finally:
        site.stop()


@pytest.mark.slow
def test_a_feed_that_became_a_web_page_is_not_built(tmp_path: Path) -> None:
    """The feed's address now answers with a web page (a redesign sent it to the home
    page): that page is no article of the show. One line each round, nothing built,
    the episodes and the feed as they were."""
    site = Site()
    site.put("quay.html", _page("The Quay", *PARAGRAPHS))
    out = tmp_path / "out"
    try:
        _once(site, out)
        feed = (out / "feed.xml").read_bytes()
        site.files["feed.xml"] = _page("Greenstep, the home page", "All our latest news.",
                                       "Subscribe to the newsletter today.").encode()
        for _ in range(2):  # and it stays a feed in the watch's memory
            result = run_cli(*_watch_args(site, out, "--once"))
            assert result.returncode == 1
            assert result.stderr.splitlines() == [
                f"audio-edition: error: {site.url}feed.xml: was a feed or sitemap and is not one "
                "any more (a web page answered); nothing of it is built"]
            assert _rounds(out)[-1]["new"] == 0
        assert (out / "feed.xml").read_bytes() == feed
        assert sorted(p.name for p in out.iterdir() if p.is_dir()) == ["quay"]
    finally:
        site.stop()


def _tamper(value, **fields):
    """`value` (the watch's state, as JSON) with `fields` set in every entry that has them."""
    if isinstance(value, dict):
        return {k: fields[k] if k in fields and k in value else _tamper(v, **fields)
                for k, v in value.items()}
    return value


@pytest.mark.slow
def test_the_state_file_is_input_not_a_trusted_record(tmp_path: Path) -> None:
    """Validators that cannot be sent back (a line break, a character outside Latin-1,
    a header of 100 kB) were sent: a traceback, or a source that failed every round
    for ever. A URL the file names is never asked for because it names it; a file that
    is not ours is forgotten, and every source asked for whole."""
    trap = Site()  # another server, which nothing should ask
    site = Site()
    site.put("quay.html", _page("The Quay", *PARAGRAPHS))
    out = tmp_path / "out"
    state = out / ".audio-edition-watch.json"
    try:
        _once(site, out)
        written = json.loads(state.read_text())
        for bad in ("\u00e9\u4e2d", 'W/"1"\r\nX-Injected: yes', "x" * 100_000):
            state.write_text(json.dumps(_tamper(written, etag=bad, last_modified=bad,
                                                pages=[f"{trap.url}secret"],
                                                episode="../../elsewhere")))
            site.hits.clear()
            result = run_cli(*_watch_args(site, out, "--once"))
            assert result.returncode == 0 and result.stderr == "", result.stderr
            assert site.hits["feed.xml"] == 1 and site.hits["quay.html"] == 1
        for junk in ("[1, 2]", "null", "{not json", '{"urls": 5}'):
            state.write_text(junk)
            result = run_cli(*_watch_args(site, out, "--once"))
            assert result.returncode == 0 and result.stderr == "", result.stderr
            assert _rounds(out)[-1]["unchanged"] == 1
        assert trap.requests() == 0
        assert json.loads(state.read_text())["urls"]  # replaced by a state of ours
    finally:
        site.stop()
        trap.stop()


@pytest.mark.slow
def test_pages_are_asked_again_when_their_episode_or_the_settings_change(tmp_path: Path) -> None:
    """An unchanged feed answered 304 kept every episode as it was for ever: one whose
    folder was removed never came back, and a new intro in the settings reached only
    new articles, where `build` rebuilds them all."""
    site = Site()
    site.put("quay.html", _page("The Quay", *PARAGRAPHS))
    site.put("ferry.html", _page("The Ferry", "The ferry runs hourly from the quay."))
    out = tmp_path / "out"
    try:
        _once(site, out)
        shutil.rmtree(out / "ferry")
        back = _once(site, out)
        assert (back["new"], back["unchanged"], back["requests"]) == (1, 1, 3), back
        assert site.hits["ferry.html"] == 2 and len(_enclosures(out)) == 2

        config = tmp_path / "audio-edition.toml"
        config.write_text('[show]\nintro = "Welcome to the harbour news."\n')
        rebuilt = _once(site, out, "--config", str(config))
        assert (rebuilt["rebuilt"], rebuilt["new"]) == (2, 0), rebuilt
        again = _once(site, out, "--config", str(config))  # and then remembered again
        assert (again["requests"], again["not_modified"], again["unchanged"]) == (1, 1, 2)
    finally:
        site.stop()


def test_a_round_on_a_folder_another_build_holds_asks_nothing(tmp_path: Path) -> None:
    """Two watches (or a watch and a build) of one folder: the second fetched the feed
    and every page, then found the folder locked and failed; under cron every overlap
    cost the site a full round. Now it ends at once, in one line, and writes nothing."""
    from audio_edition.publish.lock import build_lock

    site = Site()
    site.put("quay.html", _page("The Quay", *PARAGRAPHS))
    out = tmp_path / "out"
    out.mkdir()
    try:
        with build_lock(out):  # another build, in this process
            result = run_cli(*_watch_args(site, out, "--once"))
    finally:
        site.stop()
    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1 and "another build" in result.stderr
    assert site.requests() == 0
    assert sorted(p.name for p in out.iterdir()) == [".audio-edition.lock"]


def test_the_round_log_is_bounded_and_never_written_through_a_link(tmp_path: Path,
                                                                    monkeypatch) -> None:
    """A watch every 15 minutes for months: the log grew without end, and every start
    read it whole to number its rounds."""
    from audio_edition import watch
    from audio_edition.pipeline import BuildOptions

    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(watch, "MAX_LOG_BYTES", 2000)
    watcher = watch.Watch([], BuildOptions(out=out), lambda shown: {}, quiet=True)
    for number in range(1, 61):
        assert watcher._last_round() == number - 1
        watcher._log(watch.Round(number))
    logs = [out / LOG, out / (LOG + ".1")]
    assert all(0 < path.stat().st_size <= 2000 for path in logs)
    numbers = [json.loads(line)["round"] for path in reversed(logs)
               for line in path.read_text().splitlines()]
    assert numbers == list(range(numbers[0], 61))  # the latest rounds, in order
    older = json.loads(logs[1].read_text().splitlines()[-1])["round"]
    (out / LOG).unlink()
    assert watcher._last_round() == older  # numbered on from the one before
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    (out / LOG).symlink_to(victim)
    watcher._log(watch.Round(61))
    assert victim.read_text() == "precious"


def test_an_interval_past_a_year_is_a_usage_error() -> None:
    result = run_cli("watch", "http://127.0.0.1:9/feed.xml", "--every", "1000000d", "--rounds", "2",
                     "--out", "/nonexistent/out")
    assert result.returncode == 2 and "longer than a year" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("name, make", [
    (".audio-edition-watch.json", os.mkfifo),
    (".audio-edition-watch.json", lambda path: path.symlink_to("/dev/zero")),
    (".audio-edition-watch.json", lambda path: path.write_text("[" * 100_000 + "]" * 100_000)),
    (LOG, os.mkfifo),
], ids=["state-fifo", "state-device", "state-nested", "log-fifo"])
def test_a_watch_file_that_is_no_file_of_ours_neither_hangs_nor_fails(tmp_path: Path, name: str,
                                                                       make) -> None:
    """A state or log that was a FIFO kept the watch waiting for ever (to read it, or
    to write its line), and a state nested past Python's parser was a traceback: the
    state is forgotten, the log's line said to be lost, and the round goes on."""
    site = Site()
    site.put("quay.html", _page("The Quay", *PARAGRAPHS))
    out = tmp_path / "out"
    out.mkdir()
    make(out / name)
    try:
        result = run_cli(*_watch_args(site, out, "--once"))
    finally:
        site.stop()
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert len(_enclosures(out)) == 1
    if name == LOG:
        assert result.stderr.count("\n") == 1 and "not a regular file" in result.stderr
    else:
        assert result.stderr == "" and _rounds(out)[-1]["new"] == 1
