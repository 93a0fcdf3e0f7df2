"""Offline content screening: profanity and brand blocklists, spam signals and personal data in
the text of an idea or a comment, turned into a verdict (approve, hold, reject) with reason codes
and scores. Pure Python, no network: it runs inside the moderation function."""

from shared.domain.screening.engine import screen
from shared.domain.screening.model import Decision, Reason, ScreeningContext, Verdict
from shared.domain.screening.text import fingerprint

__all__ = ["Decision", "Reason", "ScreeningContext", "Verdict", "fingerprint", "screen"]
