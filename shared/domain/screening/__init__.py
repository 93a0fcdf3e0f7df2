"""Offline content screening: profanity and brand blocklists, spam signals and personal data in
the text of an idea or a comment, turned into a verdict (approve, hold, reject) with reason codes
and scores. Pure Python, no network: it runs inside the moderation function.

The package itself exports only the model (what a verdict is): importing it must not build the
word lists and regular expressions (~30 ms), which only the screening itself needs. ``screen`` is
in ``shared.domain.screening.engine``, ``fingerprint`` in ``shared.domain.screening.text``."""

from shared.domain.screening.model import Decision, Reason, ScreeningContext, Verdict

__all__ = ["Decision", "Reason", "ScreeningContext", "Verdict"]
