"""Idea use cases."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta

from shared.domain.challenges import Challenge, Milestone, VoteModel
from shared.domain.errors import ConflictError, ForbiddenError, NotFoundError, ValidationError, require_version
from shared.domain.ideas import (
    PUBLIC_STATUSES,
    Idea,
    IdeaStatus,
    LadderProgress,
    StatusChange,
    TrendPoint,
    check_edit,
    check_merge,
    check_review_transition,
    check_submission,
    check_tags,
    check_withdraw,
    initial_status,
    status_before_merge,
)
from shared.domain.ids import new_id
from shared.domain.ladder import EXPIRY_GRACE, expire, resume_ladder, start_ladder, stop_clock
from shared.domain.limits import LimitedAction
from shared.domain.principal import Principal
from shared.domain.surveys import SurveyTally
from shared.services.challenges import get_challenge
from shared.services.limits import admit
from shared.services.ports import Clock, Key, Page, now_ms, utc_now
from shared.services.ports.challenges import ChallengeRepository
from shared.services.ports.ideas import IdeaRepository, IdeaSort, LadderDeadlines, TrustLookup, VoteLookup
from shared.services.ports.limits import RateLimiter
from shared.services.ports.votes import SurveyCounts


@dataclass(frozen=True)
class NewIdea:
    title: str
    description: str
    tags: tuple[str, ...] = ()


def submit_idea(
    principal: Principal,
    challenge_id: str,
    request: NewIdea,
    challenges: ChallengeRepository,
    ideas: IdeaRepository,
    clock: Clock = utc_now,
    trust: TrustLookup | None = None,
    limiter: RateLimiter | None = None,
) -> Idea:
    """One read (the challenge) and one conditional write (the idea). The stream does the rest.
    In a pre-moderated challenge with ``trustedAfter``, a trusted author (that many reputation points
    in the brand: one more read) is published at once."""
    author_id = principal.require_signed_in()
    challenge = get_challenge(principal, challenge_id, challenges)
    check_submission(challenge, request.tags)
    now = now_ms(clock)
    status = initial_status(challenge)
    trusted_after = challenge.trusted_after
    if (
        status is IdeaStatus.PENDING
        and trusted_after is not None
        and trust is not None
        and trust.brand_points(challenge.brand_id, author_id) >= trusted_after
    ):
        status = IdeaStatus.PUBLISHED
    idea = Idea(
        idea_id=new_id(int(now.timestamp() * 1000)),
        challenge_id=challenge.challenge_id,
        brand_id=challenge.brand_id,
        author_id=author_id,
        title=request.title,
        description=request.description,
        tags=request.tags,
        status=status,
        created_at=now,
        updated_at=now,
        ladder=start_ladder(challenge.support_ladder, now) if status is IdeaStatus.PUBLISHED else LadderProgress(),
    )
    admit(limiter, principal, challenge, LimitedAction.IDEAS, clock)
    ideas.add(idea, max_per_author=challenge.max_ideas_per_user)
    return idea


def get_idea(principal: Principal, idea_id: str, ideas: IdeaRepository) -> Idea:
    """Published ideas are public; others only for their author and the brand's staff (404 otherwise)."""
    idea = ideas.get(idea_id)
    if idea is None or not idea.visible_to(principal):
        raise NotFoundError(f"Idea {idea_id!r} does not exist.")
    return idea


@dataclass(frozen=True)
class IdeaEdit:
    title: str | None = None
    description: str | None = None
    tags: tuple[str, ...] | None = None


def idea_trend(
    principal: Principal, idea_id: str, ideas: IdeaRepository, *, hours: int, clock: Clock = utc_now
) -> tuple[Idea, list[TrendPoint]]:
    """The idea's counters hour by hour over the last ``hours`` (each hour with counted votes), for
    whoever may read the idea."""
    idea = get_idea(principal, idea_id, ideas)
    return idea, ideas.trend(idea_id, now_ms(clock) - timedelta(hours=hours - 1))


def edit_idea(
    principal: Principal,
    idea_id: str,
    edit: IdeaEdit,
    challenges: ChallengeRepository,
    ideas: IdeaRepository,
    clock: Clock = utc_now,
    expected_version: int | None = None,
) -> Idea:
    """The author edits while submission is open and before the edit lock (on the version they
    read, when they name one: If-Match)."""
    principal.require_signed_in()
    idea = get_idea(principal, idea_id, ideas)
    require_version("idea", idea.version, expected_version)
    challenge = get_challenge(principal, idea.challenge_id, challenges)
    check_edit(idea, challenge, principal)
    tags = idea.tags if edit.tags is None else edit.tags
    if edit.tags is not None:
        check_tags(challenge, tags)
    changed = replace(
        idea,
        title=idea.title if edit.title is None else edit.title,
        description=idea.description if edit.description is None else edit.description,
        tags=tags,
        version=idea.version + 1,
        updated_at=now_ms(clock),
    )
    if changed == replace(idea, version=changed.version, updated_at=changed.updated_at):
        return idea  # nothing to change: no write, no event
    ideas.save_changes(idea, changed)
    return changed


def withdraw_idea(
    principal: Principal, idea_id: str, challenges: ChallengeRepository, ideas: IdeaRepository, clock: Clock = utc_now
) -> Idea:
    """The author takes their idea back, where the challenge's phase allows withdrawals."""
    principal.require_signed_in()
    idea = get_idea(principal, idea_id, ideas)
    check_withdraw(idea, challenges.get(idea.challenge_id), principal)
    return _move(idea, IdeaStatus.WITHDRAWN, str(principal.user_id), None, ideas, clock)


def change_status(
    principal: Principal,
    idea_id: str,
    target: IdeaStatus,
    response: str | None,
    challenges: ChallengeRepository,
    ideas: IdeaRepository,
    clock: Clock = utc_now,
) -> Idea:
    """Brand admins move published ideas through review, with an official response."""
    idea = get_idea(principal, idea_id, ideas)
    user_id = principal.require_brand_admin(idea.brand_id)
    challenge = _writable_challenge(idea, challenges)
    check_review_transition(idea, target)
    return _move(idea, target, user_id, response, ideas, clock, ladder=_ladder(idea, target, challenge))


def _writable_challenge(idea: Idea, challenges: ChallengeRepository) -> Challenge | None:
    """The idea's challenge, read once; staff moves too stop while the brand is suspended."""
    challenge = challenges.get(idea.challenge_id)
    if challenge is not None:
        challenge.check_not_suspended()
    return challenge


def _ladder(idea: Idea, target: IdeaStatus, challenge: Challenge | None) -> tuple[Milestone, ...]:
    """The challenge's ladder when the idea goes back to published (its window restarts), else ()."""
    if target is not IdeaStatus.PUBLISHED or idea.status is IdeaStatus.PUBLISHED:
        return ()
    return challenge.support_ladder if challenge else ()


def _move(
    idea: Idea,
    target: IdeaStatus,
    by: str,
    response: str | None,
    ideas: IdeaRepository,
    clock: Clock,
    *,
    merged_into: str | None = None,
    ladder: tuple[Milestone, ...] = (),
) -> Idea:
    now = now_ms(clock)
    change = StatusChange(from_status=idea.status, to_status=target, at=now, by=by, response=response)
    changed = replace(
        idea,
        status=target,
        history=(*idea.history, change),
        official_response=response if response is not None else idea.official_response,
        merged_into=merged_into,
        ladder=resume_ladder(idea.ladder, ladder, now) if ladder else idea.ladder,
        version=idea.version + 1,
        updated_at=now,
    )
    ideas.save_changes(idea, changed)
    return changed


def merge_idea(
    principal: Principal,
    idea_id: str,
    target_id: str,
    challenges: ChallengeRepository,
    ideas: IdeaRepository,
    clock: Clock = utc_now,
) -> Idea:
    """Brand staff merge a duplicate into another idea of the challenge. The idea becomes ``merged``
    and points to the target; its votes move to the target (the ballots function, on IdeaMerged)."""
    source = get_idea(principal, idea_id, ideas)
    user_id = principal.require_brand_staff(source.brand_id)
    _writable_challenge(source, challenges)
    target = ideas.get(target_id)
    if target is None or not target.visible_to(principal):
        raise ValidationError(f"No idea {target_id!r} to merge into.", field="targetIdeaId")
    check_merge(source, target)
    return _move(source, IdeaStatus.MERGED, user_id, None, ideas, clock, merged_into=target.idea_id)


def unmerge_idea(
    principal: Principal, idea_id: str, challenges: ChallengeRepository, ideas: IdeaRepository, clock: Clock = utc_now
) -> Idea:
    """Undo a merge: the idea gets its status back; its votes come back (the ballots function, on
    IdeaUnmerged)."""
    idea = get_idea(principal, idea_id, ideas)
    user_id = principal.require_brand_staff(idea.brand_id)
    challenge = _writable_challenge(idea, challenges)
    restored = status_before_merge(idea)
    ladder = _ladder(idea, restored, challenge)
    return _move(idea, restored, user_id, None, ideas, clock, merged_into=None, ladder=ladder)


MAX_DUE_PAGES = 20  # per run (every 5 minutes): up to 2,000 expiries, the rest on the next run


def expire_missed_windows(
    ideas: LadderDeadlines, challenges: ChallengeRepository, clock: Clock = utc_now, limit: int = 100
) -> tuple[list[Idea], list[Idea]]:
    """The schedule's job: expire every published idea that missed its ladder window (by more than
    the grace), while its challenge takes votes. Ideas of a challenge that left voting have their
    clock stopped instead (no window, out of the due index, never expired), so closing a challenge
    tells nobody they missed a window they could no longer meet. Queries on the sparse index, no
    Scan; an idea that reached its rung meanwhile has a new version, so its write fails and it is
    left alone (the next run reads it again). Returns (expired, stopped)."""
    now = now_ms(clock)
    expired: list[Idea] = []
    stopped: list[Idea] = []
    seen: dict[str, Challenge | None] = {}
    start: Key | None = None
    for _ in range(MAX_DUE_PAGES):
        page = ideas.list_due(now - EXPIRY_GRACE, limit, start)
        for idea in page.items:
            if idea.challenge_id not in seen:
                seen[idea.challenge_id] = challenges.get(idea.challenge_id)
            challenge = seen[idea.challenge_id]
            if challenge is not None and challenge.suspended:
                continue  # left alone until the brand is reinstated
            changed = expire(idea, now) if challenge is not None and challenge.voting_open else stop_clock(idea)
            if changed is None:
                continue
            try:
                ideas.save_changes(idea, changed)
            except ConflictError:
                continue
            (expired if changed.status is IdeaStatus.EXPIRED else stopped).append(changed)
        if page.next_key is None:
            break
        start = page.next_key
    return expired, stopped


def list_ideas(
    principal: Principal,
    challenge_id: str,
    challenges: ChallengeRepository,
    ideas: IdeaRepository,
    *,
    status: IdeaStatus,
    sort: IdeaSort,
    tag: str | None,
    limit: int,
    start: Key | None,
) -> Page[Idea]:
    """Public statuses for everyone, in one Query: a challenge with ideas is never a draft again
    (phases only move forward), so the challenge need not be read, and an unknown one simply has
    no ideas. Other statuses (pending, hidden, ...) need the brand's staff: the challenge is read
    to know its brand. ``controversial`` needs up/down votes: the challenge is read to check."""
    if sort is IdeaSort.CONTROVERSIAL:
        model = get_challenge(principal, challenge_id, challenges).vote_model
        if model is not VoteModel.UPDOWN:
            raise ValidationError(
                f"sort=controversial needs up and down votes; this challenge uses {model.value!r} votes.",
                field="sort",
            )
    if status not in PUBLIC_STATUSES:
        challenge = get_challenge(principal, challenge_id, challenges)
        if not principal.is_brand_staff(challenge.brand_id):
            principal.require_signed_in()
            raise ForbiddenError(f"Only the brand's staff can list {status.value!r} ideas.")
    return ideas.list_page(challenge_id, status=status, sort=sort, tag=tag, limit=limit, start=start)


EXPORT_STATUSES = tuple(IdeaStatus)


@dataclass(frozen=True)
class ExportPage:
    """A page of the ideas export: the ideas, their survey counts (by idea; only when the challenge
    has a survey) and where the next page starts (None at the end)."""

    challenge: Challenge
    ideas: list[Idea]
    surveys: dict[str, SurveyTally]
    following: tuple[int, Key | None] | None


def export_ideas(
    principal: Principal,
    challenge_id: str,
    challenges: ChallengeRepository,
    ideas: IdeaRepository,
    survey_counts: SurveyCounts,
    *,
    position: tuple[int, Key | None],
    limit: int,
) -> ExportPage:
    """A page of every idea of the challenge, status by status (brand admins). ``position`` is
    (status index, key within it). Statuses with no ideas are skipped within the same call: at most
    one Query per status, and one BatchGetItem of survey counts per 100 ideas when there is a survey."""
    challenge = get_challenge(principal, challenge_id, challenges)
    principal.require_brand_admin(challenge.brand_id)
    index, key = position
    while index < len(EXPORT_STATUSES):
        page = ideas.list_page(
            challenge_id, status=EXPORT_STATUSES[index], sort=IdeaSort.NEW, tag=None, limit=limit, start=key
        )
        following = (index, page.next_key) if page.next_key else (index + 1, None)
        if page.items:
            surveys = survey_counts.get_many([idea.idea_id for idea in page.items]) if challenge.survey else {}
            return ExportPage(
                challenge, page.items, surveys, following if following[0] < len(EXPORT_STATUSES) else None
            )
        index, key = following
    return ExportPage(challenge, [], {}, None)


def my_vote(principal: Principal, idea: Idea, votes: VoteLookup) -> int | None:
    """The caller's current vote on the idea (one GetItem; none for anonymous callers)."""
    if principal.user_id is None:
        return None
    vote = votes.get(idea.idea_id, principal.user_id)
    return None if vote is None else vote.value
