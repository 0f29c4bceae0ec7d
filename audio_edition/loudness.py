"""Loudness: podcast-grade levels with ffmpeg's two-pass loudnorm (EBU R128).

The spoken-word podcast target is -16 LUFS for stereo and -19 LUFS for mono
(the same perceived level, as a mono file plays on both speakers), with true
peaks at or below -1 dBTP. The first pass measures; the second applies a
linear gain where the measurement allows it, which keeps speech dynamics
intact. `measure` reads the same figures back from a finished file.
"""
from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .tools import ffmpeg

#: integrated loudness targets, LUFS
TARGET_MONO = -19.0
TARGET_STEREO = -16.0
#: true-peak ceiling asked of loudnorm; below the -1 dBTP limit, leaving room
#: for the peaks that lossy encoding adds
TRUE_PEAK = -2.0
LOUDNESS_RANGE = 7.0


@dataclass(frozen=True)
class Loudness:
    integrated: float  #: LUFS
    true_peak: float  #: dBTP
    loudness_range: float  #: LU


def target_for(channels: int) -> float:
    return TARGET_STEREO if channels == 2 else TARGET_MONO


def loudnorm_filter(source: Path, channels: int) -> str:
    """The filter chain for `source`: (mono to stereo when asked, so the level is
    measured as it will be heard,) then the second-pass loudnorm from a first
    measuring pass."""
    target = target_for(channels)
    layout = "pan=stereo|c0=c0|c1=c0," if channels == 2 else ""
    first = f"{layout}loudnorm=I={target}:TP={TRUE_PEAK}:LRA={LOUDNESS_RANGE}:print_format=json"
    result = subprocess.run([ffmpeg(), "-hide_banner", "-nostats", "-i", str(source),
                             "-af", first, "-f", "null", "-"],
                            capture_output=True, text=True, check=True)
    stats = json.loads(result.stderr[result.stderr.rindex("{"):result.stderr.rindex("}") + 1])
    return (f"{layout}loudnorm=I={target}:TP={TRUE_PEAK}:LRA={LOUDNESS_RANGE}"
            f":measured_I={stats['input_i']}:measured_TP={stats['input_tp']}"
            f":measured_LRA={stats['input_lra']}:measured_thresh={stats['input_thresh']}"
            f":offset={stats['target_offset']}:linear=true")


def measure(path: Path) -> Loudness:
    """Integrated loudness, true peak and loudness range of a finished file (ebur128)."""
    result = subprocess.run([ffmpeg(), "-hide_banner", "-nostats", "-i", str(path),
                             "-af", "ebur128=peak=true", "-f", "null", "-"],
                            capture_output=True, text=True, check=True)
    summary = result.stderr[result.stderr.rindex("Summary:"):]

    def value(label: str) -> float:
        return float(re.search(rf"{label}:\s+(-?[\d.]+|-inf)", summary).group(1))

    return Loudness(value("I"), value("Peak"), value("LRA"))
