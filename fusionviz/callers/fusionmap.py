"""FusionMap ``FusionDetection.FusionReport.Table.txt`` (Ge et al., Bioinformatics 2011).

``FusionGene`` is ``5'gene->3'gene``; ``Position1``/``Position2`` are the 1-based
junction bases (EML4 2:42295516 and ALK 2:29223528 are the MANE exon 13 end and
exon 20 start); ``Strand`` is two characters, the transcribed strand of each side
in that order (``+-`` for EML4->ALK). ``FusionID`` numbers are 0-based and the
second one a whole-genome coordinate: not used. ``KnownTranscript1/2`` and
``KnownExonNumber1/2`` are comma lists, one entry per transcript; the first is
kept as the caller's transcript and exon. ``FrameShiftClass`` (InFrame /
FrameShift) is FusionMap's frame call. Read counts are in columns prefixed with
the BAM name (``<bam>.SeedCount``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from fusionviz.callers.base import (
    Row,
    RowProblem,
    build_request,
    normalise_frame,
    pick,
    position,
)
from fusionviz.models import GenomicPosition, JunctionSequence, normalise_contig

NAME = "fusionmap"
_REQUIRED = ("FusionID", "Strand", "Chromosome1", "Position1", "Chromosome2", "Position2")


def matches(columns: Sequence[str]) -> bool:
    """True for a FusionMap report header."""
    return all(c in columns for c in _REQUIRED) and "FusionGene" in columns


def caller_name(columns: Sequence[str]) -> str:
    return "FusionMap"


def _suffix(row: Mapping[str, str], suffix: str) -> str:
    for k, v in row.items():
        if k.endswith(suffix):
            return v.strip()
    return ""


def _first(text: str) -> str:
    return (text or "").split(",")[0].strip()


def parse(row: Mapping[str, str], line: int, caller: str, columns: Sequence[str] = ()) -> Row:
    """One data row -> FusionRequest (RowProblem for a malformed row)."""
    name = pick(row, "FusionGene")
    g5, sep, g3 = name.partition("->")
    if not sep or not g5 or not g3:
        raise RowProblem(f"FusionGene {name!r} is not GENE1->GENE2")
    strands = pick(row, "Strand")
    if len(strands) != 2 or any(s not in "+-" for s in strands):
        raise RowProblem(f"Strand {strands!r} is not two characters of + and -")
    bp5 = GenomicPosition(
        normalise_contig(pick(row, "Chromosome1")),
        position(pick(row, "Position1"), "Position1"),
        strands[0],  # type: ignore[arg-type]
    )
    bp3 = GenomicPosition(
        normalise_contig(pick(row, "Chromosome2")),
        position(pick(row, "Position2"), "Position2"),
        strands[1],  # type: ignore[arg-type]
    )
    frame_raw = pick(row, "FrameShiftClass")
    extra = [
        ("caller", caller),
        ("caller_fusion", name),
        ("caller_breakpoint5", f"{pick(row, 'Chromosome1')}:{pick(row, 'Position1')}"),
        ("caller_breakpoint3", f"{pick(row, 'Chromosome2')}:{pick(row, 'Position2')}"),
        ("junction_reads", _suffix(row, ".SeedCount")),
        ("caller_frame", normalise_frame(frame_raw) or ""),
        ("FrameShiftClass", frame_raw),
        ("caller_transcript5", _first(pick(row, "KnownTranscript1"))),
        ("caller_transcript3", _first(pick(row, "KnownTranscript2"))),
        ("caller_exon5", _first(pick(row, "KnownExonNumber1"))),
        ("caller_exon3", _first(pick(row, "KnownExonNumber2"))),
        ("splice_pattern", pick(row, "SplicePatternClass")),
        ("filter", pick(row, "Filter")),
    ]
    seq = None
    five, at, three = pick(row, "FusionJunctionSequence").partition("@")
    if at and five and three:
        seq = JunctionSequence(five.upper(), three.upper(), "FusionMap FusionJunctionSequence")
    return build_request(g5, bp5, g3, bp3, line, extra, meaning="rna", sequence=seq)
