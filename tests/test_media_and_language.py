"""Media types: every file of an edition gets its type from one table."""
from __future__ import annotations

import pytest

from audio_edition.language import iso_639_2, primary, same_language
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


@pytest.mark.parametrize("tag, expected", [("en-GB", "eng"), ("de", "ger"), ("fr-CA", "fre"),
                                           ("zh-Hans", "chi"), ("und", "und")])
def test_id3_gets_the_iso_639_2_code_of_a_language_tag(tag: str, expected: str) -> None:
    assert iso_639_2(tag) == expected


def test_a_region_or_script_leaves_the_language_the_same() -> None:
    assert primary("en-GB") == "en" and same_language("en-GB", "EN") and \
        not same_language("en", "de")
