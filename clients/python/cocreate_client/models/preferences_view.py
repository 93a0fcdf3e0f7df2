from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.preferences_view_preferences import PreferencesViewPreferences


T = TypeVar("T", bound="PreferencesView")


@_attrs_define
class PreferencesView:
    """
    Attributes:
        preferences (PreferencesViewPreferences): {eventType: {inbox, email, digest}}
        email (None | str): Where emails go: the verified email of your sign-in token (null until one is seen).
    """

    preferences: PreferencesViewPreferences
    email: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        preferences = self.preferences.to_dict()

        email: None | str
        email = self.email

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "preferences": preferences,
                "email": email,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.preferences_view_preferences import PreferencesViewPreferences  # noqa: PLC0415

        d = dict(src_dict)
        preferences = PreferencesViewPreferences.from_dict(d.pop("preferences"))

        def _parse_email(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        email = _parse_email(d.pop("email"))

        preferences_view = cls(
            preferences=preferences,
            email=email,
        )

        preferences_view.additional_properties = d
        return preferences_view

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
