"""What the listening check costs, as ratios measured in the same run.

The sample articles of input/ are built cold (no clip cache), then checked
(`audio-edition check`, with the [check] extra's English model); the check's
time is printed against the audio's duration and against the cold build's
time of the same run; the median over a few runs is the result. Target: the
check adds at most 50% to a cold build.

Needs: pip install -e '.[check]'
Run: python benchmarks/check.py [--runs 3]   (about 45 s a run on 2 cores)
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(*args: str) -> float:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "audio_edition", *args], cwd=ROOT,
                            capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    if result.returncode not in (0, 1):
        raise SystemExit(result.stderr)
    return time.perf_counter() - started


def one_run() -> tuple[float, float, float]:
    """Build input/ cold, then check it: the audio's duration, the build's time and
    the check's."""
    with tempfile.TemporaryDirectory() as temp:
        out = Path(temp) / "out"
        build = timed("build", "input", "--out", str(out), "--no-cache", "--quiet")
        audio = sum(json.loads(p.read_text())["duration_seconds"] for p in out.glob("*/episode.json"))
        check = timed("check", str(out))
        reports = {p.parent.name: json.loads(p.read_text()) for p in sorted(out.glob("*/check.json"))}
        statuses = [report["status"] for report in reports.values()]
        for slug, report in reports.items():  # a failure is a finding: say what was flagged
            for flag in report["flagged"]:
                print(f"{slug} flagged at {flag['start']:.1f} s ({flag['detail']}): expected "
                      f"{flag['expected']!r}, heard {flag['heard']!r}")
            for problem in report["problems"]:
                print(f"{slug}: {problem}")
    print(f"{len(statuses)} episodes, {audio:.0f} s of audio; cold build {build:.1f} s, "
          f"check {check:.1f} s ({', '.join(statuses)}); check / cold build "
          f"{check / build:.2f}", flush=True)
    return audio, build, check


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="builds and checks, one after the "
                        "other; the median ratio is the result (this machine is noisy)")
    runs = [one_run() for _ in range(parser.parse_args().runs)]
    print(f"check / audio duration: {statistics.median(c / a for a, _, c in runs):.2f}")
    print(f"check / cold build: {statistics.median(c / b for _, b, c in runs):.2f} "
          f"(median of {len(runs)} runs; target: at most 0.50)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
