"""The yardstick for cold starts: the smallest reasonable Powertools HTTP handler
(a boto3 client, a Logger and a resolver), imported the same way as our functions."""

from typing import Any

import boto3
from aws_lambda_powertools import Logger
from aws_lambda_powertools.event_handler import APIGatewayHttpResolver

logger = Logger()
client = boto3.client("dynamodb")
app = APIGatewayHttpResolver()


@app.get("/ping")
def ping() -> dict[str, str]:
    return {"pong": "yes"}


def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return app.resolve(event, context)
