"""Criteria 1, 5 and 6 read straight from the engine's result: frame caveats, partners
without a protein, expression data and the known table."""

from __future__ import annotations

from dataclasses import replace

import pytest

from fusionviz.annotate import annotate_text
from fusionviz.evidence.context_criteria import expression_criterion, frame_criterion
from fusionviz.evidence.domain_criteria import functional_criterion
from fusionviz.evidence.tables import ClassIndex
from fusionviz.models import Locus


@pytest.fixture(scope="module")
def eml4(bundle):
    return annotate_text("EML4 e6::ALK e20", bundle)


def test_an_unverified_in_frame_reading_is_unknown_and_says_what_would_decide(eml4):
    af = replace(eml4, junction=replace(eml4.junction, verified=False, unread_bases=8))
    c = frame_criterion(af)
    assert c.status == "unknown" and c.short == "frame unverified"
    assert "unverified: 8 nt the annotation does not give" in c.finding
    assert "their sequence would decide" in c.finding


def test_out_of_frame_but_in_frame_on_another_pair_at_the_same_bases_is_unknown(bundle):
    af = annotate_text("FGFR3:chr4:1806934:+::TACC3:chr4:1727977:+", bundle)
    c = frame_criterion(af)
    assert af.frame == "out-of-frame"
    assert c.status == "unknown" and c.short == "frame depends on the transcripts"
    assert "in frame at the same bases on FGFR3-208 e16" in c.finding


def test_a_plain_out_of_frame_junction_is_absent(bundle):
    af = annotate_text("HMBOX1 e6::ALK e20", bundle)  # exon input: no junction readings
    assert frame_criterion(af).status == "absent"


def test_a_3p_partner_without_a_coding_transcript_is_not_applicable(eml4, bundle):
    locus = Locus("LINC00001", None, "lncRNA", "2", 1, 100, "-")
    p3 = replace(eml4.three_prime, transcript=None, exon=None, locus=locus, domains=())
    c = functional_criterion(replace(eml4, three_prime=p3), ClassIndex.of(bundle.domain_classes()))
    assert c.status == "not applicable"
    assert c.finding == "ALK is a lncRNA locus: no protein-coding transcript holds the junction"


def test_no_expression_data_for_the_5p_gene_is_unknown(eml4):
    c = expression_criterion(eml4, None, None, True)
    assert (c.status, c.finding) == (
        "unknown",
        "no GTEx data for EML4 in the bundled expression table",
    )
