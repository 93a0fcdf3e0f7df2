"""Helpers for the similar-ideas tests on moto: the content table's real stream records, delivered
to the similarity function as Lambda would (in order, in batches, each record once)."""

from __future__ import annotations

import importlib
from datetime import datetime
from typing import Any

import boto3

from tests.builders import LambdaContext
from tests.integration.conftest import TABLE_NAMES


class ContentStream:
    """Reads the content table's stream shards from the start and hands the records not yet
    delivered to the similarity function."""

    def __init__(self, batch_size: int = 25) -> None:
        self.batch_size = batch_size
        self.delivered: set[str] = set()
        self.function = importlib.reload(importlib.import_module("functions.similarity.app"))

    def records(self) -> list[dict[str, Any]]:
        table = boto3.client("dynamodb").describe_table(TableName=TABLE_NAMES["ContentTable"])["Table"]
        streams = boto3.client("dynamodbstreams")
        arn = table["LatestStreamArn"]
        found = []
        for shard in streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]:
            iterator = streams.get_shard_iterator(
                StreamArn=arn, ShardId=shard["ShardId"], ShardIteratorType="TRIM_HORIZON"
            )["ShardIterator"]
            while iterator:
                answer = streams.get_records(ShardIterator=iterator, Limit=1000)
                found.extend(_as_lambda_record(record, arn) for record in answer["Records"])
                iterator = answer.get("NextShardIterator") if answer["Records"] else None
        return found

    def deliver(self) -> list[dict[str, Any]]:
        """Invoke the function with every new record; returns its answers (partial failures)."""
        pending = [r for r in self.records() if r["dynamodb"]["SequenceNumber"] not in self.delivered]
        answers = []
        for start in range(0, len(pending), self.batch_size):
            batch = pending[start : start + self.batch_size]
            answers.append(self.function.lambda_handler({"Records": batch}, LambdaContext()))
            self.delivered.update(r["dynamodb"]["SequenceNumber"] for r in batch)
        return answers


def _as_lambda_record(record: dict[str, Any], arn: str) -> dict[str, Any]:
    stream = dict(record["dynamodb"])
    created = stream.get("ApproximateCreationDateTime")
    if isinstance(created, datetime):
        stream["ApproximateCreationDateTime"] = created.timestamp()
    return {**record, "dynamodb": stream, "eventSourceARN": arn}


def idea_item(idea_id: str, challenge_id: str, title: str, description: str = "", status: str = "published") -> dict:
    """A content-table idea item as the stream shows it (only what the index reads, and a count)."""
    return {
        "pk": f"IDEA#{idea_id}",
        "sk": "#META",
        "type": "Idea",
        "ideaId": idea_id,
        "challengeId": challenge_id,
        "title": title,
        "description": description,
        "status": status,
        "votesUp": 0,
    }


def similarity_items() -> list[dict[str, Any]]:
    """Every item of the similarity table (tests may Scan; request paths never do)."""
    return boto3.resource("dynamodb").Table(TABLE_NAMES["SimilarityTable"]).scan()["Items"]
