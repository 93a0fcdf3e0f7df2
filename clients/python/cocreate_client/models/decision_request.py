from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.action import Action
from ..models.reason_code import ReasonCode
from ..models.target_type import TargetType
from ..types import UNSET, Unset

T = TypeVar("T", bound="DecisionRequest")


@_attrs_define
class DecisionRequest:
    """
    Attributes:
        target_type (TargetType):
        target_id (str):
        action (Action):
        version (int): The case version you saw in the queue (stale: 409).
        reason (None | ReasonCode | Unset): Required for anything but approve.
    """

    target_type: TargetType
    target_id: str
    action: Action
    version: int
    reason: None | ReasonCode | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        target_type = self.target_type.value

        target_id = self.target_id

        action = self.action.value

        version = self.version

        reason: None | str | Unset
        if isinstance(self.reason, Unset):
            reason = UNSET
        elif isinstance(self.reason, ReasonCode):
            reason = self.reason.value
        else:
            reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "targetType": target_type,
                "targetId": target_id,
                "action": action,
                "version": version,
            }
        )
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        target_type = TargetType(d.pop("targetType"))

        target_id = d.pop("targetId")

        action = Action(d.pop("action"))

        version = d.pop("version")

        def _parse_reason(data: object) -> None | ReasonCode | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                reason_type_0 = ReasonCode(data)

                return reason_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ReasonCode | Unset, data)

        reason = _parse_reason(d.pop("reason", UNSET))

        decision_request = cls(
            target_type=target_type,
            target_id=target_id,
            action=action,
            version=version,
            reason=reason,
        )

        return decision_request
