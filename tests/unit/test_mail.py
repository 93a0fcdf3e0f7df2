"""Rendering emails from the repo's templates, the SES adapter's MIME message, and send-once."""

from __future__ import annotations

import email
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.policy import default
from typing import Any

import pytest
from botocore.exceptions import ClientError

from shared.domain.inbox import Notice
from shared.domain.mail import DIGEST_ITEMS, Email, Links, digest_email, notice_email, one_line, unsubscribe_page
from shared.domain.notification_prefs import Profile, default_preferences
from shared.services.email import digest_days, email_notices, run_digest_page, send_once, start_digests
from shared.services.ports import Page
from shared.services.ports.email import (
    Claim,
    EmailBusyError,
    MailPorts,
    RejectedError,
    UndeliverableError,
    UnknownOutcomeError,
)
from shared.store.mail import SesMailer

AT = datetime(2026, 11, 26, 12, tzinfo=UTC)
LINKS = Links(unsubscribe="https://api.example.test/unsubscribe", app="https://ideas.example.test/")


def _notice(message: str = "“<b>Refill</b> & co” is now accepted.", n: int = 0, idea: str | None = "idea/1") -> Notice:
    return Notice(f"evt-{n}", "IdeaStatusChanged", AT + timedelta(minutes=n), message, idea_id=idea)


def test_a_subject_is_one_line_and_bounded() -> None:
    assert one_line("a\r\nBcc: x@example.com\tb") == "a Bcc: x@example.com b"
    assert len(one_line("x" * 500)) == 120
    assert one_line("x" * 500).endswith("…")


def test_a_notice_email_escapes_user_text_in_html_and_links_the_idea() -> None:
    sent = notice_email("pat@example.com", _notice(), campaign="demo", links=LINKS, token="a.b")

    assert sent.subject == "demo: “<b>Refill</b> & co” is now accepted."
    assert "“<b>Refill</b> & co” is now accepted." in sent.text
    assert "&lt;b&gt;Refill&lt;/b&gt; &amp; co" in sent.html
    assert "<b>Refill" not in sent.html
    assert "https://ideas.example.test/ideas/idea%2F1" in sent.text  # ids are quoted into the path
    assert sent.unsubscribe_url == "https://api.example.test/unsubscribe?token=a.b"
    assert "Stop emails about status changes" in sent.text


def test_without_a_web_app_there_is_no_idea_link() -> None:
    sent = notice_email("p@example.com", _notice(), campaign="demo", links=Links("https://api/unsubscribe"), token="t")

    assert "http" not in sent.text.replace(sent.unsubscribe_url, "")
    assert "<a href" in sent.html  # only the unsubscribe link
    assert sent.html.count("<a href") == 1


def test_a_digest_lists_the_first_fifty_and_counts_the_rest() -> None:
    notices = [_notice(f"Idea {n} changed.", n) for n in range(DIGEST_ITEMS + 12)]

    sent = digest_email("pat@example.com", notices, campaign="demo", links=LINKS, token="t")

    assert sent.subject == "demo: your daily digest (62 notifications)"
    assert sent.text.count("\n- Status changes") == DIGEST_ITEMS
    assert "Idea 49 changed." in sent.text
    assert "Idea 50 changed." not in sent.text
    assert "and 12 more in your inbox" in sent.text
    assert sent.html.count("<li") == DIGEST_ITEMS
    with pytest.raises(ValueError, match="at least one"):
        digest_email("pat@example.com", [], campaign="demo", links=LINKS, token="t")


def test_one_notice_reads_in_the_singular() -> None:
    sent = digest_email("pat@example.com", [_notice()], campaign="demo", links=LINKS, token="t")

    assert "1 new notification in the last 24 hours" in sent.text


def test_a_digest_run_reads_yesterdays_and_todays_index() -> None:
    assert [d.isoformat() for d in digest_days(datetime(2026, 11, 26, 7, tzinfo=UTC))] == ["2026-11-25", "2026-11-26"]


# -- the SES adapter -------------------------------------------------------------------------------


@dataclass
class FakeSes:
    error: str | None = None
    message: str = "Illegal address"
    requests: list[dict[str, Any]] = field(default_factory=list)

    def send_email(self, **request: Any) -> dict[str, str]:
        self.requests.append(request)
        if self.error:
            raise ClientError({"Error": {"Code": self.error, "Message": self.message}}, "SendEmail")
        return {"MessageId": "m-1"}


def _email() -> Email:
    return notice_email("pat@example.com", _notice(), campaign="demo", links=LINKS, token="a.b")


def test_ses_gets_a_raw_message_with_both_parts_and_one_click_headers() -> None:
    ses = FakeSes()

    assert SesMailer(lambda: ses, "notifications@example.com").send(_email()) == "m-1"

    [request] = ses.requests
    assert request["Destination"] == {"ToAddresses": ["pat@example.com"]}
    message = email.message_from_bytes(request["Content"]["Raw"]["Data"], _class=EmailMessage, policy=default)
    assert message["From"] == "notifications@example.com"
    assert message["List-Unsubscribe"] == "<https://api.example.test/unsubscribe?token=a.b>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.get_content_type() == "multipart/alternative"
    plain, page = message.get_body(("plain",)), message.get_body(("html",))
    assert plain is not None
    assert page is not None
    assert "is now accepted" in plain.get_content()
    assert "&amp; co" in page.get_content()


def test_a_long_unsubscribe_link_stays_one_literal_header_line() -> None:
    ses, token = FakeSes(), "WyJ1c2VyLTAxSEdXM1pLNjdCUlhFWE1RUjBQN1ZBQzQ1IiwiYWxsIiwxODAwODk1NDY1XQ." + "x" * 43
    sent = notice_email("pat@example.com", _notice(), campaign="demo", links=LINKS, token=token)

    SesMailer(lambda: ses, "notifications@example.com").send(sent)

    raw = ses.requests[0]["Content"]["Raw"]["Data"].decode("ascii")  # 7-bit clean, subject encoded
    assert f"\nList-Unsubscribe: <{sent.unsubscribe_url}>\n" in raw


def test_ses_errors_are_sorted_by_what_a_retry_can_do() -> None:
    with pytest.raises(UndeliverableError):
        SesMailer(lambda: FakeSes(error="BadRequestException"), "n@example.com").send(_email())
    with pytest.raises(ClientError):  # another bad request is our bug: the message fails, visibly
        SesMailer(lambda: FakeSes(error="BadRequestException", message="Raw message too large"), "n@example.com").send(
            _email()
        )
    with pytest.raises(RejectedError):
        SesMailer(lambda: FakeSes(error="MessageRejected"), "n@example.com").send(_email())
    with pytest.raises(ClientError):
        SesMailer(lambda: FakeSes(error="TooManyRequestsException"), "n@example.com").send(_email())


# -- send once -------------------------------------------------------------------------------------


@dataclass
class FakeLog:
    claimed: set[tuple[str, str]] = field(default_factory=set)
    states: dict[tuple[str, str], str] = field(default_factory=dict)

    def claim(self, user_id: str, key: str, now: float, stale_after: float) -> Claim:
        if (user_id, key) in self.states:
            return Claim.DONE
        if (user_id, key) in self.claimed:
            return Claim.BUSY
        self.claimed.add((user_id, key))
        return Claim.TAKEN

    def settle(self, user_id: str, key: str, state: str, detail: str) -> None:
        self.states[(user_id, key)] = state

    def release(self, user_id: str, key: str) -> None:
        self.claimed.discard((user_id, key))


@dataclass
class FakeMailer:
    fail: Exception | None = None
    refuse: frozenset[str] = frozenset()  # addresses SES rejects
    sent: list[Email] = field(default_factory=list)

    def send(self, message: Email) -> str:
        if self.fail:
            raise self.fail
        if message.to in self.refuse:
            raise RejectedError(f"{message.to} is not verified")
        self.sent.append(message)
        return f"m-{len(self.sent)}"


def _ports(mailer: FakeMailer | None, log: FakeLog) -> MailPorts:
    return MailPorts(mailer, log, lambda: "unsubscribe-secret-1234", LINKS, "demo", lambda: AT)


def test_an_email_goes_once() -> None:
    mailer, log = FakeMailer(), FakeLog()

    assert send_once(_ports(mailer, log), "u", "evt-1", _email()) is True
    assert send_once(_ports(mailer, log), "u", "evt-1", _email()) is False

    assert len(mailer.sent) == 1
    assert log.states == {("u", "evt-1"): "sent"}


def test_a_failed_send_gives_the_claim_back_so_the_retry_sends() -> None:
    log = FakeLog()
    with pytest.raises(ConnectionError):
        send_once(_ports(FakeMailer(fail=ConnectionError("SES down")), log), "u", "evt-1", _email())

    retried = FakeMailer()
    assert send_once(_ports(retried, log), "u", "evt-1", _email()) is True
    assert len(retried.sent) == 1


def test_an_undeliverable_email_is_logged_and_never_retried() -> None:
    log = FakeLog()

    assert send_once(_ports(FakeMailer(fail=UndeliverableError("bad address")), log), "u", "k", _email()) is False
    assert send_once(_ports(FakeMailer(), log), "u", "k", _email()) is False
    assert log.states == {("u", "k"): "undeliverable"}


def test_without_a_mailer_nothing_is_sent_or_claimed() -> None:
    log = FakeLog()

    assert send_once(_ports(None, log), "u", "k", _email()) is False
    assert log.claimed == set()


def test_a_claim_held_by_another_attempt_fails_the_message_for_a_retry() -> None:
    log = FakeLog(claimed={("u", "k")})

    with pytest.raises(EmailBusyError):
        send_once(_ports(FakeMailer(), log), "u", "k", _email())


def test_no_answer_from_ses_keeps_the_claim_until_it_is_stale() -> None:
    log = FakeLog()

    with pytest.raises(UnknownOutcomeError):
        send_once(_ports(FakeMailer(fail=UnknownOutcomeError("read timeout")), log), "u", "k", _email())

    assert log.claimed == {("u", "k")}  # not released: the email may have gone


@dataclass
class UnwritableLog(FakeLog):
    def settle(self, user_id: str, key: str, state: str, detail: str) -> None:
        raise ConnectionError("DynamoDB throttled past botocore's retries")


def test_an_email_sent_whose_log_cannot_be_written_does_not_fail_its_message() -> None:
    mailer = FakeMailer()

    assert send_once(_ports(mailer, UnwritableLog()), "u", "k", _email()) is True  # its retry would send it again

    assert len(mailer.sent) == 1


def test_a_rejected_recipient_does_not_stop_the_others() -> None:
    mailer, log = FakeMailer(refuse=frozenset({"b@example.com"})), FakeLog()
    addresses = {"a": "a@example.com", "b": "b@example.com", "c": "c@example.com"}

    with pytest.raises(RejectedError):
        email_notices(_ports(mailer, log), _notice(), addresses)

    assert [e.to for e in mailer.sent] == ["a@example.com", "c@example.com"]
    assert email_notices(_ports(FakeMailer(), log), _notice(), addresses) == 1  # the retry sends only b's


def test_the_unsubscribe_page_posts_the_one_click_form_and_escapes() -> None:
    page = unsubscribe_page("emails about <status> changes", "a.b", done=False)
    done = unsubscribe_page("emails about status changes", "a.b", done=True)

    assert '<form method="post" action="?token=a.b">' in page
    assert 'name="List-Unsubscribe" value="One-Click"' in page
    assert "&lt;status&gt;" in page
    assert "<form" not in done
    assert "Done: no more emails about status changes." in done


# -- digest pages ----------------------------------------------------------------------------------


@dataclass
class FakeDigestStore:
    pages: dict[tuple[str, str], tuple[list[str], Any]]  # (day, cursor as JSON) -> (users, next key)

    def digest_users(self, day: Any, shard: int, *, limit: int, start: Any) -> Page[str]:
        users, next_key = self.pages[(day.isoformat(), json.dumps(start))]
        return Page(users, next_key)

    def profile(self, user_id: str) -> Profile:
        return Profile(default_preferences())  # no address: no digest, the paging is what is tested


@dataclass
class FakeQueue:
    bodies: list[dict[str, Any]] = field(default_factory=list)

    def send_many(self, bodies: Any) -> None:
        self.bodies.extend(body["digest"] for body in bodies)


def test_a_run_walks_each_shard_yesterday_then_today_and_a_retried_page_queues_nothing_twice() -> None:
    store = FakeDigestStore(
        {
            ("2026-11-25", "null"): (["a"], {"sk": "a"}),
            ("2026-11-25", '{"sk": "a"}'): (["b"], None),
            ("2026-11-26", "null"): (["c"], None),
        }
    )
    queue, ports = FakeQueue(), _ports(FakeMailer(), FakeLog())
    assert start_digests(ports, queue, datetime(2026, 11, 26, 7, tzinfo=UTC), shards=1) == 1

    run_digest_page(ports, store, queue, queue.bodies[0])
    run_digest_page(ports, store, queue, queue.bodies[0])  # the same message again (a retry)
    assert [(job["day"], job.get("cursor")) for job in queue.bodies] == [(0, None), (0, {"sk": "a"})]

    run_digest_page(ports, store, queue, queue.bodies[1])  # yesterday's last page: today's first next
    run_digest_page(ports, store, queue, queue.bodies[2])  # today's only page: the end
    assert [(job["day"], job.get("cursor")) for job in queue.bodies] == [(0, None), (0, {"sk": "a"}), (1, None)]
