"""How faithfully the Script reads real pages: word 4-gram shingles of what we
speak against Mozilla Readability's extraction of the same page.

The method is the one of the public article-extraction benchmark: per page,
precision, recall and F1 over multisets of lower-cased word 4-grams; the
figures printed are per-page averages. Run: python benchmarks/extraction.py
[CORPUS_DIR] (default: ../shared/corpus/readability-test-pages).
"""
from __future__ import annotations

import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from audio_edition.errors import EditionError  # noqa: E402
from audio_edition.pipeline import make_script  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "readability-test-pages"
#: A word, or one CJK character: Chinese and Japanese are written without
#: spaces, so whole runs would otherwise count as one huge "word".
_WORD = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]|[^\W\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]+", re.UNICODE)


def shingles(text: str, n: int = 4) -> Counter:
    words = _WORD.findall(text.lower())
    return Counter(tuple(words[i:i + n]) for i in range(max(len(words) - n + 1, 0)))


def scores(predicted: str, expected: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of the shingles of `predicted` against `expected`."""
    pred, true = shingles(predicted), shingles(expected)
    if not pred and not true:
        return 1.0, 1.0, 1.0
    hit = sum((pred & true).values())
    precision = hit / sum(pred.values()) if pred else 0.0
    recall = hit / sum(true.values()) if true else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def spoken_text(page: Path) -> str:
    """The words of the page as our Script reads them (source text, title left out,
    since Readability's content does not carry the title either)."""
    return _spoken(make_script(str(page)))


def _spoken(script) -> str:
    return " ".join(u.source_text for u in script.utterances if u.role != "title")


def _same(a: str | None, b: str | None) -> bool:
    fold = lambda s: " ".join(_WORD.findall((s or "").casefold()))  # noqa: E731
    return bool(a and b) and fold(a) == fold(b)


class Metadata:
    """Counts agreement with Readability's metadata: title, byline, language."""

    def __init__(self) -> None:
        self.hits = Counter()
        self.totals = Counter()

    def add(self, script, folder: Path) -> None:
        meta = json.loads((folder / "expected-metadata.json").read_text(encoding="utf-8"))
        checks = {
            "title": (meta.get("title"), lambda: _same(script.title, meta["title"])),
            "byline": (meta.get("byline"), lambda: _same(script.article.byline, meta["byline"])
                       or _same(script.article.byline, re.sub(r"^by\s+", "", meta["byline"], flags=re.I))),
            "lang": (meta.get("lang"), lambda: script.lang.split("-")[0].lower()
                     == meta["lang"].split("-")[0].lower()),
        }
        for name, (expected, agrees) in checks.items():
            if expected:
                self.totals[name] += 1
                self.hits[name] += bool(agrees())

    def __str__(self) -> str:
        return "  ".join(f"{name} {self.hits[name]}/{self.totals[name]}" for name in self.totals)


def expected_text(folder: Path) -> str:
    """The words of Readability's extraction, image descriptions included: the
    images are in `expected.html` too, and we speak their alt text by design."""
    soup = BeautifulSoup((folder / "expected.html").read_text(encoding="utf-8"), "lxml")
    for img in soup.find_all("img"):
        img.replace_with(f" {img.get('alt') or ''} ")
    return soup.get_text(" ")


def main(corpus: Path) -> int:
    rows = []
    refused = []
    metadata = Metadata()
    started = time.perf_counter()
    for folder in sorted(p for p in corpus.iterdir() if (p / "source.html").is_file()):
        try:
            script = make_script(str(folder / "source.html"))
            predicted = _spoken(script)
            metadata.add(script, folder)
        except EditionError as err:
            refused.append((folder.name, err.problem))
            predicted = ""
        rows.append((folder.name, *scores(predicted, expected_text(folder))))
    elapsed = time.perf_counter() - started
    for name, p, r, f in sorted(rows, key=lambda row: row[3])[:15]:
        print(f"  worst  {name:48s} P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    for name, problem in refused:
        print(f"  refused {name}: {problem}")
    print(f"pages {len(rows)}  refused {len(refused)}  "
          f"precision {statistics.mean(r[1] for r in rows):.3f}  "
          f"recall {statistics.mean(r[2] for r in rows):.3f}  "
          f"F1 {statistics.mean(r[3] for r in rows):.3f}  "
          f"median F1 {statistics.median(r[3] for r in rows):.3f}  "
          f"({elapsed / len(rows) * 1000:.0f} ms a page)")
    print(f"metadata agreeing with Readability's: {metadata}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CORPUS))
