"""Stopping the local cloud leaves nothing behind: no Java, no worker processes.

Each case runs a cloud in a child process (the package's own cloud keeps running meanwhile) and
looks at that child's children through /proc."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from tests.e2e.processes import ROOT, alive, children, cli_cloud, wait_gone

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the process tree from /proc"),
]


def seeded_challenges(url: str, timeout: float = 10) -> list[str]:
    """Ids of the challenges whose ChallengeCreated reached the bus (the seed made one)."""
    deadline = time.monotonic() + timeout
    while True:
        answer = requests.get(f"{url}/_local/events", params={"detailType": "ChallengeCreated"}, timeout=5)
        ids = [event["detail"]["challengeId"] for event in answer.json()["items"]]
        if ids or time.monotonic() > deadline:
            return ids
        time.sleep(0.2)


@pytest.mark.parametrize(
    ("backend", "stop_signal", "seed"),
    [("dynamodb-local", signal.SIGINT, False), ("moto", signal.SIGTERM, True)],
    ids=["dynamodb-local-ctrl-c", "moto-sigterm-seeded"],
)
def test_command_line_cloud_stops_everything_it_started(
    tmp_path: Path, backend: str, stop_signal: signal.Signals, seed: bool
) -> None:
    arguments = ["--backend", backend, *(["--seed"] if seed else [])]
    with cli_cloud(*arguments, log_dir=tmp_path) as cli:
        assert requests.get(f"{cli.url}/_local/health", timeout=5).status_code == 200
        if seed:
            challenge_ids = seeded_challenges(cli.url)
            assert challenge_ids, "the seeded challenge's event did not reach the bus"
            assert requests.get(f"{cli.url}/challenges/{challenge_ids[0]}", timeout=5).status_code == 200
        started = children(cli.process.pid)
        java = [pid for pid, command in started.items() if "DynamoDBLocal" in command]
        assert len(java) == (1 if backend == "dynamodb-local" else 0), started
        assert any("multiprocessing" in command for command in started.values()), started

        cli.process.send_signal(stop_signal)
        assert cli.process.wait(timeout=30) == 0
    assert wait_gone(list(started)) == [], "left running: " + ", ".join(started[p] for p in started if alive(p))


def test_context_manager_stops_java(tmp_path: Path) -> None:
    script = (
        "from pathlib import Path\n"
        "from infra.local.cloud import LocalCloud\n"
        f"with LocalCloud(port=0, log_dir=Path({str(tmp_path)!r})) as cloud:\n"
        "    print(cloud.java_pid, *cloud.worker_pids(), flush=True)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    pids = [int(pid) for pid in done.stdout.split()]
    assert len(pids) >= 2, done.stdout
    assert wait_gone(pids) == []
