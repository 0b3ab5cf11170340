"""Every cache drops by one rule: a full table loses its first entry, and a hit read
with ``recent`` moves to the end, so the least recently used goes first."""

from fusionviz.recency import keep, recent


def test_a_full_table_drops_its_oldest_entry():
    table: dict[str, int] = {}
    for i, key in enumerate("abc"):
        keep(table, key, i, size=2)
    assert table == {"b": 1, "c": 2}


def test_a_recent_hit_is_dropped_last():
    table = {"a": 0, "b": 1}
    assert recent(table, "a") == 0
    assert keep(table, "c", 2, size=2) == 2
    assert list(table) == ["a", "c"]


def test_a_miss_is_none_and_changes_nothing():
    table = {"a": 0}
    assert recent(table, "z") is None
    assert table == {"a": 0}
