"""A build runs where publishers run it: in the background of a terminal, under
`timeout`, cron (no terminal, hardly any environment) and services whose home
folder cannot be written. No child process reads the terminal."""
from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SESSION_CACHE, engine_package
from terminal import Terminal

PACKAGE = ROOT / "audio_edition"


def _shell_env(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    return {"PATH": os.environ["PATH"], "HOME": str(home), "TERM": "xterm", "PS1": "$ ",
            "PYTHONPATH": str(ROOT)}


def _build(page: Path, out: Path) -> str:
    return (f"{sys.executable} -m audio_edition build {page} --out {out} "
            f"--cache-dir {SESSION_CACHE}")


@pytest.mark.slow
def test_a_build_started_in_the_background_of_an_interactive_shell_finishes(
        tmp_path: Path, short_page: Path) -> None:
    """`build ... > build.log 2>&1 &` in a terminal was stopped by it at the first
    ffmpeg call ("Stopped (tty output)", status 150): ffmpeg took the terminal for
    its keyboard commands. So was a build under `timeout`, which runs it in a
    process group of its own."""
    shell = ["/bin/bash", "--norc", "--noprofile", "-i"]
    with Terminal(shell, _shell_env(tmp_path), tmp_path) as terminal:
        terminal.type(f"{_build(short_page, tmp_path / 'bg')} > {tmp_path / 'bg.log'} 2>&1 &\n")
        terminal.type('wait $!; echo "background build: $?"\n')
        background = terminal.wait_for(r"background build: (\d+)").group(1)
        assert background == "0", (tmp_path / "bg.log").read_text()
        mark = len(terminal.output)
        terminal.type(f"timeout 600 {_build(short_page, tmp_path / 'timed')} "
                      f"> {tmp_path / 'timed.log'} 2>&1; echo \"under timeout: $?\"\n")
        timed = terminal.wait_for(r"under timeout: (\d+)", after=mark).group(1)
        terminal.type("exit\n")
        terminal.finish()
    assert timed == "0", (tmp_path / "timed.log").read_text()
    for out in ("bg", "timed"):
        assert len(list((tmp_path / out).glob("*/*.mp3"))) == 1
        assert (tmp_path / out / "feed.xml").is_file()


def _run_bare(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    """The CLI as cron starts it: no terminal, no input, only the variables in
    `env` (from ROOT, so that `-m` finds the package without PYTHONPATH)."""
    return subprocess.run([sys.executable, "-m", "audio_edition", *args], cwd=ROOT, env=env,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          timeout=600)


@pytest.mark.slow
def test_a_build_with_nothing_but_path_in_its_environment(tmp_path: Path,
                                                          short_page: Path) -> None:
    """As cron runs it: no HOME, no TERM, no locale, no terminal."""
    result = _run_bare(["build", str(short_page), "--out", str(tmp_path / "out"),
                        "--cache-dir", str(tmp_path / "cache")], {"PATH": os.environ["PATH"]})
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "1 built, 0 failed" in result.stdout
    assert len(list((tmp_path / "out").glob("*/*.mp3"))) == 1


@pytest.mark.slow
def test_a_watch_round_from_cron(tmp_path: Path, short_page: Path) -> None:
    """`watch --once` as cron runs it: no HOME, no TERM, no terminal; one round, its
    line in the log, the summary line on standard output and nothing on stderr."""
    out = tmp_path / "out"
    result = _run_bare(["watch", str(short_page.parent), "--once", "--out", str(out),
                        "--cache-dir", str(tmp_path / "cache")], {"PATH": os.environ["PATH"]})
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.splitlines()[-1].startswith("round 1: 1 new, 0 rebuilt")
    assert (out / ".audio-edition-watch.log").read_text().count("\n") == 1
    assert len(list(out.glob("*/*.mp3"))) == 1


@pytest.mark.slow
def test_a_build_writes_nothing_in_the_home_folder_when_the_cache_is_elsewhere(
        tmp_path: Path, short_page: Path) -> None:
    """A service whose home folder is read-only: with --cache-dir elsewhere nothing
    is written there (onnxruntime kept a telemetry identifier under ~/.cache and
    warned on stderr where it could not)."""
    home = tmp_path / "home"
    home.mkdir()
    result = _run_bare(["build", str(short_page), "--out", str(tmp_path / "out"),
                        "--cache-dir", str(tmp_path / "cache")],  # cold: the voice runs
                       {"PATH": os.environ["PATH"], "HOME": str(home)})
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert list(home.rglob("*")) == []


RECORDING_ENGINE = '''
import os

from audio_edition.engines.espeak import EspeakEngine


class Engine(EspeakEngine):
    """eSpeak NG, noting which process spoke and what its standard input was."""

    name = "recording"

    def synthesize(self, text, lang=None):
        with open(os.environ["STDIN_RECORD"], "a") as record:
            record.write(f"{os.getpid()} {os.readlink('/proc/self/fd/0')}\\n")
        return super().synthesize(text, lang)
'''


@pytest.mark.slow
def test_synthesis_workers_do_not_hold_the_terminal_as_their_input(
        tmp_path: Path, short_page: Path) -> None:
    """A pool worker inherits its build's terminal; whatever it runs (an engine of
    another package, its programs) must find none to read."""
    record = tmp_path / "stdin.txt"
    env = engine_package(tmp_path / "site", "recording", RECORDING_ENGINE)
    env = {"PATH": os.environ["PATH"], "STDIN_RECORD": str(record),
           "PYTHONPATH": os.pathsep.join([str(ROOT), env["PYTHONPATH_EXTRA"]])}
    argv = [sys.executable, "-m", "audio_edition", "build", str(short_page), "--out",
            str(tmp_path / "out"), "--engine", "recording", "--jobs", "2", "--no-cache"]
    with Terminal(argv, env, tmp_path) as terminal:
        assert terminal.finish() == 0, terminal.text()
    speakers = dict(line.split(" ", 1) for line in record.read_text().splitlines())
    workers = {pid: stdin for pid, stdin in speakers.items() if pid != str(terminal.pid)}
    assert workers, "no sentence was spoken by a worker process"
    assert set(workers.values()) == {"/dev/null"}


def test_only_the_ffmpeg_module_starts_programs() -> None:
    """Every program is started by `ffmpeg.run_ffmpeg` (with -nostdin, its input
    /dev/null or the bytes it is given); nothing else imports subprocess."""
    starters = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                     [node.module] if isinstance(node, ast.ImportFrom) else [])
            if any(name in ("subprocess", "pty", "pexpect") for name in names):
                starters.append(path.relative_to(PACKAGE).as_posix())
            if isinstance(node, ast.Attribute) and node.attr in ("system", "popen", "spawnv",
                                                                 "execv", "execvp"):
                starters.append(f"{path.relative_to(PACKAGE).as_posix()}: os.{node.attr}")
    assert starters == ["ffmpeg.py"]
