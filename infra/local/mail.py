"""What the local cloud's functions emailed: moto's SES keeps every sent message in its in-process
backend; ``GET /_local/emails?to=`` shows them parsed (headers, text and HTML parts)."""

from __future__ import annotations

import email
from email.message import EmailMessage
from email.policy import default
from typing import Any

SENDER = "notifications@cocreate.example"  # verified in moto's SES at start (SenderEmail)


def _part(message: EmailMessage, subtype: str) -> str | None:
    body = message.get_body(preferencelist=(subtype,))
    return None if body is None else str(body.get_content())


def parsed(raw: str, message_id: str) -> dict[str, Any]:
    message = email.message_from_string(raw, _class=EmailMessage, policy=default)
    return {
        "messageId": message_id,
        "from": str(message["From"]),
        "to": str(message["To"]),
        "subject": str(message["Subject"]),
        "listUnsubscribe": str(message["List-Unsubscribe"] or "") or None,
        "listUnsubscribePost": str(message["List-Unsubscribe-Post"] or "") or None,
        "text": _part(message, "plain"),
        "html": _part(message, "html"),
    }


def sent_emails(to: str | None = None) -> list[dict[str, Any]]:
    """Every raw email SES (moto) accepted in this process, oldest first; only those to ``to`` if given."""
    from moto.ses.models import ses_backends  # noqa: PLC0415 - only the parent process runs moto

    found = []
    for regions in list(ses_backends.values()):
        for backend in list(regions.values()):
            for message in list(backend.sent_messages):
                raw = getattr(message, "raw_data", None)
                if raw is None:
                    continue
                item = parsed(raw, message.id)
                if to is None or item["to"] == to:
                    found.append(item)
    return found
