"""Frame arithmetic on hand-made transcripts: split and unsplit junction codons,
UTR and non-coding junctions, on both strands."""

import pytest

from fusionviz.annotate import exon_boundary_tx
from fusionviz.frame import call_frame, five_prime_side, three_prime_side
from tests.handmade import make_transcript

# GENEA: exons 10,20,30,40; CDS cDNA 6..92 -> exon end phases [2, 1, 1, -]
# GENEB: exons 12,21,30,45; CDS cDNA 4..99 -> exon start phases [-, 0, 0, 0]


@pytest.fixture(params=[("+", "+"), ("-", "+"), ("+", "-"), ("-", "-")])
def pair(request):
    s5, s3 = request.param
    a = make_transcript("GENEA", [10, 20, 30, 40], cds_tx=(6, 92), strand=s5)
    b = make_transcript("GENEB", [12, 21, 30, 45], cds_tx=(4, 99), strand=s3)
    c = make_transcript("GENEC", [10, 20, 30, 40], cds_tx=(6, 92), strand=s3)
    return a, b, c


def junction(t5, e5, t3, e3):
    s5 = five_prime_side(t5, exon_boundary_tx(t5, e5, "5'"))
    s3 = three_prime_side(t3, exon_boundary_tx(t3, e3, "3'"))
    return call_frame(s5, s3, t5.gene, t3.gene)


def test_matching_phases_with_a_split_codon_are_in_frame(pair):
    a, _, c = pair
    j = junction(a, 2, c, 3)  # end phase 1 :: start phase 1
    assert j.frame == "in-frame"
    assert j.split_codon
    assert (j.bases_from_5p, j.bases_from_3p) == (1, 2)
    assert j.junction_class == "CDS::CDS"


def test_phase_zero_junction_falls_between_codons(pair):
    a, b, _ = pair
    b0 = make_transcript("GENED", [12, 21, 30, 45], cds_tx=(4, 99), strand=b.strand)
    a0 = make_transcript("GENEE", [9, 20, 30, 40], cds_tx=(1, 90), strand=a.strand)
    j = junction(a0, 1, b0, 2)  # a0 exon 1 = CDS 1-9 (phase 0); b0 exon 2 starts CDS 10 (phase 0)
    assert j.frame == "in-frame"
    assert not j.split_codon
    assert (j.bases_from_5p, j.bases_from_3p) == (0, 0)


def test_different_phases_are_out_of_frame_and_say_why(pair):
    a, b, _ = pair
    j = junction(a, 2, b, 2)  # end phase 1 :: start phase 0
    assert j.frame == "out-of-frame"
    assert (j.five_end_phase, j.three_start_phase) == (1, 0)
    assert any("phases differ (1 != 0)" in line for line in j.explanation)


def test_five_prime_exon_in_utr_is_a_promoter_fusion_not_out_of_frame(pair):
    _, b, _ = pair
    utr = make_transcript("GENEF", [30, 20, 40], cds_tx=(45, 80), strand="+")
    j = junction(utr, 1, b, 2)
    assert j.frame == "not-applicable"
    assert j.junction_class == "5'UTR::CDS"
    assert "promoter" in j.explanation[0]


def test_cds_into_three_prime_utr_of_partner_is_not_applicable(pair):
    a, b, _ = pair
    late = make_transcript("GENEG", [30, 30, 30, 30], cds_tx=(1, 60), strand=b.strand)
    j = junction(a, 2, late, 4)
    assert j.junction_class == "CDS::3'UTR"
    assert j.frame == "not-applicable"


def test_cds_into_five_prime_utr_is_in_frame_when_gap_completes_the_codon(pair):
    a, _, _ = pair
    # 5' end phase 1 (GENEA exon 2); 3' exon 2 starts 2 nt before its ATG: (1 + 2) % 3 == 0
    utr3 = make_transcript("GENEH", [10, 20, 30], cds_tx=(13, 57), strand="+")
    j = junction(a, 2, utr3, 2)
    assert j.junction_class == "CDS::5'UTR"
    assert j.frame == "in-frame"
    assert any("stop codon" in line for line in j.explanation)


def test_noncoding_three_prime_partner():
    a = make_transcript("GENEA", [10, 20, 30, 40], cds_tx=(6, 92))
    lnc = make_transcript("LNC", [50, 50], cds_tx=None)
    j = junction(a, 2, lnc, 2)
    assert j.junction_class == "CDS::non-coding"
    assert j.frame == "not-applicable"
