"""What a bundle source keeps in memory, with bounds.

A batch asks the same questions of the annotation on every row (this gene's
transcripts, this transcript's domains and protein): the answers are kept. A cohort
may touch most genes of the genome, so genes are kept up to :data:`MAX_GENES`, least
recently used dropped first, and with a gene go its transcript models and everything
derived from them (per-transcript arrays, sequences, domains): memory follows the
bound, not the number of genes seen.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from fusionviz.models import Transcript
from fusionviz.recency import keep
from fusionviz.sources.rows import _Row

#: Genes kept (one gene with its transcripts, domains and sequences is ~60 kB).
MAX_GENES = 2048
#: Entries of each other lookup table (by transcript: sequences, domains; by name).
MAX_MEMO = 8192
#: Tables keyed by a transcript model (emptied of a dropped gene's models).
PER_TRANSCRIPT = ("protein", "cdna", "domains")


class GeneMemory:
    """Transcript rows and models by gene, and lookup tables, all bounded."""

    def __init__(self) -> None:
        self._rows: OrderedDict[str, list[_Row]] = OrderedDict()
        self._models: dict[str, Transcript] = {}
        self._transcripts: dict[str, tuple[Transcript, ...]] = {}
        self._tables: dict[str, dict[Any, Any]] = {}

    def rows(self, key: str) -> list[_Row] | None:
        """The gene's rows when kept (and the gene is now the most recently used)."""
        rows = self._rows.get(key)
        if rows is not None:
            self._rows.move_to_end(key)
        return rows

    def add(self, key: str, rows: list[_Row]) -> None:
        if len(self._rows) >= MAX_GENES:
            self._drop_oldest()
        self._rows[key] = rows

    def model(self, row: _Row, make: Callable[[_Row], Transcript]) -> Transcript:
        """The one model of a row (the same object every time while its gene is kept)."""
        key = row.internal_id
        model = self._models.get(key)
        if model is None:
            model = self._models[key] = make(row)
        return model

    def transcripts(self, key: str, make: Callable[[], tuple[Transcript, ...]]):  # noqa: ANN201
        models = self._transcripts.get(key)
        if models is None:
            models = self._transcripts[key] = make()
        return models

    def memoised(self, table: str, key: Any, compute: Callable[[], Any]) -> Any:
        """``compute()``, remembered under ``key`` (at most MAX_MEMO keys per table)."""
        memo = self._tables.setdefault(table, {})
        try:
            return memo[key]
        except KeyError:
            pass
        return keep(memo, key, compute(), MAX_MEMO)

    def _drop_oldest(self) -> None:
        from fusionviz.layout import forget

        old, dropped = self._rows.popitem(last=False)
        self._transcripts.pop(old, None)
        self._tables.get("default", {}).pop(old, None)
        for r in dropped:
            model = self._models.pop(r.internal_id, None)
            if model is None:
                continue
            for table in PER_TRANSCRIPT:
                self._tables.get(table, {}).pop(model, None)
            forget(model)
