"""Clitic-aware phrase matching over normalized tokens: a token trie behind an Aho-Corasick filter.

Phrases are compiled into one token trie. To find them in a sentence, an Aho-Corasick automaton of
every surface form a phrase can start with (its first word with or without proclitics) scans the
space-joined tokens in C and yields the few token positions where a phrase may start; the trie then
takes the longest phrase at each. The cost per token does not depend on how many phrases are compiled.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Generic, Hashable, Iterable, Sequence, TypeVar

import ahocorasick

P = TypeVar("P", bound=Hashable)

WILDCARD = "*"
_CONJUNCTIONS = ("و", "ف")
_PREPOSITIONS = ("ب", "ل", "ك")
MIN_STEM = 2
MEMO_LIMIT = 300_000


@lru_cache(maxsize=262_144)
def clitic_variants(token: str) -> tuple[str, ...]:
    """The token and its forms without proclitics: و/ف, then ب/ل/ك, with لل → ال."""
    out = [token]
    stems = [token]
    if len(token) > MIN_STEM + 1 and token[0] in _CONJUNCTIONS:
        stems.append(token[1:])
    for stem in list(stems):
        if len(stem) > MIN_STEM + 1 and stem[0] in _PREPOSITIONS:
            if stem.startswith("لل") and len(stem) > MIN_STEM + 2:
                out.append("ال" + stem[2:])
            out.append(stem[1:])
    out.extend(stems[1:])
    seen: dict[str, None] = {}
    for t in out:
        seen.setdefault(t)
    return tuple(seen)


@dataclass
class _Node(Generic[P]):
    children: dict[str, "_Node[P]"] = field(default_factory=dict)
    payloads: list[P] = field(default_factory=list)
    prefix_payloads: dict[str, list[P]] = field(default_factory=dict)  # last-token prefixes (cue*)
    max_prefix: int = 0


@dataclass(frozen=True, slots=True)
class Match(Generic[P]):
    start: int          # token index (inclusive)
    end: int            # token index (exclusive)
    payloads: tuple[P, ...]


class PhraseMatcher(Generic[P]):
    """Maps phrases (tuples of normalized tokens) to payloads; finds them in token sequences."""

    def __init__(self) -> None:
        self._root: _Node[P] = _Node()
        self.size = 0
        self._starts: dict[str, tuple] = {}   # token → root steps of its clitic variants (memo)
        self._automaton: ahocorasick.Automaton | None = None   # start filter, compiled on first use

    def add(self, tokens: Sequence[str], payload: P) -> None:
        """Add a phrase; a last token ending in `*` matches any token starting with it."""
        if not tokens or not all(tokens):
            raise ValueError(f"empty phrase for {payload!r}")
        self._starts.clear()
        self._automaton = None
        node = self._root
        *head, last = tokens
        for tok in head:
            node = node.children.setdefault(tok, _Node())
        if last.endswith(WILDCARD) and len(last) > 1:
            prefix = last[:-1]
            bucket = node.prefix_payloads.setdefault(prefix, [])
            if payload not in bucket:
                bucket.append(payload)
            node.max_prefix = max(node.max_prefix, len(prefix))
        else:
            node = node.children.setdefault(last, _Node())
            if payload not in node.payloads:
                node.payloads.append(payload)
        self.size += 1

    def _step(self, node: _Node[P], token: str) -> tuple[_Node[P] | None, list[P]]:
        """Child node for `token` and payloads of prefix cues that end on it."""
        prefix_hits: list[P] = []
        if node.prefix_payloads:
            for k in range(min(len(token), node.max_prefix), 0, -1):
                hit = node.prefix_payloads.get(token[:k])
                if hit:
                    prefix_hits.extend(hit)
                    break
        return node.children.get(token), prefix_hits

    def _root_steps(self, token: str) -> tuple:
        """Root steps of the token's clitic variants that lead somewhere (memoized per token)."""
        starts = self._starts.get(token)
        if starts is None:
            starts = tuple((node, hits) for node, hits in (self._step(self._root, v) for v in clitic_variants(token))
                           if node is not None or hits)
            if len(self._starts) > MEMO_LIMIT:
                self._starts.clear()
            self._starts[token] = starts
        return starts

    def longest_at(self, tokens: Sequence[str], i: int) -> Match[P] | None:
        """The longest phrase starting at token i (proclitics allowed on that token only)."""
        return self._longest(tokens, i, self._root_steps(tokens[i]))

    def _longest(self, tokens: Sequence[str], i: int, starts: tuple, n: int | None = None) -> Match[P] | None:
        """The longest phrase at token i ending by token n (default: the end of `tokens`). A token
        that completes both an exact phrase and a prefix phrase (`قوات` and `قوات*`) carries the
        payloads of both."""
        best: Match[P] | None = None
        n = len(tokens) if n is None else n
        for node, hits in starts:
            j = i + 1
            while True:
                here = list(hits)
                if node is not None:
                    here += [p for p in node.payloads if p not in here]
                if here and (best is None or best.end < j):
                    best = Match(i, j, tuple(here))
                if node is None or j >= n or (not node.children and not node.prefix_payloads):
                    break
                node, hits = self._step(node, tokens[j])
                j += 1
        return best

    def find(self, tokens: Sequence[str], overlapping: bool = False) -> list[Match[P]]:
        """Left-to-right longest matches; non-overlapping unless `overlapping`."""
        out: list[Match[P]] = []
        following = 0
        root_steps = self._root_steps
        for i in self._candidate_starts([tokens] if tokens else []):
            if i < following:
                continue
            starts = root_steps(tokens[i])
            m = self._longest(tokens, i, starts) if starts else None
            if m is not None:
                out.append(m)
                following = i + 1 if overlapping else m.end
        return out

    def find_by_sentence(self, tokens: Sequence[str], ranges: dict[int, tuple[int, int]],
                         overlapping: bool = False) -> dict[int, list[Match[P]]]:
        """`find` in each sentence (token ranges covering `tokens` in order), with one scan for the
        whole text; matches have indices into `tokens` and never cross a sentence end."""
        out: dict[int, list[Match[P]]] = {}
        bounds = list(ranges.items())
        if not bounds:
            return out
        root_steps = self._root_steps
        k, (sent, (lo, hi)) = 0, bounds[0]
        following = 0
        for i in self._candidate_starts([tokens[a:b] for _, (a, b) in bounds]):
            while i >= hi:
                k += 1
                sent, (lo, hi) = bounds[k]
            if i < following:
                continue
            starts = root_steps(tokens[i])
            m = self._longest(tokens, i, starts, hi) if starts else None
            if m is not None:
                out.setdefault(sent, []).append(m)
                following = i + 1 if overlapping else m.end
        return out

    def _candidate_starts(self, parts: Sequence[Sequence[str]]) -> list[int]:
        """Token indices (counted across `parts`, consecutive runs of tokens) where a phrase may start
        — a superset — found by one Aho-Corasick scan."""
        automaton = self._automaton or self._compile()
        if not automaton:   # no phrases
            return []
        # tokens are joined by two spaces, runs by " \n ", and a key starts at the space just
        # before its token: the token's index is the number of separators up to there
        joined = " " + " \n ".join("  ".join(p) for p in parts) + " "
        starts = sorted({end - length + 1 for end, length in automaton.iter(joined)})  # (last char, key length)
        out, index, previous = [], 0, 0
        for start in starts:
            index += joined.count("  ", previous, start + 1) + joined.count("\n", previous, start + 1)
            previous = start + 1
            out.append(index)
        return out

    def _compile(self) -> ahocorasick.Automaton:
        automaton = ahocorasick.Automaton()
        for stem in self._root.children:
            for form in surface_forms(stem):
                key = f" {form} "
                automaton.add_word(key, len(key))
        for prefix in self._root.prefix_payloads:
            for form in surface_forms(prefix):
                key = f" {form}"
                automaton.add_word(key, len(key))
        if len(automaton):
            automaton.make_automaton()
        self._automaton = automaton
        return automaton


def surface_forms(stem: str) -> set[str]:
    """Words whose `clitic_variants` may include `stem` (a superset): with و/ف, ب/ل/ك, لل for ال."""
    bases = {stem}
    if stem.startswith("ال"):
        bases.add("لل" + stem[2:])
    forms = set(bases)
    for base in bases:
        forms.update(p + base for p in _PREPOSITIONS)
    forms.update([c + f for c in _CONJUNCTIONS for f in list(forms)])
    return forms


def build_matcher(entries: Iterable[tuple[Sequence[str], P]]) -> PhraseMatcher[P]:
    matcher: PhraseMatcher[P] = PhraseMatcher()
    for tokens, payload in entries:
        matcher.add(tokens, payload)
    return matcher
