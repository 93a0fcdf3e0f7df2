from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.target_type import TargetType

if TYPE_CHECKING:
    from ..models.audit_view_details import AuditViewDetails


T = TypeVar("T", bound="AuditView")


@_attrs_define
class AuditView:
    """
    Attributes:
        entry_id (str):
        at (datetime.datetime):
        actor (str):
        step (str):
        target_type (TargetType):
        target_id (str):
        challenge_id (str):
        author_id (str):
        before (str):
        after (str):
        reason (None | str):
        details (AuditViewDetails):
    """

    entry_id: str
    at: datetime.datetime
    actor: str
    step: str
    target_type: TargetType
    target_id: str
    challenge_id: str
    author_id: str
    before: str
    after: str
    reason: None | str
    details: AuditViewDetails
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        entry_id = self.entry_id

        at = self.at.isoformat()

        actor = self.actor

        step = self.step

        target_type = self.target_type.value

        target_id = self.target_id

        challenge_id = self.challenge_id

        author_id = self.author_id

        before = self.before

        after = self.after

        reason: None | str
        reason = self.reason

        details = self.details.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "entryId": entry_id,
                "at": at,
                "actor": actor,
                "step": step,
                "targetType": target_type,
                "targetId": target_id,
                "challengeId": challenge_id,
                "authorId": author_id,
                "before": before,
                "after": after,
                "reason": reason,
                "details": details,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.audit_view_details import AuditViewDetails  # noqa: PLC0415

        d = dict(src_dict)
        entry_id = d.pop("entryId")

        at = datetime.datetime.fromisoformat(d.pop("at"))

        actor = d.pop("actor")

        step = d.pop("step")

        target_type = TargetType(d.pop("targetType"))

        target_id = d.pop("targetId")

        challenge_id = d.pop("challengeId")

        author_id = d.pop("authorId")

        before = d.pop("before")

        after = d.pop("after")

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

        details = AuditViewDetails.from_dict(d.pop("details"))

        audit_view = cls(
            entry_id=entry_id,
            at=at,
            actor=actor,
            step=step,
            target_type=target_type,
            target_id=target_id,
            challenge_id=challenge_id,
            author_id=author_id,
            before=before,
            after=after,
            reason=reason,
            details=details,
        )

        audit_view.additional_properties = d
        return audit_view

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
