"""Emails: one per notice, and the daily digest, rendered from the templates in shared/templates/email.

Each email has a text and an HTML part (the same words) and a one-click unsubscribe link (RFC 8058)
carrying a signed token (shared.domain.unsubscribe): a notice's link stops emails of its event type,
the digest's stops every email. Everything that came from users (titles, reasons, comments) is
HTML-escaped in the HTML part and kept on one line in the subject."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from string import Template
from urllib.parse import quote

from shared.domain.inbox import Notice
from shared.domain.notification_prefs import NOTIFIED

TEMPLATES = Path(__file__).resolve().parents[1] / "templates" / "email"
SUBJECT_CHARS = 120
DIGEST_ITEMS = 50  # listed in one digest; the rest are counted ("and 12 more in your inbox")

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Email:
    to: str
    subject: str
    text: str
    html: str
    unsubscribe_url: str  # also the List-Unsubscribe header (one click, RFC 8058)


@dataclass(frozen=True, slots=True)
class Links:
    """Where emails point: the API's public unsubscribe route, and the web app when there is one."""

    unsubscribe: str  # e.g. https://api.example.com/unsubscribe
    app: str = ""  # e.g. https://ideas.example.com (ideas at <app>/ideas/<ideaId>); empty: no links

    def unsubscribe_with(self, token: str) -> str:
        return f"{self.unsubscribe}?token={quote(token, safe='')}"

    def idea(self, idea_id: str | None) -> str | None:
        if not self.app or not idea_id:
            return None
        return f"{self.app.rstrip('/')}/ideas/{quote(idea_id, safe='')}"


@cache
def _template(name: str) -> Template:
    return Template((TEMPLATES / name).read_text(encoding="utf-8"))


def label(event_type: str) -> str:
    kind = NOTIFIED.get(event_type)
    return kind.label if kind else "notifications"


def one_line(text: str, limit: int = SUBJECT_CHARS) -> str:
    """Whitespace (newlines included: no header injection) collapsed, cut at ``limit`` characters."""
    flat = _SPACES.sub(" ", text).strip()
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _link_parts(url: str | None, words: str) -> tuple[str, str]:
    if url is None:
        return "", ""
    return f"\n{words}: {url}", f' <a href="{html.escape(url)}">{html.escape(words)}</a>'


def notice_email(to: str, notice: Notice, *, campaign: str, links: Links, token: str) -> Email:
    subject = one_line(f"{campaign}: {notice.message}")
    unsubscribe_url = links.unsubscribe_with(token)
    link_text, link_html = _link_parts(links.idea(notice.idea_id), "Open the idea")
    words = {"campaign": campaign, "label": label(notice.event_type), "unsubscribe_url": unsubscribe_url}
    text = _template("notice.txt").substitute(words, message=notice.message, link_text=link_text)
    page = _template("notice.html").substitute(
        {key: html.escape(value) for key, value in words.items()},
        subject=html.escape(subject),
        message=html.escape(notice.message),
        link_html=f"<p>{link_html.strip()}</p>" if link_html else "",
    )
    return Email(to=to, subject=subject, text=text, html=page, unsubscribe_url=unsubscribe_url)


def _clock(moment: datetime) -> str:
    return moment.strftime("%d %b %H:%M")


def digest_email(to: str, notices: Sequence[Notice], *, campaign: str, links: Links, token: str) -> Email:
    """One email for ``notices``, in the order given (the digest gives newest first): the first
    DIGEST_ITEMS are listed, the rest counted."""
    if not notices:
        raise ValueError("a digest needs at least one notice")
    count = len(notices)
    noun = "notification" if count == 1 else "notifications"
    subject = one_line(f"{campaign}: your daily digest ({count} {noun})")
    unsubscribe_url = links.unsubscribe_with(token)
    text_items, html_items = [], []
    for notice in notices[:DIGEST_ITEMS]:
        link_text, link_html = _link_parts(links.idea(notice.idea_id), "open")
        item = {"label": label(notice.event_type).capitalize(), "time": _clock(notice.at)}
        text_items.append(_template("digest_item.txt").substitute(item, message=notice.message, link_text=link_text))
        html_items.append(
            _template("digest_item.html").substitute(
                {key: html.escape(value) for key, value in item.items()},
                message=html.escape(notice.message),
                link_html=link_html,
            )
        )
    rest = count - len(text_items)
    more = f"\n... and {rest} more in your inbox.\n" if rest > 0 else ""
    words = {"campaign": campaign, "count": str(count), "noun": noun, "unsubscribe_url": unsubscribe_url}
    text = _template("digest.txt").substitute(words, items="".join(text_items), more=more)
    page = _template("digest.html").substitute(
        {key: html.escape(value) for key, value in words.items()},
        subject=html.escape(subject),
        items="".join(html_items),
        more=f"<p>... and {rest} more in your inbox.</p>" if rest > 0 else "",
    )
    return Email(to=to, subject=subject, text=text, html=page, unsubscribe_url=unsubscribe_url)


def unsubscribe_page(stops: str, token: str, *, done: bool) -> str:
    """The page a browser gets from an email's unsubscribe link: a button that POSTs (a GET must
    change nothing: mail scanners open links), then the confirmation."""
    if done:
        title, text, form = "Unsubscribed", f"Done: no more {stops}.", ""
    else:
        title, text = "Unsubscribe", f"Stop {stops}?"
        form = (
            f'<form method="post" action="?token={html.escape(quote(token, safe=""))}">'
            '<input type="hidden" name="List-Unsubscribe" value="One-Click">'
            '<button type="submit" style="font-size:16px;padding:8px 16px">Unsubscribe</button></form>'
        )
    page = Template((TEMPLATES.parent / "unsubscribe.html").read_text(encoding="utf-8"))
    return page.substitute(title=title, text=html.escape(text), form=form)
