"""Illumina DRAGEN RNA fusion caller ``*.fusion_candidates.final``.

Two layouts: ``#FusionGene Score LeftBreakpoint RightBreakpoint ReadNames``
(older) and the 14-column one with ``Gene1Location ... Gene1Sense Gene2Sense
Gene1Id Gene2Id NumSplitReads NumSoftClippedReads NumPairedReads``. ``FusionGene``
is ``5'gene--3'gene``; a partner may be a ``;``-list of overlapping genes (with
matching ``;``-lists in the per-gene columns): the first is used and the others
noted. Breakpoints are ``chr:pos:strand`` like STAR-Fusion's (the last 5' and the
first 3' base; FGFR3 chr4:1806934 is the end of MANE exon 17, EWSR1
chr22:29287134 the end of MANE exon 7), the strand being the transcribed strand.
DRAGEN makes no frame call.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from fusionviz.callers.base import Row, RowProblem, build_request, parse_breakpoint, pick

NAME = "dragen"


def matches(columns: Sequence[str]) -> bool:
    """True for a DRAGEN fusion_candidates header."""
    return bool(columns) and columns[0] == "#FusionGene" and "LeftBreakpoint" in columns


def caller_name(columns: Sequence[str]) -> str:
    return "DRAGEN (14-column layout)" if "Gene1Sense" in columns else "DRAGEN (5-column layout)"


def _genes(text: str) -> tuple[str, str]:
    parts = [g.strip() for g in text.split(";") if g.strip()]
    if not parts:
        raise RowProblem(f"no gene in {text!r}")
    return parts[0], ",".join(parts[1:])


def parse(row: Mapping[str, str], line: int, caller: str, columns: Sequence[str] = ()) -> Row:
    """One data row -> FusionRequest (RowProblem for a malformed row)."""
    name = pick(row, "#FusionGene")
    left, sep, right = name.partition("--")
    if not sep:
        raise RowProblem(f"FusionGene {name!r} is not GENE1--GENE2")
    (g5, others5), (g3, others3) = _genes(left), _genes(right)
    raw5, raw3 = pick(row, "LeftBreakpoint"), pick(row, "RightBreakpoint")
    bp5, bp3 = parse_breakpoint(raw5), parse_breakpoint(raw3)
    extra = [
        ("caller", "DRAGEN"),
        ("caller_format", caller),
        ("caller_fusion", name),
        ("caller_breakpoint5", raw5),
        ("caller_breakpoint3", raw3),
        ("junction_reads", pick(row, "NumSplitReads")),
        ("spanning_reads", pick(row, "NumPairedReads")),
        ("score", pick(row, "Score")),
        ("gene_sense5", pick(row, "Gene1Sense").split(";")[0]),
        ("gene_sense3", pick(row, "Gene2Sense").split(";")[0]),
        ("location5", pick(row, "Gene1Location").split(";")[0]),
        ("location3", pick(row, "Gene2Location").split(";")[0]),
        ("other_genes5", others5),
        ("other_genes3", others3),
    ]
    return build_request(g5, bp5, g3, bp3, line, extra, meaning="rna")
