"""A function's cold start loads only what it uses (issue 17): the screening engine, the email
templates and SES plumbing, the similarity index, Powertools' OpenAPI models and the secrets
reader stay out of the functions that never call them at import. Each function's module is
imported in a fresh interpreter, as Lambda does, with the placeholder settings the spec build uses
(infra/openapi.py); what it pulled in is compared with what it may use. Timing is not measured
here: `make bench` does that."""

from __future__ import annotations

import json
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

from infra.openapi import load_template, placeholder_environment

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = load_template()
FUNCTIONS = {
    logical_id: resource["Properties"]
    for logical_id, resource in TEMPLATE["Resources"].items()
    if resource["Type"] == "AWS::Serverless::Function"
}
# What is heavy at import, and the functions that use it.
HEAVY = {
    "shared.domain.screening.engine": {"ModerationFunction"},  # word lists and regular expressions
    "shared.domain.mail": {"NotificationsFunction"},  # the email templates
    "shared.store.mail": {"NotificationsFunction"},  # SES
    "shared.store.similarity": {"IdeasFunction", "SimilarityFunction"},  # the index (similar ideas while typing)
    # Powertools' OpenAPI models: only writing the document needs them (decision 67)
    "aws_lambda_powertools.event_handler.openapi.models": set(),
    # Powertools Parameters: the signing secrets are read when a request first needs one
    "aws_lambda_powertools.utilities.parameters": set(),
}
_PROBE = """
import importlib, json, os, sys
import boto3
from moto import mock_aws
with mock_aws():
    client = boto3.client("secretsmanager", region_name="us-east-1")
    for name, value in os.environ.items():
        if name.endswith("_SECRET_ID"):
            client.create_secret(Name=value, SecretString=value + "-placeholder-secret")
    before = set(sys.modules)
    importlib.import_module(sys.argv[1])
    print(json.dumps(sorted(set(sys.modules) - before)))
"""


@cache
def _loaded(logical_id: str) -> frozenset[str]:
    properties = FUNCTIONS[logical_id]
    environment = placeholder_environment(TEMPLATE, properties) | {
        "AWS_DEFAULT_REGION": "us-east-1",
        "POWERTOOLS_TRACE_DISABLED": "true",
        "PYTHONPATH": str(ROOT),
        "PATH": "/usr/bin:/bin",
    }
    module = properties["Handler"].rsplit(".", 1)[0]
    out = subprocess.run(
        [sys.executable, "-c", _PROBE, module], env=environment, capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert out.returncode == 0, out.stderr[-2000:]
    return frozenset(json.loads(out.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize("logical_id", sorted(FUNCTIONS))
def test_a_function_imports_no_heavy_module_it_does_not_use(logical_id: str) -> None:
    loaded = _loaded(logical_id)

    assert "shared.observability" in loaded  # the probe really imported the function
    unexpected = sorted(module for module, users in HEAVY.items() if module in loaded and logical_id not in users)
    assert unexpected == []


def test_the_functions_that_use_a_heavy_module_load_it() -> None:
    """The list above stays true: a module a function no longer loads is dropped from it."""
    for module, users in HEAVY.items():
        for logical_id in users:
            assert module in _loaded(logical_id), (module, logical_id)
