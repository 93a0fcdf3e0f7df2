"""What screening takes and what it answers: the context of one text and the verdict on it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class Decision(StrEnum):
    APPROVE = "approve"
    HOLD = "hold"
    REJECT = "reject"


class Reason(StrEnum):
    """Reason codes, shown to authors and moderators. Verdicts list them in this order."""

    PROFANITY = "profanity"
    BLOCKLIST = "blocklist"
    SPAM_LINKS = "spam_links"
    SPAM_REPEAT = "spam_repeat"
    SPAM_BURST = "spam_burst"
    SPAM_CAPS = "spam_caps"
    SPAM_CHARS = "spam_chars"
    PERSONAL_DATA_EMAIL = "personal_data_email"
    PERSONAL_DATA_PHONE = "personal_data_phone"
    PERSONAL_DATA_CARD = "personal_data_card"
    PERSONAL_DATA_IBAN = "personal_data_iban"
    TOXICITY = "toxicity"  # Amazon Comprehend, where the stack enables it
    PERSONAL_DATA_DETECTED = "personal_data_detected"  # Amazon Comprehend PII detection


SPAM_REASONS = frozenset(
    {Reason.SPAM_LINKS, Reason.SPAM_REPEAT, Reason.SPAM_BURST, Reason.SPAM_CAPS, Reason.SPAM_CHARS}
)
PERSONAL_DATA_REASONS = frozenset(
    {
        Reason.PERSONAL_DATA_EMAIL,
        Reason.PERSONAL_DATA_PHONE,
        Reason.PERSONAL_DATA_CARD,
        Reason.PERSONAL_DATA_IBAN,
    }
)
LANGUAGE_REASONS = frozenset({Reason.PROFANITY, Reason.BLOCKLIST})


@dataclass(frozen=True)
class ScreeningContext:
    """What the caller knows besides the text.

    ``recent_texts`` and ``recent_fingerprints`` are the same author's recent posts (full texts,
    or only their ``fingerprint()`` when the texts are not at hand: exact repeats are still found,
    near repeats need the texts). ``recent_post_times`` are the author's earlier posts, aware
    datetimes; the text being screened counts as posted at ``now``. ``blocklist`` holds the
    brand's extra terms (words or phrases, any case)."""

    now: datetime
    recent_texts: tuple[str, ...] = ()
    recent_fingerprints: frozenset[str] = frozenset()
    recent_post_times: tuple[datetime, ...] = ()
    blocklist: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Verdict:
    """``scores`` has an entry for every reason code, present or not, in 0..1: how strongly the
    signal shows, whether or not it crossed its threshold (engine.py) and became a reason. Two
    totals follow: ``spam`` (the spam scores combined) and ``personal_data`` (the highest)."""

    decision: Decision
    reasons: tuple[Reason, ...] = ()
    scores: dict[str, float] = field(default_factory=dict)
