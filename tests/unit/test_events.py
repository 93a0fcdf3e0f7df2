from __future__ import annotations

from datetime import UTC, datetime

import pydantic
import pytest

from shared.events import EVENT_TYPES, ChallengeCreated, DomainEvent, EventBridgeEnvelope, IdeaSubmitted

from .builders import an_idea_submitted


@pytest.mark.parametrize("event_type", EVENT_TYPES, ids=lambda t: t.__name__)
def test_the_detail_type_is_the_class_name(event_type):
    assert event_type.detail_type() == event_type.__name__


@pytest.mark.parametrize("event_type", EVENT_TYPES, ids=lambda t: t.__name__)
def test_every_event_is_sourced_from_a_function(event_type):
    assert event_type.SOURCE.startswith("cocreate.")
    assert event_type.SOURCE != "cocreate"


def test_detail_types_are_unique():
    names = [t.detail_type() for t in EVENT_TYPES]

    assert len(names) == len(set(names))


def test_the_detail_is_camel_case_json():
    detail = an_idea_submitted(event_id="evt-1").detail()

    assert detail == {
        "eventId": "evt-1",
        "version": 1,
        "occurredAt": "2025-03-14T09:26:53.589000Z",
        "ideaId": "idea-1",
        "challengeId": "ch-1",
        "brandId": "acme",
        "authorId": "user-1",
        "title": "Paper tape",
        "status": "published",
        "tags": ["packaging"],
    }


def test_an_event_is_read_back_from_its_detail():
    event = an_idea_submitted()

    assert IdeaSubmitted.model_validate(event.detail()) == event


def test_fields_the_contract_does_not_declare_are_rejected():
    detail = an_idea_submitted().detail() | {"authorEmail": "someone@example.com"}

    with pytest.raises(pydantic.ValidationError, match="authorEmail"):
        IdeaSubmitted.model_validate(detail)


def test_an_event_needs_a_non_empty_event_id():
    with pytest.raises(pydantic.ValidationError, match=r"event_id|eventId"):
        an_idea_submitted(event_id="")


def test_an_event_status_outside_the_submission_statuses_is_rejected():
    with pytest.raises(pydantic.ValidationError, match="status"):
        an_idea_submitted(status="hidden")


def test_the_schema_version_starts_at_one_and_cannot_be_zero():
    assert an_idea_submitted().version == 1
    with pytest.raises(pydantic.ValidationError):
        an_idea_submitted(version=0)


def test_events_are_immutable():
    event = an_idea_submitted()

    with pytest.raises(pydantic.ValidationError):
        event.title = "changed"  # type: ignore[misc]


def test_the_base_event_is_sourced_from_cocreate():
    assert DomainEvent.SOURCE == "cocreate"
    assert ChallengeCreated.SOURCE != DomainEvent.SOURCE


def test_the_envelope_reads_what_eventbridge_delivers():
    delivered = {
        "version": "0",
        "id": "bus-evt-1",
        "detail-type": "IdeaSubmitted",
        "source": "cocreate.ideas",
        "account": "123456789012",
        "time": "2025-03-14T09:26:53Z",
        "region": "us-east-1",
        "resources": [],
        "detail": an_idea_submitted().detail(),
    }

    envelope = EventBridgeEnvelope.model_validate(delivered)

    assert envelope.detail_type == "IdeaSubmitted"
    assert envelope.time == datetime(2025, 3, 14, 9, 26, 53, tzinfo=UTC)
    assert IdeaSubmitted.model_validate(envelope.detail) == an_idea_submitted()


def _envelope(detail_type: str, detail: dict) -> EventBridgeEnvelope:
    return EventBridgeEnvelope.model_validate(
        {
            "id": "x",
            "source": "cocreate.ideas",
            "detail-type": detail_type,
            "time": "2025-03-14T09:26:53Z",
            "detail": detail,
        }
    )


def test_an_envelope_reads_its_detail_as_the_typed_event():
    event = an_idea_submitted()

    assert _envelope("IdeaSubmitted", event.detail()).event() == event


def test_a_consumer_reads_tolerantly_past_fields_a_newer_producer_added():
    event = an_idea_submitted()

    assert _envelope("IdeaSubmitted", event.detail() | {"addedLater": 1}).event() == event


def test_a_detail_missing_a_field_is_a_poison_message_and_an_unknown_type_is_none():
    detail = an_idea_submitted().detail()
    del detail["ideaId"]

    with pytest.raises(pydantic.ValidationError, match="ideaId"):
        _envelope("IdeaSubmitted", detail).event()
    assert _envelope("SomethingNew", {"eventId": "e"}).event() is None
