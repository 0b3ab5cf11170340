"""What annotation finds: how each breakpoint was placed, each partner's result,
the junction, the fusion protein, alternative readings and the annotated fusion."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from fusionviz.genome_models import (
    BreakpointMeaning,
    Domain,
    DomainStatus,
    Frame,
    GenomicPosition,
    Locus,
    ProteinSequence,
    Region,
    Role,
    SourceInfo,
    Transcript,
)
from fusionviz.request_models import FusionRequest


@dataclass(frozen=True, slots=True)
class Placement:
    """How a genomic breakpoint was read, for the report.

    ``reading`` is one of ``exon boundary``, ``microhomology`` (both breakpoints
    off their boundaries by the same shift: the canonical junction), ``exact bases``
    (a non-canonical RNA junction: the bases given are kept), ``retained intron``
    (an RNA junction keeping intronic or flanking bases), ``DNA breakpoint``
    (splicing to the flanking exons implied), ``antisense``, ``non-coding`` or
    ``intergenic``. ``statements`` say what was done in words (every
    reinterpretation of the input); ``alternatives`` other readings of the base.
    """

    role: Role
    position: GenomicPosition
    meaning: BreakpointMeaning
    reading: str
    transcript: str | None
    exon: int | None
    intron: int | None = None
    retained: int = 0
    statements: tuple[str, ...] = ()
    alternatives: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DomainVerdict:
    """A domain of one partner and what the fusion keeps of it."""

    domain: Domain
    status: DomainStatus
    kept_start: int | None
    kept_end: int | None
    fraction_retained: float

    @property
    def kept_aa(self) -> int:
        if self.kept_start is None or self.kept_end is None:
            return 0
        return self.kept_end - self.kept_start + 1


@dataclass(frozen=True, slots=True)
class PartnerResult:
    """One partner of an annotated fusion.

    ``transcript`` and ``exon`` are None only for a partner that no coding
    transcript holds (a lncRNA, pseudogene or intergenic base: ``locus`` says what
    it is); ``placement`` says how a genomic breakpoint was read.
    """

    role: Role
    gene: str
    transcript: Transcript | None
    exon: int | None
    region: Region
    cds_boundary_nt: int | None
    phase: int | None
    genomic_boundary: GenomicPosition
    protein_length: int | None
    kept_aa: tuple[int, int] | None
    domains: tuple[DomainVerdict, ...]
    exon_aa_ranges: tuple[tuple[int, int, int], ...] = ()
    sequence: ProteinSequence | None = None
    placement: Placement | None = None
    locus: Locus | None = None

    @property
    def transcript_label(self) -> str:
        """The transcript used (versioned ID), or what the partner is without one."""
        if self.transcript is not None:
            return self.transcript.label
        return f"{self.locus.symbol} ({self.locus.biotype})" if self.locus else self.region

    @property
    def no_transcript(self) -> str:
        """Why a partner without a transcript has none: a coding gene reaches the output
        without one only when its base lies away from all of its coding transcripts."""
        if self.locus is not None and self.locus.biotype == "protein_coding":
            return "no coding transcript at this base"
        return "no protein-coding transcript"

    #: The name the input used for this gene when it was not the approved symbol
    #: (a previous symbol or an alias); None when the approved symbol was given.
    gene_as_given: str | None = None


@dataclass(frozen=True, slots=True)
class Junction:
    """The junction and the frame call, with its explanation."""

    junction_class: str
    frame: Frame
    five_end_phase: int | None
    three_start_phase: int | None
    split_codon: bool
    bases_from_5p: int
    bases_from_3p: int
    junction_residue: str | None
    explanation: tuple[str, ...]
    inserted_bases: int = 0
    unread_bases: int = 0
    verified: bool = True


@dataclass(frozen=True, slots=True)
class ProteinSegment:
    """A stretch of the fusion protein and where it comes from.

    ``kind`` is ``5'``, ``3'``, ``junction`` (the split codon) or ``frameshift``.
    Partner coordinates are residues of that partner's wild-type protein
    (None for a frameshifted tail); fusion coordinates are residues of the
    fusion protein (end None when unknown).
    """

    kind: Literal["5'", "3'", "junction", "frameshift"]
    gene: str
    partner_start: int | None
    partner_end: int | None
    fusion_start: int
    fusion_end: int | None


@dataclass(frozen=True, slots=True)
class FusionProtein:
    """The predicted fusion protein.

    ``length`` is None when it is not known; ``conditional_length`` is the length
    the protein would have if an unverified in-frame reading holds (no stop codon
    in bases the annotation does not give).
    """

    length: int | None
    segments: tuple[ProteinSegment, ...]
    sequence: str | None
    notes: tuple[str, ...] = ()
    conditional_length: int | None = None


@dataclass(frozen=True, slots=True)
class ExonNumberingAlternative:
    """A transcript pair or exon pair on which the junction would read differently."""

    five_transcript: str
    five_exon: int
    three_transcript: str
    three_exon: int
    frame: Frame
    reason: str


@dataclass(frozen=True, slots=True)
class JunctionReading:
    """The same genomic junction read on another transcript pair."""

    five_transcript: str
    five_exon: int | None
    three_transcript: str
    three_exon: int | None
    frame: Frame
    junction_class: str

    @property
    def pair(self) -> str:
        """``FGFR3-208 e16 :: TACC3-214 e4``: the transcript pair and exons, as printed."""
        return (
            f"{self.five_transcript} e{self.five_exon} :: {self.three_transcript} "
            f"e{self.three_exon}"
        )


@dataclass(frozen=True, slots=True)
class FusionNames:
    hgnc: str
    short: str
    hgvs: str


@dataclass(frozen=True, slots=True)
class AnnotatedFusion:
    """Everything fusionviz knows about one fusion."""

    request: FusionRequest
    five_prime: PartnerResult
    three_prime: PartnerResult
    junction: Junction
    protein: FusionProtein
    names: FusionNames
    verdicts: tuple[str, ...]
    alternatives: tuple[ExonNumberingAlternative, ...]
    provenance: tuple[SourceInfo, ...]
    warnings: tuple[str, ...] = ()
    extra: tuple[tuple[str, str], ...] = field(default=())
    junction_readings: tuple[JunctionReading, ...] = ()

    @property
    def frame(self) -> Frame:
        return self.junction.frame

    @property
    def is_intragenic(self) -> bool:
        return self.five_prime.gene == self.three_prime.gene

    def to_dict(self) -> dict:
        """The JSON contract of ``fusionviz annotate --json`` (see README)."""
        from fusionviz.report import to_dict

        return to_dict(self)

    def to_vicc(self) -> dict:
        """The VICC Gene Fusion Specification object (see docs/vicc.md)."""
        from fusionviz.vicc import to_vicc

        return to_vicc(self)

    def _repr_html_(self) -> str:
        # Jupyter: the verdict and the figure inline (matplotlib is imported only here).
        from fusionviz.api import fusion_html

        return fusion_html(self)
