"""Defaults every test layer shares: a region, fake credentials, Powertools quiet and untraced."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
os.environ.setdefault("POWERTOOLS_TRACE_DISABLED", "true")
os.environ.setdefault("POWERTOOLS_METRICS_NAMESPACE", "CocreateTests")
os.environ.setdefault("POWERTOOLS_LOG_LEVEL", "WARNING")
os.environ["AWS_ACCOUNT_ID_ENDPOINT_MODE"] = "disabled"

E2E = Path(__file__).parent / "e2e"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under pytest-xdist (`make test` runs two workers, --dist loadgroup) the e2e package's tests
    stay together on one worker: they share one local cloud (a package fixture, decision 13), and
    moto's state lives in the process. Everything else spreads over the workers."""
    for item in items:
        if E2E in item.path.parents:
            item.add_marker(pytest.mark.xdist_group("e2e"))
