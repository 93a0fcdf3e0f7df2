"""Amazon Comprehend as an extra screener (toxicity and PII detection), where the stack enables it.

The offline screeners always run; Comprehend's scores are added to the verdict and can only make
it stricter: toxic text is held (or rejected when very toxic), detected personal data is held."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from shared.domain.screening import Decision, Reason, ScreeningContext, Verdict
from shared.domain.screening.engine import screen

TOXICITY_HOLD = 0.7
TOXICITY_REJECT = 0.95
PII_SCORE = 0.9
PII_TYPES = frozenset(
    {"EMAIL", "PHONE", "CREDIT_DEBIT_NUMBER", "BANK_ACCOUNT_NUMBER", "ADDRESS", "SSN", "PASSPORT_NUMBER"}
)
MAX_BYTES = 4_500  # DetectToxicContent segments and DetectPiiEntities both cap their text
_STRICTNESS = {Decision.APPROVE: 0, Decision.HOLD: 1, Decision.REJECT: 2}


class ComprehendScreener:
    def __init__(self, client: Any, language: str = "en") -> None:
        self._client = client
        self._language = language

    def __call__(self, text: str, context: ScreeningContext) -> Verdict:
        verdict = screen(text, context)
        sample = text.encode()[:MAX_BYTES].decode(errors="ignore") or " "
        toxic = self._client.detect_toxic_content(TextSegments=[{"Text": sample}], LanguageCode=self._language)
        toxicity = float((toxic.get("ResultList") or [{}])[0].get("Toxicity", 0.0))
        pii = self._client.detect_pii_entities(Text=sample, LanguageCode=self._language)
        found = [e for e in pii.get("Entities", []) if e.get("Type") in PII_TYPES and e.get("Score", 0) >= PII_SCORE]
        reasons = list(verdict.reasons)
        decision = verdict.decision
        if toxicity >= TOXICITY_HOLD:
            reasons.append(Reason.TOXICITY)
            decision = _stricter(decision, Decision.REJECT if toxicity >= TOXICITY_REJECT else Decision.HOLD)
        if found:
            reasons.append(Reason.PERSONAL_DATA_DETECTED)
            decision = _stricter(decision, Decision.HOLD)
        scores = {**verdict.scores, Reason.TOXICITY.value: round(toxicity, 3)}
        scores[Reason.PERSONAL_DATA_DETECTED.value] = max((float(e["Score"]) for e in found), default=0.0)
        return replace(verdict, decision=decision, reasons=tuple(dict.fromkeys(reasons)), scores=scores)


def _stricter(current: Decision, other: Decision) -> Decision:
    return other if _STRICTNESS[other] > _STRICTNESS[current] else current
