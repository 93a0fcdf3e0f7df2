"""The profanity lexicon: glin-profanity's English word list, tiered by how bad a word is here.

The base list is the data file glin-profanity ships (maintained, MIT); it is read as data, the
library's engine is not imported (~90 ms of cold start, and its matching is not what we want).
Our own sets on top of it say which of its terms are ordinary in product ideas (baby bottle
"nipples", "kinky" hair, a Ford "Escort", "how to kill" weeds), which are strong (slurs, the
f-word: a post is rejected for one) and which are mild (it takes three to hold a post). Every
other term is moderate: one holds a post for a moderator, three reject it.

A missing or reshaped data file fails the import, so a broken package fails the cold start."""

from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass
from pathlib import Path

from shared.domain.screening.text import fold, tokens

BASE_PACKAGE = "glin_profanity"
BASE_FILE = ("data", "dictionaries", "english.json")

STRONG = 1.0  # one strong term rejects
MODERATE = 0.6  # one holds, three reject (scores combine as independent evidence)
MILD = 0.25  # three hold

# Ordinary words in ideas for consumer brands (health, baby care, fashion, pets, cars, tools,
# food, sport), and idioms; listed in the base list for other audiences.
NOT_PROFANE_HERE = frozenset(
    {
        "alaskan pipeline", "anus", "baby juice", "ball kicking", "bastinado", "big black", "bs",
        "bung hole", "bunghole", "chocolate rosebuds", "clitoris", "clover clamps", "coon", "coons",
        "cornhole", "dirty pillows", "fecal", "domination", "ejaculation", "escort", "eunuch", "figging",
        "fingering", "genitals", "girl on", "hard core", "hardcore", "hoe", "hooker", "how to kill",
        "how to murder", "huge fat", "intercourse", "jelly donut", "kinky", "make me come", "mf",
        "missionary position", "negro", "nipple", "nipples", "nude", "nudity", "octopussy",
        "panties", "panty", "pegging", "penis", "playboy", "pleasure chest", "poof", "rectum",
        "rimming", "s m", "santorum", "scat", "scissoring", "semen", "sex", "sexo", "sexy", "shrimping",
        "skeet", "snatch", "snowballing", "spread legs", "spunk", "strap on", "suck", "sucks",
        "sultry women", "swinger", "tainted love", "taste my", "tea bagging", "testbadoi", "throating",
        "tied up", "tight white", "tit", "tongue in a", "topless", "tushy", "twinkie", "undressing",
        "vagina", "vibrator", "violet wand", "vulva", "wrapping men", "xx", "xxx",
    }
)  # fmt: skip

# Slurs, the f-word and c-word families, child abuse material.
STRONG_TERMS = frozenset(
    {
        "beaner", "beaners", "bulldyke", "carpet muncher", "carpetmuncher", "clusterfuck",
        "cocksucker", "cunt", "darkie", "fack", "faggot", "fuck", "fuck buttons", "fucker",
        "fuckface", "fuckin", "fucking", "fucktards", "fuk", "fuq", "fvck", "jigaboo", "jiggaboo",
        "jiggerboo", "kike", "motherfucker", "nig nog", "nigga", "nigger", "paki", "phuck", "pthc",
        "raghead", "slanteye", "spic", "towelhead", "wetback", "white power",
    }
)  # fmt: skip

MILD_TERMS = frozenset(
    {
        "arse", "barenaked", "bastardized", "bollocks", "boner", "boob", "boobs", "butt",
        "buttcheeks", "crap", "damn", "dingleberries", "dingleberry", "god damn", "hot chick",
        "jackass", "lmfao", "lovemaking", "omfg", "piss", "pissed", "pissing", "simp", "stfu",
        "tosser", "wet dream", "wtf",
    }
)  # fmt: skip

# Common terms the base list lacks (British insults, everyday forms), tiered like the rest.
EXTRA_TERMS = {
    "arse": MILD, "bellend": MODERATE, "crap": MILD, "damn": MILD, "dickhead": MODERATE,
    "douche": MODERATE, "douchebag": MODERATE, "motherfucking": STRONG, "piss": MILD,
    "shithole": MODERATE, "shitload": MODERATE, "shitstorm": MODERATE, "wanker": MODERATE,
    "whore": MODERATE,
}  # fmt: skip

# Stems whose inflections ("fucked", "bitches", "wankers") are the same word: only these, since
# stemming every term turns "spicy" into "spic", "butter" into "butt" and "cocker" into "cock".
INFLECTABLE = frozenset(
    {
        "asshole", "bastard", "bitch", "cocksucker", "cunt", "dickhead", "douchebag", "faggot", "fuck",
        "motherfucker", "nigger", "shit", "slut", "twat", "wank", "wanker", "whore",
    }
)  # fmt: skip
# Misspellings in the base list, reported as the word they spell ("f@ck" decodes to "fack").
ALIASES = {"fack": "fuck", "fuk": "fuck", "fuq": "fuck", "fvck": "fuck", "phuck": "fuck"}
SUFFIXES = ("s", "y", "es", "ed", "er", "in", "ers", "ing")  # shortest first: "wankers" is "wanker"
EMBEDDED = ("fuck",)  # found inside any word: no clean English word contains it
TRAILING = ("shit",)  # found at the end of a word (horseshit, batshit); not at the start (shitake)


@dataclass(frozen=True, slots=True)
class Lexicon:
    words: dict[str, float]
    inflections: dict[str, str]  # "fucked" -> "fuck", "twatted" -> "twat"
    phrases: dict[tuple[str, ...], float]
    symbols: dict[str, float]
    by_length: dict[int, tuple[str, ...]]


def _severity(term: str) -> float:
    if term in STRONG_TERMS:
        return STRONG
    if term in MILD_TERMS:
        return MILD
    return MODERATE


def base_terms() -> list[str]:
    """The base list as glin-profanity ships it."""
    spec = importlib.util.find_spec(BASE_PACKAGE)  # locates the package without running it
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(f"{BASE_PACKAGE} is not installed: it provides the base profanity list")
    path = Path(next(iter(spec.submodule_search_locations))).joinpath(*BASE_FILE)
    data = json.loads(path.read_text(encoding="utf-8"))
    return [term for term in data["words"] if isinstance(term, str) and term.strip()]


def build(terms: list[str], extra: dict[str, float]) -> Lexicon:
    words: dict[str, float] = {}
    phrases: dict[tuple[str, ...], float] = {}
    symbols: dict[str, float] = {}
    entries = [(term, _severity(fold(term))) for term in terms] + list(extra.items())
    for term, listed in entries:
        parts = tuple(token.plain for token in tokens(fold(term)))
        key = " ".join(parts)
        if key in NOT_PROFANE_HERE or "*" in key:  # masked entries ("f*ck") are found by wildcard
            continue
        severity = max(listed, _severity(key))
        if not parts:
            symbols[term] = severity
        elif len(parts) == 1:
            words[key] = max(severity, words.get(key, 0.0))
        else:
            phrases[parts] = max(severity, phrases.get(parts, 0.0))
    by_length: dict[int, list[str]] = {}
    for word in sorted(words.keys() - ALIASES.keys()):
        by_length.setdefault(len(word), []).append(word)
    inflections = {  # longer stems last, so they win: "wankers" is "wanker" + s, not "wank" + ers
        stem + doubled + suffix: stem
        for stem in sorted(INFLECTABLE & words.keys(), key=lambda stem: (len(stem), stem))
        for doubled in ("", stem[-1])
        for suffix in SUFFIXES
    }
    return Lexicon(
        words=words,
        inflections={form: stem for form, stem in inflections.items() if form not in words},
        phrases=phrases,
        symbols=symbols,
        by_length={size: tuple(found) for size, found in by_length.items()},
    )


LEXICON = build(base_terms(), EXTRA_TERMS)
