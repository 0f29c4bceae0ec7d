"""Chapters as podcast apps read them beside the audio: Podcasting 2.0 JSON chapters
and the timestamps of the show notes."""
from __future__ import annotations

import json
from collections.abc import Sequence

from ..audio.chapters import Chapter
from ..audio.timecode import timecode

JSON_CHAPTERS_VERSION = "1.2.0"


def json_chapters(chapters: list[Chapter], title: str) -> bytes:
    """Podcasting 2.0 JSON chapters (served as application/json+chapters)."""
    document = {
        "version": JSON_CHAPTERS_VERSION,
        "title": title,
        "chapters": [{"startTime": c.start_ms / 1000, "endTime": c.end_ms / 1000,
                      "title": c.title, "toc": True} for c in chapters],
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def description_timestamps(chapters: Sequence) -> str:
    """'00:00 Title' lines, the form podcast apps turn into links in show notes."""
    long = chapters and chapters[-1].start_ms >= 3_600_000
    return "\n".join(f"{timecode(c.start_ms, hours=True if long else None)} {c.title}"
                     for c in chapters)
