"""A base inside a coding gene's span but away from all of its coding transcripts (real
rows of ../shared/callers, placed on the bundle): the partner keeps none of the gene's
coding sequence when it ends before them (5') or starts after them (3'); otherwise it
could keep all of it through exons the annotation does not hold, and nothing here
decides the frame."""

from __future__ import annotations

import pytest

from fusionviz import report
from fusionviz.annotate import annotate
from fusionviz.errors import AnnotationDataError
from fusionviz.models import FusionRequest, GenomicPosition, PartnerSpec
from fusionviz.sources import default_source


def _fusion(g5, c5, p5, g3, c3, p3):
    request = FusionRequest(
        PartnerSpec(gene=g5, breakpoint=GenomicPosition(c5, p5, "-")),
        PartnerSpec(gene=g3, breakpoint=GenomicPosition(c3, p3, "-")),
    )
    return annotate(request, default_source())


def test_a_5prime_base_before_every_coding_transcript_keeps_no_protein():
    # Arriba, annoFuseData/arriba_example.tsv line 8: DAB1::OMA1.
    af = _fusion("DAB1", "1", 58506060, "OMA1", "1", 58536741)
    assert af.frame == "not-applicable" and af.five_prime.transcript is None
    said = next(w for w in af.warnings if "lies in the DAB1 gene" in w)
    assert "1082 kb upstream of every DAB1 coding transcript" in said
    assert "keeps no DAB1 coding sequence" in said
    text = report.to_text(af)
    assert "DAB1 (protein_coding; no coding transcript at this base)" in text
    assert "without a coding structure" not in text


def test_a_3prime_base_after_every_coding_transcript_keeps_no_protein():
    # Arriba, DepMap SKBR3 line 150: PLXDC1::MTBP, 18 kb past MTBP's coding transcripts.
    request = FusionRequest(
        PartnerSpec(gene="PLXDC1", breakpoint=GenomicPosition("17", 39139654, "-")),
        PartnerSpec(gene="MTBP", breakpoint=GenomicPosition("8", 120541994, "+")),
    )
    af = annotate(request, default_source())
    assert af.frame == "not-applicable" and af.three_prime.transcript is None
    assert any("18 kb downstream of every MTBP coding transcript" in w for w in af.warnings)


@pytest.mark.parametrize(
    ("g5", "c5", "p5", "g3", "c3", "p3", "said"),
    [
        # Arriba, DepMap VCAP line 47: the 3' base 85 kb before RNF111's coding transcripts.
        ("ZNF410", "14", 73923522, "RNF111", "15", 58902411, "85 kb upstream of every RNF111"),
        # JAFFA, H2228 line 53 (GRCh37, lifted): 7 kb before AKR1C2's.
        ("KIF5B", "10", 32055848, "AKR1C2", "10", 5010653, "7 kb upstream of every AKR1C2"),
    ],
)
def test_a_3prime_base_before_every_coding_transcript_is_not_decided(g5, c5, p5, g3, c3, p3, said):
    request = FusionRequest(
        PartnerSpec(gene=g5, breakpoint=GenomicPosition(c5, p5)),
        PartnerSpec(gene=g3, breakpoint=GenomicPosition(c3, p3)),
    )
    with pytest.raises(AnnotationDataError) as err:
        annotate(request, default_source())
    message = str(err.value)
    assert said in message and "could keep all of" in message
    assert "cannot be computed here" in message and "\n" not in message
