"""Logger, Metrics and Tracer for every function, and the handler decorator stack.

Tracer (the X-Ray SDK) costs a few hundred milliseconds to import, so it is imported only when
tracing is on (``POWERTOOLS_TRACE_DISABLED`` is not true): with tracing off the cold start does
not pay for it."""

from __future__ import annotations

import functools
import os
import warnings
from collections.abc import Callable
from typing import Any

from aws_lambda_powertools import Logger, Metrics

logger = Logger()
metrics = Metrics()
# Reads publish no business metric; Powertools would warn about that on every such request.
warnings.filterwarnings("ignore", message="No application metrics to publish", category=UserWarning)

LambdaHandler = Callable[[dict[str, Any], Any], Any]


def tracing_enabled() -> bool:
    return os.environ.get("POWERTOOLS_TRACE_DISABLED", "false").strip().lower() not in {"1", "true", "yes"}


def instrument(correlation_id_path: str | None = None) -> Callable[[LambdaHandler], LambdaHandler]:
    """The house decorator order: inject_lambda_context (with correlation id), log_metrics,
    capture_lambda_handler (only when tracing is on), then the handler itself."""

    def decorate(handler: LambdaHandler) -> LambdaHandler:
        wrapped = handler
        if tracing_enabled():
            from aws_lambda_powertools import Tracer  # noqa: PLC0415 - lazy on purpose, see module doc

            wrapped = Tracer().capture_lambda_handler(wrapped)
        wrapped = metrics.log_metrics(wrapped)
        wrapped = logger.inject_lambda_context(correlation_id_path=correlation_id_path, clear_state=True)(wrapped)
        return functools.wraps(handler)(wrapped)

    return decorate
