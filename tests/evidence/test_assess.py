"""The evidence list on the seed fusions and the issue's expectations (embedded bundle)."""

from __future__ import annotations

import re

import pytest

from fusionviz.annotate import annotate_text
from fusionviz.evidence import assess, oligomerization_spans


@pytest.fixture(scope="module")
def evidence(bundle, known_table):
    cache = {}

    def get(text):
        if text not in cache:
            af = annotate_text(text, bundle)
            cache[text] = (af, assess(af, bundle, table=known_table))
        return cache[text]

    return get


def status(a, key):
    return a.criterion(key).status


@pytest.mark.parametrize("text", ["EML4 e6::ALK e20", "EML4 e13::ALK e20"])
def test_eml4_alk_keeps_the_eml4_trimerization_domain_and_the_alk_kinase(evidence, text):
    _, a = evidence(text)
    assert [status(a, k) for k in ("frame", "functional_domain", "oligomerization")] == [
        "present"
    ] * 3
    olig = a.criterion("oligomerization")
    assert "EML4 trimerization domain (coiled coil) (6-64) (fully)" in olig.finding
    assert any("Richards MW et al., Biochem J 2015" in s for s in olig.sources)
    assert (
        "protein kinase domain (1116-1392) fully retained"
        in a.criterion("functional_domain").finding
    )


@pytest.mark.parametrize("text", ["EML4 e6::ALK e20", "EML4 e13::ALK e20"])
def test_alk_exon20_loses_the_extracellular_region_and_keeps_2_of_21_tm_residues(evidence, text):
    _, a = evidence(text)
    reg = a.criterion("regulatory_removed")
    assert reg.status == "present"
    assert "extracellular region (19-1038) removed" in reg.finding
    assert "transmembrane segment (1039-1059): 2 of 21 aa kept" in reg.finding
    (tm,) = dict(reg.data)["transmembrane"]
    assert (tm["kept_aa"], tm["end"] - tm["start"] + 1) == (2, 21)


def test_sqstm1_alk_keeps_pb1_the_kinase_and_the_alk_transmembrane_segment(evidence):
    _, a = evidence("SQSTM1 e5::ALK e19")
    assert "PB1 domain (3-102) (fully)" in a.criterion("oligomerization").finding
    assert status(a, "functional_domain") == "present"
    reg = a.criterion("regulatory_removed")
    assert "transmembrane segment (1039-1059) kept" in reg.finding
    assert "extracellular region (19-1038) removed: 16 of 1020 aa kept" in reg.finding


def test_sqstm1_expression_is_broad_and_high_with_numbers_and_source(evidence):
    _, a = evidence("SQSTM1 e5::ALK e19")
    ex = a.criterion("expression")
    assert ex.status == "present"
    assert ex.finding.startswith(
        "SQSTM1 expression broad, high: median 155.2 TPM Muscle - Skeletal"
    )
    assert "of 49" in ex.finding
    assert any("GTEx Analysis V8" in s and "ideogram@1.53.0" in s for s in ex.sources)
    alk = next(d for d in ex.details if d.startswith("ALK in the same tissues"))
    assert "Muscle - Skeletal not among its 10 highest-median tissues" in alk
    assert dict(ex.data)["five_prime"]["tissues"][0] == {
        "tissue": "Muscle_Skeletal",
        "median_tpm": 155.2,
        "samples": 803,
    }


def test_hmbox1_alk_on_mane_is_out_of_frame_and_is_assessed_on_hmbox1_203(evidence):
    af, a = evidence("HMBOX1 e6::ALK e20")
    assert status(a, "frame") == "absent"
    assert "HMBOX1-203/ALK-201" in " ".join(a.criterion("frame").details)
    assert status(a, "functional_domain") == "absent"
    assert status(a, "regulatory_removed") == "not applicable"
    (alt,) = a.alternatives
    assert alt.reading == "exon numbers read on HMBOX1-203/ALK-201"
    assert status(alt, "frame") == "present"
    assert status(alt, "functional_domain") == "present"
    assert status(alt, "regulatory_removed") == "present"
    # Table v2 has no HMBOX1::ALK row (no reachable citation gives its exon numbers).
    assert status(alt, "known") == "absent"
    assert "Holds: in frame" in alt.summary


def test_a_transcription_factor_fusion_keeps_the_3p_dna_binding_domain(evidence):
    _, a = evidence("EWSR1 e7::FLI1 e6")
    f = a.criterion("functional_domain")
    assert f.status == "present"
    assert f.finding == "FLI1 ETS domain (282-361) fully retained"
    assert status(a, "regulatory_removed") == "not applicable"


def test_pax3_foxo1_cuts_the_forkhead_domain_and_says_pax3_keeps_its_own(evidence):
    _, a = evidence("PAX3 e7::FOXO1 e2")
    f = a.criterion("functional_domain")
    assert f.status == "unknown"
    assert "forkhead domain (160-248) truncated" in f.finding
    assert "the 5' partner PAX3 keeps its" in f.finding and "homeodomain" in f.finding


def test_a_long_enough_kept_coiled_coil_counts_for_kif5b_ret(evidence):
    _, a = evidence("KIF5B e15::RET e12")
    o = a.criterion("oligomerization")
    assert o.status == "present"
    assert "coiled coil (329-914): 247 of 586 aa of the coiled coil" in o.finding


def test_the_known_criterion_counts_the_3p_partners_in_the_table(evidence):
    _, a = evidence("EML4 e6::ALK e20")
    k = a.criterion("known")
    assert k.status == "present" and "EML4-ALK variant 3" in k.finding
    assert "ALK has 1 distinct 5' partner in the table: EML4" in k.details  # table v2


def test_without_a_table_the_known_criterion_is_unknown(bundle):
    a = assess(annotate_text("EML4 e6::ALK e20", bundle), bundle)
    assert status(a, "known") == "unknown"


FORBIDDEN = re.compile(
    r"\d+ ?%|probab|likel|pathogenic|driver|treat|therap|inhibitor|recommend|respon", re.I
)


@pytest.mark.parametrize(
    "text",
    ["EML4 e6::ALK e20", "SQSTM1 e5::ALK e19", "HMBOX1 e6::ALK e20", "PAX3 e7::FOXO1 e2"],
)
def test_the_summary_is_a_list_never_a_probability_a_label_or_advice(evidence, text):
    _, a = evidence(text)
    for s in [a.summary, *(alt.summary for alt in a.alternatives)]:
        assert s.startswith("Holds:") or s.startswith("Does not hold:")
        assert not FORBIDDEN.search(s), s


def test_genomic_breakpoints_get_no_other_exon_numbering_reading(bundle, known_table):
    af = annotate_text("HMBOX1:chr8:29018913::ALK:chr2:29223528", bundle)
    assert af.frame == "out-of-frame"
    assert assess(af, bundle, table=known_table).alternatives == ()


def test_oligomerization_spans_are_given_in_fusion_residues(bundle):
    af = annotate_text("EML4 e6::ALK e20", bundle)
    (span,) = oligomerization_spans(af, bundle)
    assert (span.start, span.end, span.complete) == (6, 64, True)
    assert span.label == "EML4 trimerization domain (coiled coil)"
    sq = oligomerization_spans(annotate_text("SQSTM1 e5::ALK e19", bundle), bundle)
    assert (sq[0].start, sq[0].end, sq[0].family) == (3, 102, "PB1 domain")
    assert oligomerization_spans(annotate_text("HMBOX1 e6::ALK e20", bundle), bundle) == ()
