"""Request and response bodies of a participant's export and erasure."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from shared.domain.privacy import CONFIRMATION, ERASURE_STEPS, Erasure, ErasureState, Export, ExportState
from shared.http import RequestBody, ResponseBody


class ErasureRequest(RequestBody):
    confirm: str = Field(max_length=32, description=f"Exactly {CONFIRMATION!r}: erasing cannot be undone.")


class ErasureView(ResponseBody):
    state: ErasureState = Field(description="running, then done.")
    requested_at: datetime
    steps_done: int = Field(description=f"Of {len(ERASURE_STEPS)} steps.")
    steps: int
    finished_at: datetime | None

    @classmethod
    def of(cls, erasure: Erasure) -> ErasureView:
        return cls(
            state=erasure.state,
            requested_at=erasure.requested_at,
            steps_done=min(erasure.step, len(ERASURE_STEPS)),
            steps=len(ERASURE_STEPS),
            finished_at=erasure.finished_at,
        )


class ExportView(ResponseBody):
    export_id: str
    state: ExportState = Field(description="queued (being built), ready or failed.")
    requested_at: datetime
    ready_at: datetime | None
    expires_at: datetime = Field(description="The archive and this record are deleted then.")
    size: int | None = Field(description="Bytes of the zip archive, once ready.")
    download_url: str | None = Field(description="Once ready: a link to the zip, valid for 5 minutes (ask again).")

    @classmethod
    def of(cls, export: Export, link: str | None = None) -> ExportView:
        return cls(
            export_id=export.export_id,
            state=export.state,
            requested_at=export.requested_at,
            ready_at=export.ready_at,
            expires_at=export.expires_at,
            size=export.size,
            download_url=link,
        )
