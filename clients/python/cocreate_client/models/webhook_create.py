from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="WebhookCreate")


@_attrs_define
class WebhookCreate:
    """
    Attributes:
        url (str): An https URL on a public host, port 443 or 8443 (checked again at each delivery).
        events (list[str]):
        filter_ (list[str] | Unset): Clauses joined by AND, e.g. ["supporters >= 50", "challengeId = ch_1"]
    """

    url: str
    events: list[str]
    filter_: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        url = self.url

        events = self.events

        filter_: list[str] | Unset = UNSET
        if not isinstance(self.filter_, Unset):
            filter_ = self.filter_

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "url": url,
                "events": events,
            }
        )
        if filter_ is not UNSET:
            field_dict["filter"] = filter_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        url = d.pop("url")

        events = cast(list[str], d.pop("events"))

        filter_ = cast(list[str], d.pop("filter", UNSET))

        webhook_create = cls(
            url=url,
            events=events,
            filter_=filter_,
        )

        return webhook_create
