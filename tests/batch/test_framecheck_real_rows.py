"""Real caller rows, one per class of wrong answer fusionviz used to give: each is
now answered right, and every disagreement with the caller names its cause."""

from __future__ import annotations

from pathlib import Path

import pytest

from fusionviz.batch import annotate_rows
from fusionviz.callers import RowError, open_calls
from fusionviz.sources import default_source

ROWS = Path(__file__).resolve().parents[1] / "data" / "callers" / "real_rows"


def annotated(name: str):
    out = []
    for item in annotate_rows(open_calls(ROWS / name).rows(), default_source()):
        assert not isinstance(item, RowError), item
        out.append(item[0])
    return out


def test_antisense_partner_makes_no_protein():
    (a,) = annotated("antisense.arriba.tsv")
    af = a.fusion
    assert af.frame == "not-applicable"
    assert af.junction.junction_class == "CDS::antisense"
    assert af.three_prime.region == "antisense" and af.three_prime.kept_aa is None
    assert all(v.status == "lost" for v in af.three_prime.domains)
    assert any("ASTN1 joined antisense, no ASTN1 protein" in w for w in af.warnings)
    assert (a.check.status, a.check.reason_class) == ("differs", "antisense orientation")


def test_exact_bases_three_nt_inside_an_exon_are_kept_not_snapped():
    at_boundary, inside = annotated("one_sided.fusioncatcher.txt")
    assert at_boundary.fusion.protein.length == 123
    # FusionCatcher's own translation of this row is 122 aa: the 3 nt are not in the RNA
    assert inside.fusion.protein.length == 122
    assert inside.fusion.three_prime.placement.reading == "exact bases"
    assert any("3 nt after the start of its exon 43" in w for w in inside.fusion.warnings)
    assert inside.check.status == "agrees"


def test_rna_junction_deep_in_an_intron_keeps_intronic_bases():
    (a,) = annotated("deep_intron.arriba.tsv")
    af = a.fusion
    p3 = af.three_prime.placement
    assert (p3.reading, p3.intron, p3.retained) == ("retained intron", 2, 83640)
    assert af.three_prime.exon == 3  # not moved to exon 3: its start is 83,640 nt away
    # Arriba's assembled RNA reads into the intron: a stop codon right after the junction
    assert af.frame == "not-applicable"
    assert "stop codon (TGA) 3 nt after the junction" in af.verdicts[0]
    assert a.check.reason_class == "stop codon read in the unread bases"
    assert any("as genomic DNA breakpoints (--dna)" in w for w in af.warnings)


def test_exact_boundary_on_another_transcript_wins_over_an_intronic_mane_reading():
    (a,) = annotated("other_transcript.arriba.tsv")
    af = a.fusion
    assert af.five_prime.transcript.name == "TMPRSS2-202"
    assert (af.five_prime.exon, af.junction.junction_class, af.frame) == (
        1,
        "CDS::CDS",
        "out-of-frame",
    )
    assert any("131 nt after the end of exon 1" in w for w in af.warnings)
    assert a.check.status == "agrees"


def test_stop_codon_in_the_three_prime_utr_read_from_the_callers_sequence():
    (a,) = annotated("utr_stop.arriba.tsv")
    af = a.fusion
    assert af.junction.junction_class == "CDS::5'UTR"
    assert af.frame == "not-applicable"
    assert af.protein.length == 72
    assert "stop codon (TAG) 3 nt after the junction" in af.verdicts[0]
    assert a.check.reason_class == "stop codon read in the unread bases"


def test_lncrna_and_intergenic_partners_are_answered_not_refused():
    lnc, intergenic = annotated("noncoding.arriba.tsv")
    assert lnc.fusion.three_prime.transcript is None
    assert lnc.fusion.three_prime.locus.biotype == "lncRNA"
    assert lnc.fusion.junction.junction_class == "CDS::non-coding"
    assert intergenic.fusion.three_prime.region == "intergenic"
    assert any("intergenic at chr10:88016243" in w for w in intergenic.fusion.warnings)
    for a in (lnc, intergenic):
        assert a.fusion.frame == "not-applicable"
        assert a.check.reason_class == "non-coding or intergenic partner"


@pytest.mark.parametrize(
    "name",
    [
        "noncoding.arriba.tsv",
        "antisense.arriba.tsv",
        "one_sided.fusioncatcher.txt",
        "deep_intron.arriba.tsv",
        "other_transcript.arriba.tsv",
        "utr_stop.arriba.tsv",
    ],
)
def test_every_disagreement_names_its_cause(name):
    for a in annotated(name):
        if a.check.status == "differs":
            assert a.check.reason_class not in ("", "unexplained")
