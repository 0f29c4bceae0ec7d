"""gTTS: Google Translate's voices, for users who are online.

gTTS splits long text into pieces without breaking words and sends one
request per piece. This engine adds what a batch needs: a connect/read
timeout, retries with exponential back-off on 429 and 5xx answers, one clear
line when there is no connection, and the speaking rate through ffmpeg's
pitch-preserving `atempo` filter. The MP3 that comes back is decoded to PCM.
"""
from __future__ import annotations

import logging
import os
import time
from importlib.metadata import version as package_version

from .. import language
from .base import Clip

log = logging.getLogger(__name__)
SAMPLE_RATE = 24000  #: what Google's voices deliver
RETRY_STATUSES = {429, 500, 502, 503, 504}


class OfflineError(RuntimeError):
    """No connection to Google's service."""


class GttsEngine:
    name = "gtts"
    credit = "Google Translate text-to-speech"

    def __init__(self, voice: str | None = None, rate: float = 1.0, tld: str = "com",
                 timeout: tuple[float, float] = (5.0, 20.0), retries: int = 4,
                 backoff: float = 1.0, url: str | None = None, **_ignored) -> None:
        """`voice` is a gTTS language code to force (default: each text's language);
        `url` (or AUDIO_EDITION_GTTS_URL) replaces Google's host: a proxy, or a
        test's stand-in server."""
        self.voice = voice or "auto"
        self.rate = rate
        self.tld = tld
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.url = url or os.environ.get("AUDIO_EDITION_GTTS_URL")
        self.sample_rate = SAMPLE_RATE
        self.version = f"gtts {package_version('gTTS')}; tld {tld}; rate {rate}"

    def languages(self) -> set[str]:
        from gtts.lang import tts_langs

        return {code.lower() for code in tts_langs()}

    def speaks(self, lang: str) -> bool:
        return language.speaks(self.languages(), lang)

    def synthesize(self, text: str, lang: str | None = None) -> Clip:
        mp3 = self._fetch(text, self._lang(lang or "en"))
        return Clip(pcm=_decode(mp3, self.rate), sample_rate=SAMPLE_RATE)

    def _lang(self, lang: str) -> str:
        if self.voice != "auto":
            return self.voice
        codes = self.languages()
        return lang if lang.lower() in codes else language.primary(lang)

    def _fetch(self, text: str, lang: str) -> bytes:
        """Ask the service, retrying 429, 5xx and time-outs with exponential back-off."""
        import requests
        from gtts import gTTS, gTTSError

        for attempt in range(self.retries + 1):
            speech = gTTS(text, lang=lang, tld=self.tld, lang_check=False, timeout=self.timeout)
            try:
                with _endpoint(self.url):
                    return b"".join(speech.stream())
            except gTTSError as err:
                cause = err.__context__
                status = getattr(err.rsp, "status_code", None)
                timed_out = isinstance(cause, requests.Timeout)
                if err.rsp is None and not timed_out:
                    raise OfflineError("gTTS needs internet access; use --engine piper") from err
                if (status not in RETRY_STATUSES and not timed_out) or attempt == self.retries:
                    raise
                delay = self.backoff * 2 ** attempt
                log.info("gTTS: %s; retrying in %.1f s", status or "timed out", delay)
                time.sleep(delay)
        raise RuntimeError("unreachable")


class _endpoint:
    """Point gTTS's URL builder (gtts.tts._translate_url) at another host for a while."""

    def __init__(self, url: str | None) -> None:
        self.url = url

    def __enter__(self):
        if self.url:
            import gtts.tts

            self.original = gtts.tts._translate_url
            base = self.url.rstrip("/")
            gtts.tts._translate_url = lambda tld="com", path="": f"{base}/{path}"
        return self

    def __exit__(self, *exc) -> None:
        if self.url:
            import gtts.tts

            gtts.tts._translate_url = self.original


def _decode(mp3: bytes, rate: float) -> bytes:
    """MP3 to 16-bit mono PCM at SAMPLE_RATE, tempo changed with pitch kept."""
    from ..ffmpeg import run_ffmpeg

    tempo = [] if rate == 1.0 else ["-af", _atempo(rate)]
    result = run_ffmpeg("-v", "error", "-i", "pipe:0", *tempo, "-f", "s16le", "-ac", "1",
                        "-ar", str(SAMPLE_RATE), "pipe:1", input=mp3)
    return result.stdout


def _atempo(rate: float) -> str:
    """atempo takes 0.5 to 2.0 per stage; chain stages for 3.0."""
    stages = []
    while rate > 2.0:
        stages.append(2.0)
        rate /= 2.0
    stages.append(rate)
    return ",".join(f"atempo={stage:.4f}" for stage in stages)
