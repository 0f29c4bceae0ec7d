"""A publisher's 50-article batch, as ratios measured in one run.

- audio seconds per wall second with the local executor at --jobs 1 and 2,
  and with a Dask LocalCluster of 2 worker processes (target: Dask within
  1.15x of local at 2);
- a re-run after touching 5 of the 50 articles, against the cold batch.

The articles are made here from the short test article (each with its own
title and sentence). Every run synthesises from scratch (--no-cache), so no
article borrows another's clips; the re-run finds the 45 untouched articles
unchanged and rebuilds the 5 touched ones.
Run: python benchmarks/batch.py   (about five minutes on 2 cores)
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = (ROOT / "tests" / "pages" / "short.html").read_text(encoding="utf-8")


def make_batch(folder: Path, count: int = 50) -> list[Path]:
    folder.mkdir(parents=True)
    pages = []
    for n in range(1, count + 1):
        page = folder / f"article-{n:02d}.html"
        page.write_text(TEMPLATE.replace("Tea in Five Steps", f"Tea Notes, Number {n}").replace(
            "<h2>Serving</h2>", f"<h2>Serving</h2><p>This is note {n} of the series.</p>"),
            encoding="utf-8")
        pages.append(page)
    return pages


def build(folder: Path, out: Path, *extra: str) -> tuple[float, float]:
    """Wall seconds and seconds of audio of one build."""
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "audio_edition", "build", str(folder), "--out", str(out),
                             "--no-cache", *extra], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    wall = time.perf_counter() - started
    if result.returncode:
        raise SystemExit(f"build failed: {result.stderr[-2000:]}")
    return wall, float(re.search(r"(\d+) s of audio", result.stdout).group(1))


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="audio-edition-batch-"))
    pages = make_batch(work / "pages")
    runs = {}
    for label, folder, extra in (("local, --jobs 1", "local1", ("--jobs", "1")),
                                 ("local, --jobs 2", "local", ("--jobs", "2")),
                                 ("dask, 2 workers", "dask", ("--executor", "dask", "--jobs", "2"))):
        wall, audio = build(work / "pages", work / folder, *extra)
        runs[label] = (wall, audio)
        print(f"{label}: {audio:.0f} s of audio in {wall:.1f} s = {audio / wall:.1f} audio s per wall s")
    local, dask = runs["local, --jobs 2"][0], runs["dask, 2 workers"][0]
    print(f"dask against local at 2: {dask / local:.2f}x the time (target <= 1.15x)")
    for page in pages[:5]:
        page.write_text(page.read_text(encoding="utf-8").replace("drink it while it is hot",
                                                                 "drink it while it is warm"))
    rerun, _ = build(work / "pages", work / "local", "--jobs", "2")
    print(f"re-run after touching 5 of 50: {rerun:.1f} s = {rerun / local:.1%} of the cold batch")


if __name__ == "__main__":
    main()
