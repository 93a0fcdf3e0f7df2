"""The resolved template as the local cloud needs it: tables, queues, buses, functions with their
environment, HTTP routes, stream and queue sources, and rules (the template's own and the ones SAM
derives from function events)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from infra.local.template import Resolver, environment_text, placeholder

log = logging.getLogger("infra.local")

FUNCTION_TYPES = frozenset({"AWS::Serverless::Function", "AWS::Lambda::Function"})
TABLE_TYPES = frozenset({"AWS::DynamoDB::Table", "AWS::Serverless::SimpleTable"})
DEFAULT_BUS = "default"


@dataclass(frozen=True)
class TableSpec:
    logical_id: str
    name: str
    properties: dict[str, Any]
    simple: bool = False


@dataclass(frozen=True)
class QueueSpec:
    logical_id: str
    name: str
    url: str
    arn: str
    properties: dict[str, Any]


@dataclass(frozen=True)
class SecretSpec:
    """A Secrets Manager secret the stack generates (``GenerateSecretString``)."""

    logical_id: str
    name: str
    length: int


@dataclass(frozen=True)
class BusSpec:
    logical_id: str
    name: str
    arn: str


@dataclass(frozen=True)
class FunctionSpec:
    logical_id: str
    name: str
    arn: str
    handler: str
    timeout: int
    memory: int
    runtime: str
    environment: dict[str, str]
    serves_http: bool


@dataclass(frozen=True)
class Authorizer:
    name: str
    kind: str  # "jwt" is what the local verifier stands in for


@dataclass(frozen=True)
class Cors:
    allow_origins: tuple[str, ...]
    allow_headers: tuple[str, ...]
    allow_methods: tuple[str, ...]
    expose_headers: tuple[str, ...]
    max_age: int | None
    allow_credentials: bool


@dataclass(frozen=True)
class RouteSpec:
    method: str  # upper case, or ANY
    path: str
    function_id: str
    api_id: str
    authorizer: Authorizer | None
    cors: Cors | None

    @property
    def route_key(self) -> str:
        return f"{self.method} {self.path}"


@dataclass(frozen=True)
class StreamSourceSpec:
    function_id: str
    event_name: str
    table_id: str
    stream_arn: str  # the local (template) ARN; the real one is looked up on the backend
    batch_size: int
    starting_position: str
    batching_window: float
    max_retries: int  # -1: until the record expires, as Lambda does
    bisect_on_error: bool
    report_item_failures: bool
    on_failure_queue: str | None  # queue name


@dataclass(frozen=True)
class QueueSourceSpec:
    function_id: str
    event_name: str
    queue_name: str
    queue_arn: str
    batch_size: int
    batching_window: float
    report_item_failures: bool
    enabled: bool


@dataclass(frozen=True)
class RuleTarget:
    target_id: str
    function_id: str | None = None
    queue_arn: str | None = None
    input: str | None = None


@dataclass(frozen=True)
class RuleSpec:
    logical_id: str
    name: str
    bus_name: str
    pattern: dict[str, Any] | None
    schedule: str | None
    enabled: bool
    targets: tuple[RuleTarget, ...]


@dataclass(frozen=True)
class WebSocketSpec:
    """An API Gateway WebSocket API: its stage and which function serves each route key."""

    logical_id: str
    stage: str
    routes: dict[str, str]  # route key ($connect, $disconnect, $default, or an action) -> function id
    selection: str  # the route selection expression, e.g. $request.body.action


@dataclass
class Stack:
    tables: list[TableSpec] = field(default_factory=list)
    queues: list[QueueSpec] = field(default_factory=list)
    buses: list[BusSpec] = field(default_factory=list)
    secrets: list[SecretSpec] = field(default_factory=list)
    buckets: list[str] = field(default_factory=list)  # S3 bucket names
    functions: dict[str, FunctionSpec] = field(default_factory=dict)
    routes: list[RouteSpec] = field(default_factory=list)
    stream_sources: list[StreamSourceSpec] = field(default_factory=list)
    queue_sources: list[QueueSourceSpec] = field(default_factory=list)
    rules: list[RuleSpec] = field(default_factory=list)
    websockets: list[WebSocketSpec] = field(default_factory=list)


def _merge(defaults: Mapping[str, Any], own: Mapping[str, Any]) -> dict[str, Any]:
    """SAM's Globals semantics: maps merge key by key, anything else is overridden."""
    merged = dict(defaults)
    for key, value in own.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _ref_target(raw: Any) -> str | None:
    if isinstance(raw, Mapping) and "Ref" in raw:
        return str(raw["Ref"])
    return None


def _tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(",") if part.strip())
    return tuple(str(item) for item in value)


class StackBuilder:
    def __init__(self, template: Mapping[str, Any], resolver: Resolver) -> None:
        self.template = template
        self.resolver = resolver
        self.globals: Mapping[str, Any] = template.get("Globals") or {}
        self.stack = Stack()

    def build(self) -> Stack:
        resources = self.template["Resources"]
        for logical_id, resource in resources.items():
            if not self.resolver.included(logical_id):
                continue
            kind = resource.get("Type")
            if kind in TABLE_TYPES:
                self._table(logical_id, resource)
            elif kind == "AWS::SQS::Queue":
                self._queue(logical_id, resource)
            elif kind == "AWS::Events::EventBus":
                r = self.resolver
                self.stack.buses.append(BusSpec(logical_id, r.name(logical_id), r.arn(logical_id)))
            elif kind == "AWS::SecretsManager::Secret":
                generated = self.resolver.resolve(resource.get("Properties") or {}).get("GenerateSecretString") or {}
                length = int(generated.get("PasswordLength", 32))
                self.stack.secrets.append(SecretSpec(logical_id, self.resolver.name(logical_id), length))
            elif kind == "AWS::S3::Bucket":
                self.stack.buckets.append(self.resolver.name(logical_id))
        for logical_id, resource in resources.items():
            if resource.get("Type") in FUNCTION_TYPES and self.resolver.included(logical_id):
                self._function(logical_id, resource)
        for logical_id, resource in resources.items():
            if resource.get("Type") == "AWS::Events::Rule" and self.resolver.included(logical_id):
                self._rule(logical_id, resource)
        for logical_id, resource in resources.items():
            properties = resource.get("Properties") or {}
            if resource.get("Type") == "AWS::ApiGatewayV2::Api" and properties.get("ProtocolType") == "WEBSOCKET":
                self._websocket(logical_id, properties)
        return self.stack

    def _of_api(self, kind: str, api_id: str) -> list[tuple[str, dict[str, Any]]]:
        """The template's resources of ``kind`` that belong to the API (their ApiId refers to it)."""
        return [
            (logical_id, self.resolver.resolve(resource.get("Properties") or {}))
            for logical_id, resource in self.template["Resources"].items()
            if resource.get("Type") == kind
            and _ref_target((resource.get("Properties") or {}).get("ApiId")) == api_id
            and self.resolver.included(logical_id)
        ]

    def _websocket(self, api_id: str, properties: Mapping[str, Any]) -> None:
        """Routes -> integrations -> the function whose ARN their URI names (AWS_PROXY)."""
        by_arn = {function.arn: function.logical_id for function in self.stack.functions.values()}
        integrations: dict[str, str] = {}
        for logical_id, integration in self._of_api("AWS::ApiGatewayV2::Integration", api_id):
            uri = str(integration.get("IntegrationUri", ""))
            function = next((name for arn, name in by_arn.items() if arn in uri), None)
            if function is not None:
                integrations[f"integrations/{self.resolver.name(logical_id)}"] = function
        routes = {
            str(route["RouteKey"]): integrations[str(route.get("Target"))]
            for _, route in self._of_api("AWS::ApiGatewayV2::Route", api_id)
            if str(route.get("Target")) in integrations
        }
        stages = [str(stage.get("StageName")) for _, stage in self._of_api("AWS::ApiGatewayV2::Stage", api_id)]
        selection = str(self.resolver.resolve(properties.get("RouteSelectionExpression", "$request.body.action")))
        self.stack.websockets.append(WebSocketSpec(api_id, stages[0] if stages else "live", routes, selection))

    # ------------------------------------------------------------------ data and messaging
    def _table(self, logical_id: str, resource: Mapping[str, Any]) -> None:
        simple = resource["Type"] == "AWS::Serverless::SimpleTable"
        raw = resource.get("Properties") or {}
        properties = self.resolver.resolve(_merge(self.globals.get("SimpleTable") or {}, raw) if simple else raw)
        self.stack.tables.append(TableSpec(logical_id, self.resolver.name(logical_id), properties, simple))

    def _queue(self, logical_id: str, resource: Mapping[str, Any]) -> None:
        r = self.resolver
        properties = r.resolve(resource.get("Properties") or {})
        self.stack.queues.append(
            QueueSpec(logical_id, r.name(logical_id), r.queue_url(logical_id), r.arn(logical_id), properties)
        )

    # ------------------------------------------------------------------ functions and their events
    def _function(self, logical_id: str, resource: Mapping[str, Any]) -> None:
        r = self.resolver
        raw = resource.get("Properties") or {}
        if resource["Type"] == "AWS::Serverless::Function":
            raw = _merge(self.globals.get("Function") or {}, raw)
        variables = r.resolve((raw.get("Environment") or {}).get("Variables") or {})
        environment = {str(key): environment_text(value) for key, value in variables.items()}
        events: Mapping[str, Any] = raw.get("Events") or {}
        spec = FunctionSpec(
            logical_id=logical_id,
            name=r.name(logical_id),
            arn=r.arn(logical_id),
            handler=str(r.resolve(raw.get("Handler", ""))),
            timeout=int(r.resolve(raw.get("Timeout", 3))),
            memory=int(r.resolve(raw.get("MemorySize", 128))),
            runtime=str(r.resolve(raw.get("Runtime", "python3.13"))),
            environment=environment,
            serves_http=any(event.get("Type") == "HttpApi" for event in events.values()),
        )
        self.stack.functions[logical_id] = spec
        for event_name, event in events.items():
            self._function_event(spec, event_name, event)

    def _function_event(self, function: FunctionSpec, event_name: str, event: Mapping[str, Any]) -> None:
        kind = str(event.get("Type"))
        raw = event.get("Properties") or {}
        properties = self.resolver.resolve(raw)
        if kind == "HttpApi":
            self._route(function, properties, _ref_target(raw.get("ApiId")))
        elif kind == "DynamoDB":
            self._stream_source(function, event_name, properties)
        elif kind == "SQS":
            self._queue_source(function, event_name, properties)
        elif kind in {"EventBridgeRule", "CloudWatchEvent", "Schedule", "ScheduleV2"}:
            self._event_rule(function, event_name, kind, properties)
        else:
            log.warning("%s.%s: event type %s is not run locally", function.logical_id, event_name, kind)

    def _route(self, function: FunctionSpec, properties: Mapping[str, Any], api_id: str | None) -> None:
        api_id = api_id or "ServerlessHttpApi"
        api = self._http_api(api_id)
        auth = api.get("Auth") or {}
        chosen = (properties.get("Auth") or {}).get("Authorizer", auth.get("DefaultAuthorizer"))
        authorizer = None
        if chosen and chosen != "NONE":
            declared = (auth.get("Authorizers") or {}).get(chosen) or {}
            kind = "jwt" if "JwtConfiguration" in declared or not declared else "lambda"
            if kind != "jwt":
                log.warning("authorizer %s is not a JWT authorizer; the local JWT verifier stands in", chosen)
            authorizer = Authorizer(str(chosen), kind)
        method = str(properties.get("Method", "ANY")).upper()
        if method == "X-AMAZON-APIGATEWAY-ANY-METHOD":
            method = "ANY"
        self.stack.routes.append(
            RouteSpec(method, str(properties["Path"]), function.logical_id, api_id, authorizer, self._cors(api))
        )

    def _http_api(self, api_id: str) -> dict[str, Any]:
        resource = self.template["Resources"].get(api_id) or {}
        raw = _merge(self.globals.get("HttpApi") or {}, resource.get("Properties") or {})
        resolved: dict[str, Any] = self.resolver.resolve(raw)
        return resolved

    @staticmethod
    def _cors(api: Mapping[str, Any]) -> Cors | None:
        config = api.get("CorsConfiguration")
        if not config:
            return None
        if config is True:
            config = {"AllowOrigins": ["*"], "AllowHeaders": ["*"], "AllowMethods": ["*"]}
        if isinstance(config, str):
            config = {"AllowOrigins": [config]}
        return Cors(
            allow_origins=_tuple(config.get("AllowOrigins")),
            allow_headers=_tuple(config.get("AllowHeaders")),
            allow_methods=_tuple(config.get("AllowMethods")),
            expose_headers=_tuple(config.get("ExposeHeaders")),
            max_age=int(config["MaxAge"]) if config.get("MaxAge") is not None else None,
            allow_credentials=bool(config.get("AllowCredentials", False)),
        )

    def _table_of_stream(self, stream_arn: str) -> str | None:
        for table in self.stack.tables:
            if self.resolver.stream_arn(table.logical_id) == stream_arn:
                return table.logical_id
        return None

    def _queue_of_arn(self, arn: str) -> QueueSpec | None:
        return next((queue for queue in self.stack.queues if queue.arn == arn), None)

    def _stream_source(self, function: FunctionSpec, event_name: str, properties: Mapping[str, Any]) -> None:
        table_id = self._table_of_stream(str(properties.get("Stream")))
        if table_id is None:
            log.warning(
                "%s.%s: stream %s is not a table of this template",
                function.logical_id,
                event_name,
                properties.get("Stream"),
            )
            return
        on_failure = ((properties.get("DestinationConfig") or {}).get("OnFailure") or {}).get("Destination")
        failure_queue = self._queue_of_arn(str(on_failure)) if on_failure else None
        if on_failure and failure_queue is None:
            log.warning(
                "%s.%s: on-failure destination %s is not a queue of this template; failed batches are only logged",
                function.logical_id,
                event_name,
                on_failure,
            )
        self.stack.stream_sources.append(
            StreamSourceSpec(
                function_id=function.logical_id,
                event_name=event_name,
                table_id=table_id,
                stream_arn=str(properties.get("Stream")),
                batch_size=int(properties.get("BatchSize", 100)),
                starting_position=str(properties.get("StartingPosition", "TRIM_HORIZON")),
                batching_window=float(properties.get("MaximumBatchingWindowInSeconds", 0)),
                max_retries=int(properties.get("MaximumRetryAttempts", -1)),
                bisect_on_error=bool(properties.get("BisectBatchOnFunctionError", False)),
                report_item_failures="ReportBatchItemFailures" in (properties.get("FunctionResponseTypes") or []),
                on_failure_queue=failure_queue.name if failure_queue else None,
            )
        )

    def _queue_source(self, function: FunctionSpec, event_name: str, properties: Mapping[str, Any]) -> None:
        queue = self._queue_of_arn(str(properties.get("Queue")))
        if queue is None:
            log.warning(
                "%s.%s: queue %s is not in this template", function.logical_id, event_name, properties.get("Queue")
            )
            return
        self.stack.queue_sources.append(
            QueueSourceSpec(
                function_id=function.logical_id,
                event_name=event_name,
                queue_name=queue.name,
                queue_arn=queue.arn,
                batch_size=int(properties.get("BatchSize", 10)),
                batching_window=float(properties.get("MaximumBatchingWindowInSeconds", 0)),
                report_item_failures="ReportBatchItemFailures" in (properties.get("FunctionResponseTypes") or []),
                enabled=bool(properties.get("Enabled", True)),
            )
        )

    def _bus_name(self, value: Any) -> str:
        if not value:
            return DEFAULT_BUS
        text = str(value)
        return text.rsplit("/", 1)[-1] if text.startswith("arn:") else text

    def _event_rule(self, function: FunctionSpec, event_name: str, kind: str, properties: Mapping[str, Any]) -> None:
        # SAM names the generated rule <Function><Event>; keep that as its logical id.
        logical_id = f"{function.logical_id}{event_name}"
        schedule = properties.get("Schedule") or properties.get("ScheduleExpression")
        enabled = properties.get("Enabled", True) and str(properties.get("State", "ENABLED")) == "ENABLED"
        given_input = properties.get("Input")
        self.stack.rules.append(
            RuleSpec(
                logical_id=logical_id,
                name=str(properties.get("Name") or placeholder(logical_id)),
                bus_name=self._bus_name(properties.get("EventBusName")),
                pattern=None if schedule else dict(properties.get("Pattern") or {}),
                schedule=str(schedule) if schedule else None,
                enabled=bool(enabled),
                targets=(
                    RuleTarget(
                        target_id=function.logical_id,
                        function_id=function.logical_id,
                        input=str(given_input) if given_input is not None else None,
                    ),
                ),
            )
        )
        if kind not in {"Schedule", "ScheduleV2"} and not properties.get("Pattern"):
            log.warning("%s: an event rule without a pattern matches nothing", logical_id)

    def _rule(self, logical_id: str, resource: Mapping[str, Any]) -> None:
        properties = self.resolver.resolve(resource.get("Properties") or {})
        functions_by_arn = {spec.arn: spec.logical_id for spec in self.stack.functions.values()}
        targets = []
        for target in properties.get("Targets") or []:
            arn = str(target.get("Arn", ""))
            given_input = target.get("Input")
            if arn in functions_by_arn:
                targets.append(RuleTarget(str(target.get("Id")), function_id=functions_by_arn[arn], input=given_input))
            elif arn.startswith("arn:aws:sqs:"):
                targets.append(RuleTarget(str(target.get("Id")), queue_arn=arn, input=given_input))
            else:
                log.warning("%s: target %s is not run locally", logical_id, arn)
        self.stack.rules.append(
            RuleSpec(
                logical_id=logical_id,
                name=self.resolver.name(logical_id),
                bus_name=self._bus_name(properties.get("EventBusName")),
                pattern=properties.get("EventPattern"),
                schedule=properties.get("ScheduleExpression"),
                enabled=str(properties.get("State", "ENABLED")) == "ENABLED",
                targets=tuple(targets),
            )
        )


def build_stack(template: Mapping[str, Any], resolver: Resolver) -> Stack:
    return StackBuilder(template, resolver).build()
