"""Upgrading a stack's data to the keys of API 3.2.0 (`cocreate migrate`): what a person wrote or did is
found by their id without a Scan (decision 60), so items written before need their new keys.

- content: ideas, comments, staff notes, challenges and brands get their `byUser` index entry;
  reviews their 'helpfulReviews' sort key with the readers' count (3.7.0, decision 72)
- votes: `byVoter` is keyed by the voter alone (`<challengeId>#<ideaId>` sorts), merge records join it
- notifications: follows move to `FOLLOW#<userId>` / `<ideaId>`; unfollows get their `followers` index
  entry (3.5.1: the idea's voters who unfollowed it are left out of its fan-out, decision 68)
- moderation: reports move to `REPORT#<userId>` / `<type>#<id>`, standing to `AUTHOR#<userId>` / `<brandId>`
- audit: entries a person acted in get their `byUser` entry (only those keys: the log stays as it was)

An operator's one-off job, run once after the deploy: it reads each table with Scan pages (never a
request path), writes only items still in the old shape, and can be run again (it then changes
nothing). Until it has run, erasures and exports miss what was written before the upgrade."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from typing import Any

from botocore.exceptions import ClientError

from shared.domain.moderation import SYSTEM_PREFIX
from shared.store.comment_records import (
    comment_from_item,
    comment_to_item,
    helpful_sort,
    note_from_item,
    note_to_item,
)
from shared.store.dynamo import Item, deserialize, failed_condition, serialize, user_index
from shared.store.follows import follow_from_item, follow_to_item
from shared.store.records import (
    brand_from_item,
    brand_to_item,
    challenge_from_item,
    challenge_to_item,
    idea_from_item,
    idea_to_item,
)
from shared.store.votes import MOVED_SORT, vote_from_item, vote_to_item, voter_key

TABLES = ("ContentTable", "VotesTable", "NotificationsTable", "ModerationTable", "AuditTable")
_CONTENT = {
    "Idea": lambda item: idea_to_item(idea_from_item(item)),
    "Comment": lambda item: comment_to_item(comment_from_item(item)),
    "StaffNote": lambda item: note_to_item(note_from_item(item)),
    "Challenge": lambda item: challenge_to_item(challenge_from_item(item)),
    "Brand": lambda item: brand_to_item(brand_from_item(item)),
}


def _scan(client: Any, table: str) -> Iterator[Item]:
    request: dict[str, Any] = {"TableName": table}
    while True:
        answer = client.scan(**request)
        yield from (deserialize(item) for item in answer.get("Items", []))
        if "LastEvaluatedKey" not in answer:
            return
        request["ExclusiveStartKey"] = answer["LastEvaluatedKey"]


def _set(client: Any, table: str, item: Mapping[str, Any], values: Mapping[str, Any]) -> None:
    key = {"pk": item["pk"], **({"sk": item["sk"]} if "sk" in item else {})}
    names = {f"#a{n}": name for n, name in enumerate(values)}
    client.update_item(
        TableName=table,
        Key=serialize(key),
        UpdateExpression="SET " + ", ".join(f"#a{n} = :v{n}" for n in range(len(values))),
        ConditionExpression="attribute_exists(pk)",
        ExpressionAttributeNames=names,
        ExpressionAttributeValues=serialize({f":v{n}": value for n, value in enumerate(values.values())}),
    )


def _move(client: Any, table: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> None:
    """The item under its new key (unless a newer one is there already), then the old key gone."""
    client.transact_write_items(
        TransactItems=[
            {"Delete": {"TableName": table, "Key": serialize({"pk": old["pk"], "sk": old["sk"]})}},
            {"Put": {"TableName": table, "Item": serialize(new), "ConditionExpression": "attribute_not_exists(pk)"}},
        ]
    )


def _content(client: Any, table: str, changed: Counter[str]) -> None:
    for item in _scan(client, table):
        kind = str(item.get("type"))
        if kind in _CONTENT and "upk" not in item:
            fresh = _CONTENT[kind](item)
            _set(client, table, item, {"upk": fresh["upk"], "usk": fresh["usk"]})
            changed[kind] += 1
        if kind == "Comment" and str(item.get("rhsk", "")).count("#") == 1:  # <0|1>#<id>, before 3.7.0
            try:  # unless the review changed since the Scan read it (that write gave it the new key)
                client.update_item(
                    TableName=table,
                    Key=serialize({"pk": item["pk"], "sk": item["sk"]}),
                    UpdateExpression="SET rhsk = :new",
                    ConditionExpression="rhsk = :old",
                    ExpressionAttributeValues=serialize(
                        {":new": helpful_sort(comment_from_item(item)), ":old": item["rhsk"]}
                    ),
                )
            except ClientError as exc:
                if not failed_condition(exc):
                    raise
                continue
            changed["Review"] += 1


def _votes(client: Any, table: str, changed: Counter[str]) -> None:
    for item in _scan(client, table):
        if item.get("type") == "Vote" and item.get("voterpk") != voter_key(str(item["voterId"])):
            fresh = vote_to_item(vote_from_item(item))
            _set(client, table, item, {"voterpk": fresh["voterpk"], "votersk": fresh["votersk"]})
            changed["Vote"] += 1
        elif item.get("type") == "MovedVote" and "voterpk" not in item:
            voter = str(item["vote"]["voterId"])
            source = str(item["pk"]).removeprefix("MOVED#").removesuffix(f"#{voter}")
            _set(client, table, item, {"voterpk": voter_key(voter), "votersk": MOVED_SORT + source})
            changed["MovedVote"] += 1


def _follows(client: Any, table: str, changed: Counter[str]) -> None:
    for item in _scan(client, table):
        if item.get("type") == "Follow" and item.get("sk") == "#":
            _move(client, table, item, follow_to_item(follow_from_item(item)))
            changed["Follow"] += 1
        elif item.get("type") == "Follow" and "fpk" not in item:  # an unfollow before 3.5.1
            fresh = follow_to_item(follow_from_item(item))
            try:  # unless the user followed again since the Scan read it (that item has its keys)
                client.update_item(
                    TableName=table,
                    Key=serialize({"pk": item["pk"], "sk": item["sk"]}),
                    UpdateExpression="SET fpk = :fpk, fsk = :fsk",
                    ConditionExpression="following = :no AND attribute_not_exists(fpk)",
                    ExpressionAttributeValues=serialize({":fpk": fresh["fpk"], ":fsk": fresh["fsk"], ":no": False}),
                )
            except ClientError as exc:
                if not failed_condition(exc):
                    raise
                continue
            changed["Unfollow"] += 1


def _moderation(client: Any, table: str, changed: Counter[str]) -> None:
    for item in _scan(client, table):
        pk = str(item["pk"])
        if item.get("sk") != "#":
            continue
        if pk.startswith("REPORT#") and pk.count("#") >= 3:
            _, target_type, target_id, user_id = pk.split("#", 3)
            _move(client, table, item, {**item, "pk": f"REPORT#{user_id}", "sk": f"{target_type}#{target_id}"})
            changed["Report"] += 1
        elif pk.startswith("AUTHOR#") and pk.count("#") >= 2:
            _, brand_id, user_id = pk.split("#", 2)
            _move(client, table, item, {**item, "pk": f"AUTHOR#{user_id}", "sk": brand_id})
            changed["AuthorRecord"] += 1


def _audit(client: Any, table: str, changed: Counter[str]) -> None:
    for item in _scan(client, table):
        actor = str(item.get("actor", ""))
        if item.get("type") == "AuditEntry" and "upk" not in item and actor and not actor.startswith(SYSTEM_PREFIX):
            _set(client, table, item, user_index(actor, str(item["sk"])))
            changed["AuditEntry"] += 1


def migrate(client: Any, tables: Mapping[str, str]) -> Counter[str]:
    """Bring every table's old-shape items to the new keys; how many of each were changed."""
    changed: Counter[str] = Counter()
    _content(client, tables["ContentTable"], changed)
    _votes(client, tables["VotesTable"], changed)
    _follows(client, tables["NotificationsTable"], changed)
    _moderation(client, tables["ModerationTable"], changed)
    _audit(client, tables["AuditTable"], changed)
    return changed
