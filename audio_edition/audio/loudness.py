"""Loudness: podcast-grade levels, measured and set with ffmpeg (EBU R128).

The spoken-word podcast target is -16 LUFS for stereo and -19 LUFS for mono
(the same perceived level, as a mono file plays on both speakers), with true
peaks at or below -1 dBTP and a loudness range of at most 8 LU.

First ffmpeg's `ebur128` scanner measures the track. Where a plain gain
reaches the target with the range within the limit and peaks no more
than 3 dB over full scale (the usual case for speech; Piper's sentences peak
at full scale), that gain is applied:
what `loudnorm` does in its linear mode, at a quarter of the cost (loudnorm
works at 192 kHz). Otherwise the track goes through ffmpeg's two-pass
`loudnorm` in dynamic mode. Last, ffmpeg's `alimiter` holds sample
peaks at -3 dBFS: low-bit-rate AAC otherwise overshoots speech peaks by up
to 2 dB, past the -1 dBTP limit. `measure` reads the figures back from a
finished file.
"""
from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from ..ffmpeg import run_ffmpeg

log = logging.getLogger(__name__)

#: integrated loudness targets, LUFS
TARGET_MONO = -19.0
TARGET_STEREO = -16.0
#: true-peak ceiling we aim for: below the -1 dBTP limit, leaving room for
#: the peaks that lossy encoding adds
TRUE_PEAK = -2.0
LOUDNESS_RANGE = 7.0
MAX_LOUDNESS_RANGE = 8.0
#: a plain gain may bring true peaks up to 3 dB over full scale: the limiter takes them down
LINEAR_PEAK_MAX = 3.0
#: measurements of the limited track, each correcting the gain (one gets within 0.2 dB)
MAKE_UP_ROUNDS = 1
#: MP3 and AAC at podcast bit rates cut the highest frequencies, which the loudness
#: weighting counts: the encoded file measures about 0.3 dB quieter than its input
ENCODER_ALLOWANCE = 0.3
#: sample-peak ceiling of the final limiter (0.7 = -3.1 dBFS)
LIMIT = 0.7
_LIMITER = f"alimiter=limit={LIMIT}:attack=1:release=40:level=disabled"


@dataclass(frozen=True)
class Loudness:
    integrated: float  #: LUFS
    true_peak: float  #: dBTP
    loudness_range: float  #: LU


def target_for(channels: int) -> float:
    return TARGET_STEREO if channels == 2 else TARGET_MONO


def normalisation_filter(source: Path, channels: int) -> str:
    """The ffmpeg filter chain that brings `source` to the target (see module doc).
    Mono becomes stereo first when asked, so the level is measured as heard."""
    target = target_for(channels)
    layout = "pan=stereo|c0=c0|c1=c0," if channels == 2 else ""
    found = _scan(source, layout + "ebur128=peak=sample")  # true peak costs 4x as much
    gain = target - found.integrated
    log.info("%s: %.1f LUFS, true peak %.1f dBTP, range %.1f LU; gain %.1f dB",
             source.name, found.integrated, found.true_peak, found.loudness_range, gain)
    if found.true_peak + gain <= LINEAR_PEAK_MAX and found.loudness_range <= MAX_LOUDNESS_RANGE:
        # The limiter lowers the loudness a little; measure that and make up for it.
        for _ in range(MAKE_UP_ROUNDS):
            chain = f"{layout}volume={gain:.2f}dB,{_LIMITER}"
            gain += target + ENCODER_ALLOWANCE - _scan(source, f"{chain},ebur128").integrated
        return f"{layout}volume={gain:.2f}dB,{_LIMITER}"
    return f"{layout}{_loudnorm_second_pass(source, layout, target)},{_LIMITER}"


def _loudnorm_second_pass(source: Path, layout: str, target: float) -> str:
    first = f"{layout}loudnorm=I={target}:TP={TRUE_PEAK}:LRA={LOUDNESS_RANGE}:print_format=json"
    result = run_ffmpeg("-hide_banner", "-nostats", "-i", str(source), "-af", first,
                        "-f", "null", "-", text=True)
    stats = json.loads(result.stderr[result.stderr.rindex("{"):result.stderr.rindex("}") + 1])
    return (f"loudnorm=I={target}:TP={TRUE_PEAK}:LRA={LOUDNESS_RANGE}"
            f":measured_I={stats['input_i']}:measured_TP={stats['input_tp']}"
            f":measured_LRA={stats['input_lra']}:measured_thresh={stats['input_thresh']}"
            f":offset={stats['target_offset']}:linear=true")


def measure(path: Path) -> Loudness:
    """Integrated loudness, true peak and loudness range of a finished file (ebur128)."""
    return _scan(path, "ebur128=peak=true")


def pcm_loudness(pcm: bytes, rate: int) -> float:
    """Integrated loudness (LUFS) of 16-bit mono PCM at `rate`, fed to ffmpeg's ebur128."""
    result = run_ffmpeg("-hide_banner", "-nostats", "-f", "s16le", "-ar", str(rate), "-ac", "1",
                        "-i", "pipe:0", "-af", "ebur128", "-f", "null", "-", input=pcm)
    return summary(result.stderr.decode("utf-8", "replace")).integrated


def _scan(path: Path, graph: str) -> Loudness:
    result = run_ffmpeg("-hide_banner", "-nostats", "-i", str(path), "-af", graph,
                        "-f", "null", "-", text=True)
    return summary(result.stderr)


def summary(stderr: str) -> Loudness:
    """The figures of the summary ffmpeg's ebur128 filter writes at the end."""
    text = stderr[stderr.rindex("Summary:"):]

    def value(label: str) -> float:
        found = re.search(rf"{label}:\s+(-?[\d.]+|-inf)", text)
        if not found:
            return float("nan")
        return float("-inf") if found.group(1) == "-inf" else float(found.group(1))

    return Loudness(value("I"), value("Peak"), value("LRA"))  # "Peak": as asked, or none
