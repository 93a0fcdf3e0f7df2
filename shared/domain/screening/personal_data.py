"""Personal data in public text: email addresses, phone numbers, payment cards, IBANs.

Each finder returns a score in 0..1 for its kind. Cards and IBANs carry check digits (Luhn,
mod 97), so a match that passes is almost surely real. Phone numbers have no check digit: a
number counts by its shape (international prefix, US grouping, a trunk 0 with grouping) and by
the words just before it ("call me on" raises it; "order", "serial", "model" drop it), so years,
prices, version strings, model and order numbers are not phones. Finders run from the most
certain kind to the least, each blanking what it found, so a card is never also a phone."""

from __future__ import annotations

import re
from dataclasses import dataclass

EMAIL = re.compile(r"(?<![\w.+-])([\w.+-]{1,64})@(?:[a-z0-9-]+\.)+[a-z]{2,24}\b", re.IGNORECASE)
SPELLED_EMAIL = re.compile(
    r"\b([\w.+-]{2,64})\s*(?:[\[(]\s*at\s*[\])]|\s+at\s+)\s*[a-z0-9-]+\s*(?:[\[(]\s*dot\s*[\])]|\s+dot\s+)\s*[a-z]{2,6}\b",
    re.IGNORECASE,
)
ROLE_MAILBOXES = frozenset(
    [
        "admin",
        "care",
        "careers",
        "contact",
        "customerservice",
        "feedback",
        "hello",
        "help",
        "info",
        "jobs",
        "marketing",
        "newsletter",
        "noreply",
        "no-reply",
        "office",
        "press",
        "privacy",
        "sales",
        "service",
        "support",
        "team",
        "webmaster",
    ]
)
ROLE_MAILBOX_SCORE = 0.3  # a brand's support@ address is public on purpose: noted, not held

_PHONE = re.compile(r"(?<![\w+#/.,$€£-])(?:\+|00)?\(?\d[\d \t().\-/]{6,22}\d(?![\w/-]|[.,]\d)")
_US_PHONE = re.compile(r"(?:\+?1[ .-]?)?(?:\(\d{3}\) ?|\d{3}[ .-])\d{3}[ .-]\d{4}")
_DATE = re.compile(r"\d{4}[-/. ]\d{1,2}[-/. ]\d{1,2}|\d{1,2}[-/. ]\d{1,2}[-/. ]\d{2,4}")
_SEPARATOR = re.compile(r"[^\d]+")
_DIGITS = re.compile(r"\d+")
_INTERNATIONAL = re.compile(r"(?:\+|00)[1-9]")  # country codes never start with 0
PHONE_DIGITS = (8, 15)  # E.164 allows at most 15 digits; 8 is the shortest with a country code
_PHONE_WORDS = re.compile(
    r"\b(?:call|phone|tel|telephone|mobile|cell|whats ?app|signal|sms|text me|ring me|reach me|contact me|"
    r"my number|number is)\b",
    re.IGNORECASE,
)
# An identifier named just before the number ("order #", "serial:", "EAN"), up to two words away.
_IDENTIFIER_WORDS = re.compile(
    r"(?:\b(?:order|invoice|ref|reference|ticket|case|sku|serial|tracking|id|isbn|ean|upc|part|model|batch|lot|"
    r"account|version|build|patent|no)\b|#)[\s.:#-]*(?:\w+[\s.:#-]+){0,2}$",
    re.IGNORECASE,
)
CONTEXT_CHARS = 40  # characters before a number searched for "call me", "my card" or "order"
_CARD_WORDS = re.compile(r"\b(?:card|visa|mastercard|amex|credit|debit|cc|pay|paid|charge)\b", re.IGNORECASE)

_CARD_SEPARATOR = re.compile(r"[ -]")
_CARD = re.compile(r"(?<![\d.,-])\d(?:[ -]?\d){12,22}(?!\d)")
CARD_PREFIXES = ("4", "51", "52", "53", "54", "55", "2", "34", "37", "6011", "65", "64", "35", "36", "38", "30")
CARD_LENGTHS = range(13, 20)
_IBAN = re.compile(r"\b[a-z]{2}\d{2}(?: ?[a-z0-9]{4}){2,7}(?: ?[a-z0-9]{1,3})?\b", re.IGNORECASE)
IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22, "DK": 18,
    "EE": 20, "ES": 24, "FI": 18, "FR": 27, "GB": 22, "GR": 27, "HR": 21, "HU": 28, "IE": 22, "IS": 26,
    "IT": 27, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MT": 31, "NL": 18, "NO": 15, "PL": 28,
    "PT": 25, "RO": 24, "SA": 24, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "TR": 26,
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Findings:
    email: float = 0.0
    phone: float = 0.0
    card: float = 0.0
    iban: float = 0.0


def luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def iban_valid(candidate: str) -> bool:
    compact = candidate.replace(" ", "").upper()
    if IBAN_LENGTHS.get(compact[:2]) != len(compact) or not compact.isalnum():
        return False
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(char, 36)) for char in rearranged)) % 97 == 1


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def _ibans(text: str) -> tuple[float, str]:
    score = 0.0
    for match in _IBAN.finditer(text):
        compact = match.group().replace(" ", "").upper()
        expected = IBAN_LENGTHS.get(compact[:2], 0)
        if expected and len(compact) >= expected and iban_valid(compact[:expected]):
            score = 1.0
            text = _blank(text, match.start(), match.end())
    return score, text


def _card_number(candidate: str) -> str | None:
    """The longest run of leading groups that is a card number: grouped in fours (Amex 4-6-5,
    Diners 4-6-4) or not grouped, a known prefix, a card length and a valid Luhn digit."""
    groups = _CARD_SEPARATOR.split(candidate)
    for count in range(len(groups), 0, -1):
        kept = groups[:count]
        sizes = [len(group) for group in kept]
        grouped = count == 1 or sizes in ([4, 6, 5], [4, 6, 4]) or (all(s == 4 for s in sizes[:-1]) and sizes[-1] <= 4)
        digits = "".join(kept)
        if grouped and len(digits) in CARD_LENGTHS and digits.startswith(CARD_PREFIXES) and luhn_valid(digits):
            return digits
    return None


def _cards(text: str) -> tuple[float, str]:
    score = 0.0
    for match in _CARD.finditer(text):
        before = text[max(0, match.start() - CONTEXT_CHARS) : match.start()]
        named_identifier = _IDENTIFIER_WORDS.search(before) and not _CARD_WORDS.search(before)
        if not named_identifier and _card_number(match.group()) is not None:
            score = 1.0
            text = _blank(text, match.start(), match.end())
    return score, text


def _emails(text: str) -> tuple[float, str]:
    score = 0.0
    for pattern in (EMAIL, SPELLED_EMAIL):
        for match in pattern.finditer(text):
            role = match.group(1).casefold() in ROLE_MAILBOXES
            score = max(score, ROLE_MAILBOX_SCORE if role else 1.0)
            text = _blank(text, match.start(), match.end())
    return score, text


def _phone_shape(number: str, digits: str) -> float:
    """How much the number alone looks like a phone number."""
    separators = {char for run in _SEPARATOR.findall(number.lstrip("+")) for char in run if char not in "()"}
    groups = [len(group) for group in _DIGITS.findall(number)]
    if _INTERNATIONAL.match(number):
        return 0.95
    if "." in separators and len(separators) > 1:
        return 0.0  # "0.25 0.50 0.75": decimals, not a phone
    if _US_PHONE.fullmatch(number):
        return 0.9
    trunk = digits[0] == "0" and digits[1] != "0"  # one trunk 0, then the area code
    if trunk and len(groups) > 1 and all(2 <= size <= 5 for size in groups):
        return 0.85
    if trunk and len(groups) == 1 and 10 <= len(digits) <= 11:
        return 0.45  # "07700900123": a phone or an id; the words before it decide
    return 0.2


def _phones(text: str) -> float:
    score = 0.0
    for match in _PHONE.finditer(text):
        number = match.group().strip()
        digits = "".join(_DIGITS.findall(number))
        if not PHONE_DIGITS[0] <= len(digits) <= PHONE_DIGITS[1] or _DATE.fullmatch(number):
            continue
        before = text[max(0, match.start() - CONTEXT_CHARS) : match.start()]
        shape = _phone_shape(number, digits)
        if _PHONE_WORDS.search(before) and len(digits) >= 9:
            shape = max(shape, 0.9)
        elif _IDENTIFIER_WORDS.search(before):
            shape = min(shape, 0.1)
        score = max(score, shape)
    return score


def find(text: str) -> Findings:
    iban, text = _ibans(text)
    card, text = _cards(text)
    email, text = _emails(text)
    return Findings(email=email, phone=_phones(text), card=card, iban=iban)
