"""External programs: where ffmpeg is found.

An ffmpeg on PATH is used when there is one; otherwise the binary that the
imageio-ffmpeg wheel ships, so no system install is ever needed.
AUDIO_EDITION_FFMPEG overrides both.
"""
from __future__ import annotations

import functools
import os
import shutil
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


def audio_segment() -> type[AudioSegment]:
    """pydub's AudioSegment, set to use our ffmpeg."""
    AudioSegment.converter = ffmpeg()
    return AudioSegment
