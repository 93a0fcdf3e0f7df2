"""Functions of the probe stack. Each reports what it received as a "Consumed" event on the bus,
where the tests read it back through the local cloud's event tap."""

from __future__ import annotations

import json
import os
from typing import Any

import boto3

events = boto3.client("events")


def report(detail: dict[str, Any]) -> None:
    entry = {
        "EventBusName": os.environ["BUS"],
        "Source": "probe",
        "DetailType": "Consumed",
        "Detail": json.dumps(detail),
    }
    events.put_events(Entries=[entry])


def echo(event: dict[str, Any], context: Any) -> Any:
    path = event["rawPath"]
    if path == "/echo/fail":
        raise RuntimeError("failing on purpose")
    if path == "/echo/bare":
        return {"hello": "world"}
    if path == "/echo/text":
        return "plain text"
    if path.startswith("/items/"):
        item = {"pk": {"S": event["pathParameters"]["pk"]}, "blob": {"B": b"\xff\x00"}}
        boto3.client("dynamodb").put_item(TableName=os.environ["TABLE"], Item=item)
        return {"statusCode": 204}
    if path == "/messages":
        boto3.client("sqs").send_message(QueueUrl=os.environ["QUEUE"], MessageBody=event["body"])
        return {"statusCode": 202}
    document = {
        "event": event,
        "functionName": context.function_name,
        "remainingMs": context.get_remaining_time_in_millis(),
        "environment": dict(os.environ),
    }
    return {
        "statusCode": 200,
        "headers": {"content-type": "application/json", "x-probe": 1},
        "cookies": ["first=1; Path=/", "second=2"],
        "body": json.dumps(document),
    }


def consume(event: dict[str, Any], context: Any) -> Any:
    if "Records" not in event:
        report({"kind": "event", "event": event})
        return None
    failures = []
    for record in event["Records"]:
        if record.get("eventSource") == "aws:sqs":
            report({"kind": "sqs", "body": record["body"]})
            if record["body"].startswith("fail"):
                failures.append({"itemIdentifier": record["messageId"]})
            continue
        pk = record["dynamodb"]["Keys"]["pk"]["S"]
        report(
            {"kind": "stream", "pk": pk, "name": record["eventName"], "blob": record["dynamodb"]["NewImage"]["blob"]}
        )
        if pk.startswith("fail"):
            failures.append({"itemIdentifier": record["dynamodb"]["SequenceNumber"]})
    return {"batchItemFailures": failures}
