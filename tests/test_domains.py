"""Domain verdicts: retained / truncated / lost, fractions and clinical wording."""

from fusionviz.domains import describe, partner_verdict, preferred, verdict_for, verdicts_for
from fusionviz.models import Domain

TM = Domain("Helical", 1039, 1059, "UniProtKB/Swiss-Prot", kind="transmembrane")
KINASE = Domain("Protein kinase", 1116, 1392, "UniProtKB/Swiss-Prot", kind="domain")
PFAM_KINASE = Domain("PK_Tyr_Ser-Thr", 1116, 1382, "Pfam 37.0", kind="domain")


def test_alk_exon19_keeps_transmembrane_and_kinase():
    kept = (1023, 1620)
    assert verdict_for(TM, kept).status == "retained"
    assert verdict_for(KINASE, kept).status == "retained"


def test_alk_exon20_keeps_two_of_twenty_one_transmembrane_residues():
    v = verdict_for(TM, (1058, 1620))
    assert v.status == "truncated"
    assert (v.kept_start, v.kept_end, v.kept_aa) == (1058, 1059, 2)
    assert v.fraction_retained == round(2 / 21, 4)
    assert describe(v) == "transmembrane segment (1039-1059) lost (2 of 21 aa kept)"


def test_domain_outside_the_kept_range_is_lost():
    v = verdict_for(KINASE, (1, 251))
    assert v.status == "lost" and v.fraction_retained == 0.0
    assert verdict_for(KINASE, None).status == "lost"


def test_half_kept_domain_is_described_as_truncated():
    v = verdict_for(Domain("PB1", 3, 102, "UniProt"), (1, 52))
    assert describe(v) == "PB1 domain (3-102) truncated (50 of 100 aa kept, 50%)"


def test_kinase_wording_matches_the_clinical_sentence():
    assert describe(verdict_for(KINASE, (1023, 1620))) == (
        "protein kinase domain (1116-1392) fully retained"
    )


def test_uniprot_feature_wins_over_overlapping_pfam_region():
    vs = verdicts_for([KINASE, PFAM_KINASE, TM], (1023, 1620))
    chosen = preferred(vs)
    assert [v.domain.name for v in chosen] == ["Helical", "Protein kinase"]


def test_partner_verdict_leads_with_kinase_then_transmembrane():
    vs = verdicts_for([TM, KINASE], (1058, 1620))
    line = partner_verdict("ALK", vs, kept_any=True)
    assert line == (
        "ALK protein kinase domain (1116-1392) fully retained; "
        "transmembrane segment (1039-1059) lost (2 of 21 aa kept)"
    )


def test_interaction_regions_are_left_out_of_the_verdict():
    region = Domain("Interaction with LCK", 2, 50, "UniProt", kind="region")
    assert preferred(verdicts_for([region], (1, 100))) == ()
