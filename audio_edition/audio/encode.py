"""Encode: the assembled track becomes MP3 and/or M4A/M4B, loudness-normalised,
with chapters, tags and cover art.

ffmpeg does the audio (libmp3lame, AAC, the loudnorm filter) and writes MP4
chapters (a QuickTime chapter track and a Nero chpl atom) from an ffmetadata
file; mutagen writes the ID3 tags (one top-level ordered CTOC listing every
CHAP, child CTOCs for sub-levels, APIC) and the MP4 tags and cover.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mutagen.id3 import (APIC, CHAP, COMM, CTOC, ID3, TALB, TCON, TDRC, TIT2, TLAN, TPE1,
                         CTOCFlags)
from mutagen.mp4 import MP4, MP4Cover

from .chapters import Chapter, children
from ..files import temporary_beside
from .loudness import normalisation_filter
from .timeline import Timeline
from ..language import iso_639_2
from ..media import media_type
from ..ffmpeg import AudioSegment, audio_segment, run_ffmpeg

SAMPLE_RATE = 44100
#: Offsets in CHAP frames are unused; the spec's "no offset" value.
NO_OFFSET = 0xFFFFFFFF


@dataclass(frozen=True)
class Recording:
    """What the audio stages make of one Script: its Timeline, its chapters and the
    encoded files (hidden temporary names in the episode's folder, by format)."""

    timeline: Timeline
    chapters: list[Chapter]
    files: dict[str, Path]


@dataclass(frozen=True)
class AudioFormat:
    name: str
    suffix: str
    codec: tuple[str, ...]

    @property
    def mime(self) -> str:
        return media_type(self.suffix)


FORMATS = {
    # LAME's quality 7 ("fast, good enough for speech") halves the encoding time
    "mp3": AudioFormat("mp3", ".mp3",
                       ("-c:a", "libmp3lame", "-compression_level", "7", "-f", "mp3")),
    "m4a": AudioFormat("m4a", ".m4a",
                       ("-c:a", "aac", "-movflags", "+faststart", "-f", "ipod")),
    "m4b": AudioFormat("m4b", ".m4b",
                       ("-c:a", "aac", "-movflags", "+faststart", "-f", "ipod")),
}


@dataclass(frozen=True)
class EncodeOptions:
    formats: tuple[str, ...] = ("mp3",)
    bitrate: str = "64k"  #: constant bit rate of every format
    channels: int = 1  #: 1 (mono, -19 LUFS) or 2 (stereo, -16 LUFS)


@dataclass(frozen=True)
class Tags:
    title: str
    show: str
    author: str | None = None
    date: str | None = None  #: ISO date
    lang: str | None = None
    description: str | None = None
    cover: bytes | None = None
    cover_mime: str = media_type(".png")


def encode(audio: AudioSegment, chapters: list[Chapter], tags: Tags, folder: Path,
           options: EncodeOptions = EncodeOptions()) -> dict[str, Path]:
    """Encode every format into hidden temporary files in `folder`; the caller
    renames them into place. On failure nothing is left behind."""
    folder.mkdir(parents=True, exist_ok=True)
    made: dict[str, Path] = {}
    wav = temporary_beside(folder, ".encode.", ".wav")
    try:
        audio_segment()  # points pydub at our ffmpeg
        audio.export(wav, format="wav")
        graph = f"{normalisation_filter(wav, options.channels)},aresample={SAMPLE_RATE}"
        for name in options.formats:
            made[name] = _encode_one(wav, FORMATS[name], graph, chapters, tags, folder, options)
        return made
    except BaseException:
        for path in made.values():
            path.unlink(missing_ok=True)
        raise
    finally:
        wav.unlink(missing_ok=True)


def _encode_one(wav: Path, fmt: AudioFormat, graph: str, chapters: list[Chapter], tags: Tags,
                folder: Path, options: EncodeOptions) -> Path:
    out = temporary_beside(folder, ".encode.", fmt.suffix)
    meta = temporary_beside(folder, ".encode.", ".ffmeta") if fmt.name != "mp3" else None
    try:
        command = ["-v", "error", "-y", "-i", str(wav)]
        if meta:
            meta.write_text(_ffmetadata(chapters, tags), encoding="utf-8")
            command += ["-i", str(meta), "-map", "0:a", "-map_metadata", "1", "-map_chapters", "1"]
        command += ["-af", graph, "-ar", str(SAMPLE_RATE), "-ac", str(options.channels),
                    "-b:a", options.bitrate, *fmt.codec, str(out)]
        run_ffmpeg(*command)
        if fmt.name == "mp3":
            write_id3(out, chapters, tags)
        else:
            write_mp4_tags(out, tags, audiobook=fmt.name == "m4b")
        return out
    except BaseException:
        out.unlink(missing_ok=True)
        raise
    finally:
        if meta:
            meta.unlink(missing_ok=True)


def _ffmetadata(chapters: list[Chapter], tags: Tags) -> str:
    def escape(text: str) -> str:
        return "".join("\\" + c if c in "=;#\\\n" else c for c in text)

    lines = [";FFMETADATA1", f"title={escape(tags.title)}"]
    for chapter in chapters:
        lines += ["[CHAPTER]", "TIMEBASE=1/1000", f"START={chapter.start_ms}",
                  f"END={chapter.end_ms}", f"title={escape(chapter.title)}"]
    return "\n".join(lines) + "\n"


def write_id3(path: Path, chapters: list[Chapter], tags: Tags) -> None:
    """Episode tags, cover and the chapter table, as ID3v2.3 (what every player reads)."""
    id3 = ID3()
    id3.add(TIT2(encoding=3, text=[tags.title]))
    id3.add(TALB(encoding=3, text=[tags.show]))
    id3.add(TPE1(encoding=3, text=[tags.author or tags.show]))
    id3.add(TCON(encoding=3, text=["Podcast"]))
    if tags.date:
        id3.add(TDRC(encoding=3, text=[tags.date[:10]]))
    if tags.lang:
        id3.add(TLAN(encoding=3, text=[iso_639_2(tags.lang)]))
    if tags.description:
        id3.add(COMM(encoding=3, lang="eng", desc="", text=[tags.description]))
    if tags.cover:
        id3.add(APIC(encoding=3, mime=tags.cover_mime, type=3, desc="Cover", data=tags.cover))
    ids = [f"chp{index}" for index in range(len(chapters))]
    tree = children(chapters)
    top = [i for i in range(len(chapters)) if not any(i in kids for kids in tree.values())]
    id3.add(CTOC(element_id="toc", flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
                 child_element_ids=ids + [f"toc{i}" for i in top if i in tree],
                 sub_frames=[TIT2(encoding=3, text=["Chapters"])]))
    for parent, kids in tree.items():
        id3.add(CTOC(element_id=f"toc{parent}", flags=CTOCFlags.ORDERED,
                     child_element_ids=[ids[k] for k in kids] + [f"toc{k}" for k in kids if k in tree],
                     sub_frames=[TIT2(encoding=3, text=[chapters[parent].title])]))
    for element_id, chapter in zip(ids, chapters):
        id3.add(CHAP(element_id=element_id, start_time=chapter.start_ms, end_time=chapter.end_ms,
                     start_offset=NO_OFFSET, end_offset=NO_OFFSET,
                     sub_frames=[TIT2(encoding=3, text=[chapter.title])]))
    id3.save(path, v2_version=3)


def write_mp4_tags(path: Path, tags: Tags, audiobook: bool = False) -> None:
    """MP4 tags and cover; ffmpeg has already written the chapters."""
    mp4 = MP4(path)
    mp4["\xa9nam"] = [tags.title]
    mp4["\xa9alb"] = [tags.show]
    mp4["\xa9ART"] = [tags.author or tags.show]
    mp4["\xa9gen"] = ["Audiobook" if audiobook else "Podcast"]
    if tags.date:
        mp4["\xa9day"] = [tags.date[:10]]
    if tags.description:
        mp4["desc"] = [tags.description]
    if tags.cover:
        kind = MP4Cover.FORMAT_JPEG if tags.cover_mime == media_type(".jpg") else MP4Cover.FORMAT_PNG
        mp4["covr"] = [MP4Cover(tags.cover, imageformat=kind)]
    mp4.save()
