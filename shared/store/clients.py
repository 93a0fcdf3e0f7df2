"""AWS clients made on first use: a boto3 client loads its service's model (30-60 ms each), which a
cold start should pay only for the services its first request needs."""

from __future__ import annotations

import threading
from typing import Any

import boto3


class LazyClient:
    """Stands for ``boto3.client(service, **options)`` and makes it on the first attribute read (an
    API call), once, under a lock (the fan-out threads may race to it)."""

    def __init__(self, service: str, **options: Any) -> None:
        self._service = service
        self._options = options
        self._client: Any = None
        self._lock = threading.Lock()

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):  # not set yet (a copy made without __init__): never the client's
            raise AttributeError(name)
        if self._client is None:
            with self._lock:
                if self._client is None:
                    self._client = boto3.client(self._service, **self._options)
        return getattr(self._client, name)
