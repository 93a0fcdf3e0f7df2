"""Function worker pools: each function runs in its own processes, as in Lambda.

``os.environ`` belongs to a process, so two functions in one process would see each other's
settings; a small pool per function gives concurrency, and a worker imports its handler once and
serves many invocations. A worker that times out or dies is replaced (a new cold start)."""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import queue
import threading
import time
import uuid
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from infra.local.runtime import WorkerConfig, serve
from infra.local.stack import FunctionSpec

log = logging.getLogger("infra.local")
_SPAWN = multiprocessing.get_context("spawn")
INIT_TIMEOUT = 30.0  # Lambda allows 10 s; a loaded 2-core machine starting Java needs slack


@dataclass(frozen=True)
class Invocation:
    """The outcome of one invocation: the decoded return value, or Lambda's error document."""

    payload: Any = None
    error: dict[str, Any] | None = None
    duration_ms: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None


class _Worker:
    def __init__(self, process: BaseProcess, conn: Connection) -> None:
        self.process = process
        self.conn = conn
        self.ready = False
        self.init_ms: float | None = None

    def await_ready(self, timeout: float) -> dict[str, Any] | None:
        """Wait for the cold start to finish; returns the init error, if any."""
        if self.ready:
            return None
        if not self.conn.poll(timeout):
            raise TimeoutError("the function's init did not finish in time")
        _, init_error, self.init_ms = self.conn.recv()
        self.ready = True
        return init_error  # type: ignore[no-any-return]

    def kill(self) -> None:
        try:
            if self.process.is_alive():
                self.conn.send(("stop",))
        except (OSError, ValueError, BrokenPipeError):
            pass
        self.process.join(0.5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(2)
        self.conn.close()


class WorkerPool:
    def __init__(
        self,
        function: FunctionSpec,
        environment: dict[str, str],
        size: int,
        task_root: Path,
        log_path: Path | None = None,
    ) -> None:
        self.function = function
        self.size = size
        self._config = WorkerConfig(
            handler=function.handler,
            function_arn=function.arn,
            environment=environment,
            task_root=str(task_root),
            log_path=str(log_path) if log_path else None,
        )
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._stopped = False
        self._spawned = 0

    # ------------------------------------------------------------------ lifecycle
    def _spawn(self) -> _Worker:
        parent_end, child_end = _SPAWN.Pipe()
        with self._lock:
            self._spawned += 1
            number = self._spawned
        process = _SPAWN.Process(
            target=serve,
            args=(child_end, self._config),
            name=f"{self.function.logical_id}-{number}",
            daemon=True,
        )
        process.start()
        child_end.close()
        worker = _Worker(process, parent_end)
        with self._lock:
            self._all.add(worker)
        return worker

    def start(self) -> None:
        for _ in range(self.size):
            self._idle.put(self._spawn())

    def wait_ready(self, timeout: float = INIT_TIMEOUT) -> list[float]:
        """Wait for every worker's cold start; returns their init durations in ms."""
        taken = [self._idle.get(timeout=timeout) for _ in range(self.size)]
        try:
            for worker in taken:
                init_error = worker.await_ready(timeout)
                if init_error:
                    log.error(
                        "%s failed to initialise: %s: %s",
                        self.function.logical_id,
                        init_error["errorType"],
                        init_error["errorMessage"],
                    )
        finally:
            for worker in taken:
                self._idle.put(worker)
        return [worker.init_ms or 0.0 for worker in taken]

    def _replace(self, worker: _Worker) -> None:
        with self._lock:
            self._all.discard(worker)
        worker.kill()
        if not self._stopped:
            self._idle.put(self._spawn())

    def stop(self) -> None:
        self._stopped = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.kill()

    # ------------------------------------------------------------------ invocations
    def _exchange(self, message: tuple[Any, ...], timeout: float) -> tuple[str, Any]:
        if self._stopped:
            return ("error", {"errorType": "ServiceException", "errorMessage": "The local cloud is stopping."})
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            return ("error", {"errorType": "TooManyRequestsException", "errorMessage": "Every worker is busy."})
        try:
            init_error = worker.await_ready(INIT_TIMEOUT)
            if init_error and message[0] == "openapi":
                self._idle.put(worker)
                return ("error", init_error)
            worker.conn.send(message)
            if not worker.conn.poll(timeout):
                self._replace(worker)
                return (
                    "error",
                    {"errorType": "Sandbox.Timedout", "errorMessage": f"Task timed out after {timeout:.2f} seconds"},
                )
            answer: tuple[str, Any] = worker.conn.recv()
        except (EOFError, OSError, TimeoutError) as exc:
            self._replace(worker)
            return ("error", {"errorType": "Runtime.ExitError", "errorMessage": f"The worker exited: {exc!r}"})
        self._idle.put(worker)
        return answer

    def invoke(self, event: Any, timeout: float | None = None) -> Invocation:
        """Invoke synchronously (RequestResponse); waits for a free worker like a throttled caller."""
        timeout = float(timeout or self.function.timeout)
        request_id = str(uuid.uuid4())
        deadline_ms = int(time.time() * 1000 + timeout * 1000)
        started = time.monotonic()
        kind, value = self._exchange(("invoke", request_id, json.dumps(event), deadline_ms), timeout)
        duration = round((time.monotonic() - started) * 1000, 1)
        if kind == "result":
            return Invocation(payload=json.loads(value), duration_ms=duration)
        return Invocation(error=value, duration_ms=duration)

    def openapi(self) -> dict[str, Any] | None:
        kind, value = self._exchange(("openapi",), timeout=30)
        if kind != "result":
            raise RuntimeError(f"{self.function.logical_id}: no OpenAPI schema: {value.get('errorMessage')}")
        schema: dict[str, Any] | None = json.loads(value)
        return schema

    @property
    def pids(self) -> list[int]:
        with self._lock:
            return [w.process.pid for w in self._all if w.process.pid is not None]


def lambda_environment(function: FunctionSpec, overrides: dict[str, str], task_root: Path) -> dict[str, str]:
    """The whole environment of a function's process: what Lambda's runtime sets, then the
    template's variables, then the local cloud's endpoints and overrides."""
    today = time.strftime("%Y/%m/%d", time.gmtime())
    return {
        "PATH": os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin"),
        "LANG": "en_US.UTF-8",
        "TZ": ":UTC",
        "LAMBDA_TASK_ROOT": str(task_root),
        "AWS_EXECUTION_ENV": f"AWS_Lambda_{function.runtime}",
        "AWS_LAMBDA_FUNCTION_NAME": function.name,
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": str(function.memory),
        "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
        "AWS_LAMBDA_INITIALIZATION_TYPE": "on-demand",
        "AWS_LAMBDA_LOG_GROUP_NAME": f"/aws/lambda/{function.name}",
        "AWS_LAMBDA_LOG_STREAM_NAME": f"{today}/[$LATEST]{uuid.uuid4().hex}",
        **function.environment,
        **overrides,
    }
