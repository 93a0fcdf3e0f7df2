"""Text normalisation shared by the screeners: folding, tokens and their disguised spellings,
fingerprints and shingles for repeat detection."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "@": "a", "$": "s", "!": "i"}
)
_TOKEN = re.compile(r"[\w@$!*]+")
_TRAILING_MARKS = "!*_"
# "a55", "v15", "x100", "s23": letters then digits is a model number, not leetspeak.
_MODEL_NUMBER = re.compile(r"[a-z]{1,3}\d+")
_RUN = re.compile(r"(.)\1{2,}")
# Single characters joined by dots, dashes, underscores or spaces: "f.u.c.k", "s h i t", "c-u-n-t", "f. u. c. k".
_SPACED = re.compile(r"(?<![\w@$!*])[\w@$!*](?:(?:[.\-_]\s?|\s)[\w@$!*](?![\w@$!*])){2,}")
_SEPARATORS = re.compile(r"[.\-_\s]")
_WORDS = re.compile(r"[^\W_]+")
# The combining mark blocks (accents left by NFKD): cheaper than unicodedata.combining per character.
# Zero-width characters and the soft hyphen go too: they hide words without showing.
_COMBINING = re.compile(
    "[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u00ad\u200b-\u200d\u2060\ufeff]"
)
# Cyrillic and Greek letters that look Latin, swapped back in tokens that mix them with Latin letters.
_HOMOGLYPHS = str.maketrans(
    "\u0430\u0432\u0441\u0435\u04bb\u0456\u0458\u043a\u043c\u043d\u043e\u0440\u0455\u0442\u0443\u0445\u03c9\u03b1\u03b5\u03b9\u03ba\u03bd\u03bf\u03c1\u03c4\u03c5\u03c7",
    "abcehijkmhopstyxwaeikvoptux",
)
_LATIN = re.compile("[a-z]")
SHINGLE = 3


def fold(text: str) -> str:
    """Unicode compatibility forms folded (full-width letters), accents dropped, case folded."""
    if text.isascii():
        return text.casefold()
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text)).casefold()


@dataclass(frozen=True, slots=True)
class Token:
    """A token as written (folded), its plain reading (leetspeak decoded) and every spelling it
    may stand for, most literal first."""

    raw: str
    plain: str
    forms: tuple[str, ...]

    @classmethod
    def of(cls, raw: str) -> Token:
        word = raw.strip(_TRAILING_MARKS)
        if not word.isascii() and _LATIN.search(word):
            word = word.translate(_HOMOGLYPHS)
        if word.isalpha() or word.isdigit() or _MODEL_NUMBER.fullmatch(word):
            return cls(raw=raw, plain=word, forms=(word, *_squeezed(word)))  # most tokens
        plain = word.translate(_LEET)
        found = [word, plain, *_squeezed(word), *_squeezed(plain)]
        return cls(raw=raw, plain=plain, forms=tuple(dict.fromkeys(form for form in found if form)))


def _squeezed(word: str) -> tuple[str, ...]:
    """Runs of three or more cut to two and to one: "fuuuuck" -> ("fuuck", "fuck")."""
    if _RUN.search(word) is None:
        return ()
    return (_RUN.sub(r"\1\1", word), _RUN.sub(r"\1", word))


def tokens(folded: str) -> list[Token]:
    return [Token.of(match) for match in _TOKEN.findall(folded)]


def spaced_out(folded: str) -> Iterator[Token]:
    """Words written one character at a time ("f.u.c.k", "s h i t"), joined up."""
    for match in _SPACED.finditer(folded):
        yield Token.of(_SEPARATORS.sub("", match.group()))


def words(text: str) -> list[str]:
    return _WORDS.findall(fold(text))


def fingerprint(text: str) -> str:
    """A short digest of the text's words: the same for texts that differ only in case, accents,
    punctuation or spacing. Store it to find exact repeats without keeping the texts."""
    return hashlib.blake2b(" ".join(words(text)).encode("utf-8"), digest_size=12).hexdigest()


def shingles(word_list: list[str]) -> frozenset[tuple[str, ...]]:
    if len(word_list) < SHINGLE:
        return frozenset({tuple(word_list)})
    return frozenset(tuple(word_list[i : i + SHINGLE]) for i in range(len(word_list) - SHINGLE + 1))
