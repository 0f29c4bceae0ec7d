"""The listening check: the tool hears its own episodes and says where they go wrong.

Each episode's audio is transcribed offline (hearing.py); the words heard
are placed on the utterances by time (every utterance's span is recorded at
build time in `utterances-<hash>.json`), and every utterance is scored
against what it should have said. Flags: a word error rate above
`max_wer`, silence inside an utterance longer than `MAX_SILENCE` seconds,
a speech rate far from the episode's median, clipped samples, loudness off
target. `check.json` and an accessible `check.html` go beside the episode.
"""
from __future__ import annotations

import html
import json
import statistics
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path

from ..audio.timecode import timecode
from ..files import write_atomic
from ..publish.episode import Episode, RecordError, record_bytes, record_json
from .hearing import (PCM_OUTPUT, RATE, WINDOW, Listener, aligned, longest_run, quiet_windows,
                      samples_of, word_errors)
from ..audio.loudness import summary, target_for
from ..language import primary, same_language
from ..printable import printable
from ..progress import Observer
from ..ffmpeg import FfmpegFailed, run_ffmpeg

#: Default word error rate above which an utterance of `MIN_WORDS` or more is flagged:
#: above what the small English model mishears in faithful episodes of the sample
#: articles, well below a sentence the voice replaced with another (about 1.0).
#: Their worst utterance, the 8-word list item "a mini pump or a carbon dioxide
#: inflator;", synthesised and heard alone 30 times, scored up to 0.625 ("and many
#: pump or carbon dioxide in flatter."), over 0.6 in 5 of 30: 0.6 failed a faithful
#: sample episode in about one cold build in five.
MAX_WER = 0.75
MIN_WORDS = 5
MAX_SILENCE = 1.5  #: seconds of silence inside one utterance
RATE_FACTOR = 2.0  #: flagged when this many times faster or slower than the episode's median
LOUDNESS_TOLERANCE = 1.5  #: LU from the target
CLIPPED_SHARE = 0.001  #: share of samples at full scale that makes an episode clipped
#: The timing record's size limit, per second of audio and in all: written, it takes
#: about 65 bytes a second of English speech; non-Latin text at three times the
#: speaking rate stays far below this. A record beyond it is not the tool's.
TIMING_BYTES_PER_SECOND = 4096
TIMING_BYTES_FLOOR = 64 * 1024
#: How far the record's duration may be from the audio's, in seconds.
DURATION_TOLERANCE = 2.0
#: The fewest bytes a second of the audio audio-edition writes takes (4 kbit/s: it
#: encodes at a constant bit rate, MP3 at 44.1 kHz at 32 kbit/s or more).
MIN_AUDIO_BYTES_PER_SECOND = 500


@dataclass
class Flag:
    kind: str  #: wer, silence, rate
    utterance: int
    start: float
    end: float
    expected: str
    heard: str
    detail: str


@dataclass
class EpisodeCheck:
    slug: str
    title: str
    status: str  #: passed, failed, or "not checked (...)"
    wer: float = 0.0
    words: int = 0
    flags: list[Flag] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  #: episode-wide: clipping, loudness
    misheard: dict[str, int] = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        return self.status == "failed" or self.refused

    @property
    def refused(self) -> bool:
        """Not heard: its files are not what audio-edition writes (no report is written)."""
        return self.status.startswith("refused")

    def line(self, report: Path) -> str:
        """One line for a terminal: the result, and where to read more when it failed."""
        kinds = ", ".join(sorted({f.kind for f in self.flags} | set(self.problems)))
        if self.refused:
            return printable(f"check {self.slug}: {self.status}")
        text = f"check {self.slug}: {self.status}, word error rate {self.wer:.1%} of {self.words} words"
        if self.failed:
            text += f"; {len(self.flags)} flagged ({kinds}); see {report}"
        return printable(text)

    def summary(self) -> dict:
        return {"status": self.status, "wer": round(self.wer, 4), "words": self.words,
                "flags": len(self.flags), "problems": self.problems}


def check_episodes(out: Path, episodes: list[Episode], model: str | None = None,
                   max_wer: float = MAX_WER, on_result=None,
                   observer: Observer | None = None) -> dict[str, EpisodeCheck]:
    """Hear every episode with one recogniser and write each one's report;
    `on_result(result)` is called as each is done, `observer` told how far each
    is. The results by slug."""
    listener = Listener(model)
    observer = observer or Observer()
    observer.planned([(e.slug, e.duration_seconds) for e in episodes], exact=True)

    def checked(episode: Episode) -> EpisodeCheck:
        observer.started(episode.slug, episode.title)
        tell = partial(observer.update, episode.slug)
        try:
            result = check_episode(out, episode, listener, max_wer, tell)
            if not result.refused:
                tell(stage="reporting")
                write_report(out / episode.slug, result)
        except RecordError as err:
            result = EpisodeCheck(episode.slug, episode.title, f"refused: {err}")
        observer.finished(episode.slug, failed=result.failed)
        return result

    results = {}
    # two episodes at a time: while one is decoded, aligned and reported, the
    # recogniser's workers hear the other's parts; the first two are decoded while
    # the model loads
    with ThreadPoolExecutor(1) as loader, ThreadPoolExecutor(2) as pool:
        loader.submit(listener.load)  # a failure is raised again by the first hearing
        for result in pool.map(checked, episodes):
            results[result.slug] = result
            if on_result:
                on_result(result)
    return results


def check_episode(out: Path, episode: Episode, listener: Listener | None,
                  max_wer: float = MAX_WER,
                  tell: Callable[..., None] = lambda **news: None) -> EpisodeCheck:
    """Hear one episode and score every utterance; `tell` hears how far it is."""
    result = EpisodeCheck(episode.slug, episode.title, "passed")
    record = episode.extras.get("utterances.json")
    if record is None:
        result.status = "not checked (built before the check existed: rebuild it)"
        return result
    lang = primary(episode.lang)
    if listener is None or not listener.hears(lang):
        result.status = f"not checked (no model for {episode.lang})"
        return result
    audio, timing = out / episode.enclosure.path, out / record.path
    for path in (audio, timing):
        if path.is_symlink():
            raise RecordError(f"{path.name}: a symbolic link; an episode's files are read "
                              "from its own folder only")
    # the audio first: what it really lasts bounds the work the records may ask for
    tell(stage="decoding")
    samples, loudness = _decoded(audio, _longest(episode))
    utterances = timing_rows(timing, len(samples) / RATE, episode.duration_seconds)
    seconds = len(samples) / RATE
    tell(stage="hearing", done=0, total=round(seconds), work=seconds)

    def heard_so_far(done: float) -> None:
        tell(done=round(done), work_done=done)

    heard = listener.hear(samples, lang, heard_so_far)
    tell(stage="scoring")
    matched = aligned([row["text"] for row in utterances], heard)
    scored = [(row, words, errors, _rate(row, errors))
              for row, (errors, words) in zip(utterances, matched)]
    rates = [rate for *_, rate in scored if rate]
    median_rate = statistics.median(rates) if rates else 0.0
    total = Counter()
    misheard = Counter()
    for row, words, errors, rate in scored:
        total["expected"] += errors.expected
        total["errors"] += errors.errors
        misheard.update(errors.misheard)
        where = (row["index"], row["start"], row["speech_end"], row["text"], " ".join(words))
        own_language = same_language(row.get("lang") or episode.lang, lang)
        if own_language and errors.expected >= MIN_WORDS and errors.rate > max_wer:
            # a second hearing of the utterance alone: the recogniser sometimes drops or
            # garbles a sentence of a long stretch that it hears well on its own
            again = listener.hear_short(_stretch(samples, row["start"], row["end"]), lang)
            second = word_errors(row["text"], again)
            if second.rate > max_wer:
                where = (*where[:4], again)
                result.flags.append(Flag("wer", *where, f"word error rate {second.rate:.0%}"))
        silence = _longest_silence(samples, row["start"], row["speech_end"])
        if silence > MAX_SILENCE:
            result.flags.append(Flag("silence", *where, f"{silence:.1f} s of silence"))
        usual = median_rate / RATE_FACTOR <= (rate or 0) <= median_rate * RATE_FACTOR
        if median_rate and rate and not usual:
            result.flags.append(Flag("rate", *where, f"{rate:.1f} words a second "
                                     f"(episode median {median_rate:.1f})"))
    result.words = total["expected"]
    result.wer = total["errors"] / total["expected"] if total["expected"] else 0.0
    result.misheard = dict(misheard.most_common(50))
    clipped = int(((samples >= 32767) | (samples <= -32768)).sum())
    if len(samples) and clipped / len(samples) > CLIPPED_SHARE:
        result.problems.append(f"{clipped} clipped samples")
    target = target_for(_channels(audio))
    if abs(loudness - target) > LOUDNESS_TOLERANCE:
        result.problems.append(f"loudness {loudness:.1f} LUFS, target {target:.0f}")
    if result.flags or result.problems:
        result.status = "failed"
    return result


def timing_rows(path: Path, seconds: float, recorded: float) -> list[dict]:
    """The utterances of a timing record (`utterances-<hash>.json`), checked against
    the audio they describe before any of it is used: a record is input (an output
    folder may be shared or synced), and aligning a tampered one of repeated rows
    would cost time and memory without bound. RecordError says what is wrong."""
    if abs(seconds - recorded) > DURATION_TOLERANCE:
        raise RecordError(f"its audio lasts {seconds:.1f} s, its record says {recorded:.1f} s")
    limit = TIMING_BYTES_FLOOR + int(TIMING_BYTES_PER_SECOND * seconds)
    raw = record_bytes(path, limit)
    if len(raw) > limit:
        raise RecordError(f"{path.name}: larger than a timing record of {seconds:.0f} s "
                          f"of audio can be ({limit} bytes)")
    timing = record_json(raw, path.name)
    rows = timing.get("utterances") if isinstance(timing, dict) else None
    if not isinstance(rows, list):
        raise RecordError(f"{path.name}: no list of utterances")
    previous_end = 0.0
    for number, row in enumerate(rows):
        problem = _row_problem(row, number, previous_end, seconds + DURATION_TOLERANCE)
        if problem:
            raise RecordError(f"{path.name}: utterance {number}: {problem}")
        previous_end = row["end"]
    return rows


def _row_problem(row: object, number: int, previous_end: float, last: float) -> str | None:
    """What is wrong with one row of a timing record, if anything: its types, and
    its times, which follow each other within the audio."""
    if not isinstance(row, dict):
        return "not a JSON object"
    for name in ("text", "source_text", "role"):
        if not isinstance(row.get(name), str):
            return f"{name} is not text"
    if not isinstance(row.get("lang"), (str, type(None))):
        return "lang is not text"
    if row.get("index") != number or isinstance(row.get("index"), bool):
        return "out of order"
    times = [row.get(name) for name in ("start", "speech_end", "end")]
    if not all(isinstance(t, (int, float)) and not isinstance(t, bool) for t in times):
        return "its times are not numbers"
    start, speech_end, end = times
    if not previous_end - 0.01 <= start <= speech_end <= end <= last:
        return "its times do not follow the one before within the audio"
    return None


def _rate(row: dict, errors) -> float | None:
    """Words a second of an utterance long enough to tell (`MIN_WORDS` or more)."""
    duration = row["speech_end"] - row["start"]
    return errors.expected / duration if errors.expected >= MIN_WORDS and duration > 0 else None


def _channels(audio: Path) -> int:
    import mutagen

    found = mutagen.File(audio)
    return getattr(found.info, "channels", 1) if found is not None else 1


def _longest(episode: Episode) -> float:
    """How many seconds of the episode's audio are decoded at most: what its record
    says, and a little more (so that a longer file is seen to be longer). A record
    that says more than its audio's bytes can hold is refused: the enclosure may be
    any file ffmpeg reads, a concat list of one file named ten thousand times among
    them, whose decoding knows no end but this one."""
    recorded, size = episode.duration_seconds, episode.enclosure.bytes
    if recorded > size / MIN_AUDIO_BYTES_PER_SECOND + DURATION_TOLERANCE:
        raise RecordError(f"its record says {recorded:.1f} s, more than {size} bytes of "
                          "audio hold")
    return recorded + 2 * DURATION_TOLERANCE


def _decoded(audio: Path, longest: float) -> tuple:
    """The episode as samples for the recogniser (`longest` seconds at most), and its
    integrated loudness: one decoding, ffmpeg's ebur128 measuring the audio as it
    passes through."""
    try:
        result = run_ffmpeg("-hide_banner", "-nostats", "-t", f"{longest:.3f}", "-i", str(audio),
                            "-af", "ebur128", *PCM_OUTPUT, "-")
    except FfmpegFailed as err:
        said = err.stderr.decode("utf-8", "replace").strip().splitlines() or ["ffmpeg failed"]
        raise RecordError(f"{audio.name}: not audio that can be decoded ({said[-1]})") from None
    return samples_of(result.stdout), summary(result.stderr.decode("utf-8", "replace")).integrated


def _stretch(samples, start: float, end: float):
    """The samples between two times."""
    return samples[int(start * RATE):int(end * RATE)]


def _longest_silence(samples, start: float, end: float) -> float:
    """The longest run of silent 50 ms windows between two times, in seconds."""
    _, length = longest_run(quiet_windows(_stretch(samples, start, end)))
    return length * WINDOW / RATE


def write_report(folder: Path, result: EpisodeCheck, player_page: str = "index.html") -> None:
    """check.json and check.html beside the episode, each written aside and renamed
    into place; a report name that is a symbolic link is refused (RecordError), never
    written through nor replaced."""
    data = {"episode": result.slug, "title": result.title, **result.summary(),
            "flagged": [asdict(f) for f in result.flags], "misheard": result.misheard}
    reports = {"check.json": json.dumps(data, ensure_ascii=False, indent=2),
               "check.html": _page(result, player_page)}
    if folder.is_symlink() or any((folder / name).is_symlink() for name in reports):
        raise RecordError(f"{folder.name}: a report's name is a symbolic link; "
                          "nothing is written through it")
    for name, text in reports.items():
        write_atomic(folder / name, text.encode("utf-8"))


def _page(result: EpisodeCheck, player_page: str) -> str:
    esc = html.escape
    rows = "".join(
        f"<tr><th scope=\"row\"><a href=\"{esc(player_page)}#t={f.start:.2f}\">"
        f"{timecode(round(f.start * 1000))}"
        "<span class=\"visually-hidden\"> (open the player here)</span></a></th>"
        f"<td>{esc(f.detail)}</td><td>{esc(f.expected)}</td><td>{esc(f.heard) or '(nothing)'}</td></tr>"
        for f in result.flags)
    table = (f"<table><caption>Flagged utterances ({len(result.flags)})</caption><thead><tr>"
             "<th scope=\"col\">Time</th><th scope=\"col\">Why</th><th scope=\"col\">Should have "
             "been heard</th><th scope=\"col\">Was heard</th></tr></thead><tbody>"
             f"{rows}</tbody></table>") if result.flags else "<p>No utterance is flagged.</p>"
    problems = "".join(f"<li>{esc(p)}</li>" for p in result.problems)
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            "<meta name=\"generator\" content=\"audio-edition\">"
            f"<title>Listening check: {esc(result.title)}</title><style>"
            "body{font:1.1rem/1.5 system-ui,sans-serif;max-width:60rem;margin:auto;padding:1rem;"
            "color:#1a1a1a;background:#fff}a{color:#0b4f8a}table{border-collapse:collapse}"
            "th,td{border:1px solid #767676;padding:.3rem .5rem;text-align:left;vertical-align:top}"
            ".visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;"
            "clip:rect(0 0 0 0);white-space:nowrap}</style></head><body><main>"
            f"<h1>Listening check: {esc(result.title)}</h1>"
            f"<p>Result: <strong>{esc(result.status)}</strong>. Word error rate "
            f"{result.wer:.1%} over {result.words} words.</p>"
            + (f"<h2>Problems with the whole episode</h2><ul>{problems}</ul>" if problems else "")
            + f"<h2>Utterances</h2>{table}"
            f"<p><a href=\"{esc(player_page)}\">The episode's player page</a></p>"
            "</main></body></html>\n")


def lexicon_suggestions(results: list[EpisodeCheck], at_least: int = 3) -> list[str]:
    """Words misheard again and again across episodes, as lexicon lines to paste
    (the user writes how each should be said; nothing is applied)."""
    counts = Counter()
    for result in results:
        counts.update(result.misheard)
    lines = []
    for word, count in counts.most_common(30):
        if count >= at_least and len(word) > 3:  # not "the", "and": alignment noise
            lines.append(f'"{printable(word)}" = "{printable(word)}"  # misheard {count} times')
    return lines
