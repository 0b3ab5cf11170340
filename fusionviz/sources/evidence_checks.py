"""Checks of the curated evidence tables against the annotation bundle (and Pfam
names upstream), run by :mod:`fusionviz.sources.build_evidence` before it writes."""

from __future__ import annotations

import gzip
from collections.abc import Iterable
from pathlib import Path

from fusionviz.errors import AnnotationDataError
from fusionviz.evidence.tables import (
    DOMAIN_CLASSES_FILE,
    GENE_FEATURES_FILE,
    parse_domain_classes,
    parse_gene_features,
)


def check_tables(bundle: Path, upstream: Path | None) -> tuple[dict, list[str]]:
    """Validate the curated tables against the bundle (and Pfam names upstream).
    Returns counts and findings; raises AnnotationDataError for a bad row."""
    from fusionviz.evidence.tables import ClassIndex, classify
    from fusionviz.sources.bundled import BundledSource

    classes = parse_domain_classes((bundle / DOMAIN_CLASSES_FILE).read_text(encoding="utf-8"))
    features = parse_gene_features((bundle / GENE_FEATURES_FILE).read_text(encoding="utf-8"))
    names = _bundle_names(bundle)
    pfam = _pfam_names(upstream) if upstream else {}
    findings = []
    for c in classes:
        if c.match.startswith(("PF", "IPR")):
            known = names.get(c.match, set()) | pfam.get(c.match, set())
            if not known:
                findings.append(f"{c.match} ({c.entry_name}): not in the bundle's domain table")
            elif c.entry_name not in known:
                raise AnnotationDataError(
                    f"{DOMAIN_CLASSES_FILE} line {c.line}: {c.match} is named "
                    f"{' / '.join(sorted(known))} in the data, not '{c.entry_name}'"
                )
    src = BundledSource(bundle)
    index = ClassIndex.of(classes)
    for f in features:
        t = src.transcript(f.reference_transcript, f.gene)
        plen = _protein_length(t)
        if plen != f.reference_length:
            raise AnnotationDataError(
                f"{GENE_FEATURES_FILE} line {f.line}: {t.label} codes {plen} aa, the row says "
                f"{f.reference_length}"
            )
        seq = src.protein_sequence(t)
        for pos, aa in f.check_residues:
            have = seq.sequence[pos - 1] if seq is not None else "X"
            if have not in ("X", aa):
                raise AnnotationDataError(
                    f"{GENE_FEATURES_FILE} line {f.line}: residue {pos} of {t.label} is "
                    f"{have}, the row says {aa}"
                )
            findings.append(
                f"{f.gene} residue {pos} = {have} ({'checked' if have == aa else 'no sequence'})"
            )
    classified = sum(1 for d in _all_domains(bundle) if classify(d, index) is not None)
    return {
        "domain_classes": len(classes),
        "gene_features": len(features),
        "bundle_features_classified": classified,
    }, findings


def _protein_length(t) -> int | None:
    from fusionviz.coordinates import protein_length

    return protein_length(t)


def _bundle_rows(bundle: Path) -> Iterable[dict[str, str]]:
    import csv

    with gzip.open(bundle / "domains.tsv.gz", "rt") as fh:
        r = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\")
        head = next(r)
        for row in r:
            yield dict(zip(head, row, strict=True))


def _bundle_names(bundle: Path) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for r in _bundle_rows(bundle):
        if r["accession"].startswith(("PF", "IPR")):
            out.setdefault(r["accession"], set()).add(r["name"])
    return out


def _all_domains(bundle: Path):
    from fusionviz.models import Domain

    for r in _bundle_rows(bundle):
        yield Domain(
            r["name"],
            int(r["start"]),
            int(r["end"]),
            r["source"],
            r["kind"],
            r["accession"] or None,
        )


def _pfam_names(upstream: Path) -> dict[str, set[str]]:
    """Pfam accession -> {id, description} from genome-nexus's pfamA.txt (Pfam 32)."""
    path = upstream / "genome_nexus_importer/pfamA.txt"
    out: dict[str, set[str]] = {}
    if path.is_file():
        for line in path.read_text().splitlines()[1:]:
            acc, pid, desc = (line.split("\t") + ["", ""])[:3]
            out[acc] = {pid, desc}
    return out
