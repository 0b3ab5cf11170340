"""Specification of fusion notation parsing and naming (fusionviz.notation)."""

from __future__ import annotations

import pytest

from fusionviz.errors import FusionvizError, NotationError
from fusionviz.models import FusionRequest, GenomicPosition, PartnerSpec
from fusionviz.notation import (
    ACCEPTED_FORMS,
    ACCEPTED_PARTNER_FORMS,
    exon_form,
    fusion_text,
    hgnc_name,
    parse_fusion,
    parse_partner,
    partner_text,
    short_form,
)

SQSTM1_5 = PartnerSpec(gene="SQSTM1", exon=5)
ALK_19 = PartnerSpec(gene="ALK", exon=19)
ALK_20 = PartnerSpec(gene="ALK", exon=20)
EML4_6 = PartnerSpec(gene="EML4", exon=6)
HMBOX1_6 = PartnerSpec(gene="HMBOX1", exon=6)

KNOWN_GENES = {"SQSTM1", "ALK", "EML4", "HMBOX1", "HLA-A", "NKX2-1", "KIF5B", "RET"}


def is_gene(symbol: str) -> bool:
    return symbol.upper() in KNOWN_GENES


def partners(text: str, **kwargs) -> tuple[PartnerSpec, PartnerSpec]:
    request = parse_fusion(text, **kwargs)
    return request.five_prime, request.three_prime


def assert_one_line_notation_error(text: str, *fragments: str, **kwargs) -> str:
    with pytest.raises(NotationError) as info:
        parse_fusion(text, **kwargs)
    message = str(info.value)
    assert len(message.splitlines()) == 1
    for fragment in fragments:
        assert fragment in message
    return message


# --------------------------------------------------------------------------- accepted forms


@pytest.mark.parametrize(
    "text",
    [
        "SQSTM1 e5::ALK e19",
        "SQSTM1 E5 :: ALK E19",
        "sqstm1 e5::alk e19",
        "SQSTM1 exon 5 :: ALK exon 19",
        "SQSTM1 Exon5::ALK EXON19",
        "SQSTM1 ex5::ALK ex19",
        "SQSTM1::ALK, exon 5 to exon 19",
        "SQSTM1::ALK exon 5 to exon 19",
        "SQSTM1::ALK e5::e19",
        "SQSTM1 :: ALK  e5 :: e19",
        "SQSTM1::ALK S5;A19",
        "SQSTM1::ALK E5;A19",
        "SQSTM1--ALK S5;A19",
        "SQSTM1-ALK S5;A19",
        "SQSTM1:5::ALK:19",
        "SQSTM1 e5 -- ALK e19",
        "SQSTM1 exon 5 to ALK exon 19",
        "SQSTM1 exon 5 TO ALK exon 19",
        "SQSTM1(e5)--ALK(e19)",
        "SQSTM1(exon 5)::ALK(exon 19)",
        "  SQSTM1 e5::ALK e19\n",
    ],
)
def test_every_spelling_of_sqstm1_exon5_alk_exon19_gives_the_same_partners(text: str) -> None:
    five, three = partners(text)
    assert (five.gene.upper(), five.exon) == ("SQSTM1", 5)
    assert (three.gene.upper(), three.exon) == ("ALK", 19)
    assert five.transcript is None and three.transcript is None


@pytest.mark.parametrize(
    "text",
    [
        "EML4::ALK E6;A20",
        "EML4-ALK E6;A20",
        "EML4::ALK E6:A20",
        "EML4::ALK e6;a20",
        "EML4 :: ALK E6 ; A20",
        "EML4--ALK E6;A20",
        "EML4::ALK EML6;ALK20",
        "EML4::ALK E6-A20",
        "EML4::ALK E6/A20",
        "EML4::ALK 6;20",
    ],
)
def test_eml4_alk_short_forms_read_exon6_exon20(text: str) -> None:
    assert partners(text) == (EML4_6, ALK_20)


def test_star_fusion_double_hyphen_with_short_form() -> None:
    assert partners("EML4--ALK E13;A20") == (
        PartnerSpec(gene="EML4", exon=13),
        ALK_20,
    )


def test_hmbox1_alk_h6_a20_with_double_colon_between_exons() -> None:
    assert partners("HMBOX1::ALK H6::A20") == (HMBOX1_6, ALK_20)


def test_hmbox1_exon6_to_alk_exon20() -> None:
    assert partners("HMBOX1 exon 6 to ALK exon 20") == (HMBOX1_6, ALK_20)


def test_text_and_line_are_recorded_on_the_request() -> None:
    request = parse_fusion("  SQSTM1 e5::ALK e19 ", line=7)
    assert request == FusionRequest(SQSTM1_5, ALK_19, text="  SQSTM1 e5::ALK e19 ", line=7)


def test_gene_symbols_are_kept_as_typed() -> None:
    five, three = partners("C11orf95 e2::Rela e3")
    assert (five.gene, three.gene) == ("C11orf95", "Rela")


@pytest.mark.parametrize("symbol", ["NKX2-1", "HLA-A", "C11orf95", "AC012345.1", "MT-ND1"])
def test_gene_symbols_may_contain_hyphens_dots_and_lowercase(symbol: str) -> None:
    five, three = partners(f"{symbol} e2::ALK e20")
    assert five == PartnerSpec(gene=symbol, exon=2)
    assert three == ALK_20


def test_hyphenated_gene_on_both_sides_of_a_double_colon() -> None:
    assert partners("NKX2-1::HLA-A N2;H3") == (
        PartnerSpec(gene="NKX2-1", exon=2),
        PartnerSpec(gene="HLA-A", exon=3),
    )


def test_intragenic_fusion_of_the_same_gene_is_allowed() -> None:
    assert partners("ALK e2::ALK e20") == (PartnerSpec(gene="ALK", exon=2), ALK_20)


def test_short_form_with_two_genes_of_the_same_initial() -> None:
    assert partners("EML4::ERG E13;E4") == (
        PartnerSpec(gene="EML4", exon=13),
        PartnerSpec(gene="ERG", exon=4),
    )


# --------------------------------------------------------------------------- transcripts


def test_ensembl_transcript_in_parentheses() -> None:
    assert partners("HMBOX1(ENST00000397358) e6::ALK e20") == (
        PartnerSpec(gene="HMBOX1", transcript="ENST00000397358", exon=6),
        ALK_20,
    )


def test_versioned_ensembl_transcript_is_kept_with_its_version() -> None:
    five, _ = partners("HMBOX1 (ENST00000287701.15) e6::ALK e20")
    assert five == PartnerSpec(gene="HMBOX1", transcript="ENST00000287701.15", exon=6)


def test_transcript_ids_are_upper_cased() -> None:
    five, three = partners("sqstm1(nm_003900.5) e5::alk(enst00000389048) e19")
    assert five == PartnerSpec(gene="sqstm1", transcript="NM_003900.5", exon=5)
    assert three == PartnerSpec(gene="alk", transcript="ENST00000389048", exon=19)


def test_refseq_transcripts_on_both_partners() -> None:
    assert partners("SQSTM1(NM_003900.5) e5::ALK(NM_004304) e19") == (
        PartnerSpec(gene="SQSTM1", transcript="NM_003900.5", exon=5),
        PartnerSpec(gene="ALK", transcript="NM_004304", exon=19),
    )


def test_bare_transcript_in_place_of_the_gene_has_no_gene() -> None:
    assert partners("ENST00000389805 e5::ALK e19") == (
        PartnerSpec(gene=None, transcript="ENST00000389805", exon=5),
        ALK_19,
    )


def test_ensembl_transcript_name_is_a_transcript_of_its_gene() -> None:
    assert partners("HMBOX1-203 e6::ALK e20") == (
        PartnerSpec(gene="HMBOX1", transcript="HMBOX1-203", exon=6),
        ALK_20,
    )


def test_transcript_and_exon_both_in_parentheses() -> None:
    five, _ = partners("SQSTM1(NM_003900.5)(e5)::ALK(e19)")
    assert five == PartnerSpec(gene="SQSTM1", transcript="NM_003900.5", exon=5)


def test_transcript_name_in_parentheses() -> None:
    five, _ = partners("HMBOX1(HMBOX1-203) e6::ALK e20")
    assert five == PartnerSpec(gene="HMBOX1", transcript="HMBOX1-203", exon=6)


def test_transcript_name_with_the_gene_pair_short_form() -> None:
    assert partners("HMBOX1-203::ALK H6;A20") == (
        PartnerSpec(gene="HMBOX1", transcript="HMBOX1-203", exon=6),
        ALK_20,
    )


def test_gene_with_three_digit_suffix_is_a_gene_when_is_gene_says_so() -> None:
    five, _ = partners("ABC-123 e2::ALK e20", is_gene=lambda s: s.upper() in {"ABC-123", "ALK"})
    assert five == PartnerSpec(gene="ABC-123", exon=2)


def test_transcript_only_partner_accepts_exon_letters_but_not_initials() -> None:
    five, _ = partners("ENST00000389805::ALK e5;A19")
    assert five == PartnerSpec(transcript="ENST00000389805", exon=5)
    assert_one_line_notation_error("ENST00000389805::ALK S5;A19", "needs a gene symbol")


# --------------------------------------------------------------------------- hyphens


def test_single_hyphen_fusion_is_split_where_exons_anchor_each_side() -> None:
    assert partners("NKX2-1 e2-ALK e20") == (PartnerSpec(gene="NKX2-1", exon=2), ALK_20)


def test_hyphenated_gene_pair_is_ambiguous_without_is_gene() -> None:
    assert_one_line_notation_error("HLA-A-ALK H3;A20", "ambiguous hyphen", "'::'")


def test_is_gene_settles_a_hyphenated_gene_pair() -> None:
    assert partners("HLA-A-ALK H3;A20", is_gene=is_gene) == (
        PartnerSpec(gene="HLA-A", exon=3),
        ALK_20,
    )


def test_is_gene_only_breaks_ties_so_a_unique_split_keeps_unknown_genes() -> None:
    # Gene resolution, not the parser, reports unknown genes (with spelling suggestions).
    assert partners("EMl4-ALK E6;A20", is_gene=is_gene) == (
        PartnerSpec(gene="EMl4", exon=6),
        ALK_20,
    )


def test_hyphen_ambiguity_that_is_gene_cannot_settle_is_an_error() -> None:
    assert_one_line_notation_error("HLA-X-FOO H1;e2", "ambiguous hyphen", is_gene=is_gene)


def test_kif5b_ret_hyphen_with_is_gene() -> None:
    assert partners("KIF5B-RET e15;e12", is_gene=is_gene) == (
        PartnerSpec(gene="KIF5B", exon=15),
        PartnerSpec(gene="RET", exon=12),
    )


def test_a_hyphenated_gene_alone_is_not_a_fusion() -> None:
    assert_one_line_notation_error("NKX2-1 E2;A20", "one partner")


def test_unicode_dashes_count_as_hyphens() -> None:
    assert partners("EML4\u2013ALK E6;A20") == (EML4_6, ALK_20)


# --------------------------------------------------------------------------- genomic


def test_genomic_fusion_with_genes() -> None:
    assert partners("EML4:chr2:42299120::ALK:chr2:29223528") == (
        PartnerSpec(gene="EML4", breakpoint=GenomicPosition("2", 42299120)),
        PartnerSpec(gene="ALK", breakpoint=GenomicPosition("2", 29223528)),
    )


def test_genomic_fusion_with_strands_and_no_genes() -> None:
    assert partners("chr2:42299120:+::chr2:29223528:-") == (
        PartnerSpec(breakpoint=GenomicPosition("2", 42299120, "+")),
        PartnerSpec(breakpoint=GenomicPosition("2", 29223528, "-")),
    )


def test_breakpoint_and_exon_partners_can_be_mixed() -> None:
    assert partners("EML4 e6::chr2:29223528") == (
        EML4_6,
        PartnerSpec(breakpoint=GenomicPosition("2", 29223528)),
    )


# --------------------------------------------------------------------------- parse_partner


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SQSTM1:5", SQSTM1_5),
        ("SQSTM1 : 5", SQSTM1_5),
        ("SQSTM1:e5", SQSTM1_5),
        ("SQSTM1 e5", SQSTM1_5),
        ("SQSTM1 exon 5", SQSTM1_5),
        ("HMBOX1-203:6", PartnerSpec(gene="HMBOX1", transcript="HMBOX1-203", exon=6)),
        (
            "SQSTM1(ENST00000389805):5",
            PartnerSpec(gene="SQSTM1", transcript="ENST00000389805", exon=5),
        ),
        ("ENST00000389805:5", PartnerSpec(transcript="ENST00000389805", exon=5)),
        ("chr2:42299120:+", PartnerSpec(breakpoint=GenomicPosition("2", 42299120, "+"))),
        ("2:42299120", PartnerSpec(breakpoint=GenomicPosition("2", 42299120))),
        ("chrX:100:-", PartnerSpec(breakpoint=GenomicPosition("X", 100, "-"))),
        ("chrM:5", PartnerSpec(breakpoint=GenomicPosition("MT", 5))),
        (
            "EML4:chr2:42299120",
            PartnerSpec(gene="EML4", breakpoint=GenomicPosition("2", 42299120)),
        ),
        (
            "EML4:2:42299120:+",
            PartnerSpec(gene="EML4", breakpoint=GenomicPosition("2", 42299120, "+")),
        ),
        # CHRNA7 starts with "chr" but is a gene, not a contig.
        ("CHRNA7:5", PartnerSpec(gene="CHRNA7", exon=5)),
    ],
)
def test_parse_partner_reads_command_line_partners(text: str, expected: PartnerSpec) -> None:
    assert parse_partner(text) == expected


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "empty"),
        ("SQSTM1", "no exon or breakpoint"),
        ("SQSTM1:0", "start at 1"),
        ("SQSTM1:x", "not an exon"),
        ("chr2:0", "positive integer"),
        ("chr2:12:*", "strand"),
        ("chr2", "no exon or breakpoint"),
        ("SQSTM1:5::ALK:19", "whole fusion"),
        ("SQSTM1(ENST00000389805:5", "unbalanced"),
        ("SQSTM1:1:2:3:4", "cannot read"),
    ],
)
def test_parse_partner_rejects_bad_partners_in_one_line(text: str, fragment: str) -> None:
    with pytest.raises(NotationError) as info:
        parse_partner(text)
    message = str(info.value)
    assert len(message.splitlines()) == 1
    assert fragment in message
    assert "expected e.g." in message


# --------------------------------------------------------------------------- rejected input


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "empty"),
        ("   \t\n", "empty"),
        ("SQSTM1 e5", "only one partner"),
        ("SQSTM1", "only one partner"),
        ("SQSTM1 e5::ALK", "no exon or breakpoint for the 3' partner"),
        ("SQSTM1::ALK e19", "no exon"),
        ("EML4 E6;A20", "one partner"),
        ("SQSTM1 e0::ALK e19", "start at 1"),
        ("SQSTM1::ALK e5::e0", "start at 1"),
        ("SQSTM1 e-5::ALK e19", "positive integers"),
        ("SQSTM1 e10000::ALK e19", "too large"),
        ("SQSTM1 e" + "9" * 5000 + "::ALK e19", "too large"),
        ("SQSTM1 e::ALK e19", "not an exon"),
        ("e5::e19", "exon without a gene"),
        ("garbage", "only one partner"),
        ("!!!::???", "not a gene symbol"),
        ("SQSTM1::ALK X5;A19", "initial 'X'"),
        ("SQSTM1::ALK S5;B19", "does not match the 3' gene"),
        ("EML4-ALK E6a;A20", "variant letter 'a'"),
        ("SQSTM1(ENST00000389805 e5::ALK e19", "unbalanced"),
        ("SQSTM1)ENST00000389805( e5::ALK e19", "unbalanced"),
        ("SQSTM1((ENST00000389805)) e5::ALK e19", "nested"),
        ("SQSTM1() e5::ALK e19", "empty parentheses"),
        ("SQSTM1(foo) e5::ALK e19", "not a transcript"),
        ("A e1::B e2::C e3", "more than two partners"),
        ("A::B::C e1;e2", "more than two partners"),
        ("chr2:0::chr2:5", "positive integer"),
    ],
)
def test_bad_notation_raises_a_one_line_notation_error(text: str, fragment: str) -> None:
    message = assert_one_line_notation_error(text, fragment)
    assert message.startswith("cannot read fusion '")
    assert "expected e.g. 'SQSTM1 e5::ALK e19'" in message


def test_long_input_is_quoted_truncated() -> None:
    message = assert_one_line_notation_error("X" * 500)
    assert "X" * 57 + "..." in message
    assert "X" * 80 not in message


def test_line_number_prefixes_the_error() -> None:
    message = assert_one_line_notation_error("SQSTM1 e0::ALK e19", line=12)
    assert message.startswith("line 12: ")


def test_notation_error_is_a_fusionviz_error_with_exit_status_2() -> None:
    with pytest.raises(FusionvizError) as info:
        parse_fusion("nonsense")
    assert info.value.exit_code == 2


def test_non_text_input_is_a_notation_error() -> None:
    with pytest.raises(NotationError):
        parse_fusion(None)  # type: ignore[arg-type]
    with pytest.raises(NotationError):
        parse_partner(5)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- accepted forms list


@pytest.mark.parametrize("example", ACCEPTED_FORMS)
def test_every_advertised_form_parses(example: str) -> None:
    request = parse_fusion(example)
    assert request.five_prime != PartnerSpec() and request.three_prime != PartnerSpec()


@pytest.mark.parametrize("example", ACCEPTED_PARTNER_FORMS)
def test_every_advertised_partner_form_parses(example: str) -> None:
    spec = parse_partner(example)
    assert spec.exon is not None or spec.breakpoint is not None


# --------------------------------------------------------------------------- names


def test_hgnc_name_joins_with_double_colon() -> None:
    assert hgnc_name("SQSTM1", "ALK") == "SQSTM1::ALK"


def test_short_form_uses_each_gene_initial() -> None:
    assert short_form("SQSTM1", 5, "ALK", 19) == "S5;A19"
    assert short_form("EML4", 13, "ERG", 4) == "E13;E4"
    assert short_form("hmbox1", 6, "ALK", 20) == "H6;A20"


def test_exon_form_reads_back() -> None:
    text = exon_form("SQSTM1", 5, "ALK", 19)
    assert text == "SQSTM1 e5::ALK e19"
    assert partners(text) == (SQSTM1_5, ALK_19)


def test_short_form_reads_back_with_the_gene_pair() -> None:
    text = f"{hgnc_name('HMBOX1', 'ALK')} {short_form('HMBOX1', 6, 'ALK', 20)}"
    assert partners(text) == (HMBOX1_6, ALK_20)


@pytest.mark.parametrize(
    "spec",
    [
        SQSTM1_5,
        PartnerSpec(gene="SQSTM1", transcript="NM_003900.5", exon=5),
        PartnerSpec(transcript="ENST00000389805", exon=5),
        PartnerSpec(gene="HMBOX1", transcript="HMBOX1-203", exon=6),
        PartnerSpec(breakpoint=GenomicPosition("2", 42299120, "+")),
        PartnerSpec(gene="EML4", breakpoint=GenomicPosition("2", 42299120)),
    ],
)
def test_partner_text_reads_back(spec: PartnerSpec) -> None:
    assert parse_partner(partner_text(spec)) == spec


def test_fusion_text_reads_back() -> None:
    request = parse_fusion("chr2:42299120:+::ALK(NM_004304) e19")
    again = parse_fusion(fusion_text(request))
    assert (again.five_prime, again.three_prime) == (request.five_prime, request.three_prime)
