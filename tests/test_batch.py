"""A publisher's batch: pages by URL (over real HTTP on 127.0.0.1), a site's own
feed and sitemap as input, bounded fetching, a JSON report, quiet runs, and a
lock against two builds writing one folder."""
from __future__ import annotations

import fcntl
import json
import os
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import feedparser
import pytest

from audio_edition.read import load as load_module
from audio_edition.errors import InputError
from conftest import PAGES, reply, run_cli, start_server

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Kettle Notes</title><link>{base}</link><description>Tea.</description>
<item><title>Tea, Brewed Properly</title><link>{base}pages/short.html</link>
<pubDate>Mon, 02 Feb 2026 08:00:00 +0000</pubDate></item>
<item><title>How Pages Are Read</title><link>{base}pages/structure.html</link>
<pubDate>Tue, 03 Mar 2026 08:00:00 +0000</pubDate></item>
</channel></rss>"""
SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>{base}pages/short.html</loc><lastmod>2026-01-05</lastmod></url></urlset>"""


class Site:
    def __init__(self) -> None:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                path = self.path
                if path == "/loop":
                    self.send_response(302)
                    self.send_header("Location", "/loop")
                    self.end_headers()
                    return
                if path.startswith("/pages/") and (PAGES / path[7:]).is_file():
                    body, kind = (PAGES / path[7:]).read_bytes(), "text/html; charset=utf-8"
                elif path == "/feed.xml":
                    body, kind = RSS.format(base=site.base).encode(), "application/rss+xml"
                elif path == "/sitemap.xml":
                    body, kind = SITEMAP.format(base=site.base).encode(), "application/xml"
                else:
                    self.send_error(404)
                    return
                reply(self, body, kind)

            def log_message(self, *args) -> None:
                pass

        self.server, self.base = start_server(Handler)


@pytest.fixture(scope="module")
def site():
    served = Site()
    yield served
    served.server.shutdown()
    served.server.server_close()


def test_pages_by_url_and_bounded_fetching(site: Site, tmp_path: Path) -> None:
    result = run_cli("script", site.base + "pages/short.html", site.base + "missing.html",
                     site.base + "loop", "ftp://127.0.0.1/page.html", "--format", "json")
    assert result.returncode == 1
    (script,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert script["source"] == site.base + "pages/short.html" and script["title"] == "Tea in Five Steps"
    errors = result.stderr.strip().splitlines()
    assert f"{site.base}missing.html: the server answered HTTP 404" in errors[0]
    assert f"{site.base}loop: more than 5 redirects" in errors[1]
    assert "ftp://127.0.0.1/page.html: only http and https URLs can be fetched" in errors[2]


def test_a_page_over_the_size_limit_is_refused(site: Site, monkeypatch) -> None:
    monkeypatch.setattr(load_module, "MAX_PAGE_BYTES", 1000)
    with pytest.raises(InputError, match="too large"):
        load_module.fetch(site.base + "pages/structure.html")


@pytest.mark.slow
def test_a_site_feed_is_a_batch_and_a_rerun_redoes_nothing(site: Site, tmp_path: Path) -> None:
    out, report = tmp_path / "out", tmp_path / "report.json"
    result = run_cli("build", site.base + "feed.xml", "--out", str(out), "--report", str(report))
    assert result.returncode == 0, result.stderr
    entries = {e.title: e for e in feedparser.parse(str(out / "feed.xml")).entries}
    assert set(entries) == {"Tea, Brewed Properly", "How Pages Are Read"}  # the feed's titles
    assert entries["Tea, Brewed Properly"].published.startswith("Mon, 02 Feb 2026")  # its dates
    data = json.loads(report.read_text())
    assert data["built"] == 2 and data["failed"] == 0
    assert {a["status"] for a in data["articles"]} == {"built"}
    assert all(a["chapters"] >= 4 and a["duration"] > 20 for a in data["articles"])
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.mp3")}
    again = run_cli("build", site.base + "feed.xml", "--out", str(out), "--quiet")
    assert again.returncode == 0 and again.stdout == "" and again.stderr == ""
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.mp3")} == before  # nothing rewritten


def test_a_sitemap_file_is_a_batch(site: Site, tmp_path: Path) -> None:
    sitemap = tmp_path / "sitemap.xml"
    sitemap.write_text(SITEMAP.format(base=site.base))
    result = run_cli("script", str(sitemap), "--format", "json")
    assert result.returncode == 0, result.stderr
    (script,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert script["source"] == site.base + "pages/short.html"


def test_two_builds_never_write_one_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with open(out / ".audio-edition.lock", "a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        held.write(f"pid {os.getpid()}")  # a live build holds it
        held.flush()
        result = run_cli("build", str(PAGES / "short.html"), "--out", str(out))
    assert result.returncode == 1
    assert f"another build (pid {os.getpid()}) is writing this folder" in result.stderr
    assert not (out / "feed.xml").exists()
