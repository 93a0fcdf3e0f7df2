"""python -m infra.local [--port 3000] [--backend dynamodb-local|moto] [--identity cognito|external] [--seed]

Only the standard library is imported at module level: function workers are spawned processes,
and spawning re-imports the main module in each of them before its handler's own imports."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from pathlib import Path
from types import FrameType
from typing import Any

_IDENTITIES = {
    "cognito": "the stack's own user pool (moto's Cognito): staff invited through the API are in its groups",
    "external": "an external issuer (this one): staff invited through the API accept, then the staff list grants",
}


def _banner(
    url: str,
    seeded: dict[str, Any] | None,
    timings: dict[str, float],
    endpoints: dict[str, str],
    identity: str = "cognito",
    live: str | None = None,
) -> str:
    lines = [
        "",
        f"Cocreate local cloud is up at {url}  (started in {timings.get('total', 0):.1f} s; Ctrl-C stops it)",
        "",
        f"  Web app:        {url}/app  (sign in with any name; groups such as brand-acme-admins for staff)",
        "  Get a token:",
        f"    curl -s -X POST {url}/_local/token -H 'content-type: application/json' \\",
        """         -d '{"sub":"alice","groups":["brand-acme-admins"]}'""",
        f"  API docs:       {url}/docs  (OpenAPI: {url}/openapi.json)",
        f"  Bus events:     {url}/_local/events?detailType=IdeaSubmitted",
        f"  Emails sent:    {url}/_local/emails  (daily digest now: POST {url}/_local/schedules/"
        "NotificationsFunctionDailyDigest/run)",
        f"  AWS endpoints:  DynamoDB {endpoints['dynamodb']}, everything else (moto) {endpoints['moto']}",
        f"  Identity:       {_IDENTITIES[identity]}",
    ]
    if live:
        lines.append(
            f'  Live updates:   {live}  (?token=<jwt>; then {{"action": "subscribe", "channel": "idea:<id>"}})'
        )
    if seeded:
        lines += [
            "",
            f"  Seeded: brand '{seeded['brandId']}', challenge {seeded['challengeId']} (phase submission) with "
            f"{len(seeded['ideaIds'])} ideas by {', '.join(seeded['participants'])}; admin '{seeded['admin']}'",
            f"    curl -s {url}/challenges/{seeded['challengeId']}",
        ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m infra.local", description="Run template.yaml locally.")
    parser.add_argument("--port", type=int, default=3000, help="HTTP port (0 picks a free one); default 3000")
    parser.add_argument(
        "--backend",
        choices=["dynamodb-local", "moto"],
        default="dynamodb-local",
        help="where DynamoDB runs: DynamoDB Local on Java (default) or moto",
    )
    parser.add_argument(
        "--identity",
        choices=["cognito", "external"],
        default="cognito",
        help="the stack's own user pool (moto's Cognito; default) or an external issuer (roles from the staff list)",
    )
    parser.add_argument("--seed", action="store_true", help="create demo data (brand acme, a challenge, ideas)")
    parser.add_argument(
        "--log-dir",
        type=Path,
        default=None,
        help="write the functions' logs (and DynamoDB Local's) to files there instead of this terminal",
    )
    parser.add_argument("--quiet", action="store_true", help="no access log lines")
    parser.add_argument("--template", type=Path, default=None, help="another template (default: template.yaml)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    from infra.local.cloud import LocalCloud  # noqa: PLC0415 - see the module docstring

    stopping, running = threading.Event(), threading.Event()

    def on_signal(_number: int, _frame: FrameType | None) -> None:
        stopping.set()
        if not running.is_set():
            # Still starting (Java may take seconds): abort; start() cleans up what it began.
            raise KeyboardInterrupt

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)

    cloud = LocalCloud(
        port=args.port,
        backend=args.backend,
        template=args.template,
        log_dir=args.log_dir,
        access_log=not args.quiet,
        identity=args.identity,
    )
    try:
        cloud.start()
        seeded = cloud.seed() if args.seed else None
        running.set()
        banner = _banner(cloud.url, seeded, cloud.timings, cloud.endpoints(), args.identity, cloud.live_url)
        print(banner, flush=True)
        while not stopping.wait(0.5):
            pass
        print("\nStopping the local cloud...", file=sys.stderr, flush=True)
    except KeyboardInterrupt:
        print("\nInterrupted while starting; stopping what was started...", file=sys.stderr, flush=True)
        return 130
    finally:
        cloud.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
