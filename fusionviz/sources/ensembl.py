"""Adapter from pyensembl transcripts to :class:`fusionviz.models.Transcript`.

Used by the bundled source (a ``pyensembl.Genome`` over a GTF generated from the bundle)
and meant to serve ``pyensembl.EnsemblRelease`` unchanged. pyensembl is imported lazily
by the callers; this module only reads attributes of the objects it is given.

CDS convention: pyensembl 2.32 ``coding_sequence_position_ranges`` include the stop codon
(ALK ENST00000389048: 4863 nt = 1620 codons + stop). The adapter does not rely on that: the
CDS span is the union of those ranges and the start/stop codon positions, which is the
fusionviz convention (stop codon included) whichever way pyensembl counts.
"""

from __future__ import annotations

import contextlib
from typing import Any

from fusionviz.models import Exon, Transcript, normalise_contig


def cds_span(pt: Any) -> tuple[int, int] | None:
    """Genomic (low, high) of the CDS including the stop codon, or None if non-coding."""
    if not _has_cds(pt):
        return None
    positions: list[int] = []
    for lo, hi in pt.coding_sequence_position_ranges:
        positions += [lo, hi]
    for attr in ("start_codon_positions", "stop_codon_positions"):
        # pyensembl raises ValueError when the codon is not annotated.
        with contextlib.suppress(ValueError):
            positions += list(getattr(pt, attr))
    return (min(positions), max(positions)) if positions else None


def _has_cds(pt: Any) -> bool:
    try:
        return bool(pt.coding_sequence_position_ranges)
    except ValueError:
        return False


def transcript_from_pyensembl(
    pt: Any,
    *,
    gene: str | None = None,
    name: str | None = None,
    transcript_id: str | None = None,
    gene_id: str | None = None,
    exon_ids: tuple[str | None, ...] | None = None,
    is_mane_select: bool = False,
    is_canonical: bool = False,
    refseq: str | None = None,
    protein_id: str | None = None,
    uniprot: str | None = None,
    source: str = "",
) -> Transcript:
    """Convert one pyensembl ``Transcript`` to the fusionviz model.

    Keyword arguments override what pyensembl knows (pyensembl keeps no tags, RefSeq or
    UniProt ids, and versions only when the GTF carries them). Without an override,
    ``transcript_id`` is pyensembl's versioned id, or None when the GTF used the
    transcript name as its id (a transcript with no known ENST).
    """
    if transcript_id is None:
        tid = pt.transcript_id
        transcript_id = None if tid == pt.transcript_name else (_versioned(pt) or tid)
    exons_pe = list(pt.exons)  # pyensembl lists exons in transcription order
    if exon_ids is None:
        exon_ids = tuple(e.exon_id if e.exon_id.startswith("ENS") else None for e in exons_pe)
    exons = tuple(
        Exon(number=i + 1, start=e.start, end=e.end, exon_id=eid)
        for i, (e, eid) in enumerate(zip(exons_pe, exon_ids, strict=True))
    )
    cds = cds_span(pt) if pt.biotype in _CODING or _has_cds(pt) else None
    return Transcript(
        name=name or pt.transcript_name or pt.transcript_id,
        gene=gene or pt.gene_name,
        contig=normalise_contig(pt.contig),
        strand=pt.strand,
        exons=exons,
        cds=cds,
        transcript_id=transcript_id,
        gene_id=gene_id or pt.gene_id,
        biotype=pt.biotype,
        is_mane_select=is_mane_select,
        is_canonical=is_canonical,
        refseq=refseq,
        protein_id=protein_id or (pt.protein_id or None),
        uniprot=uniprot,
        source=source,
    )


_CODING = {"protein_coding", "nonsense_mediated_decay", "non_stop_decay", "protein_coding_LoF"}


def _versioned(pt: Any) -> str | None:
    version = getattr(pt, "transcript_version", None)
    return f"{pt.transcript_id}.{version}" if version else None
