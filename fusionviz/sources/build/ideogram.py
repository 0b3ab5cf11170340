"""npm ideogram 1.53.0 (Ensembl 110): gene table, transcript structures, protein features."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from fusionviz.models import normalise_contig
from fusionviz.sources.build.constants import IDEOGRAM, IDEOGRAM_BIOTYPES
from fusionviz.sources.build.records import Report, Tx, _open_text


def _ideogram_rows(path: Path) -> Iterable[list[str]]:
    with _open_text(path) as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            yield line.rstrip("\n").split("\t")


def read_ideogram_genes(path: Path) -> dict[str, tuple[str, int, str]]:
    """symbol -> (contig, gene start, ENSG id)."""
    out = {}
    for f in _ideogram_rows(path):
        ensg = f"ENSG{int(f[3]):011d}" if f[3].isdigit() else ""
        out[f[4]] = (normalise_contig(f[0]), int(f[1]), ensg)
    return out


def read_ideogram_structures(
    path: Path, genes: dict[str, tuple[str, int, str]], report: Report
) -> dict[str, list[Tx]]:
    """Every ideogram transcript (Ensembl 110), with the CDS from its UTR extents."""
    out: dict[str, list[Tx]] = defaultdict(list)
    for f in _ideogram_rows(path):
        name, offset, biotype_key, strand = f[0], int(f[1]), f[2], f[3]
        gene = name.rsplit("-", 1)[0]
        if gene not in genes:
            report.drop(f"{name}: gene not in ideogram's gene table")
            continue
        contig, gene_start, _ = genes[gene]
        left = gene_start + offset
        exons, utrs = [], []
        for feat in f[4:]:
            kind, s, ln = feat.split(";")
            # "length" in ideogram is end - start (inclusive length - 1).
            iv = (left + int(s), left + int(s) + int(ln))
            (exons if kind == "1" else utrs).append(iv)
        exons = sorted(set(exons), reverse=(strand == "-"))
        # CDS = exon bases not covered by any UTR piece (Ensembl GFF3: stop codon included).
        lo = hi = None
        for s, e in exons:
            pieces = [(s, e)]
            for us, ue in utrs:
                nxt = []
                for a, b in pieces:
                    if ue < a or us > b:
                        nxt.append((a, b))
                        continue
                    if a < us:
                        nxt.append((a, us - 1))
                    if ue < b:
                        nxt.append((ue + 1, b))
                pieces = nxt
            for a, b in pieces:
                lo = a if lo is None else min(lo, a)
                hi = b if hi is None else max(hi, b)
        cds = (lo, hi) if lo is not None and hi is not None else None
        biotype = IDEOGRAM_BIOTYPES.get(biotype_key)
        if biotype is None:
            report.drop(f"{name}: unknown ideogram biotype key {biotype_key}")
            continue
        out[gene].append(
            Tx(
                gene=gene,
                name=name,
                contig=contig,
                strand=strand,
                exons=exons,
                cds=cds,
                biotype=biotype,
                source=[f"structure: {IDEOGRAM} gene-structures (Ensembl 110 GFF3)"],
            )
        )
    return out


def _read_ideogram_protein_rows(path: Path) -> dict[str, dict[str, list[tuple[str, int, int]]]]:
    """gene -> transcript name -> [(key, start, end)] (deduplicated, in file order)."""
    out: dict[str, dict[str, list[tuple[str, int, int]]]] = defaultdict(dict)
    gene, base = None, 200
    with _open_text(path) as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            f = line.rstrip("\n").split("\t")
            label = f[0]
            if not re.fullmatch(r"-?\d+", label):
                gene, num = label.rsplit("-", 1)
                name = label
                # As ideogram's protein-cache-worker.js: isoform numbers are relative to the
                # canonical number's leading digit (ACE2-201: "7" = ACE2-207; MAPK10-319:
                # "-48" = MAPK10-252).
                base = int(num[0]) * 10 ** (len(num) - 1)
            else:
                name = f"{gene}-{base + int(label)}"
            feats: list[tuple[str, int, int]] = []
            for item in f[1:]:
                key, s, ln = item.rsplit(";", 2)
                ft = (key, int(s), int(s) + int(ln))  # "length" = end - start
                if ft not in feats:
                    feats.append(ft)
            out[gene][name] = feats  # type: ignore[index]
    return out


def _ideogram_legend(path: Path) -> dict[str, str]:
    with _open_text(path) as fh:
        fh.readline()
        legend = fh.readline()
    legend = legend.split(":", 1)[1]
    out = {}
    for item in legend.split("; "):
        k, _, v = item.strip().partition(" = ")
        out[k] = v
    return out
