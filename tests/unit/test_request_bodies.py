"""Request bodies are strict: the types of shared.http that keep JSON's natural forms working, the
text rules, and a guard that every request model of every function uses them."""

from __future__ import annotations

import importlib
import re
from datetime import UTC, datetime, timedelta, timezone
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Literal

import pytest
from pydantic import StringConstraints, TypeAdapter, ValidationError

from shared.http import (
    LINE_PATTERN,
    TEXT_PATTERN,
    ByValue,
    IntOnly,
    IsoDatetime,
    MultiLine,
    OneLine,
    RequestBody,
    Visible,
    control_character_problems,
)

ROOT = Path(__file__).resolve().parents[2]


class Colour(StrEnum):
    RED = "red"
    BLUE = "blue"


class Settings(RequestBody):
    count: int = 0
    flag: bool = False
    name: str = ""
    colour: ByValue[Colour] = Colour.RED
    labels: dict[ByValue[Colour], str] = {}
    at: IsoDatetime | None = None
    value: Annotated[Literal[1, -1], IntOnly] = 1
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=3), OneLine, Visible] = "abc"
    text: Annotated[str, StringConstraints(strip_whitespace=True), MultiLine, Visible] = ""


def parsed(**body: Any) -> Settings:
    """As Powertools validates a body: the Python objects json.loads gave."""
    return TypeAdapter(Settings).validate_python(body, from_attributes=True)


def error_of(**body: Any) -> tuple[str, str]:
    with pytest.raises(ValidationError) as caught:
        parsed(**body)
    [error] = caught.value.errors()
    return ".".join(str(part) for part in error["loc"]), error["type"]


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ({"count": True}, ("count", "int_type")),
        ({"count": "5"}, ("count", "int_type")),
        ({"count": 5.0}, ("count", "int_type")),
        ({"flag": 1}, ("flag", "bool_type")),
        ({"flag": "true"}, ("flag", "bool_type")),
        ({"name": 5}, ("name", "string_type")),
        ({"colour": 1}, ("colour", "enum")),
        ({"labels": {"green": "x"}}, ("labels.green.[key]", "enum")),
        ({"value": True}, ("value", "int_type")),
        ({"value": 1.0}, ("value", "int_type")),
        ({"value": 2}, ("value", "literal_error")),
    ],
)
def test_nothing_is_coerced(body: dict[str, Any], error: tuple[str, str]) -> None:
    assert error_of(**body) == error


def test_json_values_are_taken_as_they_are() -> None:
    settings = parsed(count=5, flag=True, name="x", colour="blue", labels={"red": "Stop"}, value=-1)

    assert (settings.count, settings.flag, settings.name, settings.value) == (5, True, "x", -1)
    assert settings.colour is Colour.BLUE
    assert settings.labels == {Colour.RED: "Stop"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-01T09:00:00Z", datetime(2026, 12, 1, 9, tzinfo=UTC)),
        ("2026-12-01T09:00:00.250+02:00", datetime(2026, 12, 1, 9, 0, 0, 250_000, tzinfo=timezone(timedelta(hours=2)))),
    ],
)
def test_a_date_time_is_an_iso_string_with_a_zone(text: str, expected: datetime) -> None:
    assert parsed(at=text).at == expected


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (1795694400, "datetime_type"),
        ("1795694400", "datetime_type"),
        ("soon", "datetime_type"),
        ("2026-12-01T09:00", "timezone_aware"),
    ],
)
def test_a_date_time_is_nothing_else(value: Any, code: str) -> None:
    assert error_of(at=value) == ("at", code)


def test_python_code_may_still_pass_datetimes_and_members() -> None:
    at = datetime(2026, 12, 1, tzinfo=UTC)

    assert Settings(at=at, colour=Colour.BLUE).at == at


@pytest.mark.parametrize("title", ["a\tb c", "one\ntwo", "a\r\nb", "para\u2028graph", "x\u2029yz"])
def test_a_one_line_text_refuses_tabs_and_line_breaks(title: str) -> None:
    assert error_of(title=title) == ("title", "single_line")


def test_a_one_line_text_is_checked_after_stripping() -> None:
    assert parsed(title="\t Refill \n").title == "Refill"


@pytest.mark.parametrize("text", ["\u200b\u200b\u200b", "\u0301\u0301\u0301", "\u200d\ufeff\u2060"])
def test_a_text_with_nothing_visible_is_refused(text: str) -> None:
    assert error_of(title=text) == ("title", "no_visible_character")


@pytest.mark.parametrize("title", ["Été 🌱", "---", "42 €", "日本語のアイデア", "\u200bRefill"])
def test_any_letter_digit_punctuation_or_symbol_is_visible(title: str) -> None:
    assert parsed(title=title).title == title


def test_a_multi_line_text_keeps_tabs_and_line_breaks() -> None:
    assert parsed(text="one\n\ttwo\r\nthree").text == "one\n\ttwo\r\nthree"


def test_the_documented_patterns_say_what_is_refused() -> None:
    """The schema's patterns (what clients and the fuzzer read) agree with the checks, character by
    character, over the first plane of Unicode."""
    line, text = re.compile(LINE_PATTERN), re.compile(TEXT_PATTERN)
    disagreements = []
    for code in range(0x3000):
        char = chr(code)
        allowed_anywhere = not control_character_problems({"s": char})
        allowed_in_a_line = allowed_anywhere and char not in "\t\n\r\u2028\u2029"
        if bool(text.fullmatch(char)) != allowed_anywhere or bool(line.fullmatch(char)) != allowed_in_a_line:
            disagreements.append(f"U+{code:04X}")

    assert disagreements == []


def test_the_text_rules_appear_in_the_json_schema() -> None:
    properties = Settings.model_json_schema()["properties"]

    assert properties["title"]["pattern"] == LINE_PATTERN
    assert properties["text"]["pattern"] == TEXT_PATTERN


def _request_models() -> list[type[RequestBody]]:
    for path in sorted(ROOT.glob("functions/**/*schemas.py")):
        importlib.import_module(".".join(path.relative_to(ROOT).with_suffix("").parts))
    found, pending = [], list(RequestBody.__subclasses__())
    while pending:
        model = pending.pop()
        pending.extend(model.__subclasses__())
        if model.__module__.startswith("functions."):
            found.append(model)
    return found


def _json_unfriendly(node: Any, parent: Any = None) -> list[str]:
    """Enum and datetime schemas that strict mode would refuse in their JSON form."""
    found = []
    if isinstance(node, dict):
        if node.get("type") == "enum" and node.get("strict") is not False:
            found.append(f"enum {node['cls'].__name__} without ByValue")
        if node.get("type") == "datetime" and not (
            isinstance(parent, dict)
            and getattr(parent.get("function", {}).get("function"), "__name__", "") == "_iso_datetime"
        ):
            found.append("datetime without IsoDatetime")
        for child in node.values():
            found += _json_unfriendly(child, node)
    elif isinstance(node, list):
        for child in node:
            found += _json_unfriendly(child, parent)
    return found


REQUEST_MODELS = _request_models()


def test_every_function_has_request_models() -> None:
    modules = {model.__module__.split(".")[1] for model in REQUEST_MODELS}

    assert modules >= {"ideas", "votes", "moderation", "notifications"}


@pytest.mark.parametrize("model", REQUEST_MODELS, ids=lambda model: model.__name__)
def test_every_request_model_takes_enums_and_date_times_in_their_json_form(model: type[RequestBody]) -> None:
    model.model_rebuild(force=True)

    assert _json_unfriendly(model.__pydantic_core_schema__) == []


def test_the_guard_finds_an_enum_or_a_datetime_left_strict() -> None:
    class Careless(RequestBody):
        colour: Colour
        at: datetime

    Careless.model_rebuild(force=True)

    assert _json_unfriendly(Careless.__pydantic_core_schema__) == [
        "enum Colour without ByValue",
        "datetime without IsoDatetime",
    ]
