"""Demo data, created through the HTTP API itself so that it passes every rule a client meets."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from typing import Any

BRAND_ID = "acme"
BRAND = {"brandId": BRAND_ID, "name": "Acme Snacks"}
OPERATOR = "operator"
ADMIN = "acme-admin"
CHALLENGE = {
    "brandId": BRAND_ID,
    "title": "Snacks that are kinder to the planet",
    "description": "How should our next snack range be packed, flavoured and sourced? Share your ideas.",
    "phase": "submission",
    "moderation": "post",
    "tagVocabulary": ["packaging", "flavour", "sustainability"],
    "survey": [  # asked when supporting an idea (optional answers: PUT /ideas/{ideaId}/vote "answers")
        {
            "id": "price",
            "prompt": "What would you pay for a pack, in cents?",
            "kind": "number",
            "minimum": 50,
            "maximum": 800,
        },
        {
            "id": "often",
            "prompt": "How often would you buy it?",
            "kind": "single",
            "options": ["weekly", "monthly", "now and then"],
        },
    ],
}
IDEAS = (
    ("alice", "Compostable wrappers for every bar", "Plant-based film that breaks down at home.", ["packaging"]),
    ("bob", "A sea-salt and rosemary edition", "Savoury, not too salty, with local herbs.", ["flavour"]),
    ("alice", "Refill stations in supermarkets", "Bring your own tin and pay by weight.", ["sustainability"]),
)

Mint = Callable[[str, Sequence[str]], str]


class SeedError(RuntimeError):
    pass


def _post(url: str, token: str, document: dict[str, Any], *, exists_ok: bool = False) -> dict[str, Any]:
    request = urllib.request.Request(  # noqa: S310 - the local cloud's own http URL
        url,
        data=json.dumps(document).encode(),
        method="POST",
        headers={"content-type": "application/json", "authorization": f"Bearer {token}"},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            answer: dict[str, Any] = json.loads(response.read())
            return answer
    except urllib.error.HTTPError as exc:
        if exists_ok and exc.code == 409:
            return document
        raise SeedError(f"POST {url} -> {exc.code}: {exc.read().decode(errors='replace')}") from exc


def seed(base_url: str, mint: Mint) -> dict[str, Any]:
    """Brand "acme" (added by an operator, unless it exists) with a challenge open for submissions
    and three ideas; returns their ids."""
    _post(f"{base_url}/brands", mint(OPERATOR, ["operators"]), BRAND, exists_ok=True)
    challenge = _post(f"{base_url}/challenges", mint(ADMIN, [f"brand-{BRAND_ID}-admins"]), CHALLENGE)
    challenge_id = challenge["challengeId"]
    idea_ids = []
    for author, title, description, tags in IDEAS:
        idea = _post(
            f"{base_url}/challenges/{challenge_id}/ideas",
            mint(author, []),
            {"title": title, "description": description, "tags": tags},
        )
        idea_ids.append(idea["ideaId"])
    return {
        "brandId": BRAND_ID,
        "challengeId": challenge_id,
        "ideaIds": idea_ids,
        "admin": ADMIN,
        "participants": sorted({author for author, *_ in IDEAS}),
    }
