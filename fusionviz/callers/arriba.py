"""Arriba ``fusions.tsv`` (1.x layout: direction1/direction2 after ``type``, no
transcript ids; 2.x layout: ``reading_frame``, ``tags``, ``retained_protein_domains``,
gene/transcript ids). Columns are found by name, so both layouts read alike.

Arriba puts the 5' partner in ``gene1`` and the 3' partner in ``gene2``; the
breakpoints are the last base of gene1 and the first base of gene2 that are kept.
For an intergenic breakpoint it lists the closest genes with their distances,
``GENE1(1234),GENE2(567)``: the first one is taken and the others are noted.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from fusionviz.callers.base import (
    Row,
    RowProblem,
    build_request,
    junction_sequence,
    normalise_frame,
    parse_breakpoint,
    pick,
)

NAME = "arriba"
_REQUIRED = ("#gene1", "gene2", "breakpoint1", "breakpoint2")
_GENE = re.compile(r"^\s*([^()]+?)\s*(?:\((\d+)\))?\s*$")


def matches(columns: Sequence[str]) -> bool:
    """True for an Arriba header (``#gene1`` first)."""
    cols = set(columns) | ({"#gene1"} if columns and columns[0] == "gene1" else set())
    return all(c in cols for c in _REQUIRED)


def caller_name(columns: Sequence[str]) -> str:
    """Arriba, with the output layout it wrote."""
    two = "tags" in columns or "transcript_id1" in columns
    return "Arriba 2.x layout" if two else "Arriba 1.x layout"


def split_genes(text: str) -> tuple[str, tuple[str, ...]]:
    """``GENE1(12),GENE2(34)`` -> (``GENE1``, (``GENE1(12)``, ``GENE2(34)``))."""
    parts = [p.strip() for p in (text or "").split(",") if p.strip()]
    if not parts or parts[0] == ".":
        raise RowProblem(f"no gene in {text!r}")
    m = _GENE.match(parts[0])
    if not m:
        raise RowProblem(f"gene {parts[0]!r} is not readable")
    return m.group(1), tuple(parts) if len(parts) > 1 or m.group(2) else ()


def _transcribed(value: str) -> str | None:
    """The transcribed strand: the value after the slash of ``strand1(gene/fusion)``
    (Arriba writes the gene's strand before it, the strand the fusion RNA is
    transcribed from after it; they differ for antisense transcription). None
    when Arriba could not predict it (``.``)."""
    _gene, _, fusion = (value or "").partition("/")
    return fusion if fusion in ("+", "-") else None


def _gene_strand(value: str) -> str:
    gene = (value or "").partition("/")[0]
    return gene if gene in ("+", "-") else ""


def parse(row: Mapping[str, str], line: int, caller: str, columns: Sequence[str] = ()) -> Row:
    """One data row -> FusionRequest (RowProblem for a malformed row)."""
    g1 = row.get("#gene1", row.get("gene1", ""))
    g5, others5 = split_genes(g1)
    g3, others3 = split_genes(row["gene2"])
    raw5, raw3 = row["breakpoint1"], row["breakpoint2"]
    strand5, strand3 = pick(row, "strand1(gene/fusion)"), pick(row, "strand2(gene/fusion)")
    bp5 = parse_breakpoint(raw5, _transcribed(strand5))
    bp3 = parse_breakpoint(raw3, _transcribed(strand3))
    # The assembled sequence is in transcription order only when both
    # transcribed strands are known.
    seq = None
    if bp5.strand and bp3.strand:
        seq = junction_sequence(pick(row, "fusion_transcript"), "|", "Arriba fusion_transcript")
    frame_raw = pick(row, "reading_frame")
    split = [pick(row, "split_reads1"), pick(row, "split_reads2")]
    junction = str(sum(int(x) for x in split)) if all(x.isdigit() for x in split) else ""
    extra = [
        ("caller", "Arriba"),
        ("caller_format", caller),
        ("caller_fusion", f"{g1}--{row['gene2']}"),
        ("caller_breakpoint5", raw5),
        ("caller_breakpoint3", raw3),
        ("junction_reads", junction),
        ("spanning_reads", pick(row, "discordant_mates")),
        ("confidence", pick(row, "confidence")),
        ("site5", pick(row, "site1")),
        ("site3", pick(row, "site2")),
        ("event_type", pick(row, "type")),
        ("gene_strand5", _gene_strand(strand5)),
        ("gene_strand3", _gene_strand(strand3)),
        ("direction5", pick(row, "direction1")),
        ("direction3", pick(row, "direction2")),
        ("caller_frame", normalise_frame(frame_raw) or ""),
        ("reading_frame", frame_raw),
        ("caller_transcript5", _dot(pick(row, "transcript_id1"))),
        ("caller_transcript3", _dot(pick(row, "transcript_id2"))),
        ("other_genes5", ",".join(others5)),
        ("other_genes3", ",".join(others3)),
        ("sample", pick(row, "tumor_id", "sample", "Sample")),
    ]
    return build_request(g5, bp5, g3, bp3, line, extra, meaning="rna", sequence=seq)


def _dot(v: str) -> str:
    return "" if v == "." else v
