"""Specification of exon-level matching against the known-fusions table."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from fusionviz.cli import main
from fusionviz.errors import AnnotationDataError
from fusionviz.known import (
    KnownTable,
    check_table,
    load_known_table,
    match_fusion,
    match_junction,
)
from fusionviz.models import GenomicPosition
from tests.handmade import FakeSource, make_transcript

HEADER = (
    "five_gene\tthree_gene\tfive_exon\tthree_exon\tfive_transcript\tthree_transcript\t"
    "common_name\ttumour_types\tsource\tnote"
)
STATUSES = {
    "known-junction",
    "known-pair-other-junction",
    "partner-known-with-other-genes",
    "novel-to-this-table",
}

# ---------------------------------------------------------------- hand-made world
# AAA (+ strand) and KIN (- strand). KIN has two numberings of the same exons:
# KIN-201 (the default) and KIN-202, which has one extra 5' exon, so that
# KIN-202 exon 4 is the same genomic exon as KIN-201 exon 3.
AAA = make_transcript("AAA", [100, 90, 60, 120], cds_tx=(10, 360), name="AAA-201")
KIN = make_transcript(
    "KIN", [80, 70, 90, 100], cds_tx=(5, 330), strand="-", name="KIN-201", contig="2"
)
KIN202 = make_transcript(
    "KIN", [50, 80, 70, 90, 100], cds_tx=(60, 380), strand="-", name="KIN-202", contig="2"
)
SOURCE = FakeSource({"AAA": [AAA], "KIN": [KIN, KIN202], "BBB": []})


def _end(t, n):  # 5' boundary: last base of exon n in transcription order
    e = t.exons[n - 1]
    return GenomicPosition(t.contig, e.end if t.strand == "+" else e.start)


def _start(t, n):  # 3' boundary: first base of exon n in transcription order
    e = t.exons[n - 1]
    return GenomicPosition(t.contig, e.start if t.strand == "+" else e.end)


def _table(tmp_path: Path, rows: list[str], name: str = "lab.tsv") -> Path:
    p = tmp_path / name
    p.write_text("# version: lab-3\n" + HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return p


@pytest.fixture
def lab(tmp_path: Path) -> KnownTable:
    # The published junction is numbered on KIN-201 (exon 3).
    rows = [
        "AAA\tKIN\t2\t3\tAAA-201\tKIN-201\tAAA-KIN variant 1 (A2;K3)\tsarcoma\tlab series 2024\t",
        "AAA\tKIN\t3\t3\tAAA-201\tKIN-201\tAAA-KIN variant 2 (A3;K3)\tsarcoma\tlab series 2024\t",
        "CCC\tKIN\t1\t2\tCCC-201\tKIN-201\tCCC-KIN\tlymphoma\tlab series 2024\t",
    ]
    return load_known_table(_table(tmp_path, rows))


def _fusion(g5, p5, g3, p3):
    return SimpleNamespace(
        five_prime=SimpleNamespace(gene=g5, genomic_boundary=p5),
        three_prime=SimpleNamespace(gene=g3, genomic_boundary=p3),
    )


# ---------------------------------------------------------------- matching rules


def test_exact_junction_is_a_known_junction_with_its_common_name(lab):
    m = match_fusion(_fusion("AAA", _end(AAA, 2), "KIN", _start(KIN, 3)), lab, SOURCE)
    assert m.status == "known-junction"
    assert [e.common_name for e in m.matches] == ["AAA-KIN variant 1 (A2;K3)"]
    assert "AAA-KIN variant 1 (A2;K3)" in m.describe()
    assert "sarcoma" in m.describe() and "lab series 2024" in m.describe()


def test_junction_on_another_transcript_with_the_same_boundary_matches(lab):
    # KIN-202 exon 4 is KIN-201 exon 3: numbers differ, genomic boundary is the same.
    assert _start(KIN202, 4) == _start(KIN, 3)
    m = match_fusion(_fusion("AAA", _end(AAA, 2), "KIN", _start(KIN202, 4)), lab, SOURCE)
    assert m.status == "known-junction"
    assert m.matches[0].three_exon == 3


def test_same_exon_number_on_another_transcript_is_not_a_match(lab):
    m = match_fusion(_fusion("AAA", _end(AAA, 2), "KIN", _start(KIN202, 3)), lab, SOURCE)
    assert m.status == "known-pair-other-junction"


def test_known_pair_other_junction_lists_the_pairs_junctions(lab):
    m = match_fusion(_fusion("AAA", _end(AAA, 1), "KIN", _start(KIN, 3)), lab, SOURCE)
    assert m.status == "known-pair-other-junction"
    assert {e.common_name for e in m.pair_junctions} == {
        "AAA-KIN variant 1 (A2;K3)",
        "AAA-KIN variant 2 (A3;K3)",
    }
    assert "AAA e2::KIN e3" in m.describe() and "AAA e3::KIN e3" in m.describe()


def test_partner_seen_with_other_genes_names_them(lab):
    m = match_junction("BBB", GenomicPosition("5", 100), "KIN", _start(KIN, 2), lab, SOURCE)
    assert m.status == "partner-known-with-other-genes"
    assert "KIN with" in m.describe() and "CCC (5')" in m.describe()


def test_unknown_pair_is_novel_to_this_table_never_just_novel(lab):
    m = match_junction(
        "BBB", GenomicPosition("5", 100), "DDD", GenomicPosition("7", 200), lab, SOURCE
    )
    assert m.status == "novel-to-this-table"
    text = m.describe()
    assert "novel to this table" in text
    assert "the table is not the literature" in text


def test_json_object_carries_status_matches_and_table_version(lab):
    m = match_fusion(_fusion("AAA", _end(AAA, 2), "KIN", _start(KIN, 3)), lab, SOURCE)
    d = json.loads(json.dumps(m.as_dict()))
    assert d["status"] in STATUSES
    assert d["matches"][0]["five_prime"]["transcript"] == "AAA-201"
    assert "lab-3" in d["table"]


def test_unplaceable_transcript_falls_back_to_recorded_boundary(tmp_path):
    p5, p3 = _end(AAA, 2), _start(KIN, 3)
    row = f"AAA\tKIN\t2\t3\tAAA-999\tKIN-201\tAAA-KIN odd\t\tlab\t\tchr{p5.contig}:{p5.position}\t"
    path = tmp_path / "t.tsv"
    path.write_text(HEADER + "\tfive_boundary\tthree_boundary\n" + row + "\n", encoding="utf-8")
    table = load_known_table(path)
    m = match_fusion(_fusion("AAA", p5, "KIN", p3), table, SOURCE)
    assert m.status == "known-junction"
    assert any("AAA-999" in n for n in m.notes)


def test_unplaceable_transcript_without_boundary_is_a_clear_error(tmp_path):
    row = "AAA\tKIN\t2\t3\tAAA-999\tKIN-201\tAAA-KIN odd\t\tlab\t"
    table = load_known_table(_table(tmp_path, [row]))
    with pytest.raises(AnnotationDataError, match=r"lab.tsv, line 3: transcript AAA-999"):
        match_junction("AAA", _end(AAA, 2), "KIN", _start(KIN, 3), table, SOURCE)


# ---------------------------------------------------------------- reading tables


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (["AAA\tKIN\ttwo\t3\tAAA-201\tKIN-201\tx\t\ts\t"], r"line 3: five_exon 'two'"),
        (["AAA\tKIN\t2\t3\tAAA-201\tKIN-201\tx\t\ts"], r"line 3: 9 tab-separated fields"),
        (["AAA\tKIN\t2\t3\tAAA-201\tKIN-201\t\t\ts\t"], r"line 3: column common_name is empty"),
        (["AAA\tKIN\t2\t0\tAAA-201\tKIN-201\tx\t\ts\t"], r"line 3: three_exon '0'"),
    ],
)
def test_bad_row_names_file_line_and_problem(tmp_path, rows, expected):
    with pytest.raises(AnnotationDataError, match=expected):
        load_known_table(extra=_table(tmp_path, rows))


def test_missing_columns_and_missing_file_are_one_line_errors(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("gene1\tgene2\nEML4\tALK\n", encoding="utf-8")
    with pytest.raises(AnnotationDataError, match=r"bad.tsv, line 1: header lacks column"):
        load_known_table(extra=bad)
    with pytest.raises(AnnotationDataError, match=r"no such file"):
        load_known_table(extra=tmp_path / "absent.tsv")


def test_lab_table_is_added_to_the_bundled_one(tmp_path):
    row = "AAA\tKIN\t2\t3\tAAA-201\tKIN-201\tAAA-KIN v1\t\tlab\t"
    table = load_known_table(extra=_table(tmp_path, [row]))
    assert table.pair("AAA", "KIN") and table.pair("EML4", "ALK")
    assert "lab-3" in table.label and "v2" in table.label


def test_cli_bad_known_file_gives_one_line_and_exit_2(tmp_path, capsys):
    bad = tmp_path / "bad.tsv"
    bad.write_text(HEADER + "\nEML4\tALK\tx\t20\tA\tB\tn\t\ts\t\n", encoding="utf-8")
    assert main(["known", "ALK", "--known", str(bad)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "bad.tsv, line 2" in err[0]


# ---------------------------------------------------------------- the bundled table


def test_bundled_table_is_versioned_and_every_row_cites_a_source():
    table = load_known_table()
    assert len(table.entries) >= 12
    assert table.files[0][1] != "unversioned"
    for e in table.entries:
        assert e.source and e.common_name, e.where
        assert e.five_boundary and e.three_boundary, e.where


def test_bundled_table_has_the_cited_eml4_alk_seed_junction():
    # SQSTM1 e5::ALK e19 and HMBOX1 e6::ALK e20 left the table in version 2: no
    # citation with their exon numbers could be reached (docs/known_fusions.md).
    table = load_known_table()
    assert (6, 20) in {(e.five_exon, e.three_exon) for e in table.pair("EML4", "ALK")}
    assert not table.pair("SQSTM1", "ALK") and not table.pair("HMBOX1", "ALK")


def test_cli_lists_a_genes_fusions_and_a_pairs_junctions(capsys):
    assert main(["known", "ALK"]) == 0
    out = capsys.readouterr().out
    assert "SQSTM1" not in out and "EML4-ALK variant 1 (E13;A20)" in out
    assert main(["known", "--pair", "EML4", "ALK", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    names = {e["common_name"] for e in data["entries"]}
    assert "EML4-ALK variant 1 (E13;A20)" in names
    assert all(e["five_prime"]["gene"] == "EML4" for e in data["entries"])


def test_cli_gene_absent_from_table_is_novel_to_this_table(capsys):
    assert main(["known", "BRAF"]) == 0
    assert "novel to this table" in capsys.readouterr().out


# -------------------------------------------- bundled table against upstream data


def _upstream_boundaries(shared: Path) -> dict[tuple[str, int, str], GenomicPosition]:
    """(transcript, exon, role) -> boundary, from the MANE exon table, GeneFuse's
    transcripts and the ideogram HMBOX1-203 model (independently of fusionviz)."""
    up = shared / "upstream"
    out: dict[tuple[str, int, str], GenomicPosition] = {}

    def add(tx, n, contig, strand, start, end):
        c = contig.removeprefix("chr")
        out[(tx, n, "5'")] = GenomicPosition(c, end if strand == "+" else start)
        out[(tx, n, "3'")] = GenomicPosition(c, start if strand == "+" else end)

    contig = {}
    for line in (up / "derived/panel_MANE.derived.gtf").read_text().splitlines():
        f = line.split("\t")
        if len(f) > 8 and f[2] == "transcript":
            contig[f[8].split('transcript_id "')[1].split('"')[0].split(".")[0]] = f[0]
    with open(up / "derived/panel_MANE_exon_phase_table.tsv") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            tx = r["transcript_id"].split(".")[0]
            add(tx, int(r["exon_number"]), contig[tx], r["strand"],
                int(r["exon_start"]), int(r["exon_end"]))  # fmt: skip
    gf: dict[str, tuple[str, list[tuple[int, int, int]]]] = {}
    for line in (up / "genefuse/cancer.hg38.csv").read_text().splitlines():
        if line.startswith(">"):
            tx, loc = line[1:].split("_", 1)[1].split(",")
            cur = gf.setdefault(tx.split(".")[0], (loc.split(":")[0], []))
        elif line.strip():
            cur[1].append(tuple(map(int, line.split(","))))
    for tx, (chrom, exons) in gf.items():
        if tx in contig or len(exons) < 2:  # MANE rows come from the MANE table
            continue
        strand = "+" if exons[0][1] < exons[1][1] else "-"  # exon 1 is highest on "-"
        for n, s, e in exons:
            add(tx, n, chrom, strand, s, e)
    genes = (up / "ideogram_npm/homo-sapiens-genes.panel.tsv").read_text().splitlines()
    gstart = next(int(g.split("\t")[1]) for g in genes if g.split("\t")[4:5] == ["HMBOX1"])
    for line in (
        (up / "ideogram_npm/homo-sapiens-gene-structures.panel.tsv").read_text().splitlines()
    ):
        f = line.split("\t")
        if f[0] == "HMBOX1-203":
            origin = gstart + int(f[1])
            exons = [x.split(";") for x in f[4:] if x.startswith("1;")]
            for n, (_, s, ln) in enumerate(exons, start=1):
                add("HMBOX1-203", n, "8", "+", origin + int(s), origin + int(s) + int(ln))
    return out


def test_every_bundled_row_lies_on_real_exon_boundaries(shared_dir):
    known = _upstream_boundaries(shared_dir)
    outside = set()
    for e in load_known_table().entries:
        if e.five_gene == e.three_gene == "EGFR":
            # EGFR is outside the upstream panel; the bundle check below covers it.
            outside.add(e.common_name)
            continue
        b5 = known.get((e.five_transcript, e.five_exon, "5'"))
        b3 = known.get((e.three_transcript, e.three_exon, "3'"))
        assert b5 == e.five_boundary, f"{e.where}: 5' {e.five_boundary} != upstream {b5}"
        assert b3 == e.three_boundary, f"{e.where}: 3' {e.three_boundary} != upstream {b3}"
    assert outside <= {"EGFRvIII (EGFR exon 2-7 deletion)"}


def test_classic_ros1_exon_34_is_mane_exon_35(shared_dir):
    known = _upstream_boundaries(shared_dir)
    assert known[("ENST00000368508", 34, "3'")] == known[("ENST00000368507", 35, "3'")]


# Seeds and EML4-ALK v1 from genomic boundaries; an empty source makes the match
# rest on the table's recorded boundaries alone.
EMPTY = FakeSource({})


@pytest.mark.parametrize(
    ("five", "three", "name"),
    [
        (("EML4", "ENST00000318522", 6), ("ALK", "ENST00000389048", 20), "variant 3 (E6;A20)"),
        (("EML4", "ENST00000318522", 6), ("ALK", "ENST00000389048", 19), "EML4-ALK (E6;A19)"),
        (("EML4", "ENST00000318522", 13), ("ALK", "ENST00000389048", 20), "variant 1 (E13;A20)"),
    ],
)
def test_seed_and_v1_junctions_match_their_entries_from_genomic_input(
    shared_dir, five, three, name
):
    known = _upstream_boundaries(shared_dir)
    p5 = known[(five[1], five[2], "5'")]
    p3 = known[(three[1], three[2], "3'")]
    m = match_junction(five[0], p5, three[0], p3, load_known_table(), EMPTY)
    assert m.status == "known-junction"
    assert any(name in e.common_name for e in m.matches)


# -------------------------------------------- with the engine, when it is present


def _engine():
    try:
        from fusionviz.annotate import annotate_text
        from fusionviz.sources import default_source

        return annotate_text, default_source()
    except (ImportError, Exception) as exc:  # the bundle may not be built here
        pytest.skip(f"annotation engine/bundle not available: {exc}")


def test_every_bundled_row_resolves_in_the_bundle():
    _, source = _engine()
    assert check_table(load_known_table(), source) == ()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("EML4::ALK E6;A20", "EML4-ALK variant 3 (E6;A20)"),
        ("EML4 e6::ALK e19", "EML4-ALK (E6;A19)"),
        ("EGFR e1::EGFR e8", "EGFRvIII"),
        ("EML4 e13::ALK e20", "EML4-ALK variant 1 (E13;A20)"),
        ("EML4:chr2:42295516::ALK:chr2:29223528", "EML4-ALK variant 1 (E13;A20)"),
        ("CD74 e6::ROS1 e35", "CD74-ROS1 (C6;R34)"),  # MANE exon 35 = classic exon 34
    ],
)
def test_annotated_seed_cases_and_v1_match_their_entries(text, name):
    annotate_text, source = _engine()
    m = match_fusion(annotate_text(text, source), load_known_table(), source)
    assert m.status == "known-junction", m.describe()
    assert any(name in e.common_name for e in m.matches)


def test_headline_and_tsv_columns_are_short_and_carry_the_status(lab):
    m = match_fusion(_fusion("AAA", _end(AAA, 2), "KIN", _start(KIN, 3)), lab, SOURCE)
    assert m.headline() == "known junction: AAA-KIN variant 1 (A2;K3)"
    cols = m.as_columns()
    assert cols["known_fusion_status"] == "known-junction"
    assert cols["known_fusion_sources"] == "lab series 2024"
    novel = match_junction(
        "BBB", GenomicPosition("5", 1), "DDD", GenomicPosition("7", 2), lab, SOURCE
    )
    assert novel.headline() == "novel to this table"
