"""Notations annotated on the embedded bundle: the exon numbers each definition names are
checked against the bundle's transcripts, positions become exon boundaries, and a gene pair
without exons lists its known junctions."""

from __future__ import annotations

import json

import pytest

from fusionviz import coordinates as co
from fusionviz.annotate import annotate_text
from fusionviz.cli import main
from fusionviz.errors import NotationError
from fusionviz.sources import default_source


@pytest.fixture(scope="module")
def src():
    return default_source()


def test_bcr_abl1_numbering_is_the_one_the_definition_draws(src):
    # Cross et al. 2023 (ELN) draw BCR with 23 exons and ABL1 with 11 (exon 1 = 1a).
    bcr, abl1 = src.default_transcript("BCR"), src.default_transcript("ABL1")
    assert (bcr.n_exons, abl1.n_exons) == (23, 11)
    assert (bcr.refseq.split(".")[0], abl1.refseq.split(".")[0]) == ("NM_004327", "NM_005157")


@pytest.mark.parametrize(
    ("text", "exon5", "length"),
    [
        ("BCR::ABL1 e13a2", 13, 2006),
        ("BCR::ABL1 b2a2", 13, 2006),
        ("BCR::ABL1 e14a2", 14, 2031),
        ("BCR::ABL1 b3a2", 14, 2031),
        ("BCR::ABL1 p190", 1, 1530),
        ("BCR::ABL1 p230", 19, 2211),
    ],
)
def test_bcr_abl1_short_forms_are_in_frame_on_mane(src, text, exon5, length):
    af = annotate_text(text, src)
    assert af.frame == "in-frame" and af.protein.length == length
    assert (af.five_prime.exon, af.three_prime.exon) == (exon5, 2)
    assert af.five_prime.transcript.is_mane_select and af.three_prime.transcript.is_mane_select


def test_e13a2_and_b2a2_are_the_same_junction(src):
    a, b = annotate_text("BCR::ABL1 e13a2", src), annotate_text("BCR-ABL1 b2a2", src)
    assert a.five_prime.genomic_boundary == b.five_prime.genomic_boundary


@pytest.mark.parametrize(("text", "exon5"), [("PML::RARA bcr1", 6), ("PML::RARA bcr3", 3)])
def test_pml_rara_bcr1_and_bcr3_are_in_frame_on_mane(src, text, exon5):
    af = annotate_text(text, src)
    assert af.frame == "in-frame" and af.five_prime.exon == exon5 and af.three_prime.exon == 3


def test_the_erg_exon_of_the_common_tmprss2_junction_is_numbered_differently(src):
    # The reading of T1E4 says so; this checks the fact it states against the bundle.
    numbers = {}
    for t in src.transcripts("ERG"):
        for e in t.exons:
            if e.end == 38445621:  # minus strand: the exon's first base
                numbers[t.name if not t.is_mane_select else "MANE"] = e.number
    assert numbers["MANE"] == 2
    assert {numbers[n] for n in ("ERG-205", "ERG-207", "ERG-208", "ERG-209")} == {4}


def test_fusionviz_hgvs_output_reads_back_to_the_same_fusion(src):
    first = annotate_text("SQSTM1 e5::ALK e19", src)
    again = annotate_text(first.names.hgvs, src)
    assert (again.frame, again.protein.length) == ("in-frame", 849)
    assert (again.five_prime.exon, again.three_prime.exon) == (5, 19)
    assert again.five_prime.transcript == first.five_prime.transcript


def test_hgvs_refseq_positions_on_mane_pairs(src):
    af = annotate_text("NM_019063.5(EML4):r.-259_1489::NM_004304.5(ALK):r.3173_*450", src)
    assert (af.five_prime.exon, af.three_prime.exon) == (13, 20)
    assert af.request.reading[0].startswith("HGVS adjoined transcripts")


def test_cosmic_positions_on_exon_boundaries_are_accepted_else_refused(src):
    ends = co.exon_tx_spans(src.default_transcript("EML4"))
    starts = co.exon_tx_spans(src.default_transcript("ALK"))
    ok = (
        f"EML4{{ENST00000318522}}:r.1_{ends[12][1]}_ALK{{ENST00000389048}}:"
        f"r.{starts[19][0]}_{starts[-1][1]}"
    )
    af = annotate_text(ok, src)
    assert (af.five_prime.exon, af.three_prime.exon, af.frame) == (13, 20, "in-frame")
    with pytest.raises(NotationError, match="not the last base of an exon"):
        annotate_text(
            f"EML4{{ENST00000318522}}:r.1_{ends[12][1] + 5}_ALK{{ENST00000389048}}:"
            f"r.{starts[19][0]}_{starts[-1][1]}",
            src,
        )


def test_vicc_form_annotates_the_exons_it_names(src):
    af = annotate_text("NM_004327.3(BCR):e.14::NM_005157.5(ABL1):e.2", src)
    assert (af.frame, af.protein.length) == ("in-frame", 2031)


def test_introns_annotate_as_the_exons_they_imply(src):
    a = annotate_text("EML4 intron 13::ALK intron 19", src)
    b = annotate_text("EML4 e13::ALK e20", src)
    assert a.protein.length == b.protein.length and a.frame == b.frame
    assert a.request.reading


def test_the_output_echoes_how_the_input_was_read(capsys):
    assert main(["annotate", "BCR-ABL1 b3a2"]) == 0
    out = capsys.readouterr().out
    assert "read as      BCR e14::ABL1 e2" in out and "Molica M" in out
    assert main(["annotate", "BCR-ABL1 b3a2", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["read_as"]["fusion"] == "BCR e14::ABL1 e2"


def test_a_gene_pair_lists_its_known_junctions_and_asks_for_exons(capsys):
    assert main(["annotate", "EML4::ALK", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data) >= 3
    names = {d["short_name"] for d in data}
    assert {"E13;A20", "E6;A20"} <= names
    assert all("exons are needed for a specific answer" in d["read_as"]["notes"][0] for d in data)


def test_a_gene_pair_with_no_known_junction_is_one_line_exit_2(capsys):
    assert main(["annotate", "SQSTM1/NPM1"]) == 2
    err = capsys.readouterr().err
    assert "gene pair without exons" in err and "none in the known-fusions table" in err
    assert len(err.strip().splitlines()) == 1
