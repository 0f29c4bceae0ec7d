"""A real podcast client: gPodder's `gpo` subscribes to the feed served by
`audio-edition serve` on 127.0.0.1 and downloads every episode, byte for byte."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import INPUT, PAGES, ROOT, run_cli

pytestmark = pytest.mark.skipif(
    shutil.which("gpo") is None,
    reason="gPodder's gpo is not installed (Debian package gpodder; .ci/run installs it where apt runs as root)")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.slow
def test_gpodder_downloads_every_episode(tmp_path: Path) -> None:
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    out = tmp_path / "out"
    result = run_cli("build", str(PAGES / "short.html"), str(INPUT / "book-swap.html"),
                     "--out", str(out), "--base-url", base)
    assert result.returncode == 0, result.stderr
    server = subprocess.Popen([sys.executable, "-m", "audio_edition", "serve", str(out),
                               "--port", str(port)], cwd=ROOT,
                              env={**os.environ, "PYTHONPATH": str(ROOT)},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for(base + "feed.xml")
        env = {**os.environ, "GPODDER_HOME": str(tmp_path / "gpodder"),
               "GPODDER_DOWNLOAD_DIR": str(tmp_path / "downloads")}
        for command in (["subscribe", base + "feed.xml"], ["download"]):
            done = subprocess.run(["gpo", *command], env=env, capture_output=True, text=True,
                                  timeout=120)
            assert done.returncode == 0, done.stdout + done.stderr
        assert "2 episodes downloaded" in done.stdout
    finally:
        server.terminate()
        server.wait(timeout=10)
    downloaded = {p.name: p.read_bytes() for p in (tmp_path / "downloads").rglob("*.mp3")}
    published = {p.name: p.read_bytes() for p in out.rglob("*.mp3")}
    assert downloaded.keys() == published.keys() and len(published) == 2
    for name, data in published.items():
        assert downloaded[name] == data, name


def _wait_for(url: str, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
