"""Item layout of the content table, and codecs between items and domain objects.

Single-table design (see docs/data-model.md):
- challenge: pk=CHALLENGE#<id>, sk=#META, gsi1pk=BRAND#<brandId>, gsi1sk=CHALLENGE#<createdAt>#<id>
- idea:      pk=IDEA#<id>,      sk=#META, gsi1pk=CHALLENGE#<challengeId>#IDEAS, gsi1sk=<createdAt>#<id>
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from shared.domain.challenges import Challenge, ModerationMode, Phase
from shared.domain.ideas import Idea, IdeaStatus, VoteTally
from shared.store.dynamo import Item

META = "#META"


def challenge_key(challenge_id: str) -> dict[str, str]:
    return {"pk": f"CHALLENGE#{challenge_id}", "sk": META}


def idea_key(idea_id: str) -> dict[str, str]:
    return {"pk": f"IDEA#{idea_id}", "sk": META}


def _ts(value: datetime) -> str:
    return value.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _dt(value: Any) -> datetime:
    return datetime.fromisoformat(str(value).replace("Z", "+00:00"))


def challenge_to_item(challenge: Challenge) -> Item:
    created = _ts(challenge.created_at)
    return {
        **challenge_key(challenge.challenge_id),
        "type": "Challenge",
        "gsi1pk": f"BRAND#{challenge.brand_id}",
        "gsi1sk": f"CHALLENGE#{created}#{challenge.challenge_id}",
        "challengeId": challenge.challenge_id,
        "brandId": challenge.brand_id,
        "title": challenge.title,
        "description": challenge.description,
        "phase": challenge.phase.value,
        "moderation": challenge.moderation.value,
        "tagVocabulary": list(challenge.tag_vocabulary),
        "createdBy": challenge.created_by,
        "createdAt": created,
        "updatedAt": _ts(challenge.updated_at),
        "version": challenge.version,
    }


def challenge_from_item(item: Mapping[str, Any]) -> Challenge:
    return Challenge(
        challenge_id=str(item["challengeId"]),
        brand_id=str(item["brandId"]),
        title=str(item["title"]),
        description=str(item.get("description", "")),
        phase=Phase(item["phase"]),
        moderation=ModerationMode(item["moderation"]),
        tag_vocabulary=tuple(str(tag) for tag in item.get("tagVocabulary", [])),
        created_by=str(item["createdBy"]),
        created_at=_dt(item["createdAt"]),
        updated_at=_dt(item["updatedAt"]),
        version=int(item.get("version", 1)),
    )


def idea_to_item(idea: Idea) -> Item:
    created = _ts(idea.created_at)
    return {
        **idea_key(idea.idea_id),
        "type": "Idea",
        "gsi1pk": f"CHALLENGE#{idea.challenge_id}#IDEAS",
        "gsi1sk": f"{created}#{idea.idea_id}",
        "ideaId": idea.idea_id,
        "challengeId": idea.challenge_id,
        "brandId": idea.brand_id,
        "authorId": idea.author_id,
        "title": idea.title,
        "description": idea.description,
        "tags": list(idea.tags),
        "status": idea.status.value,
        "votesUp": idea.votes.up,
        "votesDown": idea.votes.down,
        "commentCount": idea.comment_count,
        "createdAt": created,
        "updatedAt": _ts(idea.updated_at),
        "version": idea.version,
    }


def idea_from_item(item: Mapping[str, Any]) -> Idea:
    return Idea(
        idea_id=str(item["ideaId"]),
        challenge_id=str(item["challengeId"]),
        brand_id=str(item["brandId"]),
        author_id=str(item["authorId"]),
        title=str(item["title"]),
        description=str(item.get("description", "")),
        tags=tuple(str(tag) for tag in item.get("tags", [])),
        status=IdeaStatus(item["status"]),
        votes=VoteTally(up=int(item.get("votesUp", 0)), down=int(item.get("votesDown", 0))),
        comment_count=int(item.get("commentCount", 0)),
        created_at=_dt(item["createdAt"]),
        updated_at=_dt(item["updatedAt"]),
        version=int(item.get("version", 1)),
    )


def entity_from_item(item: Mapping[str, Any]) -> Challenge | Idea | None:
    """Decode any content-table item; None for item types that produce no entity here."""
    kind = item.get("type")
    if kind == "Idea":
        return idea_from_item(item)
    if kind == "Challenge":
        return challenge_from_item(item)
    return None
