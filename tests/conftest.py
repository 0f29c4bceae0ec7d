"""Shared helpers: real ffmpeg to measure audio, sample pages, the CLI as a user runs it."""
from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from audio_edition.ffmpeg import ffmpeg

ROOT = Path(__file__).resolve().parent.parent
PAGES = Path(__file__).resolve().parent / "pages"
INPUT = ROOT / "input"


#: One clip cache for the whole test session, apart from the user's own: the
#: tests that need cold synthesis say --no-cache or use a cache of their own.
SESSION_CACHE = Path(tempfile.mkdtemp(prefix="audio-edition-test-cache-"))
atexit.register(shutil.rmtree, SESSION_CACHE, ignore_errors=True)  # a run leaves no cache behind
#: An empty home for data (the voice store) apart from the user's: a test that wants
#: voices installs them into a store of its own.
SESSION_DATA = Path(tempfile.mkdtemp(prefix="audio-edition-test-data-"))
atexit.register(shutil.rmtree, SESSION_DATA, ignore_errors=True)


def run_cli(*args: str, cwd: Path | None = None,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run `python -m audio_edition ARGS` in a subprocess, as a user would.
    `env` adds variables; PYTHONPATH_EXTRA adds a folder to the import path."""
    extra = dict(env or {})
    path = os.pathsep.join(p for p in (str(ROOT), extra.pop("PYTHONPATH_EXTRA", "")) if p)
    env = {**os.environ, "PYTHONPATH": path, "XDG_CACHE_HOME": str(SESSION_CACHE),
           "XDG_DATA_HOME": str(SESSION_DATA), **extra}
    return subprocess.run([sys.executable, "-m", "audio_edition", *args], cwd=cwd or ROOT,
                          capture_output=True, text=True, env=env, timeout=600)


def decoded_seconds(path: Path) -> float:
    """The audio's true length: ffmpeg decodes it (honouring the encoder delay)
    to 16-bit mono PCM at 44.1 kHz and we count the samples."""
    result = subprocess.run(
        [ffmpeg(), "-v", "error", "-i", str(path), "-f", "s16le", "-ac", "1", "-ar", "44100", "-"],
        capture_output=True, check=True)
    return len(result.stdout) / 2 / 44100


def only(folder: Path, pattern: str) -> Path:
    """The one file of `folder` matching `pattern` (a name with a content hash)."""
    (found,) = folder.glob(pattern)
    return found


@pytest.fixture
def short_page(tmp_path: Path) -> Path:
    """A copy of the short test article, in a folder of its own."""
    folder = tmp_path / "in"
    folder.mkdir()
    page = folder / "tea.html"
    page.write_bytes((PAGES / "short.html").read_bytes())
    return page


def engine_package(folder: Path, name: str, code: str) -> dict[str, str]:
    """Install an engine "from another package" (a module and its entry point) into
    `folder`; returns the environment for `run_cli` that finds it."""
    module = f"{name}_engine"
    (folder / module).mkdir(parents=True)
    (folder / module / "__init__.py").write_text(code)
    info = folder / f"{module}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[audio_edition.engines]\n{name} = {module}:Engine\n")
    return {"PYTHONPATH_EXTRA": str(folder)}


def article(title: str, *paragraphs: str, head: str = "") -> str:
    """A small article page written for a test."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
            f"{head}</head><body><main><article><h1>{title}</h1>{body}</article></main></body></html>")


def reply(handler, body: bytes, kind: str) -> None:
    """Answer a test server's request with 200 and `body`."""
    handler.send_response(200)
    handler.send_header("Content-Type", kind)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def start_server(handler_class) -> tuple:
    """A threaded HTTP server on 127.0.0.1 with `handler_class`: (server, base URL)."""
    import threading
    from http.server import ThreadingHTTPServer

    server = ThreadingHTTPServer(("127.0.0.1", 0), handler_class)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"
