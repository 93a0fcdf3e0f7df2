from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.erasure_state import ErasureState

T = TypeVar("T", bound="ErasureView")


@_attrs_define
class ErasureView:
    """
    Attributes:
        state (ErasureState):
        requested_at (datetime.datetime):
        steps_done (int): Of 13 steps.
        steps (int):
        finished_at (datetime.datetime | None):
    """

    state: ErasureState
    requested_at: datetime.datetime
    steps_done: int
    steps: int
    finished_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        state = self.state.value

        requested_at = self.requested_at.isoformat()

        steps_done = self.steps_done

        steps = self.steps

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "state": state,
                "requestedAt": requested_at,
                "stepsDone": steps_done,
                "steps": steps,
                "finishedAt": finished_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        state = ErasureState(d.pop("state"))

        requested_at = datetime.datetime.fromisoformat(d.pop("requestedAt"))

        steps_done = d.pop("stepsDone")

        steps = d.pop("steps")

        def _parse_finished_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)

                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        finished_at = _parse_finished_at(d.pop("finishedAt"))

        erasure_view = cls(
            state=state,
            requested_at=requested_at,
            steps_done=steps_done,
            steps=steps,
            finished_at=finished_at,
        )

        erasure_view.additional_properties = d
        return erasure_view

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
