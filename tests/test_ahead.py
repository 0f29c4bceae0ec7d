"""Sentences queued ahead: the next article's sentences go to the workers while the
one before it is spoken, and each is synthesised once. Real Piper, two workers."""
from __future__ import annotations

from pathlib import Path

import pytest

from audio_edition.pipeline import make_script
from audio_edition.speak import EngineSpec, Speaker, sentences
from audio_edition.speak.cache import ClipCache
from conftest import article

pytestmark = pytest.mark.slow  # two worker processes load the voice


def _script(folder: Path, name: str, *paragraphs: str):
    page = folder / f"{name}.html"
    page.write_text(article(name.title(), *paragraphs), encoding="utf-8")
    return make_script(str(page))


def test_an_article_queued_ahead_is_spoken_once_and_whole(tmp_path: Path) -> None:
    first = _script(tmp_path, "tides", "The tide turns twice a day at the harbour wall.",
                    "Boats wait for the water to rise before they leave.")
    second = _script(tmp_path, "kites", "Children fly kites on the dunes when the wind is steady.",
                     "A red kite stayed up for an hour on Sunday.")
    cache = ClipCache(tmp_path / "cache")
    with Speaker(EngineSpec("piper"), 2, cache) as speaker:
        speaker.start()
        queued = []
        spoken_first = speaker.speak(first, then=lambda: queued.append(speaker.prefetch(second)))
        assert queued  # the next article was queued while this one was spoken
        spoken_second = speaker.speak(second)
    distinct = {s for script in (first, second) for u in script.utterances for s in sentences(u.text)}
    assert speaker.synthesised == len(distinct)  # none twice, none lost
    for script, spoken in ((first, spoken_first), (second, spoken_second)):
        assert [[s.text for s in clip.sentences] for clip in spoken] == \
            [sentences(u.text) for u in script.utterances]
        assert all(clip.samples > 1000 and all(p.is_file() for p in clip.parts) for clip in spoken)
