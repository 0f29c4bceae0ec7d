"""Media types: every file of an edition gets its type from one table."""
from __future__ import annotations

import pytest

from audio_edition.media import JSON_CHAPTERS, media_type


@pytest.mark.parametrize("name, expected", [
    ("slug/slug-0123456789.mp3", "audio/mpeg"),
    ("slug-0123456789.m4b", "audio/mp4"),
    ("transcript-0123456789.srt", "application/x-subrip"),
    ("chapters-0123456789.json", JSON_CHAPTERS),  # Podcasting 2.0 chapters
    ("utterances-0123456789.json", "application/json"),
    ("cover-0123456789.JPG", "image/jpeg"),
    ("nav.xhtml", "application/xhtml+xml"),
    ("notes.unknown", "application/octet-stream"),
    (".vtt", "text/vtt"),  # a suffix alone
    (".mp3", "audio/mpeg"),
])
def test_a_files_type_follows_from_its_name(name: str, expected: str) -> None:
    assert media_type(name) == expected
