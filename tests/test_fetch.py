"""Fetching voices and the catalogue from a source laid out as the piper-voices
repository, here a stand-in on 127.0.0.1 serving tiny test voices (the real
repository cannot be reached on these machines): files checked and renamed, and
every broken transfer ending in one line with nothing under the voice's name."""
from __future__ import annotations

import hashlib
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from audio_edition.voices import VoiceStore
from conftest import ROOT, SESSION_CACHE, run_cli
from tiny_voice import VoiceSource

KEY = "de_DE-thorsten-medium"


@pytest.fixture
def source():
    served = VoiceSource({KEY: ("de", 300.0), "fr_FR-siwis-medium": ("fr", 500.0)})
    yield served
    served.close()


def _fetch(store: Path, source: VoiceSource, *names: str) -> subprocess.CompletedProcess:
    return run_cli("voices", "fetch", *names, "--voice-dir", str(store), "--source", source.url)


def _updated(store: Path, source: VoiceSource) -> Path:
    """A store holding the stand-in's catalogue, as `voices update` leaves it."""
    store.mkdir(parents=True)
    (store / "voices.json").write_bytes(source.files["voices.json"])
    return store


def _nothing_under_the_voices_name(store: Path) -> None:
    assert not (store / KEY).exists()
    assert not [p for p in store.iterdir() if "partial" in p.name]


def test_update_then_fetch_by_key_and_by_language(tmp_path: Path, source: VoiceSource) -> None:
    store = tmp_path / "voices"
    updated = run_cli("voices", "update", "--voice-dir", str(store), "--source", source.url)
    assert updated.returncode == 0, updated.stderr
    assert "now lists 2 voices" in updated.stdout
    result = _fetch(store, source, "fr", KEY)
    assert result.returncode == 0, result.stderr
    assert f"{KEY}: fetched into {store / KEY}" in result.stdout
    for key in (KEY, "fr_FR-siwis-medium"):
        for name, path in source.paths[key].items():
            assert (store / key / name).read_bytes() == source.files[path]
    assert [v.key for v in VoiceStore(store).installed()] == ["de_DE-thorsten-medium",
                                                              "fr_FR-siwis-medium"]
    again = _fetch(store, source, KEY)
    assert again.returncode == 0 and f"{KEY}: already in" in again.stdout
    assert source.hits[source.paths[KEY][f"{KEY}.onnx"]] == 1
    assert result.stderr == ""  # no progress bar when standard error is not a terminal


@pytest.mark.parametrize("fault, file, words", [
    ("md5", f"{KEY}.onnx", "the catalogue says md5"),
    ("short", f"{KEY}.onnx.json", "bytes, the catalogue says"),
    ("drop", f"{KEY}.onnx", "broke off after"),
    ("404", "MODEL_CARD", "answered 404"),
])
def test_a_broken_transfer_is_one_line_and_leaves_nothing(tmp_path: Path, source: VoiceSource,
                                                          fault: str, file: str, words: str) -> None:
    store = _updated(tmp_path / "voices", source)
    source.faults[source.paths[KEY][file]] = fault
    result = _fetch(store, source, KEY)
    assert result.returncode == 1
    assert result.stdout == "" and result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith(f"audio-edition: error: {KEY}: ") and words in result.stderr
    _nothing_under_the_voices_name(store)
    del source.faults[source.paths[KEY][file]]  # the next fetch succeeds
    assert _fetch(store, source, KEY).returncode == 0 and (store / KEY / file).is_file()


def test_no_server_at_all_names_the_voice_the_address_and_the_ways_out(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port on which nothing listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    store = tmp_path / "voices"
    result = run_cli("voices", "fetch", "de", "--voice-dir", str(store),
                     "--source", f"http://127.0.0.1:{port}/mirror/")
    assert result.returncode == 1 and result.stderr.count("\n") == 1
    line = result.stderr
    assert f"{KEY}: cannot reach http://127.0.0.1:{port}/mirror/de/de_DE/thorsten/medium/" in line
    assert "Connection refused" in line and "mirror" in line and f"copy {store}" in line
    _nothing_under_the_voices_name(store)


def test_each_name_that_fails_is_one_line_and_costs_only_itself(tmp_path: Path,
                                                                source: VoiceSource) -> None:
    """Without `voices update` the shipped catalogue rules: the stand-in's tiny model
    is not the 63 MB it lists, so it is refused too."""
    result = _fetch(tmp_path / "voices", source, "xx_XX-nobody-medium", "de", "fr")
    assert result.returncode == 1 and result.stdout == ""
    first, second, third = result.stderr.splitlines()
    assert "xx_XX-nobody-medium: neither a voice of the shipped catalogue" in first
    assert f"{KEY}: " in second and "gave 755 bytes, the catalogue says 63201294 bytes" in second
    assert "fr_FR-siwis-medium: " in third
    assert not (tmp_path / "voices" / KEY).exists()


def test_two_fetches_of_one_voice_at_once_download_it_once(tmp_path: Path,
                                                           source: VoiceSource) -> None:
    store = _updated(tmp_path / "voices", source)
    source.gate.clear()  # hold the model back until both fetches have started
    command = [sys.executable, "-m", "audio_edition", "-v", "voices", "fetch", KEY,
               "--voice-dir", str(store), "--source", source.url]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(SESSION_CACHE)}
    first = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    assert source.arrived.wait(120), "the first fetch never asked for the model"
    second = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    waiting = threading.Event()
    lines: list[str] = []

    def read() -> None:
        for line in second.stderr:
            lines.append(line)
            if "another fetch of this voice is under way" in line:
                waiting.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    assert waiting.wait(120), f"the second fetch did not wait: {lines}"
    source.gate.set()
    out = first.communicate(timeout=300)
    second.wait(timeout=300)
    reader.join(timeout=60)
    assert first.returncode == 0 and second.returncode == 0, (out, lines)
    for name, path in source.paths[KEY].items():
        assert source.hits[path] == 1, name
    model = store / KEY / f"{KEY}.onnx"
    assert hashlib.md5(model.read_bytes()).hexdigest() == hashlib.md5(
        source.files[source.paths[KEY][f"{KEY}.onnx"]]).hexdigest()


def test_a_catalogue_that_cannot_be_read_leaves_the_old_one(tmp_path: Path,
                                                            source: VoiceSource) -> None:
    store = _updated(tmp_path / "voices", source)
    before = (store / "voices.json").read_bytes()
    source.faults["voices.json"] = "md5"  # its first byte spoilt: no longer JSON
    result = run_cli("voices", "update", "--voice-dir", str(store), "--source", source.url)
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert f"{source.url}voices.json: not a Piper voice catalogue" in result.stderr
    assert (store / "voices.json").read_bytes() == before


def test_a_store_that_cannot_be_written_is_one_line(tmp_path: Path, source: VoiceSource) -> None:
    """A voice store that is not a folder one can write in (here: beneath a file; a
    read-only or full disk alike) ends a fetch and an update in one line each."""
    (tmp_path / "a-file").write_text("not a folder")
    store = tmp_path / "a-file" / "voices"
    for command in (["fetch", KEY], ["update"]):
        result = run_cli("voices", *command, "--voice-dir", str(store), "--source", source.url)
        assert result.returncode == 1 and result.stderr.count("\n") == 1, result.stderr
        assert f"cannot write into the voice store {store}" in result.stderr, result.stderr


def test_fetching_a_damaged_voice_says_so_rather_than_already_there(
        tmp_path: Path, source: VoiceSource) -> None:
    """A voice copied in half (its model cut short) is not 'already in' the store: the
    fetch says which file differs from the catalogue and what to do."""
    store = _updated(tmp_path / "voices", source)
    assert _fetch(store, source, KEY).returncode == 0
    model = store / KEY / f"{KEY}.onnx"
    whole = model.read_bytes()
    model.write_bytes(whole[: len(whole) // 2])
    result = _fetch(store, source, KEY)
    assert result.returncode == 1 and result.stdout == "" and result.stderr.count("\n") == 1
    assert (f"{KEY}: {model} has {len(whole) // 2} bytes, the catalogue says {len(whole)}"
            in result.stderr), result.stderr
    assert f"remove {store / KEY} and fetch it again" in result.stderr
