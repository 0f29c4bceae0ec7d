"""Speak: every utterance of a Script becomes a Clip.

Each sentence is synthesised on its own and its length recorded, so the
Timeline knows where every sentence starts (transcript cues need that).
A sentence goes to the chosen engine, or, when that engine cannot speak the
sentence's language, to eSpeak NG (logged once per language). Sentences
already in the clip cache are not synthesised again; the others are spread
over a pool of worker processes, each with its own engine on one thread.

Every clip is stored in the cache as soon as it is made (without a cache, in a
temporary store of the build's), and `speak` hands on where each clip lies,
never the samples themselves: a long article's speech is read again from the
store as it is encoded, so memory does not grow with its length. A worker that dies
(killed for lack of memory, say) costs at most its article: the pool is made
anew and the sentences still missing are tried once more; and workers end
when the build that started them ends, however it ends.
"""
from __future__ import annotations

import logging
import os
import re
import shutil
import signal
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from .cache import ClipCache, read_samples
from ..engines import FALLBACK_ENGINE, Clip, Engine, get_engine
from ..engines.base import SAMPLE_WIDTH, Sentence
from ..errors import EngineError, SettingsError
from ..ffmpeg import detach_terminal_input
from .. import language
from ..script import Script
from ..voices.routing import MissingVoice, Router, VoiceCredit
from ..voices.settings import VoiceSettings, bare_voice, split_voice_option

log = logging.getLogger(__name__)

#: A sentence ends at . ! or ? followed by a space and what can start a sentence.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?=[\"'(\[]?[A-Z0-9\u00c0-\u024f])")


#: The longest text a voice gets at once. A voice model's memory grows with the
#: square of what it reads in one go: 1,000 unpunctuated characters took 1.5 GB
#: of Piper, 4,000 took 5.9 GB. Longer sentences are cut at clause marks, then
#: between words.
MAX_SENTENCE_CHARS = 200
#: Runs of one character beyond this many are cut ("!!!!!!!!", "zzzzzzzz").
MAX_REPEATS = 3
#: Runs of digits beyond this many are cut: nobody listens to a thousand digits.
MAX_DIGITS = 30
_REPEATED = re.compile(rf"(\D)\1{{{MAX_REPEATS},}}")
_DIGITS = re.compile(rf"\d{{{MAX_DIGITS + 1},}}")
_CLAUSE_END = re.compile(r"(?<=[,;:\u2014\u2013)])\s+")


def sentences(text: str) -> list[str]:
    """Split spoken text into sentences (a short text is one sentence) of at most
    `MAX_SENTENCE_CHARS`. A one-word "sentence" such as a list item's number
    ("two.") stays with what follows."""
    result: list[str] = []
    for part in (p.strip() for p in _SENTENCE_END.split(text)):
        if not part:
            continue
        if result and len(result[-1].split()) == 1:
            result[-1] = f"{result[-1]} {part}"
        else:
            result.append(part)
    return [piece for sentence in result or [text] for piece in bounded(sentence)]


def bounded(sentence: str) -> list[str]:
    """A sentence in pieces a voice can read without running out of memory."""
    sentence = _REPEATED.sub(lambda m: m.group(1) * MAX_REPEATS, sentence)
    sentence = _DIGITS.sub(lambda m: m.group(0)[:MAX_DIGITS], sentence)
    if len(sentence) <= MAX_SENTENCE_CHARS:
        return [sentence]
    return _packed(chunk for clause in _CLAUSE_END.split(sentence)
                   for chunk in _packed(_word_parts(clause)))


def _word_parts(text: str) -> list[str]:
    """The words of a text, a word longer than `MAX_SENTENCE_CHARS` cut into parts."""
    return [word[i:i + MAX_SENTENCE_CHARS] for word in text.split()
            for i in range(0, len(word), MAX_SENTENCE_CHARS)]


def _packed(parts) -> list[str]:
    """Parts joined by spaces into pieces of at most `MAX_SENTENCE_CHARS`, in order."""
    pieces: list[str] = []
    for part in parts:
        if pieces and len(pieces[-1]) + 1 + len(part) <= MAX_SENTENCE_CHARS:
            pieces[-1] = f"{pieces[-1]} {part}"
        else:
            pieces.append(part)
    return pieces


#: Told how far a script's synthesis is: sentences ready of all, characters ready of all.
Spoken = Callable[[int, int, int, int], None]


class _Tally:
    """The sentences of one script ready so far, told to whom wants to know."""

    def __init__(self, jobs: set[_Job], on_spoken: Spoken | None) -> None:
        self.total, self.chars = len(jobs), sum(len(job.text) for job in jobs)
        self.done = self.done_chars = 0
        self.on_spoken = on_spoken

    def add(self, job: _Job) -> None:
        self.done += 1
        self.done_chars += len(job.text)

    def tell(self) -> None:
        if self.on_spoken:
            self.on_spoken(self.done, self.total, self.done_chars, self.chars)


#: Sentences few enough to say in this process when no pool runs yet (an edit): one
#: voice loaded here costs less than a pool of workers loading one each.
FEW = 2


#: sentences a chunk of work for a worker holds at most (one round trip each)
CHUNK = 8


def chunks(jobs: list[_Job], workers: int) -> list[list[_Job]]:
    """Jobs in chunks for `workers` worker processes, the longest sentences first and
    the chunks ever smaller (at most `CHUNK` sentences, a quarter of a worker's share
    of what is left), so that the workers end together: neither waits long, at the
    end, for the other's last chunk (in the order of the text, a last chunk of long
    sentences kept one core idle for seconds)."""
    ordered = sorted(jobs, key=lambda job: len(job.text), reverse=True)
    found, first = [], 0
    while first < len(ordered):
        size = max(1, min(CHUNK, (len(ordered) - first) // (workers * 4)))
        found.append(ordered[first:first + size])
        first += size
    return found


class WorkerLost(Exception):
    """A synthesis worker process died again after the pool was made anew."""


#: A reader that is one of the voice store's Piper voices: this prefix and its model's path.
VOICE_READER = "piper:"


@dataclass(frozen=True)
class EngineSpec:
    """How to make an engine: its name and options, and with Piper the router that
    gives each language its voice (picklable, for worker processes)."""

    name: str = "piper"
    options: dict = field(default_factory=dict)
    router: Router | None = None

    def make(self, name: str | None = None) -> Engine:
        """The engine of a reader: this spec's engine, the fallback, or a Piper voice."""
        chosen = name or self.name
        if chosen.startswith(VOICE_READER):
            return get_engine("piper", **{**self.options, "voice": chosen[len(VOICE_READER):]})
        options = self.options if chosen == self.name else {"rate": self.options.get("rate", 1.0)}
        return get_engine(chosen, **options)


def engine_spec(name: str, voices: tuple[str, ...] = (), rate: float = 1.0,
                settings: VoiceSettings | None = None) -> EngineSpec:
    """A build's engine from its options. With Piper: the store's voices by language
    (the mapping checked now: never a voice of another language), and the engine's
    own voice, the one `--voice` without a language, by key or path."""
    bare = bare_voice(voices)
    if name != "piper":
        mapped = [value for value in voices if split_voice_option(value)[0]]
        if mapped:  # it would be ignored: the build would not read as asked
            raise SettingsError(f"--voice {mapped[0]}: a language's voice is a Piper voice; "
                                f"the {name} engine reads every language with its own")
        return EngineSpec(name, {"rate": rate, **({"voice": bare} if bare else {})})
    router = Router(settings or VoiceSettings())
    router.check()
    return EngineSpec(name, {"rate": rate, **({"voice": str(router.resolve(bare))} if bare else {})},
                      router)


@dataclass(frozen=True)
class _Job:
    engine: str
    lang: str
    text: str


@dataclass(frozen=True)
class Speech:
    """One utterance's speech as the clip store keeps it: a file a sentence, all at
    one sample rate. The samples stay on disk until they are read (`pcm`)."""

    sample_rate: int
    sentences: tuple[Sentence, ...]
    parts: tuple[Path, ...]  #: the clip file of each sentence, in order
    voice: str = ""  #: who read it: a voice's key, or an engine's name

    @property
    def samples(self) -> int:
        return sum(sentence.samples for sentence in self.sentences)

    @property
    def pcm(self) -> bytes:
        return b"".join(read_samples(part) for part in self.parts)

    @property
    def identity(self) -> str:
        """What the speech is, for the encoder's store: the store's content keys
        and lengths of its clips."""
        return ";".join(f"{part.stem}:{sentence.samples}"
                        for part, sentence in zip(self.parts, self.sentences))


@dataclass(frozen=True)
class _Stored:
    path: Path
    samples: int
    sample_rate: int


class Speaker:
    """Synthesises scripts with a primary engine, a language fallback, a cache and a pool."""

    def __init__(self, spec: EngineSpec = EngineSpec(), jobs: int = 1,
                 cache: ClipCache | None = None) -> None:
        self.spec = spec
        self.jobs = max(1, jobs)
        self.cache = cache
        self.synthesised = 0  #: sentences synthesised (cache misses), for reports and tests
        self.used: Counter[str] = Counter()  #: sentences spoken, by engine
        self._engines: dict[str, Engine] = {}
        self._pool: ProcessPoolExecutor | None = None
        self._readers: dict[str, str] = {}  #: language -> who reads it
        self.missing: dict[str, MissingVoice] = {}  #: language -> the voice it lacks
        self._scratch: Path | None = None  #: the store of clips without a cache
        self._queued: dict[_Job, Future] = {}  #: jobs queued ahead, by `prefetch`
        self._chunks: dict[Future, list[_Job]] = {}  #: what each of those futures makes

    def engine(self, name: str | None = None) -> Engine:
        name = name or self.spec.name
        if name not in self._engines:
            self._engines[name] = self.spec.make(name)
        return self._engines[name]

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None
        self._clear_scratch()

    def __enter__(self) -> Speaker:
        return self

    def __exit__(self, kind, *exc) -> None:
        if kind is None:
            self.close()
        else:  # stopped (SIGTERM, Ctrl-C) or failed: no waiting for sentences nobody wants
            self._discard_pool()
            self._clear_scratch()

    def speak(self, script: Script, on_spoken: Spoken | None = None,
              then: Callable[[], None] | None = None) -> list[Speech]:
        """The speech of every utterance, in order; an engine failure names the input.
        `on_spoken` is told how many of the script's sentences are ready, cached ones
        at once, and the rest as they are made. `then` is called once the script's
        sentences are given to the workers (or found in the cache), while they speak:
        the next article can be read and its sentences queued behind these
        (`prefetch`), so the workers never wait for this process to encode and
        publish. Without a cache, what an earlier call returned is gone once this
        one starts."""
        try:
            plan = [[self._job(text, u.lang or script.lang) for text in sentences(u.text)]
                    if not u.sound else [] for u in script.utterances]  # a sound says nothing
            self.used.update(job.engine for jobs in plan for job in jobs)
            stored = self._synthesise({job for jobs in plan for job in jobs}, on_spoken, then)
        except EngineError:
            raise
        except WorkerLost as err:
            raise EngineError(script.source, str(err)) from None
        except Exception as err:  # any engine failure is this input's failure
            raise EngineError(script.source, f"{self.spec.name} engine failed: {err}") from err
        rate = max(clip.sample_rate for clip in stored.values())
        at_rate = {job: self._at_rate(job, clip, rate) for job, clip in stored.items()}
        return [Speech(rate, tuple(Sentence(job.text, at_rate[job].samples) for job in jobs),
                       tuple(at_rate[job].path for job in jobs),
                       self.voice_name(jobs[0].engine) if jobs else "") for jobs in plan]

    def _store(self) -> ClipCache:
        """Where clips are kept: the cache, or a temporary folder of this speaker's."""
        if self.cache is not None:
            return self.cache
        if self._scratch is None:
            self._scratch = Path(tempfile.mkdtemp(prefix="audio-edition-clips-"))
        return ClipCache(self._scratch)

    def _clear_scratch(self) -> None:
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
            self._scratch = None

    def voice_name(self, reader: str) -> str:
        """What a reader is called in records and credits: a Piper voice's key, an
        engine's own name for itself, else the engine's name and voice."""
        engine = self.engine(reader)
        return getattr(engine, "credit", None) or f"{engine.name} {engine.voice}"

    def _job(self, text: str, lang: str) -> _Job:
        return _Job(self.reader(lang), lang, text)

    def reader(self, lang: str) -> str:
        """Who reads a language (decided once a build): a Piper voice, the engine, eSpeak NG."""
        if lang not in self._readers:
            self._readers[lang] = self._reader(lang)
        return self._readers[lang]

    def _reader(self, lang: str) -> str:
        """Who reads a language: a Piper voice the router chose, the engine's own voice,
        or eSpeak NG (the fallback, which always says why)."""
        primary = self.engine()
        speaks = primary.speaks(lang) or language.primary(lang) == "und"
        route = self.spec.router.route(lang, speaks) if self.spec.router else None
        if route and route.model:
            return f"{VOICE_READER}{route.model}"
        if speaks:
            if route and route.missing:
                self.missing[lang] = MissingVoice(lang, route.missing, f"the {primary.voice} voice",
                                                  self.spec.router.fetch_options)
            return primary.name
        fallback = self.engine(FALLBACK_ENGINE)
        if not fallback.speaks(lang):
            log.warning("no voice speaks %s; the %s voice reads it", lang, primary.name)
            return primary.name
        if route and route.missing:
            self.missing[lang] = MissingVoice(lang, route.missing, "eSpeak NG",
                                              self.spec.router.fetch_options)
        else:
            log.warning("the %s voice does not speak %s; %s reads it", primary.name, lang,
                        fallback.name)
        return fallback.name

    def credits(self, script: Script) -> list[VoiceCredit]:
        """Who reads the script: each voice, its dataset licence and its languages."""
        langs: dict[str, list[str]] = {}
        for lang in dict.fromkeys(u.lang or script.lang for u in script.utterances):
            langs.setdefault(self.reader(lang), []).append(lang)
        return [VoiceCredit(self.voice_name(reader), getattr(self.engine(reader), "licence", None),
                            tuple(found), self.engine(reader).version)
                for reader, found in langs.items()]

    def _key(self, job: _Job) -> str:
        engine = self.engine(job.engine)
        return ClipCache.key(engine.name, engine.version, engine.voice, job.lang, job.text)

    def start(self) -> None:
        """Start the workers now, each loading its voice, while this process reads the
        first page (with one job, the voice loads when first needed)."""
        if self.jobs > 1 and self._pool is None:
            self._pool = ProcessPoolExecutor(self.jobs, initializer=_worker_start,
                                             initargs=(self.spec,))
            self._pool.submit(int)  # the pool starts its workers with its first task

    def prefetch(self, script: Script) -> None:
        """Queue the script's sentences that are not in the cache yet on the workers
        now; its `speak` collects them. A failure here is left for `speak` to meet."""
        if self.jobs == 1:
            return
        try:
            jobs = {self._job(text, u.lang or script.lang)
                    for u in script.utterances for text in sentences(u.text)}
            missing = [job for job in sorted(jobs, key=lambda j: (j.engine, j.lang, j.text))
                       if job not in self._queued and not self._cached(job)]
            for future, chunk in self._submit(missing):
                self._chunks[future] = chunk
                self._queued.update(dict.fromkeys(chunk, future))
        except Exception as err:  # noqa: BLE001 (speak meets it again, and says so)
            log.debug("%s: not queued ahead (%s)", script.source, err)

    def _cached(self, job: _Job) -> bool:
        return self.cache is not None and self.cache.path(self._key(job)).is_file()

    def _submit(self, jobs: list[_Job]) -> list[tuple[Future, list[_Job]]]:
        """Jobs on the pool, in `chunks`."""
        self.start()
        return [(self._pool.submit(_worker_synthesise, chunk), chunk)
                for chunk in chunks(jobs, self.jobs)]

    def _synthesise(self, jobs: set[_Job], on_spoken: Spoken | None = None,
                    then: Callable[[], None] | None = None) -> dict[_Job, _Stored]:
        """Every job's clip in the store: found there, or synthesised and put there."""
        self._clear_scratch()
        store = self._store()
        done: dict[_Job, _Stored] = {}
        progress = _Tally(jobs, on_spoken)
        missing = []
        for job in sorted(jobs, key=lambda j: (j.engine, j.lang, j.text)):
            key, rate = self._key(job), self.engine(job.engine).sample_rate
            samples = self.cache.samples(key, rate) if self.cache else None
            if samples is None:
                missing.append(job)
            else:
                done[job] = _Stored(store.path(key), samples, rate)
                progress.add(job)
        progress.tell()

        def made(job: _Job, clip: Clip) -> None:
            done[job] = _Stored(store.put(self._key(job), clip), clip.samples, clip.sample_rate)
            progress.add(job)
            progress.tell()
            self.synthesised += 1

        self._run(missing, made, then or (lambda: None))
        return done

    def _at_rate(self, job: _Job, clip: _Stored, rate: int) -> _Stored:
        """A clip at `rate`, resampled once into the store when its engine speaks at
        another (gTTS speaks at 24 kHz)."""
        if clip.sample_rate == rate:
            return clip
        store = self._store()
        key = ClipCache.key("resampled", str(rate), "", "", self._key(job))
        samples = store.samples(key, rate)
        if samples is None:
            original = Clip(read_samples(clip.path), clip.sample_rate)
            resampled = _resampled(original, rate)
            store.put(key, resampled)
            samples = resampled.samples
        return _Stored(store.path(key), samples, rate)

    def _run(self, jobs: list[_Job], made: Callable[[_Job, Clip], None],
             then: Callable[[], None]) -> None:
        """Synthesise `jobs`, handing each clip to `made` as soon as it exists; `then`
        once they are under way."""
        if self.jobs == 1 or not jobs or (self._pool is None and len(jobs) <= FEW):
            then()
            for job in jobs:
                made(job, self.engine(job.engine).synthesize(job.text, job.lang))
            return
        finished: set[_Job] = set()
        for attempt in (1, 2):
            pending = [job for job in jobs if job not in finished]
            try:
                self._run_pool(pending, made, finished, then if attempt == 1 else lambda: None)
                return
            except BrokenProcessPool:
                self._discard_pool()
                if attempt == 2:
                    raise WorkerLost("a synthesis worker process died twice on this article "
                                     "(killed, perhaps for lack of memory)") from None
                log.warning("a synthesis worker process died (killed, perhaps for lack of "
                            "memory); trying the %d sentences still missing once more",
                            len(jobs) - len(finished))

    def _run_pool(self, pending: list[_Job], made: Callable[[_Job, Clip], None],
                  finished: set[_Job], then: Callable[[], None]) -> None:
        """Chunks of jobs over the pool (those queued ahead by `prefetch` collected
        where they are); each clip is handed on (and added to `finished`) as soon as
        its chunk is done."""
        running: dict[Future, list[_Job]] = {}
        for job in pending:
            future = self._queued.get(job)
            if future is not None and future not in running:
                running[future] = self._chunks.pop(future)
        for chunk in running.values():
            for job in chunk:
                self._queued.pop(job, None)
        queued = {job for chunk in running.values() for job in chunk}
        running.update(self._submit([job for job in pending if job not in queued]))
        then()
        try:
            while running:
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    chunk = running.pop(future)
                    for job, clip in zip(chunk, future.result()):
                        made(job, clip)
                        finished.add(job)
        except Exception:
            for future in running:  # this article failed: its other sentences are not wanted
                future.cancel()
            raise
        # Stopped (Ctrl-C, SIGTERM): nothing is cancelled here; the pool is discarded, and
        # its own thread cancels what waits (a future cancelled here as the workers are
        # killed made that thread fail on it, printing a traceback: CPython gh-107219).

    def _discard_pool(self) -> None:
        """End the pool at once, its workers killed: what they are saying is not wanted
        (a worker still speaking would otherwise hold up the program's exit)."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        workers = list((getattr(pool, "_processes", None) or {}).values())  # public from 3.14
        pool.shutdown(wait=False, cancel_futures=True)
        for worker in workers:
            worker.kill()
        self._queued.clear()
        self._chunks.clear()


_WORKER: dict = {}
#: How often a worker checks that the build that started it is still there.
PARENT_CHECK_SECONDS = 0.5


def _worker_start(spec: EngineSpec) -> None:
    """Set up a pool worker: its engines, no terminal to read, and its end when its
    parent ends (the kernel's parent-death signal where there is one, and a watch on
    the parent: a pool's workers otherwise wait for work for ever once their build is
    killed). Ctrl-C is the build's to handle: a worker ignores it and ends with it."""
    detach_terminal_input()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER["spec"] = spec
    _WORKER["engines"] = {}
    _die_with_parent()
    threading.Thread(target=_watch_parent, args=(os.getppid(),), daemon=True,
                     name="watch-parent").start()
    try:  # the voice loads now, once for the whole build, while the first page is read
        engine = _WORKER["engines"][spec.name] = spec.make()
        getattr(engine, "load", lambda: None)()
    except Exception:  # noqa: BLE001 (the first sentence meets it again, and says so)
        _WORKER["engines"].pop(spec.name, None)


def _die_with_parent() -> None:
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: the watch below does it


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def _worker_synthesise(jobs: list[_Job]) -> list[Clip]:
    engines = _WORKER["engines"]
    clips = []
    for job in jobs:
        if job.engine not in engines:
            engines[job.engine] = _WORKER["spec"].make(job.engine)
        clips.append(engines[job.engine].synthesize(job.text, job.lang))
    return clips


def _resampled(clip: Clip, rate: int) -> Clip:
    """A clip at `rate` (engines of one episode may differ: gTTS speaks at 24 kHz)."""
    if clip.sample_rate == rate:
        return clip
    from ..ffmpeg import AudioSegment

    segment = AudioSegment(data=clip.pcm, sample_width=SAMPLE_WIDTH, frame_rate=clip.sample_rate,
                           channels=1).set_frame_rate(rate)
    return Clip(pcm=segment.raw_data, sample_rate=rate)
