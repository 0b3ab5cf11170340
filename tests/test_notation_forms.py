"""Notations as reports, papers and knowledgebases write them: each form is read, and read
the way its definition says (parser only; annotation in test_notation_annotate.py)."""

from __future__ import annotations

import pytest

from fusionviz.errors import GenePairOnlyError, NotationError
from fusionviz.models import PartnerSpec
from fusionviz.notation import parse_fusion, read_partner


def exons(text: str) -> tuple[str | None, int | None, str | None, int | None]:
    r = parse_fusion(text)
    return r.five_prime.gene, r.five_prime.exon, r.three_prime.gene, r.three_prime.exon


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("EML4-ALK fusion (E13;A20)", ("EML4", 13, "ALK", 20)),
        ("EML4-ALK fusion gene E13;A20", ("EML4", 13, "ALK", 20)),
        ("ETV6-NTRK3 (E5;N15)", ("ETV6", 5, "NTRK3", 15)),
        ("5' EML4 exon 13 fused to 3' ALK exon 20", ("EML4", 13, "ALK", 20)),
        ("5′ EML4 exon 13 fused with 3′ ALK exon 20", ("EML4", 13, "ALK", 20)),
        ("EML4 ex13 - ALK ex20", ("EML4", 13, "ALK", 20)),
        ("EML4::ALK e13-e20", ("EML4", 13, "ALK", 20)),
        ("eml4::alk E13-E20", ("eml4", 13, "alk", 20)),
    ],
)
def test_report_and_knowledgebase_text_is_read(text, expected):
    assert exons(text) == expected
    assert parse_fusion(text).reading == ()  # nothing reinterpreted: the exons are as written


def test_report_text_keeps_the_transcripts_it_names():
    r = parse_fusion("EML4(NM_019063)-ALK(NM_004304) fusion (E13; A20)")
    assert r.five_prime == PartnerSpec(gene="EML4", transcript="NM_019063", exon=13)
    assert r.three_prime == PartnerSpec(gene="ALK", transcript="NM_004304", exon=20)


def test_a_partner_named_like_a_report_word_is_still_a_partner():
    assert exons("Fusion e1::ALK e2") == ("Fusion", 1, "ALK", 2)


def test_dna_introns_become_the_exons_splicing_joins_and_say_so():
    r = parse_fusion("EML4 intron 13::ALK intron 19")
    assert (r.five_prime.exon, r.three_prime.exon) == (13, 20)
    assert any("intron 13 keeps exon 13" in n for n in r.reading)
    assert any("intron 19 makes exon 20 the first exon kept" in n for n in r.reading)
    mixed = parse_fusion("EML4 exon 13::ALK intron 19")
    assert (mixed.five_prime.exon, mixed.three_prime.exon) == (13, 20)
    assert len(mixed.reading) == 1


def test_a_partner_option_reads_an_intron_by_its_side():
    spec, notes = read_partner("ALK intron 19", role="3'")
    assert spec.exon == 20 and notes
    with pytest.raises(NotationError, match="side"):
        read_partner("ALK intron 19")


@pytest.mark.parametrize(
    ("text", "expected", "cited"),
    [
        ("BCR::ABL1 e13a2", ("BCR", 13, "ABL1", 2), "Cross NCP"),
        ("BCR::ABL1 e14a2", ("BCR", 14, "ABL1", 2), "Cross NCP"),
        ("BCR::ABL1 e1a2", ("BCR", 1, "ABL1", 2), "Cross NCP"),
        ("BCR::ABL1 e19a2", ("BCR", 19, "ABL1", 2), "Cross NCP"),
        ("BCR-ABL1 b2a2", ("BCR", 13, "ABL1", 2), "Molica M"),
        ("BCR-ABL1 b3a2", ("BCR", 14, "ABL1", 2), "Molica M"),
        ("BCR::ABL1 p190", ("BCR", 1, "ABL1", 2), "Kang ZJ"),
        ("BCR::ABL1 p230", ("BCR", 19, "ABL1", 2), "Kang ZJ"),
        ("PML::RARA bcr1", ("PML", 6, "RARA", 3), "Gabert J"),
        ("PML-RARA bcr3", ("PML", 3, "RARA", 3), "Gabert J"),
        ("TMPRSS2::ERG T1E4", ("TMPRSS2", 1, "ERG", 4), "Wang J"),
        ("TMPRSS2-ERG T1/E4", ("TMPRSS2", 1, "ERG", 4), "Wang J"),
        ("TMPRSS2::ERG T2-E4", ("TMPRSS2", 2, "ERG", 4), "Wang J"),
    ],
)
def test_short_forms_are_read_by_their_cited_definition(text, expected, cited):
    r = parse_fusion(text)
    assert exons(text) == expected
    (note,) = r.reading
    assert cited in note and ("doi:" in note or "Leukemia 2003" in note or "2020" in note)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("BCR::ABL1 p210", "e13a2 (b2a2) or e14a2 (b3a2)"),
        ("PML::RARA bcr2", "names no single junction"),
        ("EML4::ALK e13a2", "is a BCR::ABL1 short form"),
        ("PML::RARA e13a2", "is a BCR::ABL1 short form"),
        ("BCR::ABL1 bcr1", "is a PML::RARA short form"),
    ],
)
def test_a_short_form_that_names_no_single_junction_asks_what_would(text, fragment):
    with pytest.raises(NotationError) as e:
        parse_fusion(text)
    assert fragment in str(e.value) and "\n" not in str(e.value)


def test_tmprss2_erg_says_the_erg_numbering_is_not_fixed_by_the_form():
    (note,) = parse_fusion("TMPRSS2::ERG T1E4").reading
    assert "exon 2 of MANE ENST00000288319" in note and "ERG-205" in note


def test_hgvs_adjoined_transcripts_name_the_junction_positions():
    r = parse_fusion("NM_152263.2:r.-115_775::NM_002609.3:r.1580_*1924")
    assert r.five_prime == PartnerSpec(transcript="NM_152263.2", rna_position="775")
    assert r.three_prime == PartnerSpec(transcript="NM_002609.3", rna_position="1580")
    g = parse_fusion("NM_152263.2(TPM3):r.-115_775::NM_002609.3(PDGFRB):r.1580_*1924")
    assert (g.five_prime.gene, g.three_prime.gene) == ("TPM3", "PDGFRB")


def test_cosmic_positions_count_from_the_transcript_start_without_its_version():
    r = parse_fusion("EML4{ENST00000318522.5}:r.1_1748_ALK{ENST00000389048}:r.4100_6220")
    assert r.five_prime == PartnerSpec(
        gene="EML4", transcript="ENST00000318522", rna_position="tx:1748"
    )
    assert r.three_prime.rna_position == "tx:4100"
    assert "COSMIC" in r.reading[0] and "ENST00000318522.5" in r.reading[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NM_004327.3(BCR):e.14::NM_005157.5(ABL1):e.2", (14, 2)),
        ("NM_004327.3(BCR):e.1_14::NM_005157.5(ABL1):e.2_11", (14, 2)),
        ("ENST00000305877.12(BCR):e.2::ENST00000318560.5(ABL1):e.2", (2, 2)),
    ],
)
def test_vicc_transcript_components_name_exons(text, expected):
    r = parse_fusion(text)
    assert (r.five_prime.exon, r.three_prime.exon) == expected
    assert r.five_prime.transcript and r.three_prime.transcript
    assert r.reading[0].startswith("VICC nomenclature")


def test_vicc_offsets_into_introns_are_dna_breakpoints_and_into_exons_are_refused():
    r = parse_fusion("NM_004327.3(BCR):e.1_14+182::NM_005157.5(ABL1):e.2-173_11")
    assert (r.five_prime.exon, r.three_prime.exon) == (14, 2)
    assert any("182 nt after exon 14" in n for n in r.reading)
    assert any("173 nt before exon 2" in n for n in r.reading)
    with pytest.raises(NotationError, match="inside exon 14"):
        parse_fusion("NM_004327.3(BCR):e.14-20::NM_005157.5(ABL1):e.2")


def test_a_vicc_linker_sequence_is_refused_with_its_frame_effect():
    with pytest.raises(NotationError, match="adds 3 codon"):
        parse_fusion("NM_004327.3(BCR):e.2::ACTAAAGCG::NM_005157.5(ABL1):e.2")
    with pytest.raises(NotationError, match="shifts the reading frame by 1"):
        parse_fusion("NM_004327.3(BCR):e.2::ACTA::NM_005157.5(ABL1):e.2")


@pytest.mark.parametrize(
    "text",
    ["EML4::ALK", "EML4--ALK", "EML4/ALK", "eml4 :: alk", "BCR(hgnc:1014)::ABL1(hgnc:76)"],
)
def test_a_gene_pair_without_exons_is_named_as_such(text):
    with pytest.raises(GenePairOnlyError) as e:
        parse_fusion(text)
    assert "exons are needed for a specific answer" in str(e.value)
    assert e.value.five.upper() in ("EML4", "BCR")


def test_exon_like_words_are_not_a_gene_pair():
    with pytest.raises(NotationError) as e:
        parse_fusion("e5::e19")
    assert not isinstance(e.value, GenePairOnlyError)
