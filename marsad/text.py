"""Arabic text profile: cleaning, match-normalization, sentences and tokens with offsets.

One profile serves article text and every dictionary entry, so a phrase written in a YAML file
and the same phrase in an article always normalize to the same tokens.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from collections.abc import Sequence
from typing import NamedTuple

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
_INVISIBLE_CHARS = "\u200b\u200c\u200d\u200e\u200f\ufeff\u061c\u2066\u2067\u2068\u2069"
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")
# Arabic-Indic and Persian digits, Persian yeh/keheh → Arabic forms (one character each).
_FOLD_FROM = "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹یکھ"
_FOLD = str.maketrans(_FOLD_FROM, "01234567890123456789يكه")
_FOLDABLE = re.compile(f"[{_FOLD_FROM}]")   # str.translate is slow on long Arabic text: only when needed
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SENTENCE_END = re.compile(r"(?<=[.!?؟۔…])[\"'»”)\]]*\s+|\n\s*\n|\n(?=\s*[-•*])|\n")
_ARABIC = re.compile(r"[\u0600-\u06FF]")
_WORD = re.compile(r"\S+")


def clean_text(raw: str) -> str:
    """Unicode cleanup for stored text: NFKC, no control or invisible characters, \\n newlines."""
    text = normalize_unicode(raw.replace("\r\n", "\n").replace("\r", "\n"))
    text = _INVISIBLE.sub("", _CONTROL.sub(" ", text))
    return text.strip()


def normalize_text(text: str) -> str:
    """Match-normalization: dediacritize, drop tatweel, fold alef/alef-maksura/teh-marbuta, digits."""
    text = dediac_ar(text).replace(TATWEEL, "")
    text = normalize_teh_marbuta_ar(normalize_alef_maksura_ar(normalize_alef_ar(text)))
    if _FOLDABLE.search(text):
        text = text.translate(_FOLD)
    return _INVISIBLE.sub("", text)


@lru_cache(maxsize=262_144)
def normalize(token: str) -> str:
    """`normalize_text` for one token or phrase (cached: vocabulary repeats)."""
    return normalize_text(token)


@lru_cache(maxsize=65_536)
def normalize_phrase(text: str) -> tuple[str, ...]:
    """Tokens of a dictionary phrase, normalized exactly as article tokens are (cached: rules look
    up the same word lists for every article)."""
    return tuple(normalize(t) for t in simple_word_tokenize(clean_text(text)))


def search_key(text: str) -> str:
    """Normalized, space-joined form used for full-text search («مصراته» finds «مصراتة»)."""
    return " ".join(normalize(t) for t in simple_word_tokenize(text))


def has_arabic(text: str) -> bool:
    return bool(_ARABIC.search(text or ""))


class Token(NamedTuple):
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


class Tokens(Sequence):
    """The tokens of a `Doc`, kept as parallel tuples; a `Token` is built when one is read."""

    __slots__ = ("texts", "norms", "starts", "ends", "sents")

    def __init__(self, texts=(), norms=(), starts=(), ends=(), sents=()):
        self.texts, self.norms, self.starts, self.ends, self.sents = texts, norms, starts, ends, sents

    def __len__(self) -> int:
        return len(self.norms)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        return Token(self.texts[i], self.norms[i], self.starts[i], self.ends[i], self.sents[i])


@dataclass(frozen=True)
class Doc:
    """An analysed text: sentences and tokens with character offsets into `text`."""

    text: str
    sentences: tuple[Sentence, ...]
    tokens: Tokens
    ranges: dict[int, tuple[int, int]] = field(default_factory=dict)  # sentence → (first token, end token)

    @property
    def norms(self) -> tuple[str, ...]:
        """Normalized tokens."""
        return self.tokens.norms

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


@lru_cache(maxsize=262_144)
def word_tokens(word: str) -> tuple[tuple[str, str, int, int], ...]:
    """camel-tools tokens of one whitespace-delimited word as (token, normalized, start, end) within it.

    `simple_word_tokenize` splits on whitespace first and tokenizes each word on its own, and its
    tokens partition the word, so tokenizing (and normalizing) each distinct word once gives exactly
    its output for any text. Quotation marks are dropped."""
    out = []
    pos = 0
    for tok in simple_word_tokenize(word):
        start = word.find(tok, pos)
        if start < 0:  # defensive: the tokenizer changed the token
            continue
        pos = start + len(tok)
        if tok not in QUOTES:   # «تنظيم "القاعدة"» must still match «تنظيم القاعدة»
            out.append((tok, normalize(tok), start, pos))
    return tuple(out)


def analyze(text: str) -> Doc:
    """Split `text` (already cleaned) into sentences and camel-tools word tokens with offsets."""
    sentences = split_sentences(text)
    words: list[tuple[int, int, tuple]] = []   # (sentence, offset of the word, its tokens)
    ranges: dict[int, tuple[int, int]] = {}
    n = 0
    for sent in sentences:
        lo = n
        for m in _WORD.finditer(text, sent.start, sent.end):
            pieces = word_tokens(m.group())
            if pieces:
                words.append((sent.idx, m.start(), pieces))
                n += len(pieces)
        if n > lo:
            ranges[sent.idx] = (lo, n)
    tokens = Tokens(tuple(p[0] for _, _, ps in words for p in ps), tuple(p[1] for _, _, ps in words for p in ps),
                    tuple(base + p[2] for _, base, ps in words for p in ps),
                    tuple(base + p[3] for _, base, ps in words for p in ps),
                    tuple(idx for idx, _, ps in words for _ in ps))
    return Doc(text, tuple(sentences), tokens, ranges)


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
