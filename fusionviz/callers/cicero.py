"""CICERO ``final_fusions.txt`` (St. Jude; Tian et al., Genome Biol 2020).

``posA``/``posB`` are 1-based junction bases; ``ortA``/``ortB`` the strands the
assembled contig maps to (contig order: the A part, then the B part), not gene
strands, so each gives the side of its position the fusion keeps. ``sv_ort`` is
``>`` when CICERO resolved that geneA is 5', ``?`` when it did not: the 5' partner
is derived from the kept sides and the genes' strands, and checked against a
``>`` call. ``frame`` is a comma list, one value per RefSeq transcript pair
(``sv_refseqA``/``sv_refseqB``, exons in ``sv_refseqA_exon``/``sv_refseqB_exon``):
0 not in frame, 1 in frame, 2 geneB contributes its whole CDS, 3 possible 5'-UTR
fusion; it is compared only when every pair says 0, or every pair says 1.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from fusionviz.callers.base import End, RowProblem, Unresolved, pick, position, strand
from fusionviz.models import GenomicPosition, normalise_contig

NAME = "cicero"
_REQUIRED = ("geneA", "chrA", "posA", "ortA", "geneB", "chrB", "posB", "ortB")


def matches(columns: Sequence[str]) -> bool:
    """True for a CICERO final_fusions header."""
    return all(c in columns for c in _REQUIRED)


def caller_name(columns: Sequence[str]) -> str:
    return "CICERO"


def _first(text: str) -> str:
    return (text or "").split(",")[0].strip()


def _frame(text: str) -> str:
    values = {v.strip() for v in (text or "").split(",") if v.strip()}
    if values == {"1"}:
        return "in-frame"
    if values == {"0"}:
        return "out-of-frame"
    return ""


def _end(row: Mapping[str, str], side: str) -> End:
    contig = normalise_contig(pick(row, f"chr{side}"))
    pos = position(pick(row, f"pos{side}"), f"pos{side}")
    ort = strand(pick(row, f"ort{side}"))
    if ort is None:
        raise RowProblem(f"ort{side} {pick(row, f'ort{side}')!r} is not + or -")
    # The A part of the contig ends at posA, the B part starts at posB.
    if side == "A":
        kept = "below" if ort == "+" else "above"
    else:
        kept = "above" if ort == "+" else "below"
    gene = pick(row, f"gene{side}").split(",")[0].strip() or None
    return End(GenomicPosition(contig, pos), kept, gene)  # type: ignore[arg-type]


def parse(
    row: Mapping[str, str], line: int, caller: str, columns: Sequence[str] = ()
) -> Unresolved:
    """One data row -> Unresolved (the kept sides decide the 5' partner)."""
    a, b = _end(row, "A"), _end(row, "B")
    sv_ort = pick(row, "sv_ort")
    frame_raw = pick(row, "frame")
    extra = (
        ("caller", caller),
        ("caller_fusion", f"{pick(row, 'geneA')}--{pick(row, 'geneB')}"),
        ("caller_breakpoint5", f"{pick(row, 'chrA')}:{pick(row, 'posA')}:{pick(row, 'ortA')}"),
        ("caller_breakpoint3", f"{pick(row, 'chrB')}:{pick(row, 'posB')}:{pick(row, 'ortB')}"),
        ("junction_reads", _sum(pick(row, "readsA"), pick(row, "readsB"))),
        ("caller_frame", _frame(frame_raw)),
        ("frame", frame_raw),
        ("caller_transcript5", _first(pick(row, "sv_refseqA"))),
        ("caller_transcript3", _first(pick(row, "sv_refseqB"))),
        ("caller_exon5", _first(pick(row, "sv_refseqA_exon"))),
        ("caller_exon3", _first(pick(row, "sv_refseqB_exon"))),
        ("sv_ort", sv_ort),
        ("event_type", pick(row, "type")),
        ("medal", pick(row, "medal")),
        ("sample", pick(row, "sample")),
    )
    stated = (a.gene or "", b.gene or "") if sv_ort == ">" and a.gene and b.gene else None
    why = "CICERO's ort columns are contig mapping strands, not gene strands"
    if stated is None:
        why += "; sv_ort '?' (CICERO did not resolve the order)"
    return Unresolved(
        line,
        (a, b),
        tuple(extra),
        why,
        stated=stated,
        text=f"{pick(row, 'geneA')}--{pick(row, 'geneB')} {a.position} / {b.position}",
    )


def _sum(x: str, y: str) -> str:
    return str(int(x) + int(y)) if x.isdigit() and y.isdigit() else ""
