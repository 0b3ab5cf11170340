"""Transcript-row lookups of the embedded bundle: by gene, ENST id, RefSeq id or
transcript name, with the one-line messages for unknown transcripts.

Mixed into :class:`fusionviz.sources.bundled.BundledSource`, which provides the index
queries (``_query``, ``_cols``), the bounded ``_memory`` and the gene list.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fusionviz.errors import UnknownGeneError, UnknownTranscriptError
from fusionviz.models import Transcript
from fusionviz.sources.index import unpack
from fusionviz.sources.memory import GeneMemory
from fusionviz.sources.rows import _Row


class BundleRowLookups:
    """Finds transcript rows in the bundle index (see the module docstring)."""

    # Provided by BundledSource.
    manifest: dict[str, Any]
    where: str
    _memory: GeneMemory

    def _symbol(self, gene: str) -> str:
        info = self._gene_info(gene)
        return info if info is not None else gene

    def _gene_info(self, gene: str) -> str | None:
        up = gene.strip().upper()
        return self._memoised("gene", up, lambda: self._query_gene(up))

    def _query_gene(self, up: str) -> str | None:
        hit = self._query("SELECT gene FROM genes WHERE up = ?", (up,))
        return hit[0][0] if hit else None

    def _gene_rows(self, gene: str) -> list[_Row]:
        key = gene.strip().upper()
        rows = self._memory.rows(key)
        if rows is not None:
            return rows
        rows = self._tx_rows("SELECT data FROM tx WHERE gene_up = ? ORDER BY ord", (key,))
        if not rows:
            raise UnknownGeneError(gene, self.gene_symbols(), where=self.where)
        rows.sort(key=lambda r: "MANE_Select" not in r["tags"])  # stable: MANE first
        self._memory.add(key, rows)
        return rows

    def _tx_rows(self, sql: str, params: tuple) -> list[_Row]:
        cols = self._cols("transcripts")
        return [_Row(zip(cols, unpack(d), strict=True)) for (d,) in self._query(sql, params)]

    def _one(self, column: str, value: str) -> _Row | None:
        rows = self._tx_rows(f"SELECT data FROM tx WHERE {column} = ? ORDER BY ord", (value,))
        if not rows:
            return None
        # The same row object as the gene's list, so identity checks (sibling search) hold.
        gene_rows = self._gene_rows(rows[0]["gene"])
        return next((g for g in gene_rows if g.name == rows[0].name), rows[0])

    def _list_ids(self, gene: str) -> str:
        return ", ".join(
            f"{r['transcript_id']} ({r.name})" if r["transcript_id"] else r.name
            for r in self._gene_rows(gene)
        )

    def _find_row(self, ident: str, gene: str | None) -> _Row:
        up = ident.upper()
        acc, _, ver = up.partition(".")
        if up.startswith("ENST"):
            row = self._one("enst_up", acc)
            if row is None:
                raise UnknownTranscriptError(self._unknown(ident, gene))
            have = row["transcript_id"]
            aliases = [a.upper() for a in row["aliases"].split(",") if a]
            if ver and "." in have and have.upper() != up:
                raise UnknownTranscriptError(
                    f"transcript '{ident}' is not in {self.where}: it has {have} ({row.name}); "
                    f"give {have} or {acc} without version"
                )
            if ver and "." not in have and up not in aliases:
                known = (
                    f" (its exons equal {', '.join(row['aliases'].split(','))})" if aliases else ""
                )
                raise UnknownTranscriptError(
                    f"transcript '{ident}': {self.where} knows {have} ({row.name}) without an "
                    f"Ensembl {self.manifest['ensembl_release']} version{known}; give {have}"
                )
            return row
        if up.startswith(("NM_", "NR_")):
            row = self._one("refseq_up", acc)
            if row is None:
                pairs = ", ".join(
                    f"{r['refseq']}={r['transcript_id']}"
                    for r in (gene and self._gene_rows(gene) or [])
                    if r["refseq"]
                )
                hint = f"; it maps {pairs}" if pairs else ""
                raise UnknownTranscriptError(
                    f"RefSeq '{ident}' has no Ensembl equivalent in {self.where} (only MANE "
                    f"Select pairs are mapped){hint}; give an ENST id or transcript name instead"
                )
            have = row["refseq"]
            if ver and "." in have and have.upper() != up:
                raise UnknownTranscriptError(
                    f"RefSeq '{ident}' is not in {self.where}: it maps {have} to "
                    f"{row['transcript_id']} ({row.name}, MANE Select); give {have} or {acc}"
                )
            return row
        row = self._one("name_up", up)
        if row is None:
            raise UnknownTranscriptError(self._unknown(ident, gene))
        return row

    def _unknown(self, ident: str, gene: str | None) -> str:
        if gene is not None:
            return (
                f"unknown transcript '{ident}' in {self.where}; transcripts of "
                f"{self._symbol(gene)}: {self._list_ids(gene)}"
            )
        from fusionviz.errors import close_matches

        close: list[str] = []
        if not ident.upper().startswith("ENS"):
            # Names of the same gene (or of genes spelled alike): difflib over every
            # transcript name of the genome would take seconds.
            stem = ident.strip().upper().rsplit("-", 1)[0]
            genes = [stem, *close_matches(stem, self.gene_symbols(), n=2)]
            names = [r.name for g in genes if self.has_gene(g) for r in self._gene_rows(g)]
            close = close_matches(ident, names, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        return (
            f"unknown transcript '{ident}' in {self.where} (give an ENST id, a name like "
            f"ALK-201 or a MANE RefSeq NM_){hint}"
        )

    def _row_of(self, t: Transcript) -> _Row | None:
        if self.has_gene(t.gene):
            for r in self._gene_rows(t.gene):
                if r.name.upper() == t.name.upper():
                    return r
        if t.transcript_id:
            return self._one("enst_up", t.transcript_id.split(".")[0].upper())
        return None

    def all_rows(self) -> Iterator[_Row]:
        """Every transcript row, gene by gene (for checks and exports)."""
        for gene in self.gene_symbols():
            yield from self._gene_rows(gene)
