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

from dataclasses import dataclass, field
from typing import Literal

Strand = Literal["+", "-"]
Frame = Literal["in-frame", "out-of-frame", "not-applicable"]
#: Where a partner's junction base lies. ``antisense``: the fusion RNA runs against the
#: partner gene's strand; ``intergenic``: no gene holds the base.
Region = Literal["CDS", "5'UTR", "3'UTR", "non-coding", "antisense", "intergenic"]
DomainStatus = Literal["retained", "truncated", "lost"]
Role = Literal["5'", "3'"]
#: What a genomic breakpoint names. ``rna``: the exact last (5') / first (3') base
#: the fusion RNA holds (RNA-seq callers); ``dna``: a genomic DNA breakpoint (DNA-seq,
#: SV callers, "intron 19" reports), which implies splicing to the flanking exons.
BreakpointMeaning = Literal["rna", "dna"]


def normalise_contig(name: str) -> str:
    """Return a contig name without a ``chr`` prefix (``chrM`` -> ``MT``)."""
    n = name.strip()
    if n.lower().startswith("chr"):
        n = n[3:]
    if n.upper() == "M":
        return "MT"
    return n.upper() if n.lower() in {"x", "y", "mt"} else n


@dataclass(frozen=True, slots=True)
class GenomicPosition:
    """One base on the genome: 1-based, contig normalised, strand optional.

    In a fusion request ``strand`` is the strand the fusion transcript runs along
    at this base (the transcribed strand), when the input states it: equal to the
    partner gene's strand for a sense junction, opposite for an antisense one.
    """

    contig: str
    position: int
    strand: Strand | None = None

    def __str__(self) -> str:
        s = f"chr{self.contig}:{self.position}"
        return f"{s}:{self.strand}" if self.strand else s


@dataclass(frozen=True, slots=True)
class Exon:
    """One exon of a transcript, in genomic coordinates (1-based, inclusive)."""

    number: int
    start: int
    end: int
    exon_id: str | None = None

    @property
    def length(self) -> int:
        return self.end - self.start + 1


@dataclass(frozen=True, slots=True)
class Transcript:
    """A transcript model: exons in transcription order and the CDS span.

    ``cds`` is ``(low, high)`` in genomic coordinates and includes the stop
    codon (the GTF ``CDS`` + ``stop_codon`` span); ``None`` for a non-coding
    transcript.
    """

    name: str
    gene: str
    contig: str
    strand: Strand
    exons: tuple[Exon, ...]
    cds: tuple[int, int] | None
    transcript_id: str | None = None
    gene_id: str | None = None
    biotype: str = "protein_coding"
    is_mane_select: bool = False
    is_canonical: bool = False
    refseq: str | None = None
    protein_id: str | None = None
    uniprot: str | None = None
    source: str = ""

    def __hash__(self) -> int:
        # Transcripts key many caches; hashing every exon each time dominated
        # batch runs. Identity fields and the CDS are enough to spread the hash;
        # equality still compares every field.
        return hash((self.transcript_id, self.name, self.gene, self.contig, self.cds))

    @property
    def label(self) -> str:
        """The most precise identifier available (versioned ENST, else the name)."""
        return self.transcript_id or self.name

    @property
    def display(self) -> str:
        """``ENST00000389048.8 (ALK-201, MANE Select)``-style label."""
        tags = []
        if self.transcript_id and self.name and self.name != self.transcript_id:
            tags.append(self.name)
        if (
            self.transcript_id
            and self.transcript_id.startswith("ENS")
            and "." not in self.transcript_id
        ):
            # The ENST was matched from another release (see the transcript's source).
            tags.append("version unknown")
        if self.is_mane_select:
            tags.append("MANE Select")
        elif self.is_canonical:
            tags.append("Ensembl canonical")
        return f"{self.label} ({', '.join(tags)})" if tags else self.label

    @property
    def n_exons(self) -> int:
        return len(self.exons)


@dataclass(frozen=True, slots=True)
class ExonCoding:
    """Where one exon sits in transcript and CDS coordinates (pure derivation).

    ``cds_first``/``cds_last`` are CDS nucleotide numbers of the exon's first and
    last coding base (None when the exon holds no CDS). ``utr5_after`` is, for an
    exon entirely in the 5' UTR, how many 5'-UTR bases follow its last base before
    the start codon; ``utr5_before`` is, for an exon starting in the 5' UTR, how many
    5'-UTR bases precede the start codon from the exon's first base onwards.
    """

    number: int
    tx_first: int
    tx_last: int
    cds_first: int | None
    cds_last: int | None
    start_region: Region
    end_region: Region
    start_phase: int | None
    end_phase: int | None
    utr5_from_start: int = 0
    utr5_after_end: int = 0


@dataclass(frozen=True, slots=True)
class Locus:
    """One annotated gene of any biotype (GENCODE ``gene_type``): its span on the genome
    (1-based, inclusive), strand and a short description (empty when none is known)."""

    symbol: str
    gene_id: str | None
    biotype: str
    contig: str
    start: int
    end: int
    strand: Strand
    description: str = ""

    @property
    def is_protein_coding(self) -> bool:
        return self.biotype == "protein_coding"

    def covers(self, contig: str, position: int) -> bool:
        return self.contig == normalise_contig(contig) and self.start <= position <= self.end

    def distance_to(self, position: int) -> int:
        """Signed distance from ``position`` to the nearest base of the gene: 0 inside it,
        negative when the gene lies at lower coordinates, positive when at higher ones."""
        if position < self.start:
            return self.start - position
        if position > self.end:
            return self.end - position
        return 0

    def relation(self, position: int) -> str:
        """Where ``position`` lies relative to the gene, by its strand: ``12 kb downstream
        of ALK`` (past its 3' end), ``3.4 kb upstream of ALK`` (before its 5' end), ``in ALK``."""
        d = self.distance_to(position)
        if d == 0:
            return f"in {self.symbol}"
        # d > 0: the gene is to the right of the base, i.e. the base is left of the gene.
        base_left = d > 0
        upstream = base_left if self.strand == "+" else not base_left
        side = "upstream" if upstream else "downstream"
        return f"{_distance_text(abs(d))} {side} of {self.symbol}"


def _distance_text(n: int) -> str:
    if n < 1_000:
        return f"{n} bp"
    if n < 10_000:
        return f"{n / 1_000:.1f} kb"
    if n < 1_000_000:
        return f"{round(n / 1_000)} kb"
    return f"{n / 1_000_000:.1f} Mb"


@dataclass(frozen=True, slots=True)
class GeneAlias:
    """Another name of an approved gene symbol: ``kind`` is ``previous symbol`` or ``alias``;
    ``source`` says where the pair comes from."""

    alias: str
    symbol: str
    kind: Literal["previous symbol", "alias"]
    source: str


@dataclass(frozen=True, slots=True)
class GeneName:
    """How a gene name given by the user was read.

    ``symbol`` is the approved symbol used; ``given`` the name as written; ``kind`` says
    which list it came from; ``candidates`` are every approved symbol the name could mean
    when it was ambiguous and ``chosen_by`` says what picked ``symbol`` among them.
    """

    given: str
    symbol: str
    kind: Literal["approved", "previous symbol", "alias"]
    source: str = ""
    candidates: tuple[str, ...] = ()
    chosen_by: str = ""

    @property
    def renamed(self) -> bool:
        """True when the input used another name than the approved symbol."""
        return self.kind != "approved"

    @property
    def statement(self) -> str:
        """One line for the output: ``MLL → KMT2A (alias)``."""
        if not self.renamed:
            return f"{self.symbol} (approved symbol)"
        text = f"{self.given} → {self.symbol} ({self.kind}"
        if self.candidates and self.chosen_by:
            others = ", ".join(c for c in self.candidates if c != self.symbol)
            text += f"; also a name of {others}; {self.chosen_by}"
        return text + ")"


@dataclass(frozen=True, slots=True)
class Domain:
    """A protein feature in amino-acid coordinates of one protein (1-based, inclusive)."""

    name: str
    start: int
    end: int
    source: str
    kind: str = "domain"
    accession: str | None = None
    description: str = ""

    @property
    def length(self) -> int:
        return self.end - self.start + 1


@dataclass(frozen=True, slots=True)
class ProteinSequence:
    """A protein sequence, possibly partial: unknown residues are ``X``."""

    sequence: str
    source: str
    complete: bool = True
    note: str = ""


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """Provenance of one annotation source (bundle, release, domain database)."""

    name: str
    version: str
    details: tuple[tuple[str, str], ...] = ()

    def as_dict(self) -> dict[str, str]:
        return {"name": self.name, "version": self.version, **dict(self.details)}


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
class PartnerSpec:
    """What the user said about one partner: a gene or transcript and an exon,
    or a genomic breakpoint."""

    gene: str | None = None
    transcript: str | None = None
    exon: int | None = None
    breakpoint: GenomicPosition | None = None
    #: An HGVS-style r./c. position on ``transcript`` (``775``, ``-115``, ``*1924``): the last
    #: (5') or first (3') base of the partner in the fusion RNA; resolved to an exon boundary.
    rna_position: str | None = None


@dataclass(frozen=True, slots=True)
class JunctionSequence:
    """The fusion RNA around the junction as a caller assembled it, in
    transcription order: ``five`` ends with the 5' partner's last base, ``three``
    starts with the 3' partner's first base; ``inserted`` holds non-templated bases
    between them. ``source`` names the column it came from."""

    five: str
    three: str
    source: str
    inserted: str = ""


@dataclass(frozen=True, slots=True)
class LiftedPositions:
    """A request whose breakpoints were lifted from another build: the positions
    as the input gave them (``five_prime``/``three_prime``, None for a partner
    without a breakpoint), the builds and the chain used."""

    from_build: str
    to_build: str
    five_prime: GenomicPosition | None
    three_prime: GenomicPosition | None
    chain: str

    def describe(self, new5: GenomicPosition | None, new3: GenomicPosition | None) -> str:
        """``lifted GRCh37 -> GRCh38: 5' chr2:42492091 -> chr2:42264951; 3' ...``."""
        parts = []
        for role, old, new in (("5'", self.five_prime, new5), ("3'", self.three_prime, new3)):
            if old is not None and new is not None:
                parts.append(f"{role} {_plain(old)} -> {_plain(new)}")
        return f"lifted {self.from_build} -> {self.to_build}: {'; '.join(parts)} ({self.chain})"


def _plain(p: GenomicPosition) -> str:
    return f"chr{p.contig}:{p.position}"


@dataclass(frozen=True, slots=True)
class FusionRequest:
    """A parsed fusion: 5' and 3' partner specs plus where it came from.

    ``breakpoint_meaning`` says what genomic breakpoints name (see
    :data:`BreakpointMeaning`); exon-level requests ignore it.
    """

    five_prime: PartnerSpec
    three_prime: PartnerSpec
    text: str = ""
    line: int | None = None
    extra: tuple[tuple[str, str], ...] = ()
    breakpoint_meaning: BreakpointMeaning = "rna"
    junction_sequence: JunctionSequence | None = None
    #: How a notation that needed interpreting was read (``BCR::ABL1 e13a2 = BCR exon 13 ::
    #: ABL1 exon 2 (...)``), one sentence each, with the definition's citation.
    reading: tuple[str, ...] = ()
    #: set when the breakpoints were lifted from another build (both coordinates)
    lifted: LiftedPositions | None = None


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
