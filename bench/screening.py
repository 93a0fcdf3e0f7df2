"""Content screening: time of one screen() on a 2,000-character text, the cold import of the
engine (word list included), and precision/recall per category over the labelled fixture.

Figures only, never pass/fail. Run alone with ``python -m bench.screening``."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from shared.domain.screening import ScreeningContext
from shared.domain.screening.engine import screen
from shared.domain.screening.quality import measure

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "screening.json"
RUNS = 200
IMPORT_RUNS = 7
TEXT_CHARS = 2000
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)

_IDEA = (
    "Refill stations for shampoo in supermarkets. Put Brightwell refill stations in big supermarkets so "
    "customers can bring their empty bottles and fill them up again, paying by weight. The 500 ml refill "
    "would cost about 4.99 instead of 6.50, and the station tells you how many bottles the store saved "
    "since 2024. A class at the store could assess which products work with refills. "
)
_NOISY = (
    "Honestly this is a sh1t lid and the f.u.c.k.i.n.g hinge broke, call me on +44 20 7946 0958 or mail "
    "anna.keller@gmail.com, see https://example.com/a www.example.org/b deals.shop PLEASE FIX IT!!!!!! "
)
_SLOWEST_RATIO = 0.95  # 95th percentile as the high-water mark


def _text(seed: str) -> str:
    return (seed * (TEXT_CHARS // len(seed) + 1))[:TEXT_CHARS]


def _history_context() -> ScreeningContext:
    return ScreeningContext(
        now=NOW,
        recent_texts=tuple(_text(f"Idea number {n}: " + _IDEA[::-1]) for n in range(10)),
        recent_post_times=tuple(NOW - timedelta(minutes=3 * n) for n in range(1, 11)),
        blocklist=frozenset({"Dysonic", "Project Falcon", "Acme Vac", "codename otter"}),
    )


def _time(text: str, context: ScreeningContext) -> dict[str, float]:
    screen(text, context)  # warm the blocklist cache, as a warm Lambda would have it
    samples = []
    for _ in range(RUNS):
        started = time.perf_counter()
        screen(text, context)
        samples.append(time.perf_counter() - started)
    samples.sort()
    return {
        "ms": round(statistics.median(samples) * 1000, 3),
        "p95_ms": round(samples[int(len(samples) * _SLOWEST_RATIO)] * 1000, 3),
    }


def _import_ms() -> float:
    snippet = "import time; t = time.perf_counter(); import shared.domain.screening; print(time.perf_counter() - t)"
    samples = []
    for _ in range(IMPORT_RUNS):
        out = subprocess.run(
            [sys.executable, "-c", snippet], capture_output=True, text=True, check=True, cwd=ROOT, env=None
        )
        samples.append(float(out.stdout.strip().splitlines()[-1]))
    return round(statistics.median(samples) * 1000, 1)


def screening_bench() -> list[dict[str, Any]]:
    """Median (and 95th percentile) time of screen() over RUNS runs, per case."""
    bare = ScreeningContext(now=NOW)
    cases = [
        ("clean idea, 2,000 chars, no history", _text(_IDEA), bare),
        ("clean idea, 2,000 chars, 10 recent texts + blocklist", _text(_IDEA), _history_context()),
        ("noisy text (swearing, PII, links), 2,000 chars", _text(_NOISY), bare),
    ]
    rows: list[dict[str, Any]] = [{"case": name, **_time(text, context)} for name, text, context in cases]
    rows.append({"case": f"cold import of the engine, median of {IMPORT_RUNS} processes", "ms": _import_ms()})
    return rows


def screening_quality() -> list[dict[str, Any]]:
    """Precision and recall per category over tests/fixtures/screening.json."""
    figures = measure(json.loads(FIXTURE.read_text(encoding="utf-8")))
    return [
        {
            "category": q.category,
            "precision": round(q.precision, 3),
            "recall": round(q.recall, 3),
            "labelled": q.labelled,
        }
        for q in figures.values()
    ]


def _print(rows: list[dict[str, Any]]) -> None:
    columns = list(dict.fromkeys(key for row in rows for key in row))
    widths = [max(len(column), *(len(str(row.get(column, ""))) for row in rows)) for column in columns]
    print("  ".join(column.ljust(width) for column, width in zip(columns, widths, strict=True)))
    for row in rows:
        print("  ".join(str(row.get(column, "")).ljust(width) for column, width in zip(columns, widths, strict=True)))


if __name__ == "__main__":
    print(f"screen() time, {RUNS} runs\n")
    _print(screening_bench())
    print("\nquality over the labelled fixture\n")
    _print(screening_quality())
