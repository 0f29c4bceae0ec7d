"""Encode: the assembled track becomes an MP3 with ID3v2 chapters.

pydub drives ffmpeg (libmp3lame) for the audio; mutagen writes the tags:
one top-level ordered CTOC listing every CHAP, each CHAP with its TIT2
title and start/end in milliseconds taken from the Timeline.
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from mutagen.id3 import (CHAP, COMM, CTOC, ID3, TALB, TCON, TDRC, TIT2, TLAN, TPE1,
                         CTOCFlags)

from .episode import make_readable
from .timeline import Timeline
from .tools import AudioSegment, audio_segment

MP3_SAMPLE_RATE = 44100
MP3_BITRATE = "64k"
#: Offsets in CHAP frames are unused; the spec's "no offset" value.
NO_OFFSET = 0xFFFFFFFF


@dataclass(frozen=True)
class Tags:
    title: str
    show: str
    author: str | None = None
    date: str | None = None  #: ISO date
    lang: str | None = None
    description: str | None = None


def export_mp3(audio: AudioSegment, timeline: Timeline, tags: Tags, path: Path,
               bitrate: str = MP3_BITRATE) -> None:
    """Write `path` atomically: encode and tag a temporary file, then rename it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".partial.mp3",
                                         dir=path.parent)
    os.close(handle)
    temp = Path(temp_name)
    make_readable(temp)
    try:
        audio_segment()  # points pydub at our ffmpeg
        audio.export(temp, format="mp3", bitrate=bitrate,
                     parameters=["-ar", str(MP3_SAMPLE_RATE), "-ac", "1"])
        write_id3(temp, timeline, tags)
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def write_id3(path: Path, timeline: Timeline, tags: Tags) -> None:
    """Write episode tags and the chapter table (ID3v2.3, which every player reads)."""
    id3 = ID3()
    id3.add(TIT2(encoding=3, text=[tags.title]))
    id3.add(TALB(encoding=3, text=[tags.show]))
    id3.add(TPE1(encoding=3, text=[tags.author or tags.show]))
    id3.add(TCON(encoding=3, text=["Podcast"]))
    if tags.date:
        id3.add(TDRC(encoding=3, text=[tags.date[:10]]))
    if tags.lang:
        id3.add(TLAN(encoding=3, text=[tags.lang]))
    if tags.description:
        id3.add(COMM(encoding=3, lang="eng", desc="", text=[tags.description]))
    ids = [f"chp{index}" for index in range(len(timeline.chapters))]
    id3.add(CTOC(element_id="toc", flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
                 child_element_ids=ids, sub_frames=[TIT2(encoding=3, text=["Chapters"])]))
    for element_id, mark in zip(ids, timeline.chapters):
        id3.add(CHAP(element_id=element_id, start_time=timeline.ms(mark.start),
                     end_time=timeline.ms(mark.end), start_offset=NO_OFFSET,
                     end_offset=NO_OFFSET, sub_frames=[TIT2(encoding=3, text=[mark.title])]))
    id3.save(path, v2_version=3)
