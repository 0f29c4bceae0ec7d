"""The engines behind one protocol: Piper, eSpeak NG and gTTS (over real HTTP to a
stand-in server on 127.0.0.1), the language fallback, the registry's entry points."""
from __future__ import annotations

import base64
import json
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from gtts import gTTSError

from audio_edition.engines import available, get_engine
from audio_edition.engines.gtts import GttsEngine, OfflineError
from audio_edition.pipeline import make_script
from audio_edition.speak import EngineSpec, Speaker
from audio_edition.ffmpeg import ffmpeg
from conftest import PAGES, run_cli

TEXT = "The kettle sings when the water is ready for the pot."


def _seconds(clip) -> float:
    return clip.samples / clip.sample_rate


def test_piper_speaks_and_rate_changes_the_pace() -> None:
    normal = get_engine("piper").synthesize(TEXT, "en")
    fast = get_engine("piper", rate=2.0).synthesize(TEXT, "en")
    assert normal.sample_rate == 22050 and _seconds(normal) > 1.5
    assert 0.35 < _seconds(fast) / _seconds(normal) < 0.7


def test_espeak_speaks_many_languages() -> None:
    engine = get_engine("espeak")
    assert len(engine.languages()) >= 90
    for lang, text in (("fr", "Bonjour à tous."), ("cs", "Dobrý den, jak se máte?"), ("en", TEXT)):
        assert engine.speaks(lang)
        assert _seconds(engine.synthesize(text, lang)) > 0.5
    slow = get_engine("espeak", rate=0.5).synthesize(TEXT, "en")
    assert _seconds(slow) / _seconds(engine.synthesize(TEXT, "en")) > 1.6


@pytest.mark.slow
def test_a_french_passage_in_an_english_page_goes_to_espeak() -> None:
    script = make_script(str(PAGES / "structure.html"))
    with Speaker(EngineSpec("piper")) as speaker:
        clips = speaker.speak(script)
    assert len(clips) == len(script.utterances)
    assert speaker.used["espeak"] == 1 and speaker.used["piper"] > 10


def test_voices_command_lists_engines_and_languages() -> None:
    result = run_cli("voices")
    assert result.returncode == 0, result.stderr
    assert "piper (piper-tts" in result.stdout and "espeak (espeak-ng" in result.stdout
    assert "gtts (gtts" in result.stdout
    assert "Czech" in result.stdout and "French" in result.stdout


# --- gTTS against a stand-in for Google's endpoint -------------------------------
# Google cannot be reached here, so a local server answers the way the real
# endpoint does (a batchexecute line carrying base64 MP3); the HTTP is real.

def _tone_mp3(seconds: float) -> bytes:
    return subprocess.run([ffmpeg(), "-v", "error", "-f", "lavfi", "-i",
                           f"sine=frequency=300:duration={seconds}", "-ac", "1", "-ar", "24000",
                           "-f", "mp3", "-"], capture_output=True, check=True).stdout


class StandIn:
    """A stand-in Google Translate TTS endpoint with scripted faults."""

    def __init__(self, plan: list[str]) -> None:
        self.plan = list(plan)  #: "ok", "429", "500", "503", "stall"; the last repeats
        self.requests = 0
        self.audio = _tone_mp3(0.5)
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                self.rfile.read(int(self.headers["Content-Length"]))
                stand_in.requests += 1
                step = stand_in.plan.pop(0) if len(stand_in.plan) > 1 else stand_in.plan[0]
                if step == "stall":
                    time.sleep(1.5)
                    step = "ok"
                if step != "ok":
                    self.send_error(int(step))
                    return
                compact = {"separators": (",", ":")}
                payload = json.dumps([base64.b64encode(stand_in.audio).decode()], **compact)
                body = ")]}'\n\n" + json.dumps([["wrb.fr", "jQ1olc", payload, None]], **compact) + "\n"
                self.send_response(200)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.end_headers()
                self.wfile.write(body.encode())

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def stand_in(request):
    server = StandIn(request.param)
    yield server
    server.close()


def _gtts(url: str, **options) -> GttsEngine:
    return GttsEngine(url=url, backoff=0.01, timeout=(2.0, 0.5), **options)


@pytest.mark.parametrize("stand_in", [["ok"]], indirect=True)
def test_gtts_decodes_the_answer(stand_in: StandIn) -> None:
    clip = _gtts(stand_in.url).synthesize("Hello there.", "en")
    assert clip.sample_rate == 24000 and 0.45 < _seconds(clip) < 0.6
    long_text = "A sentence of words that goes on. " * 8  # over gTTS's 100 characters
    assert _seconds(_gtts(stand_in.url).synthesize(long_text, "en")) > 1.0
    assert stand_in.requests >= 3  # split into pieces without cutting words


@pytest.mark.parametrize("stand_in", [["ok"]], indirect=True)
def test_gtts_rate_uses_a_tempo_filter(stand_in: StandIn) -> None:
    fast = _gtts(stand_in.url, rate=2.0).synthesize("Hello.", "en")
    assert 0.2 < _seconds(fast) < 0.3


@pytest.mark.parametrize("stand_in", [["429", "500", "stall", "ok"]], indirect=True)
def test_gtts_retries_429_5xx_and_stalls(stand_in: StandIn) -> None:
    clip = _gtts(stand_in.url).synthesize("Hello.", "en")
    assert _seconds(clip) > 0.4 and stand_in.requests == 4


@pytest.mark.parametrize("stand_in", [["503"]], indirect=True)
def test_gtts_gives_up_after_its_retries(stand_in: StandIn) -> None:
    with pytest.raises(gTTSError):
        _gtts(stand_in.url, retries=2).synthesize("Hello.", "en")
    assert stand_in.requests == 3


def test_gtts_offline_says_so_at_once(tmp_path: Path) -> None:
    started = time.monotonic()
    with pytest.raises(OfflineError, match="gTTS needs internet access; use --engine piper"):
        _gtts("http://127.0.0.1:9").synthesize("Hello.", "en")
    assert time.monotonic() - started < 2
    result = run_cli("build", str(PAGES / "short.html"), "--out", str(tmp_path), "--engine", "gtts",
                     "--jobs", "1", "--no-cache", env={"AUDIO_EDITION_GTTS_URL": "http://127.0.0.1:9"})
    assert result.returncode == 1
    (line,) = result.stderr.strip().splitlines()
    assert "short.html" in line and "gTTS needs internet access; use --engine piper" in line


# --- a third-party engine, found through its entry point --------------------------

ENGINE_CODE = '''
from audio_edition.engines.base import Clip

class ToneEngine:
    """A tiny engine from "another package": a beep per word."""
    name = "tone"
    voice = "beep"
    sample_rate = 16000

    def __init__(self, voice=None, rate=1.0, **options):
        self.version = f"tone 1.0; rate {rate}"

    def languages(self):
        return {"en"}

    def speaks(self, lang):
        return lang.split("-")[0] == "en"

    def synthesize(self, text, lang=None):
        import math
        samples = []
        for _ in text.split():
            samples += [int(8000 * math.sin(2 * math.pi * 440 * n / 16000)) for n in range(1600)]
            samples += [0] * 800
        return Clip(pcm=b"".join(s.to_bytes(2, "little", signed=True) for s in samples),
                    sample_rate=16000)
'''


def test_a_package_adds_an_engine_through_an_entry_point(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "tone_engine").mkdir(parents=True)
    (site / "tone_engine" / "__init__.py").write_text(ENGINE_CODE)
    info = site / "tone_engine-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: tone-engine\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[audio_edition.engines]\ntone = tone_engine:ToneEngine\n")
    env = {"PYTHONPATH_EXTRA": str(site)}
    result = run_cli("voices", "--engine", "tone", env=env)
    assert result.returncode == 0, result.stderr
    assert "tone (tone 1.0; rate 1.0)" in result.stdout
    result = run_cli("build", str(PAGES / "short.html"), "--out", str(tmp_path / "out"),
                     "--engine", "tone", "--no-cache", env=env)
    assert result.returncode == 0, result.stderr
    assert "4 chapters" in result.stdout
    assert "tone" not in available()  # not installed in this process: found only through metadata
