"""screen(): every screener over one text, and the policy that turns their scores into a verdict.

Policy (the reason codes are shown to the author, who may appeal once):
- **reject** for strong language (a slur, the f-word: one strong term, or three moderate ones)
  and for clear spam (two different spam signals at once, such as many links in a text the
  author already posted); nothing a moderator would approve.
- **hold** for anything a person should look at: personal data (never public unchecked; a
  moderator can redact it), a moderate swear word, any brand blocklist term (brands list
  competitors and codenames as well as insults, which only a person can tell apart), and a
  single spam signal.
- **approve** otherwise."""

from __future__ import annotations

from shared.domain.screening import personal_data, spam
from shared.domain.screening.model import Decision, Reason, ScreeningContext, Verdict
from shared.domain.screening.profanity import ScannedText, blocked_terms, combined, compile_blocklist, profane_terms

PROFANITY_HOLD = 0.5  # one moderate term (0.6) or three mild ones (0.58) hold
PROFANITY_REJECT = 0.9  # one strong term (1.0) or three moderate ones (0.94) reject
SPAM_LINKS = 3  # links in one text: two are normal (a source and a demo), three look like promotion
REPEAT_SIMILARITY = 0.6  # word-trigram Jaccard with a recent text by the author: a few words changed in 20 still count
BURST_POSTS = 5  # posts within spam.BURST_WINDOW (10 min), this one included: faster than anyone types ideas
SHOUT_SHARE = 0.6  # share of long words in capitals: beyond a few acronyms and one emphatic word
STRETCH_RUNS = 3  # stretched runs ("sooooo", "!!!!!"; a run of ten counts as three): one or two is enthusiasm
SPAM_REJECT_SIGNALS = 2  # distinct spam signals (links, repeat, burst, formatting) that reject together
PERSONAL_DATA_HOLD = 0.5  # a phone-shaped number with nothing around it scores 0.2; "call me on" it 0.9


def _spam(text: str, context: ScreeningContext) -> tuple[dict[Reason, float], set[Reason]]:
    links = spam.links(text)
    burst = spam.burst_size(context.now, context.recent_post_times)
    runs = spam.stretched_runs(text)
    scores = {
        Reason.SPAM_LINKS: spam.link_score(links),
        Reason.SPAM_REPEAT: spam.repeat_score(text, context.recent_texts, context.recent_fingerprints),
        Reason.SPAM_BURST: spam.burst_score(burst),
        Reason.SPAM_CAPS: spam.shout_score(text),
        Reason.SPAM_CHARS: spam.stretch_score(runs),
    }
    fired = {
        reason
        for reason, firing in (
            (Reason.SPAM_LINKS, links >= SPAM_LINKS),
            (Reason.SPAM_REPEAT, scores[Reason.SPAM_REPEAT] >= REPEAT_SIMILARITY),
            (Reason.SPAM_BURST, burst >= BURST_POSTS),
            (Reason.SPAM_CAPS, scores[Reason.SPAM_CAPS] >= SHOUT_SHARE),
            (Reason.SPAM_CHARS, runs >= STRETCH_RUNS),
        )
        if firing
    }
    return scores, fired


def _spam_signals(reasons: set[Reason]) -> int:
    """Shouting and stretched characters are one signal (formatting): together they are a
    teenager's enthusiasm as often as spam."""
    formatting = bool(reasons & {Reason.SPAM_CAPS, Reason.SPAM_CHARS})
    return len(reasons & {Reason.SPAM_LINKS, Reason.SPAM_REPEAT, Reason.SPAM_BURST}) + formatting


def screen(text: str, context: ScreeningContext) -> Verdict:
    """Screen one text (an idea's title and description joined by a newline, or a comment)."""
    scanned = ScannedText.of(text)
    scores: dict[Reason, float] = dict.fromkeys(Reason, 0.0)
    scores[Reason.PROFANITY] = combined(profane_terms(scanned).values())
    if context.blocklist and blocked_terms(scanned, compile_blocklist(context.blocklist)):
        scores[Reason.BLOCKLIST] = 1.0
    found = personal_data.find(text)
    scores[Reason.PERSONAL_DATA_EMAIL] = found.email
    scores[Reason.PERSONAL_DATA_PHONE] = found.phone
    scores[Reason.PERSONAL_DATA_CARD] = found.card
    scores[Reason.PERSONAL_DATA_IBAN] = found.iban
    spam_scores, reasons = _spam(text, context)
    scores.update(spam_scores)

    if scores[Reason.PROFANITY] >= PROFANITY_HOLD:
        reasons.add(Reason.PROFANITY)
    if scores[Reason.BLOCKLIST] > 0:
        reasons.add(Reason.BLOCKLIST)
    for reason in (
        Reason.PERSONAL_DATA_EMAIL,
        Reason.PERSONAL_DATA_PHONE,
        Reason.PERSONAL_DATA_CARD,
        Reason.PERSONAL_DATA_IBAN,
    ):
        if scores[reason] >= PERSONAL_DATA_HOLD:
            reasons.add(reason)

    if scores[Reason.PROFANITY] >= PROFANITY_REJECT or _spam_signals(reasons) >= SPAM_REJECT_SIGNALS:
        decision = Decision.REJECT
    elif reasons:
        decision = Decision.HOLD
    else:
        decision = Decision.APPROVE
    return Verdict(
        decision=decision,
        reasons=tuple(reason for reason in Reason if reason in reasons),
        scores=_with_totals(scores),
    )


def _with_totals(scores: dict[Reason, float]) -> dict[str, float]:
    named = {reason.value: round(score, 4) for reason, score in scores.items()}
    named["spam"] = combined(scores[reason] for reason in scores if reason.value.startswith("spam_"))
    named["personal_data"] = max(scores[reason] for reason in scores if reason.value.startswith("personal_data_"))
    return named
