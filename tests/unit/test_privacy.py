"""Export and erasure use cases against fakes: the request rules, the step machine that resumes after
a crash or a timeout, the events the records make, and the vote records the tally must skip."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest

from shared.domain.errors import ConflictError, NotFoundError, UnauthorizedError, ValidationError
from shared.domain.principal import ANONYMOUS, Principal
from shared.domain.privacy import ERASURE_STEPS, Erasure, ErasureState, Export, ExportState, is_former
from shared.events import ErasureCompleted, ErasureRequested, ExportFailed, ExportReady, ExportRequested
from shared.services import privacy as service
from shared.services.outbox import ItemChange, events_for_change
from shared.services.ports import Key
from shared.services.ports.privacy import PrivacyPorts, Progress
from shared.store.votes import erasure_move

from .builders import T0

PAT = Principal(user_id="pat", email="pat@example.com")


class FakeJobs:
    def __init__(self) -> None:
        self.erasures: dict[str, Erasure] = {}
        self.exports: dict[str, Export] = {}
        self.saves = 0

    def erasure(self, user_id: str) -> Erasure | None:
        return self.erasures.get(user_id)

    def save_erasure(self, erasure: Erasure, expected_version: int | None) -> None:
        current = self.erasures.get(erasure.user_id)
        if (current.version if current else None) != expected_version:
            raise ConflictError("changed")
        self.erasures[erasure.user_id] = erasure
        self.saves += 1

    def export(self, user_id: str) -> Export | None:
        return self.exports.get(user_id)

    def save_export(self, export: Export, expected_version: int | None) -> None:
        current = self.exports.get(export.user_id)
        if (current.version if current else None) != expected_version:
            raise ConflictError("changed")
        self.exports[export.user_id] = export

    def delete_export(self, user_id: str) -> None:
        self.exports.pop(user_id, None)


@dataclass
class FakeData:
    """Each step has ``pages`` pages of work; records which (step, page) ran."""

    pages: int = 2
    ran: list[tuple[str, int]] = field(default_factory=list)
    crash_at: int | None = None  # the n-th page run raises (a crash mid-step)

    def erase(self, step: str, erasure: Erasure, cursor: Key | None) -> Progress:
        page = int(cursor["page"]) if cursor else 0
        if self.crash_at is not None and len(self.ran) + 1 == self.crash_at:
            self.crash_at = None
            raise ConnectionError("crashed")
        self.ran.append((step, page))
        return Progress(cursor={"page": page + 1} if page + 1 < self.pages else None)

    def documents(self, user_id: str) -> Iterator[tuple[str, list[dict[str, Any]]]]:
        yield "ideas", [{"title": "Refill", "authorId": user_id}]
        yield "votes", []


@dataclass
class FakeArchives:
    stored: dict[str, bytes] = field(default_factory=dict)

    def put(self, key: str, data: bytes) -> None:
        self.stored[key] = data

    def url(self, key: str, seconds: int) -> str:
        return f"https://bucket/{key}?expires={seconds}"

    def delete(self, key: str) -> None:
        self.stored.pop(key, None)


@dataclass
class FakeAccounts:
    deleted: list[str] = field(default_factory=list)

    def delete_account(self, user_id: str) -> None:
        self.deleted.append(user_id)


def ports(data: FakeData | None = None, accounts: FakeAccounts | None = None) -> PrivacyPorts:
    return PrivacyPorts(FakeJobs(), data or FakeData(), FakeArchives(), accounts, clock=lambda: T0)  # type: ignore[arg-type]


STORE_STEPS = [step for step in ERASURE_STEPS if step not in {"exports", "account"}]


def test_an_erasure_needs_the_phrase_and_a_signed_in_caller() -> None:
    with pytest.raises(ValidationError) as refused:
        service.request_erasure(PAT, "please", ports())
    assert refused.value.field == "confirm"
    with pytest.raises(UnauthorizedError):
        service.request_erasure(ANONYMOUS, "erase me", ports())


def test_asking_again_while_it_runs_answers_the_running_erasure() -> None:
    p = ports()
    first = service.request_erasure(PAT, "erase me", p)
    again = service.request_erasure(PAT, "erase me", p)

    assert again == first
    assert is_former(str(first.pseudonym))
    assert (first.email, first.state, first.step) == ("pat@example.com", ErasureState.RUNNING, 0)


def test_every_step_runs_every_page_in_order_then_only_the_fact_stays() -> None:
    accounts = FakeAccounts()
    p = ports(accounts=accounts)
    service.request_erasure(PAT, "erase me", p)

    assert service.run_erasure(p, "pat", lambda: False)

    assert p.data.ran == [(step, page) for step in STORE_STEPS for page in (0, 1)]  # type: ignore[attr-defined]
    done = service.erasure_status(PAT, p)
    assert (done.state, done.pseudonym, done.email, done.finished_at) == (ErasureState.DONE, None, None, T0)
    assert done.expires_at == T0 + timedelta(days=30)
    assert accounts.deleted == ["pat"]


def test_out_of_time_it_stops_between_pages_and_the_next_run_resumes_at_that_step() -> None:
    p = ports()
    service.request_erasure(PAT, "erase me", p)
    ticks = iter([False, True])  # after the first page: still time; after the step's last page: none

    assert not service.run_erasure(p, "pat", lambda: next(ticks, True))
    assert p.jobs.erasure("pat").step == 1  # type: ignore[union-attr]
    assert service.run_erasure(p, "pat", lambda: False)
    steps = [step for step, page in p.data.ran if page == 0]  # type: ignore[attr-defined]
    assert steps == STORE_STEPS  # each step once: the interrupted one was finished, not redone


def test_a_crash_mid_step_reruns_only_that_step() -> None:
    data = FakeData(crash_at=4)  # the second step's second page
    p = ports(data)
    service.request_erasure(PAT, "erase me", p)

    with pytest.raises(ConnectionError):
        service.run_erasure(p, "pat", lambda: False)
    assert service.run_erasure(p, "pat", lambda: False)

    assert data.ran[:5] == [
        (STORE_STEPS[0], 0),
        (STORE_STEPS[0], 1),
        (STORE_STEPS[1], 0),
        (STORE_STEPS[1], 0),
        (STORE_STEPS[1], 1),
    ]


def test_a_finished_erasure_is_not_run_again_but_can_be_asked_for_anew() -> None:
    p = ports()
    service.request_erasure(PAT, "erase me", p)
    service.run_erasure(p, "pat", lambda: False)
    ran = len(p.data.ran)  # type: ignore[attr-defined]

    assert service.run_erasure(p, "pat", lambda: False)
    assert len(p.data.ran) == ran  # type: ignore[attr-defined]
    renewed = service.request_erasure(PAT, "erase me", p)
    assert (renewed.state, renewed.version) == (ErasureState.RUNNING, p.jobs.erasure("pat").version)  # type: ignore[union-attr]


def test_one_export_at_a_time_built_into_a_zip_then_linked() -> None:
    p = ports()
    with pytest.raises(NotFoundError):
        service.export_status(PAT, p)
    queued = service.request_export(PAT, p)
    with pytest.raises(ConflictError):
        service.request_export(PAT, p)

    ready = service.build_export(p, "pat", campaign="Spring", webhook_days=30)

    assert ready is not None
    assert (ready.state, ready.export_id, ready.size) == (
        ExportState.READY,
        queued.export_id,
        len(p.archives.stored[queued.object_key]),
    )  # type: ignore[attr-defined]
    _, link = service.export_status(PAT, p)
    assert link == f"https://bucket/{queued.object_key}?expires=300"
    assert service.build_export(p, "pat", campaign="Spring", webhook_days=30) is None  # a redelivery: nothing


def _change(kind: str, old: Any, new: Any) -> ItemChange:
    return ItemChange(change_id="c1", kind=kind, occurred_at=T0, old=old, new=new)  # type: ignore[arg-type]


def test_the_privacy_records_make_their_events() -> None:
    running = Erasure.start("pat", None, T0, None)
    done = running.finished(T0)
    queued = Export("pat", "x1", ExportState.QUEUED, T0, 7)

    [asked] = events_for_change(_change("INSERT", None, running))
    [finished] = events_for_change(_change("MODIFY", running, done))
    stepped = events_for_change(_change("MODIFY", running, running.advanced()))
    [requested] = events_for_change(_change("INSERT", None, queued))
    [ready] = events_for_change(_change("MODIFY", queued, queued.ready(T0, 10)))
    [failed] = events_for_change(_change("MODIFY", queued, queued.failed(T0)))

    assert (type(asked), type(finished), stepped) == (ErasureRequested, ErasureCompleted, [])
    assert (type(requested), type(failed)) == (ExportRequested, ExportFailed)
    assert isinstance(ready, ExportReady)
    assert ready.expires_at == T0 + timedelta(days=7)
    assert "pseudonym" not in asked.detail()


VOTE = {"type": "Vote", "ideaId": "i1", "voterId": "pat", "value": 1}


@pytest.mark.parametrize(
    ("old", "new", "skipped"),
    [
        (VOTE, {**VOTE, "erasing": "former-1"}, True),  # the mark
        ({**VOTE, "erasing": "former-1"}, None, True),  # the old item goes
        (None, {**VOTE, "voterId": "former-1", "erased": True}, True),  # the pseudonym's arrives
        ({**VOTE, "erased": True}, None, False),  # later, a merge moves the pseudonym's vote: counted
        (None, VOTE, False),
        (VOTE, None, False),
        (VOTE, {**VOTE, "value": -1}, False),
    ],
)
def test_the_tally_and_the_outbox_skip_exactly_the_erasures_own_vote_records(
    old: dict[str, Any] | None, new: dict[str, Any] | None, skipped: bool
) -> None:
    assert erasure_move(old, new) is skipped
