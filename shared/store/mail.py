"""Email out through SES v2, and the log that makes every email go at most once.

- SesMailer sends a raw MIME message (text and HTML alternatives, List-Unsubscribe and
  List-Unsubscribe-Post headers for one-click unsubscribe, RFC 8058) built with the standard
  library's email package.
- DynamoSentLog: pk=SENT#<userId>, sk=<eventId> or digest#<yyyy-mm-dd>; state sending|sent|
  undeliverable; expiresAt (TTL, after the queue's and DLQ's retention, so a redriven message
  still finds it)."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import cached_property
from typing import Any

from botocore.exceptions import ClientError, ConnectTimeoutError, EndpointConnectionError, HTTPClientError

from shared.domain.mail import Email
from shared.services.ports.email import Claim, RejectedError, UndeliverableError, UnknownOutcomeError
from shared.store.dynamo import serialize, translate_errors

SENT_LOG_DAYS = 15  # the DLQ keeps messages 14 days
# SES's answer for a malformed address (a BadRequestException naming the address): retrying cannot
# help; any other bad request is our bug and fails the message (the DLQ shows it). A rejected
# message (a recipient the sandbox does not allow, an unverified sender) fails its message after
# the rest of the batch was tried; anything else (throttling, a paused account) stops the batch.
# Past maxReceiveCount the message waits in the DLQ, where operators see it.
_PERMANENT = frozenset({"BadRequestException"})
_REJECTED = frozenset({"MessageRejected", "MailFromDomainNotVerifiedException"})


class SesMailer:
    """The SES client and the email package are loaded on the first send, not on the function's
    cold start (most invocations of the notifications function send nothing)."""

    def __init__(self, make_client: Callable[[], Any], sender: str) -> None:
        self._make_client = make_client
        self._sender = sender

    @cached_property
    def client(self) -> Any:
        return self._make_client()

    def mime(self, email: Email) -> bytes:
        from email.message import EmailMessage  # noqa: PLC0415 - only when sending (cold start)
        from email.policy import default  # noqa: PLC0415

        # Headers unfolded up to SMTP's 998: a long List-Unsubscribe URL has no space to fold at,
        # and the default 78 would MIME-encode it, which RFC 2369 headers must not be.
        message = EmailMessage(policy=default.clone(max_line_length=998))
        message["From"] = self._sender
        message["To"] = email.to
        message["Subject"] = email.subject
        message["List-Unsubscribe"] = f"<{email.unsubscribe_url}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        message.set_content(email.text, cte="quoted-printable")  # 7-bit clean, as mail relays like it
        message.add_alternative(email.html, subtype="html", cte="quoted-printable")
        return message.as_bytes()

    def send(self, email: Email) -> str:
        """The SES message id. UndeliverableError for a malformed address, RejectedError when SES
        refuses this message, UnknownOutcomeError when it may have gone; other errors propagate."""
        request: dict[str, Any] = {
            "FromEmailAddress": self._sender,
            "Destination": {"ToAddresses": [email.to]},
            "Content": {"Raw": {"Data": self.mime(email)}},
        }
        try:
            answer = self.client.send_email(**request)
        except (ConnectTimeoutError, EndpointConnectionError):
            raise  # never reached SES: the retry sends
        except HTTPClientError as exc:  # a read timeout, a closed connection: sent, or not
            raise UnknownOutcomeError(str(exc)) from exc
        except ClientError as exc:
            error = exc.response.get("Error", {})
            code, message = str(error.get("Code", "")), str(error.get("Message", ""))
            detail = f"{code}: {message}"
            if exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0) >= 500:
                raise UnknownOutcomeError(detail) from exc  # SES failed after taking it, maybe
            if code in _PERMANENT and "address" in message.lower():
                raise UndeliverableError(detail) from exc
            if code in _REJECTED:
                raise RejectedError(detail) from exc
            raise
        return str(answer["MessageId"])


class DynamoSentLog:
    def __init__(self, client: Any, table_name: str) -> None:
        self._client = client
        self._table = table_name

    def _key(self, user_id: str, key: str) -> dict[str, Any]:
        return serialize({"pk": f"SENT#{user_id}", "sk": key})

    def claim(self, user_id: str, key: str, now: float, stale_after: float) -> Claim:
        """Take the right to send. DONE when it was sent (or is undeliverable), BUSY while a live
        attempt holds it; a claim older than ``stale_after`` seconds belongs to an attempt that
        died and is taken over."""
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
                ReturnValuesOnConditionCheckFailure="ALL_OLD",
            )
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") == "ConditionalCheckFailedException":
                held = exc.response.get("Item") or self._read(user_id, key)
                settled = held.get("state", {}).get("S") in {"sent", "undeliverable"}
                return Claim.DONE if settled else Claim.BUSY  # sending, or released meanwhile: try later
            with translate_errors("claiming an email"):
                raise
        return Claim.TAKEN

    def _read(self, user_id: str, key: str) -> dict[str, Any]:
        """The log item as stored (for engines that do not return it with a failed condition)."""
        with translate_errors("reading the email log"):
            answer = self._client.get_item(TableName=self._table, Key=self._key(user_id, key), ConsistentRead=True)
        return dict(answer.get("Item") or {})

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
