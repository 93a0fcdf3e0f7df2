"""LocalCloud: template.yaml running on this machine, for humans (``python -m infra.local``), the
e2e tests, the bench and the fuzzer.

    with LocalCloud(port=0) as cloud:
        token = cloud.token("alice", ["brand-acme-admins"])
        requests.post(f"{cloud.url}/challenges", ...)

Slow parts overlap: Java boots while moto starts and the function workers import their handlers.
Function workers are spawned processes, so a plain script that starts a LocalCloud needs the usual
``if __name__ == "__main__":`` guard (``python -m ...`` modules and pytest need nothing)."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import socket
import threading
import time
import urllib.request
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, ClassVar, Literal
from urllib.parse import urlsplit

from infra.local import aws
from infra.local.apigateway import HttpResponse
from infra.local.dynamodb import DynamoDBLocal, create_tables
from infra.local.gateway import Gateway, GatewayServer
from infra.local.identity import create_user_pools, pool_claims
from infra.local.mail import SENDER, sent_emails
from infra.local.messaging import create_buses, create_queues, create_rule, create_secrets, create_tap
from infra.local.routes import Router
from infra.local.rules import EventTap, QueuePoller, QueueSource, RuleDelivery, Scheduler
from infra.local.stack import FunctionSpec, Stack, build_stack
from infra.local.streams import StreamPoller
from infra.local.template import REGION, Resolver, load_template
from infra.local.tokens import AUDIENCE, LocalIssuer
from infra.local.websocket import LiveServer
from infra.local.workers import Invocation, WorkerPool, lambda_environment

log = logging.getLogger("infra.local")

ROOT = Path(__file__).resolve().parents[2]
Backend = Literal["dynamodb-local", "moto"]
Identity = Literal["cognito", "external"]
_MOTO_SERVICES = (
    "EVENTBRIDGE",
    "EVENTS",
    "SQS",
    "SES",
    "SESV2",
    "SNS",
    "S3",
    "SSM",
    "SECRETS_MANAGER",
    "SCHEDULER",
    "COGNITO_IDENTITY_PROVIDER",
)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class LocalCloud:
    # moto keeps its state in module globals: two clouds in one process would share it.
    _active_lock: ClassVar[threading.Lock] = threading.Lock()
    _active: ClassVar[bool] = False

    def __init__(
        self,
        port: int = 3000,
        backend: Backend = "dynamodb-local",
        *,
        host: str = "127.0.0.1",
        root: Path = ROOT,
        template: Path | None = None,
        log_dir: Path | None = None,
        access_log: bool = False,
        http_workers: int = 2,
        consumer_workers: int = 1,
        parameters: dict[str, str] | None = None,
        identity: Identity = "cognito",
    ) -> None:
        if backend not in ("dynamodb-local", "moto"):
            raise ValueError(f"backend must be 'dynamodb-local' or 'moto', not {backend!r}")
        if identity not in ("cognito", "external"):
            raise ValueError(f"identity must be 'cognito' or 'external', not {identity!r}")
        self.identity = identity
        self.root = root.resolve()
        self.template_path = template or self.root / "template.yaml"
        self.backend = backend
        self.log_dir = log_dir
        self.http_workers = http_workers
        self.consumer_workers = consumer_workers
        # Emails from a sender verified in moto's SES, with unsubscribe links on this gateway.
        self.parameters = {"SenderEmail": SENDER, **(parameters or {})}
        self.timings: dict[str, float] = {}
        self.stack: Stack | None = None
        self._server = GatewayServer(host, port, access_log=access_log)
        self._fixed_port = port != 0  # a WebSocket API takes the next port; with port 0, any free one
        self.url = f"http://{host}:{self._server.port}"
        self.parameters.setdefault("PublicApiUrl", self.url)
        self.parameters.setdefault("ChallengeCacheSeconds", "0")  # locally a phase change shows at once
        self.issuer = LocalIssuer(f"{self.url}/_local", AUDIENCE)
        if identity == "external":  # the stack on a brand's own issuer: no user pool, roles from the staff list too
            self.parameters.setdefault("JwtIssuer", self.issuer.issuer)
            self.parameters.setdefault("JwtAudience", self.issuer.audience)
            self.parameters.setdefault("ExternalIssuerGrantsOperators", "true")  # tokens of this issuer make operators
        self.tap = EventTap()
        self._moto: Any = None
        self.user_pools: dict[str, str] = {}  # the template's Cognito pools on moto, by logical id
        self.moto_url = ""
        self._dynamodb: DynamoDBLocal | None = None
        self._pools: dict[str, WorkerPool] = {}
        self._pollers: list[Any] = []
        self._scheduler: Scheduler | None = None
        self.live: list[LiveServer] = []  # the template's WebSocket APIs (the gateway's next port)
        self._serving: threading.Thread | None = None
        self._openapi: dict[str, Any] | None = None
        self._openapi_lock = threading.Lock()
        self._started = self._stopped = False

    # ------------------------------------------------------------------ context manager
    def __enter__(self) -> LocalCloud:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.stop()

    # ------------------------------------------------------------------ start
    def start(self) -> LocalCloud:
        with LocalCloud._active_lock:
            if LocalCloud._active:
                raise RuntimeError("another LocalCloud is running in this process (moto's state is global)")
            LocalCloud._active = True
        self._started = True
        began = time.monotonic()
        try:
            self._start(began)
        except BaseException:
            self.stop()
            raise
        self.timings["total"] = round(time.monotonic() - began, 2)
        return self

    def _mark(self, began: float, step: str) -> None:
        self.timings[step] = round(time.monotonic() - began, 2)

    def _start(self, began: float) -> None:
        if self.log_dir:
            self.log_dir.mkdir(parents=True, exist_ok=True)
        if self.backend == "dynamodb-local":
            self._dynamodb = DynamoDBLocal(_free_port(), self._log_path("dynamodb-local"))
            self._dynamodb.start()  # boots while the rest starts
        self._start_moto()
        self._mark(began, "moto")
        template = load_template(self.template_path)
        label = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3]
        resolver = Resolver(template, sqs_endpoint=self.moto_url, stream_label=label, parameters=self.parameters)
        self.user_pools = create_user_pools(aws.client("cognito-idp", self.moto_url), resolver)
        stack = self.stack = build_stack(template, resolver)
        create_secrets(aws.client("secretsmanager", self.moto_url), stack.secrets)  # read on first use
        for bucket in stack.buckets:
            aws.client("s3", self.moto_url).create_bucket(Bucket=bucket)
        self._spawn_workers(stack)
        self._mark(began, "workers spawned")

        sqs, events = aws.client("sqs", self.moto_url), aws.client("events", self.moto_url)
        create_queues(sqs, stack.queues)
        create_buses(events, stack.buses)
        if self.parameters.get("SenderEmail"):
            aws.client("sesv2", self.moto_url).create_email_identity(EmailIdentity=self.parameters["SenderEmail"])
        rule_queues = {rule.logical_id: create_rule(events, sqs, rule) for rule in stack.rules if not rule.schedule}
        tap_url = create_tap(events, sqs, sorted({bus.name for bus in stack.buses} | {"default"}))
        dynamodb = aws.client("dynamodb", self.dynamodb_url)
        if self._dynamodb is not None:
            self._dynamodb.wait_ready(dynamodb)
            self._mark(began, "dynamodb ready")
        backend_streams = create_tables(dynamodb, stack.tables)
        self._mark(began, "tables")
        for pool in self._pools.values():
            pool.wait_ready()
        self._mark(began, "workers ready")

        self._start_pollers(stack, sqs, tap_url, rule_queues, backend_streams)
        gateway = Gateway(Router(stack.routes), self.issuer, self, self.url)
        self._server.attach(gateway)
        host = urlsplit(self.url).hostname or "127.0.0.1"
        for n, spec in enumerate(stack.websockets, start=1):
            port = self._server.port + n if self._fixed_port else 0
            self.live.append(LiveServer(spec, self.invoke, host, port).start())
        self._serving = threading.Thread(target=self._server.serve_forever, name="gateway", daemon=True)
        self._serving.start()

    def _log_path(self, name: str) -> Path | None:
        return self.log_dir / f"{name}.log" if self.log_dir else None

    def _start_moto(self) -> None:
        from moto.server import ThreadedMotoServer  # noqa: PLC0415 - heavy; only the parent needs it

        logging.getLogger("werkzeug").setLevel(logging.ERROR)
        self._moto = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        self._moto.start()
        host, port = self._moto.get_host_and_port()
        self.moto_url = f"http://{host}:{port}"
        # A previous cloud (or a test's mock_aws) in this process may have left state in moto's globals.
        reset = urllib.request.Request(f"{self.moto_url}/moto-api/reset", method="POST")  # noqa: S310 - loopback
        urllib.request.urlopen(reset, timeout=10).close()  # noqa: S310

    @property
    def dynamodb_url(self) -> str:
        return self._dynamodb.endpoint if self._dynamodb else self.moto_url

    def function_environment(self, function: FunctionSpec) -> dict[str, str]:
        overrides = {
            "AWS_REGION": REGION,
            "AWS_DEFAULT_REGION": REGION,
            "AWS_ACCESS_KEY_ID": "ASIA" + "0" * 16,
            "AWS_SECRET_ACCESS_KEY": "0" * 40,
            "AWS_SESSION_TOKEN": "0" * 64,
            # The developer's ~/.aws (profiles, regions, endpoints) must not shape a function.
            "AWS_CONFIG_FILE": os.devnull,
            "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
            "AWS_ACCOUNT_ID_ENDPOINT_MODE": "disabled",
            "AWS_ENDPOINT_URL": self.moto_url,
            "AWS_ENDPOINT_URL_DYNAMODB": self.dynamodb_url,
            "AWS_ENDPOINT_URL_DYNAMODB_STREAMS": self.dynamodb_url,
            # botocore names these after the service id: EventBridge's is EVENTBRIDGE, not EVENTS.
            **{f"AWS_ENDPOINT_URL_{service}": self.moto_url for service in _MOTO_SERVICES},
            "POWERTOOLS_TRACE_DISABLED": "true",  # no X-Ray daemon here
            # Webhooks may target loopback over http. Not a template parameter: a deployed stack
            # cannot be put in local mode (decision 51).
            "LOCAL_MODE": "true",
        }
        if "JWT_ISSUER" in function.environment:
            overrides["JWT_ISSUER"] = self.issuer.issuer
        if "JWT_AUDIENCE" in function.environment:
            overrides["JWT_AUDIENCE"] = self.issuer.audience
        if "LIVE_ENDPOINT" in function.environment:  # the WebSocket API's Management API, on the gateway
            overrides["LIVE_ENDPOINT"] = f"{self.url}/_local/live"
        return lambda_environment(function, overrides, self.root)

    def _spawn_workers(self, stack: Stack) -> None:
        live = {function_id for spec in stack.websockets for function_id in spec.routes.values()}
        for function in stack.functions.values():
            serves = function.serves_http or function.logical_id in live  # clients wait on it
            size = self.http_workers if serves else self.consumer_workers
            pool = WorkerPool(
                function, self.function_environment(function), size, self.root, self._log_path(function.logical_id)
            )
            pool.start()
            self._pools[function.logical_id] = pool

    def _start_pollers(
        self,
        stack: Stack,
        sqs: Any,
        tap_url: str,
        rule_queues: dict[str, dict[Any, str]],
        backend_streams: dict[str, str],
    ) -> None:
        self._pollers.append(QueuePoller("event-tap", aws.client("sqs", self.moto_url), tap_url, self.tap.take))
        for source in stack.stream_sources:
            failure_url = (
                sqs.get_queue_url(QueueName=source.on_failure_queue)["QueueUrl"] if source.on_failure_queue else None
            )

            def send(body: str, url: str | None = failure_url) -> None:
                if url:
                    sqs.send_message(QueueUrl=url, MessageBody=body)

            pool = self._pools[source.function_id]
            self._pollers.append(
                StreamPoller(
                    source,
                    backend_streams[source.table_id],
                    pool.function.arn,
                    pool.invoke,
                    aws.client("dynamodbstreams", self.dynamodb_url),
                    send if failure_url else None,
                )
            )
        for rule in stack.rules:
            for target, url in rule_queues.get(rule.logical_id, {}).items():
                delivery = RuleDelivery(rule, target, self.invoke)
                name = f"rule-{rule.logical_id}-{target.target_id}"
                self._pollers.append(QueuePoller(name, aws.client("sqs", self.moto_url), url, delivery.take))
        for queue_source in stack.queue_sources:
            if not queue_source.enabled:
                continue
            url = sqs.get_queue_url(QueueName=queue_source.queue_name)["QueueUrl"]
            self._pollers.append(
                QueuePoller(
                    f"sqs-{queue_source.function_id}-{queue_source.event_name}",
                    aws.client("sqs", self.moto_url),
                    url,
                    QueueSource(queue_source, self.invoke).take,
                    batch_size=queue_source.batch_size,
                )
            )
        for poller in self._pollers:
            poller.start()

        def send_to_queue(arn: str, body: str) -> None:
            sqs.send_message(QueueUrl=sqs.get_queue_url(QueueName=arn.rsplit(":", 1)[-1])["QueueUrl"], MessageBody=body)

        self._scheduler = Scheduler(stack.rules, self.invoke, send_to_queue)
        self._scheduler.start()

    # ------------------------------------------------------------------ stop
    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        if not self._started:
            self._server.server_close()
            return
        try:
            if self._serving is not None:
                self._server.shutdown()
            self._server.server_close()
            for live in self.live:
                live.stop()
            for poller in self._pollers:
                poller.stop()
            if self._scheduler is not None:
                self._scheduler.stop()
            for poller in [*self._pollers, self._scheduler]:
                if poller is not None and poller.is_alive():
                    poller.join(5)
            for pool in self._pools.values():
                pool.stop()
            if self._dynamodb is not None:
                self._dynamodb.stop()
            if self._moto is not None:
                with contextlib.suppress(Exception):
                    self._moto.stop()
        finally:
            with LocalCloud._active_lock:
                LocalCloud._active = False

    @property
    def java_pid(self) -> int | None:
        process = self._dynamodb.process if self._dynamodb else None
        return process.pid if process else None

    def worker_pids(self) -> list[int]:
        return [pid for pool in self._pools.values() for pid in pool.pids]

    # ------------------------------------------------------------------ for tests and humans
    def token(self, sub: str, groups: Sequence[str] = (), ttl_seconds: int = 3600, email: str | None = None) -> str:
        """A token for ``sub`` with ``groups``; with the stack's own user pool, also the groups
        (and the verified address) the pool has for that user, as Cognito's tokens carry them."""
        granted = list(groups)
        for pool_id in self.user_pools.values():
            pool_groups, address = pool_claims(aws.client("cognito-idp", self.moto_url), pool_id, sub)
            granted += [group for group in pool_groups if group not in granted]
            email = email or address
        return self.issuer.mint(sub, granted, ttl_seconds, email)

    def events(self, detail_type: str | None = None, source: str | None = None) -> list[dict[str, Any]]:
        """Events seen on the bus so far, oldest first."""
        return self.tap.events(detail_type, source)

    def seed(self) -> dict[str, Any]:
        from infra.local.seed import seed  # noqa: PLC0415

        return seed(self.url, self.token)

    # ------------------------------------------------------------------ hooks of the gateway
    def invoke(self, function_id: str, event: dict[str, Any]) -> Invocation:
        return self._pools[function_id].invoke(event)

    def bus_events(self, detail_type: str | None = None, source: str | None = None) -> list[dict[str, Any]]:
        return self.events(detail_type, source)

    def endpoints(self) -> dict[str, str]:
        """Where the backing services listen (for the AWS CLI or boto3 against the local cloud), and
        where clients connect for live updates."""
        live = {"live": self.live_url} if self.live_url else {}
        return {"gateway": self.url, "dynamodb": self.dynamodb_url, "moto": self.moto_url, **live}

    @property
    def live_url(self) -> str | None:
        """Where clients connect to the (first) WebSocket API, e.g. ws://127.0.0.1:3001/live."""
        return self.live[0].url if self.live else None

    def live_connection(self, method: str, connection_id: str, data: bytes) -> HttpResponse:
        found = [live for live in self.live if connection_id in live.connection_ids]
        if not found:
            return HttpResponse(410, [("x-amzn-ErrorType", "GoneException")], b'{"message": "Gone"}')
        if method == "POST":
            sent = found[0].post(connection_id, data)
            return HttpResponse(200 if sent else 410, [] if sent else [("x-amzn-ErrorType", "GoneException")], b"")
        if method == "DELETE":
            found[0].close(connection_id)
            return HttpResponse(204, [], b"")
        return HttpResponse(
            200, [("Content-Type", "application/json")], json.dumps(found[0].info(connection_id)).encode()
        )

    def emails(self, to: str | None = None) -> list[dict[str, Any]]:
        """Emails the functions sent (through moto's SES), oldest first."""
        return sent_emails(to)

    def run_schedule(self, logical_id: str) -> dict[str, Any]:
        if self._scheduler is None:
            raise KeyError(logical_id)
        return self._scheduler.fire(logical_id)

    def openapi(self) -> dict[str, Any]:
        """The merged OpenAPI of every HTTP function, limited to the routes the template wires."""
        with self._openapi_lock:
            if self._openapi is None:
                from infra.openapi import add_links, merge_specs, tidy  # noqa: PLC0415 - the same as docs/openapi.json

                assert self.stack is not None
                wired: dict[str, set[tuple[str, str]]] = {}
                for route in self.stack.routes:
                    wired.setdefault(route.function_id, set()).add((route.method.lower(), route.path))
                specs = []
                for function_id, routes in wired.items():
                    spec = self._pools[function_id].openapi()
                    if not spec:
                        continue
                    spec["paths"] = {
                        path: {m: op for m, op in operations.items() if (m, path) in routes or ("any", path) in routes}
                        for path, operations in spec.get("paths", {}).items()
                    }
                    spec["paths"] = {path: ops for path, ops in spec["paths"].items() if ops}
                    specs.append(spec)
                public = {(route.method.lower(), route.path) for route in self.stack.routes if route.authorizer is None}
                merged = tidy(add_links(merge_specs(specs, servers=[{"url": self.url}])), public)
                merged["info"]["title"] = "Cocreate API"
                self._openapi = merged
            return self._openapi
