"""How the listening check cuts an episode into parts heard at once: at a
silence, never in the middle of speech (no recogniser needed)."""
from __future__ import annotations

import numpy

from audio_edition.check.hearing import RATE, _parts, longest_run, plain_words, word_errors


def _noise(seconds: float, seed: int = 1) -> numpy.ndarray:
    """Speech-loud noise (about -20 dBFS): to the cutting, anything not silent."""
    generator = numpy.random.default_rng(seed)
    return (generator.standard_normal(int(seconds * RATE)) * 3000).astype("<i2")


def _silence(seconds: float) -> numpy.ndarray:
    return numpy.zeros(int(seconds * RATE), dtype="<i2")


def test_long_audio_is_cut_in_the_silence_nearest_an_even_cut():
    samples = numpy.concatenate([_noise(35), _silence(2), _noise(45, seed=2)])
    parts = _parts(samples, 2)
    assert len(parts) == 2
    cut = len(parts[0]) / RATE
    assert 35 < cut < 37, cut
    assert sum(len(p) for p in parts) == len(samples)


def test_audio_too_short_for_two_parts_stays_whole():
    samples = numpy.concatenate([_noise(20), _silence(2), _noise(25, seed=2)])
    assert [len(p) for p in _parts(samples, 2)] == [len(samples)]


def test_without_a_silence_the_even_cut_is_kept():
    samples = _noise(80)
    parts = _parts(samples, 2)
    assert [len(p) for p in parts] == [len(samples) // 2, len(samples) - len(samples) // 2]


def test_longest_run():
    assert longest_run([False, True, True, False, True, True, True]) == (4, 3)
    assert longest_run([False, False]) == (0, 0)


def test_the_pause_nearest_an_even_cut_is_chosen_over_a_longer_one():
    samples = numpy.concatenate([_noise(30), _silence(2), _noise(8, seed=2), _silence(0.4),
                                 _noise(40, seed=3)])
    cut = len(_parts(samples, 2)[0]) / RATE
    assert 40 < cut < 40.4, cut


def test_an_ordinal_in_figures_is_the_same_word_as_in_letters():
    """A recogniser writes "the 23rd of July" for "the twenty-third of July"."""
    assert plain_words("the 23rd of July, 1st and 101st") == plain_words(
        "the twenty-third of July, first and one hundred first")
    heard = "the 23rd of July 2015"
    assert word_errors("the twenty-third of July twenty fifteen", heard).errors == 0
    assert word_errors("the twenty-third of July", "the 23 of July").errors == 1


def test_a_word_the_recogniser_splits_or_joins_is_no_error():
    assert word_errors("a mini pump or a carbon dioxide inflator",
                       "a mini pump or a carbon dioxide in flator").errors == 0
    assert word_errors("health care costs rose", "healthcare costs rose").errors == 0
    assert word_errors("walk in to the house", "walk into the house").errors == 0
    # near misses: two heard words that are each expected stay two; a mishearing counts
    assert word_errors("the sun set on sunset strip", "the sun set on sun set strip").errors == 2
    assert word_errors("a mini pump", "a many pump").errors == 1
