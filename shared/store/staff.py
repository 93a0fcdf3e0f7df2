"""The staff list, in the content table beside the brand (see docs/data-model.md):

- member:  pk=BRAND#<brandId>, sk=MEMBER#<memberId>; gsi1pk=MEMBEROF#<userId> once active (the
           user's brands, for an external issuer's callers) or INVITED#<email> while pending (the
           invitee's invitations), gsi1sk=BRAND#<brandId>
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from shared.domain.staff import MAX_STAFF, StaffMember, StaffRole, StaffState, normalise_email
from shared.services.ports import Key, Page
from shared.store.dynamo import Item, deserialize, from_timestamp, query_all, serialize, to_timestamp, translate_errors

MEMBER = "MEMBER#"


def member_key(brand_id: str, member_id: str) -> dict[str, str]:
    return {"pk": f"BRAND#{brand_id}", "sk": MEMBER + member_id}


def member_to_item(member: StaffMember) -> Item:
    index = f"MEMBEROF#{member.user_id}" if member.active else f"INVITED#{member.email}"
    return {
        **member_key(member.brand_id, member.member_id),
        "type": "StaffMember",
        "gsi1pk": index,
        "gsi1sk": f"BRAND#{member.brand_id}",
        "brandId": member.brand_id,
        "memberId": member.member_id,
        "email": member.email,
        "role": member.role.value,
        "state": member.state.value,
        "invitedBy": member.invited_by,
        "invitedAt": to_timestamp(member.invited_at),
        "userId": member.user_id,
        "joinedAt": to_timestamp(member.joined_at) if member.joined_at else None,
        "version": member.version,
    }


def member_from_item(item: Mapping[str, Any]) -> StaffMember:
    return StaffMember(
        brand_id=str(item["brandId"]),
        member_id=str(item["memberId"]),
        email=str(item["email"]),
        role=StaffRole(item["role"]),
        state=StaffState(item["state"]),
        invited_by=str(item["invitedBy"]),
        invited_at=from_timestamp(item["invitedAt"]),
        user_id=str(item["userId"]) if item.get("userId") else None,
        joined_at=from_timestamp(item["joinedAt"]) if item.get("joinedAt") else None,
        version=int(item.get("version", 1)),
    )


class DynamoStaffRepository:
    def __init__(self, client: Any, table_name: str) -> None:
        self._client = client
        self._table = table_name

    def get(self, brand_id: str, member_id: str) -> StaffMember | None:
        with translate_errors("reading a staff member"):
            answer = self._client.get_item(
                TableName=self._table, Key=serialize(member_key(brand_id, member_id)), ConsistentRead=True
            )
        item = answer.get("Item")
        return member_from_item(deserialize(item)) if item else None

    def put(self, member: StaffMember, expected_version: int | None) -> None:
        put: dict[str, Any] = {"TableName": self._table, "Item": serialize(member_to_item(member))}
        if expected_version is None:
            put["ConditionExpression"] = "attribute_not_exists(pk)"
        else:
            put["ConditionExpression"] = "version = :expected"
            put["ExpressionAttributeValues"] = serialize({":expected": expected_version})
        with translate_errors("the staff member changed meanwhile; read the list again"):
            self._client.put_item(**put)

    def delete(self, member: StaffMember) -> None:
        with translate_errors("the staff member changed meanwhile; read the list again"):
            self._client.delete_item(
                TableName=self._table,
                Key=serialize(member_key(member.brand_id, member.member_id)),
                ConditionExpression="version = :expected",
                ExpressionAttributeValues=serialize({":expected": member.version}),
            )

    def _query(self, brand_id: str, limit: int) -> dict[str, Any]:
        return {
            "TableName": self._table,
            "KeyConditionExpression": "pk = :pk AND begins_with(sk, :member)",
            "ExpressionAttributeValues": serialize({":pk": f"BRAND#{brand_id}", ":member": MEMBER}),
            "ConsistentRead": True,
            "Limit": limit,
        }

    def list_page(self, brand_id: str, *, limit: int, start: Key | None) -> Page[StaffMember]:
        query = self._query(brand_id, limit)
        if start:
            query["ExclusiveStartKey"] = start
        with translate_errors("listing a brand's staff"):
            answer = self._client.query(**query)
        items = [member_from_item(deserialize(item)) for item in answer.get("Items", [])]
        return Page(items, answer.get("LastEvaluatedKey"))

    def members(self, brand_id: str) -> list[StaffMember]:
        found = query_all(self._client, self._query(brand_id, MAX_STAFF), "reading a brand's staff")
        return [member_from_item(item) for item in found]

    def _by_index(self, key: str, what: str) -> list[StaffMember]:
        query = {
            "TableName": self._table,
            "IndexName": "gsi1",
            "KeyConditionExpression": "gsi1pk = :pk AND begins_with(gsi1sk, :brand)",
            "ExpressionAttributeValues": serialize({":pk": key, ":brand": "BRAND#"}),
        }
        return [member_from_item(item) for item in query_all(self._client, query, what)]

    def memberships(self, user_id: str) -> list[StaffMember]:
        return self._by_index(f"MEMBEROF#{user_id}", "reading a user's staff memberships")

    def invitations(self, email: str) -> list[StaffMember]:
        return self._by_index(f"INVITED#{normalise_email(email)}", "reading an address's invitations")
