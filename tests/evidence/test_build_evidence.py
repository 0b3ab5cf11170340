"""``python -m fusionviz.sources.build_evidence`` (tests for fusionviz/sources/
build_evidence.py, kept with the evidence tests): the ideogram tissue cache is read as
its worker documents it, the build is reproducible and the committed outputs match."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import shutil
import tarfile
from pathlib import Path

import pytest

from fusionviz.errors import AnnotationDataError
from fusionviz.sources import build_evidence as be

REPO = Path(__file__).resolve().parents[2]
BUNDLE = REPO / "annotations"

# Entries as the package writes them: 16 values; 15 (min omitted); 14 (min, q1 omitted);
# 13 (min, q1, median omitted: median 0); empty fields are zeros.
TISSUES = (
    "## tissues: Adipose_Subcutaneous,FF6600,663;Brain_Cortex,EEEE00,255;Liver,AABB66,226\n"
    "# gene\ttissue_metrics\n"
    "SQSTM1\t2;33.6;108.5;155.2;230.5;958.5;288;290;145;55;15;5;1;2;;\t0;40.7;93.6;114.6;132.5;241;12;60;143;185;157;70;26;7;;2\n"
    "AARS\t1;.78;1.43;2.23;9.24;203;214;151;50;16;16;2;5;1;4\t0;.13;.3;.74;22.69;220;6;2;1;1;1;;;;1\n"
    "LOW\t2;5.12;286.6;56;6;6;3;3;1;;;;2\n"
    "DUP\t0;1;2;3;4;5;1;1;1;1;1;1;1;1;1;1\n"
    "DUP\t1;1;2;3;4;5;1;1;1;1;1;1;1;1;1;1\n"
)
SYNONYMS = "## synonyms\n# symbol\tsynonyms\nAARS1\tAARS\tCMT2N\n"


def test_entries_with_omitted_zero_statistics_give_the_right_median():
    t = be.parse_tissues(TISSUES)
    assert t.names == ["Adipose_Subcutaneous", "Brain_Cortex", "Liver"]
    assert t.samples == [663, 255, 226]
    assert t.lines["SQSTM1"] == [(2, 155.2), (0, 114.6)]
    assert t.lines["AARS"] == [(1, 1.43), (0, 0.3)]
    assert t.lines["LOW"] == [(2, 0.0)]
    assert t.duplicates == {"DUP"}


def test_a_malformed_entry_is_refused():
    with pytest.raises(AnnotationDataError, match="unexpected entry"):
        be.parse_tissues(TISSUES + "BAD\t0;1;2\n")


def test_bundle_genes_map_to_their_own_or_a_unique_former_symbol():
    t = be.parse_tissues(TISSUES)
    mapping = be.map_genes(["SQSTM1", "AARS1", "DUP", "NONE"], t, be.parse_synonyms(SYNONYMS))
    assert mapping == {"SQSTM1": "SQSTM1", "AARS1": "AARS"}


def _fake_package(folder: Path) -> Path:
    path = folder / be.IDEOGRAM_TGZ
    with tarfile.open(path, "w:gz") as tar:
        for name, text in ((be.TISSUES_MEMBER, TISSUES), (be.SYNONYMS_MEMBER, SYNONYMS)):
            data = gzip.compress(text.encode(), mtime=0)
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def _bundle_copy(tmp: Path) -> Path:
    out = tmp / "bundle"
    out.mkdir()
    for f in BUNDLE.iterdir():
        if f.is_file():
            (out / f.name).symlink_to(f) if f.stat().st_size > 100_000 else shutil.copy(f, out)
    for name in (be.EXPRESSION_FILE, be.MANIFEST, be.PROVENANCE):
        (out / name).unlink(missing_ok=True)
    return out


def test_the_build_is_reproducible_and_records_its_inputs(tmp_path):
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    _fake_package(pkg)
    out = _bundle_copy(tmp_path)
    be.build(pkg, out, None)
    first = (out / be.EXPRESSION_FILE).read_bytes()
    be.build(pkg, out, None)
    assert (out / be.EXPRESSION_FILE).read_bytes() == first
    text = gzip.decompress(first).decode()
    assert "SQSTM1\tSQSTM1\tordered\t2:155.2,0:114.6" in text
    assert "AARS1\tAARS\tordered\t1:1.43,0:0.3" in text
    manifest = json.loads((out / be.MANIFEST).read_text())
    assert manifest["counts"]["bundle_genes_with_expression"] == 2
    assert "GTEx" in (out / be.PROVENANCE).read_text()


def test_a_missing_package_says_how_to_fetch_it(tmp_path):
    with pytest.raises(AnnotationDataError, match="npm pack ideogram@1.53.0"):
        be.read_ideogram(tmp_path / be.IDEOGRAM_TGZ)


def test_the_committed_evidence_files_are_those_the_manifest_records():
    manifest = json.loads((BUNDLE / be.MANIFEST).read_text())
    for name, sha in manifest["files"].items():
        assert hashlib.sha256((BUNDLE / name).read_bytes()).hexdigest() == sha, (
            f"{name} changed since the last build: rerun python -m fusionviz.sources.build_evidence"
        )


def test_the_curated_tables_agree_with_the_bundle_and_pfam(shared_dir):
    counts, findings = be.check_tables(BUNDLE, shared_dir / "upstream")
    assert counts["domain_classes"] >= 30 and counts["bundle_features_classified"] > 10_000
    assert "EML4 residue 38 = I (checked)" in findings


def test_an_entry_name_the_data_do_not_use_is_refused(tmp_path):
    out = _bundle_copy(tmp_path)
    table = out / "domain_classes.tsv"
    table.unlink()
    text = (
        (BUNDLE / "domain_classes.tsv")
        .read_text()
        .replace("\tPK_Tyr_Ser-Thr\t", "\tTyrosine kinase\t")
    )
    table.write_text(text)
    with pytest.raises(AnnotationDataError, match="PF07714 is named PK_Tyr_Ser-Thr"):
        be.check_tables(out, None)


def test_the_real_package_reproduces_the_committed_expression_table(tmp_path):
    import os

    folder = Path(os.environ.get("FUSIONVIZ_PACKAGES", "/nonexistent"))
    if not (folder / be.IDEOGRAM_TGZ).is_file():
        pytest.skip(
            f"set FUSIONVIZ_PACKAGES=DIR holding {be.IDEOGRAM_TGZ} (npm pack ideogram@1.53.0)"
        )
    out = _bundle_copy(tmp_path)
    be.build(folder, out, None)
    for name in (be.EXPRESSION_FILE, be.MANIFEST):
        if name == be.MANIFEST:  # the findings list depends on --upstream; compare the rest
            a, b = json.loads((out / name).read_text()), json.loads((BUNDLE / name).read_text())
            a.pop("findings"), b.pop("findings")
            assert a == b
        else:
            assert (out / name).read_bytes() == (BUNDLE / name).read_bytes()
