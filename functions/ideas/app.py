"""Entry point of the ideas function: brands, challenges, ideas and comments. Wiring lives in
``wiring``, routes in ``routes/``, rules in ``shared.services``."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.logging import correlation_paths

from functions.ideas import wiring
from functions.ideas.routes import brands, challenges, comments, export, ideas, reviews, similar, staff
from shared.http import create_resolver, resolve
from shared.observability import instrument

app = create_resolver("Cocreate ideas API")
app.include_router(brands.router)
app.include_router(staff.router)
app.include_router(challenges.router)
app.include_router(ideas.router)
app.include_router(export.router)
app.include_router(comments.router)
app.include_router(reviews.router)
app.include_router(similar.router)


@instrument(correlation_id_path=correlation_paths.API_GATEWAY_HTTP)
def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    wiring.idempotent.config.register_lambda_context(context)  # in-progress records expire with the invocation
    return resolve(app, event, context)
