"""Privacy use cases: a participant exports their data or erases themselves (decision 60).

Requests write one record (the content table's stream turns it into ExportRequested or
ErasureRequested on the bus); the privacy function's queue consumer does the work in steps that
resume where a crash stopped them."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from datetime import datetime
from typing import Any

from shared.domain.errors import ConflictError, NotFoundError
from shared.domain.ids import new_id
from shared.domain.principal import Principal
from shared.domain.privacy import Erasure, Export, ExportState, check_confirmation
from shared.services.ports import now_ms
from shared.services.ports.privacy import PrivacyPorts

DOWNLOAD_SECONDS = 300  # a download link's life: short, and asked for again as needed


# -- erasure ---------------------------------------------------------------------------------------


def request_erasure(principal: Principal, confirm: str, ports: PrivacyPorts) -> Erasure:
    """Start erasing the caller (idempotent while one runs: the running one is answered)."""
    user_id = principal.require_signed_in()
    check_confirmation(confirm)
    existing = ports.jobs.erasure(user_id)
    if existing is not None and existing.running:
        return existing
    erasure = Erasure.start(user_id, principal.email, now_ms(ports.clock), existing)
    ports.jobs.save_erasure(erasure, existing.version if existing else None)
    return erasure


def erasure_status(principal: Principal, ports: PrivacyPorts) -> Erasure:
    user_id = principal.require_signed_in()
    erasure = ports.jobs.erasure(user_id)
    if erasure is None:
        raise NotFoundError("You have not asked to be erased.")
    return erasure


def run_erasure(ports: PrivacyPorts, user_id: str, out_of_time: Callable[[], bool]) -> bool:
    """Go on with the user's erasure from the step it is at; True once it is done (or there is
    none), False when time ran out first (the caller queues the rest). Every step drains what
    still names the person, so running a step again after a crash only finishes it."""
    erasure = ports.jobs.erasure(user_id)
    while erasure is not None and erasure.running:
        step = erasure.current_step
        if step is None:
            done = erasure.finished(now_ms(ports.clock))
            ports.jobs.save_erasure(done, erasure.version)
            return True
        if step == "exports":
            _forget_export(ports, user_id)
        elif step == "account":
            if ports.accounts is not None:
                ports.accounts.delete_account(user_id)
        else:
            cursor = None
            while True:
                cursor = ports.data.erase(step, erasure, cursor).cursor
                if cursor is None:
                    break
                if out_of_time():
                    return False  # the page's work is saved; the step resumes from its start
        advanced = erasure.advanced()
        ports.jobs.save_erasure(advanced, erasure.version)
        erasure = advanced
        if out_of_time() and erasure.current_step is not None:
            return False
    return True


def _forget_export(ports: PrivacyPorts, user_id: str) -> None:
    export = ports.jobs.export(user_id)
    if export is not None:
        ports.archives.delete(export.object_key)
        ports.jobs.delete_export(user_id)


# -- export ----------------------------------------------------------------------------------------


def request_export(principal: Principal, ports: PrivacyPorts) -> Export:
    """Start an export of everything the stack keeps about the caller: one at a time (a running
    one is a 409); a new one replaces the last archive."""
    user_id = principal.require_signed_in()
    existing = ports.jobs.export(user_id)
    if existing is not None and existing.running:
        raise ConflictError("Your export is being built; ask GET /me/export when it is ready.")
    at = now_ms(ports.clock)
    export = Export(
        user_id=user_id,
        export_id=new_id(int(at.timestamp() * 1000)),
        state=ExportState.QUEUED,
        requested_at=at,
        retention_days=ports.export_retention_days,
        version=existing.version + 1 if existing else 1,
    )
    ports.jobs.save_export(export, existing.version if existing else None)
    if existing is not None:
        ports.archives.delete(existing.object_key)
    return export


def export_status(principal: Principal, ports: PrivacyPorts) -> tuple[Export, str | None]:
    """The caller's latest export, with a short-lived download link once it is ready."""
    user_id = principal.require_signed_in()
    export = ports.jobs.export(user_id)
    if export is None or export.expires_at <= ports.clock():
        raise NotFoundError("You have no export; ask for one with POST /me/export.")
    link = ports.archives.url(export.object_key, DOWNLOAD_SECONDS) if export.state is ExportState.READY else None
    return export, link


README = """# Your data from {campaign}

Everything this stack kept about you on {at} (UTC), one JSON document per kind:

{kinds}

Times are ISO 8601 UTC. Ids are the stack's own: `ideaId`s and `challengeId`s can be read back
through the API (GET /ideas/{{ideaId}}). Not in here: what other people wrote, the brands' webhook
deliveries (kept {webhook_days} days), the event archive (kept as the stack's operators set it), and
request logs. To be erased, call DELETE /me with {{"confirm": "erase me"}}.
"""

KIND_TEXTS = {
    "ideas": "the ideas you submitted, in every status, with their history",
    "comments": "your comments and replies (removed ones too)",
    "staff-notes": "private notes you wrote as a brand's staff",
    "challenges": "challenges you created as a brand's staff",
    "brands": "brands you added as an operator",
    "staff": "your staff memberships and invitations",
    "votes": "your votes and supports (and votes a merge moved)",
    "follows": "the ideas you follow or unfollowed",
    "notifications": "your inbox",
    "digest": "notices waiting for your daily digest",
    "preferences": "your channels per event type and your email address",
    "emails": "the emails sent to you (which event, when, the outcome)",
    "reports": "the reports you filed",
    "standing": "your standing per brand (approved contributions, recent posts)",
    "reputation": "your points (overall, per brand, per challenge), badges and public name",
    "appeals": "the appeals you filed, as the moderation log keeps them",
    "moderation-log": "other moderation log entries you acted in (reports, decisions)",
}


def build_export(ports: PrivacyPorts, user_id: str, *, campaign: str, webhook_days: int) -> Export | None:
    """Build the queued export of ``user_id`` into one zip (a README and a JSON document per
    kind), put it in the bucket and mark it ready. None when there is nothing queued (a redelivery)."""
    export = ports.jobs.export(user_id)
    if export is None or not export.running:
        return None
    buffer = io.BytesIO()
    kinds = []
    at = now_ms(ports.clock)
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for kind, items in ports.data.documents(user_id):
            archive.writestr(f"{kind}.json", json.dumps(items, indent=2, ensure_ascii=False, default=_plain))
            kinds.append(f"- `{kind}.json`: {len(items)} item(s), {KIND_TEXTS.get(kind, kind)}")
        readme = README.format(campaign=campaign, at=at.isoformat(), kinds="\n".join(kinds), webhook_days=webhook_days)
        archive.writestr("README.md", readme)
    data = buffer.getvalue()
    ports.archives.put(export.object_key, data)
    ready = export.ready(at, len(data))
    ports.jobs.save_export(ready, export.version)
    return ready


def fail_export(ports: PrivacyPorts, user_id: str) -> None:
    """The export could not be built (its message reached the dead-letter queue's threshold)."""
    export = ports.jobs.export(user_id)
    if export is not None and export.running:
        ports.jobs.save_export(export.failed(now_ms(ports.clock)), export.version)


def _plain(value: Any) -> Any:
    """JSON for what DynamoDB gives back: numbers as int or float, sets as sorted lists, bytes skipped."""
    if isinstance(value, set | frozenset):
        return sorted(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, bytes | bytearray):
        return None
    number = float(value)
    return int(number) if number.is_integer() else number
