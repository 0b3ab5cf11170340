"""Bounded tables of remembered results: the one eviction rule of every cache here.

A table is a plain dict in insertion order. :func:`keep` drops the first entry when the
table is full; readers that mark a hit with :func:`recent` move it to the end, so what
is dropped is the least recently used (tables read with ``dict.get`` drop the oldest).
"""

from __future__ import annotations

from contextlib import suppress
from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


def recent(table: dict[K, V], key: K) -> V | None:
    """``table[key]``, now the most recently used, or None when it is not kept."""
    hit = table.pop(key, None)
    if hit is not None:
        table[key] = hit
    return hit


def keep(table: dict[K, V], key: K, value: V, size: int) -> V:
    """Put ``value`` under ``key``, first making room in a table of ``size`` entries."""
    if len(table) >= size:
        # Another thread may have dropped it first (the web server shares some tables).
        with suppress(RuntimeError, StopIteration, KeyError):
            table.pop(next(iter(table)))
    table[key] = value
    return value
