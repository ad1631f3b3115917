"""Near-duplicate stories: MinHash over word 3-shingles, LSH bands kept in the store.

Two articles are the same story when at least `MIN_SHARED_BANDS` of their LSH bands collide
(about Jaccard ≥ 0.6 on word 3-shingles: the same wire text lightly edited by another outlet).
The MinHash is the classic one (random linear permutations of 32-bit shingle hashes modulo the
Mersenne prime 2^61−1), vectorised with numpy and seeded, so signatures are identical in every
process and on every machine.
"""
from __future__ import annotations

import hashlib
import zlib
from functools import lru_cache
from collections import Counter, defaultdict

import numpy as np

from marsad.settings import Settings

ROWS_PER_BAND = 4
MIN_SHARED_BANDS = 2
SHINGLE = 3
_PRIME = np.uint64((1 << 61) - 1)
_MAX32 = np.uint64(0xFFFFFFFF)
_SEED = 7


@lru_cache(maxsize=8)
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.RandomState(_SEED)
    a = rng.randint(1, (1 << 61) - 1, size=num_perm, dtype=np.uint64)
    b = rng.randint(0, (1 << 61) - 1, size=num_perm, dtype=np.uint64)
    return a, b


def _mod_prime(x: np.ndarray) -> np.ndarray:
    """x mod 2^61−1 for uint64 x, without a division (Mersenne reduction)."""
    r = (x & _PRIME) + (x >> np.uint64(61))
    return np.where(r >= _PRIME, r - _PRIME, r)


def signature_bands(search_text: str, num_perm: int) -> list[int]:
    """LSH band hashes of a normalized, space-joined text (`Extraction.search_text`)."""
    words = search_text.split()
    shingles = {" ".join(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    hashes = np.fromiter((zlib.crc32(s.encode()) for s in shingles), dtype=np.uint64, count=len(shingles))
    a, b = _permutations(num_perm)
    with np.errstate(over="ignore"):
        values = (_mod_prime(np.outer(hashes, a) + b) & _MAX32).min(axis=0)
    bands = []
    for i in range(num_perm // ROWS_PER_BAND):
        chunk = values[i * ROWS_PER_BAND:(i + 1) * ROWS_PER_BAND].tobytes()
        bands.append(int.from_bytes(hashlib.blake2b(chunk, digest_size=8).digest(), "big", signed=True))
    return bands


def band_rows(article_id: str, story_id: str, bands: list[int], month: str) -> list[dict]:
    return [{"article_id": article_id, "story_id": story_id, "band": i, "bucket": b, "month": month}
            for i, b in enumerate(bands)]


class StoryIndex:
    """(band, bucket) → story ids; loaded from the store, extended as articles are assigned."""

    def __init__(self, settings: Settings):
        self.num_perm = settings.minhash_perms
        self.buckets: dict[tuple[int, int], list[str]] = defaultdict(list)

    @classmethod
    def from_store(cls, store, settings: Settings) -> "StoryIndex":
        index = cls(settings)
        table = store.read("story_bands", ["story_id", "band", "bucket"])
        for story, band, bucket in zip(*(table.column(c).to_pylist() for c in ("story_id", "band", "bucket"))):
            index.buckets[(band, bucket)].append(story)
        return index

    def assign(self, article_id: str, search_text: str) -> tuple[str, list[int], int]:
        """(story id, bands, 1 if it joined an existing story else 0)."""
        bands = signature_bands(search_text, self.num_perm)
        story, near = self.assign_bands(article_id, bands)
        return story, bands, near

    def assign_bands(self, article_id: str, bands: list[int]) -> tuple[str, int]:
        votes: Counter = Counter()
        for key in enumerate(bands):
            for story in set(self.buckets.get(key, ())):
                votes[story] += 1
        story, near = article_id, 0
        if votes:
            best, shared = max(votes.items(), key=lambda kv: (kv[1], kv[0]))
            if shared >= MIN_SHARED_BANDS:
                story, near = best, 1
        for key in enumerate(bands):
            self.buckets[key].append(story)
        return story, near
