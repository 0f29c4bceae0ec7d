"""eSpeak NG: offline, about a hundred languages, the voice many screen-reader
users know. The library and its data come from the espeakng-loader wheel
(or AUDIO_EDITION_ESPEAK_LIB / _DATA); it is driven through its C API with
ctypes, in synchronous mode, one process at a time (the library is global)."""
from __future__ import annotations

import ctypes
import os
import threading
from dataclasses import dataclass

from .. import language
from .base import Clip

_AUDIO_OUTPUT_SYNCHRONOUS = 2
_POS_CHARACTER = 1
_CHARS_UTF8 = 1
_ESPEAK_RATE = 1
#: eSpeak's own default pace, words per minute, at rate 1.0
BASE_WPM = 175
_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int,
                             ctypes.c_void_p)


class _Voice(ctypes.Structure):
    _fields_ = [("name", ctypes.c_char_p), ("languages", ctypes.c_char_p),
                ("identifier", ctypes.c_char_p), ("gender", ctypes.c_ubyte),
                ("age", ctypes.c_ubyte), ("variant", ctypes.c_ubyte), ("xx1", ctypes.c_ubyte),
                ("score", ctypes.c_int), ("spare", ctypes.c_void_p)]


@dataclass(frozen=True)
class VoiceInfo:
    name: str
    identifier: str
    languages: tuple[str, ...]


class _Library:
    """The loaded library, initialised once per process."""

    _lock = threading.Lock()
    _instance: _Library | None = None

    def __init__(self) -> None:
        lib_path = os.environ.get("AUDIO_EDITION_ESPEAK_LIB")
        data_path = os.environ.get("AUDIO_EDITION_ESPEAK_DATA")
        if not lib_path or not data_path:
            import espeakng_loader

            lib_path = lib_path or espeakng_loader.get_library_path()
            data_path = data_path or espeakng_loader.get_data_path()
        self.lib = ctypes.CDLL(lib_path)
        self.lib.espeak_Info.restype = ctypes.c_char_p
        self.lib.espeak_ListVoices.restype = ctypes.POINTER(ctypes.POINTER(_Voice))
        self.sample_rate = self.lib.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 0,
                                                      data_path.encode(), 0)
        if self.sample_rate <= 0:
            raise RuntimeError(f"eSpeak NG failed to start (data in {data_path})")
        self.version = self.lib.espeak_Info(None).decode()
        self.chunks: list[bytes] = []
        self._callback = _CALLBACK(self._collect)  # kept alive as long as the library
        self.lib.espeak_SetSynthCallback(self._callback)

    @classmethod
    def get(cls) -> _Library:
        with cls._lock:
            if cls._instance is None:
                cls._instance = cls()
            return cls._instance

    def _collect(self, wav, count: int, events) -> int:
        if count > 0:
            self.chunks.append(ctypes.string_at(wav, count * 2))
        return 0

    def voices(self) -> list[VoiceInfo]:
        found, array = [], self.lib.espeak_ListVoices(None)
        index = 0
        while array[index]:
            voice = array[index].contents
            found.append(VoiceInfo(voice.name.decode(), voice.identifier.decode(),
                                   _languages(voice.languages)))
            index += 1
        return found

    def speak(self, text: str, voice: str, wpm: int) -> bytes:
        with self._lock:
            if self.lib.espeak_SetVoiceByName(voice.encode()) != 0:
                raise ValueError(f"eSpeak NG has no voice {voice!r}")
            self.lib.espeak_SetParameter(_ESPEAK_RATE, wpm, 0)
            self.chunks = []
            data = text.encode("utf-8")
            status = self.lib.espeak_Synth(ctypes.c_char_p(data), len(data) + 1, 0,
                                           _POS_CHARACTER, 0, _CHARS_UTF8, None, None)
            self.lib.espeak_Synchronize()
            if status != 0:
                raise RuntimeError(f"eSpeak NG synthesis failed (status {status})")
            return b"".join(self.chunks)


def _languages(raw: bytes) -> tuple[str, ...]:
    """eSpeak's list: a priority byte, then a language name, NUL-terminated, repeated."""
    found, position = [], 0
    while raw and position < len(raw):
        end = raw.index(b"\0", position + 1) if b"\0" in raw[position + 1:] else len(raw)
        found.append(raw[position + 1:end].decode(errors="replace"))
        position = end + 1
    return tuple(found)


class EspeakEngine:
    """eSpeak NG with one voice per language, chosen by the utterance's language."""

    name = "espeak"
    credit = "eSpeak NG"

    def __init__(self, voice: str | None = None, rate: float = 1.0, **_ignored) -> None:
        """`voice` forces one eSpeak voice; by default each text's language picks it."""
        self._library = _Library.get()
        self.voice = voice or "auto"
        self.rate = rate
        self.sample_rate = self._library.sample_rate
        self.version = f"espeak-ng {self._library.version}; rate {rate}"
        #: language -> the identifier of the first voice that speaks it ("fr-fr" -> "roa/fr")
        self._voices: dict[str, str] = {}
        for info in self._library.voices():
            for lang in info.languages:
                self._voices.setdefault(lang.lower(), info.identifier)
        self._languages = set(self._voices)

    def languages(self) -> set[str]:
        return self._languages

    def speaks(self, lang: str) -> bool:
        return self._match(lang) is not None

    def _match(self, lang: str) -> str | None:
        """The eSpeak language for `lang`: itself, its primary tag, or a regional
        form of that (fr-CA -> fr, or fr-fr)."""
        lang = lang.lower()
        primary = language.primary(lang)
        for candidate in (lang, primary):
            if candidate in self._languages:
                return candidate
        if f"{primary}-{primary}" in self._languages:
            return f"{primary}-{primary}"
        regional = sorted(code for code in self._languages if code.startswith(primary + "-"))
        return regional[0] if regional else None

    def synthesize(self, text: str, lang: str | None = None) -> Clip:
        voice = self.voice if self.voice != "auto" else self._voice_for(lang or "en")
        pcm = self._library.speak(text, voice, round(BASE_WPM * self.rate))
        return Clip(pcm=pcm, sample_rate=self.sample_rate)

    def _voice_for(self, lang: str) -> str:
        return self._voices.get(self._match(lang) or "en", "en")

    def voices(self) -> list[VoiceInfo]:
        return self._library.voices()
