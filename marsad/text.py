"""Arabic text profile: cleaning, match-normalization, sentences and tokens with offsets.

One profile serves article text and every dictionary entry, so a phrase written in a YAML file
and the same phrase in an article always normalize to the same tokens.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import (
    normalize_alef_ar,
    normalize_alef_maksura_ar,
    normalize_teh_marbuta_ar,
    normalize_unicode,
)
from camel_tools.tokenizers.word import simple_word_tokenize

TATWEEL = "\u0640"
#: Quotation marks are dropped from the token stream: names and cues match across them.
QUOTES = frozenset('"\'«»“”„‘’‹›`')
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u200e\u200f\ufeff\u061c\u2066\u2067\u2068\u2069"))
# Arabic-Indic and Persian digits, Persian yeh/keheh → Arabic forms (one character each).
_FOLD = str.maketrans(
    "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹یکھ",
    "01234567890123456789يكه",
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SENTENCE_END = re.compile(r"(?<=[.!?؟۔…])[\"'»”)\]]*\s+|\n\s*\n|\n(?=\s*[-•*])|\n")
_ARABIC = re.compile(r"[\u0600-\u06FF]")


def clean_text(raw: str) -> str:
    """Unicode cleanup for stored text: NFKC, no control or invisible characters, \\n newlines."""
    text = normalize_unicode(raw.replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROL.sub(" ", text).translate(_INVISIBLE)
    return text.strip()


def normalize_text(text: str) -> str:
    """Match-normalization: dediacritize, drop tatweel, fold alef/alef-maksura/teh-marbuta, digits."""
    text = dediac_ar(text).replace(TATWEEL, "")
    text = normalize_teh_marbuta_ar(normalize_alef_maksura_ar(normalize_alef_ar(text)))
    return text.translate(_FOLD).translate(_INVISIBLE)


@lru_cache(maxsize=262_144)
def normalize(token: str) -> str:
    """`normalize_text` for one token or phrase (cached: vocabulary repeats)."""
    return normalize_text(token)


def normalize_phrase(text: str) -> tuple[str, ...]:
    """Tokens of a dictionary phrase, normalized exactly as article tokens are."""
    return tuple(normalize(t) for t in simple_word_tokenize(clean_text(text)))


def search_key(text: str) -> str:
    """Normalized, space-joined form used for full-text search («مصراته» finds «مصراتة»)."""
    return " ".join(normalize(t) for t in simple_word_tokenize(text))


def has_arabic(text: str) -> bool:
    return bool(_ARABIC.search(text or ""))


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    norm: str
    start: int
    end: int
    sent: int


@dataclass(frozen=True, slots=True)
class Sentence:
    idx: int
    start: int
    end: int


@dataclass(frozen=True)
class Doc:
    """An analysed text: sentences and tokens with character offsets into `text`."""

    text: str
    sentences: tuple[Sentence, ...]
    tokens: tuple[Token, ...]
    ranges: dict[int, tuple[int, int]] = field(default_factory=dict)  # sentence → (first token, end token)
    norms: tuple[str, ...] = ()  # normalized tokens

    def sentence_text(self, idx: int) -> str:
        s = self.sentences[idx]
        return self.text[s.start:s.end]


def split_sentences(text: str) -> list[Sentence]:
    """Sentence spans: split after . ! ? ؟ and at line breaks; empty spans dropped."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append(Sentence(len(out), a, b))
    return out


def analyze(text: str) -> Doc:
    """Split `text` (already cleaned) into sentences and camel-tools word tokens with offsets."""
    sentences = split_sentences(text)
    tokens: list[Token] = []
    for sent in sentences:
        cursor = sent.start
        chunk = text[sent.start:sent.end]
        for tok in simple_word_tokenize(chunk):
            pos = text.find(tok, cursor, sent.end)
            if pos < 0:  # defensive: tokenizer changed the token
                continue
            cursor = pos + len(tok)
            if tok in QUOTES:   # «تنظيم "القاعدة"» must still match «تنظيم القاعدة»
                continue
            tokens.append(Token(tok, normalize(tok), pos, cursor, sent.idx))
    ranges: dict[int, tuple[int, int]] = {}
    for i, tok in enumerate(tokens):
        lo, _ = ranges.get(tok.sent, (i, i))
        ranges[tok.sent] = (lo, i + 1)
    return Doc(text, tuple(sentences), tuple(tokens), ranges, tuple(t.norm for t in tokens))


def parse_number(token: str) -> int | None:
    """An integer from Western or Arabic-Indic digits (with , or ٬ separators), else None."""
    digits = normalize(token).replace(",", "").replace("٬", "")
    return int(digits) if digits.isdigit() and len(digits) < 10 else None


def normalize_cue(text: str) -> tuple[str, ...]:
    """Like `normalize_phrase`, keeping a trailing `*` (prefix wildcard) on its word."""
    out: list[str] = []
    for tok in normalize_phrase(text):
        if tok == "*" and out:
            out[-1] += "*"
        else:
            out.append(tok)
    return tuple(out)
