"""STAR-Fusion family: ``star-fusion.fusion_predictions(.abridged).tsv``, the older
``star-fusion.fusion_candidates.final.abridged``, and the files written with the
same breakpoint columns by FusionInspector and ctat-LR-fusion.

Columns used: ``#FusionName``, ``LeftGene`` / ``RightGene`` (``SYMBOL^ENSG...``),
``LeftBreakpoint`` / ``RightBreakpoint`` (``chr2:42264731:+``: the last base of the
5' partner and the first base of the 3' partner), read counts, ``SpliceType`` and,
with ``--examine_coding_effect``, ``PROT_FUSION_TYPE`` / ``CDS_LEFT_ID`` /
``CDS_RIGHT_ID``. Column order differs between versions, so columns are found by name.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from fusionviz.callers.base import (
    Row,
    RowProblem,
    build_request,
    gene_symbol,
    normalise_frame,
    parse_breakpoint,
    pick,
)

NAME = "star-fusion"
_REQUIRED = ("LeftGene", "LeftBreakpoint", "RightGene", "RightBreakpoint")


def matches(columns: Sequence[str]) -> bool:
    """True for a STAR-Fusion-style header."""
    return all(c in columns for c in _REQUIRED)


def caller_name(columns: Sequence[str]) -> str:
    """Which CTAT tool wrote a file with these columns."""
    if "num_LR" in columns:
        return "ctat-LR-fusion"
    if "NumCounterFusionLeft" in columns or "LeftLocalBreakpoint" in columns:
        return "FusionInspector"
    return "STAR-Fusion"


def parse(row: Mapping[str, str], line: int, caller: str, columns: Sequence[str] = ()) -> Row:
    """One data row -> FusionRequest (RowProblem for a malformed row)."""
    g5, g3 = gene_symbol(row["LeftGene"]), gene_symbol(row["RightGene"])
    if not g5 or not g3:
        raise RowProblem("LeftGene/RightGene is empty")
    raw5, raw3 = row["LeftBreakpoint"], row["RightBreakpoint"]
    bp5, bp3 = parse_breakpoint(raw5), parse_breakpoint(raw3)
    frame_raw = pick(row, "PROT_FUSION_TYPE")
    junction = pick(row, "JunctionReadCount", "num_LR")
    extra = [
        ("caller", caller),
        ("caller_fusion", pick(row, "#FusionName", "FusionName", "fusion_name")),
        ("caller_breakpoint5", raw5),
        ("caller_breakpoint3", raw3),
        ("junction_reads", junction),
        ("spanning_reads", pick(row, "SpanningFragCount")),
        ("splice_type", pick(row, "SpliceType")),
        ("ffpm", pick(row, "FFPM", "LR_FFPM")),
        ("caller_frame", normalise_frame(frame_raw) or ""),
        ("PROT_FUSION_TYPE", frame_raw),
        ("caller_transcript5", _dot(pick(row, "CDS_LEFT_ID"))),
        ("caller_transcript3", _dot(pick(row, "CDS_RIGHT_ID"))),
        ("sample", pick(row, "#sample", "sample", "Sample", "tumor_id")),
    ]
    # STAR-Fusion reports sense junctions of annotated genes: the breakpoint strand
    # is the gene's and the transcribed strand alike; its breakpoints are RNA junctions.
    return build_request(g5, bp5, g3, bp3, line, extra, meaning="rna")


def _dot(v: str) -> str:
    return "" if v == "." else v
