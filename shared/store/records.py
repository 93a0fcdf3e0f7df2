"""Item layout of the content table, and codecs between items and domain objects.

Single-table design (see docs/data-model.md):
- challenge: pk=CHALLENGE#<id>, sk=#META, gsi1pk=BRAND#<brandId>, gsi1sk=CHALLENGE#<createdAt>#<id>,
             gsi2pk=CHALLENGES, gsi2sk=<createdAt>#<id>, duepk/dueat while a phase change is scheduled
             (and the brand is not suspended), suspended=true while the brand is
- brand:     pk=BRAND#<id>, sk=#META, gsi2pk=BRANDS, gsi2sk=<id> (the operators' list, by id)
- trend:     pk=IDEA#<id>, sk=TREND#<hour, ISO 8601 to the hour>: the idea's counters at that hour
- idea:      pk=IDEA#<id>, sk=#META, gsi1pk=CHALLENGE#<challengeId>#STATUS#<status>,
             gsi1sk=<createdAt>#<id>, score (index 'top'), hot (index 'hot'), wilson (index 'best'),
             controversy (index 'controversial'),
             duepk=LADDER_DUE/dueat while a published idea has a ladder window open (index 'due')
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from shared.domain.brands import Brand
from shared.domain.challenges import Challenge, Milestone, ModerationMode, Phase, PhaseAction, VoteModel
from shared.domain.comments import Comment
from shared.domain.ideas import Idea, IdeaStatus, LadderProgress, StatusChange, TrendPoint, VoteTally
from shared.domain.limits import LimitedAction, RateLimit
from shared.domain.staff import StaffMember
from shared.domain.surveys import QuestionKind, SurveyQuestion, SurveyTally
from shared.store.comment_records import comment_from_item
from shared.store.dynamo import Item, from_timestamp, to_timestamp, user_index
from shared.store.staff import member_from_item

META = "#META"
ALL_CHALLENGES = "CHALLENGES"
ALL_BRANDS = "BRANDS"
PHASE_DUE = "PHASE_DUE"
LADDER_DUE = "LADDER_DUE"


def challenge_key(challenge_id: str) -> dict[str, str]:
    return {"pk": f"CHALLENGE#{challenge_id}", "sk": META}


def idea_key(idea_id: str) -> dict[str, str]:
    return {"pk": f"IDEA#{idea_id}", "sk": META}


TREND = "TREND#"
SURVEY = "SURVEY"


def survey_key(idea_id: str) -> dict[str, str]:
    return {"pk": f"IDEA#{idea_id}", "sk": SURVEY}


def survey_to_item(idea_id: str, tally: SurveyTally) -> Item:
    """An idea's survey counts: written by the tally only (never on the request path)."""
    return {**survey_key(idea_id), "type": "SurveyTally", "counts": dict(tally.counts), "version": tally.version}


def survey_from_item(item: Mapping[str, Any]) -> SurveyTally:
    return SurveyTally({str(k): int(n) for k, n in (item.get("counts") or {}).items()}, int(item.get("version", 0)))


def trend_key(idea_id: str, hour: datetime) -> dict[str, str]:
    return {"pk": f"IDEA#{idea_id}", "sk": TREND + hour.strftime("%Y-%m-%dT%H")}


def trend_to_item(idea_id: str, point: TrendPoint) -> Item:
    return {
        **trend_key(idea_id, point.hour),
        "type": "TrendPoint",
        "hour": to_timestamp(point.hour),
        "votesUp": point.votes.up,
        "votesDown": point.votes.down,
    }


def trend_from_item(item: Mapping[str, Any]) -> TrendPoint:
    return TrendPoint(from_timestamp(item["hour"]), VoteTally(int(item["votesUp"]), int(item["votesDown"])))


def brand_key(brand_id: str) -> dict[str, str]:
    return {"pk": f"BRAND#{brand_id}", "sk": META}


def brand_to_item(brand: Brand) -> Item:
    return {
        **brand_key(brand.brand_id),
        "type": "Brand",
        "gsi2pk": ALL_BRANDS,
        "gsi2sk": brand.brand_id,
        **user_index(brand.created_by, f"BRAND#{brand.brand_id}"),
        "brandId": brand.brand_id,
        "name": brand.name,
        "suspended": brand.suspended,
        "suspendedReason": brand.suspended_reason,
        "createdBy": brand.created_by,
        "createdAt": to_timestamp(brand.created_at),
        "updatedAt": to_timestamp(brand.updated_at),
        "version": brand.version,
    }


def brand_from_item(item: Mapping[str, Any]) -> Brand:
    return Brand(
        brand_id=str(item["brandId"]),
        name=str(item["name"]),
        suspended=bool(item.get("suspended", False)),
        suspended_reason=str(item["suspendedReason"]) if item.get("suspendedReason") else None,
        created_by=str(item["createdBy"]),
        created_at=from_timestamp(item["createdAt"]),
        updated_at=from_timestamp(item["updatedAt"]),
        version=int(item.get("version", 1)),
    )


def _challenge_due(challenge: Challenge) -> dict[str, str]:
    """The sparse 'due' index entry: present while a phase change is scheduled and the challenge
    can move (not while its brand is suspended: reinstating it puts the entry back)."""
    upcoming = challenge.next_scheduled_phase()
    if upcoming is None or challenge.suspended:
        return {}
    return {"duepk": PHASE_DUE, "dueat": f"{to_timestamp(upcoming[1])}#{challenge.challenge_id}"}


def challenge_to_item(challenge: Challenge) -> Item:
    created = to_timestamp(challenge.created_at)
    return {
        **challenge_key(challenge.challenge_id),
        "type": "Challenge",
        "gsi1pk": f"BRAND#{challenge.brand_id}",
        "gsi1sk": f"CHALLENGE#{created}#{challenge.challenge_id}",
        "gsi2pk": ALL_CHALLENGES,
        "gsi2sk": f"{created}#{challenge.challenge_id}",
        **user_index(challenge.created_by, f"CHALLENGE#{created}#{challenge.challenge_id}"),
        **_challenge_due(challenge),
        "challengeId": challenge.challenge_id,
        "brandId": challenge.brand_id,
        "title": challenge.title,
        "description": challenge.description,
        "phase": challenge.phase.value,
        "moderation": challenge.moderation.value,
        "tagVocabulary": list(challenge.tag_vocabulary),
        "voteModel": challenge.vote_model.value,
        "voteBudget": challenge.vote_budget,
        "allowSelfVote": challenge.allow_self_vote,
        "supportLadder": [
            {"supporters": rung.supporters, "withinDays": rung.within_days} for rung in challenge.support_ladder
        ],
        "maxIdeasPerUser": challenge.max_ideas_per_user,
        "editLockVotes": challenge.edit_lock_votes,
        # Empty maps are left out: stream images of DynamoDB Local render them as {} (no type).
        "statusLabels": dict(challenge.status_labels) or None,
        "phaseDates": {phase.value: to_timestamp(at) for phase, at in challenge.phase_dates.items()} or None,
        "blocklist": list(challenge.blocklist) or None,
        "reportThreshold": challenge.report_threshold,
        "trustedAfter": challenge.trusted_after,
        "phaseRules": {
            phase.value: {action.value: on for action, on in switches.items()}
            for phase, switches in challenge.phase_rules.items()
            if switches
        }
        or None,
        "rateLimits": {
            action.value: {"max": limit.max, "windowSeconds": int(limit.window.total_seconds())}
            for action, limit in challenge.rate_limits.items()
        }
        or None,
        **({"suspended": True} if challenge.suspended else {}),
        "survey": [question_to_item(question) for question in challenge.survey] or None,
        "createdBy": challenge.created_by,
        "createdAt": created,
        "updatedAt": to_timestamp(challenge.updated_at),
        "version": challenge.version,
    }


def question_to_item(question: SurveyQuestion) -> Item:
    item: Item = {"id": question.question_id, "prompt": question.prompt, "kind": question.kind.value}
    optional = {
        "required": question.required or None,
        "options": list(question.options) or None,
        "minimum": question.minimum,
        "maximum": question.maximum,
        "maxLength": question.max_length,
    }
    return item | {name: value for name, value in optional.items() if value is not None}


def question_from_item(item: Mapping[str, Any]) -> SurveyQuestion:
    return SurveyQuestion(
        question_id=str(item["id"]),
        prompt=str(item["prompt"]),
        kind=QuestionKind(item["kind"]),
        required=bool(item.get("required", False)),
        options=tuple(str(option) for option in item.get("options") or []),
        minimum=_optional_int(item.get("minimum")),
        maximum=_optional_int(item.get("maximum")),
        max_length=_optional_int(item.get("maxLength")),
    )


def _optional_int(value: Any) -> int | None:
    return None if value is None else int(value)


def challenge_from_item(item: Mapping[str, Any]) -> Challenge:
    return Challenge(
        challenge_id=str(item["challengeId"]),
        brand_id=str(item["brandId"]),
        title=str(item["title"]),
        description=str(item.get("description", "")),
        phase=Phase(item["phase"]),
        moderation=ModerationMode(item["moderation"]),
        tag_vocabulary=tuple(str(tag) for tag in item.get("tagVocabulary", [])),
        vote_model=VoteModel(item.get("voteModel", VoteModel.SUPPORT.value)),
        vote_budget=_optional_int(item.get("voteBudget")),
        allow_self_vote=bool(item.get("allowSelfVote", False)),
        support_ladder=tuple(
            Milestone(int(rung["supporters"]), int(rung["withinDays"])) for rung in item.get("supportLadder", [])
        ),
        max_ideas_per_user=_optional_int(item.get("maxIdeasPerUser")),
        edit_lock_votes=_optional_int(item.get("editLockVotes")),
        blocklist=tuple(str(term) for term in item.get("blocklist") or []),
        report_threshold=int(item.get("reportThreshold", 3)),
        trusted_after=_optional_int(item.get("trustedAfter")),
        status_labels={str(k): str(v) for k, v in (item.get("statusLabels") or {}).items()},
        phase_dates={Phase(k): from_timestamp(v) for k, v in (item.get("phaseDates") or {}).items()},
        phase_rules={
            Phase(phase): {PhaseAction(action): bool(on) for action, on in switches.items()}
            for phase, switches in (item.get("phaseRules") or {}).items()
        },
        rate_limits={
            LimitedAction(action): RateLimit(int(limit["max"]), timedelta(seconds=int(limit["windowSeconds"])))
            for action, limit in (item.get("rateLimits") or {}).items()
        },
        suspended=bool(item.get("suspended", False)),
        survey=tuple(question_from_item(question) for question in item.get("survey") or []),
        created_by=str(item["createdBy"]),
        created_at=from_timestamp(item["createdAt"]),
        updated_at=from_timestamp(item["updatedAt"]),
        version=int(item.get("version", 1)),
    )


def idea_list_key(challenge_id: str, status: IdeaStatus | str) -> str:
    """Partition of the idea lists (indexes gsi1 'new', 'top', 'hot', 'best'): one per challenge and status."""
    return f"CHALLENGE#{challenge_id}#STATUS#{IdeaStatus(status).value}"


def _idea_due(idea: Idea) -> dict[str, str | None]:
    """The sparse 'due' index entry: present while a published idea has a ladder window open
    (None values make an idea's update remove it)."""
    due = idea.ladder.due_at
    if idea.status is not IdeaStatus.PUBLISHED or due is None:
        return {"duepk": None, "dueat": None}
    return {"duepk": LADDER_DUE, "dueat": f"{to_timestamp(due)}#{idea.idea_id}"}


def idea_to_item(idea: Idea) -> Item:
    created = to_timestamp(idea.created_at)
    return {
        **idea_key(idea.idea_id),
        "type": "Idea",
        "gsi1pk": idea_list_key(idea.challenge_id, idea.status),
        "gsi1sk": f"{created}#{idea.idea_id}",
        **user_index(idea.author_id, f"IDEA#{created}#{idea.idea_id}"),
        "score": idea.votes.score,
        "hot": Decimal(str(idea.hot)),
        "wilson": Decimal(str(idea.wilson)),
        "controversy": Decimal(str(idea.controversy)),
        **_idea_due(idea),
        "milestones": [to_timestamp(at) for at in idea.ladder.reached],
        "ladderDueAt": to_timestamp(idea.ladder.due_at) if idea.ladder.due_at else None,
        "mergedInto": idea.merged_into,
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
        **{f"rating{stars}": n for stars, n in enumerate(idea.ratings, start=1) if n},
        "officialResponse": idea.official_response,
        "history": [
            {
                "from": change.from_status.value,
                "to": change.to_status.value,
                "at": to_timestamp(change.at),
                "by": change.by,
                **({"response": change.response} if change.response is not None else {}),
            }
            for change in idea.history
        ],
        "createdAt": created,
        "updatedAt": to_timestamp(idea.updated_at),
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
        ratings=tuple(int(item.get(f"rating{stars}", 0)) for stars in range(1, 6)),
        official_response=None if item.get("officialResponse") is None else str(item["officialResponse"]),
        history=tuple(
            StatusChange(
                from_status=IdeaStatus(change["from"]),
                to_status=IdeaStatus(change["to"]),
                at=from_timestamp(change["at"]),
                by=str(change["by"]),
                response=None if change.get("response") is None else str(change["response"]),
            )
            for change in item.get("history", [])
        ),
        created_at=from_timestamp(item["createdAt"]),
        updated_at=from_timestamp(item["updatedAt"]),
        version=int(item.get("version", 1)),
        ladder=LadderProgress(
            reached=tuple(from_timestamp(at) for at in item.get("milestones", [])),
            due_at=from_timestamp(item["ladderDueAt"]) if item.get("ladderDueAt") else None,
        ),
        merged_into=str(item["mergedInto"]) if item.get("mergedInto") else None,
    )


def entity_from_item(item: Mapping[str, Any]) -> Brand | Challenge | Idea | Comment | StaffMember | None:
    """Decode any content-table item; None for item types that produce no entity here."""
    kind = item.get("type")
    if kind == "Idea":
        return idea_from_item(item)
    if kind == "Challenge":
        return challenge_from_item(item)
    if kind == "Brand":
        return brand_from_item(item)
    if kind == "Comment":
        return comment_from_item(item)
    if kind == "StaffMember":
        return member_from_item(item)
    return None
