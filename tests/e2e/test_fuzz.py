"""A short schemathesis run inside `make test` (the long one is `make fuzz`): every check over
/openapi.json of the running local cloud; no 5xx, every answer matches the spec."""

from __future__ import annotations

import pytest

from infra.fuzz import fuzz
from infra.local.cloud import LocalCloud

pytestmark = pytest.mark.e2e


def test_schemathesis_finds_no_failure(cloud: LocalCloud) -> None:
    seeded = cloud.seed()

    assert fuzz(cloud, seeded, max_examples=10, seed=20261126) == 0
