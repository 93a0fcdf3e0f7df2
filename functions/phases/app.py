"""Entry point of the phases function: on its schedule, move every challenge whose next phase
date has passed, and expire every published idea that missed its support-ladder window while its
challenge takes votes (the clock of a challenge that left voting is stopped instead). Both are
normal conditional writes, so the outbox turns them into ChallengePhaseChanged and IdeaExpired
like changes made by hand."""

from __future__ import annotations

from typing import Any

import boto3
from pydantic import Field

from shared.config import Settings, load_settings
from shared.observability import instrument, logger, metrics
from shared.services.challenges import advance_due_phases
from shared.services.ideas import expire_missed_windows
from shared.store.content import DynamoChallengeRepository, DynamoIdeaRepository


class PhasesSettings(Settings):
    content_table: str = Field(alias="CONTENT_TABLE", min_length=3)


settings = load_settings(PhasesSettings)
_client = boto3.client("dynamodb")
challenges = DynamoChallengeRepository(_client, settings.content_table)
ideas = DynamoIdeaRepository(_client, settings.content_table)


@instrument()
def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:  # noqa: ARG001 - a schedule tick
    moved = advance_due_phases(challenges)
    expired, stopped = expire_missed_windows(ideas, challenges)
    metrics.add_metric(name="ChallengePhasesAdvanced", unit="Count", value=len(moved))
    metrics.add_metric(name="IdeasExpired", unit="Count", value=len(expired))
    metrics.add_metric(name="LadderClocksStopped", unit="Count", value=len(stopped))
    logger.info(
        "Schedules applied",
        extra={
            "moved": [c.challenge_id for c in moved],
            "expired": [i.idea_id for i in expired],
            "stopped": [i.idea_id for i in stopped],
        },
    )
    return {
        "moved": [{"challengeId": c.challenge_id, "phase": c.phase.value} for c in moved],
        "expired": [i.idea_id for i in expired],
        "stopped": [i.idea_id for i in stopped],
    }
