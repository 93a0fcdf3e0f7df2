"""boto3 clients of the local cloud itself (never the functions'): explicit endpoint, dummy
credentials, and no account-based endpoints (moto does not serve them)."""

from __future__ import annotations

import threading
from typing import Any

import boto3
from botocore.config import Config

from infra.local.template import REGION

ACCESS_KEY_ID = "local"
SECRET_ACCESS_KEY = "local"  # noqa: S105 - not a secret: DynamoDB Local and moto accept anything

_CONFIG = Config(
    region_name=REGION,
    account_id_endpoint_mode="disabled",
    retries={"max_attempts": 2, "mode": "standard"},
    connect_timeout=2,
    read_timeout=30,
)
# boto3 sessions are not thread-safe; clients are. Pollers create clients from several threads.
_lock = threading.Lock()
_session: boto3.session.Session | None = None


def client(service: str, endpoint: str) -> Any:
    global _session  # noqa: PLW0603 - one session per process, created on first use
    with _lock:
        if _session is None:
            _session = boto3.session.Session(
                aws_access_key_id=ACCESS_KEY_ID, aws_secret_access_key=SECRET_ACCESS_KEY, region_name=REGION
            )
        return _session.client(service, endpoint_url=endpoint, config=_CONFIG)
