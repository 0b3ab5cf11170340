"""Gene loci of any biotype and other gene names, read from a bundle's SQLite index.

Shared by :class:`~fusionviz.sources.bundled.BundledSource` (and, for descriptions and
aliases, by the pyensembl sources). Every lookup is one indexed query: a caller row asks
"which genes cover this base" and "which genes are nearest" once per partner.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from fusionviz.models import GeneAlias, Locus, normalise_contig

Query = Callable[[str, tuple], list[tuple]]

_COLUMNS = "symbol, gene_id, biotype, contig, start, end, strand, description"


def _locus(r: tuple) -> Locus:
    return Locus(
        symbol=r[0],
        gene_id=r[1],
        biotype=r[2],
        contig=r[3],
        start=int(r[4]),
        end=int(r[5]),
        strand=r[6],
        description=r[7],
    )


def _rank(loc: Locus) -> tuple:
    """Which of several loci of one symbol is "the" gene: protein-coding first, then a
    primary chromosome before X/Y (pseudo-autosomal genes are on both), then position."""
    primary = loc.contig.isdigit() or loc.contig == "X"
    return (not loc.is_protein_coding, not primary, loc.contig, loc.start)


def nearest_of(
    left: Sequence[Locus], right: Sequence[Locus], position: int, n: int
) -> tuple[tuple[Locus, int], ...]:
    """The ``n`` loci nearest to ``position`` from both sides (each side sorted nearest first),
    keeping at least one per side when both have one; sorted by signed distance."""
    pool = sorted(
        [(loc, loc.distance_to(position)) for loc in (*left[:n], *right[:n])],
        key=lambda p: (abs(p[1]), p[0].symbol),
    )
    picked = pool[:n]
    sides = {d > 0 for _, d in picked}
    if n >= 2 and len(sides) == 1:
        other = next((p for p in pool[n:] if (p[1] > 0) not in sides), None)
        if other is not None:
            picked[-1] = other
    return tuple(sorted(picked, key=lambda p: (p[1], p[0].symbol)))


class LociIndex:
    """The ``loci`` and ``aliases`` tables of a bundle index (see :mod:`.index`)."""

    def __init__(self, query: Query) -> None:
        self._query = query
        self._longest: int | None = None
        self._all_names: tuple[tuple[str, str], ...] | None = None

    def longest(self) -> int:
        if self._longest is None:
            hit = self._query("SELECT value FROM meta WHERE key = 'longest_locus'", ())
            self._longest = int(hit[0][0]) if hit else 0
        return self._longest

    def loci_at(self, contig: str, position: int) -> tuple[Locus, ...]:
        """Every gene whose span covers the base, any biotype, by position."""
        pos = int(position)
        rows = self._query(
            f"SELECT {_COLUMNS} FROM loci WHERE contig = ? AND start BETWEEN ? AND ? "
            "AND end >= ? ORDER BY start, end, symbol",
            (normalise_contig(contig), pos - self.longest(), pos, pos),
        )
        return tuple(_locus(r) for r in rows)

    def nearest_loci(self, contig: str, position: int, n: int = 2) -> tuple[tuple[Locus, int], ...]:
        """The genes nearest to a base that none covers: see :func:`nearest_of`."""
        c, pos = normalise_contig(contig), int(position)
        left = self._query(
            f"SELECT {_COLUMNS} FROM loci WHERE contig = ? AND end < ? ORDER BY end DESC LIMIT ?",
            (c, pos, n),
        )
        right = self._query(
            f"SELECT {_COLUMNS} FROM loci WHERE contig = ? AND start > ? ORDER BY start LIMIT ?",
            (c, pos, n),
        )
        return nearest_of([_locus(r) for r in left], [_locus(r) for r in right], pos, n)

    def locus(self, symbol: str) -> Locus | None:
        """The gene with this approved symbol (case-insensitive), or None."""
        rows = self._query(
            f"SELECT {_COLUMNS} FROM loci WHERE symbol_up = ?", (symbol.strip().upper(),)
        )
        loci = sorted((_locus(r) for r in rows), key=_rank)
        return loci[0] if loci else None

    def by_gene_id(self, gene_id: str) -> Locus | None:
        """The gene with this ENSG id (version optional)."""
        acc = gene_id.split(".")[0]
        # ENSG ids have a fixed width: the range holds ``acc`` and ``acc.N`` only.
        rows = self._query(
            f"SELECT {_COLUMNS} FROM loci WHERE gene_id >= ? AND gene_id < ?", (acc, acc + "/")
        )
        return _locus(rows[0]) if rows else None

    def aliases(self, name: str) -> tuple[GeneAlias, ...]:
        """Approved symbols that ``name`` (case-insensitive) is another name of."""
        rows = self._query(
            "SELECT alias, symbol, kind, source FROM aliases WHERE alias_up = ? "
            "ORDER BY symbol, kind",
            (name.strip().upper(),),
        )
        return tuple(GeneAlias(a, s, k, src) for a, s, k, src in rows)

    def names_of(self, symbol: str) -> tuple[GeneAlias, ...]:
        """Every other name of an approved symbol."""
        rows = self._query(
            "SELECT alias, symbol, kind, source FROM aliases WHERE symbol = ? ORDER BY alias",
            (symbol,),
        )
        return tuple(GeneAlias(a, s, k, src) for a, s, k, src in rows)

    def all_names(self) -> tuple[tuple[str, str], ...]:
        """(alias, symbol) of every alias, for spelling suggestions (read once)."""
        if self._all_names is None:
            rows = self._query("SELECT alias, symbol FROM aliases", ())
            self._all_names = tuple((a, s) for a, s in rows)
        return self._all_names
