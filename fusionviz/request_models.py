"""What the user asked for: one partner's spec, the caller's junction sequence,
lifted positions and the parsed fusion request."""

from __future__ import annotations

from dataclasses import dataclass

from fusionviz.genome_models import BreakpointMeaning, GenomicPosition


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
