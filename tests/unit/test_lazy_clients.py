"""LazyClient makes its boto3 client on the first call, once, with the options given."""

from __future__ import annotations

from typing import Any

import pytest

from shared.cursors import CursorCodec
from shared.store import clients
from shared.store.clients import LazyClient


class FakeClient:
    def __init__(self, service: str, options: dict[str, Any]) -> None:
        self.service = service
        self.options = options

    def send_message(self, **kwargs: Any) -> dict[str, Any]:
        return {"sent": kwargs}


def test_the_client_is_made_on_the_first_call_and_only_once(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[FakeClient] = []

    def client(service: str, **options: Any) -> FakeClient:
        made.append(FakeClient(service, options))
        return made[-1]

    monkeypatch.setattr(clients.boto3, "client", client)
    lazy = LazyClient("sqs", region_name="eu-west-1")
    assert made == []

    assert lazy.send_message(QueueUrl="q") == {"sent": {"QueueUrl": "q"}}
    assert lazy.send_message(QueueUrl="r") == {"sent": {"QueueUrl": "r"}}
    assert [(c.service, c.options) for c in made] == [("sqs", {"region_name": "eu-west-1"})]


def test_a_cursor_codec_reads_a_lazy_secret_when_a_cursor_is_made_or_read() -> None:
    reads: list[int] = []

    def secret() -> str:
        reads.append(1)
        return "s" * 32

    codec = CursorCodec(secret)
    assert reads == []
    cursor = codec.encode({"pk": "a"}, "list")
    assert codec.decode(cursor, "list") == {"pk": "a"}
    assert len(reads) == 2
    assert CursorCodec("s" * 32).decode(cursor, "list") == {"pk": "a"}


def test_a_short_secret_is_refused_at_once_or_on_first_use() -> None:
    with pytest.raises(ValueError, match="at least 16"):
        CursorCodec("short")
    lazy = CursorCodec(lambda: "short")
    with pytest.raises(ValueError, match="at least 16"):
        lazy.encode({"pk": "a"}, "list")
