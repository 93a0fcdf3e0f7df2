"""Secrets, queues, buses and rules created on moto from the template, plus the local plumbing: a queue
per (rule, function) as the rule's target, and the catch-all event tap."""

from __future__ import annotations

import hashlib
import json
from secrets import token_urlsafe
from typing import Any

from infra.local.stack import BusSpec, QueueSpec, RuleSpec, RuleTarget, SecretSpec
from infra.local.template import ACCOUNT_ID, REGION, placeholder

_QUEUE_ATTRIBUTES = (
    "DelaySeconds",
    "MaximumMessageSize",
    "MessageRetentionPeriod",
    "ReceiveMessageWaitTimeSeconds",
    "VisibilityTimeout",
    "FifoQueue",
    "ContentBasedDeduplication",
    "DeduplicationScope",
    "FifoThroughputLimit",
)
TAP_QUEUE = placeholder("event-tap")
TAP_RULE = placeholder("event-tap")
# Retries of a rule's asynchronous invocation come back after this (Lambda waits minutes).
RULE_QUEUE_VISIBILITY_SECONDS = 5


def queue_arn(name: str) -> str:
    return f"arn:aws:sqs:{REGION}:{ACCOUNT_ID}:{name}"


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return json.dumps(value)
    return str(value)


def create_secrets(secretsmanager: Any, secrets: list[SecretSpec]) -> None:
    """Create the template's generated secrets with a random value, as CloudFormation does."""
    for secret in secrets:
        value = token_urlsafe(secret.length)[: secret.length]
        secretsmanager.create_secret(Name=secret.name, SecretString=value)


def create_queues(sqs: Any, queues: list[QueueSpec]) -> dict[str, str]:
    """Create the template's queues, dead-letter queues first; returns name -> URL."""
    urls: dict[str, str] = {}
    pending = list(queues)
    while pending:
        ready = [
            q for q in pending if _dead_letter_arn(q) is None or _dead_letter_arn(q) in {queue_arn(n) for n in urls}
        ]
        if not ready:  # a cycle or a dead-letter queue outside the template: create them anyway
            ready = pending
        for queue in ready:
            attributes = {key: _text(queue.properties[key]) for key in _QUEUE_ATTRIBUTES if key in queue.properties}
            if "RedrivePolicy" in queue.properties:
                attributes["RedrivePolicy"] = _text(queue.properties["RedrivePolicy"])
            urls[queue.name] = sqs.create_queue(QueueName=queue.name, Attributes=attributes)["QueueUrl"]
            pending.remove(queue)
    return urls


def _dead_letter_arn(queue: QueueSpec) -> str | None:
    policy = queue.properties.get("RedrivePolicy")
    if isinstance(policy, str):
        policy = json.loads(policy)
    return str(policy["deadLetterTargetArn"]) if isinstance(policy, dict) and "deadLetterTargetArn" in policy else None


def create_buses(events: Any, buses: list[BusSpec]) -> None:
    for bus in buses:
        if bus.name != "default":
            events.create_event_bus(Name=bus.name)


def rule_queue_name(rule: RuleSpec, target: RuleTarget) -> str:
    name = placeholder("rule", rule.logical_id, target.target_id)
    if len(name) > 80:  # SQS's limit on queue names
        name = name[:63] + "-" + hashlib.sha256(name.encode()).hexdigest()[:16]
    return name


def create_rule(events: Any, sqs: Any, rule: RuleSpec) -> dict[RuleTarget, str]:
    """Create a pattern rule on moto; function targets get a local queue. Returns target -> queue URL."""
    events.put_rule(
        Name=rule.name,
        EventBusName=rule.bus_name,
        EventPattern=json.dumps(rule.pattern or {}),
        State="ENABLED" if rule.enabled else "DISABLED",
    )
    local_queues: dict[RuleTarget, str] = {}
    targets = []
    for target in rule.targets:
        if target.function_id:
            name = rule_queue_name(rule, target)
            url = sqs.create_queue(
                QueueName=name, Attributes={"VisibilityTimeout": str(RULE_QUEUE_VISIBILITY_SECONDS)}
            )["QueueUrl"]
            local_queues[target] = url
            targets.append({"Id": target.target_id[:64], "Arn": queue_arn(name)})
        elif target.queue_arn:
            entry = {"Id": target.target_id[:64], "Arn": target.queue_arn}
            if target.input is not None:
                entry["Input"] = target.input
            targets.append(entry)
    if targets:
        events.put_targets(Rule=rule.name, EventBusName=rule.bus_name, Targets=targets)
    return local_queues


def create_tap(events: Any, sqs: Any, bus_names: list[str]) -> str:
    """A catch-all rule on every bus into one queue; returns its URL."""
    url: str = sqs.create_queue(QueueName=TAP_QUEUE)["QueueUrl"]
    for bus in bus_names:
        # An empty prefix matches every source: moto and AWS both accept it as "anything".
        events.put_rule(Name=TAP_RULE, EventBusName=bus, EventPattern=json.dumps({"source": [{"prefix": ""}]}))
        events.put_targets(Rule=TAP_RULE, EventBusName=bus, Targets=[{"Id": "tap", "Arn": queue_arn(TAP_QUEUE)}])
    return url
