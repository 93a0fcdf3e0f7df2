from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from shared.observability import instrument, logger, tracing_enabled

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.filterwarnings("ignore:No application metrics to publish:UserWarning")


def run_python(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=REPO,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO), "AWS_DEFAULT_REGION": "us-east-1", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


HANDLER_IN_SUBPROCESS = """
    import sys, warnings
    warnings.simplefilter("ignore")
    from types import SimpleNamespace
    from shared.observability import instrument

    @instrument()
    def handler(event, context):
        return {"echo": event["n"]}

    context = SimpleNamespace(function_name="f", memory_limit_in_mb=128, aws_request_id="r",
                              invoked_function_arn="arn:aws:lambda:us-east-1:123456789012:function:f")
    assert handler({"n": 7}, context) == {"echo": 7}
    print("aws_xray_sdk" in sys.modules)
"""


def test_with_tracing_disabled_the_xray_sdk_is_never_imported():
    result = run_python(HANDLER_IN_SUBPROCESS, POWERTOOLS_TRACE_DISABLED="true")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_with_tracing_enabled_the_xray_sdk_is_imported():
    result = run_python(HANDLER_IN_SUBPROCESS, POWERTOOLS_TRACE_DISABLED="false")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


@pytest.mark.parametrize("value", ["true", "TRUE", " true ", "1", "yes"])
def test_tracing_is_off_when_disabled_by_the_environment(monkeypatch, value):
    monkeypatch.setenv("POWERTOOLS_TRACE_DISABLED", value)

    assert not tracing_enabled()


@pytest.mark.parametrize("value", ["false", "0", "no", ""])
def test_tracing_is_on_unless_disabled(monkeypatch, value):
    monkeypatch.setenv("POWERTOOLS_TRACE_DISABLED", value)

    assert tracing_enabled()


def test_tracing_is_on_when_the_variable_is_unset(monkeypatch):
    monkeypatch.delenv("POWERTOOLS_TRACE_DISABLED")

    assert tracing_enabled()


def echo(event, context):
    """Echo the event."""
    return {"echo": event, "correlation_id": logger.get_correlation_id()}


def test_the_handler_result_passes_through(lambda_context):
    handler = instrument()(echo)

    assert handler({"n": 1}, lambda_context)["echo"] == {"n": 1}


def test_the_handler_result_passes_through_with_tracing_on(monkeypatch, lambda_context):
    monkeypatch.setenv("POWERTOOLS_TRACE_DISABLED", "false")  # outside Lambda the Tracer records nothing

    handler = instrument()(echo)

    assert handler({"n": 2}, lambda_context)["echo"] == {"n": 2}


def test_the_correlation_id_is_taken_from_the_given_path(lambda_context):
    handler = instrument(correlation_id_path="requestContext.requestId")(echo)

    assert handler({"requestContext": {"requestId": "req-42"}}, lambda_context)["correlation_id"] == "req-42"


def test_the_decorated_handler_keeps_the_name_and_doc_of_the_handler():
    handler = instrument()(echo)

    assert (handler.__name__, handler.__doc__) == ("echo", "Echo the event.")


def test_an_error_of_the_handler_propagates(lambda_context):
    def failing(event, context):
        raise LookupError("boom")

    with pytest.raises(LookupError, match="boom"):
        instrument()(failing)({}, lambda_context)
