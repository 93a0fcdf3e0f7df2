"""Running the local cloud's command line in a child process, and reading the process tree from
/proc to see what it started and whether it is gone."""

from __future__ import annotations

import queue
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_UP = re.compile(r"is up at (http://\S+)")


def _stat_fields(pid: int | str) -> list[str] | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat[stat.rindex(")") + 2 :].split()  # after "pid (comm) ": state, ppid, ...


def children(pid: int) -> dict[int, str]:
    """Live direct children of ``pid``: pid -> command line."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        fields = _stat_fields(entry.name)
        if fields is None or int(fields[1]) != pid or fields[0] == "Z":
            continue
        try:
            found[int(entry.name)] = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
    return found


def alive(pid: int) -> bool:
    fields = _stat_fields(pid)
    return fields is not None and fields[0] != "Z"


def wait_gone(pids: list[int], timeout: float = 10) -> list[int]:
    """The pids still alive after waiting up to ``timeout`` for them to end."""
    deadline = time.monotonic() + timeout
    while [pid for pid in pids if alive(pid)] and time.monotonic() < deadline:
        time.sleep(0.1)
    return [pid for pid in pids if alive(pid)]


@dataclass
class RunningCli:
    process: subprocess.Popen[str]
    url: str
    output: queue.Queue[str]


def _read_until_up(process: subprocess.Popen[str], timeout: float) -> RunningCli:
    """A thread keeps reading the output (a full pipe would block the cloud), so a cloud that
    never comes up fails the test instead of hanging it."""
    assert process.stdout is not None
    lines: queue.Queue[str] = queue.Queue()
    stdout = process.stdout

    def pump() -> None:
        for line in stdout:
            lines.put(line)

    threading.Thread(target=pump, daemon=True).start()
    seen = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            break
        seen.append(line)
        match = _UP.search(line)
        if match:
            return RunningCli(process, match.group(1), lines)
    process.kill()
    pytest.fail("the local cloud did not come up:\n" + "".join(seen))


@contextmanager
def cli_cloud(*arguments: str, log_dir: Path, timeout: float = 90) -> Iterator[RunningCli]:
    """``python -m infra.local --port 0 --quiet <arguments>``, stopped with SIGTERM at the end
    unless the caller stopped it already."""
    command = [sys.executable, "-m", "infra.local", "--port", "0", "--quiet", "--log-dir", str(log_dir), *arguments]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        yield _read_until_up(process, timeout)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
