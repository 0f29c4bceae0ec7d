"""Segments: encoded once, joined without encoding again, decoded as one encode.

Real Piper speech, real ffmpeg encoders and decoders, PyAV's muxers."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from audio_edition.audio import loudness, timeline
from audio_edition.audio.encode import EncodeOptions, SegmentStore, _Mastering
from audio_edition.audio.segments import FORMATS, encode_frames, join, resampled
from audio_edition.ffmpeg import ffmpeg
from audio_edition.pipeline import make_script
from audio_edition.speak import EngineSpec, Speaker
from audio_edition.speak.cache import ClipCache
from conftest import SESSION_CACHE, run_cli

SECTIONS = {
    "Morning": ["The ferry leaves the harbour at seven, when the water is still grey.",
                "Gulls follow it past the breakwater and turn back at the buoy."],
    "Noon": ["By noon the island's market has sold its last loaves of rye bread.",
             "The baker closes early on Thursdays and walks to the lighthouse."],
    "Evening": ["In the evening the wind drops and the fishing boats come home.",
                "Their lamps make a slow line across the bay until it is dark."],
}


def _page(folder: Path, sections: dict[str, list[str]]) -> Path:
    body = "".join(f"<h2>{title}</h2>" + "".join(f"<p>{p}</p>" for p in paragraphs)
                   for title, paragraphs in sections.items())
    page = folder / "island.html"
    page.write_text(f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
                    f"<title>Island Days</title></head><body><article><h1>Island Days</h1>"
                    f"{body}</article></body></html>", encoding="utf-8")
    return page


def _decoded(path: Path) -> np.ndarray:
    result = subprocess.run([ffmpeg(), "-v", "error", "-i", str(path), "-f", "f32le", "-ac", "1",
                             "-ar", "44100", "-"], capture_output=True, check=True)
    return np.frombuffer(result.stdout, "<f4")


def _snr(reference: np.ndarray, other: np.ndarray) -> float:
    return float(10 * np.log10((reference ** 2).sum() / ((reference - other) ** 2).sum()))


@pytest.fixture(scope="module")
def track(tmp_path_factory):
    """A short article's track, cut into a segment a chapter (the run lengths made
    short for it), its clips in the session's cache."""
    folder = tmp_path_factory.mktemp("island")
    script = make_script(str(_page(folder, SECTIONS)))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timeline, "MIN_RUN_SECONDS", 2)
        with Speaker(EngineSpec("piper"), 1, ClipCache(SESSION_CACHE / "segments-test")) as speaker:
            clips = speaker.speak(script)
            laid = timeline.lay_out(script, clips, False, EncodeOptions(("mp3", "m4a")).frame_grid)
            assert len(laid.timeline.cuts) == 4  # the title's chapter and one a section
            yield laid


@pytest.mark.parametrize("name", ["mp3", "m4a"])
def test_joined_segments_decode_as_one_encode_of_the_whole(track, tmp_path: Path, name: str):
    """Segments encoded apart and joined decode to the track's exact length, in
    place, as close to an encode of the whole as two encodes of it are."""
    options = EncodeOptions(("mp3", "m4a"))
    store = SegmentStore(tmp_path / "store")
    mastering = _Mastering(track, options, store)
    keys = mastering.encode(0.0)
    assert store.encoded == 4
    fmt = FORMATS[name]
    joined = tmp_path / f"joined{fmt.suffix}"
    join(((s.out_start, store.frames(k)[name]) for s, k in zip(mastering.segments, keys)),
         fmt, 64000, 1, mastering.total, joined)
    whole = tmp_path / f"whole{fmt.suffix}"
    mastered = mastering._mastered(track.samples(0, track.timeline.total), 0.0)
    rate = track.timeline.sample_rate
    samples = resampled(mastered, rate, mastering.total)
    join([(0, encode_frames(mastered, rate, mastering.total, fmt, 64000, 1, keep_all=True))],
         fmt, 64000, 1, mastering.total, whole)
    a, b = _decoded(joined), _decoded(whole)
    assert len(a) == len(b) == 2 * track.timeline.total  # the voice speaks at 22,050 Hz
    # as faithful to the track as an encode of the whole (a segment a frame out of
    # place costs the joined file over 5 dB), and about as near to it as its noise
    assert _snr(samples, a) > _snr(samples, b) - 0.5
    assert _snr(b, a) > _snr(samples, b) - 3
    assert np.abs(a).max() < np.abs(b).max() * 1.05, "a click at a join"
    for cut in track.timeline.cuts[1:]:  # silence on both sides of every join
        assert np.abs(a[2 * cut - 2000:2 * cut + 1000]).max() < 0.01, f"sound at the cut {cut}"


def test_loudness_combined_from_segments_is_ffmpegs_of_the_whole(track, tmp_path: Path):
    """BS.1770 integrated loudness from the segments' cells agrees with ffmpeg's
    ebur128 reading the whole track (which it prints to 0.1 LU; the block grid
    starts again at each of the three cuts of this half-minute track)."""
    rate = track.timeline.sample_rate
    parts = [loudness.energy(track.samples(start, end), rate)
             for start, end in track.timeline.segments]
    whole = track.samples(0, track.timeline.total)
    raw = tmp_path / "track.raw"
    raw.write_bytes(np.round(whole * 32768).astype("<i2").tobytes())
    found = subprocess.run([ffmpeg(), "-nostdin", "-hide_banner", "-nostats", "-f", "s16le",
                            "-ar", str(rate), "-ac", "1", "-i", str(raw), "-af", "ebur128",
                            "-f", "null", "-"], capture_output=True, text=True, check=True)
    assert loudness.integrated(parts, rate) == pytest.approx(
        loudness.summary(found.stderr).integrated, abs=0.2)


def test_the_limiter_holds_every_peak_and_moves_its_gain_smoothly():
    rate = 22050
    rng = np.random.default_rng(3)
    loud = rng.standard_normal(rate) * 0.5
    out = loudness.limited(loud, rate)
    assert np.abs(out).max() <= loudness.LIMIT + 1e-9
    gain = out / np.where(loud == 0, 1, loud)
    assert np.abs(np.diff(gain)).max() < 0.01  # no step: the gain glides
    quiet = loud * 0.1
    assert np.array_equal(loudness.limited(quiet, rate), quiet)
    # Peaks at the very ends, and one alone: every stretch is held, the rest untouched.
    edges = quiet.copy()
    edges[[0, 1, rate // 2, rate - 1]] = [0.95, -0.9, 0.99, -1.0]
    out = loudness.limited(edges, rate)
    assert np.abs(out).max() <= loudness.LIMIT + 1e-9
    near = round(2 * loudness.LIMITER_MS * rate / 1000) + 1
    away = np.r_[near + 2:rate // 2 - near - 1, rate // 2 + near + 2:rate - near - 2]
    assert np.array_equal(out[away], edges[away])


def _record(out: Path) -> dict:
    return json.loads((out / "island" / "episode.json").read_text())


def _frames(store: Path) -> set[str]:
    return {p.name for p in store.rglob("*.frames")}


@pytest.mark.slow
def test_an_edit_encodes_its_segment_only_and_equals_a_cold_build(tmp_path: Path):
    """One paragraph edited: one segment encoded, the rest joined as it was; the
    episode equals a cold build of the edited article in duration, chapters and
    the timing of every utterance, and in loudness within 0.5 LU."""
    long_sections = {title: paragraphs * 2 for title, paragraphs in SECTIONS.items()}
    folder, cache, out = tmp_path / "in", tmp_path / "cache", tmp_path / "out"
    folder.mkdir()
    page = _page(folder, long_sections)
    build = ("build", str(page), "--out", str(out), "--cache-dir", str(cache),
             "--format", "mp3,m4a", "--daisy")
    assert run_cli(*build).returncode == 0
    first, before = _record(out), _frames(cache / "segments")
    assert len(before) >= 3  # more than one segment, or nothing is left untouched
    edited = dict(long_sections, Noon=[long_sections["Noon"][0].replace("rye", "barley"),
                                       *long_sections["Noon"][1:]])
    _page(folder, edited)
    result = run_cli(*build)
    assert result.returncode == 0, result.stderr
    assert "1 sentences synthesised" in result.stdout
    assert len(_frames(cache / "segments") - before) == 1
    again = _record(out)
    assert again["gain_db"] == first["gain_db"]

    cold_cache, cold_out = tmp_path / "cold-cache", tmp_path / "cold-out"
    shutil.copytree(cache, cold_cache, ignore=shutil.ignore_patterns("segments"))
    cold = run_cli("build", str(page), "--out", str(cold_out), "--cache-dir", str(cold_cache),
                   "--format", "mp3,m4a", "--daisy")
    assert cold.returncode == 0 and "0 sentences synthesised" in cold.stdout
    fresh = _record(cold_out)
    assert again["duration_seconds"] == fresh["duration_seconds"]
    assert again["chapters"] == fresh["chapters"]
    timing = [json.loads((o / r["extras"]["utterances.json"]["path"]).read_text())
              for o, r in ((out, again), (cold_out, fresh))]
    assert timing[0] == timing[1]
    for name in ("mp3", "m4a"):
        edited_file, cold_file = out / again["media"][name]["path"], cold_out / fresh["media"][name]["path"]
        assert len(_decoded(edited_file)) == len(_decoded(cold_file))
        assert loudness.measure(edited_file).integrated == pytest.approx(
            loudness.measure(cold_file).integrated, abs=0.5)
        assert loudness.measure(edited_file).true_peak < -1.0
