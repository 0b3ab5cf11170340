"""Reading fusion-caller files into fusion requests (fusionviz.callers)."""

from __future__ import annotations

import gzip
import hashlib
import shutil
from pathlib import Path

import pytest

from fusionviz.callers import RowError, detect_format, open_calls
from fusionviz.errors import CallerFormatError
from fusionviz.models import FusionRequest, GenomicPosition

DATA = Path(__file__).resolve().parents[1] / "data" / "callers"

SEEDS = {
    ("SQSTM1", "ALK"): (GenomicPosition("5", 179825226, "+"), GenomicPosition("2", 29225565, "-")),
    ("EML4", "ALK"): (GenomicPosition("2", 42264731, "+"), GenomicPosition("2", 29223528, "-")),
    ("HMBOX1", "ALK"): (GenomicPosition("8", 29009182, "+"), GenomicPosition("2", 29223528, "-")),
}


def _rows(path, **kw):
    table = open_calls(path, **kw)
    rows = list(table.rows())
    ok = [r for r in rows if isinstance(r, FusionRequest)]
    bad = [r for r in rows if isinstance(r, RowError)]
    return table, ok, bad


def _seed_rows(ok):
    return {
        (r.five_prime.gene, r.three_prime.gene): (r.five_prime.breakpoint, r.three_prime.breakpoint)
        for r in ok
        if (r.five_prime.gene, r.three_prime.gene) in SEEDS
        and r.five_prime.breakpoint == SEEDS[(r.five_prime.gene, r.three_prime.gene)][0]
    }


# --- our small files in the real layouts ---------------------------------------------


def test_star_fusion_abridged_reads_the_seeds_and_reports_bad_rows_as_values():
    table, ok, bad = _rows(DATA / "star-fusion.fusion_predictions.abridged.tsv")
    assert (table.format, table.caller) == ("star-fusion", "STAR-Fusion")
    assert _seed_rows(ok) == SEEDS
    eml4 = next(r for r in ok if r.five_prime.gene == "EML4")
    assert eml4.line == 3
    assert eml4.text == "EML4--ALK chr2:42264731:+ / chr2:29223528:-"
    extra = dict(eml4.extra)
    assert extra["caller"] == "STAR-Fusion"
    assert extra["junction_reads"] == "21" and extra["spanning_reads"] == "6"
    assert extra["caller_breakpoint5"] == "chr2:42264731:+"
    # the malformed breakpoint and the truncated row fail; the unknown gene and the
    # breakpoint outside any gene are readable rows (the annotation step rejects them)
    assert [(e.line, "breakpoint" in e.reason or "fields" in e.reason) for e in bad] == [
        (5, True),
        (8, True),
    ]
    assert len(ok) == 5


def test_star_fusion_full_layout_keeps_the_coding_effect_call():
    table, ok, bad = _rows(DATA / "star-fusion.fusion_predictions.tsv")
    assert table.format == "star-fusion" and not bad
    extra = dict(ok[0].extra)
    assert extra["PROT_FUSION_TYPE"] == "INFRAME"
    assert extra["caller_frame"] == "in-frame"


def test_old_star_fusion_candidates_layout():
    table, ok, bad = _rows(DATA / "star-fusion.fusion_candidates.final.abridged")
    assert table.format == "star-fusion" and not bad
    assert _seed_rows(ok) == SEEDS


def test_arriba_2x_layout_reads_seeds_intergenic_genes_and_transcripts():
    table, ok, bad = _rows(DATA / "arriba.fusions.tsv")
    assert (table.format, table.caller) == ("arriba", "Arriba 2.x layout")
    assert _seed_rows(ok) == SEEDS
    sq = dict(ok[0].extra)
    assert sq["caller_transcript5"] == "ENST00000389805.9"
    assert sq["caller_frame"] == "in-frame" and sq["reading_frame"] == "in-frame"
    intergenic = ok[3]
    assert intergenic.five_prime.gene == "EML4"
    assert dict(intergenic.extra)["other_genes5"] == "EML4(1169353),NOTAREALGENE(5000)"
    assert intergenic.five_prime.breakpoint == GenomicPosition("2", 41000000, "+")
    assert [e.line for e in bad] == [6]


def test_arriba_1x_layout():
    table, ok, bad = _rows(DATA / "arriba.v1.fusions.tsv")
    assert table.caller == "Arriba 1.x layout" and not bad
    assert _seed_rows(ok) == SEEDS


def test_fusioncatcher_final_list():
    table, ok, bad = _rows(DATA / "final-list_candidate-fusion-genes.txt")
    assert table.format == "fusioncatcher" and not bad
    assert _seed_rows(ok) == SEEDS
    assert dict(ok[0].extra)["Predicted_effect"] == "in-frame"
    assert ok[-1].five_prime.gene == "NOTAREALGENE"


def test_generic_exon_level_rows():
    table, ok, bad = _rows(DATA / "generic_exons.tsv")
    assert table.format == "generic"
    hm = ok[2]
    assert (hm.five_prime.gene, hm.five_prime.transcript, hm.five_prime.exon) == (
        "HMBOX1",
        "HMBOX1-203",
        6,
    )
    assert (hm.three_prime.gene, hm.three_prime.exon) == ("ALK", 20)
    extra = dict(hm.extra)
    assert extra["sample"] == "case1" and extra["caller_frame"] == "in-frame"
    assert extra["note"] == "seed 1 on HMBOX1-203"
    assert len(bad) == 1 and bad[0].line == 6 and "exon 'six'" in bad[0].reason


def test_generic_fusion_column_in_notation():
    _, ok, bad = _rows(DATA / "generic_fusion.tsv")
    assert [(r.five_prime.transcript, r.five_prime.exon) for r in ok] == [
        (None, 5),
        (None, 6),
        ("HMBOX1-203", 6),
    ]
    assert [r.five_prime.gene for r in ok][:2] == ["SQSTM1", "EML4"]
    assert ok[0].three_prime.exon == 19
    assert len(bad) == 1 and bad[0].line == 5


def test_generic_breakpoint_rows():
    _, ok, bad = _rows(DATA / "generic_breakpoints.tsv")
    assert not bad
    assert ok[1].five_prime.breakpoint == GenomicPosition("2", 42264731, None)
    assert ok[1].three_prime.gene == "ALK"


def test_a_file_that_states_grch37_says_so():
    table, ok, _ = _rows(DATA / "generic_grch37.tsv")
    assert table.build == "GRCh37"
    assert "##build" in table.build_evidence
    assert dict(ok[0].extra)["build"] == "GRCh37"


def test_gzip_is_read_by_content_and_never_modified(tmp_path):
    src = DATA / "arriba.fusions.tsv"
    gz = tmp_path / "fusions.tsv.gz"
    with open(src, "rb") as fi, gzip.open(gz, "wb") as fo:
        shutil.copyfileobj(fi, fo)
    before = hashlib.sha256(gz.read_bytes()).hexdigest()
    _, ok, _ = _rows(gz)
    assert _seed_rows(ok) == SEEDS
    assert hashlib.sha256(gz.read_bytes()).hexdigest() == before


def test_format_override_and_unknown_format():
    table = open_calls(DATA / "arriba.fusions.tsv", format="Arriba")
    assert table.format == "arriba"
    with pytest.raises(CallerFormatError, match="valid formats: vcf, star-fusion, arriba"):
        open_calls(DATA / "arriba.fusions.tsv", format="nosuchcaller")
    with pytest.raises(CallerFormatError, match="does not have the columns"):
        open_calls(DATA / "arriba.fusions.tsv", format="fusioncatcher")


def test_unusable_files_raise_caller_format_error(tmp_path):
    empty = tmp_path / "empty.tsv"
    empty.write_text("")
    with pytest.raises(CallerFormatError, match="empty"):
        open_calls(empty)
    other = tmp_path / "other.tsv"
    other.write_text("a\tb\tc\n1\t2\t3\n")
    with pytest.raises(CallerFormatError, match="not one fusionviz reads"):
        open_calls(other)
    with pytest.raises(CallerFormatError, match="cannot read"):
        open_calls(tmp_path / "missing.tsv")
    binary = tmp_path / "x.bin"
    binary.write_bytes(b"\x00\x01\x02\x00\n")
    with pytest.raises(CallerFormatError, match="binary"):
        open_calls(binary)


def test_detect_format_by_header():
    assert detect_format(["#gene1", "gene2", "breakpoint1", "breakpoint2"]) == "arriba"
    assert detect_format(["gene5", "exon5", "gene3", "exon3"]) == "generic"
    assert detect_format(["5' gene", "5' exon", "3' gene", "3' exon"]) == "generic"
    assert detect_format(["foo"]) is None


# --- real caller outputs (../shared/callers) -----------------------------------------

REAL = [
    ("fusion-report/starfusion.tsv", "star-fusion", "STAR-Fusion", 12),
    ("EasyFuse/starfusion.tsv", "star-fusion", "STAR-Fusion", 9),
    ("STAR-Fusion/__fuco__star-fusion.fusion_candidates.final.abridged", "star-fusion", None, 65),
    (
        "CTAT-LRF-Paper/SeraCare_TruSeq/TruSeq.SeraCareFusions_rep3.StarFusion.fusions.abridged.tsv.gz",
        "star-fusion",
        "STAR-Fusion",
        15,
    ),
    ("annoFuseData/starfusion_example.tsv", "star-fusion", "STAR-Fusion", 1),
    ("FusionInspectorPaper/eml4--alk_data.fusions.tsv", "star-fusion", "FusionInspector", 12),
    ("arriba/fusions.tsv", "arriba", "Arriba 2.x layout", 1),
    ("arriba/fusions.v1-format_e437c63.tsv", "arriba", "Arriba 1.x layout", 1),
    ("fusion-report/arriba.tsv", "arriba", "Arriba 1.x layout", 14),
    ("EasyFuse/arriba.tsv", "arriba", "Arriba 2.x layout", 9),
    ("annoFuseData/arriba_example.tsv", "arriba", "Arriba 1.x layout", 25),
    (
        "CTAT-LRF-Paper/DepMap_Illumina/DepMap_v1v2mrgd_KIJK.Arriba.fusions.tsv.gz",
        "arriba",
        "Arriba 2.x layout",
        53,
    ),
    ("fusioncatcher/final-list_candidate-fusion-genes.txt", "fusioncatcher", "FusionCatcher", 25),
    ("EasyFuse/fusioncatcher_2.tsv", "fusioncatcher", "FusionCatcher", 8),
]


@pytest.mark.parametrize(("rel", "fmt", "caller", "n"), REAL)
def test_real_caller_files_read_every_row(shared_dir, rel, fmt, caller, n):
    table, ok, bad = _rows(shared_dir / "callers" / rel)
    assert table.format == fmt
    if caller:
        assert table.caller == caller
    assert len(ok) == n and not bad


def test_real_kijk_arriba_npm1_alk_row(shared_dir):
    path = (
        shared_dir
        / "callers/CTAT-LRF-Paper/DepMap_Illumina/DepMap_v1v2mrgd_KIJK.Arriba.fusions.tsv.gz"
    )
    _, ok, _ = _rows(path)
    npm1 = ok[0]
    assert (npm1.five_prime.gene, npm1.three_prime.gene) == ("NPM1", "ALK")
    assert npm1.five_prime.breakpoint == GenomicPosition("5", 171391799, "+")
    assert npm1.three_prime.breakpoint == GenomicPosition("2", 29223528, "-")
    assert dict(npm1.extra)["caller_frame"] == "in-frame"


def test_real_arriba_intergenic_genes_are_noted(shared_dir):
    _, ok, _ = _rows(shared_dir / "callers/fusion-report/arriba.tsv")
    brd4 = next(r for r in ok if r.line == 15)
    assert brd4.five_prime.gene == "BRD4"
    assert dict(brd4.extra)["other_genes5"] == "BRD4(1122),BRD4-1(2233)"


def test_real_grch37_star_fusion_file_is_recognised_from_its_path(shared_dir):
    path = (
        shared_dir
        / "callers/STAR-Fusion_benchmarking_data/H2228/STAR_FUSION_GRCh37v19_FL3_v51b3df4"
        / "star-fusion.fusion_candidates.final.abridged"
    )
    table = open_calls(path)
    assert table.build == "GRCh37" and "GRCh37" in table.build_evidence
