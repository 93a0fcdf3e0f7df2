"""Entry point of the phases function: on its schedule, move every challenge whose next phase
date has passed. The phase change is a normal conditional write, so the outbox turns it into
ChallengePhaseChanged like a change made by hand."""

from __future__ import annotations

from typing import Any

import boto3
from pydantic import Field

from shared.config import Settings, load_settings
from shared.observability import instrument, logger, metrics
from shared.services.challenges import advance_due_phases
from shared.store.content import DynamoChallengeRepository


class PhasesSettings(Settings):
    content_table: str = Field(alias="CONTENT_TABLE", min_length=3)


settings = load_settings(PhasesSettings)
challenges = DynamoChallengeRepository(boto3.client("dynamodb"), settings.content_table)


@instrument()
def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:  # noqa: ARG001 - a schedule tick
    moved = advance_due_phases(challenges)
    metrics.add_metric(name="ChallengePhasesAdvanced", unit="Count", value=len(moved))
    logger.info("Scheduled phases applied", extra={"moved": [c.challenge_id for c in moved]})
    return {"moved": [{"challengeId": c.challenge_id, "phase": c.phase.value} for c in moved]}
