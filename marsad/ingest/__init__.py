"""Readers: every input format becomes the same `Article` record, or a `Skip` with its reason.

`read_inputs(paths, options)` walks folders and zip archives recursively and yields, for every
file, the articles it holds and the problems it has (each naming the file and, where there is
one, the line or row).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass, field
from typing import Iterator, Mapping

from marsad.text import clean_text, normalize_text

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    text: str
    published: dt.date | None
    source: str | None
    url: str | None
    path: str
    batch_id: str | None = None

    def to_dict(self) -> dict:
        return {"id": self.id, "title": self.title, "published": self.published.isoformat() if self.published else None,
                "source": self.source, "url": self.url, "path": self.path, "batch": self.batch_id,
                "n_chars": len(self.text)}


@dataclass(frozen=True)
class Skip:
    """An input (or part of one) that was not read, and why."""

    path: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.reason}"


class InputError(ValueError):
    """A file cannot be read at all (encoding, size, format)."""


@dataclass(frozen=True)
class ReadOptions:
    date: dt.date | None = None                       # default publication date (--date)
    field_map: Mapping[str, str] = field(default_factory=dict)   # --map title=headline,...
    source: str | None = None                         # default outlet
    max_file_bytes: int = 50 * 1024 * 1024
    max_zip_bytes: int = 500 * 1024 * 1024
    max_zip_members: int = 100_000
    batch_id: str | None = None


def article_id(text: str) -> str:
    """Stable id: hash of the normalized text (so re-ingesting the same article adds nothing)."""
    return hashlib.sha1(" ".join(normalize_text(text).split()).encode("utf-8")).hexdigest()[:20]


def make_article(title: str | None, text: str | None, published: dt.date | None, source: str | None,
                 url: str | None, path: str, options: ReadOptions) -> Article:
    body = clean_text(text or "")
    head = clean_text(title or "")
    if not body and not head:
        raise InputError("no text")
    return Article(article_id(body or head), head, body or head, published or options.date,
                   (source or options.source or None), (url or None), path, options.batch_id)


def read_inputs(paths, options: ReadOptions) -> Iterator[tuple[str, list[Article], list[Skip]]]:
    """For every file under `paths` (folders and zips expanded): (name, articles, skips)."""
    from marsad.ingest.readers import iter_files, read_file_bytes

    for name, data, error in iter_files(paths, options):
        if error is not None:
            yield name, [], [Skip(name, error)]
            continue
        yield (name, *read_file_bytes(name, data, options))


__all__ = ["Article", "Skip", "ReadOptions", "InputError", "read_inputs", "article_id", "make_article"]
