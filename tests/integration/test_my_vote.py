"""GET /ideas/{id} tells the caller their own vote (issue 3: `myVote`)."""

from __future__ import annotations

from tests.integration.conftest import Api
from tests.integration.test_votes_api import _challenge, _idea, _vote

READ = "/ideas/{ideaId}"


def test_a_voter_reads_their_vote_on_the_idea(ideas_api: Api, votes_api: Api) -> None:
    idea_id = _idea(ideas_api, _challenge(ideas_api, voteModel="updown"))
    assert _vote(votes_api, idea_id, value=-1, as_="other_participant").status == 200

    mine = ideas_api.call("GET", f"/ideas/{idea_id}", route=READ, as_="other_participant").json

    assert mine["myVote"] == -1


def test_no_vote_and_anonymous_read_null(ideas_api: Api, votes_api: Api) -> None:
    idea_id = _idea(ideas_api, _challenge(ideas_api))
    _vote(votes_api, idea_id, as_="other_participant")

    assert ideas_api.call("GET", f"/ideas/{idea_id}", route=READ, as_="moderator").json["myVote"] is None
    assert ideas_api.call("GET", f"/ideas/{idea_id}", route=READ).json["myVote"] is None
