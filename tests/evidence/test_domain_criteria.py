"""Criteria 2-4 on hand-made transcripts of both strands: what counts as kept,
truncated or removed, and what a source without evidence data gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from fusionviz.annotate import annotate
from fusionviz.evidence import assess
from fusionviz.evidence.tables import parse_domain_classes
from fusionviz.models import Domain, FusionRequest, PartnerSpec
from tests.evidence.conftest import EvidenceFakeSource
from tests.handmade import FakeSource, make_transcript

CLASSES = parse_domain_classes(
    (Path(__file__).resolve().parents[2] / "annotations/domain_classes.tsv").read_text()
)
UNI = "UniProtKB/Swiss-Prot X00000"


def _source(strand5: str, strand3: str, *, cls=EvidenceFakeSource, five=(), three=()):
    # 5': 179 aa; exon 1 = codons 1-30, exon 2 = 31-80, exon 3 = 81-130 (end phases 0).
    t5 = make_transcript("AAA", [100, 150, 150, 150], cds_tx=(11, 550), strand=strand5)
    # 3': 155 aa; exon 2 starts at codon 11, exon 3 at codon 44 (start phases 0).
    t3 = make_transcript(
        "KKK", [50, 99, 150, 200], cds_tx=(21, 488), strand=strand3, contig="2", origin=90_000
    )
    genes = {"AAA": [t5], "KKK": [t3]}
    domains = {t5.name: list(five), t3.name: list(three)}
    if cls is FakeSource:
        return FakeSource(genes, domains)
    return cls(genes, domains, classes=CLASSES)


def _assess(src, e5: int, e3: int):
    req = FusionRequest(PartnerSpec(gene="AAA", exon=e5), PartnerSpec(gene="KKK", exon=e3))
    af = annotate(req, src)
    return af, assess(af, src)


KINASE = Domain("PK_Tyr_Ser-Thr", 60, 150, "Pfam 37.0", "domain", "PF07714")
EXTRA = Domain("Extracellular", 1, 40, UNI, "topology", "TOPO_DOM")
TM = Domain("Transmembrane (Helical)", 41, 50, UNI, "transmembrane", "TRANSMEM")
PB1 = Domain("PB1", 20, 70, "Pfam 37.0", "domain", "PF00564")
COILED = Domain("Coiled coil", 10, 150, UNI, "coiled-coil", "COILED")


@pytest.mark.parametrize(("s5", "s3"), [("+", "+"), ("-", "+"), ("+", "-"), ("-", "-")])
def test_a_kept_kinase_and_a_removed_receptor_region_on_either_strand(s5, s3):
    src = _source(s5, s3, five=[PB1], three=[EXTRA, TM, KINASE])
    af, a = _assess(src, 2, 3)
    assert af.frame == "in-frame" and af.three_prime.kept_aa == (44, 155)
    assert a.criterion("functional_domain").status == "present"
    reg = a.criterion("regulatory_removed")
    assert reg.status == "present"
    assert reg.finding == (
        "KKK extracellular region (1-40) removed; transmembrane segment (41-50): 7 of 10 aa kept"
    )
    assert a.criterion("oligomerization").finding.startswith(
        "AAA aa 1-80 keep the PB1 domain (20-70)"
    )


def test_a_receptor_region_mostly_kept_means_the_criterion_does_not_hold():
    _, a = _assess(_source("+", "-", three=[EXTRA, TM, KINASE]), 2, 2)
    reg = a.criterion("regulatory_removed")
    assert reg.status == "absent"
    assert "extracellular region (1-40) kept: 30 of 40 aa kept" in reg.finding


def test_a_truncated_globular_oligomerization_domain_is_unknown():
    _, a = _assess(_source("+", "+", five=[PB1], three=[KINASE]), 1, 3)
    o = a.criterion("oligomerization")
    assert o.status == "unknown"
    assert "PB1 domain (20-70) truncated (11 of 51 aa kept" in o.finding


@pytest.mark.parametrize(("e5", "status"), [(2, "present"), (1, "unknown")])
def test_a_truncated_coiled_coil_counts_only_when_59_or_more_residues_are_kept(e5, status):
    _, a = _assess(_source("-", "+", five=[COILED], three=[KINASE]), e5, 3)
    assert a.criterion("oligomerization").status == status


def test_no_oligomerization_feature_is_absent_and_says_the_annotation_is_not_proof():
    _, a = _assess(
        _source(
            "+",
            "+",
            five=[KINASE.__class__("WD40", 5, 40, "Pfam 37.0", "repeat", "PF00400")],
            three=[KINASE],
        ),
        2,
        3,
    )
    o = a.criterion("oligomerization")
    assert o.status == "absent" and "not proof of absence" in o.finding


def test_a_3p_partner_without_kinase_or_dna_binding_domain_is_not_applicable():
    _, a = _assess(_source("+", "+", five=[PB1], three=[TM]), 2, 3)
    assert a.criterion("functional_domain").status == "not applicable"


def test_a_source_without_evidence_data_gives_unknown_not_an_error():
    src = _source("+", "-", cls=FakeSource, five=[PB1], three=[KINASE])
    af, a = _assess(src, 2, 3)
    assert a.criterion("frame").status == "present"
    assert a.criterion("expression").status == "unknown"
    assert a.criterion("expression").finding == "the annotation source has no expression data"
    assert a.criterion("known").status == "unknown"
    # without classes no feature is classified: the kinase is not recognised
    assert a.criterion("functional_domain").status == "not applicable"
