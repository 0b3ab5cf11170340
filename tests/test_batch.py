"""Batch annotation of caller files (fusionviz.batch, ``fusionviz batch``)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from fusionviz.annotate import annotate
from fusionviz.batch import run_batch
from fusionviz.cli import main
from fusionviz.errors import CallerFormatError, OutputError
from fusionviz.sources import default_source

DATA = Path(__file__).resolve().parent / "data" / "callers"


@pytest.fixture(scope="module")
def source():
    return default_source()


def _tsv(path: Path) -> list[dict[str, str]]:
    lines = path.read_text().splitlines()
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]


def test_seed_star_fusion_file_writes_every_output(tmp_path, source):
    out = tmp_path / "out"
    s = run_batch(DATA / "star-fusion.fusion_predictions.abridged.tsv", out, source)
    assert (s.rows, s.annotated_rows, s.failed_rows, s.exit_code) == (7, 4, 3, 1)
    rows = _tsv(out / "fusions.tsv")
    assert [(r["short_name"], r["frame"], r["line"]) for r in rows] == [
        ("S5;A19", "in-frame", "2"),
        ("E6;A20", "in-frame", "3"),
        ("H5;A20", "in-frame", "4"),  # 8:29009182 is MANE exon 5 (= HMBOX1-203 exon 6)
        # chr2:41000000 lies 1.2 Mb from EML4 in no gene (the bundle knows every locus):
        # a valid intergenic partner, not an error.
        ("E?;A20", "not-applicable", "7"),
    ]
    assert "intergenic at chr2:41000000" in rows[3]["warnings"]
    assert rows[0]["caller"] == "STAR-Fusion"
    assert "junction_reads=20" in rows[0]["caller_fields"]
    errors = _tsv(out / "errors.tsv")
    assert [e["line"] for e in errors] == ["5", "6", "8"]
    # An unknown name whose base lies in another coding gene is a mismatch.
    assert "lies in the coding gene SNTG2; the row names 'NOTAREALGENE'" in errors[1]["reason"]
    records = [json.loads(x) for x in (out / "fusions.jsonl").read_text().splitlines()]
    assert [r["batch"]["line"] for r in records] == [2, 3, 4, 7]
    assert records[0]["caller_fields"]["caller_breakpoint3"] == "chr2:29225565:-"
    assert records[0]["provenance"]["transcripts"]["three_prime"] == "ENST00000389048.8"
    assert (out / "fusions.fasta").read_text().startswith(">")


@pytest.mark.parametrize(
    "name",
    [
        "star-fusion.fusion_predictions.tsv",
        "star-fusion.fusion_candidates.final.abridged",
        "arriba.fusions.tsv",
        "arriba.v1.fusions.tsv",
        "final-list_candidate-fusion-genes.txt",
        "generic_breakpoints.tsv",
        "generic_fusion.tsv",
    ],
)
def test_every_format_annotates_the_seed_junctions_in_frame(tmp_path, source, name):
    run_batch(DATA / name, tmp_path / "o", source)
    rows = _tsv(tmp_path / "o" / "fusions.tsv")
    got = {r["short_name"]: r["frame"] for r in rows}
    assert got["S5;A19"] == "in-frame"
    assert got["E6;A20"] == "in-frame"
    # HMBOX1 at 8:29009182 (HMBOX1-203 exon 6) reads as MANE exon 5 (H5), or H6 on -203
    hmbox1 = [k for k in got if k.startswith("H")]
    assert all(got[k] == "in-frame" for k in hmbox1)
    assert hmbox1 or name == "star-fusion.fusion_predictions.tsv"  # that file has 2 seeds


def test_caller_frame_agreement_and_the_hmbox1_mane_disagreement(tmp_path, source):
    run_batch(DATA / "generic_exons.tsv", tmp_path / "o", source)
    rows = _tsv(tmp_path / "o" / "fusions.tsv")
    checks = [(r["input"], r["frame"], r["frame_check"]) for r in rows]
    assert checks[0] == ("SQSTM1 e5::ALK e19", "in-frame", "agrees")
    assert checks[2][1:] == ("in-frame", "agrees")  # HMBOX1-203 exon 6
    assert checks[3] == ("HMBOX1 e6::ALK e20", "out-of-frame", "differs")
    reason = rows[3]["frame_check_reason"]
    assert "says in-frame; fusionviz says out-of-frame" in reason
    assert "exon 6 (end phase 2)" in reason and "start phase 1" in reason


def test_all_transcripts_adds_other_pairs_without_comparing_them(tmp_path, source):
    s = run_batch(DATA / "generic_exons.tsv", tmp_path / "o", source, all_transcripts=True)
    assert s.fusions_written > s.annotated_rows
    records = [json.loads(x) for x in (tmp_path / "o" / "fusions.jsonl").read_text().splitlines()]
    alts = [r for r in records if r["batch"]["transcripts"] == "alternative"]
    assert alts and all(r["batch"]["frame_check"] is None for r in alts)
    assert s.frame_disagreements == 1


def test_grch37_file_is_lifted_to_grch38_and_says_so_with_both_coordinates(tmp_path, source):
    s = run_batch(DATA / "generic_grch37.tsv", tmp_path / "o", source)
    assert (s.build, s.lifted, s.annotated_rows) == ("GRCh37", True, 1)
    row = _tsv(tmp_path / "o" / "fusions.tsv")[0]
    # H2228 EML4--ALK: hg19 chr2:42492091 / chr2:29446394 = GRCh38 2:42264951 / 2:29223528
    assert (row["genomic_boundary5"], row["genomic_boundary3"]) == (
        "chr2:42264951:+",
        "chr2:29223528:-",
    )
    assert row["exon3"] == "20"
    assert "chr2:42492091 -> chr2:42264951" in row["liftover"]
    assert "chr2:29446394 -> chr2:29223528" in row["liftover"]
    rec = json.loads((tmp_path / "o" / "fusions.jsonl").read_text().splitlines()[0])
    assert rec["liftover"]["five_prime"] == {"input": "chr2:42492091", "lifted": "chr2:42264951"}
    assert "lifted to GRCh38" in (tmp_path / "o" / "index.html").read_text()


def test_build_override_runs_the_file_as_grch38(tmp_path, source):
    s = run_batch(DATA / "generic_grch37.tsv", tmp_path / "o", source, build="GRCh38")
    # the user said GRCh38: the rows are read (and misplaced, as hg19 positions would be)
    assert (s.rows, s.build) == (1, "GRCh38")
    with pytest.raises(CallerFormatError, match="unknown build"):
        run_batch(DATA / "generic_grch37.tsv", tmp_path / "p", source, build="mm10")


def test_existing_output_folder_needs_force(tmp_path, source):
    out = tmp_path / "o"
    out.mkdir()
    (out / "keep.txt").write_text("user file")
    with pytest.raises(OutputError, match="not empty; use --force"):
        run_batch(DATA / "arriba.fusions.tsv", out, source)
    run_batch(DATA / "arriba.fusions.tsv", out, source, force=True)
    assert (out / "keep.txt").read_text() == "user file"
    assert (out / "fusions.tsv").exists()


def test_input_file_is_never_modified(tmp_path, source):
    src = tmp_path / "fusions.tsv"
    src.write_bytes((DATA / "arriba.fusions.tsv").read_bytes())
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    with pytest.raises(OutputError, match="would be overwritten"):
        run_batch(src, tmp_path, source, force=True)
    run_batch(src, tmp_path / "o", source)
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before


def test_index_html_is_self_contained_and_escapes_user_text(tmp_path, source):
    f = tmp_path / "in.tsv"
    f.write_text(
        "gene5\texon5\tgene3\texon3\nEML4\t6\tALK\t20\n<script>alert(1)</script>\t6\tALK\t20\n"
    )
    run_batch(f, tmp_path / "o", source)
    page = (tmp_path / "o" / "index.html").read_text()
    assert "EML4::ALK" in page and "in-frame" in page
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "http://" not in page and "https://" not in page and "<link" not in page
    assert "sortBy('frame'" in page and "sortBy('gene5'" in page


def test_figures_are_written_and_inlined(tmp_path, source):
    s = run_batch(
        DATA / "star-fusion.fusion_candidates.final.abridged", tmp_path / "o", source, figures=True
    )
    svgs = sorted((tmp_path / "o" / "figures").glob("*.svg"))
    assert len(svgs) == s.fusions_written == 3
    page = (tmp_path / "o" / "index.html").read_text()
    assert page.count("<svg") == 3 and "<?xml" not in page


def test_progress_is_silent_when_not_a_terminal(tmp_path, source, capsys):
    run_batch(DATA / "arriba.fusions.tsv", tmp_path / "o", source)
    assert capsys.readouterr().err == ""


def test_injected_engine_runs_each_distinct_junction_once_and_isolates_failures(tmp_path, source):
    lines = (DATA / "arriba.fusions.tsv").read_text().splitlines()
    f = tmp_path / "many.tsv"
    f.write_text("\n".join([lines[0]] + lines[1:4] * 20) + "\n")
    calls: list[str] = []

    def engine(req, src, **kw):
        calls.append(req.five_prime.gene)
        if req.five_prime.gene == "HMBOX1":
            raise RuntimeError("boom")
        return annotate(req, src, **kw)

    s = run_batch(f, tmp_path / "o", source, annotate_fn=engine)
    assert (s.rows, s.annotated_rows, s.failed_rows) == (60, 40, 20)
    assert sorted(set(calls)) == ["EML4", "HMBOX1", "SQSTM1"]
    assert calls.count("EML4") == 1 and calls.count("HMBOX1") == 20  # failures are not cached
    errors = _tsv(tmp_path / "o" / "errors.tsv")
    assert "internal error (RuntimeError: boom)" in errors[0]["reason"]
    rows = _tsv(tmp_path / "o" / "fusions.tsv")
    assert [r["line"] for r in rows[:2]] == ["2", "3"] and rows[-1]["line"] == "60"
    # repeated junctions are rendered once but every row keeps its own line number
    records = [json.loads(x) for x in (tmp_path / "o" / "fusions.jsonl").read_text().splitlines()]
    assert [r["batch"]["line"] for r in records] == [int(r["line"]) for r in rows]
    ids = [
        x.split()[0]
        for x in (tmp_path / "o" / "fusions.fasta").read_text().splitlines()
        if x.startswith(">")
    ]
    assert len(ids) == len(set(ids)) == 40 and ids[0].startswith(">line2|")


# --- the command line ------------------------------------------------------------------


def test_cli_exit_status_0_1_2(tmp_path):
    ok = main(["batch", str(DATA / "arriba.v1.fusions.tsv"), "-o", str(tmp_path / "a"), "--quiet"])
    some = main(["batch", str(DATA / "arriba.fusions.tsv"), "-o", str(tmp_path / "b"), "--quiet"])
    bad = tmp_path / "x.tsv"
    bad.write_text("a\tb\n1\t2\n")
    unusable = main(["batch", str(bad), "-o", str(tmp_path / "c"), "--quiet"])
    assert (ok, some, unusable) == (0, 1, 2)


def test_cli_refuses_a_non_empty_folder(tmp_path, capsys):
    out = tmp_path / "o"
    out.mkdir()
    (out / "x").write_text("x")
    assert main(["batch", str(DATA / "arriba.fusions.tsv"), "-o", str(out)]) == 2
    assert "use --force" in capsys.readouterr().err


# --- real caller files (../shared/callers) ------------------------------------------


def test_real_kijk_arriba_npm1_alk_agrees_with_arriba(tmp_path, shared_dir, source):
    path = (
        shared_dir
        / "callers/CTAT-LRF-Paper/DepMap_Illumina/DepMap_v1v2mrgd_KIJK.Arriba.fusions.tsv.gz"
    )
    run_batch(path, tmp_path / "o", source)
    rows = _tsv(tmp_path / "o" / "fusions.tsv")
    npm1 = next(r for r in rows if r["name"] == "NPM1::ALK")
    assert (npm1["frame"], npm1["exon5"], npm1["exon3"]) == ("in-frame", "4", "20")
    assert npm1["frame_check"] == "agrees"


def test_real_grch37_arriba_file_is_detected_from_its_coordinates_and_lifted(
    tmp_path, shared_dir, source
):
    s = run_batch(shared_dir / "callers/arriba/fusions.tsv", tmp_path / "o", source)
    assert (s.build, s.lifted) == ("GRCh37", True)
    assert "once lifted from GRCh37" in s.build_evidence
    row = _tsv(tmp_path / "o" / "fusions.tsv")[0]
    # K562 BCR--ABL1: hg19 22:23632600 / 9:133729451 = GRCh38 22:23290413 / 9:130854064
    assert (row["name"], row["exon5"], row["exon3"]) == ("BCR::ABL1", "14", "2")
    assert "chr9:133729451 -> chr9:130854064" in row["liftover"]


def test_real_grch37_star_fusion_file_is_detected_from_its_path_and_lifted(
    tmp_path, shared_dir, source
):
    path = (
        shared_dir
        / "callers/STAR-Fusion_benchmarking_data/H2228/STAR_FUSION_GRCh37v19_FL3_v51b3df4"
        / "star-fusion.fusion_candidates.final.abridged"
    )
    s = run_batch(path, tmp_path / "o", source)
    assert (s.build, s.lifted) == ("GRCh37", True)
    rows = _tsv(tmp_path / "o" / "fusions.tsv")
    eml4 = next(r for r in rows if r["name"] == "EML4::ALK")
    assert (eml4["genomic_boundary5"], eml4["exon3"]) == ("chr2:42264951:+", "20")


def test_real_fusioncatcher_h2228_eml4_alk_intronic_donor(tmp_path, shared_dir, source):
    path = shared_dir / "callers/STAR-Fusion_benchmarking_data/H2228/FUSION_CATCHER_V0994e"
    run_batch(path / "final-list_candidate-fusion-genes.txt", tmp_path / "o", source)
    rows = _tsv(tmp_path / "o" / "fusions.tsv")
    eml4 = next(r for r in rows if r["name"] == "EML4::ALK")
    # 2:42264951 is 220 bp after MANE exon 6 but the exact end of EML4-202 exon 7 (the
    # extra exon of variant 3b): the exact boundary wins, and MANE's reading is said
    assert (eml4["exon5"], eml4["exon3"]) == ("7", "20")
    assert "220 nt after the end of exon 6" in eml4["warnings"]


def test_real_spike_in_intronic_junction_explains_the_arriba_disagreement(
    tmp_path, shared_dir, source
):
    run_batch(shared_dir / "callers/fusion-report/arriba.tsv", tmp_path / "o", source)
    rows = _tsv(tmp_path / "o" / "fusions.tsv")
    eml4 = next(r for r in rows if r["name"] == "EML4::ALK")
    # 2 nt into EML4 intron 14 and 56 nt before ALK exon 20 (the synthetic spike-in): the
    # RNA keeps those 58 intronic bases; Arriba's assembled sequence reads them without a
    # stop codon, so the in-frame call is verified and agrees with Arriba's
    assert (eml4["short_name"], eml4["frame"], eml4["frame_check"]) == (
        "E14;A20",
        "in-frame",
        "agrees",
    )
    record = next(
        json.loads(x) for x in (tmp_path / "o" / "fusions.jsonl").open() if "EML4::ALK" in x
    )
    assert record["frame_verified"] is True
    assert any("Arriba fusion_transcript" in e for e in record["junction"]["explanation"])
    fgfr3 = next(r for r in rows if r["name"] == "FGFR3::TACC3")
    assert (fgfr3["frame"], fgfr3["frame_check"]) == ("out-of-frame", "agrees")


def test_an_unverified_in_frame_row_says_so_in_the_page_and_the_table(tmp_path, source):
    # CDS joined to ARHGDIB's 5' UTR, no sequence to read the UTR bases with
    calls = tmp_path / "calls.tsv"
    calls.write_text("breakpoint5\tbreakpoint3\nchr12:32107544:+\tchr12:14950724:-\n")
    run_batch(calls, tmp_path / "out", source, jobs=1)
    page = (tmp_path / "out" / "index.html").read_text()
    assert 'class="in-frame">in-frame<div class="small">unverified</div>' in page
    header, row = (tmp_path / "out" / "fusions.tsv").read_text().splitlines()
    cells = dict(zip(header.split("\t"), row.split("\t"), strict=True))
    assert (cells["frame"], cells["frame_verified"], cells["fusion_protein_length"]) == (
        "in-frame",
        "no",
        "",
    )
