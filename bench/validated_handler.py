"""The floor for our shape of handler: the baseline plus what any validated Powertools handler
pays (pydantic, a settings model read from the environment, a resolver with enable_validation and
one request body model). A function's ratio to this says what its own code costs; the baseline's
ratio to it is the part of the 1.2x goal that pydantic and Powertools validation take."""

import os
from typing import Any

import boto3
from aws_lambda_powertools import Logger
from aws_lambda_powertools.event_handler import APIGatewayHttpResolver
from pydantic import BaseModel, ConfigDict, Field


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    region: str = Field(alias="AWS_DEFAULT_REGION", min_length=1)


class Ping(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, defer_build=True)

    message: str = Field(min_length=1, max_length=100)


settings = Settings.model_validate(dict(os.environ))
logger = Logger()
client = boto3.client("dynamodb")
app = APIGatewayHttpResolver(enable_validation=True)


@app.post("/ping")
def ping(body: Ping) -> dict[str, str]:
    return {"pong": body.message}


def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return app.resolve(event, context)
