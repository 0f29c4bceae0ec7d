"""Chapters: the one chapter record, derived from the Timeline once; every format
is written from that one list: ID3 and MP4 (encode.py), Podcasting 2.0 JSON, WebVTT
chapters, Podlove Simple Chapters, the show notes' timestamps (publish/).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING


if TYPE_CHECKING:
    from .timeline import Timeline


log = logging.getLogger(__name__)

#: ID3 element ids and many players count chapters in one byte: stay at or below.
MAX_CHAPTERS = 255


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
