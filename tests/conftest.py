"""Defaults every test layer shares: a region, fake credentials, Powertools quiet and untraced."""

from __future__ import annotations

import os

os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
os.environ.setdefault("POWERTOOLS_TRACE_DISABLED", "true")
os.environ.setdefault("POWERTOOLS_METRICS_NAMESPACE", "CocreateTests")
os.environ.setdefault("POWERTOOLS_LOG_LEVEL", "WARNING")
os.environ["AWS_ACCOUNT_ID_ENDPOINT_MODE"] = "disabled"
