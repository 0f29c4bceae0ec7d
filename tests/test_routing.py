"""The right voice for every passage: each utterance's language picks its Piper voice
(region first, then language), never a voice of another language; a missing voice
is read by eSpeak NG and named once with the command that installs it.

The German and French voices here are tiny test voices (tests/tiny_voice.py): a
model of Piper's shape saying a tone, standing in for trained voices that cannot
be fetched on these machines, read through Piper's real phonemiser."""
from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest

from audio_edition.errors import SettingsError
from audio_edition.pipeline import make_script
from audio_edition.speak import Speaker, engine_spec, sentences
from audio_edition.speak.cache import ClipCache
from audio_edition.voices import VoiceSettings
from audio_edition.voices.routing import FALLBACK, PRIMARY, VOICE, Router
from audio_edition.voices.store import bundled_voice
from conftest import ROOT, run_cli
from tiny_voice import VoiceSource, install, tone_model

DE, FR = "de_DE-thorsten-medium", "fr_FR-siwis-medium"
CORPUS = ROOT.parent / "shared" / "corpus" / "readability-test-pages"

GERMAN_PAGE = """<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">
<title>Der Garten im Herbst</title></head><body><main><article>
<h1>Der Garten im Herbst</h1>
<p>Im Oktober werden die Beete für den Winter vorbereitet. Die Blätter bleiben liegen,
denn sie schützen den Boden vor Frost.</p>
<h2 lang="en">A word from our guest</h2>
<p>Die Nachbarin aus Lyon sagte dazu nur einen Satz:</p>
<blockquote lang="fr"><p>Le jardin se repose en hiver, et nous aussi.</p></blockquote>
<p>Danach haben wir Tee getrunken und über die Tulpen im Frühling gesprochen.</p>
</article></main></body></html>"""


def _page(tmp_path: Path, html: str = GERMAN_PAGE, name: str = "garten.html") -> Path:
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(html, encoding="utf-8")
    return folder / name


def _build(page: Path, out: Path, *options: str):
    return run_cli("build", str(page), "--out", str(out), "--no-cache", "--jobs", "1", *options)


def _record(out: Path) -> list[dict]:
    """The build's utterance record: where each utterance sits, its language and voice."""
    record = next(out.glob("*/utterances-*.json"))
    return json.loads(record.read_text(encoding="utf-8"))["utterances"]


def _episode(out: Path) -> dict:
    return json.loads(next(out.glob("*/episode.json")).read_text(encoding="utf-8"))


def test_each_passage_is_read_by_the_voice_of_its_language_and_credited(tmp_path: Path) -> None:
    store = tmp_path / "voices"
    install(store, DE, "de", 300)
    install(store, FR, "fr", 500, licence="CC-BY 4.0")
    config = tmp_path / "audio-edition.toml"
    config.write_text('[show]\ntitle = "Gartenfunk"\ncredit_voice = true\n\n'
                      '[voices]\ndir = "voices"\n')
    out = tmp_path / "out"
    result = _build(_page(tmp_path), out, "--config", str(config), "--daisy")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    rows = _record(out)
    assert {(row["lang"], row["voice"]) for row in rows} == {
        ("de", DE), ("en", "en_US-joe-medium"), ("fr", FR)}
    assert next(r for r in rows if r["role"] == "heading")["voice"] == "en_US-joe-medium"
    assert next(r for r in rows if r["role"] == "quote")["voice"] == FR
    assert all(r["voice"] == DE for r in rows if r["role"] == "paragraph")
    voices = {v["name"]: v for v in _episode(out)["voices"]}
    assert voices[FR]["licence"] == "CC-BY 4.0" and voices[FR]["languages"] == ["fr"]
    assert voices["en_US-joe-medium"]["licence"] == "CC0" and set(voices) == {DE, FR,
                                                                             "en_US-joe-medium"}
    # in the German article's words (publish/labels.py), on every page and in the feed
    credit = (f"{DE} (Lizenz des Datensatzes: CC0), en_US-joe-medium (Lizenz des Datensatzes: "
              f"CC0) und {FR} (Lizenz des Datensatzes: CC-BY 4.0)")
    _credited(out, credit)


def _credited(out: Path, credit: str) -> None:
    """The player page, the EPUB, the DAISY book and the feed name every voice."""
    import zipfile

    import feedparser
    from lxml import etree, html

    folder = next(out.glob("*/episode.json")).parent
    page = html.fromstring((folder / "index.html").read_bytes())
    assert page.xpath("string(//header/p[@class='voices'])") == f"Gelesen von {credit}."
    with zipfile.ZipFile(next(folder.glob("*.epub"))) as book:
        package = etree.fromstring(book.read("EPUB/package.opf"))
    narrators = package.xpath("//*[local-name()='meta'][@property='media:narrator']/text()")
    assert ", ".join(narrators[:-1]) + " und " + narrators[-1] == credit
    ncc = html.fromstring((folder / "daisy" / "ncc.html").read_bytes())
    assert ncc.xpath("string(//meta[@name='ncc:narrator']/@content)") == credit
    feed = feedparser.parse(str(out / "feed.xml"))
    assert f"Gelesen von {credit}." in feed.entries[0].description


@pytest.mark.slow
def test_a_language_without_its_voice_is_read_by_espeak_with_one_warning(tmp_path: Path) -> None:
    """And offline stays first-class: with a source set but no fetch asked for, the
    build asks the network nothing. The command the warning gives installs the voice
    where the build looks for it (the build's store and source, not the defaults)."""
    source = VoiceSource({FR: ("fr", 500.0)})
    store = tmp_path / "voices"
    install(store, DE, "de", 300)  # no French voice
    (store / "voices.json").write_bytes(source.files["voices.json"])  # as `voices update` leaves it
    config = tmp_path / "audio-edition.toml"
    config.write_text(f'[voices]\ndir = "voices"\nsource = "{source.url}"\n')
    second = GERMAN_PAGE.replace("Der Garten im Herbst", "Der Garten im Winter")
    _page(tmp_path)
    _page(tmp_path, second, "winter.html")
    out, report = tmp_path / "out", tmp_path / "report.json"
    try:
        result = _build(tmp_path / "in", out, "--config", str(config), "--report", str(report))
        assert result.returncode == 0, result.stderr
        assert not source.hits
        command = f"audio-edition voices fetch {FR} --voice-dir {store} --source {source.url}"
        warnings = [line for line in result.stderr.splitlines() if FR in line]
        assert warnings == [f"WARNING audio_edition.batch: no {FR} voice installed for fr: "
                            f"eSpeak NG reads it; install it with: {command}"]
        assert json.loads(report.read_text())["missing_voices"] == [
            {"lang": "fr", "voice": FR, "read_by": "eSpeak NG", "install": command}]
        for episode in out.glob("*/utterances-*.json"):
            rows = json.loads(episode.read_text(encoding="utf-8"))["utterances"]
            assert {r["voice"] for r in rows if r["lang"] == "fr"} == {"eSpeak NG"}
            assert {r["voice"] for r in rows if r["lang"] == "de"} == {DE}
        fetched = run_cli(*shlex.split(command)[1:])  # run from elsewhere, without the config
        assert fetched.returncode == 0, fetched.stderr
    finally:
        source.close()
    assert (store / FR / f"{FR}.onnx").is_file()


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"corpus not found at {CORPUS}")
def test_a_german_corpus_page_is_read_by_the_german_voice(tmp_path: Path) -> None:
    """The dev corpus's German page (heise), with a German voice in the store: every
    German passage is read by it (a real voice on a machine that can fetch one)."""
    store = tmp_path / "voices"
    install(store, DE, "de", 300)
    out = tmp_path / "out"
    result = _build(CORPUS / "heise" / "source.html", out, "--voice-dir", str(store))
    assert result.returncode == 0, result.stderr
    rows = _record(out)
    german = [r for r in rows if r["lang"].split("-")[0] == "de"]
    assert len(german) >= 5 and {r["voice"] for r in german} == {DE}


@pytest.mark.slow
def test_fetch_voices_fetches_a_missing_voice_before_it_reads(tmp_path: Path) -> None:
    source = VoiceSource({DE: ("de", 300.0), FR: ("fr", 500.0)})
    try:
        store = tmp_path / "voices"
        store.mkdir()
        (store / "voices.json").write_bytes(source.files["voices.json"])  # as `voices update` leaves it
        config = tmp_path / "audio-edition.toml"
        config.write_text(f'[voices]\ndir = "voices"\nsource = "{source.url}"\n')
        out = tmp_path / "out"
        result = _build(_page(tmp_path), out, "--config", str(config), "--fetch-voices")
        assert result.returncode == 0, result.stderr
        assert "WARNING" not in result.stderr and "ERROR" not in result.stderr
        assert {r["voice"] for r in _record(out)} == {DE, FR, "en_US-joe-medium"}
        assert (store / DE / f"{DE}.onnx").is_file() and (store / FR / f"{FR}.onnx").is_file()
        assert source.hits[source.paths[DE][f"{DE}.onnx"]] == 1
    finally:
        source.close()


@pytest.mark.slow
def test_a_voice_installed_since_the_last_build_rebuilds_the_episode(tmp_path: Path) -> None:
    store, out, page = tmp_path / "voices", tmp_path / "out", _page(tmp_path)
    install(store, DE, "de", 300)
    first = _build(page, out, "--voice-dir", str(store))
    assert first.returncode == 0 and {r["voice"] for r in _record(out)
                                      if r["lang"] == "fr"} == {"eSpeak NG"}
    install(store, FR, "fr", 500)
    second = _build(page, out, "--voice-dir", str(store))
    assert second.returncode == 0 and "1 built" in second.stdout
    assert {r["voice"] for r in _record(out) if r["lang"] == "fr"} == {FR}
    third = _build(page, out, "--voice-dir", str(store), "--report", str(tmp_path / "r.json"))
    assert third.returncode == 0, third.stderr
    assert json.loads((tmp_path / "r.json").read_text())["articles"][0]["status"] == "unchanged"


def test_a_voice_of_another_language_is_refused_before_the_build(tmp_path: Path) -> None:
    store = tmp_path / "voices"
    install(store, FR, "fr", 500)
    config = tmp_path / "audio-edition.toml"
    config.write_text(f'[voices]\ndir = "voices"\nde = "{FR}"\n')
    out = tmp_path / "out"
    result = _build(_page(tmp_path), out, "--config", str(config))
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert f"error: {config}: [voices] de = {FR}: a voice of fr-FR cannot read de" in result.stderr
    assert not out.exists() or not list(out.glob("*/episode.json"))
    # each refusal names where the voice was named: the config, or the command line
    result = _build(_page(tmp_path), out, "--voice-dir", str(store), "--voice", "de=nobody")
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "error: --voice de=nobody: neither an .onnx file" in result.stderr
    config.write_text('[voices]\nfr = "fr-voice.onnx"\n')
    result = _build(_page(tmp_path), out, "--config", str(config))
    assert result.returncode == 2 and (f"error: {config}: [voices] fr = fr-voice.onnx: neither "
                                       f"an .onnx file beside its .onnx.json") in result.stderr


def test_the_engines_own_voice_by_key_must_be_installed(tmp_path: Path) -> None:
    result = _build(_page(tmp_path), tmp_path / "out", "--voice-dir", str(tmp_path / "voices"),
                    "--voice", DE)
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert f"--voice {DE}: not in the voice store {tmp_path / 'voices'}; install it with: " \
           f"audio-edition voices fetch {DE}" in result.stderr


def _router(store: Path, *mapping: tuple[str, str], fetch: bool = False) -> Router:
    return Router(VoiceSettings(dir=store, mapping=tuple(mapping), fetch=fetch))


def test_the_routing_rule(tmp_path: Path) -> None:
    store = tmp_path / "voices"
    german = install(store, DE, "de", 300)
    brazil = install(store, "pt_BR-faber-medium", "pt", 300)
    portugal = install(store, "pt_PT-tugão-medium", "pt", 300)
    router = _router(store, ("pt-br", "pt_BR-faber-medium"), ("pt", "pt_PT-tugão-medium"))
    router.check()
    assert router.route("pt-BR", False).model == brazil  # the region first
    assert router.route("pt", False).model == portugal  # then the language
    assert router.route("pt-AO", False).model == portugal
    assert router.route("de-AT", False) == router.route("de", False)
    assert router.route("de", False).model == german  # installed default
    assert router.route("en-GB", True).reader == PRIMARY  # the engine's own voice speaks it
    missing = router.route("fr", False)
    assert (missing.reader, missing.model, missing.missing) == (FALLBACK, None, FR)
    assert router.route("xx", False) == router.route("zz", False)  # no voice at all
    assert router.route("xx", False).missing is None
    # a German primary voice: English goes to the bundled English voice, never German
    assert router.route("en", False).model == bundled_voice()
    assert router.route("en", False).reader == VOICE


def test_an_installed_voice_of_the_language_serves_when_the_default_is_missing(
        tmp_path: Path) -> None:
    store = tmp_path / "voices"
    emotional = install(store, "de_DE-thorsten_emotional-medium", "de", 300)
    assert _router(store).route("de-CH", False).model == emotional


def test_norwegian_bokmal_is_read_by_the_catalogues_norwegian_voices(tmp_path: Path) -> None:
    """Pages say lang="nb" (Bokmål); the catalogue files its voices under "no", the
    macrolanguage. Mapping nb to one was refused as 'a voice of no-NO cannot read nb',
    and an installed Norwegian voice other than the default was not found for nb."""
    store = tmp_path / "voices"
    nvcc = install(store, "no_NO-nvcc-medium", "no", 300)
    assert _router(store).route("nb", False).model == nvcc
    talesyntese = install(store, "no_NO-talesyntese-medium", "no", 300)
    router = _router(store, ("nb", "no_NO-talesyntese-medium"))
    router.check()
    assert router.route("nb-NO", False).model == talesyntese
    with pytest.raises(SettingsError, match="cannot read nn"):  # Nynorsk is another written form
        _router(store, ("nn", "no_NO-talesyntese-medium")).check()


def test_a_mapping_is_checked_against_the_voices_language(tmp_path: Path) -> None:
    store = tmp_path / "voices"
    install(store, FR, "fr", 500)
    with pytest.raises(SettingsError, match="a voice of fr-FR cannot read de"):
        _router(store, ("de", FR)).check()
    with pytest.raises(SettingsError, match="neither an .onnx file beside its .onnx.json nor a voice"):
        _router(store, ("de", str(tmp_path / "missing.onnx"))).check()
    _router(store, ("fr-ca", FR)).check()  # another region of the same language is fine
    _router(store, ("de", "de_DE-thorsten-medium")).check()  # in the catalogue, not installed


def test_replacing_a_voices_file_synthesises_its_sentences_again(tmp_path: Path) -> None:
    """The clip cache's key holds the voice's key and the digest of its model."""
    store = tmp_path / "voices"
    model = install(store, DE, "de", 300)
    script = make_script(str(_page(tmp_path)))
    cache = ClipCache(tmp_path / "clips")

    def speak() -> tuple[int, list]:
        spec = engine_spec("piper", settings=VoiceSettings(dir=store))
        with Speaker(spec, 1, cache) as speaker:
            clips = speaker.speak(script)
            return speaker.synthesised, clips

    german = sum(len(sentences(u.text)) for u in script.utterances if (u.lang or script.lang) == "de")
    first, before = speak()
    assert first > german > 0
    assert speak()[0] == 0  # all from the cache
    model.write_bytes(tone_model(600.0))  # the same voice, another model
    again, after = speak()
    assert again == german  # only the German voice's sentences, not the others'
    for old, new, utterance in zip(before, after, script.utterances):
        assert (old.pcm != new.pcm) == ((utterance.lang or script.lang) == "de")


@pytest.mark.slow
def test_a_worker_loads_each_voice_once_at_most(tmp_path: Path) -> None:
    """A page in three languages on two workers: a worker loads a voice the first time
    one of its passages needs it and keeps it (the -v log says when a voice loads)."""
    store = tmp_path / "voices"
    install(store, DE, "de", 300)
    install(store, FR, "fr", 500)
    german = "".join(f"<p>Im Beet Nummer {n} wachsen Möhren. Sie brauchen Sand und Sonne.</p>"
                     for n in range(1, 7))
    french = "".join(f'<p lang="fr">Le carré {n} attend les radis. Ils aiment la pluie.</p>'
                     for n in range(1, 7))
    english = "".join(f'<p lang="en">Bed {n} holds the beans. They climb the poles.</p>'
                      for n in range(1, 7))
    page = _page(tmp_path, GERMAN_PAGE.replace("<p>Danach", german + french + english + "<p>Danach"))
    out = tmp_path / "out"
    result = run_cli("-v", "build", str(page), "--out", str(out), "--no-cache", "--jobs", "2",
                     "--voice-dir", str(store))
    assert result.returncode == 0, result.stderr
    loads = re.findall(r"voice (\S+) loaded \(process (\d+)\)", result.stderr)
    assert {voice for voice, _ in loads} == {DE, FR, "en_US-joe-medium"}
    assert len(loads) == len(set(loads)), loads  # never twice in one process


def test_a_voice_store_catalogue_that_cannot_be_read_stops_the_build_first(tmp_path: Path) -> None:
    """A store's voices.json spoilt (a copy cut short): one line before anything is
    built, with the way out; every article failed with a traceback."""
    store = tmp_path / "voices"
    store.mkdir()
    (store / "voices.json").write_text('{"de_DE-thorsten-medium": {"key": ')
    out = tmp_path / "out"
    result = _build(_page(tmp_path), out, "--voice-dir", str(store))
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert f"{store / 'voices.json'}: not a Piper voice catalogue" in result.stderr
    assert "audio-edition voices update" in result.stderr
    assert not out.exists()


def test_a_damaged_voice_fails_its_articles_in_one_line_naming_it(tmp_path: Path) -> None:
    store = tmp_path / "voices"
    model = install(store, DE, "de", 300)
    model.write_bytes(model.read_bytes()[:100])  # a copy cut short
    result = _build(_page(tmp_path), tmp_path / "out", "--voice-dir", str(store))
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if "error" in line]
    assert len(lines) == 1, result.stderr
    assert f"the voice {DE} cannot be loaded from {model}" in lines[0]
    assert "damaged" in lines[0] and "fetch it again" in lines[0]


def test_a_languages_voice_with_another_engine_is_refused_not_ignored(tmp_path: Path) -> None:
    result = _build(_page(tmp_path), tmp_path / "out", "--engine", "espeak", "--voice",
                    f"de={DE}")
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert f"--voice de={DE}: a language's voice is a Piper voice" in result.stderr
    assert not (tmp_path / "out").exists()
