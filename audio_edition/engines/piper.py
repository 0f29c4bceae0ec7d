"""Piper: the embedded, offline neural voice (piper-tts + the bundled joe voice)."""
from __future__ import annotations

import hashlib
import json
import logging
import os
from functools import cached_property
from importlib.metadata import version as package_version
from pathlib import Path

from .. import language
from ..voices.store import bundled_voice, model_digest, voice_licence
from .base import Clip

log = logging.getLogger(__name__)


class PiperEngine:
    """A Piper voice; its model loads on first use, so a pool's parent process
    can know the engine (version, languages) without loading the model."""

    name = "piper"

    def __init__(self, voice: str | Path | None = None, rate: float = 1.0,
                 threads: int = 1, **_ignored) -> None:
        """`voice` is an .onnx file beside its .onnx.json (default: the bundled
        en_US voice); `rate` above 1 speaks faster (Piper's length scale, pitch
        kept); `threads` is onnxruntime's intra-op thread count per process."""
        self.model = Path(voice) if voice else bundled_voice()
        self.config_path = Path(f"{self.model}.json")
        if not self.model.is_file() or not self.config_path.is_file():
            raise FileNotFoundError(f"Piper voice {self.model} or its {self.config_path.name} is missing")
        try:
            self._config_data = json.loads(self.config_path.read_text(encoding="utf-8"))
            self.sample_rate = int(self._config_data["audio"]["sample_rate"])
        except (ValueError, KeyError, TypeError) as err:
            raise ValueError(f"{self.config_path} is not a Piper voice config ({err})") from err
        self.rate = rate
        self.threads = threads
        self.voice = self.model.name.removesuffix(".onnx")
        espeak_voice = str(self._config_data.get("espeak", {}).get("voice", "en-us")).lower()
        self._languages = {espeak_voice, language.primary(espeak_voice)}
        self._voice = None
        self._synthesis = None

    @cached_property
    def version(self) -> str:
        """Part of every clip's cache key: the voice's key and the digests of its model
        and config, so replacing a voice's file synthesises its sentences again."""
        config = hashlib.sha256(self.config_path.read_bytes()).hexdigest()[:12]
        return (f"piper-tts {package_version('piper-tts')}; {self.voice} "
                f"{model_digest(self.model)[:12]}/{config}; rate {self.rate}")

    @property
    def credit(self) -> str:
        return self.voice

    @property
    def licence(self) -> str | None:
        """The voice's dataset licence, as its model card (or the catalogue's table) says."""
        return voice_licence(self.model, self.voice)

    def languages(self) -> set[str]:
        return self._languages

    def speaks(self, lang: str) -> bool:
        return language.speaks(self._languages, lang)

    def load(self) -> None:
        """Open the model (done by the first synthesize)."""
        if self._voice is not None:
            return
        import onnxruntime
        from piper import PiperVoice
        from piper.config import PiperConfig, SynthesisConfig

        config = PiperConfig.from_dict(self._config_data)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = self.threads
        options.inter_op_num_threads = 1
        try:
            session = onnxruntime.InferenceSession(str(self.model), sess_options=options,
                                                   providers=["CPUExecutionProvider"])
        except Exception as err:  # onnxruntime's own error types: a file cut short or foreign
            reason = str(err).rsplit(":", 1)[-1].strip(" .")
            raise RuntimeError(f"the voice {self.voice} cannot be loaded from {self.model} "
                               f"({reason}): the file is damaged or no voice model; fetch it "
                               f"again (remove its folder first)") from None
        self._voice = PiperVoice(session=session, config=config)
        log.info("voice %s loaded (process %d)", self.voice, os.getpid())
        self._synthesis = SynthesisConfig(length_scale=config.length_scale / self.rate)

    def synthesize(self, text: str, lang: str | None = None) -> Clip:
        self.load()
        pcm = b"".join(chunk.audio_int16_bytes
                       for chunk in self._voice.synthesize(text, self._synthesis))
        return Clip(pcm=pcm, sample_rate=self.sample_rate)
