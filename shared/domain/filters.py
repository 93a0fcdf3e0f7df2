"""Webhook filters: which events a subscription wants, written as a few readable clauses.

A filter is a list of clauses, all of which must hold (AND)::

    ["challengeId = ch_123", "votes.score >= 50", "status in [accepted, shipped]", "tags contains eco"]

A clause is ``<field> <operator> <value>``. Fields are dotted paths into the event's detail and
must be on the caller's list. Operators: ``=`` ``!=`` ``<`` ``<=`` ``>`` ``>=`` ``in`` ``contains``.
Values are numbers (``50``, ``-2.5``), ``true``/``false``, bare words (``ch_123``, ``eco``),
double-quoted strings (``"solar power"``, with ``\\"`` and ``\\\\`` escapes) or, after ``in``, a
bracketed list of those.

How values compare: numbers with numbers as numbers (so 100 > 50); booleans with booleans; a
string field with the value as written (``challengeId = 123`` matches ``"123"``); anything else
does not match. A field the event lacks makes its clause false, whatever the operator.
``contains`` asks whether a list field has an element equal to the value, or whether a string
field contains the value as a substring, ignoring case.

Parsed by a small hand-written tokenizer: nothing is evaluated, and every mistake is a
ValidationError on the field ``filter`` naming the clause and what is wrong with it."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from shared.domain.errors import ValidationError

MAX_CLAUSES = 10
MAX_CLAUSE_CHARS = 200
MAX_LIST_VALUES = 20
_SHOWN_CHARS = 60  # how much of a bad clause an error message repeats


class Operator(StrEnum):
    EQ = "="
    NE = "!="
    LT = "<"
    LE = "<="
    GT = ">"
    GE = ">="
    IN = "in"
    CONTAINS = "contains"


ORDERING = frozenset({Operator.LT, Operator.LE, Operator.GT, Operator.GE})
_KEYWORDS = {"in": Operator.IN, "contains": Operator.CONTAINS}
_SYMBOLS = {op.value: op for op in Operator if op not in (Operator.IN, Operator.CONTAINS)}

Scalar = str | Decimal | bool


@dataclass(frozen=True, slots=True)
class Constant:
    """A value as written (``text``) and as read (``value``: a number, a boolean or a string)."""

    value: Scalar
    text: str


@dataclass(frozen=True, slots=True)
class Clause:
    field: str
    op: Operator
    values: tuple[Constant, ...]  # one value, or the list after ``in``

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(self.field.split("."))

    def __str__(self) -> str:
        """The clause written canonically: one space around the operator, quotes only where needed."""
        if self.op is Operator.IN:
            return f"{self.field} in [{', '.join(_written(value) for value in self.values)}]"
        return f"{self.field} {self.op.value} {_written(self.values[0])}"

    def holds_for(self, detail: Mapping[str, Any]) -> bool:
        found, actual = _lookup(detail, self.path)
        return found and _compare(self.op, actual, self.values)


@dataclass(frozen=True, slots=True)
class Filter:
    """Clauses joined by AND. No clauses: every event matches."""

    clauses: tuple[Clause, ...]

    def matches(self, detail: Mapping[str, Any]) -> bool:
        return all(clause.holds_for(detail) for clause in self.clauses)


# Tokens


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # "word", "string", "symbol" (an operator), "[", "]", ","
    text: str
    position: int


_WORD_CHAR = re.compile(r"[A-Za-z0-9_.:@/+\-]")
_SYMBOL_CHAR = frozenset("=!<>")
_PUNCTUATION = frozenset("[],")
_FIELD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*")
_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


class _SyntaxError(Exception):
    """A mistake in one clause; ``parse_filter`` turns it into a ValidationError naming the clause."""


def _written(constant: Constant) -> str:
    text = constant.value
    if not isinstance(text, str):
        return constant.text
    bare = text and all(_WORD_CHAR.fullmatch(char) for char in text) and not _NUMBER.fullmatch(text)
    if bare and text not in ("true", "false"):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _read_string(text: str, start: int) -> tuple[str, int]:
    """The string starting with the quote at ``start``, and the index after its closing quote."""
    chars: list[str] = []
    index = start + 1
    while index < len(text):
        char = text[index]
        if char == '"':
            return "".join(chars), index + 1
        if char == "\\":
            escaped = text[index + 1 : index + 2]
            if escaped not in ('"', "\\"):
                raise _SyntaxError(f'only \\" and \\\\ may follow a backslash (position {index + 1})')
            chars.append(escaped)
            index += 2
            continue
        chars.append(char)
        index += 1
    raise _SyntaxError(f"the string opened at position {start + 1} is not closed")


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char in " \t":
            index += 1
        elif char in _PUNCTUATION:
            tokens.append(_Token(char, char, index))
            index += 1
        elif char == '"':
            value, end = _read_string(text, index)
            tokens.append(_Token("string", value, index))
            index = end
        elif char in _SYMBOL_CHAR:
            end = index
            while end < len(text) and text[end] in _SYMBOL_CHAR:
                end += 1
            tokens.append(_Token("symbol", text[index:end], index))
            index = end
        elif _WORD_CHAR.fullmatch(char):
            end = index
            while end < len(text) and _WORD_CHAR.fullmatch(text[end]):
                end += 1
            tokens.append(_Token("word", text[index:end], index))
            index = end
        else:
            raise _SyntaxError(f"unexpected character {char!r} at position {index + 1}")
    return tokens


# Parser


class _TokenCursor:
    """A cursor over one clause's tokens."""

    def __init__(self, tokens: list[_Token]) -> None:
        self._tokens = tokens
        self._index = 0

    def take(self, expected: str) -> _Token:
        if self._index >= len(self._tokens):
            raise _SyntaxError(f"it ends where {expected} should follow")
        token = self._tokens[self._index]
        self._index += 1
        return token

    def expect_end(self) -> None:
        if self._index < len(self._tokens):
            token = self._tokens[self._index]
            raise _SyntaxError(f"unexpected {token.text!r} at position {token.position + 1} after the value")


def _field(token: _Token, allowed_fields: Collection[str]) -> str:
    if token.kind != "word" or not _FIELD.fullmatch(token.text):
        raise _SyntaxError(f"it must start with a field name, not {token.text!r}")
    if token.text not in allowed_fields:
        raise _SyntaxError(f"unknown field {token.text!r}; fields: {', '.join(sorted(allowed_fields))}")
    return token.text


def _operator(token: _Token) -> Operator:
    op = _SYMBOLS.get(token.text) if token.kind == "symbol" else _KEYWORDS.get(token.text.lower())
    if token.kind not in ("symbol", "word") or op is None:
        known = ", ".join(operator.value for operator in Operator)
        raise _SyntaxError(f"unknown operator {token.text!r}; operators: {known}")
    return op


def _constant(token: _Token) -> Constant:
    if token.kind == "string":
        return Constant(token.text, token.text)
    if token.kind != "word":
        raise _SyntaxError(f"expected a value at position {token.position + 1}, found {token.text!r}")
    if _NUMBER.fullmatch(token.text):
        return Constant(Decimal(token.text), token.text)
    if token.text in ("true", "false"):
        return Constant(token.text == "true", token.text)
    return Constant(token.text, token.text)


def _list(cursor: _TokenCursor) -> tuple[Constant, ...]:
    opening = cursor.take("a [list] of values")
    if opening.kind != "[":
        raise _SyntaxError(f"'in' needs a list like [a, b], found {opening.text!r}")
    values = [_constant(cursor.take("a value"))]
    while (separator := cursor.take("',' or ']'")).kind == ",":
        values.append(_constant(cursor.take("a value")))
        if len(values) > MAX_LIST_VALUES:
            raise _SyntaxError(f"a list holds at most {MAX_LIST_VALUES} values")
    if separator.kind != "]":
        raise _SyntaxError(f"expected ',' or ']' at position {separator.position + 1}, found {separator.text!r}")
    return tuple(values)


def parse_clause(text: str, allowed_fields: Collection[str]) -> Clause:
    """One clause, or a ValidationError on ``filter`` saying what is wrong with it."""
    try:
        return _parse_clause(text, allowed_fields)
    except _SyntaxError as exc:
        shown = text if not isinstance(text, str) or len(text) <= _SHOWN_CHARS else text[:_SHOWN_CHARS] + "..."
        raise ValidationError(f"Filter clause {shown!r}: {exc}.", field="filter") from exc


def _parse_clause(text: str, allowed_fields: Collection[str]) -> Clause:
    if not isinstance(text, str):
        raise _SyntaxError("a clause must be a string")
    if len(text) > MAX_CLAUSE_CHARS:
        raise _SyntaxError(f"a clause has at most {MAX_CLAUSE_CHARS} characters")
    cursor = _TokenCursor(_tokens(text))
    field = _field(cursor.take("a field name"), allowed_fields)
    op = _operator(cursor.take("an operator"))
    values = _list(cursor) if op is Operator.IN else (_constant(cursor.take("a value")),)
    cursor.expect_end()
    if op in ORDERING and not isinstance(values[0].value, Decimal):
        raise _SyntaxError(f"{op.value!r} compares numbers; {values[0].text!r} is not a number")
    return Clause(field, op, values)


def parse_filter(clauses: Sequence[str], allowed_fields: Collection[str]) -> Filter:
    """Parse a list of clauses (joined by AND) over the fields in ``allowed_fields``."""
    if isinstance(clauses, str) or not isinstance(clauses, Sequence):
        raise ValidationError('A filter is a list of clauses such as ["votes.score >= 50"].', field="filter")
    if len(clauses) > MAX_CLAUSES:
        raise ValidationError(f"A filter has at most {MAX_CLAUSES} clauses.", field="filter")
    return Filter(tuple(parse_clause(clause, allowed_fields) for clause in clauses))


# Evaluation


def _lookup(detail: Mapping[str, Any], path: tuple[str, ...]) -> tuple[bool, Any]:
    current: Any = detail
    for key in path:
        if not isinstance(current, Mapping) or key not in current:
            return False, None
        current = current[key]
    return True, current


def _as_number(value: Any) -> Decimal | None:
    """A finite number as a Decimal; None for anything else (booleans are not numbers)."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    return number if number.is_finite() else None


def _equals(actual: Any, constant: Constant) -> bool:
    if isinstance(actual, bool):
        return isinstance(constant.value, bool) and actual is constant.value
    if isinstance(actual, str):
        return actual == constant.text
    number = _as_number(actual)
    return number is not None and isinstance(constant.value, Decimal) and number == constant.value


def _contains(actual: Any, constant: Constant) -> bool:
    if isinstance(actual, str):
        return constant.text.casefold() in actual.casefold()
    if isinstance(actual, list | tuple):
        return any(_equals(element, constant) for element in actual)
    return False


def _compare(op: Operator, actual: Any, values: tuple[Constant, ...]) -> bool:
    if op is Operator.EQ:
        return _equals(actual, values[0])
    if op is Operator.NE:
        return not _equals(actual, values[0])
    if op is Operator.IN:
        return any(_equals(actual, value) for value in values)
    if op is Operator.CONTAINS:
        return _contains(actual, values[0])
    number, bound = _as_number(actual), values[0].value
    if number is None or not isinstance(bound, Decimal):
        return False
    return {
        Operator.LT: number < bound,
        Operator.LE: number <= bound,
        Operator.GT: number > bound,
        Operator.GE: number >= bound,
    }[op]


def crossed(filter: Filter, before: Mapping[str, Any], after: Mapping[str, Any]) -> bool:
    """True only when the filter did not match ``before`` and matches ``after``.

    So ``votes.score >= 50`` fires once, on the change that crosses 50, not on every vote after
    it; it fires again only if the score drops below 50 and crosses once more."""
    return not filter.matches(before) and filter.matches(after)
