"""Property tests for fusionviz.notation: any text either parses or raises NotationError."""

from __future__ import annotations

from hypothesis import assume, given
from hypothesis import strategies as st

from fusionviz.errors import NotationError
from fusionviz.models import PartnerSpec
from fusionviz.notation import exon_form, parse_fusion, parse_partner, short_form

FRAGMENTS = st.sampled_from(
    [
        "::",
        ":",
        ";",
        "--",
        "-",
        " ",
        ",",
        "(",
        ")",
        "e",
        "E",
        "exon",
        "ex",
        " to ",
        "to",
        "0",
        "5",
        "19",
        "-1",
        "99999",
        "+",
        "chr2",
        "2",
        "X",
        "chrM",
        "42299120",
        "a",
        "SQSTM1",
        "ALK",
        "EML4",
        "HMBOX1-203",
        "NKX2-1",
        "HLA-A",
        "C11orf95",
        "ENST00000389805",
        "ENST00000287701.15",
        "NM_003900.5",
        "\u2013",
        "\n",
        "\x00",
    ]
)
FRAGMENT_TEXT = st.lists(FRAGMENTS, max_size=12).map("".join)

# HGNC-like symbols: a letter, then letters/digits, optional "-N" or "-LETTERS" part.
GENE = st.from_regex(r"[A-Za-z][A-Za-z0-9]{0,7}(-[0-9]{1,2}|-[A-Z]{1,3}|\.[0-9])?", fullmatch=True)
EXON = st.integers(min_value=1, max_value=9999)


def _parses_or_notation_error(parse, text: str) -> None:
    try:
        parse(text)
    except NotationError as err:
        assert len(str(err).splitlines()) == 1


@given(st.text(max_size=80))
def test_random_text_parses_or_raises_notation_error(text: str) -> None:
    _parses_or_notation_error(parse_fusion, text)
    _parses_or_notation_error(parse_partner, text)


@given(FRAGMENT_TEXT)
def test_fragment_soup_parses_or_raises_notation_error(text: str) -> None:
    _parses_or_notation_error(parse_fusion, text)
    _parses_or_notation_error(parse_partner, text)


@given(FRAGMENT_TEXT, st.booleans())
def test_is_gene_never_changes_the_kind_of_failure(text: str, answer: bool) -> None:
    _parses_or_notation_error(lambda t: parse_fusion(t, is_gene=lambda s: answer), text)


def _plain_gene(symbol: str) -> bool:
    # Symbols that read as transcript IDs are not genes (the parser rightly says so).
    return not symbol.upper().startswith(("ENST", "NM_", "NR_", "XM_", "XR_"))


@given(GENE, EXON, GENE, EXON)
def test_exon_form_round_trips(gene5: str, exon5: int, gene3: str, exon3: int) -> None:
    assume(_plain_gene(gene5) and _plain_gene(gene3))
    request = parse_fusion(exon_form(gene5, exon5, gene3, exon3))
    assert request.five_prime == PartnerSpec(gene=gene5, exon=exon5)
    assert request.three_prime == PartnerSpec(gene=gene3, exon=exon3)


@given(GENE, EXON, GENE, EXON)
def test_hgnc_pair_with_short_form_round_trips(gene5: str, exon5: int, gene3: str, exon3: int):
    assume(_plain_gene(gene5) and _plain_gene(gene3))
    request = parse_fusion(f"{gene5}::{gene3} {short_form(gene5, exon5, gene3, exon3)}")
    assert request.five_prime == PartnerSpec(gene=gene5, exon=exon5)
    assert request.three_prime == PartnerSpec(gene=gene3, exon=exon3)
