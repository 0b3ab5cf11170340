"""The three fusions fusionviz was created for, against the embedded bundle,
with the published facts of ../shared/cases/seed_fusions.md."""

import pytest

from fusionviz.annotate import annotate_text


@pytest.fixture(scope="module")
def sqstm1_alk():
    return annotate_text("SQSTM1 e5::ALK e19")


@pytest.fixture(scope="module")
def eml4_alk_e6():
    return annotate_text("EML4::ALK E6;A20")


@pytest.fixture(scope="module")
def hmbox1_alk_mane():
    return annotate_text("HMBOX1 exon 6 :: ALK exon 20")


def test_sqstm1_exon5_alk_exon19_is_in_frame(sqstm1_alk):
    assert sqstm1_alk.frame == "in-frame"
    assert sqstm1_alk.junction.split_codon
    assert (sqstm1_alk.junction.bases_from_5p, sqstm1_alk.junction.bases_from_3p) == (1, 2)


def test_sqstm1_alk_uses_the_transcripts_the_report_names(sqstm1_alk):
    assert sqstm1_alk.five_prime.transcript.transcript_id == "ENST00000389805.9"
    assert sqstm1_alk.three_prime.transcript.transcript_id == "ENST00000389048.8"
    assert sqstm1_alk.five_prime.transcript.refseq.startswith("NM_003900")
    assert sqstm1_alk.three_prime.transcript.refseq.startswith("NM_004304")


def test_sqstm1_alk_fusion_protein_is_849_aa(sqstm1_alk):
    assert sqstm1_alk.protein.length == 849
    segs = [(s.kind, s.partner_start, s.partner_end) for s in sqstm1_alk.protein.segments]
    assert segs == [("5'", 1, 251), ("junction", 252, 1023), ("3'", 1024, 1620)]


def test_sqstm1_exon5_ends_at_cds_754_with_phase_1(sqstm1_alk):
    assert sqstm1_alk.five_prime.cds_boundary_nt == 754
    assert sqstm1_alk.five_prime.phase == 1


def test_alk_exon19_starts_inside_codon_1023_with_phase_1(sqstm1_alk):
    assert sqstm1_alk.three_prime.cds_boundary_nt == 3068
    assert sqstm1_alk.three_prime.phase == 1
    assert sqstm1_alk.three_prime.kept_aa == (1023, 1620)


def _status(partner, name_part, kind=None):
    hits = [
        v
        for v in partner.domains
        if name_part.lower() in v.domain.name.lower() and (kind is None or v.domain.kind == kind)
    ]
    assert hits, f"no domain like {name_part!r} in {[v.domain.name for v in partner.domains]}"
    return {v.status for v in hits}


def test_alk_exon19_keeps_transmembrane_and_kinase(sqstm1_alk):
    alk = sqstm1_alk.three_prime
    assert _status(alk, "", kind="transmembrane") == {"retained"}
    assert _status(alk, "kinase") == {"retained"}


def test_sqstm1_alk_verdict_reads_like_the_report(sqstm1_alk):
    assert (
        "ALK protein kinase domain (1116-1392) fully retained; "
        "transmembrane segment (1039-1059) retained"
    ) in sqstm1_alk.verdicts[1]


def test_sqstm1_keeps_pb1_zz_lb_and_traf6_binding(sqstm1_alk):
    sq = sqstm1_alk.five_prime
    assert _status(sq, "PB1") == {"retained"}
    assert _status(sq, "ZZ") == {"retained"}
    assert _status(sq, "LIM protein-binding") == {"retained"}
    assert _status(sq, "TRAF6") == {"retained"}


def test_sqstm1_lir_motif_is_lost_at_residue_251(sqstm1_alk):
    # The seed report lists "LB (LC3-binding / LIR)" as retained; UniProt places
    # the LIR motif at 336-341, beyond the breakpoint. fusionviz shows the data.
    assert _status(sqstm1_alk.five_prime, "LIR") == {"lost"}


def test_eml4_exon6_alk_exon20_is_in_frame_and_785_aa(eml4_alk_e6):
    assert eml4_alk_e6.frame == "in-frame"
    assert eml4_alk_e6.five_prime.cds_boundary_nt == 667
    assert eml4_alk_e6.three_prime.cds_boundary_nt == 3173
    assert eml4_alk_e6.protein.length == 785
    assert eml4_alk_e6.names.short == "E6;A20"


def test_alk_exon20_loses_the_transmembrane_segment(eml4_alk_e6):
    alk = eml4_alk_e6.three_prime
    tm = [v for v in alk.domains if v.domain.kind == "transmembrane"]
    assert tm and all(v.kept_aa == 2 for v in tm)
    assert "transmembrane segment (1039-1059) lost (2 of 21 aa kept)" in eml4_alk_e6.verdicts[1]
    assert _status(alk, "kinase") == {"retained"}


def test_hmbox1_exon6_alk_exon20_is_out_of_frame_on_mane(hmbox1_alk_mane):
    assert hmbox1_alk_mane.five_prime.transcript.transcript_id == "ENST00000287701.15"
    assert hmbox1_alk_mane.five_prime.phase == 2
    assert hmbox1_alk_mane.frame == "out-of-frame"
    assert hmbox1_alk_mane.protein.length is None


def test_hmbox1_exon_numbering_check_finds_hmbox1_203(hmbox1_alk_mane):
    alts = [a for a in hmbox1_alk_mane.alternatives if "HMBOX1-203" in a.reason]
    assert alts and alts[0].frame == "in-frame" and alts[0].five_exon == 6
    assert any("HMBOX1-203" in v for v in hmbox1_alk_mane.verdicts)


def test_hmbox1_203_exon6_alk_exon20_is_in_frame():
    af = annotate_text("HMBOX1 e6::ALK e20", transcript5="HMBOX1-203")
    assert af.frame == "in-frame"
    assert af.five_prime.phase == 1
    assert af.protein.length == 795
    assert _status(af.three_prime, "kinase") == {"retained"}


def test_hmbox1_203_named_in_the_notation_is_used():
    af = annotate_text("HMBOX1-203 e6::ALK e20")
    assert af.five_prime.transcript.name == "HMBOX1-203"
    assert af.frame == "in-frame"


def test_eml4_alk_variant1_is_1059_aa():
    assert annotate_text("EML4 e13::ALK e20").protein.length == 1059


def test_npm1_exon4_alk_exon20_is_680_aa():
    assert annotate_text("NPM1 e4::ALK e20").protein.length == 680


def test_sqstm1_alk_by_refseq_accessions():
    af = annotate_text("SQSTM1(NM_003900) e5::ALK(NM_004304) e19")
    assert af.protein.length == 849
