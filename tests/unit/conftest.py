"""Fixtures every unit test may use. The environment is made safe: a region, no tracing, and
dummy credentials so that an accidental AWS call fails instead of reaching an account."""

from __future__ import annotations

import pytest

from .builders import T0, FakeLambdaContext


@pytest.fixture(autouse=True)
def _safe_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    monkeypatch.setenv("POWERTOOLS_METRICS_NAMESPACE", "CocreateTest")
    monkeypatch.setenv("POWERTOOLS_SERVICE_NAME", "cocreate-test")
    monkeypatch.setenv("POWERTOOLS_TRACE_DISABLED", "true")


@pytest.fixture
def clock():
    """A clock stopped at T0."""
    return lambda: T0


@pytest.fixture
def lambda_context() -> FakeLambdaContext:
    return FakeLambdaContext()
