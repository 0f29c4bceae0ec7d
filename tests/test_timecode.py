"""Time codes: one function writes every position the edition shows."""
from __future__ import annotations

import pytest

from audio_edition.audio.timecode import timecode


@pytest.mark.parametrize("ms, options, expected", [
    (62_040, {}, "01:02"),  # chapters in the player, the check's report
    (3_723_040, {}, "01:02:03"),
    (62_040, {"hours": True}, "00:01:02"),  # show-note timestamps of a long episode
    (62_040, {"hours": True, "fraction": "."}, "00:01:02.040"),  # WebVTT, Podlove, DAISY
    (62_040, {"hours": True, "fraction": ","}, "00:01:02,040"),  # SRT
    (62_000, {"pad": False}, "1:02"),  # the HTML transcript
    (3_723_000, {"pad": False}, "1:02:03"),
    (62_040, {"hours": True, "pad": False, "fraction": "."}, "0:01:02.040"),  # EPUB duration
    (4_503_000, {"hours": False, "pad": False}, "75:03"),  # the command line's length
])
def test_every_form_from_one_definition(ms: int, options: dict, expected: str) -> None:
    assert timecode(ms, **options) == expected
