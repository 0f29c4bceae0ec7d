"""Memory of a hostile page against an ordinary one, measured in one run.

A page whose article is one 50,000-character paragraph without sentence
punctuation once reached the voice as one sentence (a few thousand
characters took gigabytes). Here it is built beside an ordinary article of
the same words (distinct sentences of news length, from a few words to
forty; the hostile page is the same text without its punctuation), each
in a fresh process with one synthesis worker and no clip cache; the peak
resident memory of each (with its children) is printed and the ratio.
Target: at most 1.2x.

A tampered timing record: `check` of an ordinary episode beside `check` of the same
episode whose `utterances-*.json` repeats its rows to about 145 MB (the episode record
made to agree with its size). Each is a fresh process; the time and peak memory of
each, and their ratios, are printed. Target: each at most 2x.

Two bounded cases of the reading stage, each read with `script` (no audio) beside
the ordinary article read alike, in fresh processes; time and peak memory of each
and their ratios are printed. Target: each at most 2x.
- unclosed formula delimiters: a page of the ordinary article's length whose last
  paragraph holds 20,000 unclosed `\\(` (each looked for its closing one to the
  end of the text: 19 s);
- a big lexicon: the ordinary article read with a lexicon of 200,000 words (every
  entry's pattern ran on every sentence: 20 s for a small article).

Run: python benchmarks/hostile.py [--chars 50000]
[--case all|run-on|check|reading|delimiters|lexicon]
(about ten minutes on 2 cores; the check case needs the [check] extra)
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SENTENCES = [
    "The ferry leaves the harbour at seven and returns before the evening tide.",
    "On calm days the crossing takes forty minutes, and passengers stand at the rail to "
    "watch the seals that rest on the sandbank near the lighthouse.",
    "In winter the timetable thins out.",
    "The company that runs the service, which has carried islanders, their cars, their "
    "sheep and their post for more than sixty years, says that the new boat will be "
    "quieter, faster and cheaper to run than the old one, and that it will keep the same "
    "times so that children can still reach the school on the mainland.",
    "Tickets can be bought on board or at the kiosk on the quay.",
]
_MEASURE = ("import resource\n"
            "from audio_edition.cli import main\n"
            "try:\n    main()\nexcept SystemExit as done:\n    code = done.code\n"
            "print('PEAK', max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,"
            " resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss), code)\n")


def page(paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Ferries</title>'
            f"</head><body><article><h1>Ferries</h1>{body}</article></body></html>")


def peak_kb(html: str, folder: Path, name: str) -> tuple[int, float]:
    source = folder / f"{name}.html"
    source.write_text(html)
    return measured(["build", str(source), "--out", str(folder / name), "--no-cache",
                     "--jobs", "1", "--quiet"], name)


def measured(arguments: list[str], name: str, expect: tuple[str, ...] = ("0", "None")
             ) -> tuple[int, float]:
    """Peak resident memory (kB, with children) and seconds of one command in a fresh
    process; it must end with one of the `expect`ed exit codes."""
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", _MEASURE, *arguments], capture_output=True,
                            text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    line = next((l for l in result.stdout.splitlines() if l.startswith("PEAK")), "")
    if not line or line.split()[2] not in expect:
        raise SystemExit(f"{name}: the command failed:\n{result.stdout}{result.stderr}")
    return int(line.split()[1]), time.perf_counter() - started


def paragraphs_of(chars: int) -> list[str]:
    """Distinct sentences, as in a real article (a repeated sentence is synthesised once)."""
    paragraphs, length, week = [], 0, 0
    while length < chars:
        week += 1
        paragraphs.append(" ".join(f"In week {week}, {s[0].lower()}{s[1:]}" for s in SENTENCES))
        length += len(paragraphs[-1]) + 1
    return paragraphs


def run_on_case(chars: int) -> None:
    paragraphs = paragraphs_of(chars)
    run_on = " ".join(" ".join(paragraphs).replace(".", "").replace(",", "").split())
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        ordinary, ordinary_s = peak_kb(page(paragraphs), folder, "ordinary")
        hostile, hostile_s = peak_kb(page([run_on]), folder, "run-on")
    print(f"ordinary article, {len(' '.join(paragraphs)):,} characters in paragraphs of "
          f"sentences: peak {ordinary / 1024:.0f} MB ({ordinary_s:.0f} s)")
    print(f"one unpunctuated paragraph of {len(run_on):,} characters: "
          f"peak {hostile / 1024:.0f} MB ({hostile_s:.0f} s)")
    print(f"ratio {hostile / ordinary:.2f}x (target: at most 1.2x)")


def check_case(tampered_mb: int = 145) -> None:
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        peak_kb(page(paragraphs_of(3000)), folder, "ferries")
        out = folder / "ferries"
        ordinary, ordinary_s = measured(["check", str(out)], "check")
        record_path = out / "ferries" / "episode.json"
        record = json.loads(record_path.read_text())
        timing_path = out / record["extras"]["utterances.json"]["path"]
        timing = json.loads(timing_path.read_text())
        rows = json.dumps(timing["utterances"])[1:-1]
        with timing_path.open("w") as stream:
            stream.write('{"lang": "en", "utterances": [' + rows)
            for _ in range(tampered_mb * 2**20 // len(rows)):
                stream.write(", " + rows)
            stream.write("]}")
        record["extras"]["utterances.json"]["bytes"] = timing_path.stat().st_size
        record_path.write_text(json.dumps(record))
        size_mb = timing_path.stat().st_size / 2**20
        hostile, hostile_s = measured(["check", str(out)], "tampered check", expect=("1",))
    print(f"check of an ordinary episode: peak {ordinary / 1024:.0f} MB ({ordinary_s:.1f} s)")
    print(f"check of it with a {size_mb:.0f} MB timing record of "
          f"repeated rows: peak {hostile / 1024:.0f} MB ({hostile_s:.1f} s)")
    print(f"ratio: time {hostile_s / ordinary_s:.2f}x, memory {hostile / ordinary:.2f}x "
          "(target: each at most 2x)")


def _against(name: str, measured_: tuple[int, float], reference: tuple[int, float]) -> None:
    (memory, seconds), (ordinary_memory, ordinary_seconds) = measured_, reference
    print(f"{name}: {seconds:.1f} s, peak {memory / 1024:.0f} MB; ratio: time "
          f"{seconds / ordinary_seconds:.2f}x, memory {memory / ordinary_memory:.2f}x "
          "(target: each at most 2x)")


def reading_cases(chars: int, cases: set[str]) -> None:
    """The bounded cases of the reading stage, against the ordinary article read
    alike in the same run."""
    unclosed = " ".join(["\\("] * 20_000)  # 60,000 characters
    paragraphs = paragraphs_of(max(chars, 2 * len(unclosed)))
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)

        def script(name: str, html: str, *options: str) -> tuple[int, float]:
            (folder / f"{name}.html").write_text(html)
            return measured(["script", str(folder / f"{name}.html"), *options], name)

        ordinary = script("ordinary", page(paragraphs))
        print(f"ordinary article, {len(' '.join(paragraphs)):,} characters, read: "
              f"{ordinary[1]:.1f} s, peak {ordinary[0] / 1024:.0f} MB")
        if "delimiters" in cases:  # the last paragraphs give way to one of the same length
            kept, length = [], 0
            for paragraph in paragraphs:
                length += len(paragraph) + 1
                if length > len(" ".join(paragraphs)) - len(unclosed):
                    break
                kept.append(paragraph)
            _against("20,000 unclosed \\( in a paragraph",
                     script("delimiters", page([*kept, unclosed])), ordinary)
        if "lexicon" in cases:  # 200,000 words, three of which the article uses
            lexicon = folder / "big.toml"
            lexicon.write_text("[en]\n" + "".join(f'"w{index:06d}x" = "word {index}"\n'
                                                  for index in range(200_000 - 3))
                               + '"harbour" = "harbor"\n"ferry" = "fairy"\n"kiosk" = "kee osk"\n')
            _against("the same article with a lexicon of 200,000 words",
                     script("lexicon", page(paragraphs), "--lexicon", str(lexicon)), ordinary)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chars", type=int, default=50_000)
    parser.add_argument("--case", default="all",
                        choices=["all", "run-on", "check", "reading", "delimiters", "lexicon"])
    args = parser.parse_args()
    if args.case in ("all", "run-on"):
        run_on_case(args.chars)
    if args.case in ("all", "check"):
        check_case()
    if args.case in ("all", "reading", "delimiters", "lexicon"):
        both = args.case in ("all", "reading")
        reading_cases(args.chars, {"delimiters", "lexicon"} if both else {args.case})
    return 0


if __name__ == "__main__":
    sys.exit(main())
