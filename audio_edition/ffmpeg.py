"""External programs: where ffmpeg is found, and how it is run.

An ffmpeg on PATH is used when there is one; otherwise the binary that the
imageio-ffmpeg wheel ships, so no system install is ever needed.
AUDIO_EDITION_FFMPEG overrides both.

No child process reads the terminal: ffmpeg takes it for its keyboard commands
unless told not to, and a build started in the background (`&`, `timeout`,
`nohup`) was stopped by the terminal at its first ffmpeg call ("Stopped (tty
output)"). So ffmpeg always runs with `-nostdin` and its input is /dev/null or
the bytes it is given; worker processes give up the terminal when they start.
"""
from __future__ import annotations

import functools
import os
import shutil
import subprocess
import warnings

with warnings.catch_warnings():  # pydub warns at import when ffmpeg is not on PATH
    warnings.simplefilter("ignore", RuntimeWarning)
    from pydub import AudioSegment


@functools.cache
def ffmpeg() -> str:
    """The path of the ffmpeg executable to use."""
    chosen = os.environ.get("AUDIO_EDITION_FFMPEG") or shutil.which("ffmpeg")
    if chosen:
        return chosen
    import imageio_ffmpeg

    return imageio_ffmpeg.get_ffmpeg_exe()


#: What `run_ffmpeg` raises when ffmpeg fails (its captured stderr in `.stderr`).
FfmpegFailed = subprocess.CalledProcessError


def run_ffmpeg(*args: str, input: bytes | None = None,
               text: bool = False) -> subprocess.CompletedProcess:
    """Run ffmpeg with `args`, its output captured, never reading the terminal:
    `input` is its standard input (for `pipe:0`), else /dev/null. A failure raises
    FfmpegFailed."""
    return subprocess.run([ffmpeg(), "-nostdin", *args], input=input,
                          stdin=None if input is not None else subprocess.DEVNULL,
                          capture_output=True, text=text, check=True)


def detach_terminal_input() -> None:
    """Point this process's standard input at /dev/null (for worker processes,
    which inherit the terminal from the build that starts them: whatever they run
    then finds no terminal to read)."""
    devnull = os.open(os.devnull, os.O_RDONLY)
    try:
        os.dup2(devnull, 0)
    finally:
        os.close(devnull)


def audio_segment() -> type[AudioSegment]:
    """pydub's AudioSegment, set to use our ffmpeg."""
    AudioSegment.converter = ffmpeg()
    return AudioSegment
