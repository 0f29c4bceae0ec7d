"""The flow of one article: load -> extract -> document -> script -> speak ->
assemble -> encode -> publish. `batch.py` runs it over many inputs and writes the
feed; each stage is a package (read, script, speak, audio, publish).
"""
from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property, partial
from pathlib import Path

from . import __version__
from .audio.chapters import from_timeline
from .audio.encode import EncodeOptions, Recording, SegmentStore, Tags, encode
from .audio.sounds import matched_sounds
from .audio.timeline import lay_out
from .engines import FALLBACK_ENGINE
from .errors import EditionError, EngineError, NoArticleError, SettingsError
from .media import media_type
from .publish.edition import EpisodeFolder, Publication, publish_episode, withdraw
from .publish.episode import Episode
from .progress import Observer
from .publish.show import TEXT_LIMITS, Show, Site
from .read.document import build_document
from .read.extract import extract
from .read.load import Listed, Page, load
from .read.marks import LeftOut
from .read.sites import for_host, host_of
from .script import Script, ScriptOptions, build_script
from .script.framing import Framing, framed
from .script.normalise import Normaliser
from .speak import EngineSpec, Speaker
from .speak.cache import ClipCache
from .voices.routing import MissingVoice

log = logging.getLogger(__name__)
DESCRIPTION_MAX = 400


@dataclass(frozen=True)
class Reading:
    """How articles are put into words: structure wording and speech normalisation."""

    options: ScriptOptions = field(default_factory=ScriptOptions)
    normaliser: Normaliser = field(default_factory=Normaliser)
    lang: str = "en"  #: the language of a page that declares none (the show's)
    sites: dict[str, Site] = field(default_factory=dict)  #: each site's rules, by host
    framing: Framing = field(default_factory=Framing)  #: the show's intro and outro

    def site(self, page: Page) -> Site | None:
        """The rules of the site a page belongs to, if it has any."""
        return for_host(self.sites, host_of(page)) if self.sites else None


Source = str | Listed | Page


def make_script(source: Source, reading: Reading = Reading()) -> Script:
    """Load, extract and script one input: everything short of audio."""
    return script_of(source if isinstance(source, Page) else load(source), reading)


def script_of(page: Page, reading: Reading) -> Script:
    site = reading.site(page)
    article = build_document(extract(page, reading.lang, site.read if site else None))
    if not any(section.blocks for section in article.sections):
        raise NoArticleError(page.source, "no article found (only headings and page furniture "
                                          "such as notices, credits and share buttons)")
    normaliser = reading.normaliser
    if site:  # the site's words first, then the global lexicon
        normaliser = replace(normaliser, lexicon=site.lexicon.then(normaliser.lexicon))
    script = build_script(article, page.source, reading.options, normaliser)
    return framed(script, reading.framing, normaliser)


@dataclass
class BuildOptions:
    out: Path
    show: Show = field(default_factory=Show)
    reading: Reading = field(default_factory=Reading)
    encoding: EncodeOptions = field(default_factory=EncodeOptions)
    earcons: bool = False
    daisy: bool = False  #: also write a DAISY 2.02 fileset per episode
    engine: EngineSpec = field(default_factory=EngineSpec)
    jobs: int = 1  #: synthesis worker processes (or Dask workers of a LocalCluster)
    executor: str = "local"  #: "local" (a process pool) or "dask"
    scheduler: str | None = None  #: a Dask scheduler address, e.g. tcp://host:8786
    include: tuple[str, ...] = ()  #: in folders, only files matching one of these globs
    exclude: tuple[str, ...] = ()  #: in folders, never files matching one of these
    same_host: bool = False  #: of a site feed's pages at a URL, only those on its host
    cache: Path | None = None  #: clip cache folder; None: no cache
    #: an article edited since its episode was built: "rebuild" it when what is spoken
    #: changed, or "keep" its episode as it is
    on_edit: str = "rebuild"


class OptionsError(SettingsError):
    """Build options that do not go together."""


@dataclass
class Assignment:
    """One article of a build: its page and the episode folder that is its own
    (picklable: it may be sent to another machine)."""

    name: str  #: the input, as the user or a site feed named it
    page: Page | None = None
    slug: str | None = None
    previous: Episode | None = None  #: the record of its last build, if any
    error: EditionError | None = None  #: why it cannot be built


@dataclass
class Outcome:
    """What became of one input (picklable: it may come back from another machine)."""

    source: str
    episode: Episode | None = None
    fresh: bool = False  #: built now, rather than found up to date
    problem: str | None = None
    seconds: float = 0.0
    synthesised: int = 0
    skipped: str | None = None  #: why the page is left out of the edition (not a failure)
    withdrawn: Episode | None = None  #: the record of its episode, taken out of the feed now
    missing_voices: tuple[MissingVoice, ...] = ()  #: languages read without their voice


def speaker_for(options: BuildOptions, jobs: int) -> Speaker:
    """The Speaker of a build: its engine, `jobs` synthesis processes, the clip cache."""
    cache = ClipCache(options.cache) if options.cache else None
    return Speaker(options.engine, jobs, cache)


@dataclass
class Builder:
    """Builds the articles of one build, one at a time: the speaker, the options and
    the show's cover they share."""

    speaker: Speaker
    options: BuildOptions
    cover: str  #: the cover's file name in the output folder
    observer: Observer = field(default_factory=Observer)  #: told each article's stage
    _foreseen: tuple[Assignment, Script] | None = field(default=None, init=False, repr=False)

    def build(self, assignment: Assignment, upcoming: Assignment | None = None) -> Outcome:
        """One article's episode, built or found up to date; its failure is contained
        in the Outcome, so that it costs no other article. The `upcoming` article's
        sentences are queued on the workers while this one's are spoken."""
        started, before = time.perf_counter(), self.speaker.synthesised
        name = assignment.name
        try:
            if assignment.error:
                raise assignment.error
            episode, fresh = self._episode(assignment, lambda: self._foresee(upcoming))
            return Outcome(name, episode, fresh, None, time.perf_counter() - started,
                           self.speaker.synthesised - before,
                           missing_voices=self._missing(episode))
        except LeftOut as err:
            return Outcome(name, skipped=err.problem, withdrawn=self._withdrawn(assignment),
                           seconds=time.perf_counter() - started)
        except EditionError as err:
            return Outcome(err.source, problem=err.problem, seconds=time.perf_counter() - started)
        except Exception as err:  # a bug must not cost the other articles
            log.exception("unexpected failure on %s", name)
            return Outcome(name, problem=f"internal error: {err!r}",
                           seconds=time.perf_counter() - started)

    def _episode(self, assignment: Assignment,
                 then: Callable[[], None] = lambda: None) -> tuple[Episode, bool]:
        """The episode of one article: the one already built if nothing changed
        (`then` is called while its sentences are spoken, or at once)."""
        page, previous, out = assignment.page, assignment.previous, self.options.out
        fingerprint = self._fingerprint(page, page.html)
        if previous and previous.fingerprint == fingerprint and previous.withdrawn:
            raise LeftOut(page.source)  # as it was when its episode was withdrawn
        kept = previous is not None and previous.complete(out) and self._same_voices(previous)
        if kept and previous.fingerprint == fingerprint:
            log.info("%s: unchanged since its last build", page.source)
            then()
            return previous, False
        tell = partial(self.observer.update, assignment.name)
        tell(stage="reading")
        script = self._script(assignment)
        spoken = self._fingerprint(page, _spoken(script))
        if kept and (previous.spoken == spoken or self.options.on_edit == "keep"):
            why = "what is spoken is the same" if previous.spoken == spoken else "--on-edit keep"
            log.info("%s: edited, but its episode stays (%s)", page.source, why)
            then()
            return previous, False
        tell(label=script.title, stage="speaking")
        folder = EpisodeFolder(out, assignment.slug, previous)
        try:
            publication = replace(self._publication(script, page, fingerprint), spoken=spoken)
            recording = self._record(script, folder, publication, previous, tell, then)
            tell(stage="publishing")
            return publish_episode(folder, script, recording, publication), True
        except BaseException:
            folder.discard()  # no file of a failed attempt stays behind
            raise

    def _script(self, assignment: Assignment) -> Script:
        """The article's Script: made while the article before it was spoken, or now."""
        foreseen, self._foreseen = self._foreseen, None
        if foreseen and foreseen[0] is assignment:
            return foreseen[1]
        return script_of(assignment.page, self.options.reading)

    def _foresee(self, assignment: Assignment | None) -> None:
        """Read the next article and queue its sentences on the workers, unless it will
        not be built (unchanged, or an input in error); a failure is left for its build."""
        if assignment is None or assignment.error or assignment.page is None:
            return
        previous = assignment.previous
        try:
            if previous and previous.fingerprint == self._fingerprint(assignment.page,
                                                                      assignment.page.html):
                return
            script = script_of(assignment.page, self.options.reading)
        except Exception:  # noqa: BLE001 (its own build meets it and says so)
            return
        self._foreseen = (assignment, script)
        self.speaker.prefetch(script)

    def _withdrawn(self, assignment: Assignment) -> Episode | None:
        """The record of the episode of a page that is now left out, withdrawn (None:
        there was none, or it is withdrawn already)."""
        previous = assignment.previous
        if previous is None or previous.withdrawn:
            return None
        log.info("%s: left out of the edition; its episode is withdrawn", assignment.name)
        page = assignment.page
        return withdraw(self.options.out, previous, self._fingerprint(page, page.html))

    def _same_voices(self, previous: Episode) -> bool:
        """Whether each language of the episode is still read by the very voice that
        read it (a voice installed, changed or mapped since makes it built again)."""
        return all(self.speaker.engine(self.speaker.reader(lang)).version == voice["version"]
                   for voice in previous.voices for lang in voice["languages"])

    def _missing(self, episode: Episode) -> tuple[MissingVoice, ...]:
        langs = [lang for voice in episode.voices for lang in voice["languages"]]
        return tuple(self.speaker.missing[lang] for lang in langs if lang in self.speaker.missing)

    def _fingerprint(self, page: Page, made_from: str) -> str:
        """A hash of everything an episode is made from: the page's HTML or its script
        (`made_from`), and every setting."""
        options, speaker = self.options, self.speaker
        try:
            engines = [speaker.engine().version]
        except Exception as err:  # a voice that cannot load is this input's engine failure
            raise EngineError(page.source, f"cannot start the {options.engine.name} engine: "
                                           f"{err}") from err
        try:
            engines.append(speaker.engine(FALLBACK_ENGINE).version)
        except Exception:  # noqa: BLE001 (no fallback engine here: nothing to record)
            engines.append("no fallback")
        site = options.reading.site(page)
        settings = [__version__, made_from, repr(options.reading.options), options.reading.lang,
                    options.reading.normaliser.lexicon.version,
                    [repr(site.read), site.lexicon.version] if site else None,
                    repr(options.reading.framing), options.engine.name,
                    sorted(options.engine.options.items()), engines, repr(options.encoding),
                    options.earcons, options.daisy, options.show.title, self.cover,
                    options.show.base_url, options.show.link]  # the embed's and oEmbed's URLs
        return hashlib.sha256(json.dumps(settings, default=str).encode()).hexdigest()

    def _record(self, script: Script, folder: EpisodeFolder, publication: Publication,
                previous: Episode | None, tell: Callable[..., None],
                then: Callable[[], None]) -> Recording:
        """Speak, lay out and encode one Script into its folder; `tell` hears how far,
        `then` is called while its sentences are spoken."""

        def spoken(done: int, total: int, chars_done: int, chars: int) -> None:
            tell(done=done, total=total, work_done=chars_done, work=chars)

        clips = self.speaker.speak(script, spoken, then)
        tell(stage="encoding")
        encoding = self.options.encoding
        track = lay_out(script, clips, self.options.earcons, encoding.frame_grid,
                        matched_sounds(script, clips))
        timeline = track.timeline
        chapters = from_timeline(timeline, script.source)
        about = script.about
        tags = Tags(title=script.title, show=self.options.show.title, author=about.byline,
                    date=about.date, lang=script.lang, description=publication.description,
                    cover=publication.cover_art, cover_mime=media_type(publication.cover))
        encoded, level = encode(track, chapters, tags, folder.path, encoding, self._segments,
                                previous.level if previous else None)
        return Recording(timeline, chapters, encoded, level)

    @cached_property
    def _segments(self) -> SegmentStore | None:
        """Encoded segments are kept beside the clips they are made of; without a
        clip cache, for one article only (None)."""
        return SegmentStore(self.options.cache / "segments") if self.options.cache else None

    def _publication(self, script: Script, page: Page, fingerprint: str) -> Publication:
        return Publication(self.options.show, self.cover, self._cover_art, _description(script),
                           page.identity, fingerprint, self.options.daisy,
                           tuple(self.speaker.credits(script)))

    @cached_property
    def _cover_art(self) -> bytes:
        """The show's cover, read once for every article of the build."""
        return (self.options.out / self.cover).read_bytes()


def _spoken(script: Script) -> str:
    """Everything of an article that its episode says or shows: its script, and what
    the page says of it (author, date, description, picture, address)."""
    return json.dumps([script.to_dict(), repr(script.about)], ensure_ascii=False)


def _description(script: Script) -> str:
    """The page's own description (within Apple's limit for an episode's), else the
    start of its first paragraph, else its title."""
    if script.about.description:
        return _shortened(script.about.description, TEXT_LIMITS["description"])
    for utterance in script.utterances:
        if utterance.role == "paragraph":
            return _shortened(utterance.source_text, DESCRIPTION_MAX)
    return script.title


def _shortened(text: str, limit: int) -> str:
    """`text` cut at a word to at most `limit` characters, with an ellipsis."""
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0][:limit - 1] + "…"
