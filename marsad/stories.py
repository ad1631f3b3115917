"""Near-duplicate stories: MinHash over word 3-shingles, LSH bands kept in the store.

Two articles are the same story when at least `MIN_SHARED_BANDS` of their LSH bands collide
(about Jaccard ≥ 0.6 on word 3-shingles: the same wire text lightly edited by another outlet).
"""
from __future__ import annotations

import hashlib
from collections import Counter, defaultdict

import numpy as np
from datasketch import MinHash

from marsad.ingest import Article
from marsad.settings import Settings
from marsad.text import search_key

ROWS_PER_BAND = 4
MIN_SHARED_BANDS = 2
SHINGLE = 3


def signature_bands(text: str, num_perm: int) -> list[int]:
    words = search_key(text).split()
    shingles = {" ".join(words[i:i + SHINGLE]).encode() for i in range(max(1, len(words) - SHINGLE + 1))}
    mh = MinHash(num_perm=num_perm, seed=7)
    mh.update_batch(list(shingles))
    values = mh.hashvalues.astype(np.uint64)
    bands = []
    for b in range(num_perm // ROWS_PER_BAND):
        chunk = values[b * ROWS_PER_BAND:(b + 1) * ROWS_PER_BAND].tobytes()
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

    def assign(self, article: Article) -> tuple[str, list[int], int]:
        """(story id, bands, 1 if it joined an existing story else 0)."""
        bands = signature_bands(f"{article.title}\n{article.text}", self.num_perm)
        story, near = self.assign_bands(article.id, bands)
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
