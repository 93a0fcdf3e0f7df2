"""The capacity bench prices transactions itself (DynamoDB Local misprices them, decision 71): the
item size and index upkeep rules it applies, as AWS documents and bills them."""

from __future__ import annotations

from typing import Any

from bench.capacity import _index_upkeep, item_size, write_units

ALL: dict[str, Any] = {"ProjectionType": "ALL"}
KEYS_ONLY: dict[str, Any] = {"ProjectionType": "KEYS_ONLY"}


def test_an_item_weighs_its_attribute_names_and_values() -> None:
    assert item_size({"pk": {"S": "abc"}}) == 5
    assert item_size({"n": {"N": "12345"}}) == 1 + 4  # 5 significant digits: 3 bytes + 1
    assert item_size({"m": {"M": {"a": {"BOOL": True}}}}) == 1 + 3 + (1 + 1 + 1)
    assert item_size({"l": {"L": [{"S": "xy"}, {"NULL": True}]}}) == 1 + 3 + (2 + 1) + (1 + 1)
    assert item_size({"s": {"SS": ["ab", "c"]}}) == 1 + 3


def test_write_units_are_1_kb_steps_and_never_zero() -> None:
    assert [write_units(size) for size in (0, 1, 1024, 1025, 3000)] == [1, 1, 1, 2, 3]


def _item(**attributes: str) -> dict[str, Any]:
    return {name: {"S": value} for name, value in attributes.items()}


def test_index_upkeep_follows_the_change_to_what_the_index_stores() -> None:
    keys, table = ["ik"], ["pk"]
    indexed = _item(pk="a", ik="x", other="1")

    assert _index_upkeep(None, indexed, table, keys, ALL) == 1  # a new entry
    assert _index_upkeep(indexed, indexed, table, keys, ALL) == 0  # nothing the index stores changed
    assert _index_upkeep(indexed, _item(pk="a", ik="x", other="2"), table, keys, ALL) == 1  # rewritten
    assert _index_upkeep(indexed, _item(pk="a", ik="y", other="1"), table, keys, ALL) == 2  # key moved
    assert _index_upkeep(indexed, _item(pk="a", other="1"), table, keys, ALL) == 1  # left the index
    assert _index_upkeep(_item(pk="a"), _item(pk="a", other="2"), table, keys, ALL) == 0  # never in it
    # an attribute the index does not project changes nothing there
    assert _index_upkeep(indexed, _item(pk="a", ik="x", other="2"), table, keys, KEYS_ONLY) == 0
