"""Loudness: podcast-grade levels, measured as ITU-R BS.1770 and EBU R128 define them.

The spoken-word podcast target is -16 LUFS for stereo and -19 LUFS for mono
(the same perceived level, as a mono file plays on both speakers), with true
peaks at or below -1 dBTP.

An episode is measured in segments (see encode.py), so that an edit measures
only what it changed. Each segment keeps its `Energy`: the K-weighted energy of
every 100 ms cell from its start (the last one shorter). A gating block is four
cells (400 ms, a new one every 100 ms), so the integrated loudness of the whole
track is combined from its segments' cells as BS.1770 defines it: the blocks
above -70 LUFS, then those above their mean less 10 LU. The grid of blocks
starts again at each segment, so that a segment's cells do not depend on where
it lies; segments meet in silence, where the weighting filter has nothing to
carry over and the block that spans the meeting holds one shorter cell.

One gain brings the episode to its target; a lookahead limiter then holds
sample peaks at -3 dBFS (low-bit-rate AAC and MP3 otherwise overshoot speech
peaks past the -1 dBTP limit). The limiter's gain is smooth: the least gain any
sample near it needs, averaged over a window that lies inside that
neighbourhood, so no sample passes the limit and the gain never jumps.
`measure` reads the figures of a finished file back with ffmpeg's ebur128.
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from ..ffmpeg import run_ffmpeg

#: integrated loudness targets, LUFS
TARGET_MONO = -19.0
TARGET_STEREO = -16.0
#: how much quieter each encoder's file measures than the samples it was given, in LU
#: (a 12-minute article of the bundled voice, decoded and measured: LAME at 64 kbit/s
#: 0.48-0.49, FFmpeg's AAC 0.10): the episode's target is raised by their mean over
#: its formats, so that MP3 alone meets it and MP3 with M4A lie 0.2 LU either side
ENCODER_LOSS = {"libmp3lame": 0.5, "aac": 0.1}
#: how far an edit may move an episode's loudness before its gain is set anew (and
#: every segment encoded again); EBU R128 allows 0.5 LU around the target
GAIN_TOLERANCE = 0.2
#: sample-peak ceiling of the limiter (0.7 = -3.1 dBFS)
LIMIT = 0.7
#: the limiter's gain falls and rises over this long around a peak
LIMITER_MS = 10
#: how much of the K-weighting's impulse response is convolved (the rest is below 1e-20)
RESPONSE_SECONDS = 0.25
CELL_SECONDS = 0.1  #: BS.1770's gating blocks overlap by 75%: a 400 ms block every 100 ms
_CELLS_PER_BLOCK = 4
ABSOLUTE_GATE = -70.0
RELATIVE_GATE = -10.0


@dataclass(frozen=True)
class Loudness:
    integrated: float  #: LUFS
    true_peak: float  #: dBTP
    loudness_range: float  #: LU


@dataclass(frozen=True)
class Level:
    """How an episode was brought to its loudness target: the gain, and the
    integrated loudness it gave before encoding."""

    gain_db: float
    lufs: float


@dataclass(frozen=True)
class Energy:
    """One segment's K-weighted energy in 100 ms cells from its start."""

    samples: int  #: the segment's length; every cell but the last is `cell_length` long
    cells: tuple[float, ...]  #: sum of squared K-weighted samples in each cell


def target_for(channels: int) -> float:
    return TARGET_STEREO if channels == 2 else TARGET_MONO


def cell_length(rate: int) -> int:
    return round(rate * CELL_SECONDS)


def energy(samples: np.ndarray, rate: int) -> Energy:
    """The Energy of a segment's `samples` (floats, full scale 1)."""
    weighted = k_weighted(samples, rate)
    squares = weighted * weighted
    cell = cell_length(rate)
    starts = np.arange(0, len(samples), cell)
    sums = np.add.reduceat(squares, starts) if len(samples) else np.zeros(0)
    return Energy(len(samples), tuple(float(value) for value in sums))


def k_weighted(samples: np.ndarray, rate: int) -> np.ndarray:
    """`samples` through BS.1770's K-weighting: convolved, by FFT in blocks (overlap-add),
    with the filter's impulse response, which falls below 1e-9 of its peak within 0.08 s
    and is kept for `RESPONSE_SECONDS`. numpy alone: importing scipy's filters cost an
    edit more than its whole measurement."""
    response, size, length = _k_response(rate)
    block = size - length + 1  #: a block's tail, length - 1 long, overlaps the next block only
    count = -(-len(samples) // block)
    blocks = np.zeros((count, block), np.float32)  # as fast as a recursive filter; 1e-8 dB
    blocks.ravel()[:len(samples)] = samples
    pieces = np.fft.irfft(np.fft.rfft(blocks, size, axis=1) * response, size, axis=1)
    out = pieces[:, :block]
    out[1:, :size - block] += pieces[:-1, block:]
    return out.ravel()[:len(samples)].astype(float)


@cache
def _k_response(rate: int) -> tuple[np.ndarray, int, int]:
    """The spectrum of the K-weighting's impulse response, the FFT's size it is taken
    at (a power of two, eight times the response or more: the fastest) and the
    response's length."""
    response = np.zeros(round(rate * RESPONSE_SECONDS))
    response[0] = 1.0
    for b0, b1, b2, _, a1, a2 in k_weighting(rate):  # each biquad in turn, direct form I
        x1 = x2 = y1 = y2 = 0.0
        for index, x in enumerate(response.tolist()):
            y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2
            x2, x1, y2, y1 = x1, x, y1, y
            response[index] = y
    size = 1 << (8 * len(response) - 1).bit_length()
    return np.fft.rfft(response.astype(np.float32), size), size, len(response)


def integrated(energies: Iterable[Energy], rate: int, channels: int = 1) -> float:
    """The integrated loudness (LUFS) of a track from its segments' energies, in
    order; mono heard on two speakers (`channels` 2) counts twice."""
    cell = cell_length(rate)
    sums, lengths = [], []
    for part in energies:
        sums += part.cells
        lengths += [cell] * (len(part.cells) - 1) + [part.samples - cell * (len(part.cells) - 1)]
    if len(sums) < _CELLS_PER_BLOCK:
        return -math.inf

    def blocks_of(values: list) -> np.ndarray:
        return np.lib.stride_tricks.sliding_window_view(np.asarray(values, dtype=float),
                                                        _CELLS_PER_BLOCK).sum(axis=1)
    blocks = blocks_of(sums) * channels / blocks_of(lengths)
    with np.errstate(divide="ignore"):
        loudness = -0.691 + 10 * np.log10(blocks)
    heard = blocks[loudness > ABSOLUTE_GATE]
    if not len(heard):
        return -math.inf
    relative = -0.691 + 10 * math.log10(heard.mean()) + RELATIVE_GATE
    gated = blocks[(loudness > ABSOLUTE_GATE) & (loudness > relative)]
    return -0.691 + 10 * math.log10(gated.mean())


@cache
def k_weighting(rate: int) -> np.ndarray:
    """BS.1770's K-weighting at `rate` as two biquad sections (b0, b1, b2, a0, a1, a2,
    a0 = 1): the head's high shelf and the RLB high-pass, each made from its
    analogue prototype by the bilinear transform (at 48 kHz they give the
    Recommendation's coefficients)."""
    shelf_f, shelf_gain, shelf_q = 1681.974450955533, 3.999843853973347, 0.7071752369554196
    k = math.tan(math.pi * shelf_f / rate)
    vh = 10 ** (shelf_gain / 20)
    vb = vh ** 0.4996667741545416
    a0 = 1 + k / shelf_q + k * k
    shelf = [(vh + vb * k / shelf_q + k * k) / a0, 2 * (k * k - vh) / a0,
             (vh - vb * k / shelf_q + k * k) / a0, 1.0, 2 * (k * k - 1) / a0,
             (1 - k / shelf_q + k * k) / a0]
    pass_f, pass_q = 38.13547087602444, 0.5003270373238773
    k = math.tan(math.pi * pass_f / rate)
    a0 = 1 + k / pass_q + k * k
    high_pass = [1.0, -2.0, 1.0, 1.0, 2 * (k * k - 1) / a0, (1 - k / pass_q + k * k) / a0]
    return np.array([shelf, high_pass])


def limited(samples: np.ndarray, rate: int) -> np.ndarray:
    """`samples` with no peak above LIMIT, the gain lowered smoothly around each peak.
    The gain at a sample depends on the peaks within two windows of it, so only the
    stretches around peaks are worked on (elsewhere it is 1), all at once: laid end
    to end, as each stretch opens and closes with a window of gain 1, which is what
    each would see beyond its ends on its own (one stretch at a time cost a Python
    loop of about fifty turns a segment)."""
    magnitude = np.abs(samples)
    over = np.flatnonzero(magnitude > LIMIT)
    if not len(over):
        return samples
    half = round(LIMITER_MS * rate / 1000)
    reach = 2 * half + 1
    apart = np.flatnonzero(np.diff(over) > 2 * reach)
    lows = np.maximum(0, over[np.concatenate([[0], apart + 1])] - reach)
    highs = np.minimum(len(samples), over[np.concatenate([apart, [len(over) - 1]])] + reach + 1)
    where = _ranges(lows, highs)  #: every sample of every stretch, in order
    needed = np.minimum(1.0, LIMIT / np.maximum(magnitude[where], 1e-12))
    gain = _sliding_mean(_sliding_min(needed, half), half)
    out = samples.copy()
    out[where] *= np.minimum(gain, needed)  # equal but for rounding: the mean is of lower values
    return out


def _ranges(lows: np.ndarray, highs: np.ndarray) -> np.ndarray:
    """The integers of each range [low, high), the ranges one after another."""
    lengths = highs - lows
    steps = np.ones(int(lengths.sum()), dtype=np.int64)
    steps[0] = lows[0]
    starts = np.cumsum(lengths)[:-1]
    steps[starts] = lows[1:] - highs[:-1] + 1  # from the end of one range to the next's start
    return np.cumsum(steps)


def _sliding_min(values: np.ndarray, half: int) -> np.ndarray:
    """The least of `values` within `half` samples either side of each (van Herk and
    Gil-Werman: running minima forward and backward in blocks of the window's width);
    beyond the ends, 1."""
    width = 2 * half + 1
    padded = np.concatenate([np.ones(half), values,
                             np.ones(half + (-(len(values) + 2 * half)) % width)])
    blocks = padded.reshape(-1, width)
    forward = np.minimum.accumulate(blocks, axis=1).ravel()
    backward = np.minimum.accumulate(blocks[:, ::-1], axis=1)[:, ::-1].ravel()
    return np.minimum(backward[:len(values)], forward[width - 1:width - 1 + len(values)])


def _sliding_mean(values: np.ndarray, half: int) -> np.ndarray:
    """The mean of `values` within `half` samples either side of each; beyond the
    ends, the end value."""
    padded = np.concatenate([np.full(half, values[0]), values, np.full(half, values[-1])])
    sums = np.concatenate([[0.0], np.cumsum(padded)])
    return (sums[2 * half + 1:] - sums[:-2 * half - 1]) / (2 * half + 1)


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
