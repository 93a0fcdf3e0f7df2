"""Email out through SES v2, and the log that makes every email go at most once.

- SesMailer sends a raw MIME message (text and HTML alternatives, List-Unsubscribe and
  List-Unsubscribe-Post headers for one-click unsubscribe, RFC 8058) built with the standard
  library's email package.
- DynamoSentLog: pk=SENT#<userId>, sk=<eventId> or digest#<yyyy-mm-dd>; state sending|sent|
  undeliverable; expiresAt (TTL, after the queue's and DLQ's retention, so a redriven message
  still finds it)."""

from __future__ import annotations

import time
from email.message import EmailMessage
from typing import Any

from botocore.exceptions import ClientError

from shared.domain.mail import Email
from shared.services.email import UndeliverableError
from shared.store.dynamo import serialize, translate_errors

SENT_LOG_DAYS = 15  # the DLQ keeps messages 14 days
# SES's answer for a malformed address: retrying cannot help. Everything else (throttling, a paused
# account, an unverified sender, a rejected message) fails the message, which is retried and, past
# maxReceiveCount, waits in the DLQ where operators see it.
_PERMANENT = frozenset({"BadRequestException"})


class SesMailer:
    def __init__(self, client: Any, sender: str) -> None:
        self._client = client
        self._sender = sender

    def mime(self, email: Email) -> bytes:
        message = EmailMessage()
        message["From"] = self._sender
        message["To"] = email.to
        message["Subject"] = email.subject
        message["List-Unsubscribe"] = f"<{email.unsubscribe_url}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        message.set_content(email.text)
        message.add_alternative(email.html, subtype="html")
        return message.as_bytes()

    def send(self, email: Email) -> str:
        """The SES message id. UndeliverableError when SES refuses this message; other errors propagate."""
        request: dict[str, Any] = {
            "FromEmailAddress": self._sender,
            "Destination": {"ToAddresses": [email.to]},
            "Content": {"Raw": {"Data": self.mime(email)}},
        }
        try:
            answer = self._client.send_email(**request)
        except ClientError as exc:
            code = str(exc.response.get("Error", {}).get("Code", ""))
            if code in _PERMANENT:
                raise UndeliverableError(f"{code}: {exc.response.get('Error', {}).get('Message', '')}") from exc
            raise
        return str(answer["MessageId"])


class DynamoSentLog:
    def __init__(self, client: Any, table_name: str) -> None:
        self._client = client
        self._table = table_name

    def _key(self, user_id: str, key: str) -> dict[str, Any]:
        return serialize({"pk": f"SENT#{user_id}", "sk": key})

    def claim(self, user_id: str, key: str, now: float, stale_after: float) -> bool:
        """Take the right to send; False when it was sent, or is being sent by a live attempt. A claim
        older than ``stale_after`` seconds belongs to an attempt that died and is taken over."""
        item = {
            "pk": f"SENT#{user_id}",
            "sk": key,
            "type": "SentEmail",
            "state": "sending",
            "claimedAt": int(now),
            "expiresAt": int(now) + SENT_LOG_DAYS * 86_400,
        }
        try:
            self._client.put_item(
                TableName=self._table,
                Item=serialize(item),
                ConditionExpression="attribute_not_exists(pk) OR (#state = :sending AND claimedAt < :stale)",
                ExpressionAttributeNames={"#state": "state"},
                ExpressionAttributeValues=serialize({":sending": "sending", ":stale": int(now - stale_after)}),
            )
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") == "ConditionalCheckFailedException":
                return False
            with translate_errors("claiming an email"):
                raise
        return True

    def settle(self, user_id: str, key: str, state: str, detail: str) -> None:
        with translate_errors("logging an email"):
            self._client.update_item(
                TableName=self._table,
                Key=self._key(user_id, key),
                UpdateExpression="SET #state = :state, detail = :detail, settledAt = :at",
                ExpressionAttributeNames={"#state": "state"},
                ExpressionAttributeValues=serialize(
                    {":state": state, ":detail": detail[:500], ":at": int(time.time())}
                ),
            )

    def release(self, user_id: str, key: str) -> None:
        """Give the claim back after a failed send, so that the retry sends."""
        try:
            self._client.delete_item(
                TableName=self._table,
                Key=self._key(user_id, key),
                ConditionExpression="#state = :sending",
                ExpressionAttributeNames={"#state": "state"},
                ExpressionAttributeValues=serialize({":sending": "sending"}),
            )
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") != "ConditionalCheckFailedException":
                with translate_errors("releasing an email"):
                    raise
