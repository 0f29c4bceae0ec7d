"""Bad inputs: one clear line naming the input, a non-zero exit, nothing else lost."""
from __future__ import annotations

import os
from pathlib import Path

import feedparser
import pytest

from conftest import PAGES, run_cli

NO_ARTICLE = """<html><head><title>Shop</title></head><body>
<div class="cookie-banner">We use cookies. <button>Accept</button></div>
<nav><a href="/">Home</a> <a href="/cart">Cart</a></nav>
<footer>Copyright 2026 Example Ltd.</footer></body></html>"""


def _bad_inputs(folder: Path) -> dict[str, str]:
    """Each bad input file, with the words its error line must contain."""
    (folder / "empty.html").write_bytes(b"")
    (folder / "binary.html").write_bytes(bytes(range(256)) * 20)
    (folder / "no-article.html").write_text(NO_ARTICLE)
    (folder / "malformed.html").write_bytes(b"<<<>>> </p></div></html> \x01\x02")
    (folder / "klingon.html").write_text(
        '<html><head><meta charset="x-klingon"></head><body><p>Hello</p></body></html>')
    return {
        "empty.html": "file is empty",
        "binary.html": "binary file",
        "no-article.html": "no article found",
        "malformed.html": "no article found",
        "klingon.html": "unknown encoding 'x-klingon'",
        "missing.html": "no such file",
    }


def test_script_reports_each_bad_input_on_one_line(tmp_path: Path) -> None:
    expected = _bad_inputs(tmp_path)
    args = [str(tmp_path / name) for name in expected]
    result = run_cli("script", *args, str(PAGES / "short.html"), "--format", "json")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == len(expected)
    for line, (name, problem) in zip(lines, expected.items()):
        assert line.startswith(f"audio-edition: error: {tmp_path / name}: ")
        assert problem in line
    assert len(result.stdout.strip().splitlines()) == 1  # the good page still scripted


@pytest.mark.slow
def test_build_isolates_bad_inputs(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    expected = _bad_inputs(src)
    (src / "tea.html").write_bytes((PAGES / "short.html").read_bytes())
    out = tmp_path / "out"
    result = run_cli("build", str(src), str(src / "missing.html"), "--out", str(out))
    assert result.returncode == 1
    errors = result.stderr.strip().splitlines()
    assert len(errors) == len(expected)
    for name, problem in expected.items():
        assert any(str(src / name) in line and problem in line for line in errors), name
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(("cover-", "."))) == \
        ["feed.xml", "index.html", "tea"]
    (mp3,) = (out / "tea").glob("*.mp3")
    assert [p.name for p in out.rglob(".*")] == [".audio-edition.lock"]  # no partial file
    feed = feedparser.parse(str(out / "feed.xml"))
    assert [e.enclosures[0].href.rsplit("/", 1)[1] for e in feed.entries] == [mp3.name]


def test_failing_engine_leaves_no_audio_and_an_empty_feed(tmp_path: Path) -> None:
    voice = tmp_path / "broken.onnx"
    voice.write_bytes(b"this is not an onnx model")
    (tmp_path / "broken.onnx.json").write_text("{}")
    out = tmp_path / "out"
    result = run_cli("build", str(PAGES / "short.html"), "--out", str(out), "--voice", str(voice))
    assert result.returncode == 1
    (line,) = result.stderr.strip().splitlines()
    assert str(PAGES / "short.html") in line and "piper engine" in line
    assert sorted(n for n in os.listdir(out) if not n.startswith((".", "cover-"))) == \
        ["feed.xml", "index.html"]  # no audio
    assert feedparser.parse(str(out / "feed.xml")).entries == []


def test_folder_without_pages(tmp_path: Path) -> None:
    result = run_cli("build", str(tmp_path), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert result.stderr.strip() == f"audio-edition: error: {tmp_path}: folder holds no .html files"


def test_an_output_folder_inside_the_input_folder_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "tea.html").write_bytes((PAGES / "short.html").read_bytes())
    for _ in range(2):  # the second run must not read the first run's pages as articles
        result = run_cli("build", str(tmp_path), "--out", str(tmp_path / "edition"), "--quiet")
        assert result.returncode == 0, result.stderr
    assert [p.name for p in (tmp_path / "edition").glob("*/episode.json")] == ["episode.json"]
