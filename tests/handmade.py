"""Hand-made transcripts and a tiny in-memory AnnotationSource for pure tests.

``make_transcript`` lays exons out on either strand from their lengths, so a
test can state phases in transcript terms and check that both strands agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fusionviz.errors import UnknownGeneError, UnknownTranscriptError
from fusionviz.models import (
    Domain,
    Exon,
    GeneAlias,
    Locus,
    ProteinSequence,
    SourceInfo,
    Transcript,
)


def make_transcript(
    gene: str,
    exon_lengths: list[int],
    *,
    cds_tx: tuple[int, int] | None,
    strand: str = "+",
    name: str | None = None,
    origin: int = 10_000,
    intron: int = 100,
    contig: str = "1",
    mane: bool = True,
) -> Transcript:
    """A transcript whose exons have the given lengths (exon 1 first) and whose CDS
    spans cDNA ``cds_tx`` (first base of ATG, last base of the stop codon)."""
    spans = []
    pos = origin
    for length in exon_lengths:
        spans.append((pos, pos + length - 1))
        pos += length + intron
    if strand == "-":
        # Mirror: exon 1 gets the highest coordinates.
        top = spans[-1][1]
        spans = [(origin + top - e, origin + top - s) for s, e in spans]
    exons = tuple(Exon(i + 1, s, e) for i, (s, e) in enumerate(spans))
    cds = None
    if cds_tx is not None:
        g = [_tx_to_genomic(exons, strand, x) for x in cds_tx]
        cds = (min(g), max(g))
    return Transcript(
        name=name or f"{gene}-201",
        gene=gene,
        contig=contig,
        strand=strand,  # type: ignore[arg-type]
        exons=exons,
        cds=cds,
        transcript_id=None,
        is_mane_select=mane,
        source="hand-made",
    )


def _tx_to_genomic(exons: tuple[Exon, ...], strand: str, tx: int) -> int:
    first = 1
    for e in exons:
        if first <= tx < first + e.length:
            off = tx - first
            return e.start + off if strand == "+" else e.end - off
        first += e.length
    raise ValueError(tx)


@dataclass
class FakeSource:
    """An AnnotationSource over hand-made transcripts (first per gene = default)."""

    genes: dict[str, list[Transcript]]
    domain_map: dict[str, list[Domain]] = field(default_factory=dict)
    sequences: dict[str, str] = field(default_factory=dict)
    cdna: dict[str, str] = field(default_factory=dict)
    loci: list[Locus] = field(default_factory=list)
    alias_list: list[GeneAlias] = field(default_factory=list)

    def provenance(self) -> tuple[SourceInfo, ...]:
        return (SourceInfo("hand-made", "test"),)

    def gene_symbols(self) -> tuple[str, ...]:
        return tuple(self.genes)

    def has_gene(self, gene: str) -> bool:
        return gene.upper() in self.genes

    def transcripts(self, gene: str) -> tuple[Transcript, ...]:
        try:
            return tuple(self.genes[gene.upper()])
        except KeyError:
            raise UnknownGeneError(gene, self.genes) from None

    def default_transcript(self, gene: str) -> Transcript:
        return self.transcripts(gene)[0]

    def transcript(self, identifier: str, gene: str | None = None) -> Transcript:
        for ts in self.genes.values():
            for t in ts:
                if t.name.upper() == identifier.upper():
                    return t
        raise UnknownTranscriptError(f"unknown transcript {identifier}")

    def domains(self, transcript: Transcript) -> tuple[Domain, ...]:
        return tuple(self.domain_map.get(transcript.name, ()))

    def protein_sequence(self, transcript: Transcript) -> ProteinSequence | None:
        s = self.sequences.get(transcript.name)
        return ProteinSequence(s, "hand-made") if s else None

    def cdna_sequence(self, transcript: Transcript) -> str | None:
        return self.cdna.get(transcript.name)

    def genes_at(self, contig: str, position: int) -> tuple[str, ...]:
        return ()

    def loci_at(self, contig: str, position: int) -> tuple[Locus, ...]:
        return tuple(loc for loc in self.loci if loc.covers(contig, position))

    def nearest_loci(self, contig: str, position: int, n: int = 2) -> tuple[tuple[Locus, int], ...]:
        from fusionviz.sources.loci import nearest_of

        on = [loc for loc in self.loci if loc.contig == contig]
        left = sorted((x for x in on if x.end < position), key=lambda x: -x.end)
        right = sorted((x for x in on if x.start > position), key=lambda x: x.start)
        return nearest_of(left, right, position, n)

    def locus(self, symbol: str) -> Locus | None:
        return next((x for x in self.loci if x.symbol.upper() == symbol.upper()), None)

    def aliases(self, name: str) -> tuple[GeneAlias, ...]:
        return tuple(a for a in self.alias_list if a.alias.upper() == name.strip().upper())


def with_extra_first_exon(t: Transcript, length: int, *, name: str, gap: int = 100) -> Transcript:
    """``t`` with one more non-coding exon upstream of its exon 1: the same genomic
    exons, numbered one higher (the HMBOX1-203 situation)."""
    first = t.exons[0]
    if t.strand == "+":
        extra = Exon(1, first.start - gap - length, first.start - gap - 1)
    else:
        extra = Exon(1, first.end + gap + 1, first.end + gap + length)
    renumbered = tuple(Exon(e.number + 1, e.start, e.end) for e in t.exons)
    return Transcript(
        name=name,
        gene=t.gene,
        contig=t.contig,
        strand=t.strand,
        exons=(extra,) + renumbered,
        cds=t.cds,
        source=t.source,
    )
