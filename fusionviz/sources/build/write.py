"""Writing the bundle: sorted gzip TSVs and FASTA with mtime 0 (byte-for-byte reproducible)."""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from fusionviz.sources.build.assemble import Bundle
from fusionviz.sources.build.constants import (
    BUNDLE_NAME,
    BUNDLE_VERSION,
    DOMAIN_COLUMNS,
    ENSEMBL_RELEASE,
    FORMAT_VERSION,
    GENCODE,
    GENE_COLUMNS,
    GENOME_BUILD_COMMAND,
    GENOME_BUNDLE_NAME,
    GENOME_BUNDLE_VERSION,
    TRANSCRIPT_COLUMNS,
)
from fusionviz.sources.build.loci import LOCUS_COLUMNS
from fusionviz.sources.build.provenance import _provenance_md, _subject_gene
from fusionviz.sources.build.records import Tx
from fusionviz.sources.build.synonyms import ALIAS_COLUMNS


def _gz_bytes(text: str) -> bytes:
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(text.encode())
    return buf.getvalue()


def _tsv(columns: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    out = io.StringIO()
    w = csv.writer(
        out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\"
    )
    w.writerow(columns)
    for r in rows:
        w.writerow(r)
    return out.getvalue()


def transcript_row(t: Tx) -> tuple[str, ...]:
    cds = t.cds or ("", "")
    return (
        t.gene,
        t.gene_id,
        t.transcript_id,
        t.name,
        t.contig,
        t.strand,
        t.biotype,
        ",".join(t.tags),
        str(cds[0]),
        str(cds[1]),
        ",".join(str(s) for s, _ in t.exons),
        ",".join(str(e) for _, e in t.exons),
        ",".join(t.exon_ids),
        t.refseq,
        t.protein_id,
        t.uniprot,
        ",".join(t.aliases),
        "; ".join(t.source),
    )


def _gene_rows(txs: list[Tx]) -> tuple[list[tuple[str, ...]], dict[str, list[Tx]]]:
    """genes.tsv rows (span over every transcript, default transcript) and transcripts by gene."""
    genes = []
    by_gene: dict[str, list[Tx]] = defaultdict(list)
    for t in txs:
        by_gene[t.gene].append(t)
    for g, ts in sorted(by_gene.items()):
        lo = min(s for t in ts for s, _ in t.exons)
        hi = max(e for t in ts for _, e in t.exons)
        default = next((t.transcript_id or t.name for t in ts if t.is_default), ts[0].name)
        genes.append(
            (g, ts[0].gene_id, ts[0].contig, str(lo), str(hi), ts[0].strand, str(len(ts)), default)
        )
    return genes, by_gene


def _data_files(b: Bundle, txs: list[Tx], genes: list[tuple[str, ...]]) -> dict[str, bytes]:
    """The gzip TSV and FASTA files of the bundle, by file name."""
    files: dict[str, bytes] = {}
    files["transcripts.tsv.gz"] = _gz_bytes(_tsv(TRANSCRIPT_COLUMNS, map(transcript_row, txs)))
    files["genes.tsv.gz"] = _gz_bytes(_tsv(GENE_COLUMNS, genes))
    files["domains.tsv.gz"] = _gz_bytes(
        _tsv(
            DOMAIN_COLUMNS,
            sorted(b.domains, key=lambda d: (d[0], d[1], d[3], int(d[8]), int(d[9]), d[5], d[6])),
        )
    )
    fa = "".join(
        f">{h}\n" + "".join(s[i : i + 60] + "\n" for i in range(0, len(s), 60))
        for h, s, _ in sorted(b.proteins, key=lambda p: (p[2], p[0]))
    )
    files["proteins.fa.gz"] = _gz_bytes(fa)
    files["loci.tsv.gz"] = _gz_bytes(_tsv(LOCUS_COLUMNS, (r.row() for r in b.loci)))
    files["aliases.tsv.gz"] = _gz_bytes(_tsv(ALIAS_COLUMNS, (r.row() for r in b.aliases)))
    if b.cdna:
        files["cdna.fa.gz"] = _gz_bytes("".join(f">{h}\n{s}\n" for h, s in sorted(b.cdna)))
    return files


def _counts(b: Bundle, txs: list[Tx], genes: list, by_gene: dict[str, list[Tx]]) -> dict[str, int]:
    """The manifest's counts of what the bundle holds."""
    return {
        "genes": len(genes),
        "transcripts": len(txs),
        "mane_select": sum(t.is_mane for t in txs),
        "genes_without_mane": sum(1 for g in genes if not any(t.is_mane for t in by_gene[g[0]])),
        "with_ensembl_id": sum(bool(t.transcript_id) for t in txs),
        "with_refseq": sum(bool(t.refseq) for t in txs),
        "domains": len(b.domains),
        "proteins_complete": sum(1 for h, _, _ in b.proteins if "complete=yes" in h),
        "proteins_partial": sum(1 for h, _, _ in b.proteins if "complete=no" in h),
        "cdna": len(b.cdna),
        "loci": len(b.loci),
        "loci_protein_coding": sum(r.biotype == "protein_coding" for r in b.loci),
        "aliases": len(b.aliases),
        "previous_symbols": sum(r.kind == "previous symbol" for r in b.aliases),
    }


def _manifest(b: Bundle, upstream_label: str, counts: dict, files: dict[str, bytes]) -> dict:
    """manifest.json's content: names, versions, sources, counts and each file's SHA-256."""
    return {
        "name": GENOME_BUNDLE_NAME if b.genome_wide else BUNDLE_NAME,
        "version": GENOME_BUNDLE_VERSION if b.genome_wide else BUNDLE_VERSION,
        "format_version": FORMAT_VERSION,
        "genome_build": "GRCh38",
        "ensembl_release": ENSEMBL_RELEASE,
        "gencode": GENCODE,
        "built_from": upstream_label,
        "build_command": GENOME_BUILD_COMMAND
        if b.genome_wide
        else "python -m fusionviz.sources.build --upstream ../shared/upstream --out annotations",
        "sources": b.sources,
        "counts": counts,
        "files": {n: hashlib.sha256(d).hexdigest() for n, d in sorted(files.items())},
    }


def write_bundle(b: Bundle, out: Path, upstream_label: str) -> dict[str, int]:
    out.mkdir(parents=True, exist_ok=True)
    txs = sorted(b.transcripts, key=lambda t: (t.gene, not t.is_default, t.name))
    genes, by_gene = _gene_rows(txs)
    files = _data_files(b, txs, genes)
    counts = _counts(b, txs, genes, by_gene)
    manifest = _manifest(b, upstream_label, counts, files)
    files["manifest.json"] = (json.dumps(manifest, indent=2, sort_keys=True) + "\n").encode()
    if b.genome_wide:
        # Every per-gene message of the genome-wide build; PROVENANCE.md keeps the panel ones
        # and a count per reason.
        files["build_report.tsv.gz"] = _gz_bytes(
            _tsv(
                ("kind", "gene", "message"),
                [(k, _subject_gene(m), m) for k, ms in b.report.kinds() for m in ms],
            )
        )
        manifest["files"]["build_report.tsv.gz"] = hashlib.sha256(
            files["build_report.tsv.gz"]
        ).hexdigest()
        files["manifest.json"] = (json.dumps(manifest, indent=2, sort_keys=True) + "\n").encode()
    files["PROVENANCE.md"] = _provenance_md(manifest, b.report, b).encode()
    for name, data in files.items():
        (out / name).write_bytes(data)
    return counts
