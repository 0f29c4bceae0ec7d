"""End to end with the real parts: Piper speaks, ffmpeg encodes, mutagen reads
the chapters back, feedparser and podcastparser read the feed."""
from __future__ import annotations

import json
import re
import shutil
from datetime import datetime, timezone
from pathlib import Path

import feedparser
import podcastparser
import pytest
from mutagen.id3 import ID3, CTOCFlags
from mutagen.mp3 import MP3, BitrateMode

from conftest import INPUT, PAGES, decoded_seconds, run_cli

BASE_URL = "https://pod.example.org/edition/"
HEADINGS = ["Tea in Five Steps", "Brewing", "Timing", "Serving"]


@pytest.fixture(scope="module")
def edition(tmp_path_factory) -> Path:
    """One real build of the short article, shared by the tests of this module."""
    folder = tmp_path_factory.mktemp("edition")
    (folder / "in").mkdir()
    shutil.copy(PAGES / "short.html", folder / "in" / "tea.html")
    result = run_cli("build", str(folder / "in"), "--out", str(folder / "out"),
                     "--base-url", BASE_URL, "--title", "Kettle Radio")
    assert result.returncode == 0, result.stderr
    assert "1 built, 0 failed" in result.stdout
    return folder / "out"


def _mp3(edition: Path) -> Path:
    (path,) = (edition / "tea").glob("tea-*.mp3")
    return path


def test_output_layout(edition: Path) -> None:
    top = sorted(p.name for p in edition.iterdir() if p.name != ".audio-edition.lock")
    assert top[0].startswith("cover-") and top[1:] == ["feed.xml", "index.html", "tea"]
    kinds = sorted(re.sub(r"-[0-9a-f]{10}", "", p.name) for p in (edition / "tea").iterdir())
    assert kinds == ["chapters.json", "chapters.vtt", "embed.html", "episode.json", "index.html",
                     "oembed.json", "player.css", "player.js", "tea.epub", "tea.mp3", "transcript.html",
                     "transcript.srt", "transcript.vtt", "utterances.json"]
    assert [p.name for p in edition.rglob(".*")] == [".audio-edition.lock"]  # no temporary file


def test_mp3_is_44k_mono_cbr(edition: Path) -> None:
    info = MP3(_mp3(edition)).info
    assert (info.sample_rate, info.channels) == (44100, 1)
    # 64 kbit/s frames: each encoded segment starts LAME's pattern of padded frames
    # (208 or 209 bytes) anew, so the average of a joined file is a byte off here and there
    assert abs(info.bitrate - 64000) <= 64
    assert info.bitrate_mode == BitrateMode.CBR


def test_chapters_read_back_by_mutagen(edition: Path) -> None:
    tags = ID3(_mp3(edition))
    toc = next(t for t in tags.getall("CTOC") if t.flags & CTOCFlags.TOP_LEVEL)
    assert toc.flags & CTOCFlags.ORDERED
    chaps = {c.element_id: c for c in tags.getall("CHAP")}
    listed = [i for i in toc.child_element_ids if i in chaps]
    assert listed == sorted(chaps, key=lambda i: chaps[i].start_time)  # every CHAP, in order
    ordered = [chaps[i] for i in listed]
    assert [c.sub_frames["TIT2"].text[0] for c in ordered] == HEADINGS
    starts = [c.start_time for c in ordered]
    assert starts[0] == 0 and starts == sorted(starts) and len(set(starts)) == len(starts)
    for before, after in zip(ordered, ordered[1:]):
        assert before.end_time == after.start_time  # chapters tile the episode
    true_ms = decoded_seconds(_mp3(edition)) * 1000
    assert abs(ordered[-1].end_time - true_ms) <= 50
    # mutagen cannot read ffmpeg's encoder-delay field (it looks for a "LAME" tag and
    # finds "Lavc"), so its length is whole frames: the audio plus the encoder's start
    # delay (1105 samples) and end padding (under two frames): under three frames more.
    assert 0 <= MP3(_mp3(edition)).info.length * 1000 - ordered[-1].end_time < 3 * 1152 / 44.1


def test_sub_levels_are_child_ctocs(edition: Path) -> None:
    tags = ID3(_mp3(edition))
    children = {t.element_id: t for t in tags.getall("CTOC") if not t.flags & CTOCFlags.TOP_LEVEL}
    # "Brewing" (h2, chp1) holds "Timing" (h3, chp2)
    assert list(children["toc1"].child_element_ids) == ["chp2"]
    assert children["toc1"].sub_frames["TIT2"].text == ["Brewing"]
    # the title chapter holds the h2 chapters; every child CTOC is reachable from the top
    assert list(children["toc0"].child_element_ids) == ["chp1", "chp3", "toc1"]
    top = next(t for t in tags.getall("CTOC") if t.flags & CTOCFlags.TOP_LEVEL)
    assert "toc0" in top.child_element_ids


def test_chapter_marks_come_from_the_timeline(edition: Path) -> None:
    record = json.loads((edition / "tea" / "episode.json").read_text())
    chaps = sorted(ID3(_mp3(edition)).getall("CHAP"), key=lambda c: c.start_time)
    assert [(c["start_ms"], c["end_ms"]) for c in record["chapters"]] == \
        [(c.start_time, c.end_time) for c in chaps]
    assert [c["level"] for c in record["chapters"]] == [1, 2, 3, 2]
    assert abs(record["duration_seconds"] * 1000 - chaps[-1].end_time) <= 1


def test_feed_read_by_feedparser(edition: Path) -> None:
    feed = feedparser.parse(str(edition / "feed.xml"))
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == "Kettle Radio"
    assert feed.namespaces.get("itunes") == "http://www.itunes.com/dtds/podcast-1.0.dtd"
    (entry,) = feed.entries
    assert entry.title == "Tea in Five Steps"
    assert entry.description.startswith("A short test article about making tea.")
    (enclosure,) = entry.enclosures
    assert enclosure.href == BASE_URL + _mp3(edition).relative_to(edition).as_posix()
    assert enclosure.type == "audio/mpeg"
    assert int(enclosure.length) == _mp3(edition).stat().st_size
    assert entry.guidislink is False
    assert datetime(*entry.published_parsed[:6], tzinfo=timezone.utc) == \
        datetime(2026, 3, 14, tzinfo=timezone.utc)
    assert int(entry.itunes_duration) == round(decoded_seconds(_mp3(edition)))


def test_feed_read_by_podcastparser(edition: Path) -> None:
    with open(edition / "feed.xml", "rb") as stream:
        parsed = podcastparser.parse(BASE_URL + "feed.xml", stream)
    assert parsed["title"] == "Kettle Radio"
    (episode,) = parsed["episodes"]
    (enclosure,) = episode["enclosures"]
    assert enclosure["url"] == BASE_URL + _mp3(edition).relative_to(edition).as_posix()
    assert enclosure["file_size"] == _mp3(edition).stat().st_size
    assert enclosure["mime_type"] == "audio/mpeg"
    assert episode["total_time"] == round(decoded_seconds(_mp3(edition)))
    assert episode["guid"].startswith("urn:uuid:")


def test_rebuild_keeps_the_guid_and_date(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    page, out = tmp_path / "in" / "tea.html", tmp_path / "out"
    shutil.copy(PAGES / "short.html", page)
    assert run_cli("build", str(page), "--out", str(out), "--base-url", BASE_URL).returncode == 0
    first = feedparser.parse(str(out / "feed.xml")).entries[0]
    page.write_text(page.read_text().replace("Three minutes", "Four minutes"))
    result = run_cli("build", str(page), "--out", str(out), "--base-url", BASE_URL)
    assert result.returncode == 0, result.stderr
    second = feedparser.parse(str(out / "feed.xml")).entries[0]
    assert (second.id, second.published) == (first.id, first.published)
    assert second.enclosures[0].href != first.enclosures[0].href
    (mp3,) = (out / "tea").glob("*.mp3")  # the old audio is gone, the new one listed
    assert second.enclosures[0].href.endswith(mp3.name)
    assert int(second.enclosures[0].length) == mp3.stat().st_size


@pytest.mark.slow
def test_sample_articles_build_into_an_edition(tmp_path: Path) -> None:
    """What `make run` does: every article in input/ becomes an episode of the feed."""
    samples = sorted(INPUT.glob("*.html"))
    out = tmp_path / "out"
    result = run_cli("build", str(INPUT), "--out", str(out))
    assert result.returncode == 0, result.stderr
    print(result.stdout.strip().splitlines()[-1])  # the speed figure, for the log
    mp3s = sorted(out.glob("*/*.mp3"))
    assert [p.parent.name for p in mp3s] == [p.stem for p in samples]
    feed = feedparser.parse(str(out / "feed.xml"))
    assert sorted(e.enclosures[0].href for e in feed.entries) == \
        sorted(f"http://localhost:8000/{p.relative_to(out).as_posix()}" for p in mp3s)
    for entry in feed.entries:
        audio = out / entry.enclosures[0].href.split("localhost:8000/", 1)[1]
        assert int(entry.enclosures[0].length) == audio.stat().st_size
        assert len(ID3(audio).getall("CHAP")) >= 5
