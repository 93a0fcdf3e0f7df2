"""Votes under concurrency on the local cloud (DynamoDB Local, never moto: moto is not race-safe).

Over HTTP, 220 voters vote on one idea at once with repeats, value changes and retracts (and some
send the same vote three times at once); through the service layer, 40 more voters race
conflicting requests of their own, and 30 voters try 5 votes each at once against a budget of 3,
from 32 threads. The tally (votes stream -> tally function) must end exactly at the truth, and no
budget is ever overspent."""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from infra.local.cloud import LocalCloud
from shared.domain.errors import ConflictError, RuleViolationError
from shared.domain.principal import Principal
from shared.services import votes as vote_service
from shared.store.content import DynamoChallengeRepository, DynamoIdeaRepository
from shared.store.votes import DynamoVoteRepository
from tests.e2e.conftest import Call, dynamodb_local

pytestmark = pytest.mark.e2e

BRAND = "votes-e2e"
HTTP_VOTERS = 220
RACING_VOTERS = 40
BUDGET_VOTERS = 30
BUDGET = 3
BUDGET_IDEAS = 5
THREADS = 32
LADDER = (10, 30, 60, 1_000_000)  # the last rung stays out of reach: the idea keeps taking votes

# Each HTTP voter's requests, sent in order; voters run concurrently. The last value is the truth.
SCRIPTS: list[list[tuple[str, int | None]]] = [
    [("PUT", 1)],
    [("PUT", -1), ("PUT", -1)],
    [("PUT", 1), ("PUT", -1)],
    [("PUT", 1), ("DELETE", None)],
    [("PUT", -1), ("DELETE", None), ("PUT", 1), ("PUT", 1)],
]


def _final(script: list[tuple[str, int | None]]) -> int | None:
    return script[-1][1]


def _wait_for(check: Callable[[], bool], seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.25)
    return True


@pytest.fixture(scope="module")
def challenge_and_ideas(call: Call, token: Callable[..., str]) -> tuple[str, str, list[str]]:
    admin = token("votes-admin", [f"brand-{BRAND}-admins"])
    body = {"brandId": BRAND, "title": "Vote on packaging", "phase": "submission", "voteModel": "updown"}
    body["supportLadder"] = [{"supporters": n, "withinDays": 30} for n in LADDER]
    created = call("POST", "/challenges", token=admin, json={**body, "voteBudget": BUDGET})
    assert created.status_code == 201, created.text
    challenge_id = created.json()["challengeId"]
    ideas = []
    for n in range(1 + BUDGET_IDEAS):
        answer = call(
            "POST",
            f"/challenges/{challenge_id}/ideas",
            token=token("votes-author"),
            json={"title": f"Idea to vote on, number {n}"},
        )
        assert answer.status_code == 201, answer.text
        ideas.append(answer.json()["ideaId"])
    return challenge_id, ideas[0], ideas[1:]


def test_concurrent_votes_end_in_the_true_tally_and_never_overspend_a_budget(
    cloud: LocalCloud, call: Call, token: Callable[..., str], challenge_and_ideas: tuple[str, str, list[str]]
) -> None:
    challenge_id, hot_idea, budget_ideas = challenge_and_ideas
    began = time.monotonic()

    def http(method: str, path: str, voter: str, value: int | None) -> int:
        body = {"value": value} if value is not None else None
        headers = {"authorization": f"Bearer {token(voter)}"}
        return requests.request(method, cloud.url + path, json=body, headers=headers, timeout=30).status_code

    def run_script(voter: str, script: list[tuple[str, int | None]]) -> list[int]:
        return [http(method, f"/ideas/{hot_idea}/vote", voter, value) for method, value in script]

    truth: dict[str, int | None] = {}
    with ThreadPoolExecutor(THREADS) as pool:
        futures = []
        for n in range(HTTP_VOTERS):
            voter, script = f"voter-{n}", SCRIPTS[n % len(SCRIPTS)]
            truth[voter] = _final(script)
            futures.append(pool.submit(run_script, voter, script))
            if n % len(SCRIPTS) == 0:  # the same vote three times at once
                futures += [pool.submit(run_script, voter, script) for _ in range(2)]
        statuses = [status for future in futures for status in future.result()]
    assert set(statuses) <= {200, 204}, sorted(set(statuses))

    # Real races from 32 threads through the service layer, straight on DynamoDB Local.
    client, names = dynamodb_local(cloud)
    ideas = DynamoIdeaRepository(client, names["ContentTable"])
    challenges = DynamoChallengeRepository(client, names["ContentTable"])
    votes = DynamoVoteRepository(client, names["VotesTable"])

    def racing(voter: str, action: tuple[str, int | None]) -> None:
        principal = Principal(user_id=voter)
        try:
            if action[0] == "PUT":
                assert action[1] is not None
                vote_service.cast_vote(principal, hot_idea, action[1], ideas, challenges, votes)
            else:
                vote_service.retract_vote(principal, hot_idea, ideas, challenges, votes)
        except ConflictError:
            pass  # three attempts lost to the voter's own other requests: a 409 the client retries

    def budget_vote(voter: str, idea_id: str) -> bool:
        try:
            vote_service.cast_vote(Principal(user_id=voter), idea_id, 1, ideas, challenges, votes)
        except RuleViolationError:
            return False
        return True

    conflicting: list[tuple[str, int | None]] = [("PUT", 1), ("PUT", -1), ("DELETE", None), ("PUT", 1)]
    with ThreadPoolExecutor(THREADS) as pool:
        races = [pool.submit(racing, f"racer-{n}", a) for n in range(RACING_VOTERS) for a in conflicting]
        budget = {
            (f"spender-{n}", idea_id): pool.submit(budget_vote, f"spender-{n}", idea_id)
            for n in range(BUDGET_VOTERS)
            for idea_id in budget_ideas
        }
        for future in races:
            future.result()
        accepted = {key: future.result() for key, future in budget.items()}
    for n in range(RACING_VOTERS):
        final = votes.get(hot_idea, f"racer-{n}")
        truth[f"racer-{n}"] = final.value if final else None

    for n in range(BUDGET_VOTERS):
        spender = f"spender-{n}"
        mine = vote_service.list_my_votes(Principal(user_id=spender), challenge_id, votes, limit=100, start=None)
        assert sum(accepted[(spender, idea)] for idea in budget_ideas) == BUDGET  # all of it, never more
        assert len(mine.items) == BUDGET
    # Every vote the service accepted is stored, and nothing more (HTTP voters checked through the API).
    for voter, value in list(truth.items())[:20]:
        answer = call("GET", "/me/votes", token=token(voter), params={"challengeId": challenge_id})
        assert [v["value"] for v in answer.json()["items"]] == ([] if value is None else [value])

    expected_hot = {
        "up": sum(1 for v in truth.values() if v == 1),
        "down": sum(1 for v in truth.values() if v == -1),
    }
    expected_hot["score"] = expected_hot["up"] - expected_hot["down"]
    expected_budget = {
        idea: {"up": sum(accepted[(f"spender-{n}", idea)] for n in range(BUDGET_VOTERS)), "down": 0}
        for idea in budget_ideas
    }

    def tallied() -> bool:
        hot = call("GET", f"/ideas/{hot_idea}").json()["votes"]
        if {key: hot[key] for key in expected_hot} != expected_hot:
            return False
        for idea, expected in expected_budget.items():
            got = call("GET", f"/ideas/{idea}").json()["votes"]
            if (got["up"], got["down"]) != (expected["up"], expected["down"]):
                return False
        return True

    assert _wait_for(tallied), (call("GET", f"/ideas/{hot_idea}").json()["votes"], expected_hot)
    # Every rung the supporters passed is announced exactly once, however many votes crossed it at once.
    assert expected_hot["up"] > LADDER[2]

    def milestones() -> list[int]:
        found = call("GET", "/_local/events", params={"detailType": "IdeaMilestoneReached"}).json()["items"]
        return sorted(e["detail"]["rung"] for e in found if e["detail"]["ideaId"] == hot_idea)

    assert _wait_for(lambda: len(milestones()) >= 3)
    time.sleep(1)  # a duplicate would arrive within the outbox's next batch
    assert milestones() == [1, 2, 3]
    assert len(call("GET", f"/ideas/{hot_idea}").json()["ladder"]["milestones"]) == 3
    took = time.monotonic() - began
    print(f"\nvotes e2e: {len(statuses) + len(races) + len(budget)} requests, tally exact after {took:.1f} s")
