from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.export_state import ExportState

T = TypeVar("T", bound="ExportView")


@_attrs_define
class ExportView:
    """
    Attributes:
        export_id (str):
        state (ExportState):
        requested_at (datetime.datetime):
        ready_at (datetime.datetime | None):
        expires_at (datetime.datetime): The archive and this record are deleted then.
        size (int | None): Bytes of the zip archive, once ready.
        download_url (None | str): Once ready: a link to the zip, valid for 5 minutes (ask again).
    """

    export_id: str
    state: ExportState
    requested_at: datetime.datetime
    ready_at: datetime.datetime | None
    expires_at: datetime.datetime
    size: int | None
    download_url: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        export_id = self.export_id

        state = self.state.value

        requested_at = self.requested_at.isoformat()

        ready_at: None | str
        if isinstance(self.ready_at, datetime.datetime):
            ready_at = self.ready_at.isoformat()
        else:
            ready_at = self.ready_at

        expires_at = self.expires_at.isoformat()

        size: int | None
        size = self.size

        download_url: None | str
        download_url = self.download_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "exportId": export_id,
                "state": state,
                "requestedAt": requested_at,
                "readyAt": ready_at,
                "expiresAt": expires_at,
                "size": size,
                "downloadUrl": download_url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        export_id = d.pop("exportId")

        state = ExportState(d.pop("state"))

        requested_at = datetime.datetime.fromisoformat(d.pop("requestedAt"))

        def _parse_ready_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                ready_at_type_0 = datetime.datetime.fromisoformat(data)

                return ready_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        ready_at = _parse_ready_at(d.pop("readyAt"))

        expires_at = datetime.datetime.fromisoformat(d.pop("expiresAt"))

        def _parse_size(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        size = _parse_size(d.pop("size"))

        def _parse_download_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        download_url = _parse_download_url(d.pop("downloadUrl"))

        export_view = cls(
            export_id=export_id,
            state=state,
            requested_at=requested_at,
            ready_at=ready_at,
            expires_at=expires_at,
            size=size,
            download_url=download_url,
        )

        export_view.additional_properties = d
        return export_view

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
