"""DynamoDB tables exactly as template.yaml defines them, for moto, DynamoDB Local and tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def table_definitions(template: dict[str, Any], name_of: Callable[[str], str]) -> dict[str, dict[str, Any]]:
    """Logical id -> create_table arguments (plus 'TimeToLiveSpecification' when the template has one)."""
    tables = {}
    for logical_id, resource in template["Resources"].items():
        if resource.get("Type") != "AWS::DynamoDB::Table":
            continue
        props = resource["Properties"]
        args: dict[str, Any] = {
            "TableName": name_of(logical_id),
            "AttributeDefinitions": props["AttributeDefinitions"],
            "KeySchema": props["KeySchema"],
            "BillingMode": props.get("BillingMode", "PAY_PER_REQUEST"),
        }
        if "GlobalSecondaryIndexes" in props:
            args["GlobalSecondaryIndexes"] = props["GlobalSecondaryIndexes"]
        if "StreamSpecification" in props:
            args["StreamSpecification"] = {"StreamEnabled": True, **props["StreamSpecification"]}
        if "TimeToLiveSpecification" in props:
            args["TimeToLiveSpecification"] = props["TimeToLiveSpecification"]
        tables[logical_id] = args
    return tables


def create_tables(client: Any, template: dict[str, Any], name_of: Callable[[str], str]) -> dict[str, str]:
    """Create every table of the template; returns logical id -> table name."""
    names = {}
    for logical_id, args in table_definitions(template, name_of).items():
        ttl = args.pop("TimeToLiveSpecification", None)
        client.create_table(**args)
        client.get_waiter("table_exists").wait(
            TableName=args["TableName"], WaiterConfig={"Delay": 0.2, "MaxAttempts": 50}
        )
        if ttl:
            client.update_time_to_live(TableName=args["TableName"], TimeToLiveSpecification=ttl)
        names[logical_id] = args["TableName"]
    return names
