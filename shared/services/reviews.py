"""The after-sales loop (decision 65): the people who supported or followed an idea before it
shipped rate and review the shipped product, once each (editable); the brand answers officially.

A review is a root comment with a rating, so it is screened, reported, hidden, removed,
pseudonymised, erased and exported as comments are; its rating counts in the idea's ``rating``
through the content stream (the tally function), like votes. Readers find reviews helpful, once
each (decision 72): "most helpful" lists the staff's marked ones first, then by readers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from shared.domain.comments import (
    Comment,
    check_answer,
    check_commentable,
    check_find_helpful,
    check_reviewable,
)
from shared.domain.errors import ConflictError, ForbiddenError, NotFoundError, RuleViolationError, require_version
from shared.domain.ids import new_id
from shared.domain.limits import LimitedAction
from shared.domain.principal import Principal
from shared.services.ideas import get_idea
from shared.services.limits import admit
from shared.services.ports import Clock, Key, Page, now_ms, utc_now
from shared.services.ports.challenges import ChallengeRepository
from shared.services.ports.comments import CommentRepository
from shared.services.ports.follows import FollowRepository
from shared.services.ports.ideas import IdeaRepository
from shared.services.ports.limits import RateLimiter
from shared.services.ports.votes import VoteRepository


@dataclass(frozen=True)
class ReviewPorts:
    challenges: ChallengeRepository
    ideas: IdeaRepository
    comments: CommentRepository
    votes: VoteRepository
    follows: FollowRepository
    limiter: RateLimiter | None = None


def supported_before(idea_id: str, user_id: str, at: datetime, ports: ReviewPorts) -> bool:
    """A verified supporter: an up vote cast, or a follow started, before ``at`` (two reads at most;
    any vote is a follow unless its voter unfollowed, decision 68)."""
    vote = ports.votes.get(idea_id, user_id)
    if vote is not None and vote.value > 0 and vote.voted_at <= at:
        return True
    follow = ports.follows.get(idea_id, user_id)
    if follow is not None and follow.following and follow.since <= at:
        return True
    return vote is not None and vote.voted_at <= at and (follow is None or follow.following)


def review_idea(
    principal: Principal, idea_id: str, rating: int, body: str, ports: ReviewPorts, clock: Clock = utc_now
) -> tuple[Comment, bool]:
    """Write the caller's review of a shipped idea, or change it (rating and text): the review and
    whether it is new. Only a verified supporter reviews, once; a removed review stays removed."""
    user_id = principal.require_signed_in()
    idea = get_idea(principal, idea_id, ports.ideas)
    check_commentable(idea)
    shipped = check_reviewable(principal, idea)
    challenge = ports.challenges.get(idea.challenge_id)
    if challenge is not None:
        challenge.check_not_suspended()
    now = now_ms(clock)
    existing_id = ports.comments.review_id(idea_id, user_id)
    if existing_id is not None:
        existing = ports.comments.get(existing_id)
        if existing is None:  # the marker is read consistently, the index is not: a moment after the post
            raise RuleViolationError("Your review is still being saved; try again in a moment.")
        if existing.deleted:
            raise RuleViolationError("You removed your review of this idea; it cannot be written again.")
        if (existing.rating, existing.body) == (rating, body):
            return existing, False
        changed = existing.reviewed(rating, body, now)
        ports.comments.save(existing, changed)
        return changed, False
    if not supported_before(idea_id, user_id, shipped, ports):
        raise ForbiddenError("Only people who supported or followed the idea before it shipped review it.")
    if challenge is not None:  # not the phase's comment switch: ideas ship long after a challenge closes
        admit(ports.limiter, principal, challenge, LimitedAction.COMMENTS, clock)
    review_id = new_id(int(now.timestamp() * 1000))
    review = Comment(
        comment_id=review_id,
        idea_id=idea.idea_id,
        challenge_id=idea.challenge_id,
        brand_id=idea.brand_id,
        author_id=user_id,
        body=body,
        path=(review_id,),
        official=False,
        created_at=now,
        updated_at=now,
        rating=rating,
    )
    ports.comments.add(review)
    return review, True


def list_reviews(
    principal: Principal,
    idea_id: str,
    ideas: IdeaRepository,
    comments: CommentRepository,
    *,
    helpful_first: bool,
    limit: int,
    start: Key | None,
) -> Page[Comment]:
    """Public for ideas the caller can see: one read of the idea and one Query per page."""
    get_idea(principal, idea_id, ideas)
    return comments.list_reviews(idea_id, helpful_first=helpful_first, limit=limit, start=start)


def answer_review(
    principal: Principal,
    review_id: str,
    answer: str | None,
    ports: ReviewPorts,
    clock: Clock = utc_now,
    expected_version: int | None = None,
) -> Comment:
    """The brand's official answer to a review (None takes it back): its staff and operators."""
    user_id = principal.require_signed_in()
    review = ports.comments.get(review_id)
    if review is None or not review.is_review:
        raise NotFoundError(f"Review {review_id!r} does not exist.")
    if not principal.is_brand_staff(review.brand_id):
        get_idea(principal, review.idea_id, ports.ideas)  # 404 for those who can't see it
    check_answer(principal, review)
    require_version("review", review.version, expected_version)
    if review.answer == answer:
        return review
    challenge = ports.challenges.get(review.challenge_id)
    if challenge is not None:
        challenge.check_not_suspended()
    answered = review.answered(answer, user_id, now_ms(clock))
    ports.comments.save(review, answered)
    return answered


HELPFUL_ATTEMPTS = 3  # a review's count moves under concurrent readers: read it again, then 409


def find_helpful(
    principal: Principal, review_id: str, helpful: bool, ports: ReviewPorts, clock: Clock = utc_now
) -> tuple[Comment, bool]:
    """The caller found the review helpful (or takes that back): once each, never their own, only
    live reviews of ideas they can see, within the challenge's vote rate limit. The review as it
    now is, and whether the caller's vote is on it. Asking for what is already so writes nothing;
    a race reads the review again by its key (the index a first read goes through may lag)."""
    reader_id = principal.require_signed_in()
    review = ports.comments.get(review_id)
    if review is None:
        raise NotFoundError(f"Review {review_id!r} does not exist.")
    get_idea(principal, review.idea_id, ports.ideas)  # 404 for those who can't see the idea
    challenge = ports.challenges.get(review.challenge_id)
    admitted = False
    for _ in range(HELPFUL_ATTEMPTS):
        check_find_helpful(principal, review)
        if ports.comments.has_found_helpful(review, reader_id) == helpful:
            return review, helpful
        if challenge is not None:
            challenge.check_not_suspended()
            if not admitted:
                admit(ports.limiter, principal, challenge, LimitedAction.VOTES, clock)
                admitted = True
        counted = review.found_helpful(helpful)
        try:
            ports.comments.find_helpful(review, counted, reader_id, helpful)
        except ConflictError:
            fresh = ports.comments.reread(review)  # another reader (or an edit) moved it, or this one's twin
            if fresh is None:
                raise NotFoundError(f"Review {review_id!r} does not exist.") from None
            review = fresh
            continue
        return counted, helpful
    raise ConflictError(f"Review {review_id!r} is changing concurrently; try again.")
