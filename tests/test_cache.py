"""The clip cache and parallel synthesis: an unchanged re-run synthesises nothing,
an edit synthesises only what changed, and the number of jobs changes nothing
that a listener can tell (from a warm cache, not a single byte)."""
from __future__ import annotations

import json
import re
import shutil
import struct
import wave
from pathlib import Path

import pytest
from mutagen.id3 import ID3

from audio_edition.speak.cache import wav_header
from conftest import PAGES, decoded_seconds, run_cli

pytestmark = pytest.mark.slow  # every test here synthesises a whole article, some twice

EDITED = ("Good tea needs fresh water, a warm pot and a little patience from whoever is waiting for it.",
          "Good tea needs soft water and a warm pot.")


def _build(page: Path, out: Path, cache: Path, *extra: str) -> int:
    result = run_cli("build", str(page), "--out", str(out), "--cache-dir", str(cache), *extra)
    assert result.returncode == 0, result.stderr
    return int(re.search(r"(\d+) sentences synthesised", result.stdout).group(1))


def _audio(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*.mp3")}


def test_rerun_and_edit(tmp_path: Path) -> None:
    page = tmp_path / "tea.html"
    page.write_text((PAGES / "short.html").read_text())
    cache, out = tmp_path / "cache", tmp_path / "out"
    cold = _build(page, out, cache)
    assert cold >= 10
    first = _audio(out)
    assert _build(page, out, cache) == 0  # unchanged: nothing synthesised...
    assert _audio(out) == first  # ...and the very same episode
    assert _build(page, tmp_path / "elsewhere", cache) == 0  # rebuilt from the cache alone
    assert _audio(tmp_path / "elsewhere") == {k: v for k, v in first.items()}
    page.write_text(page.read_text().replace(*EDITED))
    assert _build(page, out, cache) == 1  # one edited sentence, one synthesis
    assert _audio(out) != first


def test_a_damaged_cache_entry_is_synthesised_again(tmp_path: Path) -> None:
    cache, out = tmp_path / "cache", tmp_path / "out"
    cold = _build(PAGES / "short.html", out, cache)
    entries = sorted(cache.rglob("*.wav"))
    assert len(entries) == cold
    length = decoded_seconds(next(out.glob("*/*.mp3")))
    data = entries[1].read_bytes()
    damage = {
        entries[0]: b"RIFF broken",
        entries[1]: data[:len(data) // 2],  # truncated: the header promises more
        entries[2]: entries[2].read_bytes() + b"\x00",  # odd length
        # another format: the same bytes said to be 8-bit stereo at 11 kHz
        entries[3]: wav_header(22050, 1)[:22] + struct.pack("<HIIHH", 2, 11025, 22050, 2, 8)
        + entries[3].read_bytes()[36:],
        entries[4]: wav_header(16000, (len(entries[4].read_bytes()) - 44) // 2)
        + entries[4].read_bytes()[44:],  # the voice speaks at 22.05 kHz
    }
    for path, broken in damage.items():
        path.write_bytes(broken)
    (entries[5].parent / ".leftover.partial").write_bytes(b"half a clip")
    result = run_cli("build", str(PAGES / "short.html"), "--out", str(tmp_path / "again"),
                     "--cache-dir", str(cache))
    assert result.returncode == 0, result.stderr
    assert "5 sentences synthesised" in result.stdout
    warnings = [line for line in result.stderr.splitlines() if "clip cache:" in line]
    assert sorted(w.split("clip cache: ")[1].split(" is damaged")[0] for w in warnings) == \
        sorted(str(p) for p in damage)  # each one named, once
    # The truncated clip was replaced by a whole one: its header and its samples agree, and it
    # is not half as long as before (Piper's noise moves a short clip's length by 20% and more).
    with wave.open(str(entries[1])) as clip:
        assert clip.getnframes() * clip.getsampwidth() == len(entries[1].read_bytes()) - 44
        assert clip.getnframes() > 0.7 * (len(data) - 44) // 2
    assert abs(decoded_seconds(next((tmp_path / "again").glob("*/*.mp3"))) - length) < 0.05 * length
    assert _build(PAGES / "short.html", tmp_path / "third", cache) == 0  # replaced by good clips


def test_jobs_change_nothing_a_listener_can_tell(tmp_path: Path) -> None:
    outs = {}
    for jobs in ("1", "2"):
        outs[jobs] = tmp_path / f"out{jobs}"
        _build(PAGES / "structure.html", outs[jobs], tmp_path / f"cache{jobs}", "--jobs", jobs)
    records = {j: json.loads(next(o.glob("*/episode.json")).read_text()) for j, o in outs.items()}
    assert [(c["title"], c["level"]) for c in records["1"]["chapters"]] == \
        [(c["title"], c["level"]) for c in records["2"]["chapters"]]
    cues = {j: [line for line in next(o.glob("*/transcript-*.vtt")).read_text().splitlines()
                if line and "-->" not in line] for j, o in outs.items()}
    assert cues["1"] == cues["2"]  # the same words in the same order
    # From one warm cache, one and two jobs give the same bytes.
    warm = tmp_path / "warm"
    shutil.copytree(tmp_path / "cache1", warm)
    for jobs in ("1", "2"):
        target = tmp_path / f"warm-out{jobs}"
        assert _build(PAGES / "structure.html", target, warm, "--jobs", jobs) == 0
    assert _audio(tmp_path / "warm-out1") == _audio(tmp_path / "warm-out2") == _audio(outs["1"])
    tags = [ID3(next((tmp_path / f"warm-out{j}").rglob("*.mp3"))).getall("CHAP") for j in "12"]
    assert [(c.start_time, c.end_time) for c in tags[0]] == [(c.start_time, c.end_time) for c in tags[1]]


def test_a_lexicon_edit_synthesises_only_the_sentences_it_changes(tmp_path: Path) -> None:
    """The key holds the words as spoken after the lexicon, not the lexicon's version:
    an entry for one word misses only where that word is."""
    cache, out = tmp_path / "cache", tmp_path / "out"
    lexicon = tmp_path / "tea.toml"
    lexicon.write_text('[en]\n"strainer" = "tea strainer"\n', encoding="utf-8")
    cold = _build(PAGES / "short.html", out, cache, "--lexicon", str(lexicon))
    assert cold >= 10
    lexicon.write_text('[en]\n"strainer" = "sieve"\n"saucer" = "small plate"\n', encoding="utf-8")
    # one sentence says "strainer", one (the picture's description) "saucer"
    assert _build(PAGES / "short.html", out, cache, "--lexicon", str(lexicon)) == 2
    lexicon.write_text('[en]\n"strainer" = "sieve"\n"saucer" = "small plate"\n'
                       '"kettle" = "pot"\n', encoding="utf-8")  # a word the article lacks
    assert _build(PAGES / "short.html", out, cache, "--lexicon", str(lexicon)) == 0
