"""Value objects shared by every part of fusionviz.

All objects are frozen dataclasses: they are built once and never mutated.

Coordinate conventions (the only place they are defined)
========================================================

==================  =====================================================================
system              convention
==================  =====================================================================
genomic             1-based, inclusive; contig names normalised ("chr2" == "2" -> "2").
                    ``Exon.start <= Exon.end`` on both strands.
transcript (cDNA)   1 = first base of exon 1 of the transcript, in transcription order.
CDS nucleotide      1 = first base of the start codon; the stop codon is part of the CDS.
amino acid          1 = the initiator Met; codon k covers CDS nt 3k-2 .. 3k.
exon phase          (Ensembl) the number of coding bases before the boundary, mod 3.
                    5' side: ``end phase`` = last kept CDS nt mod 3.
                    3' side: ``start phase`` = (first kept CDS nt - 1) mod 3.
                    A junction 5' exon (end phase p) :: 3' exon (start phase q) is in
                    frame iff p == q.
kept residues       a residue is "kept" by a partner when that partner contributes at
                    least one base of its codon; the split junction codon is therefore
                    counted on both sides (ALK exon 20 keeps 1058-1620, EML4 exon 6
                    keeps 1-223).
==================  =====================================================================

::

    5' partner (+ strand)                      3' partner
    exon 5 ...ATG|...|GCA|G        ::        CT|GAT|...      exon 19
                       phase 1 ---^            ^--- phase 1
                     1 nt of the junction codon from the 5' side, 2 nt from the 3' side
"""

from __future__ import annotations

from fusionviz.genome_models import (
    BreakpointMeaning,
    Domain,
    DomainStatus,
    Exon,
    ExonCoding,
    Frame,
    GeneAlias,
    GeneName,
    GenomicPosition,
    Locus,
    ProteinSequence,
    Region,
    Role,
    SourceInfo,
    Strand,
    Transcript,
    normalise_contig,
)
from fusionviz.request_models import (
    FusionRequest,
    JunctionSequence,
    LiftedPositions,
    PartnerSpec,
)
from fusionviz.result_models import (
    AnnotatedFusion,
    DomainVerdict,
    ExonNumberingAlternative,
    FusionNames,
    FusionProtein,
    Junction,
    JunctionReading,
    PartnerResult,
    Placement,
    ProteinSegment,
)

__all__ = [
    "Strand",
    "Frame",
    "Region",
    "DomainStatus",
    "Role",
    "BreakpointMeaning",
    "normalise_contig",
    "GenomicPosition",
    "Exon",
    "Transcript",
    "ExonCoding",
    "Locus",
    "GeneAlias",
    "GeneName",
    "Domain",
    "ProteinSequence",
    "SourceInfo",
    "PartnerSpec",
    "JunctionSequence",
    "LiftedPositions",
    "FusionRequest",
    "Placement",
    "DomainVerdict",
    "PartnerResult",
    "Junction",
    "ProteinSegment",
    "FusionProtein",
    "ExonNumberingAlternative",
    "JunctionReading",
    "FusionNames",
    "AnnotatedFusion",
]
