"""The command line: parse options, call the pipeline, report. Nothing else."""
from __future__ import annotations

import json
import logging
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import click

from . import __version__, language
from .speak.cache import default_cache_dir
from .check import MAX_WER
from .audio.encode import FORMATS, EncodeOptions
from .audio.timecode import timecode
from .engines import DEFAULT_ENGINE, available, get_engine
from .errors import EditionError, SettingsError, UserError
from .script.lexicon import Lexicon
from .script.normalise import Normaliser
from .files import write_atomic
from .printable import PrintableFormatter, printable
from .progress import Observer, display
from .script import ScriptOptions
from .publish.show import CONFIG_NAME, check_settings, load_show, load_sites
from .speak import engine_spec
from .voices import VoiceStore, load_voice_settings
from .voices.store import bundled_voice
from .voices.fetch import fetch_named, update_catalogue

if TYPE_CHECKING:
    from .pipeline import BuildOptions, Reading


def _error(err: UserError) -> None:
    click.echo(f"audio-edition: error: {printable(str(err))}", err=True)


class _Commands(click.Group):
    """Every command ends a user's error the same way: one line, and its exit code."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except UserError as err:
            _error(err)
            ctx.exit(err.exit_code)


@click.group(cls=_Commands)
@click.version_option(__version__, prog_name="audio-edition")
@click.option("-v", "--verbose", is_flag=True, help="Log what each stage does.")
def main(verbose: bool) -> None:
    """Turn HTML articles into chaptered podcast episodes and their feed.

    Example: audio-edition build input/ --out output/
    """
    handler = logging.StreamHandler()
    handler.setFormatter(PrintableFormatter("%(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, handlers=[handler])
    if not verbose:  # the extraction libraries warn about every odd page; we report per input
        for name in ("trafilatura", "readability", "htmldate", "courlan", "distributed"):
            logging.getLogger(name).setLevel(logging.CRITICAL)


def check_options(command):
    """The listening check's settings, shared by `check` and `build --check`."""
    options = [
        click.option("--check-model", default=None, help="A faster-whisper model name or folder "
                     "[default: [check] model in the config, else the [check] extra's English model]."),
        click.option("--max-wer", type=click.FloatRange(0, 1), default=None,
                     help=f"Flag utterances whose word error rate is above this "
                     f"[default: {MAX_WER}]."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _listen(out: Path, episodes: list, config: Path | None, model: str | None,
            max_wer: float | None, quiet: bool) -> dict:
    """The listening check of `episodes`, a line each, then the lexicon suggestions."""
    from .check import check_episodes, lexicon_suggestions

    shown = display("episodes", "seconds heard", shown=not quiet)

    def said(result) -> None:
        if result.failed or not quiet:
            shown.say(result.line(out / result.slug / "check.html"), err=result.failed)

    settings = check_settings(config)
    limit = max_wer if max_wer is not None else float(settings.get("max_wer", MAX_WER))
    with shown:
        results = check_episodes(out, episodes, model or settings.get("model"), limit, said,
                                 shown)
    suggestions = lexicon_suggestions(list(results.values()))
    if suggestions and not quiet:
        click.echo("Words misheard again and again; lexicon entries to edit and paste "
                   "(say how each should sound):")
        for suggestion in suggestions:
            click.echo(f"  {suggestion}")
    return results


@main.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("slugs", nargs=-1)
@click.option("--config", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              default=None, help="The config file with a [check] table [default: ./audio-edition.toml].")
@check_options
def check(folder: Path, slugs: tuple[str, ...], config: Path | None,
          check_model: str | None, max_wer: float | None) -> None:
    """Hear the episodes of an edition FOLDER (or only those named by their folder
    names) and flag what went wrong, utterance by utterance: check.json and
    check.html beside each episode. Exit 1 if any episode fails.

    Example: audio-edition check output/
    """
    from .publish.episode import Episode, read_episodes

    episodes, unreadable = [], []
    for record, found in read_episodes(folder):
        if slugs and record.parent.name not in slugs:
            continue
        if isinstance(found, Episode) and found.complete(folder):
            episodes.append(found)
        elif not isinstance(found, Episode):
            unreadable.append(record.parent.name)
            click.echo(f"audio-edition: error: {printable(found)}", err=True)
    missing = sorted(set(slugs) - {e.slug for e in episodes} - set(unreadable))
    for slug in missing:
        click.echo(f"audio-edition: error: {printable(folder / slug)}: no such episode", err=True)
    results = _listen(folder, episodes, config, check_model, max_wer, False)
    if missing or unreadable or any(result.failed for result in results.values()):
        sys.exit(1)


def reading_options(command):
    """The options that decide how articles are put into words, shared by commands."""
    options = [
        click.option("--list-style", type=click.Choice(["number", "position"]), default="number",
                     show_default=True, help='"number" speaks ordered items\' numbers; '
                     '"position" says "Item 2 of 6." for every list item.'),
        click.option("--quote-start", default=None,
                     help='Said before a quotation, empty for nothing [default: "Quote." in '
                     'the quotation\'s language: "Zitat.", "Citation.", "Cita." ...].'),
        click.option("--quote-end", default=None,
                     help='Said after a quotation, empty for nothing [default: "End of quote." '
                     'in the quotation\'s language].'),
        click.option("--read-code", is_flag=True, help="Read code blocks instead of skipping them."),
        click.option("--lexicon", "lexicons", multiple=True,
                     type=click.Path(dir_okay=False, exists=True, path_type=Path),
                     help="A pronunciation lexicon (.toml, or W3C PLS .pls/.xml); repeatable."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _reading(list_style: str, quote_start: str | None, quote_end: str | None,
             read_code: bool,
             lexicons: tuple[Path, ...]) -> Reading:
    from .pipeline import Reading  # here, not above: `check` and `voices` start without the build

    lexicon = Lexicon.load(*lexicons)
    return Reading(ScriptOptions(list_style=list_style, quote_start=quote_start,
                                 quote_end=quote_end, read_code=read_code),
                   Normaliser(lexicon=lexicon))


def _formats(value: str) -> tuple[str, ...]:
    names = tuple(dict.fromkeys(n.strip().lower() for n in value.split(",") if n.strip()))
    unknown = [n for n in names if n not in FORMATS]
    if unknown or not names:
        raise click.BadParameter(f"choose from {', '.join(FORMATS)} (comma-separated)")
    return names


def edition_options(command):
    """What to build and how, shared by `build` and `watch`."""
    option = click.option
    options = [
        option("--out", "out", type=click.Path(file_okay=False, path_type=Path),
               default=Path("output"), show_default=True,
               help="Folder for the episodes and feed.xml."),
        option("--config", type=click.Path(dir_okay=False, exists=True, path_type=Path),
               default=None,
               help=f"The show's config file (default: ./{CONFIG_NAME} if present)."),
        option("--base-url", default=None,
               help="Where the output folder will be served; enclosure URLs start with it "
                    "[default: the config's, else http://localhost:8000/]."),
        option("--title", default=None, help="The podcast's title [default: the config's]."),
        option("--format", "formats", default="mp3", show_default=True,
               help="Audio formats, comma-separated: mp3, m4a, m4b; the first is the feed's "
                    "enclosure."),
        option("--bitrate", default=EncodeOptions.bitrate, show_default=True,
               help="Constant bit rate of the audio, e.g. 64k or 96k."),
        option("--stereo/--mono", default=False, show_default=True,
               help="Mono is normalised to -19 LUFS, stereo to -16 LUFS."),
        option("--earcons/--no-earcons", default=False, show_default=True,
               help="A short soft tone before each chapter heading."),
        option("--daisy", is_flag=True, help="Also write a DAISY 2.02 talking book per episode."),
        option("--engine", type=click.Choice(available()), default=DEFAULT_ENGINE,
               show_default=True, help="The voice engine (see `audio-edition voices`)."),
        option("--voice", "voices", multiple=True, metavar="[LANG=]VOICE",
               help="The engine's voice: for piper a voice's key or an .onnx file beside its "
                    ".onnx.json (default: the bundled voice); for espeak and gtts a language "
                    "code (default: each passage's language). LANG=VOICE: the Piper voice of "
                    "a language or language-region, e.g. de=de_DE-thorsten-medium (repeatable)."),
        option("--voice-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
               help="The voice store [default: [voices] dir in the config, else "
                    "$XDG_DATA_HOME/audio-edition/voices]."),
        option("--fetch-voices", is_flag=True,
               help="Fetch a passage's missing voice before it is read (else eSpeak NG reads "
                    "it, and the build names the voice to fetch)."),
        option("--rate", type=click.FloatRange(0.5, 3.0), default=1.0, show_default=True,
               help="Speaking rate, pitch kept; 1.0 is the voice's own pace."),
        option("--jobs", type=click.IntRange(1, 256), default=os.cpu_count() or 1,
               show_default="the number of cores", help="Synthesis worker processes."),
        option("--cache-dir", type=click.Path(file_okay=False, path_type=Path),
               default=None, show_default="~/.cache/audio-edition/clips",
               help="The clip cache; may be shared between runs and machines."),
        option("--no-cache", is_flag=True,
               help="Synthesise everything; read and write no cache."),
        option("--include", multiple=True, help="In folders, only files matching this glob "
               "(relative to the folder, e.g. 'news/*.html'); repeatable."),
        option("--exclude", multiple=True,
               help="In folders, skip files matching this glob; repeatable."),
        option("--same-host", is_flag=True, help="Of the pages a site feed or sitemap at a URL "
               "lists, read only those on its own host."),
        option("--executor", type=click.Choice(["local", "dask"]), default="local",
               show_default=True,
               help="local: a process pool here; dask: articles as tasks on a Dask cluster."),
        option("--scheduler", default=None,
               help="With --executor dask: the scheduler, e.g. tcp://host:8786 "
                    "[default: start a LocalCluster of --jobs workers]."),
        option("--on-edit", type=click.Choice(["rebuild", "keep"]), default="rebuild",
               show_default=True, help="An article edited since its episode was built: "
               "rebuild it when what is spoken changed, or keep its episode as it is."),
    ]
    command = reading_options(command)
    for option in reversed(options):
        command = option(command)
    return command


def _edition(out: Path, config: Path | None, base_url: str | None, title: str | None,
             formats: str, bitrate: str, stereo: bool, earcons: bool, daisy: bool, engine: str,
             voices: tuple[str, ...], voice_dir: Path | None, fetch_voices: bool, rate: float,
             jobs: int, cache_dir: Path | None, no_cache: bool, include: tuple[str, ...],
             exclude: tuple[str, ...], same_host: bool, executor: str, scheduler: str | None,
             on_edit: str, quiet: bool, **reading) -> BuildOptions:
    """The build's options from `edition_options`."""
    from .pipeline import BuildOptions

    show = load_show(config, title=title, base_url=base_url)
    voice_settings = load_voice_settings(_config(config), voice_dir, fetch=fetch_voices,
                                         voices=voices)
    # no bar for a voice fetched during a build: the build's own display is on the screen
    engine_choice = engine_spec(engine, voices, rate, voice_settings)
    encoding = EncodeOptions(formats=_formats(formats), bitrate=bitrate,
                             channels=2 if stereo else 1)
    return BuildOptions(out=out, show=show,
                        reading=replace(_reading(**reading), lang=show.language,
                                        sites=load_sites(config), framing=show.framing),
                        encoding=encoding, earcons=earcons, daisy=daisy, engine=engine_choice,
                        jobs=jobs, cache=None if no_cache else cache_dir or default_cache_dir(),
                        executor=executor, scheduler=scheduler, include=include, exclude=exclude,
                        same_host=same_host, on_edit=on_edit)


def _counted(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' * (count != 1)}"


def _article_lines(out: Path, quiet: bool, shown: Observer) -> dict:
    """What `build` and `watch` print of each article as it ends: built, failed or
    left out (above the live display, when there is one)."""

    def built(episode, seconds: float) -> None:
        if not quiet:
            length = timecode(round(episode.duration_seconds) * 1000, hours=False, pad=False)
            shown.say(f"built {printable(out / episode.enclosure.path)}: {length}, "
                      f"{_counted(len(episode.chapters), 'chapter')} ({seconds:.1f} s)")

    def failed(err: EditionError) -> None:
        shown.say(f"audio-edition: error: {err}", err=True)

    def skipped(err: EditionError) -> None:
        if not quiet:
            shown.say(f"skipped {err}")

    return {"on_episode": built, "on_error": failed, "on_skip": skipped}


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@edition_options
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write a JSON report: per article its status, duration, chapters and error.")
@click.option("-q", "--quiet", is_flag=True, help="Print errors only (no progress, no summary).")
@click.option("--check", "listen", is_flag=True, help="Then hear every built episode and flag "
              "what went wrong (needs the [check] extra); exit 1 if any fails.")
@check_options
def build(inputs: tuple[str, ...], out: Path, config: Path | None, report_path: Path | None,
          quiet: bool, listen: bool, check_model: str | None, max_wer: float | None,
          **edition) -> None:
    """Build an episode for every INPUT and the feed. An INPUT is an HTML file, a
    folder of them, an http(s) URL, or a site's RSS/Atom feed or sitemap (a file or
    a URL), which stands for every page it lists.

    Example: audio-edition build input/ --out output/ --base-url https://example.org/pod/
    """
    from .batch import build as build_edition

    options = _edition(out, config, quiet=quiet, **edition)
    shown = display("articles", "sentences", shown=not quiet)
    try:
        with shown:
            report = build_edition(list(inputs), options, observer=shown,
                                   **_article_lines(out, quiet, shown))
    except OSError as err:  # the output folder cannot be written (read-only, full, not a folder)
        where = printable(err.filename or out)
        click.echo(f"audio-edition: error: {where}: cannot write the edition "
                   f"({err.strerror or err})", err=True)
        sys.exit(1)
    checks = _listen(out, report.built, config, check_model, max_wer, quiet) if listen else {}
    for entry in report.articles:
        if entry.get("episode") in checks:
            entry["check"] = checks[entry["episode"]].summary()
    if report_path:
        write_atomic(report_path, json.dumps({
            "built": len(report.built), "failed": len(report.failed),
            "skipped": len(report.skipped),
            "audio_seconds": round(report.audio_seconds, 3),
            "wall_seconds": round(report.wall_seconds, 3), "articles": report.articles,
            "missing_voices": [{"lang": m.lang, "voice": m.key, "read_by": m.reader,
                                "install": m.command} for m in report.missing_voices.values()]},
            indent=2, ensure_ascii=False).encode())
    speed = report.audio_seconds / report.wall_seconds if report.wall_seconds else 0.0
    if not quiet:
        left_out = f", {len(report.skipped)} left out" if report.skipped else ""
        click.echo(f"{len(report.built)} built, {len(report.failed)} failed{left_out}; "
                   f"{report.feed} lists {_counted(report.feed_items, 'episode')}; "
                   f"{report.audio_seconds:.0f} s of audio in {report.wall_seconds:.0f} s "
                   f"({speed:.1f}x real time; {report.synthesised} sentences synthesised)")
    if report.failed or any(result.failed for result in checks.values()):
        sys.exit(1)


class _Interval(click.ParamType):
    name = "interval"

    def convert(self, value, param, ctx) -> float:
        from .watch import parse_interval

        try:
            return value if isinstance(value, float) else parse_interval(value)
        except ValueError as err:
            self.fail(str(err), param, ctx)


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--every", type=_Interval(), default="15m", show_default=True,
              help="The time between rounds: 30s, 15m, 1h ...")
@click.option("--once", is_flag=True, help="One round, then exit (for cron).")
@click.option("--rounds", type=click.IntRange(1), default=None,
              help="Stop after this many rounds [default: run until stopped].")
@click.option("-q", "--quiet", is_flag=True, help="Print errors only (no progress, no round lines).")
@edition_options
def watch(sources: tuple[str, ...], every: float, once: bool, rounds: int | None,
          out: Path, config: Path | None, quiet: bool, **edition) -> None:
    """Build new and edited articles of every SOURCE (a site's feed or sitemap, a page,
    a folder) into the edition, every interval, until stopped (SIGTERM or Ctrl-C end it
    cleanly, exit 0). Feeds and pages are asked for with conditional requests, so an
    unchanged site costs one 304 a feed; each round appends a JSON line to
    .audio-edition-watch.log in the output folder. Exit 1 if the last round had failures.

    Example: audio-edition watch https://example.org/feed.xml --out edition --every 15m
    """
    from .watch import Watch

    options = _edition(out, config, quiet=quiet, **edition)
    watcher = Watch(list(sources), options, lambda shown: _article_lines(out, quiet, shown), quiet)
    sys.exit(watcher.run(every, 1 if once else rounds))


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="json prints one object per input, one per line.")
@click.option("--same-host", is_flag=True, help="Of the pages a site feed or sitemap at a URL "
              "lists, read only those on its own host.")
@click.option("--config", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              default=None, help=f"The settings with the site rules and the show's intro and outro "
              f"(default: ./{CONFIG_NAME} if present).")
@reading_options
def script(inputs: tuple[str, ...], fmt: str, same_host: bool, config: Path | None,
           **reading) -> None:
    """Print what would be spoken for each INPUT, without making audio (a dry run).

    Example: audio-edition script input/balcony-herbs.html --format json
    """
    from .batch import scripts
    from .read.marks import LeftOut

    failed = False
    chosen = replace(_reading(**reading), sites=load_sites(config),
                     framing=load_show(config).framing)
    for result in scripts(list(inputs), chosen, same_host=same_host):
        if isinstance(result, LeftOut):
            click.echo(f"skipped {printable(str(result))}", err=True)
        elif isinstance(result, EditionError):
            _error(result)
            failed = True
        else:
            click.echo(result.to_json() if fmt == "json"
                       else printable(result.to_text(), keep_newlines=True) + "\n")
    if failed:
        sys.exit(1)


@main.command()
@click.argument("folder", type=click.Path(file_okay=False, exists=True, path_type=Path),
                default=Path("output"))
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on (0 picks a free one).")
def serve(folder: Path, host: str, port: int) -> None:
    """Serve an edition FOLDER over HTTP, with byte ranges, until interrupted.

    Example: audio-edition serve output/ --port 8000
    """
    from .serve import make_server

    try:
        server = make_server(folder, host, port)
    except (OSError, OverflowError) as err:
        click.echo(f"audio-edition: error: cannot serve on {host} port {port} "
                   f"({getattr(err, 'strerror', None) or err})", err=True)
        sys.exit(1)
    address, bound = server.server_address[:2]
    shown = f"[{address}]" if ":" in address else address
    click.echo(f"serving {folder} at http://{shown}:{bound}/ (feed: http://{shown}:{bound}/feed.xml)",
               err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def voice_store_options(command):
    """Where the voice store is: shared by `voices` and its subcommands."""
    options = [
        click.option("--voice-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
                     help="The voice store [default: [voices] dir in the config, else "
                          "$XDG_DATA_HOME/audio-edition/voices]."),
        click.option("--config", type=click.Path(dir_okay=False, exists=True, path_type=Path),
                     default=None, help=f"The config with a [voices] table [default: ./{CONFIG_NAME}]."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _config(path: Path | None) -> Path | None:
    return path if path is not None or not Path(CONFIG_NAME).is_file() else Path(CONFIG_NAME)


@main.group(invoke_without_command=True)
@click.option("--engine", "engines", multiple=True, type=click.Choice(available()),
              help="Only this engine (repeatable); default: every engine.")
@click.option("--available", "offered", is_flag=False, flag_value="", default=None,
              metavar="[LANG]", help="List the Piper voices the catalogue offers (of LANG only, "
              "e.g. de or pt-BR) instead of what is installed.")
@voice_store_options
@click.pass_context
def voices(ctx: click.Context, engines: tuple[str, ...], offered: str | None,
           voice_dir: Path | None, config: Path | None) -> None:
    """List the engines, their voices and the languages they speak, and the Piper
    voices installed in the voice store; with --available, the catalogue's voices.

    Example: audio-edition voices --available de
    """
    ctx.obj = {"voice_dir": voice_dir, "config": config}  # for `voices --voice-dir D fetch`
    if ctx.invoked_subcommand:
        return
    store = load_voice_settings(_config(config), voice_dir).store
    if offered is not None:
        _list_catalogue(store, offered)
        return
    for name in engines or available():
        try:
            engine = get_engine(name)
        except Exception as err:  # an engine that cannot start is listed as such
            click.echo(f"{name}: unavailable ({err})")
            continue
        listing = getattr(engine, "voices", None)
        click.echo(f"{name} ({engine.version})")
        if callable(listing):
            for voice in listing():
                click.echo(f"  {voice.identifier:24s} {voice.name:28s} {', '.join(voice.languages)}")
        else:
            click.echo(f"  {engine.voice:24s} {', '.join(sorted(engine.languages()))}")
        if name == DEFAULT_ENGINE:
            _list_installed(store)


def _list_installed(store: VoiceStore) -> None:
    installed = store.installed()
    if not installed:
        click.echo(f"  no voices in the voice store {store.root} "
                   f"(`audio-edition voices --available` lists the catalogue)")
    for voice in installed:
        click.echo(f"  {voice.key:32s} {voice.language:8s} {voice.licence or 'licence not stated'}"
                   f"  (in {store.root})")
    for key, problem in store.unusable():
        click.echo(f"  {key:32s} not usable: {problem}; remove its folder and fetch it again")


def _list_catalogue(store: VoiceStore, asked: str) -> None:
    lang = language.language_tag(asked) if asked else ""
    if lang is None:
        raise SettingsError(f"--available {asked!r}: not a language tag (such as de or pt-BR)")
    catalogue = store.catalogue()
    offered = catalogue.available(lang or None)
    if not offered:
        click.echo(f"no Piper voice for {lang} in {catalogue.origin}: eSpeak NG reads it "
                   f"(`audio-edition voices --engine espeak` lists its languages)")
        return
    installed = {voice.key for voice in store.installed()} | {bundled_voice().stem}
    click.echo(f"{len(offered)} Piper voices{f' for {lang}' if lang else ''} in "
               f"{catalogue.origin} (* installed in {store.root}; licence -: not read, "
               f"see the voice's MODEL_CARD):")
    click.echo(f"  {'key':34s} {'language':8s} {'quality':7s} {'speakers':>8s} {'size':>7s}  "
               f"dataset licence")
    for voice in offered:
        mark = "*" if voice.key in installed else " "
        click.echo(f"{mark} {voice.key:34s} {voice.language:8s} {voice.quality:7s} "
                   f"{voice.speakers:8d} {voice.size / 1e6:5.0f} MB  {voice.licence or '-'}"
                   f"{'  (default)' if catalogue.default(voice.language) == voice else ''}")


@voices.command("fetch")
@click.argument("names", nargs=-1, required=True, metavar="KEY|LANG...")
@click.option("--source", default=None, metavar="URL", help="Where the voices are, laid out "
              "as the piper-voices repository [default: [voices] source in the config, else "
              "that repository].")
@voice_store_options
def fetch_voices(names: tuple[str, ...], source: str | None, voice_dir: Path | None,
                 config: Path | None) -> None:
    """Fetch voices into the voice store, each file checked against the catalogue's
    size and md5: by key, or a language's default voice by the language's tag.

    Example: audio-edition voices fetch de fr_FR-siwis-medium
    """
    settings = _store_settings(voice_dir, config, source)
    failed = False
    for done in fetch_named(list(names), settings.store, settings.source, sys.stderr.isatty()):
        if done.error:
            _error(done.error)
            failed = True
            continue
        voice = done.voice
        click.echo(f"{voice.key}: {'already in' if done.already else 'fetched into'} "
                   f"{done.model.parent} ({voice.size / 1e6:.0f} MB, dataset licence: "
                   f"{voice.licence or 'see its MODEL_CARD'})")
    if failed:
        sys.exit(1)


def _store_settings(voice_dir: Path | None, config: Path | None, source: str | None):
    """A `voices` subcommand's settings: its own options, else those given to `voices`."""
    given = click.get_current_context().find_object(dict) or {}
    return load_voice_settings(_config(config or given.get("config")),
                               voice_dir or given.get("voice_dir"), source)


@voices.command("update")
@click.option("--source", default=None, metavar="URL", help="Where the catalogue is (its "
              "voices.json) [default: [voices] source in the config, else the piper-voices "
              "repository].")
@voice_store_options
def update_voices(source: str | None, voice_dir: Path | None, config: Path | None) -> None:
    """Fetch the catalogue (voices.json) into the voice store; it replaces the shipped
    snapshot for every build that uses this store.

    Example: audio-edition voices update
    """
    settings = _store_settings(voice_dir, config, source)
    catalogue = update_catalogue(settings.store, settings.source)
    click.echo(f"the catalogue of {settings.store.root} now lists {len(catalogue.voices)} voices "
               f"(from {catalogue.origin})")
