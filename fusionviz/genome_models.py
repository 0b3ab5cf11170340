"""Genome-side value objects: positions, exons, transcripts, loci, gene names,
domains, protein sequences and source provenance.

Coordinate conventions are defined once, in :mod:`fusionviz.models`.
"""

from __future__ import annotations

from dataclasses import dataclass
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
