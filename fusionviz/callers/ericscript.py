"""EricScript ``*.results.filtered.tsv`` / ``*.results.total.tsv``.

``GeneName1`` is the 5' partner and ``GeneName2`` the 3' partner;
``Breakpoint1``/``Breakpoint2`` are 1-based junction bases (the last 5' and first
3' base: FGFR3 4:1806934 is the end of MANE exon 17, TACC3 4:1727977 the first
base it joins, as STAR-Fusion and Arriba report for the same reads) and
``strand1``/``strand2`` the genes' strands. ``JunctionSequence`` is the fusion
sequence around the junction in transcription order, the 5' part in lower case and
the 3' part in upper case. EricScript makes no frame call.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from fusionviz.callers.base import Row, build_request, pick, position, strand
from fusionviz.models import GenomicPosition, JunctionSequence, normalise_contig

NAME = "ericscript"
_REQUIRED = ("GeneName1", "GeneName2", "chr1", "Breakpoint1", "chr2", "Breakpoint2")


def matches(columns: Sequence[str]) -> bool:
    """True for an EricScript results header."""
    return all(c in columns for c in _REQUIRED)


def caller_name(columns: Sequence[str]) -> str:
    return "EricScript"


def _sequence(text: str) -> JunctionSequence | None:
    m = re.fullmatch(r"([acgtn]+)([ACGTN]+)", (text or "").strip())
    if not m:
        return None
    return JunctionSequence(m.group(1).upper(), m.group(2), "EricScript JunctionSequence")


def parse(row: Mapping[str, str], line: int, caller: str, columns: Sequence[str] = ()) -> Row:
    """One data row -> FusionRequest (RowProblem for a malformed row)."""
    g5, g3 = pick(row, "GeneName1"), pick(row, "GeneName2")
    s5, s3 = strand(pick(row, "strand1")), strand(pick(row, "strand2"))
    bp5 = GenomicPosition(
        normalise_contig(pick(row, "chr1")),
        position(pick(row, "Breakpoint1")),
        s5,  # type: ignore[arg-type]
    )
    bp3 = GenomicPosition(
        normalise_contig(pick(row, "chr2")),
        position(pick(row, "Breakpoint2")),
        s3,  # type: ignore[arg-type]
    )
    extra = [
        ("caller", caller),
        ("caller_fusion", f"{g5}--{g3}"),
        ("caller_breakpoint5", f"{pick(row, 'chr1')}:{pick(row, 'Breakpoint1')}:{s5 or ''}"),
        ("caller_breakpoint3", f"{pick(row, 'chr2')}:{pick(row, 'Breakpoint2')}:{s3 or ''}"),
        ("junction_reads", pick(row, "crossingreads")),
        ("spanning_reads", pick(row, "spanningreads")),
        ("event_type", pick(row, "fusiontype")),
        ("EricScore", pick(row, "EricScore")),
    ]
    seq = _sequence(pick(row, "JunctionSequence")) if s5 and s3 else None
    return build_request(g5, bp5, g3, bp3, line, extra, meaning="rna", sequence=seq)
