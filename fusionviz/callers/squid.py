"""SQUID (Ma et al., Genome Biol 2018) output after its gene annotation step:
BEDPE columns plus ``Type`` and ``FusedGenes``.

Segments are BEDPE: ``start`` 0-based, ``end`` 1-based. A segment with strand
``+`` meets the junction at its end (the fusion keeps the bases up to ``end``), one
with strand ``-`` at its start (the fusion keeps the bases from ``start + 1``):
the TACC3 segment ``4 1727976 1728733 -`` starts at the 1-based base 1727977, the
first TACC3 base FGFR3::TACC3 keeps. Segment 1 is not always the 5' partner
(FGFR3:TACC3 lists the TACC3 segment first). ``FusedGenes`` is
``5'gene:3'gene`` (several pairs comma-separated: the first is used); the genes
are matched to the segments by position and the 5' partner checked against the
kept sides and the genes' strands.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from fusionviz.callers.base import End, RowProblem, Unresolved, position
from fusionviz.models import GenomicPosition, normalise_contig

NAME = "squid"


def _norm(columns: Sequence[str]) -> list[str]:
    return [c.lstrip("#").strip() for c in columns]


def matches(columns: Sequence[str]) -> bool:
    """True for a SQUID BEDPE header (``# chrom1 start1 end1 ...``)."""
    cols = _norm(columns)
    return cols[:6] == ["chrom1", "start1", "end1", "chrom2", "start2", "end2"] and (
        "FusedGenes" in cols
    )


def caller_name(columns: Sequence[str]) -> str:
    return "SQUID"


def _get(row: Mapping[str, str], name: str) -> str:
    for k, v in row.items():
        if k.lstrip("#").strip() == name:
            return v.strip()
    return ""


def _end(row: Mapping[str, str], i: str) -> End:
    contig = normalise_contig(_get(row, f"chrom{i}"))
    start = _get(row, f"start{i}")
    end = position(_get(row, f"end{i}"), f"end{i}")
    s = _get(row, f"strand{i}")
    if s == "+":
        return End(GenomicPosition(contig, end), "below")
    if s == "-":
        return End(GenomicPosition(contig, position(str(int(start) + 1), f"start{i}")), "above")
    raise RowProblem(f"strand{i} {s!r} is not + or -")


def parse(
    row: Mapping[str, str], line: int, caller: str, columns: Sequence[str] = ()
) -> Unresolved:
    """One data row -> Unresolved (FusedGenes matched to the segments)."""
    if not _get(row, "start1").isdigit() or not _get(row, "start2").isdigit():
        raise RowProblem("start1/start2 is not a whole number")
    e1, e2 = _end(row, "1"), _end(row, "2")
    fused = _get(row, "FusedGenes")
    pairs = [p for p in fused.split(",") if ":" in p]
    stated = tuple(pairs[0].split(":", 1)) if pairs else None
    extra = (
        ("caller", caller),
        ("caller_fusion", fused),
        ("caller_breakpoint5", f"{e1.position} ({_get(row, 'strand1')})"),
        ("caller_breakpoint3", f"{e2.position} ({_get(row, 'strand2')})"),
        ("score", _get(row, "score")),
        ("event_type", _get(row, "Type")),
        ("other_gene_pairs", ",".join(pairs[1:])),
    )
    return Unresolved(
        line,
        (e1, e2),
        tuple(extra),
        "SQUID's first segment is not always the 5' partner",
        stated=stated,  # type: ignore[arg-type]
        text=f"{fused} {e1.position} / {e2.position}",
    )
