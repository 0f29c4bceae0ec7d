"""A publisher's batch at scale: killed at random points and resumed, never a
corrupt or half-written file in sight; the same edition from a Dask cluster of
separate worker processes as from the local pool."""
from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import feedparser
import pytest

from conftest import PAGES, ROOT, run_cli

pytest.importorskip("distributed")
pytestmark = pytest.mark.slow  # batches of articles, killed and resumed, two executors


def _batch(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True)
    template = (PAGES / "short.html").read_text()
    for n in range(1, count + 1):
        page = template.replace("Tea in Five Steps", f"Tea Notes, Number {n}").replace(
            "<h2>Serving</h2>", f"<h2>Serving</h2><p>This is note {n} of the series, kept short.</p>")
        (folder / f"note-{n:02d}.html").write_text(page)
    return folder


def _check(out: Path) -> set[str]:
    """The invariants that must hold at any moment: every record names complete files,
    the feed parses and lists only complete episodes, nothing half-written is visible.
    Returns the episodes that exist."""
    existing = set()
    for record in out.glob("*/episode.json"):
        data = json.loads(record.read_text())  # never half-written
        files = [*data["media"].values(), data["chapters_json"], *data["transcripts"].values(),
                 *data["extras"].values()]
        for file in files:
            path = out / file["path"]
            assert path.is_file() and path.stat().st_size == file["bytes"], path
        existing.add(data["slug"])
    visible = [p for p in out.rglob("*") if not any(part.startswith(".") for part in p.relative_to(out).parts)]
    assert not [p for p in visible if "partial" in p.name]
    if (out / "feed.xml").exists():
        feed = feedparser.parse(str(out / "feed.xml"))
        assert not feed.bozo
        listed = {e.enclosures[0].href.split("/")[-2] for e in feed.entries}
        assert listed <= existing
        for entry in feed.entries:
            path = out / entry.enclosures[0].href.split("localhost:8000/", 1)[1]
            assert path.stat().st_size == int(entry.enclosures[0].length)
    return existing


def _progress(out: Path, cache: Path) -> int:
    """What builds have done so far: clips made and episodes recorded."""
    return len(list(cache.rglob("*.wav"))) + len(list(out.glob("*/episode.json")))


def test_killed_twenty_times_then_resumed(tmp_path: Path) -> None:
    pages = _batch(tmp_path / "pages", 20)
    out, cache = tmp_path / "out", tmp_path / "cache"
    command = [sys.executable, "-m", "audio_edition", "build", str(pages), "--out", str(out),
               "--cache-dir", str(cache), "--quiet"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    chance = random.Random(20261129)
    kills = 0
    while kills < 20:
        # Kill after observed progress (1 to 6 more clips or records), never after a
        # guessed time: on a busy machine a build may do nothing for seconds.
        target = _progress(out, cache) + chance.randint(1, 6)
        process = subprocess.Popen(command, env=env, start_new_session=True,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while process.poll() is None and _progress(out, cache) < target:
            time.sleep(0.01)
        if process.poll() is not None:
            break  # it finished before the kill: the batch is done
        os.killpg(process.pid, signal.SIGKILL)  # the build and its worker processes
        process.wait()
        kills += 1
        _check(out)
    assert kills >= 5, "the batch finished too soon to be killed often"
    finished = _check(out)
    report = tmp_path / "report.json"
    result = run_cli("build", str(pages), "--out", str(out), "--cache-dir", str(cache),
                     "--report", str(report))
    assert result.returncode == 0, result.stderr
    existing = _check(out)
    assert existing == {f"note-{n:02d}" for n in range(1, 21)}
    feed = feedparser.parse(str(out / "feed.xml"))
    assert {e.enclosures[0].href.split("/")[-2] for e in feed.entries} == existing
    statuses = {Path(a["source"]).stem: a["status"] for a in json.loads(report.read_text())["articles"]}
    assert len(statuses) == 20 and "failed" not in statuses.values()
    assert all(statuses[slug] == "unchanged" for slug in finished)  # finished ones are not redone


def _episode_files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.glob("*/*") if p.is_file()}


def test_dask_gives_the_same_edition_as_the_local_pool(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    for name in ("short.html", "structure.html"):
        shutil.copy(PAGES / name, pages / name)
    cold = {}
    for executor in ("local", "dask"):
        out = tmp_path / f"cold-{executor}"
        result = run_cli("build", str(pages), "--out", str(out), "--cache-dir", str(tmp_path / f"cache-{executor}"),
                         "--executor", executor, "--jobs", "2")
        assert result.returncode == 0, result.stderr
        cold[executor] = out
    for slug in ("short", "structure"):  # cold: the same episodes, chapters and words
        records = [json.loads((cold[e] / slug / "episode.json").read_text()) for e in cold]
        assert [(c["title"], c["level"]) for c in records[0]["chapters"]] == \
            [(c["title"], c["level"]) for c in records[1]["chapters"]]
        words = [[line for line in next((cold[e] / slug).glob("transcript-*.vtt")).read_text().splitlines()
                  if line and "-->" not in line] for e in cold]
        assert words[0] == words[1]
    warm = {}
    for executor in ("local", "dask"):  # warm: the very same bytes
        out = tmp_path / f"warm-{executor}"
        result = run_cli("build", str(pages), "--out", str(out), "--cache-dir", str(tmp_path / "cache-local"),
                         "--executor", executor, "--jobs", "2")
        assert result.returncode == 0, result.stderr
        assert "0 sentences synthesised" in result.stdout
        warm[executor] = _episode_files(out)
    assert warm["local"] == warm["dask"] and len(warm["local"]) >= 18


def test_folder_globs(tmp_path: Path) -> None:
    pages = _batch(tmp_path / "pages", 4)
    (pages / "drafts").mkdir()
    shutil.copy(PAGES / "short.html", pages / "drafts" / "draft.html")
    report = tmp_path / "report.json"
    result = run_cli("build", str(pages), "--out", str(tmp_path / "out"), "--report", str(report),
                     "--include", "*.html", "--exclude", "drafts/*", "--exclude", "note-04.html")
    assert result.returncode == 0, result.stderr
    built = sorted(Path(a["source"]).name for a in json.loads(report.read_text())["articles"])
    assert built == ["note-01.html", "note-02.html", "note-03.html"]
