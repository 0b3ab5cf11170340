"""The annotation engine on hand-made transcripts: composition of the fusion
protein, kept residues, domain statuses, exact translation from cDNA, and the
exon-numbering check."""

import pytest
from Bio.Seq import Seq

from fusionviz.annotate import annotate
from fusionviz.errors import ExonOutOfRangeError
from fusionviz.models import Domain, FusionRequest, PartnerSpec
from tests.handmade import FakeSource, make_transcript, with_extra_first_exon

CODONS = ["GCT", "GAA", "AAA", "CTG", "TGG", "CCC", "CAT", "GGA", "TTC", "AGC"]


def cds_of(n_codons: int, shift: int) -> str:
    body = "".join(CODONS[(i + shift) % len(CODONS)] for i in range(n_codons - 2))
    return "ATG" + body + "TAA"


def cdna(cds: str, utr5: int, utr3: int) -> str:
    return "G" * utr5 + cds + "C" * utr3


A_CDS = cds_of(29, 0)  # 87 nt, exons 10,20,30,40 with CDS at cDNA 6..92
C_CDS = cds_of(29, 3)


def request(g5, e5, g3, e3, t5=None):
    return FusionRequest(
        PartnerSpec(gene=g5, exon=e5, transcript=t5), PartnerSpec(gene=g3, exon=e3)
    )


@pytest.fixture(params=["+", "-"])
def source(request):
    strand = request.param
    a = make_transcript("GENEA", [10, 20, 30, 40], cds_tx=(6, 92), strand=strand)
    # An alternative GENEA transcript with one extra 5' non-coding exon: its exon
    # numbers are one higher for the same boundaries.
    a_alt = with_extra_first_exon(a, 7, name="GENEA-202")
    c = make_transcript(
        "GENEC", [10, 20, 30, 40], cds_tx=(6, 92), strand="-" if strand == "+" else "+"
    )
    return FakeSource(
        genes={"GENEA": [a, a_alt], "GENEC": [c]},
        domain_map={
            "GENEC-201": [
                Domain("Kinase", 12, 25, "UniProtKB/Swiss-Prot", kind="domain"),
                Domain("Helical", 5, 10, "UniProtKB/Swiss-Prot", kind="transmembrane"),
            ],
            "GENEA-201": [Domain("Coiled", 2, 12, "UniProtKB/Swiss-Prot", kind="coiled-coil")],
        },
        sequences={
            "GENEA-201": str(Seq(A_CDS).translate(to_stop=True)),
            "GENEC-201": str(Seq(C_CDS).translate(to_stop=True)),
        },
    )


def test_in_frame_split_codon_fusion_has_composition_and_length(source):
    af = annotate(request("GENEA", 2, "GENEC", 3), source)
    assert af.frame == "in-frame"
    assert af.five_prime.cds_boundary_nt == 25 and af.five_prime.phase == 1
    assert af.three_prime.cds_boundary_nt == 26 and af.three_prime.phase == 1
    # 8 complete GENEA codons + split codon + GENEC 10..28
    assert af.protein.length == 8 + 1 + 19
    kinds = [
        (s.kind, s.partner_start, s.partner_end, s.fusion_start, s.fusion_end)
        for s in af.protein.segments
    ]
    assert kinds == [("5'", 1, 8, 1, 8), ("junction", 9, 9, 9, 9), ("3'", 10, 28, 10, 28)]
    assert af.five_prime.kept_aa == (1, 9) and af.three_prime.kept_aa == (9, 28)


def test_sequence_without_cdna_marks_the_junction_residue_unknown(source):
    af = annotate(request("GENEA", 2, "GENEC", 3), source)
    a = str(Seq(A_CDS).translate(to_stop=True))
    c = str(Seq(C_CDS).translate(to_stop=True))
    assert af.protein.sequence == a[:8] + "X" + c[9:]
    assert any("junction residue shown as X" in n for n in af.protein.notes)


def test_exact_translation_from_cdna_gives_the_junction_residue(source):
    source.cdna = {"GENEA-201": cdna(A_CDS, 5, 8), "GENEC-201": cdna(C_CDS, 5, 8)}
    af = annotate(request("GENEA", 2, "GENEC", 3), source)
    junction_codon = A_CDS[24] + C_CDS[25:27]  # CDS nt 25 of GENEA + nt 26-27 of GENEC
    expected_residue = str(Seq(junction_codon).translate())
    assert af.junction.junction_residue == expected_residue
    assert af.protein.sequence[8] == expected_residue
    assert len(af.protein.sequence) == af.protein.length == 28


def test_domains_of_both_partners_get_statuses(source):
    af = annotate(request("GENEA", 2, "GENEC", 3), source)
    (coiled,) = af.five_prime.domains
    assert coiled.status == "truncated" and (coiled.kept_start, coiled.kept_end) == (2, 9)
    statuses = {v.domain.name: v.status for v in af.three_prime.domains}
    assert statuses == {"Kinase": "retained", "Helical": "truncated"}


def test_out_of_frame_fusion_loses_three_prime_domains_and_offers_alternatives(source):
    af = annotate(request("GENEA", 1, "GENEC", 3), source)  # end phase 2 :: start phase 1
    assert af.frame == "out-of-frame"
    assert af.protein.length is None
    assert all(v.status == "lost" for v in af.three_prime.domains)
    assert af.protein.segments[-1].kind == "frameshift"


def test_exon_numbering_on_another_transcript_is_reported(source):
    # GENEA-201 exon 2 ends at phase 1, GENEC exon 2 starts at phase 2: out of frame.
    # GENEA-202 has an extra 5' non-coding exon, so its "exon 2" is GENEA-201 exon 1
    # (end phase 2): in frame if the lab numbered exons on GENEA-202.
    af = annotate(request("GENEA", 2, "GENEC", 2), source)
    assert af.frame == "out-of-frame"
    alt = [a for a in af.alternatives if a.five_transcript == "GENEA-202"]
    assert alt and alt[0].five_exon == 2 and alt[0].frame == "in-frame"
    assert "GENEA-202 exon 2 = exon 1 of GENEA-201" in alt[0].reason
    assert any(v.startswith("Exon numbering matters") for v in af.verdicts)


def test_exon_out_of_range_names_the_valid_range(source):
    with pytest.raises(ExonOutOfRangeError, match="exons 1-4"):
        annotate(request("GENEA", 9, "GENEC", 3), source)


def test_promoter_fusion_makes_the_three_prime_protein_from_an_internal_met(source):
    utr = make_transcript("GENEU", [30, 20, 40], cds_tx=(45, 80), strand="+")
    source.genes["GENEU"] = [utr]
    af = annotate(request("GENEU", 1, "GENEC", 2), source)
    assert af.frame == "not-applicable"
    assert af.junction.junction_class == "5'UTR::CDS"
    assert af.five_prime.kept_aa is None


def test_same_gene_on_both_sides_is_flagged_as_intragenic(source):
    af = annotate(request("GENEA", 2, "GENEA", 3), source)
    assert af.is_intragenic
    assert any("intragenic" in w for w in af.warnings)
