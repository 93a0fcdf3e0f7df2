"""Request and response bodies of brands (the stack's tenants)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from functions.ideas.schemas import BrandId
from shared.domain.brands import Brand
from shared.domain.errors import ValidationError
from shared.http import OneLine, RequestBody, ResponseBody, Visible

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80), OneLine, Visible]
Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500), OneLine, Visible]


class BrandCreate(RequestBody):
    brand_id: BrandId = Field(description="The id the brand's challenges and staff groups use (brand-<id>-admins).")
    name: Name


class BrandPatch(RequestBody):
    """Only the fields sent change. ``suspended`` (operators only) makes every challenge of the brand
    read-only, or open again; ``suspendedReason`` goes with a suspension."""

    name: Name | None = None
    suspended: bool | None = None
    suspended_reason: Reason | None = None

    @model_validator(mode="after")
    def _reason_with_suspension(self) -> BrandPatch:
        if "name" in self.model_fields_set and self.name is None:
            raise ValidationError("This field cannot be null.", field="name")
        if "suspended" in self.model_fields_set and self.suspended is None:
            raise ValidationError("This field cannot be null.", field="suspended")
        if self.suspended_reason is not None and self.suspended is not True:
            raise ValidationError("A reason goes with suspended: true.", field="suspendedReason")
        return self


class BrandView(ResponseBody):
    brand_id: str
    name: str
    suspended: bool = Field(description="The brand's challenges are read-only while true.")
    suspended_reason: str | None
    version: int
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, brand: Brand) -> BrandView:
        return cls(
            brand_id=brand.brand_id,
            name=brand.name,
            suspended=brand.suspended,
            suspended_reason=brand.suspended_reason,
            version=brand.version,
            created_at=brand.created_at,
            updated_at=brand.updated_at,
        )


class BrandPage(ResponseBody):
    items: list[BrandView]
    next_cursor: str | None
