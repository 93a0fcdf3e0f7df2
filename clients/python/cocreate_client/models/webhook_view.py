from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="WebhookView")


@_attrs_define
class WebhookView:
    """
    Attributes:
        webhook_id (str):
        brand_id (str):
        url (str):
        events (list[str]):
        filter_ (list[str]):
        created_at (datetime.datetime):
        secret (None | str | Unset): Shown once, when the webhook is created.
    """

    webhook_id: str
    brand_id: str
    url: str
    events: list[str]
    filter_: list[str]
    created_at: datetime.datetime
    secret: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        webhook_id = self.webhook_id

        brand_id = self.brand_id

        url = self.url

        events = self.events

        filter_ = self.filter_

        created_at = self.created_at.isoformat()

        secret: None | str | Unset
        if isinstance(self.secret, Unset):
            secret = UNSET
        else:
            secret = self.secret

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "webhookId": webhook_id,
                "brandId": brand_id,
                "url": url,
                "events": events,
                "filter": filter_,
                "createdAt": created_at,
            }
        )
        if secret is not UNSET:
            field_dict["secret"] = secret

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        webhook_id = d.pop("webhookId")

        brand_id = d.pop("brandId")

        url = d.pop("url")

        events = cast(list[str], d.pop("events"))

        filter_ = cast(list[str], d.pop("filter"))

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        def _parse_secret(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        secret = _parse_secret(d.pop("secret", UNSET))

        webhook_view = cls(
            webhook_id=webhook_id,
            brand_id=brand_id,
            url=url,
            events=events,
            filter_=filter_,
            created_at=created_at,
            secret=secret,
        )

        webhook_view.additional_properties = d
        return webhook_view

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
