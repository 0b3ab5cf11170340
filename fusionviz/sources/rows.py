"""Bundle transcript rows and their conversion to :class:`~fusionviz.models.Transcript`."""

from __future__ import annotations

from fusionviz.models import Exon, Transcript, normalise_contig


class _Row(dict):
    """One ``transcripts.tsv.gz`` row (column name -> text)."""

    @property
    def internal_id(self) -> str:
        """The ENST without version, else the name (unique within the bundle)."""
        return self["transcript_id"].split(".")[0] if self["transcript_id"] else self.name

    @property
    def name(self) -> str:
        return self["transcript_name"]


def transcript_from_row(row: _Row, bundle: str) -> Transcript:
    """The fusionviz model of one bundle row (exons in transcription order, CDS incl. stop)."""
    tags = row["tags"].split(",")
    starts = [int(x) for x in row["exon_starts"].split(",")]
    ends = [int(x) for x in row["exon_ends"].split(",")]
    ids = row["exon_ids"].split(",") if row["exon_ids"] else [""] * len(starts)
    if len(ids) != len(starts):
        ids = [""] * len(starts)
    exons = tuple(
        Exon(number=n, start=s, end=e, exon_id=eid or None)
        for n, (s, e, eid) in enumerate(zip(starts, ends, ids, strict=True), 1)
    )
    cds = (int(row["cds_low"]), int(row["cds_high"])) if row["cds_low"] else None
    return Transcript(
        name=row.name,
        gene=row["gene"],
        contig=normalise_contig(row["contig"]),
        strand=row["strand"],  # type: ignore[arg-type]
        exons=exons,
        cds=cds,
        transcript_id=row["transcript_id"] or None,
        gene_id=row["gene_id"] or row["gene"],
        biotype=row["biotype"],
        is_mane_select="MANE_Select" in tags,
        is_canonical="Ensembl_canonical" in tags,
        refseq=row["refseq"] or None,
        protein_id=row["protein_id"] or None,
        uniprot=row["uniprot"] or None,
        source=f"{bundle}: {row['source']}",
    )


def _coding_segments(t: Transcript) -> tuple[tuple[int, int], ...]:
    if t.cds is None:
        return ()
    lo, hi = t.cds
    return tuple(
        (max(e.start, lo), min(e.end, hi)) for e in t.exons if max(e.start, lo) <= min(e.end, hi)
    )


def _row_coding_segments(r: _Row) -> tuple[tuple[int, int], ...]:
    lo, hi = int(r["cds_low"]), int(r["cds_high"])
    starts = [int(x) for x in r["exon_starts"].split(",")]
    ends = [int(x) for x in r["exon_ends"].split(",")]
    return tuple(
        (max(s, lo), min(e, hi))
        for s, e in zip(starts, ends, strict=True)
        if max(s, lo) <= min(e, hi)
    )


def _protein_length(t: Transcript) -> int:
    return sum(b - a + 1 for a, b in _coding_segments(t)) // 3 - 1
