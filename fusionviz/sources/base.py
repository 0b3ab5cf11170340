"""The one interface between fusionviz and annotation data.

Everything downstream (frame, domains, annotate, report, layout) receives
models from an :class:`AnnotationSource` and never touches files, pyensembl or
the network itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

from fusionviz.models import Domain, GeneAlias, Locus, ProteinSequence, SourceInfo, Transcript

if TYPE_CHECKING:
    from fusionviz.evidence.models import CuratedFeature, DomainClass, GeneExpression


@runtime_checkable
class AnnotationSource(Protocol):
    """Transcript models, domains and sequences for a set of genes."""

    def provenance(self) -> tuple[SourceInfo, ...]:
        """Name and version of the bundle/release and of every domain database."""
        ...

    def gene_symbols(self) -> tuple[str, ...]:
        """All gene symbols this source can answer for."""
        ...

    def has_gene(self, gene: str) -> bool:
        """True when ``gene`` (case-insensitive symbol) is known."""
        ...

    def transcripts(self, gene: str) -> tuple[Transcript, ...]:
        """Every transcript of ``gene``, default (MANE Select) first.

        Raises UnknownGeneError (with close matches) for an unknown symbol.
        """
        ...

    def default_transcript(self, gene: str) -> Transcript:
        """MANE Select where there is one, else the Ensembl canonical transcript."""
        ...

    def transcript(self, identifier: str, gene: str | None = None) -> Transcript:
        """Look up a transcript by ENST (with or without version), Ensembl
        transcript name (HMBOX1-203) or RefSeq NM_ accession (MANE pairs).

        Raises UnknownTranscriptError when unknown or not of ``gene``.
        """
        ...

    def domains(self, transcript: Transcript) -> tuple[Domain, ...]:
        """Protein features in aa coordinates of ``transcript``'s protein.

        Empty when no source describes that protein (e.g. a non-canonical
        isoform whose length differs from the annotated protein).
        """
        ...

    def protein_sequence(self, transcript: Transcript) -> ProteinSequence | None:
        """The protein of ``transcript`` when known (possibly partial, X = unknown)."""
        ...

    def cdna_sequence(self, transcript: Transcript) -> str | None:
        """Spliced transcript sequence (exon 1 .. last exon) when known."""
        ...

    def genes_at(self, contig: str, position: int) -> tuple[str, ...]:
        """Symbols of genes whose span (any transcript) covers contig:position."""
        ...

    # Evidence data (fusionviz.evidence). Code that consumes them must tolerate sources
    # written before these existed: fusionviz.evidence treats a missing method as "no data".

    def domain_classes(self) -> tuple[DomainClass, ...]:
        """Curated domain families -> functional class (kinase, DNA-binding,
        oligomerization, receptor regions, RAS-binding), each with its citation."""
        ...

    def curated_features(self, transcript: Transcript) -> tuple[CuratedFeature, ...]:
        """Curated gene-specific features (e.g. the EML4 trimerization domain) in aa
        coordinates of ``transcript``'s protein; empty when none applies to it."""
        ...

    def expression(self, gene: str) -> GeneExpression | None:
        """The gene's highest-median GTEx tissues, or None when there are no data."""
        ...

    def evidence_provenance(self) -> tuple[SourceInfo, ...]:
        """Versions of the curated tables and of the expression data."""
        ...

    def loci_at(self, contig: str, position: int) -> tuple[Locus, ...]:
        """Every gene, of any biotype (lncRNA, pseudogene, IG segment, read-through ...),
        whose span covers contig:position, by position; empty in intergenic DNA."""
        ...

    def nearest_loci(self, contig: str, position: int, n: int = 2) -> tuple[tuple[Locus, int], ...]:
        """The ``n`` genes nearest to a base that no gene covers, with at least one on each
        side when both sides have one, as (locus, signed distance from the base to the gene's
        nearest base: negative = the gene lies at lower coordinates), sorted by distance."""
        ...

    def locus(self, symbol: str) -> Locus | None:
        """The gene with this approved symbol (case-insensitive, any biotype), or None.
        Previous symbols and aliases are resolved by :mod:`fusionviz.names` first."""
        ...

    def aliases(self, name: str) -> tuple[GeneAlias, ...]:
        """The approved symbols that ``name`` is a previous symbol or alias of (empty when
        the source knows none)."""
        ...
