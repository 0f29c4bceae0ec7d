"""Voices as data and files: the shipped catalogue, the default table, the voice
store and its listing, the [voices] settings."""
from __future__ import annotations

import hashlib
import json
import os
import pwd
import re
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from audio_edition.errors import SettingsError
from audio_edition.voices import Catalogue, CatalogueError, VoiceStore, load_voice_settings
from audio_edition.voices.catalogue import region_first
from audio_edition.voices.defaults import DEFAULT_VOICES
from audio_edition.voices.settings import bare_voice
from audio_edition.voices.store import card_licence
from conftest import ROOT, run_cli
from tiny_voice import catalogue_entry, install, voice_files

#: The md5 of voices.json in the wyoming-piper 2.5.2 wheel, which the snapshot is.
SNAPSHOT_MD5 = "4cb015e3f66d48021af92805f6cd35eb"


def test_the_shipped_catalogue_is_the_wheels_voices_json_and_parses() -> None:
    data = (ROOT / "audio_edition" / "voices" / "voices.json").read_bytes()
    assert hashlib.md5(data).hexdigest() == SNAPSHOT_MD5
    catalogue = Catalogue.load()
    assert len(catalogue.voices) == len(json.loads(data)) == 176
    thorsten = catalogue.get("de_DE-thorsten-medium")
    assert thorsten.language == "de-DE" and thorsten.quality == "medium"
    assert thorsten.licence == "CC0" and 60e6 < thorsten.size < 70e6
    assert {f.name for f in thorsten.files} == {"de_DE-thorsten-medium.onnx",
                                                "de_DE-thorsten-medium.onnx.json", "MODEL_CARD"}


def test_every_default_voice_is_a_good_voice_of_its_language() -> None:
    catalogue = Catalogue.load()
    good = {v.family for v in catalogue.voices.values() if v.quality in ("medium", "high")}
    assert good <= {tag.split("-")[0] for tag in DEFAULT_VOICES} | {"no"}
    for tag, key in DEFAULT_VOICES.items():
        voice = catalogue.get(key)
        assert voice is not None and voice.quality in ("medium", "high"), key
        assert tag.split("-")[0] in (voice.family, "nb"), (tag, key)
        if "-" in tag:
            assert voice.language.lower() == tag
    assert catalogue.default("pt-BR").key == "pt_BR-faber-medium"
    assert catalogue.default("pt-PT").key == "pt_PT-tugão-medium"
    assert catalogue.default("de-AT").key == "de_DE-thorsten-medium"  # the language's
    assert catalogue.default("xx") is None
    assert catalogue.named("fr").key == "fr_FR-siwis-medium"
    assert catalogue.named("es_MX-ald-medium").key == "es_MX-ald-medium"


def test_a_tag_is_looked_up_by_region_first() -> None:
    assert region_first("pt-BR") == ["pt-br", "pt"]
    assert region_first("sr-Latn-RS") == ["sr-rs", "sr"]
    assert region_first("de") == ["de"]


def test_the_readme_lists_the_default_table_with_licences() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    catalogue = Catalogue.load()
    rows = dict(re.findall(r"^\| `([a-z]{2,3}(?:-[A-Z]{2})?)` \| `([^`]+)` \|", readme, re.M))
    assert {tag.lower(): key for tag, key in rows.items()} == DEFAULT_VOICES
    for tag, key in rows.items():
        licence = catalogue.get(key).licence
        assert licence and re.search(rf"^\| `{tag}` \| `{re.escape(key)}` \|[^|]*\| "
                                     rf"{re.escape(licence)} \|", readme, re.M), key


def test_voices_available_lists_a_languages_voices_from_the_shipped_catalogue() -> None:
    result = run_cli("voices", "--available", "de")
    assert result.returncode == 0, result.stderr
    rows = [line for line in result.stdout.splitlines()[2:] if line.strip()]
    assert len(rows) == 10 and all(" de_DE-" in row for row in rows)
    thorsten = next(row for row in rows if "de_DE-thorsten-medium " in row)
    assert re.search(r"de-DE\s+medium\s+1\s+63 MB\s+CC0\s+\(default\)", thorsten)
    assert "shipped catalogue (2026-09-11)" in result.stdout.splitlines()[0]


def test_the_store_lists_voices_copied_into_it_by_hand(tmp_path: Path) -> None:
    store = tmp_path / "voices"
    install(store, "de_DE-thorsten-medium", "de", licence="CC0")
    install(store, "fr_FR-siwis-medium", "fr", licence="CC-BY 4.0")
    (store / ".fr_FR-upmc-medium.partial").mkdir()  # a fetch under way is no voice
    (store / "es_ES-davefx-medium").mkdir()  # nor is a folder without a model
    installed = VoiceStore(store).installed()
    assert [(v.key, v.language, v.licence) for v in installed] == [
        ("de_DE-thorsten-medium", "de-DE", "CC0"), ("fr_FR-siwis-medium", "fr-FR", "CC-BY 4.0")]
    result = run_cli("voices", "--engine", "piper", "--voice-dir", str(store))
    assert result.returncode == 0, result.stderr
    assert re.search(r"de_DE-thorsten-medium\s+de-DE\s+CC0", result.stdout)
    listed = run_cli("voices", "--available", "fr", "--voice-dir", str(store))
    assert re.search(r"^\* fr_FR-siwis-medium ", listed.stdout, re.M)
    assert re.search(r"^  fr_FR-upmc-medium ", listed.stdout, re.M)


def test_a_model_cards_licence_lines_are_read() -> None:
    assert card_licence("## Dataset\n\n* URL: x\n* License: CC0\n") == "CC0"
    assert card_licence("---\nlicense: mit\n---\n# Voice") == "mit"
    assert card_licence("* URL: a\n    * License:  CC BY-SA 4.0\n* URL: b\n    * License: See "
                        "CMU License below\n") == "CC BY-SA 4.0; See CMU License below"
    assert card_licence("# Model card\n\nNo dataset named.") is None


@pytest.mark.parametrize("entry, problem", [
    ({"../evil-x-medium": {}}, "is not a voice key"),
    ({"de_DE-a-medium": {"bad": 1}}, "not a Piper voice catalogue"),
    ("[1, 2]", "not an object of voices"),
])
def test_a_catalogue_that_could_harm_is_refused_in_one_line(entry, problem) -> None:
    data = entry.encode() if isinstance(entry, str) else json.dumps(entry).encode()
    with pytest.raises(CatalogueError, match=problem):
        Catalogue.parse(data, "mirror/voices.json")


def test_a_catalogue_file_path_may_not_leave_the_store() -> None:
    entry = catalogue_entry("de_DE-test-medium", "de", voice_files("de_DE-test-medium", "de", 300))
    entry["files"] = {k.replace("de/de_DE/test/medium/MODEL_CARD", "../../MODEL_CARD"): v
                      for k, v in entry["files"].items()}
    with pytest.raises(CatalogueError, match="mirror/voices.json: .*not a plain relative path"):
        Catalogue.parse(json.dumps({"de_DE-test-medium": entry}).encode(), "mirror/voices.json")


def test_voices_settings_from_the_config_and_the_command_line(tmp_path: Path) -> None:
    config = tmp_path / "audio-edition.toml"
    config.write_text('[voices]\ndir = "store"\nfetch = true\nde = "de_DE-thorsten-medium"\n'
                      'pt-BR = "pt_BR-faber-medium"\nfr = "voices/tom.onnx"\n'
                      'source = "http://127.0.0.1:9/mirror"\n')
    settings = load_voice_settings(config, voices=("de=de_DE-mls-medium", "en_GB-cori-medium"))
    assert settings.dir == tmp_path / "store" and settings.fetch
    assert settings.source == "http://127.0.0.1:9/mirror/"
    assert settings.mapped("de") == "de_DE-mls-medium"  # the command line wins
    assert settings.mapped("pt-BR") == "pt_BR-faber-medium"
    assert settings.mapped("fr") == str(tmp_path / "voices" / "tom.onnx")
    assert bare_voice(("de=x", "en_GB-cori-medium")) == "en_GB-cori-medium"
    with pytest.raises(SettingsError, match="give one voice without a language"):
        bare_voice(("a.onnx", "b.onnx"))


@pytest.mark.parametrize("line, problem", [
    ('colour = "x"', "neither dir, source, fetch nor a language tag"),
    ("fetch = 1", "fetch must be true or false"),
    ('source = "ftp://127.0.0.1/mirror"', "is not an http"),
])
def test_a_bad_voices_setting_is_one_line_and_exit_2(tmp_path: Path, line, problem) -> None:
    config = tmp_path / "audio-edition.toml"
    config.write_text(f"[voices]\n{line}\n")
    result = run_cli("voices", "--config", str(config))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and problem in result.stderr
    assert str(config) in result.stderr


def test_the_groups_store_options_reach_its_subcommands(tmp_path: Path) -> None:
    """`voices --voice-dir DIR fetch ...` (the options before the subcommand, as a user
    may write them) fetches into DIR, not into the default store."""
    store = tmp_path / "voices"
    result = run_cli("voices", "--voice-dir", str(store), "fetch", "de",
                     "--source", "http://127.0.0.1:9/")
    assert result.returncode == 1 and f"copy {store} from" in result.stderr, result.stderr
    config = tmp_path / "settings.toml"
    config.write_text(f'[voices]\ndir = "{store}"\n')
    result = run_cli("voices", "--config", str(config), "update", "--source", "http://127.0.0.1:9/")
    assert result.returncode == 1 and f"copy {store} from" in result.stderr, result.stderr


@pytest.mark.parametrize("asked, shown", [("de_DE", "de-DE"), ("DE-de", "de-DE"), ("iw", "he")])
def test_available_takes_a_language_as_people_write_it(asked: str, shown: str) -> None:
    result = run_cli("voices", "--available", asked)
    assert result.returncode == 0, result.stderr
    rows = [line for line in result.stdout.splitlines()[2:] if line.strip()]
    assert rows and all(f" {shown}" in row for row in rows), result.stdout


def test_available_says_when_no_voice_speaks_a_language() -> None:
    result = run_cli("voices", "--available", "cy-x-unheard")
    assert result.returncode == 0 and "no Piper voice for cy-x-unheard" in result.stdout
    none = run_cli("voices", "--available", "tlh")
    assert none.returncode == 0, none.stderr
    assert none.stdout.startswith("no Piper voice for tlh in the shipped catalogue"), none.stdout
    assert "eSpeak NG reads" in none.stdout
    wrong = run_cli("voices", "--available", "not a language")
    assert wrong.returncode == 2 and wrong.stderr.count("\n") == 1
    assert "--available 'not a language': not a language tag" in wrong.stderr


def test_the_bundled_voice_is_marked_installed() -> None:
    result = run_cli("voices", "--available", "en-US")
    assert re.search(r"^\* en_US-joe-medium ", result.stdout, re.M), result.stdout


def _homeless(args: list[str], folder: Path) -> subprocess.CompletedProcess:
    """The CLI run by a user the system knows no home folder of (a container's random
    uid, a service user without one), with nothing but PATH in its environment."""
    env = {"PATH": os.environ["PATH"], "PYTHONPATH": str(ROOT)}
    return subprocess.run(["setpriv", "--reuid", str(HOMELESS_UID), "--regid", str(HOMELESS_UID),
                           "--clear-groups", sys.executable, "-m", "audio_edition", *args],
                          cwd=folder, env=env, stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, timeout=600)


HOMELESS_UID = 48213  #: a user id with no entry in the password database


def _open_to_others(path: Path) -> bool:
    """Whether every folder down to `path` lets other users pass (a checkout in a
    private folder, such as one made by mktemp -d, cannot be imported by them)."""
    return all(folder.stat().st_mode & stat.S_IXOTH for folder in (path, *path.parents))


@pytest.mark.slow
@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("setpriv"),
                    reason="running as a user without a home folder needs root and setpriv")
@pytest.mark.skipif(not _open_to_others(ROOT),
                    reason="the checkout lies in a folder other users cannot pass through")
def test_a_user_without_a_home_folder_is_told_which_folders_to_give(short_page: Path) -> None:
    """No home folder and no XDG variables: the CLI started (it stopped at its import
    with a traceback), names the option that says where the voice store and the clip
    cache are in one line (exit 2), and builds once they are given."""
    try:
        pwd.getpwuid(HOMELESS_UID)
        pytest.skip(f"user id {HOMELESS_UID} has a password entry here")
    except KeyError:
        pass
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        folder.chmod(0o777)
        page = folder / "tea.html"
        page.write_bytes(short_page.read_bytes())
        listed = _homeless(["voices", "--engine", "piper"], folder)
        assert listed.returncode == 2 and listed.stderr.count("\n") == 1, listed.stderr
        assert "no home folder" in listed.stderr and "--voice-dir" in listed.stderr
        assert _homeless(["voices", "--engine", "piper", "--voice-dir", "voices"],
                         folder).returncode == 0
        for given, missing in ((["--voice-dir", "voices"], "--cache-dir"),
                               (["--cache-dir", "cache"], "--voice-dir")):
            refused = _homeless(["build", "tea.html", "--out", "out", *given], folder)
            assert refused.returncode == 2 and refused.stderr.count("\n") == 1, refused.stderr
            assert "no home folder" in refused.stderr and missing in refused.stderr
            assert not (folder / "out").exists()
        built = _homeless(["build", "tea.html", "--out", "out", "--voice-dir", "voices",
                           "--cache-dir", "cache", "--jobs", "1"], folder)
        assert built.returncode == 0, built.stderr
        assert len(list((folder / "out").glob("*/*.mp3"))) == 1


def test_the_readme_counts_the_shipped_catalogue_right() -> None:
    """The README's figures of the snapshot and of the licences read (it said 95)."""
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    voices = Catalogue.load().voices.values()
    good = [v for v in voices if v.quality in ("medium", "high")]
    known = [v for v in voices if v.licence]
    assert (f"{len(voices)} voices, {len(good)} of them of medium or high quality, in "
            f"{len({v.family for v in voices})} languages") in readme
    assert f"read for {len(known)} voices, every default among them" in readme


def test_the_listing_names_a_voice_folder_a_build_cannot_use(tmp_path: Path) -> None:
    """A voice copied in half was left out of the listing without a word: the build then
    read its language with eSpeak NG, and the user could not see why."""
    store = tmp_path / "voices"
    install(store, "de_DE-thorsten-medium", "de")
    (store / "fr_FR-siwis-medium").mkdir()
    (store / "fr_FR-siwis-medium" / "fr_FR-siwis-medium.onnx").write_bytes(b"half a model")
    (store / "voices.json").write_text(json.dumps(  # the catalogue as `voices update` leaves it
        {"de_DE-thorsten-medium": catalogue_entry("de_DE-thorsten-medium", "de",
                                                  voice_files("de_DE-thorsten-medium", "de", 440.0))}))
    model = store / "de_DE-thorsten-medium" / "de_DE-thorsten-medium.onnx"
    listed = run_cli("voices", "--engine", "piper", "--voice-dir", str(store))
    assert listed.returncode == 0, listed.stderr
    assert re.search(r"fr_FR-siwis-medium\s+not usable: fr_FR-siwis-medium.onnx without its "
                     r"config; remove its folder and fetch it again", listed.stdout), listed.stdout
    assert "de_DE-thorsten-medium " in listed.stdout and "not usable" not in listed.stdout.split(
        "fr_FR")[0]
    model.write_bytes(model.read_bytes()[:10])
    listed = run_cli("voices", "--engine", "piper", "--voice-dir", str(store))
    assert re.search(rf"de_DE-thorsten-medium\s+not usable: {re.escape(str(model))} has 10 bytes, "
                     r"the catalogue says \d+", listed.stdout), listed.stdout
