"""Brands' port: where the stack's brands are kept (shared/store/content.py implements it)."""

from __future__ import annotations

from typing import Protocol

from shared.domain.brands import Brand
from shared.services.ports import Key, Page


class BrandRepository(Protocol):
    def add(self, brand: Brand) -> None:
        """Store a new brand; ConflictError if the id exists."""

    def get(self, brand_id: str) -> Brand | None: ...

    def replace(self, brand: Brand, expected_version: int) -> None:
        """Store a changed brand if nobody changed it since ``expected_version``; else ConflictError."""

    def list_page(self, *, limit: int, start: Key | None) -> Page[Brand]:
        """By brand id, one Query per page."""
        ...
