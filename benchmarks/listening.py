"""Listening benchmark: how well an episode is heard, beside raw Piper.

For English pages of `../shared/corpus/readability-test-pages/`, the episode
is built as a user builds it, transcribed offline (faster-whisper with the
small English model of the `[check]` extra), and scored by word error rate
against the page's title and the text of `expected.html` (Readability's
extraction, image descriptions included). A third column scores the
script's own text (as on the page) the same way: what the extraction adds
or leaves out (teasers, photo credits, skipped code) costs the episode
before any word is spoken; a fourth scores the episode against its own
script (what it means to say, after normalisation): speech alone. Beside
them, raw Piper reads that
same text (title, then each block of `expected.html`) with the same voice,
and is transcribed and scored the same way. The difference is what
extraction, normalisation and the lexicon cost (or win). Words misheard in
episodes more often than in raw Piper are listed: the normaliser's and the
lexicon's to-do list.

Needs: pip install -e '.[check]'
Run: python benchmarks/listening.py [--pages 15] [--max-words 1200] [--jobs 2]
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import wave
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bs4 import BeautifulSoup  # noqa: E402

from audio_edition.engines import get_engine  # noqa: E402
from audio_edition.check.hearing import (Listener, WordErrors, decoded,  # noqa: E402
                                         plain_words, word_errors)
from audio_edition.batch import build  # noqa: E402
from audio_edition.pipeline import BuildOptions, make_script  # noqa: E402

READABILITY = ROOT.parent / "shared" / "corpus" / "readability-test-pages"


def english_pages(count: int, max_words: int) -> list[Path]:
    """The first `count` English pages (by name) of at most `max_words` words
    (at least 100) in `expected.html`. Pages of placeholder Latin ("lorem ipsum")
    are not English, whatever they declare: an English voice and recogniser
    cannot be judged on them (both sides score over 100% there)."""
    found = []
    for folder in sorted(p for p in READABILITY.iterdir() if (p / "expected.html").is_file()):
        meta = json.loads((folder / "expected-metadata.json").read_text(encoding="utf-8"))
        if not (meta.get("lang") or "").lower().startswith("en"):
            continue
        text = " ".join(reference_blocks(folder))
        if "lorem ipsum" in text.casefold():
            continue
        words = len(plain_words(text))
        if 100 <= words <= max_words:
            found.append(folder)
        if len(found) == count:
            break
    return found


def reference_blocks(folder: Path) -> list[str]:
    """The title, then every text block of `expected.html` (image descriptions in place)."""
    meta = json.loads((folder / "expected-metadata.json").read_text(encoding="utf-8"))
    soup = BeautifulSoup((folder / "expected.html").read_text(encoding="utf-8"), "lxml")
    for img in soup.find_all("img"):
        img.replace_with(f" {img.get('alt') or ''} ")
    blocks = [meta.get("title") or ""]
    for element in soup.find_all(["p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "pre",
                                  "blockquote", "figcaption", "td", "th", "dt", "dd"]):
        if element.find(["p", "li", "blockquote", "pre", "td", "dd"]):
            continue  # its own blocks are read one by one
        blocks.append(" ".join(element.get_text(" ").split()))
    return [b for b in blocks if b]


def raw_piper(blocks: list[str], path: Path) -> None:
    """Piper alone reading the blocks, one after another, into a WAV file."""
    engine = get_engine("piper")
    clips = [engine.synthesize(block) for block in blocks]
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(clips[0].sample_rate)
        for clip in clips:
            out.writeframes(clip.pcm + b"\0\0" * (clip.sample_rate // 2))


def episode(folder: Path, out: Path, jobs: int) -> Path:
    """The episode as a user builds it; its MP3."""
    report = build([str(folder / "source.html")], BuildOptions(out=out, jobs=jobs))
    if not report.built:
        raise RuntimeError(f"{folder.name}: no episode ({report.errors})")
    return next(out.glob("*/*.mp3"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=15)
    parser.add_argument("--max-words", type=int, default=1200)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--model", default=None, help="a faster-whisper model name or folder")
    args = parser.parse_args()
    listener = Listener(args.model)
    pages = english_pages(args.pages, args.max_words)
    totals = {name: WordErrors(0) for name in ("episode", "piper", "script", "speech")}
    print(f"{'page':32s} {'words':>6s} {'episode WER':>12s} {'raw Piper WER':>14s} "
          f"{'script text':>12s} {'speech only':>12s}")
    started = time.perf_counter()
    for folder in pages:
        blocks = reference_blocks(folder)
        expected = " ".join(blocks)
        with tempfile.TemporaryDirectory() as temp:
            temp = Path(temp)
            heard_episode = listener.hear(decoded(episode(folder, temp / "out", args.jobs)))
            raw_piper(blocks, temp / "raw.wav")
            heard_raw = listener.hear(decoded(temp / "raw.wav"))
        script = make_script(str(folder / "source.html"))
        scores = {"episode": word_errors(expected, heard_episode),
                  "piper": word_errors(expected, heard_raw),
                  "script": word_errors(expected,
                                        " ".join(u.source_text for u in script.utterances)),
                  "speech": word_errors(" ".join(u.text for u in script.utterances), heard_episode)}
        for name, score in scores.items():
            total = totals[name]
            total.expected += score.expected
            total.substitutions += score.substitutions
            total.deletions += score.deletions
            total.insertions += score.insertions
            total.misheard.update(score.misheard)
        print(f"{folder.name[:32]:32s} {scores['episode'].expected:6d} "
              f"{scores['episode'].rate:12.1%} {scores['piper'].rate:14.1%} "
              f"{scores['script'].rate:12.1%} {scores['speech'].rate:12.1%}", flush=True)
    episode_wer, piper_wer = totals["episode"].rate, totals["piper"].rate
    print(f"\nword-weighted over {len(pages)} pages ({totals['episode'].expected} words, "
          f"{time.perf_counter() - started:.0f} s): episode WER {episode_wer:.1%}, "
          f"raw Piper WER {piper_wer:.1%}, difference {100 * (episode_wer - piper_wer):+.1f} "
          "points (target: at most +2)")
    print(f"the script's own words (as on the page, before speech) against expected.html: "
          f"{totals['script'].rate:.1%} word error rate: the share of the difference that is "
          "extraction (what is read), not speech (how it is read)")
    print(f"the episode against its own script (what it means to say, after normalisation): "
          f"{totals['speech'].rate:.1%} word error rate, beside raw Piper's "
          f"{piper_wer:.1%} against what it was given: "
          f"{100 * (totals['speech'].rate - piper_wer):+.1f} points of speech alone")
    worse = totals["episode"].misheard - totals["piper"].misheard
    print("words misheard more often in episodes than in raw Piper (the normaliser's and "
          "the lexicon's to-do list):")
    for word, count in worse.most_common(20):
        print(f"  {word:20s} {count:4d} more times")
    return 0


if __name__ == "__main__":
    sys.exit(main())
