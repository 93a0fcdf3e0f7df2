"""Faults as AWS produces them, injected into real botocore clients (moto stays behind them).

Hooks on each client's event system make one chosen call of an armed run fail the way a call that
escaped botocore's own retries fails:

- ``throttle``: refused before it reached the service (nothing applied), with the service's
  throttling error (``ProvisionedThroughputExceededException`` for DynamoDB);
- ``server``: a 5xx (``InternalServerError``), after the service applied the call (its answer lost);
- ``timeout``: botocore's ``ReadTimeoutError``, after the service applied the call;
- ``crash``: the function dies after the call went through (a Lambda timeout, out of memory): the
  call raises ``LambdaCrash`` and so does every later call of the run, so no ``except`` or
  ``finally`` of the code under test gets anything more written, as in a killed sandbox.

``server`` and ``timeout`` take ``applied=False`` for the same error before the call reached the
service. Faults count calls across every client the injector hooked, thread-safely (some adapters
call DynamoDB from a thread pool)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from typing import Any, Literal

import boto3
import pytest
from botocore.exceptions import ReadTimeoutError

Kind = Literal["throttle", "server", "timeout", "crash"]
# Calls that change something; a crash is placed after one of them.
WRITES = frozenset(
    {
        "PutItem",
        "UpdateItem",
        "DeleteItem",
        "BatchWriteItem",
        "TransactWriteItems",
        "PutEvents",
        "SendMessage",
        "SendMessageBatch",
        "SendEmail",
    }
)
_THROTTLED = {"dynamodb": "ProvisionedThroughputExceededException", "events": "ThrottlingException"}
_SERVER = {"events": "InternalException", "sqs": "InternalError"}


class LambdaCrash(BaseException):
    """The invocation ended mid-batch. A BaseException: Powertools' batch processor and the code's
    ``except Exception`` clauses let it through, as nothing of theirs would run after a real kill."""


@dataclass(frozen=True)
class Fault:
    kind: Kind
    at: int  # the at-th call of the run that matches (1-based)
    writes_only: bool = False  # count only writes (WRITES)
    operation: str | None = None  # count only this operation, e.g. "PutEvents"
    service: str | None = None  # count only this service's calls, e.g. "dynamodb"
    applied: bool | None = None  # None: throttle before the call, the others after it

    def matches(self, service: str, operation: str) -> bool:
        if self.operation not in {None, operation} or self.service not in {None, service}:
            return False
        return not self.writes_only or operation in WRITES

    @property
    def after_the_call(self) -> bool:
        return self.kind == "crash" or (self.kind != "throttle" if self.applied is None else self.applied)


def _error(fault: Fault, client: Any, operation: str) -> BaseException:
    service = client.meta.service_model.service_name
    if fault.kind == "crash":
        return LambdaCrash(f"crashed after {service}.{operation}")
    if fault.kind == "timeout":
        return ReadTimeoutError(endpoint_url=f"https://{service}.us-east-1.amazonaws.com/")
    if fault.kind == "throttle":
        code, status = _THROTTLED.get(service, "ThrottlingException"), 400
    else:
        code, status = _SERVER.get(service, "InternalServerError"), 500
    response = {
        "Error": {"Code": code, "Message": f"injected {fault.kind}"},
        "ResponseMetadata": {"HTTPStatusCode": status, "RetryAttempts": 9},
    }
    return client.exceptions.from_code(code)(response, operation)  # the modeled class, as botocore raises it


class FaultInjector:
    """Hooks every client made while installed; a run armed with ``inject`` counts its calls and
    makes the planned one fail. Outside ``inject`` the hooked clients behave normally."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._plan: Fault | None = None
        self._armed = False
        self._matched = 0
        self.crashed = False
        self.fired: str | None = None  # "service.Operation" of the call that failed
        self.calls: list[str] = []  # "service.Operation" of every call of the last armed run

    def attach(self, client: Any) -> Any:
        client.meta.events.register("before-call", partial(self._before, client))
        client.meta.events.register("after-call", partial(self._after, client))
        return client

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Every ``boto3.client(...)`` from now on (the functions' modules make theirs at import,
        SES on first use) is hooked."""
        make: Callable[..., Any] = boto3.client
        monkeypatch.setattr(boto3, "client", lambda *args, **kwargs: self.attach(make(*args, **kwargs)))

    @contextmanager
    def inject(self, fault: Fault | None = None) -> Iterator[FaultInjector]:
        """Arm the hooks for one run (``None``: count calls only, fail none)."""
        with self._lock:
            self._plan, self._armed, self._matched = fault, True, 0
            self.crashed, self.fired, self.calls = False, None, []
        try:
            yield self
        finally:
            with self._lock:
                self._plan, self._armed = None, False

    def restart(self) -> None:
        """A new sandbox after a crash: its calls reach AWS again (the fault does not fire twice)."""
        with self._lock:
            self.crashed = False

    def _before(self, client: Any, model: Any, context: dict[str, Any], **_: Any) -> None:
        service, operation = model.service_model.service_name, model.name
        with self._lock:
            if not self._armed:
                return
            if self.crashed:
                raise LambdaCrash(f"{service}.{operation} after the crash")
            self.calls.append(f"{service}.{operation}")
            plan = self._plan
            if plan is None or self.fired is not None or not plan.matches(service, operation):
                return
            self._matched += 1
            if self._matched != plan.at:
                return
            self.fired = f"{service}.{operation}"
        if plan.after_the_call:
            context["injected_fault"] = plan
            return
        raise _error(plan, client, operation)

    def _after(self, client: Any, model: Any, context: dict[str, Any], **_: Any) -> None:
        plan = context.pop("injected_fault", None)
        if plan is None:
            return
        if plan.kind == "crash":
            with self._lock:
                self.crashed = True
        raise _error(plan, client, model.name)


def stream_redelivery(records: list[dict[str, Any]], answer: dict[str, Any]) -> list[dict[str, Any]]:
    """What Lambda delivers again after a stream batch's partial failure: every record from the
    lowest sequence number reported (its checkpoint), in order."""
    failed = {failure["itemIdentifier"] for failure in answer.get("batchItemFailures", [])}
    first = next((n for n, record in enumerate(records) if record["dynamodb"]["SequenceNumber"] in failed), None)
    return [] if first is None else records[first:]
