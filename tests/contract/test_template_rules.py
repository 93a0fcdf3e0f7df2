"""What the template refuses before anything is created (its Rules) and what its parameters drive,
evaluated by the local cloud's resolver as CloudFormation would."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from infra.local.template import NO_VALUE, Resolver, TemplateError, load_template
from shared.config import ExportRetention, IdempotencyRetention, NotificationRetention
from shared.domain.hooks import WEBHOOK_EVENTS
from shared.domain.inbox import INBOX_DAYS
from shared.domain.notification_prefs import NOTIFIED
from shared.domain.webhooks import DELIVERY_DAYS
from shared.events import EVENTS_BY_TYPE

TEMPLATE = load_template(Path(__file__).resolve().parents[2] / "template.yaml")


def _resolver(**parameters: str) -> Resolver:
    return Resolver(TEMPLATE, sqs_endpoint="http://127.0.0.1:1", stream_label="test", parameters=parameters)


def test_an_external_issuer_without_an_audience_is_refused() -> None:
    with pytest.raises(TemplateError, match="ExternalIssuerNeedsAudience"):
        _resolver(JwtIssuer="https://login.example.com/realms/acme")


@pytest.mark.parametrize(
    "parameters",
    [{}, {"JwtIssuer": "https://login.example.com/realms/acme", "JwtAudience": "cocreate-web"}],
)
def test_cognito_or_an_issuer_with_its_audience_deploys(parameters: dict[str, str]) -> None:
    resolver = _resolver(**parameters)
    api = resolver.resolve(TEMPLATE["Resources"]["HttpApi"]["Properties"])
    authorizer: dict[str, Any] = api["Auth"]["Authorizers"]["JwtAuthorizer"]["JwtConfiguration"]

    assert "" not in authorizer["audience"]


def test_the_stage_throttle_is_a_parameter() -> None:
    default = _resolver().resolve(TEMPLATE["Resources"]["HttpApi"]["Properties"]["DefaultRouteSettings"])
    raised = _resolver(ApiThrottlingRateLimit="5000", ApiThrottlingBurstLimit="2000").resolve(
        TEMPLATE["Resources"]["HttpApi"]["Properties"]["DefaultRouteSettings"]
    )

    assert (default["ThrottlingRateLimit"], default["ThrottlingBurstLimit"]) == ("1000", "500")
    assert (raised["ThrottlingRateLimit"], raised["ThrottlingBurstLimit"]) == ("5000", "2000")


def _function_environments() -> dict[str, dict[str, Any]]:
    return {
        name: resource["Properties"].get("Environment", {}).get("Variables", {})
        for name, resource in TEMPLATE["Resources"].items()
        if resource["Type"] == "AWS::Serverless::Function"
    }


def test_no_secret_value_is_resolved_into_a_function_environment() -> None:
    environments = _function_environments()
    leaked = [
        (function, variable)
        for function, variables in environments.items()
        for variable, value in variables.items()
        if "resolve:secretsmanager" in str(value) or "resolve:ssm-secure" in str(value)
    ]

    assert leaked == []
    # The signing secrets are named, and read by the functions that sign (each allowed to read them).
    readers = {f for f, variables in environments.items() if "CURSOR_SECRET_ID" in variables}
    assert readers == {
        "IdeasFunction",
        "VotesFunction",
        "ModerationFunction",
        "NotificationsFunction",
        "ReputationFunction",
    }
    for function in readers:
        policies = TEMPLATE["Resources"][function]["Properties"]["Policies"]
        assert {"AWSSecretsManagerGetSecretValuePolicy": {"SecretArn": {"Ref": "CursorSecret"}}} in policies


def test_a_deployed_stack_cannot_be_put_in_local_mode() -> None:
    assert "LocalMode" not in TEMPLATE["Parameters"]
    assert all("LOCAL_MODE" not in variables for variables in _function_environments().values())


@pytest.mark.parametrize(
    ("parameters", "granted"),
    [
        ({}, "true"),  # the stack's own user pool: its groups are the operators'
        ({"JwtIssuer": "https://login.example.com/realms/acme", "JwtAudience": "web"}, "false"),
        (
            {
                "JwtIssuer": "https://login.example.com/realms/acme",
                "JwtAudience": "web",
                "ExternalIssuerGrantsOperators": "true",
            },
            "true",
        ),
    ],
    ids=["cognito", "external-by-default", "external-trusted"],
)
def test_an_external_issuer_makes_operators_only_when_the_stack_trusts_it(
    parameters: dict[str, str], granted: str
) -> None:
    resolver = _resolver(**parameters)
    for function, variables in _function_environments().items():
        if "ISSUER_GRANTS_OPERATORS" in variables:
            assert resolver.resolve(variables["ISSUER_GRANTS_OPERATORS"]) == granted, function


def _functions() -> dict[str, dict[str, Any]]:
    return {
        name: resource["Properties"]
        for name, resource in TEMPLATE["Resources"].items()
        if resource["Type"] == "AWS::Serverless::Function"
    }


def test_every_bus_rule_target_and_every_schedule_has_a_dead_letter_queue() -> None:
    dlq = {"Arn": {"Fn::GetAtt": "EventDeliveryDeadLetterQueue.Arn"}}
    rules = [r["Properties"] for r in TEMPLATE["Resources"].values() if r["Type"] == "AWS::Events::Rule"]
    assert rules
    for rule in rules:
        for target in rule["Targets"]:
            assert target.get("DeadLetterConfig") == dlq, target["Id"]
    scheduled = {
        name: event["Properties"]
        for name, properties in _functions().items()
        for event in properties.get("Events", {}).values()
        if event["Type"] == "Schedule"
    }
    assert set(scheduled) == {"PhasesFunction", "NotificationsFunction"}
    for name, schedule in scheduled.items():
        assert schedule.get("DeadLetterConfig") == dlq, name  # EventBridge could not invoke the function
        assert _functions()[name]["DeadLetterQueue"]["TargetArn"] == dlq["Arn"], name  # the function failed
    assert "EventDeliveryDeadLetterAlarm" in TEMPLATE["Resources"]


@pytest.mark.parametrize(("api", "consumers"), [("", ""), ("50", "5")])
def test_reserved_concurrency_is_a_parameter_per_kind_of_function(api: str, consumers: str) -> None:
    resolver = _resolver(ApiReservedConcurrency=api, ConsumerReservedConcurrency=consumers)
    reserved = {
        name: resolver.resolve(properties["ReservedConcurrentExecutions"]) for name, properties in _functions().items()
    }
    http = {"IdeasFunction", "VotesFunction", "NotificationsFunction", "ModerationFunction", "ReputationFunction"}

    assert set(reserved) == http | {
        "OutboxFunction",
        "TallyFunction",
        "BallotsFunction",
        "SimilarityFunction",
        "PhasesFunction",
        "PrivacyFunction",  # its routes write one record; its work (minutes) comes from its queue
        "LiveFunction",  # its WebSocket routes are light; its pushes come from its queue
    }
    for name, value in reserved.items():
        expected = api if name in http else consumers
        assert value == expected if expected else value is NO_VALUE, name


def test_the_api_writes_an_access_log_kept_for_a_set_time() -> None:
    api = TEMPLATE["Resources"]["HttpApi"]["Properties"]
    log = api["AccessLogSettings"]
    fields = json.loads(log["Format"])

    assert log["DestinationArn"] == {"Fn::GetAtt": "ApiAccessLogs.Arn"}
    assert {"requestId", "routeKey", "status", "latencyMs"} <= set(fields)
    assert "authorization" not in log["Format"].lower()  # no tokens in the log
    retention = TEMPLATE["Resources"]["ApiAccessLogs"]["Properties"]["RetentionInDays"]
    assert _resolver().resolve(retention) == "30"


RETENTION = [  # parameter, function, variable, the setting's field
    ("InboxRetentionDays", "NotificationsFunction", "INBOX_RETENTION_DAYS", "inbox_retention_days"),
    ("WebhookDeliveryRetentionDays", "NotificationsFunction", "WEBHOOK_RETENTION_DAYS", "webhook_retention_days"),
    ("IdempotencyRetentionHours", "IdeasFunction", "IDEMPOTENCY_RETENTION_HOURS", "idempotency_retention_hours"),
    ("ExportRetentionDays", "PrivacyFunction", "EXPORT_RETENTION_DAYS", "export_retention_days"),
]


@pytest.mark.parametrize(("parameter", "function", "variable", "field"), RETENTION)
def test_each_retention_is_a_parameter_with_the_bounds_and_default_the_function_checks(
    parameter: str, function: str, variable: str, field: str
) -> None:
    settings = {
        "NotificationsFunction": NotificationRetention,
        "IdeasFunction": IdempotencyRetention,
        "PrivacyFunction": ExportRetention,
    }[function]
    declared = TEMPLATE["Parameters"][parameter]
    info = settings.model_fields[field]
    bounds = {type(m).__name__: getattr(m, type(m).__name__.lower()) for m in info.metadata}
    env = _functions()[function]["Environment"]["Variables"]

    assert (declared["MinValue"], declared["MaxValue"], declared["Default"]) == (
        bounds["Ge"],
        bounds["Le"],
        info.default,
    )
    assert env[variable] == {"Ref": parameter}
    assert _resolver(**{parameter: "9"}).resolve(env[variable]) == "9"


def test_the_retention_defaults_are_the_domains() -> None:
    fields = NotificationRetention.model_fields

    assert fields["inbox_retention_days"].default == INBOX_DAYS
    assert fields["webhook_retention_days"].default == DELIVERY_DAYS


def _bus_rules() -> dict[str, dict[str, Any]]:
    return {
        name: resource["Properties"]["EventPattern"]
        for name, resource in TEMPLATE["Resources"].items()
        if resource["Type"] == "AWS::Events::Rule" and "detail-type" in resource["Properties"].get("EventPattern", {})
    }


def test_every_rule_names_known_event_types_from_their_sources() -> None:
    rules = _bus_rules()

    assert rules
    for name, pattern in rules.items():
        for detail_type in pattern["detail-type"]:
            assert detail_type in EVENTS_BY_TYPE, f"{name}: {detail_type} is no event"
            assert EVENTS_BY_TYPE[detail_type].SOURCE in pattern["source"], f"{name}: {detail_type}'s source"


def test_the_notifications_rule_brings_every_event_users_hear_of_or_brands_subscribe_to() -> None:
    routed = set(_bus_rules()["NotificationsRule"]["detail-type"])

    assert set(NOTIFIED) <= routed
    assert set(WEBHOOK_EVENTS) <= routed


def _alarms() -> dict[str, dict[str, Any]]:
    return {
        name: resource["Properties"]
        for name, resource in TEMPLATE["Resources"].items()
        if resource["Type"] == "AWS::CloudWatch::Alarm"
    }


def _dead_letter_queues() -> list[str]:
    return [
        name
        for name, resource in TEMPLATE["Resources"].items()
        if resource["Type"] == "AWS::SQS::Queue" and name.endswith("DeadLetterQueue")
    ]


def test_every_alarm_notifies_the_stacks_topic_which_emails_the_operator_when_asked() -> None:
    subscription = TEMPLATE["Resources"]["AlarmEmailSubscription"]
    actions = {name: alarm.get("AlarmActions") for name, alarm in _alarms().items()}

    assert actions == {name: [{"Ref": "AlarmTopic"}] for name in _alarms()}
    assert subscription["Condition"] == "HasAlarmEmail"
    assert subscription["Properties"]["Endpoint"] == {"Ref": "AlarmEmail"}
    assert TEMPLATE["Resources"]["AlarmTopic"]["Properties"]["KmsMasterKeyId"] == "alias/aws/sns"


def test_every_dead_letter_queue_has_an_alarm_and_every_function_counts_in_the_errors_alarm() -> None:
    watched_queues = {
        alarm["Dimensions"][0]["Value"]["Fn::GetAtt"].split(".")[0]
        for alarm in _alarms().values()
        if alarm.get("Namespace") == "AWS/SQS"
    }
    summed = {
        metric["MetricStat"]["Metric"]["Dimensions"][0]["Value"]["Ref"]
        for metric in _alarms()["FunctionErrorsAlarm"]["Metrics"]
        if "MetricStat" in metric
    }

    assert watched_queues == set(_dead_letter_queues())
    assert summed == set(_functions())


def test_the_dashboard_is_valid_json_showing_every_function_every_dead_letter_queue_and_the_stacks_metrics() -> None:
    resolver = _resolver(CampaignName="spring", Stage="prod")
    body = json.loads(resolver.resolve(TEMPLATE["Resources"]["Dashboard"]["Properties"]["DashboardBody"]))
    metrics = [line for widget in body["widgets"] for line in widget["properties"]["metrics"]]
    names = {line[-1] for line in metrics}
    variables = TEMPLATE["Globals"]["Function"]["Environment"]["Variables"]
    namespace = resolver.resolve(variables["POWERTOOLS_METRICS_NAMESPACE"])

    assert {resolver.resolve({"Ref": function}) for function in _functions()} <= names
    assert {resolver.resolve({"Fn::GetAtt": f"{queue}.QueueName"}) for queue in _dead_letter_queues()} <= names
    assert namespace == "Cocreate/spring-prod"
    assert [namespace, "VotesCast", "service", "votes"] in metrics
    assert [namespace, "WebhookAttempts", "service", "notifications"] in metrics
