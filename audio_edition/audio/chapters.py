"""Chapters for publishing, derived from the Timeline once and written in every
format from that one list: ID3 (encode.py), MP4 (encode.py), Podcasting 2.0
JSON, Podlove Simple Chapters (feed.py) and timestamps in the description.
"""
from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .timecode import timecode

if TYPE_CHECKING:
    from .timeline import Timeline


log = logging.getLogger(__name__)

#: ID3 element ids and many players count chapters in one byte: stay at or below.
MAX_CHAPTERS = 255
JSON_CHAPTERS_VERSION = "1.2.0"


@dataclass(frozen=True)
class Chapter:
    title: str
    level: int
    start_ms: int
    end_ms: int


def from_timeline(timeline: Timeline, source: str = "") -> list[Chapter]:
    """The published chapters: contiguous, from 0 to the end of the track; more
    than MAX_CHAPTERS are reduced by merging the deepest level into the chapter
    before it, a level at a time (and logged)."""
    chapters = [Chapter(m.title, m.level, timeline.ms(m.start), timeline.ms(m.end))
                for m in timeline.chapters]
    while len(chapters) > MAX_CHAPTERS:
        deepest = max(c.level for c in chapters)
        if deepest == min(c.level for c in chapters):
            chapters = _merge_runs(chapters)
            continue
        before = len(chapters)
        chapters = _merge_level(chapters, deepest)
        log.warning("%s: %d chapters are more than players accept; merged the h%d level "
                    "into its parents (%d left)", source, before, deepest, len(chapters))
    return chapters


def _merge_level(chapters: list[Chapter], level: int) -> list[Chapter]:
    merged: list[Chapter] = []
    for chapter in chapters:
        if chapter.level == level and merged:
            last = merged[-1]
            merged[-1] = Chapter(last.title, last.level, last.start_ms, chapter.end_ms)
        else:
            merged.append(chapter)
    return merged


def _merge_runs(chapters: list[Chapter]) -> list[Chapter]:
    """All at one level and still too many: join neighbours in pairs."""
    log.warning("%d chapters at one level; joining neighbours in pairs", len(chapters))
    return [Chapter(a.title, a.level, a.start_ms, (b or a).end_ms)
            for a, b in zip(chapters[::2], chapters[1::2] + [None])]


def children(chapters: list[Chapter]) -> dict[int, list[int]]:
    """Index of each chapter -> indexes of its direct sub-chapters (by heading level)."""
    tree: dict[int, list[int]] = {}
    stack: list[int] = []
    for index, chapter in enumerate(chapters):
        while stack and chapters[stack[-1]].level >= chapter.level:
            stack.pop()
        if stack:
            tree.setdefault(stack[-1], []).append(index)
        stack.append(index)
    return tree


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
