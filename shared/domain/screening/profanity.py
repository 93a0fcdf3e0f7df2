"""Profanity and brand blocklists: whole words and phrases, through disguises.

Matching is by whole token, never by substring, so "Scunthorpe", "class", "assess", "cocktail"
and "therapist" are clean. A token is tried as written, with leetspeak decoded ("sh1t", "a$$",
"b!tch"), with letter runs squeezed ("fuuuuck"), and with an asterisk standing for any letter
("f**k"); characters written one at a time ("f.u.c.k", "s h i t") are joined first."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from shared.domain.screening.lexicon import (
    ALIASES,
    EMBEDDED,
    LEXICON,
    MODERATE,
    TRAILING,
    Lexicon,
)
from shared.domain.screening.text import Token, fold, spaced_out, tokens


@dataclass(frozen=True, slots=True)
class ScannedText:
    """A text folded and cut into tokens once, for every word screener."""

    folded: str
    tokens: list[Token]
    spaced: list[Token]

    @classmethod
    def of(cls, text: str) -> ScannedText:
        folded = fold(text)
        return cls(folded=folded, tokens=tokens(folded), spaced=list(spaced_out(folded)))

    def every_token(self) -> Iterable[Token]:
        yield from self.tokens
        yield from self.spaced


def _inflected(form: str, lexicon: Lexicon) -> str | None:
    stem = lexicon.inflections.get(form)
    if stem is not None:
        return stem
    for inner in EMBEDDED:
        if inner in form:
            return inner
    for tail in TRAILING:
        if form.endswith(tail):
            return tail
    return None


def _masked(form: str, lexicon: Lexicon) -> str | None:
    """An inner asterisk stands for one letter: "f**k", "sh*t", "c*nt"."""
    if "*" not in form or form[0] == "*" or form[-1] == "*":
        return None
    for word in lexicon.by_length.get(len(form), ()):
        if lexicon.words[word] >= MODERATE and all(a in ("*", b) for a, b in zip(form, word, strict=True)):
            return word
    return None


def _word_term(token: Token, lexicon: Lexicon) -> str | None:
    for form in token.forms:
        if form in lexicon.words:
            return form
    for form in token.forms:
        found = _inflected(form, lexicon) or _masked(form, lexicon)
        if found is not None:
            return found
    return None


def _phrases(scanned: ScannedText, phrases: Mapping[tuple[str, ...], float]) -> Iterable[tuple[str, ...]]:
    if not phrases:
        return
    plain = [token.plain for token in scanned.tokens]
    for size in sorted({len(phrase) for phrase in phrases}):
        for start in range(len(plain) - size + 1):
            window = tuple(plain[start : start + size])
            if window in phrases:
                yield window


def profane_terms(scanned: ScannedText, lexicon: Lexicon = LEXICON) -> dict[str, float]:
    """The distinct profane terms of the text, each with its severity."""
    found: dict[str, float] = {}
    for token in scanned.every_token():
        term = _word_term(token, lexicon)
        if term is not None:
            found[ALIASES.get(term, term)] = lexicon.words.get(term, MODERATE)
    for phrase in _phrases(scanned, lexicon.phrases):
        found[" ".join(phrase)] = lexicon.phrases[phrase]
    for symbol, severity in lexicon.symbols.items():
        if symbol in scanned.folded:
            found[symbol] = severity
    return found


def combined(severities: Iterable[float]) -> float:
    """Independent pieces of evidence: 1 - prod(1 - s). Two moderate terms (0.6) give 0.84."""
    remaining = 1.0
    for severity in severities:
        remaining *= 1.0 - severity
    return round(1.0 - remaining, 4)


@dataclass(frozen=True, slots=True)
class Blocklist:
    words: frozenset[str]
    phrases: frozenset[tuple[str, ...]]


@functools.lru_cache(maxsize=256)
def compile_blocklist(terms: frozenset[str]) -> Blocklist:
    """A brand's terms cut into tokens the way texts are; cached, as brands reuse their list."""
    words: set[str] = set()
    phrases: set[tuple[str, ...]] = set()
    for term in terms:
        parts = tuple(token.plain for token in tokens(fold(term)))
        if len(parts) == 1:
            words.add(parts[0])
        elif parts:
            phrases.add(parts)
    return Blocklist(frozenset(words), frozenset(phrases))


def blocked_terms(scanned: ScannedText, blocklist: Blocklist) -> set[str]:
    found = {form for token in scanned.every_token() for form in token.forms if form in blocklist.words}
    found.update(" ".join(phrase) for phrase in _phrases(scanned, dict.fromkeys(blocklist.phrases, 1.0)))
    return found
