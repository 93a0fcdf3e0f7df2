from __future__ import annotations

import pytest

from shared.domain.challenges import DEFAULT_PHASE_RULES, Phase, PhaseAction


@pytest.mark.parametrize(("phase", "expected"), [(phase, phase is Phase.SUBMISSION) for phase in Phase], ids=str)
def test_by_default_submissions_are_open_only_in_the_submission_phase(phase, expected):
    assert (PhaseAction.SUBMIT in DEFAULT_PHASE_RULES[phase]) is expected


@pytest.mark.parametrize(
    ("phase", "expected"), [(phase, phase in {Phase.SUBMISSION, Phase.VOTING}) for phase in Phase], ids=str
)
def test_by_default_support_gathers_while_ideas_come_in_and_in_voting(phase, expected):
    assert (PhaseAction.VOTE in DEFAULT_PHASE_RULES[phase]) is expected


@pytest.mark.parametrize(("phase", "expected"), [(phase, phase is not Phase.DRAFT) for phase in Phase], ids=str)
def test_every_phase_but_draft_is_publicly_visible(phase, expected):
    assert phase.publicly_visible is expected


def test_phases_are_stored_by_their_lower_case_names():
    assert [phase.value for phase in Phase] == ["draft", "submission", "voting", "review", "closed"]
