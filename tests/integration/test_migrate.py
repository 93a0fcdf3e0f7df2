"""`cocreate migrate` on moto: a stack's data written before API 3.2.0 (its items aged back into the old
keys here) comes out exactly as the current code writes it, and a second run changes nothing."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import boto3
from boto3.dynamodb.types import TypeSerializer

from infra import migrate as infra_migrate
from infra.migrate import TABLES, migrate
from shared.domain.comments import Comment
from shared.domain.follows import Follow, FollowReason
from shared.store.comment_records import comment_to_item
from shared.store.follows import DynamoFollowRepository, follow_to_item
from tests.integration.conftest import TABLE_NAMES
from tests.integration.redelivery import Tables
from tests.integration.test_privacy_api import footprint  # noqa: F401 - the fixture: data in every table
from tests.unit.builders import T0

USER_INDEXED = {"Idea", "Comment", "StaffNote", "Challenge", "Brand", "AuditEntry"}


def _aged(name: str, item: dict[str, Any]) -> dict[str, Any]:
    """``item`` as the code before API 3.2.0 wrote it."""
    kind = item.get("type")
    if kind in USER_INDEXED:
        return {k: v for k, v in item.items() if k not in {"upk", "usk"}}
    if kind == "Vote":
        challenge, idea = str(item["votersk"]).split("#", 1)
        return {**item, "voterpk": f"{item['voterpk']}#{challenge}", "votersk": idea}
    if kind == "Follow":
        return {**item, "pk": f"FOLLOW#{item['ideaId']}#{item['userId']}", "sk": "#"}
    if name == "ModerationTable" and str(item["pk"]).startswith("REPORT#"):
        target_type, target_id = str(item["sk"]).split("#", 1)
        user = str(item["pk"]).removeprefix("REPORT#")
        return {**item, "pk": f"REPORT#{target_type}#{target_id}#{user}", "sk": "#"}
    if name == "ModerationTable" and str(item["pk"]).startswith("AUTHOR#"):
        return {**item, "pk": f"AUTHOR#{item['sk']}#{str(item['pk']).removeprefix('AUTHOR#')}", "sk": "#"}
    return item


def test_items_in_the_old_keys_come_out_as_the_code_writes_them_and_a_rerun_changes_nothing(
    footprint: dict[str, str],  # noqa: F811
) -> None:
    standing = {"pk": {"S": "AUTHOR#user-pat"}, "sk": {"S": "acme"}, "approved": {"N": "1"}}  # screening's record
    boto3.client("dynamodb").put_item(TableName=TABLE_NAMES["ModerationTable"], Item=standing)
    tables = Tables(*TABLES)
    current = {name: tables.items(name) for name in TABLES}
    serializer = TypeSerializer()
    aged = {
        TABLE_NAMES[name]: [{k: serializer.serialize(v) for k, v in _aged(name, item).items()} for item in items]
        for name, items in current.items()
    }
    tables.restore(aged)
    assert {name: tables.items(name) for name in TABLES} != current  # aged indeed
    names = {name: TABLE_NAMES[name] for name in TABLES}

    changed = migrate(boto3.client("dynamodb"), names)
    again = migrate(boto3.client("dynamodb"), names)

    assert {"Idea", "Comment", "Challenge", "Vote", "Follow", "Report", "AuthorRecord", "AuditEntry"} <= set(changed)
    assert again == {}
    assert {name: tables.items(name) for name in TABLES} == current


def test_an_unfollow_written_before_3_5_1_gets_its_index_entry(aws: None) -> None:
    """Since 3.5.1 a vote is a follow, and the idea's fan-out leaves out the voters who unfollowed it:
    it finds them under the unfollow's `followers` index entry, which older unfollows lack."""
    client, table = boto3.client("dynamodb"), TABLE_NAMES["NotificationsTable"]
    unfollowed = Follow("idea-1", "user-oscar", False, FollowReason.EXPLICIT, datetime(2026, 1, 1, tzinfo=UTC))
    fresh = follow_to_item(unfollowed)
    older = {k: v for k, v in fresh.items() if k not in {"fpk", "fsk"} and v is not None}
    client.put_item(TableName=table, Item={k: TypeSerializer().serialize(v) for k, v in older.items()})
    follows = DynamoFollowRepository(client, table)
    assert list(follows.unfollowed("idea-1")) == []

    changed = migrate(client, {name: TABLE_NAMES[name] for name in TABLES})

    assert changed["Unfollow"] == 1
    assert list(follows.unfollowed("idea-1")) == ["user-oscar"]
    assert follows.get("idea-1", "user-oscar") == unfollowed
    assert migrate(client, {name: TABLE_NAMES[name] for name in TABLES}) == {}


def test_an_unfollow_followed_again_after_the_scan_keeps_its_follow(aws: None, monkeypatch: Any) -> None:
    client, table = boto3.client("dynamodb"), TABLE_NAMES["NotificationsTable"]
    at = datetime(2026, 1, 1, tzinfo=UTC)
    fresh = follow_to_item(Follow("idea-1", "user-oscar", False, FollowReason.EXPLICIT, at))
    older = {k: v for k, v in fresh.items() if k not in {"fpk", "fsk"} and v is not None}
    client.put_item(TableName=table, Item={k: TypeSerializer().serialize(v) for k, v in older.items()})
    follows = DynamoFollowRepository(client, table)
    scan = infra_migrate._scan

    def scan_then_follow(client: Any, name: str) -> Any:
        items = list(scan(client, name))
        follows.put(Follow("idea-1", "user-oscar", True, FollowReason.EXPLICIT, at))  # between Scan and write
        return iter(items)

    monkeypatch.setattr(infra_migrate, "_scan", scan_then_follow)
    changed = migrate(client, {name: TABLE_NAMES[name] for name in TABLES})

    assert "Unfollow" not in changed
    assert list(follows.followers("idea-1")) == ["user-oscar"]
    assert list(follows.unfollowed("idea-1")) == []


def test_a_review_written_before_3_7_0_gets_the_helpful_sort_key_with_its_readers(aws: None) -> None:
    review = Comment(
        comment_id="01review", idea_id="i1", challenge_id="c1", brand_id="acme", author_id="user-oscar",
        body="Works", path=("01review",), official=False, created_at=T0, updated_at=T0, helpful=True, rating=4,
    )  # fmt: skip
    item = comment_to_item(review) | {"rhsk": "1#01review"}  # as 3.5.0 wrote it
    table = boto3.resource("dynamodb").Table(TABLE_NAMES["ContentTable"])
    table.put_item(Item=item)
    names = {name: TABLE_NAMES[name] for name in TABLES}

    changed = migrate(boto3.client("dynamodb"), names)
    again = migrate(boto3.client("dynamodb"), names)

    assert changed["Review"] == 1
    assert "Review" not in again
    assert table.get_item(Key={"pk": item["pk"], "sk": item["sk"]})["Item"]["rhsk"] == "1#0000000000#01review"
