"""Generate docs/openapi.json (the merged spec of every API function) and docs/events/*.json.

`python -m infra.openapi` writes both; `--check` exits non-zero when the committed files drift
from the code (tests/contract runs the same comparison)."""

from __future__ import annotations

import argparse
import importlib
import json
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import boto3
import yaml

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
TITLE = "Cocreate API"
DESCRIPTION = (
    "The open-innovation API: challenges, ideas, votes, moderation and notifications. "
    "Errors are RFC 9457 application/problem+json."
)


class _CfnLoader(yaml.SafeLoader):
    """Reads CloudFormation tags (!Ref, !Sub, ...) as plain values; enough to list functions."""


def _any_tag(loader: yaml.SafeLoader, tag_suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return {tag_suffix: loader.construct_scalar(node)}
    if isinstance(node, yaml.SequenceNode):
        return {tag_suffix: loader.construct_sequence(node, deep=True)}
    assert isinstance(node, yaml.MappingNode)
    return {tag_suffix: loader.construct_mapping(node, deep=True)}


_CfnLoader.add_multi_constructor("!", _any_tag)


def load_template(path: Path = ROOT / "template.yaml") -> dict[str, Any]:
    return dict(yaml.load(path.read_text(encoding="utf-8"), Loader=_CfnLoader))  # noqa: S506 - SafeLoader subclass


def api_functions(template: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Logical id -> properties of every function that serves HttpApi routes."""
    functions = {}
    for logical_id, resource in template["Resources"].items():
        if resource.get("Type") != "AWS::Serverless::Function":
            continue
        events = resource["Properties"].get("Events", {})
        if any(event.get("Type") == "HttpApi" for event in events.values()):
            functions[logical_id] = resource["Properties"]
    return functions


def template_routes(template: dict[str, Any]) -> set[tuple[str, str]]:
    routes = set()
    for properties in api_functions(template).values():
        for event in properties["Events"].values():
            if event.get("Type") == "HttpApi":
                routes.add((event["Properties"]["Method"].lower(), event["Properties"]["Path"]))
    return routes


def placeholder_environment(template: dict[str, Any], properties: dict[str, Any]) -> dict[str, str]:
    variables = dict(template.get("Globals", {}).get("Function", {}).get("Environment", {}).get("Variables", {}))
    variables |= properties.get("Environment", {}).get("Variables", {})
    parameters = template.get("Parameters", {})

    def placeholder(name: str, value: Any) -> str:
        """A parameter's default where the variable is one (numbers must stay numbers), else an obvious stand-in."""
        if isinstance(value, dict) and "Default" in parameters.get(value.get("Ref", ""), {}):
            return str(parameters[value["Ref"]]["Default"])
        if name.endswith("_ENDPOINT"):  # a URL a client is made with
            return f"https://openapi-{name.lower().replace('_', '-')}.example"
        return f"openapi-{name.lower()}"

    # Powertools' own variables keep their defaults.
    return {name: placeholder(name, value) for name, value in variables.items() if not name.startswith("POWERTOOLS_")}


@contextmanager
def _secrets_for_import(environment: dict[str, str]) -> Iterator[None]:
    """Placeholder signing secrets (``*_SECRET_ID``) in moto while a function's module is imported
    for the spec. The functions read them on first use, not at import (decision 67); serving them
    keeps the spec build working should one read at import again (the cold-import contract test
    fails on that)."""
    from moto import mock_aws  # noqa: PLC0415 - dev dependency, only to build the spec

    with mock_aws():
        client = boto3.client("secretsmanager", region_name="us-east-1")
        for name, value in environment.items():
            if name.endswith("_SECRET_ID"):
                client.create_secret(Name=value, SecretString=f"{value}-placeholder")
        yield


def function_spec(template: dict[str, Any], properties: dict[str, Any]) -> dict[str, Any]:
    """Import the function's module with placeholder settings and ask its resolver for the spec."""
    module_name = properties["Handler"].rsplit(".", 1)[0]
    saved = dict(os.environ)
    os.environ.update(placeholder_environment(template, properties))
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    os.environ["POWERTOOLS_TRACE_DISABLED"] = "true"
    try:
        with _secrets_for_import(placeholder_environment(template, properties)):
            module = importlib.import_module(module_name)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    schema = module.app.get_openapi_schema()
    return dict(schema.model_dump(mode="json", by_alias=True, exclude_none=True))


def merge_specs(specs: list[dict[str, Any]], servers: list[dict[str, str]] | None = None) -> dict[str, Any]:
    """One spec from several: paths and component schemas united (a clash is an error)."""
    merged: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {
            "title": TITLE,
            "version": specs[0]["info"]["version"] if specs else "1.0.0",
            "description": DESCRIPTION,
        },
        "servers": servers or [{"url": "/"}],
        "paths": {},
        "components": {"schemas": {}, "securitySchemes": {}},
    }
    for spec in specs:
        for path, operations in spec.get("paths", {}).items():
            target = merged["paths"].setdefault(path, {})
            for method, operation in operations.items():
                if method in target:
                    raise ValueError(f"{method.upper()} {path} is served by two functions")
                target[method] = operation
        components = spec.get("components", {})
        for section in ("schemas", "securitySchemes"):
            for name, schema in components.get(section, {}).items():
                existing = merged["components"][section].get(name)
                if existing is not None and existing != schema:
                    raise ValueError(f"components.{section}.{name} differs between functions")
                merged["components"][section][name] = schema
    merged["paths"] = dict(sorted(merged["paths"].items()))
    for section in ("schemas", "securitySchemes"):
        merged["components"][section] = dict(sorted(merged["components"][section].items()))
    return merged


# OpenAPI links a client (and schemathesis' stateful phase) follows from an answer to the next
# request, for what schemathesis cannot infer from names alone: ids that travel in request bodies
# (moderation's targetId, a reply's parentId, a merge's targetIdeaId) or path parameters of another
# resource (the brand of a challenge). Schemathesis infers the plain ones (POST /challenges ->
# GET /challenges/{challengeId}, ...) itself. Source "METHOD path status" -> name -> target, link.
_IDEA = {"targetType": "idea", "targetId": "$response.body#/ideaId"}
_COMMENT = {"targetType": "comment", "targetId": "$response.body#/commentId"}
_WEBHOOK = {"path.brandId": "$request.path.brandId", "path.webhookId": "$response.body#/webhookId"}
_BRAND = {"query.brandId": "$response.body#/brandId"}
LINKS: dict[str, dict[str, tuple[str, dict[str, Any]]]] = {
    "POST /challenges 201": {
        "BrandWebhooks": (
            "GET /brands/{brandId}/webhooks",
            {"parameters": {"path.brandId": "$response.body#/brandId"}},
        ),
        "NewWebhook": ("POST /brands/{brandId}/webhooks", {"parameters": {"path.brandId": "$response.body#/brandId"}}),
        "BrandQueue": ("GET /moderation/queue", {"parameters": _BRAND}),
        "BrandAudit": ("GET /moderation/audit", {"parameters": _BRAND}),
    },
    "POST /challenges/{challengeId}/ideas 201": {
        "Decide": ("POST /moderation/decisions", {"requestBody": {**_IDEA, "version": 0}}),
        "Appeal": ("POST /moderation/appeals", {"requestBody": _IDEA}),
        "Audit": (
            "GET /moderation/audit",
            {"parameters": {**_BRAND, "query.targetType": "idea", "query.targetId": "$response.body#/ideaId"}},
        ),
    },
    "GET /challenges/{challengeId}/ideas 200": {
        "MergeIntoAnother": (
            "POST /ideas/{ideaId}/merge",
            {
                "parameters": {"path.ideaId": "$response.body#/items/0/ideaId"},
                "requestBody": {"targetIdeaId": "$response.body#/items/1/ideaId"},
            },
        ),
    },
    "POST /ideas/{ideaId}/comments 201": {
        "Reply": (
            "POST /ideas/{ideaId}/comments",
            {
                "parameters": {"path.ideaId": "$response.body#/ideaId"},
                "requestBody": {"parentId": "$response.body#/commentId"},
            },
        ),
        "Remove": ("DELETE /comments/{commentId}", {"parameters": {"path.commentId": "$response.body#/commentId"}}),
        "Decide": ("POST /moderation/decisions", {"requestBody": {**_COMMENT, "version": 0}}),
        "Appeal": ("POST /moderation/appeals", {"requestBody": _COMMENT}),
    },
    "GET /moderation/queue 200": {
        "DecideQueued": (
            "POST /moderation/decisions",
            {
                "requestBody": {
                    "targetType": "$response.body#/items/0/targetType",
                    "targetId": "$response.body#/items/0/targetId",
                    "version": "$response.body#/items/0/version",
                }
            },
        ),
    },
    "POST /moderation/decisions 200": {
        "AppealDecided": (
            "POST /moderation/appeals",
            {"requestBody": {"targetType": "$response.body#/targetType", "targetId": "$response.body#/targetId"}},
        ),
    },
    "POST /brands/{brandId}/webhooks 201": {
        "Deliveries": ("GET /brands/{brandId}/webhooks/{webhookId}/deliveries", {"parameters": _WEBHOOK}),
        "Delete": ("DELETE /brands/{brandId}/webhooks/{webhookId}", {"parameters": _WEBHOOK}),
    },
}


# The tag of each operation, by path (first match wins), and what each tag groups.
TAGS: tuple[tuple[str, str, str], ...] = (
    (
        r"/leaderboard$|^/users/\{userId\}/profile|^/me/profile",
        "Reputation",
        "Points and badges: public profiles, public names and leaderboards",
    ),
    (r"^/brands/\{brandId\}/webhooks", "Webhooks", "Signed webhooks of a brand, their deliveries and replays"),
    (r"^/brands/\{brandId\}/staff|^/me/invitations", "Staff", "A brand's admins and moderators, and invitations"),
    (r"^/brands", "Brands", "The stack's tenants: operators add and suspend them"),
    (r"^/ideas/\{ideaId\}/vote|^/me/votes", "Votes", "Support and up/down votes, and the caller's own"),
    (
        r"^/ideas/\{ideaId\}/reports|^/comments/\{commentId\}/reports|^/moderation",
        "Moderation",
        "Reports, the brand's queue, decisions, appeals and the audit log",
    ),
    (r"^/ideas/\{ideaId\}/(comments|notes)|^/comments", "Comments", "Threaded comments and private staff notes"),
    (
        r"^/ideas/\{ideaId\}/reviews?$|^/reviews",
        "Reviews",
        "The after-sales loop: verified supporters rate and review shipped ideas; the brand answers",
    ),
    (r"^/ideas/\{ideaId\}/subscription", "Follows", "Following an idea"),
    (r"^/me$|^/me/erasure|^/me/export", "Privacy", "A participant's own data: export it, erase me"),
    (r"^/me/|^/unsubscribe", "Notifications", "The inbox, preferences per event and channel, unsubscribing"),
    (r"^/challenges/\{challengeId\}/|^/ideas", "Ideas", "Submitting, listing, editing, reviewing and merging ideas"),
    (r"^/challenges", "Challenges", "A brand's campaigns, their phases and settings"),
)
LICENSE = {"name": "Apache-2.0", "identifier": "Apache-2.0"}  # as pyproject.toml
# One problem document per status, shown as the example of every problem answer.
PROBLEM_EXAMPLES: dict[str, dict[str, Any]] = {
    "400": {"slug": "malformed-body", "title": "Malformed body", "detail": "The body is not valid JSON."},
    "401": {"slug": "unauthorized", "title": "Authentication required", "detail": "Sign in to do this."},
    "403": {"slug": "forbidden", "title": "Forbidden", "detail": "Only operators can add brands."},
    "404": {"slug": "not-found", "title": "Not found", "detail": "Idea '01JD0000000000000000000000' does not exist."},
    "409": {
        "slug": "rule-violation",
        "title": "Not allowed in the current state",
        "detail": "Challenge '01JD0000000000000000000000' is in phase 'review'; voting is closed.",
    },
    "412": {
        "slug": "precondition-failed",
        "title": "Precondition failed",
        "detail": "The idea changed since you read it (version 3, now 4): read it again.",
    },
    "413": {
        "slug": "body-too-large",
        "title": "Body too large",
        "detail": "The body is 70000 bytes; at most 65536 are accepted.",
    },
    "415": {
        "slug": "unsupported-media-type",
        "title": "Unsupported media type",
        "detail": "Send the body as application/json, not 'text/plain'.",
    },
    "422": {
        "slug": "validation-failed",
        "title": "Validation failed",
        "detail": "title: String should have at least 5 characters",
        "errors": [
            {
                "field": "title",
                "location": "body",
                "message": "String should have at least 5 characters",
                "code": "string_too_short",
            }
        ],
    },
    "429": {
        "slug": "too-many-requests",
        "title": "Too many requests",
        "detail": "You reached the limit of 60 votes per 600 seconds; retry in 42 seconds.",
    },
    "503": {"slug": "unavailable", "title": "Service unavailable", "detail": "A dependency is throttled; retry later."},
}


def _tag(path: str) -> str:
    return next(tag for pattern, tag, _ in TAGS if re.search(pattern, path))


def _operation_id(generated: str, path: str, method: str) -> str:
    """Powertools names an operation ``<function>_<path as word characters>_<method>``; the API's
    operationId is the function's name in camelCase (``listBrands``), what generated clients call."""
    suffix = re.sub(r"\W", "_", path) + "_" + method
    name = generated.removesuffix(suffix)
    head, *rest = name.split("_")
    return head + "".join(word.title() for word in rest)


def _problem_example(status: str) -> dict[str, Any]:
    from shared.http import PROBLEM_TYPE_BASE  # noqa: PLC0415 - after sys.path is set up

    fields = dict(PROBLEM_EXAMPLES[status])
    return {"type": PROBLEM_TYPE_BASE + fields.pop("slug"), "status": int(status), **fields}


def _references(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "$ref" and isinstance(item, str):
                yield item.rsplit("/", 1)[-1]
            else:
                yield from _references(item)
    elif isinstance(value, list):
        for item in value:
            yield from _references(item)


def _used_schemas(spec: dict[str, Any]) -> set[str]:
    schemas = spec["components"]["schemas"]
    used, pending = set(), list(_references(spec["paths"]))
    while pending:
        name = pending.pop()
        if name not in used and name in schemas:
            used.add(name)
            pending.extend(_references(schemas[name]))
    return used


def tidy(spec: dict[str, Any], public: set[tuple[str, str]]) -> dict[str, Any]:
    """What a client generator and a linter ask of the merged spec: camelCase operationIds, one tag
    per operation (declared once), ``security: []`` on the public routes, an example on every
    problem answer, a license, and no component nothing refers to (Powertools' own validation
    error models, which this API never answers: it answers problem+json)."""
    spec["info"]["license"] = LICENSE
    spec["tags"] = [{"name": tag, "description": text} for _, tag, text in TAGS]
    ids: set[str] = set()
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            operation["operationId"] = _operation_id(operation["operationId"], path, method)
            if operation["operationId"] in ids:
                raise ValueError(f"operationId {operation['operationId']} is used twice")
            ids.add(operation["operationId"])
            operation["tags"] = [_tag(path)]
            if (method, path) in public:
                operation["security"] = []
            for status, response in operation["responses"].items():
                problem = response.get("content", {}).get("application/problem+json")
                if problem is not None:
                    problem["example"] = _problem_example(status)
    used = _used_schemas(spec)
    spec["components"]["schemas"] = {name: s for name, s in spec["components"]["schemas"].items() if name in used}
    return spec


def public_routes(template: dict[str, Any]) -> set[tuple[str, str]]:
    """(method, path) of the routes the gateway serves without its JWT authorizer."""
    return {
        (event["Properties"]["Method"].lower(), event["Properties"]["Path"])
        for properties in api_functions(template).values()
        for event in properties["Events"].values()
        if event.get("Type") == "HttpApi" and event["Properties"].get("Auth", {}).get("Authorizer") == "NONE"
    }


def _operation_ref(operation: str) -> str:
    method, path = operation.split(" ")
    return "#/paths/" + path.replace("~", "~0").replace("/", "~1") + "/" + method.lower()


def add_links(spec: dict[str, Any]) -> dict[str, Any]:
    """Put LINKS into the responses of their source operations (an unknown operation is an error)."""
    for source, links in LINKS.items():
        method, path, status = source.split(" ")
        response = spec["paths"][path][method.lower()]["responses"][status]
        for name, (target, link) in links.items():
            target_method, target_path = target.split(" ")
            if target_method.lower() not in spec["paths"].get(target_path, {}):
                raise ValueError(f"link {source} {name}: no operation {target}")
            response.setdefault("links", {})[name] = {"operationRef": _operation_ref(target), **link}
    return spec


def build_openapi(template: dict[str, Any] | None = None) -> dict[str, Any]:
    template = template or load_template()
    specs = [function_spec(template, properties) for properties in api_functions(template).values()]
    return tidy(add_links(merge_specs(specs)), public_routes(template))


def build_event_schemas() -> dict[str, dict[str, Any]]:
    from shared.events import EVENT_TYPES  # noqa: PLC0415 - after sys.path is set up

    schemas = {}
    for event_type in EVENT_TYPES:
        schema = event_type.model_json_schema(by_alias=True, mode="serialization")
        schema["title"] = event_type.detail_type()
        schema["description"] = (
            f"detail of '{event_type.detail_type()}' events (source '{event_type.SOURCE}'). "
            + (event_type.__doc__ or "").strip()
        ).strip()
        schemas[event_type.detail_type()] = schema
    return schemas


def build_live_schemas() -> dict[str, dict[str, Any]]:
    """JSON Schema of each message the WebSocket API sends (docs/live/<type>.json)."""
    from shared.live_messages import MESSAGE_TYPES  # noqa: PLC0415 - after sys.path is set up

    schemas = {}
    for message in MESSAGE_TYPES:
        schema = message.model_json_schema(by_alias=True, mode="serialization")
        schema["title"] = message.TYPE
        schema["description"] = (message.__doc__ or "").strip()
        schemas[message.TYPE] = schema
    return schemas


LIVE_INTRO = """Live updates for front ends (decision 61). Connect to the stack's LiveUrl output (wss://...
/live; the local cloud prints its ws:// URL) with a token (?token=<jwt>, or the subprotocols
"cocreate, <jwt>") or none (public channels only), then send {"action": "subscribe", "channel": ...}:
idea:<ideaId> (vote counts at most once a second, comments, status), challenge:<challengeId>
(ideas published, phase changes) or me (your inbox: new notices with the unread count). Only what
you may read over HTTP is sent to you. A connection lasts at most 2 hours: reconnect and subscribe
again."""


def build_asyncapi() -> dict[str, Any]:
    """The AsyncAPI 3.0 document of the WebSocket API (docs/asyncapi.yaml)."""
    from shared.live_messages import MESSAGE_TYPES, ClientRequest  # noqa: PLC0415 - after sys.path is set up

    sent = {message.TYPE: message for message in MESSAGE_TYPES}
    messages: dict[str, Any] = {
        name: {
            "name": name,
            "title": name,
            "summary": (message.__doc__ or name).strip().splitlines()[0],
            "contentType": "application/json",
            "payload": message.model_json_schema(by_alias=True, mode="serialization"),
        }
        for name, message in sent.items()
    }
    request = ClientRequest.model_json_schema()
    for action in ("subscribe", "unsubscribe"):
        payload = {**request, "properties": {**request["properties"], "action": {"const": action}}}
        messages[f"{action}Request"] = {
            "name": f"{action}Request",
            "title": action,
            "summary": f'{{"action": "{action}", "channel": "idea:<ideaId>" | "challenge:<challengeId>" | "me"}}',
            "contentType": "application/json",
            "payload": payload,
        }
    channel_messages = {name: {"$ref": f"#/components/messages/{name}"} for name in messages}
    return {
        "asyncapi": "3.0.0",
        "info": {"title": "Cocreate live API", "version": _api_version(), "description": " ".join(LIVE_INTRO.split())},
        "servers": {
            "aws": {
                "host": "{apiId}.execute-api.{region}.amazonaws.com",
                "pathname": "/live",
                "protocol": "wss",
                "description": "A deployed stack (its LiveUrl output).",
                "variables": {"apiId": {"description": "The LiveApi's id"}, "region": {"default": "us-east-1"}},
            },
            "local": {
                "host": "127.0.0.1:3001",
                "pathname": "/live",
                "protocol": "ws",
                "description": "make run: the gateway's port + 1 (printed in the banner).",
            },
        },
        "channels": {"live": {"address": "/", "messages": channel_messages}},
        "operations": {
            action: {
                "action": "send",
                "channel": {"$ref": "#/channels/live"},
                "summary": f"{action.capitalize()} a channel: answered by {action}d (or error).",
                "messages": [{"$ref": f"#/channels/live/messages/{action}Request"}],
            }
            for action in ("subscribe", "unsubscribe")
        }
        | {
            "receive": {
                "action": "receive",
                "channel": {"$ref": "#/channels/live"},
                "summary": "Updates on the subscribed channels, and answers to requests.",
                "messages": [{"$ref": f"#/channels/live/messages/{name}"} for name in sent],
            }
        },
        "components": {"messages": messages},
    }


def _api_version() -> str:
    from shared.http import API_VERSION  # noqa: PLC0415 - after sys.path is set up

    return API_VERSION


def _dump(value: Any) -> str:
    return json.dumps(value, indent=2, sort_keys=False, ensure_ascii=False) + "\n"


def expected_files() -> dict[Path, str]:
    files = {DOCS / "openapi.json": _dump(build_openapi())}
    for name, schema in build_event_schemas().items():
        files[DOCS / "events" / f"{name}.json"] = _dump(schema)
    for name, schema in build_live_schemas().items():
        files[DOCS / "live" / f"{name}.json"] = _dump(schema)
    files[DOCS / "asyncapi.yaml"] = (
        "# Generated by `make openapi` from shared/live_messages.py: do not edit.\n"
        + yaml.safe_dump(build_asyncapi(), sort_keys=False, allow_unicode=True, width=110)
    )
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail if the committed files differ from the code")
    args = parser.parse_args(argv)
    stale = []
    for path, text in expected_files().items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(path.relative_to(ROOT))
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    if args.check and stale:
        print("out of date (run `make openapi`):", *stale, sep="\n  ", file=sys.stderr)
        return 1
    print("up to date" if not stale else "wrote: " + ", ".join(map(str, stale)))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
