"""Repositories on the content table (challenges, ideas; comments later)."""

from __future__ import annotations

from typing import Any

from shared.domain.challenges import Challenge
from shared.domain.ideas import Idea
from shared.store.dynamo import deserialize, serialize, translate_errors
from shared.store.records import (
    challenge_from_item,
    challenge_key,
    challenge_to_item,
    idea_from_item,
    idea_key,
    idea_to_item,
)

_NEW_ITEM = "attribute_not_exists(pk)"


class DynamoChallengeRepository:
    def __init__(self, client: Any, table_name: str) -> None:
        self._client = client
        self._table = table_name

    def add(self, challenge: Challenge) -> None:
        with translate_errors(f"challenge {challenge.challenge_id} exists"):
            self._client.put_item(
                TableName=self._table, Item=serialize(challenge_to_item(challenge)), ConditionExpression=_NEW_ITEM
            )

    def get(self, challenge_id: str) -> Challenge | None:
        with translate_errors("reading a challenge"):
            answer = self._client.get_item(TableName=self._table, Key=serialize(challenge_key(challenge_id)))
        item = answer.get("Item")
        return challenge_from_item(deserialize(item)) if item else None


class DynamoIdeaRepository:
    def __init__(self, client: Any, table_name: str) -> None:
        self._client = client
        self._table = table_name

    def add(self, idea: Idea) -> None:
        with translate_errors(f"idea {idea.idea_id} exists"):
            self._client.put_item(
                TableName=self._table, Item=serialize(idea_to_item(idea)), ConditionExpression=_NEW_ITEM
            )

    def get(self, idea_id: str) -> Idea | None:
        with translate_errors("reading an idea"):
            answer = self._client.get_item(TableName=self._table, Key=serialize(idea_key(idea_id)))
        item = answer.get("Item")
        return idea_from_item(deserialize(item)) if item else None
