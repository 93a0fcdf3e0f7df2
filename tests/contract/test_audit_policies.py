"""The audit log is append-only: no function may delete its items, and the only update any may make
replaces a person's id with their pseudonym (erasure, pseudonymisation: decision 60), which IAM
holds to those attributes. That each write is a conditional put of a new key is shown in
tests/integration/test_moderation.py (a redelivered event leaves one entry)."""

from __future__ import annotations

from typing import Any

from infra.openapi import load_template

TEMPLATE = load_template()


def _mentions_audit(resource: Any) -> bool:
    return "AuditTable" in str(resource)


def _statements() -> list[tuple[str, dict[str, Any]]]:
    found = []
    for name, resource in TEMPLATE["Resources"].items():
        if resource["Type"] != "AWS::Serverless::Function":
            continue
        for policy in resource["Properties"].get("Policies", []):
            for statement in policy.get("Statement", []) if isinstance(policy, dict) else []:
                found.append((name, statement))
    return found


def test_no_function_may_update_or_delete_audit_entries() -> None:
    granted = [
        (name, statement)
        for name, statement in _statements()
        if isinstance(statement, dict) and _mentions_audit(statement.get("Resource"))
    ]
    actions = {
        (name, action)
        for name, statement in granted
        for action in ([statement["Action"]] if isinstance(statement["Action"], str) else statement["Action"])
    }

    assert granted, "some function must write the audit log"
    # Nothing else may reach the table: no SAM policy template, managed policy or conditional statement.
    elsewhere = [
        name
        for name, resource in TEMPLATE["Resources"].items()
        if resource["Type"] == "AWS::Serverless::Function"
        for policy in resource["Properties"].get("Policies", [])
        for part in (policy.get("Statement", []) if isinstance(policy, dict) and "Statement" in policy else [policy])
        if _mentions_audit(part) and not (isinstance(part, dict) and "Action" in part)
    ]
    assert elsewhere == []
    updates = [(name, statement) for name, statement in granted if "dynamodb:UpdateItem" in str(statement["Action"])]
    assert {action for _, action in actions} <= {
        "dynamodb:PutItem",
        "dynamodb:Query",
        "dynamodb:GetItem",
        "dynamodb:UpdateItem",
    }
    assert {name for name, _ in updates} == {"PrivacyFunction", "ModerationFunction"}
    for name, statement in updates:
        assert statement["Action"] in ("dynamodb:UpdateItem", ["dynamodb:UpdateItem"]), name  # alone in its statement
        attributes = statement["Condition"]["ForAllValues:StringEquals"]["dynamodb:Attributes"]
        assert set(attributes) <= {"pk", "sk", "actor", "authorId", "upk", "usk"}, name
