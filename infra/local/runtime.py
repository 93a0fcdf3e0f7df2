"""What runs inside a function's worker process: Lambda's Python runtime in miniature.

The process takes the function's environment as its whole ``os.environ`` before the handler module
is imported (that import is the cold start), then serves invocations sent over a pipe. Only the
standard library is imported here: whatever this module imports is in the function's process
before its own code, and must not change how that code behaves."""

from __future__ import annotations

import importlib
import json
import os
import signal
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from types import ModuleType
from typing import Any

Handler = Callable[[Any, Any], Any]


@dataclass(frozen=True)
class WorkerConfig:
    handler: str  # module.function, as in the template
    function_arn: str
    environment: dict[str, str]
    task_root: str
    log_path: str | None


class LambdaContext:
    """The context object handlers receive (the attributes Powertools and the code use)."""

    def __init__(self, function_arn: str, request_id: str, deadline_ms: int) -> None:
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME", "")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
        self.memory_limit_in_mb = int(os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128"))
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME", "")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME", "")
        self.invoked_function_arn = function_arn
        self.aws_request_id = request_id
        self.identity = None
        self.client_context = None
        self._deadline_ms = deadline_ms

    def get_remaining_time_in_millis(self) -> int:
        return max(0, self._deadline_ms - int(time.time() * 1000))


def _error(exc: BaseException, error_type: str | None = None) -> dict[str, Any]:
    return {
        "errorType": error_type or type(exc).__name__,
        "errorMessage": str(exc),
        "stackTrace": traceback.format_exception(exc)[1:],
    }


def _redirect_output(log_path: str) -> None:
    # Children inherit the parent's descriptors; a file keeps test output readable.
    fd = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)


class _Function:
    def __init__(self, config: WorkerConfig) -> None:
        self.config = config
        self.module_name, _, self.attribute = config.handler.rpartition(".")
        self.module: ModuleType | None = None
        self.handler: Handler | None = None
        self.init_error: dict[str, Any] | None = None

    def initialise(self) -> float:
        """Import the handler's module (the cold start); returns how long it took in ms."""
        started = time.monotonic()
        # As in Lambda, a failed init is attempted again on the next invocation, from scratch.
        sys.modules.pop(self.module_name, None)
        try:
            if not self.module_name:
                raise ImportError(f"Bad handler '{self.config.handler}': expected module.function")
            self.module = importlib.import_module(self.module_name)
            handler = getattr(self.module, self.attribute, None)
            if not callable(handler):
                raise AttributeError(f"Handler '{self.attribute}' missing on module '{self.module_name}'")
            self.handler, self.init_error = handler, None
        except BaseException as exc:
            traceback.print_exc()
            self.handler, self.init_error = None, _error(exc, "Runtime.ImportModuleError")
        sys.stdout.flush()
        return round((time.monotonic() - started) * 1000, 1)

    def invoke(self, request_id: str, event_text: str, deadline_ms: int) -> tuple[str, Any]:
        if self.handler is None:
            self.initialise()
        if self.handler is None:
            return ("error", self.init_error)
        context = LambdaContext(self.config.function_arn, request_id, deadline_ms)
        try:
            result = self.handler(json.loads(event_text), context)
        except Exception as exc:
            traceback.print_exc()
            return ("error", _error(exc))
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
        try:
            # Lambda hands the caller the JSON text of the return value: what cannot be
            # serialised fails here, as it would there.
            return ("result", json.dumps(result))
        except (TypeError, ValueError) as exc:
            return ("error", _error(exc, "Runtime.MarshalError"))

    def openapi(self) -> tuple[str, Any]:
        """Local-only: the OpenAPI schema of the module's resolver (``app``), if it has one."""
        app = getattr(self.module, "app", None)
        if app is None or not hasattr(app, "get_openapi_schema"):
            return ("result", "null")
        try:
            schema = app.get_openapi_schema()
            return ("result", json.dumps(schema.model_dump(mode="json", by_alias=True, exclude_none=True)))
        except Exception as exc:
            return ("error", _error(exc))


def serve(conn: Connection, config: WorkerConfig) -> None:
    # Shutdown is the parent's job: a Ctrl-C reaching the terminal's whole process group must
    # not kill a worker halfway through an invocation.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if config.log_path:
        _redirect_output(config.log_path)
    os.environ.clear()
    os.environ.update(config.environment)
    os.chdir(config.task_root)
    if config.task_root not in sys.path:
        sys.path.insert(0, config.task_root)

    function = _Function(config)
    took_ms = function.initialise()
    conn.send(("ready", function.init_error, took_ms))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        if message[0] == "invoke":
            _, request_id, event_text, deadline_ms = message
            conn.send(function.invoke(request_id, event_text, deadline_ms))
        elif message[0] == "openapi":
            conn.send(function.openapi())
        else:
            return
