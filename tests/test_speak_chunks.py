"""How sentences are dealt to the synthesis workers: every one once, the longest
first, in chunks that shrink to single sentences, so that the workers end together.
No voice is needed: a sentence's cost is taken as its length, as Piper's time is."""
from __future__ import annotations

import heapq
import random

from audio_edition.speak import CHUNK, _Job, chunks


def _jobs(count: int, seed: int) -> list[_Job]:
    rng = random.Random(seed)
    words = "the tide turns at the harbour wall and boats wait for water".split()
    return [_Job("piper", "en", f"{number}. " + " ".join(rng.choices(words, k=rng.randint(3, 30))))
            for number in range(count)]


def _finishes(dealt: list[list[_Job]], workers: int) -> list[int]:
    """When each worker ends, taking the next chunk whenever it is free."""
    free = [0] * workers
    for chunk in dealt:
        heapq.heappush(free, heapq.heappop(free) + sum(len(job.text) for job in chunk))
    return sorted(free)


def test_every_sentence_once_longest_first_in_shrinking_chunks() -> None:
    jobs = _jobs(150, seed=1)
    dealt = chunks(jobs, 2)
    flat = [job for chunk in dealt for job in chunk]
    assert sorted(flat, key=lambda job: job.text) == sorted(jobs, key=lambda job: job.text)
    assert [len(job.text) for job in flat] == sorted((len(job.text) for job in jobs), reverse=True)
    sizes = [len(chunk) for chunk in dealt]
    assert max(sizes) == CHUNK and sizes == sorted(sizes, reverse=True)
    assert sizes[-1] == 1


def test_two_workers_end_within_one_short_sentence_of_each_other() -> None:
    for seed in range(5):
        jobs = _jobs(150, seed)
        first, last = _finishes(chunks(jobs, 2), 2)
        shortest = min(len(job.text) for job in jobs)
        # dealt in the order of the text, eight at a time, one worker often ended a
        # chunk of eight sentences after the other had nothing left
        assert last - first <= 2 * shortest, seed


def test_few_sentences_go_one_by_one() -> None:
    jobs = _jobs(5, seed=2)
    assert [len(chunk) for chunk in chunks(jobs, 2)] == [1] * 5
    assert chunks([], 2) == []
