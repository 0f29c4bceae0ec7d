"""Sounds: the show's intro and outro music, heard as it is, at the loudness of the
episode's speech.

ffmpeg decodes a sound file (any format it reads) to the speech's sample rate in
mono and measures its loudness (EBU R128) in the same pass; the speech's loudness
is measured on its first minute. The sound is then given the gain that brings it
to the speech's level, so that the loudness normalisation of the whole track
(`loudness.py`) sets both to the episode's target. A sound is decoded once per
process and sample rate.
"""
from __future__ import annotations

import functools
import logging
from pathlib import Path

import numpy as np

from ..engines import Clip
from ..errors import SettingsError
from ..ffmpeg import FfmpegFailed, run_ffmpeg
from ..script import Script
from .loudness import pcm_loudness, summary

log = logging.getLogger(__name__)

#: The speech's loudness is measured on this much of it: Piper's level hardly varies.
SPEECH_SAMPLE_SECONDS = 60
#: Loudness below this is silence, which no gain should match.
SILENT_LUFS = -60.0
_FULL_SCALE = 32767
#: The rate a sound is first decoded at to check it (the bundled voice's: decoded once).
CHECK_RATE = 22050


class SoundError(SettingsError):
    """A sound file of the show's settings that ffmpeg cannot read."""


def check_sound(path: str) -> None:
    """Raise SoundError unless ffmpeg reads `path` as audio."""
    decoded(path, CHECK_RATE)


def decoded(path: str, rate: int) -> tuple[bytes, float]:
    """The sound as 16-bit mono PCM at `rate`, and its integrated loudness (LUFS)."""
    stat = Path(path).stat()
    return _decoded(path, stat.st_mtime_ns, stat.st_size, rate)


@functools.lru_cache(maxsize=8)
def _decoded(path: str, _mtime: int, _size: int, rate: int) -> tuple[bytes, float]:
    try:
        result = run_ffmpeg("-hide_banner", "-nostats", "-i", path, "-af",
                            f"aformat=channel_layouts=mono,aresample={rate},ebur128",
                            "-ac", "1", "-ar", str(rate), "-f", "s16le", "pipe:1")
        pcm, stderr = result.stdout, result.stderr.decode("utf-8", "replace")
    except FfmpegFailed as err:
        pcm, stderr = b"", (err.stderr or b"").decode("utf-8", "replace")
    if not pcm or "Summary:" not in stderr:
        last = next((line for line in reversed(stderr.splitlines()) if line.strip()), "no audio")
        raise SoundError(f"{path}: cannot be read as audio (ffmpeg: {last.strip()})")
    return pcm, summary(stderr).integrated


def matched_sounds(script: Script, clips: list[Clip]) -> dict[str, Clip]:
    """Each sound of the Script as a clip at the speech's sample rate and loudness
    (`clips` are the Speaker's, one per utterance; a sound's is empty)."""
    wanted = list(dict.fromkeys(u.sound for u in script.utterances if u.sound))
    if not wanted:
        return {}
    rate = clips[0].sample_rate
    wanted_bytes, heard = SPEECH_SAMPLE_SECONDS * rate * 2, []
    for clip, utterance in zip(clips, script.utterances):  # the first minute, not the whole
        if sum(map(len, heard)) >= wanted_bytes:
            break
        if not utterance.sound:
            heard.append(clip.pcm)
    level = pcm_loudness(b"".join(heard)[:wanted_bytes], rate)
    return {path: Clip(_gained(path, *decoded(path, rate), level), rate) for path in wanted}


def _gained(path: str, pcm: bytes, own: float, level: float) -> bytes:
    """The sound brought from its loudness `own` to `level`; where that would clip,
    only as far as its peaks allow (and the log says by how much it falls short)."""
    if own < SILENT_LUFS or level < SILENT_LUFS:
        return pcm
    samples = np.frombuffer(pcm, dtype="<i2").astype(np.float64)
    gain = 10 ** ((level - own) / 20)
    peak = float(np.abs(samples).max()) if samples.size else 0.0
    if peak * gain > _FULL_SCALE:
        fitting = _FULL_SCALE / peak
        log.warning("%s: %.1f dB quieter than the speech: louder would clip its peaks",
                    path, 20 * np.log10(gain / fitting))
        gain = fitting
    return np.round(samples * gain).astype("<i2").tobytes()
