"""Decode bytes as UTF-8, UTF-8/16 with BOM or Windows-1256, detected without being told."""
from __future__ import annotations

import codecs
import re

from marsad.ingest import InputError

_ARABIC = re.compile("[\u0621-\u064a]")
_MOJIBAKE = re.compile("[ÃØÙ][\u0080-\u00ff]")


def _arabic_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum(1 for c in letters if _ARABIC.match(c)) / len(letters) if letters else 0.0


def decode(data: bytes, name: str) -> str:
    """Text of a file; raises InputError naming the problem (binary, unknown encoding)."""
    if not data.strip():
        raise InputError("empty file")
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc)
            except UnicodeDecodeError as exc:
                raise InputError(f"{enc} byte-order mark but invalid {enc} at byte {exc.start} (truncated or corrupt)") from exc
    if b"\x00" in data[:4096]:
        raise InputError("binary file (NUL bytes), not text")
    try:
        text = data.decode("utf-8")
        if _MOJIBAKE.search(text[:2000]) and not _ARABIC.search(text[:2000]):
            raise InputError("text looks double-encoded (UTF-8 read as Latin-1)")
        return text
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        text = ""
    if text and _arabic_share(text[:20000]) > 0.5:
        return text
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
    except Exception:  # noqa: BLE001 - detector failure = unknown encoding
        best = None
    if best is not None and best.encoding not in ("utf_8", "ascii"):
        guess = str(best)
        if _arabic_share(guess) > 0.5:
            return guess
    raise InputError(f"unknown text encoding (not UTF-8: invalid byte at {utf8_error.start}; not Windows-1256 Arabic)")
