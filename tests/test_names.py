"""Gene names: previous symbols and aliases are read, stated, and never guessed
(real names, embedded bundle: Ensembl 110 synonyms, GENCODE v24 previous symbols)."""

from __future__ import annotations

import pytest

from fusionviz.annotate import annotate_text
from fusionviz.errors import (
    AmbiguousGeneError,
    FusionvizError,
    NonCodingGeneError,
    UnknownGeneError,
)
from fusionviz.models import GenomicPosition
from fusionviz.names import resolve_gene
from fusionviz.sources import default_source


@pytest.fixture(scope="module")
def src():
    return default_source()


def test_an_alias_is_read_as_its_gene_and_the_output_says_so(src):
    af = annotate_text("MLL e9::AF9 e6", src)
    assert (af.five_prime.gene, af.three_prime.gene) == ("KMT2A", "MLLT3")
    assert (af.five_prime.gene_as_given, af.three_prime.gene_as_given) == ("MLL", "AF9")
    assert "MLL → KMT2A (alias)" in af.warnings
    assert "AF9 → MLLT3 (alias)" in af.warnings
    assert af.names.hgnc == "KMT2A::MLLT3"


def test_a_previous_symbol_is_named_as_such(src):
    af = annotate_text("C11orf95 e2::RELA e2", src)
    assert af.five_prime.gene == "ZFTA"
    assert "C11orf95 → ZFTA (previous symbol)" in af.warnings
    name = resolve_gene("c11orf95", src)
    assert name.kind == "previous symbol" and "GENCODE v24" in name.source


def test_the_issue_examples_resolve(src):
    af = annotate_text("TEL e5::AML1 e2", src)
    assert (af.five_prime.gene, af.three_prime.gene) == ("ETV6", "RUNX1")
    for old, new in [
        ("ARMC4", "ODAD2"),
        ("C16orf52", "MOSMO"),
        ("SLC9A3R2", "NHERF2"),
        ("KIAA0195", "TMEM94"),
        ("FAM49B", "CYRIB"),
    ]:
        assert resolve_gene(old, src).symbol == new, old


def test_an_approved_symbol_always_wins_over_another_genes_alias(src):
    # Ensembl lists TEP1 as a synonym of PTEN; TEP1 is itself an approved symbol.
    name = resolve_gene("tep1", src)
    assert (name.symbol, name.kind) == ("TEP1", "approved")
    assert not name.renamed and annotate_text("TEP1 e2::ALK e20", src).warnings == ()


def test_an_alias_of_several_genes_is_never_guessed(src):
    with pytest.raises(AmbiguousGeneError) as e:
        annotate_text("p62 e5::ALK e19", src)
    assert "SQSTM1" in str(e.value) and "NUP62" in str(e.value)
    assert "give the approved symbol" in str(e.value)
    assert isinstance(e.value, UnknownGeneError)


def test_a_breakpoint_picks_the_gene_a_shared_alias_names_and_says_so(src):
    # FIG is GOPC (chr6) and DEPP1 (chr10); the 5' base lies in GOPC.
    af = annotate_text("FIG:chr6:117590000::ROS1:chr6:117300000", src)
    assert af.five_prime.gene == "GOPC" and af.five_prime.gene_as_given == "FIG"
    (stmt,) = [w for w in af.warnings if w.startswith("FIG →")]
    assert "also a name of DEPP1" in stmt and "GOPC is the one at chr6:117590000" in stmt
    with pytest.raises(AmbiguousGeneError, match="none covers"):
        resolve_gene("FIG", src, GenomicPosition("1", 1_000_000))


def test_an_unknown_name_suggests_symbols_and_aliases(src):
    with pytest.raises(UnknownGeneError) as e:
        annotate_text("MLLL e9::ALK e20", src)
    assert "KMT2A (MLL)" in str(e.value)


def test_a_non_coding_gene_is_known_and_said_to_make_no_protein(src):
    with pytest.raises(NonCodingGeneError) as e:
        annotate_text("MALAT1 e1::ALK e20", src)
    msg = str(e.value)
    assert "lncRNA" in msg and "chr11:65497640-65508073" in msg and "no protein" in msg


def test_statements_are_one_line(src):
    for text in ("p62 e5::ALK e19", "MLLL e9::ALK e20", "MALAT1 e1::ALK e20"):
        with pytest.raises(FusionvizError) as e:
            annotate_text(text, src)
        assert "\n" not in str(e.value)


def test_an_alias_read_with_a_breakpoint_must_name_the_gene_there(src):
    # TEL is only ETV6 (chr12); a base on chr1 is not in it: never read as ETV6.
    with pytest.raises(UnknownGeneError, match="lies elsewhere"):
        resolve_gene("TEL", src, GenomicPosition("1", 1_000_000))
    assert resolve_gene("TEL", src, GenomicPosition("12", 11_900_000)).symbol == "ETV6"


def test_a_caller_alias_shared_by_two_genes_is_resolved_by_its_base(src):
    # MUM1 is an alias of IRF4 (chr6) and of PWWP3A (chr19).
    assert resolve_gene("MUM1", src, GenomicPosition("19", 1_360_000)).symbol == "PWWP3A"
    assert resolve_gene("MUM1", src, GenomicPosition("6", 400_000)).symbol == "IRF4"


class _CountingSymbols(tuple):
    """A symbol list that counts how often it is read."""

    reads = 0

    def __iter__(self):
        type(self).reads += 1
        return super().__iter__()


def test_an_unknown_gene_error_searches_close_spellings_only_when_read():
    from fusionviz.errors import UnknownGeneError

    symbols = _CountingSymbols(("ALK", "EML4", "SQSTM1"))
    err = UnknownGeneError("ALKK", symbols, where="bundle x")
    assert _CountingSymbols.reads == 0  # caught and discarded: nothing searched
    assert str(err) == "unknown gene 'ALKK' in bundle x; did you mean ALK?"
    assert err.suggestions == ("ALK",)
    assert err.args == (str(err),)
    reads = _CountingSymbols.reads
    assert str(UnknownGeneError("ALKK", symbols, where="bundle x")) == str(err)
    assert _CountingSymbols.reads == reads  # the same names: the search is remembered


def test_a_given_message_is_kept_and_suggestions_can_be_set():
    from fusionviz.errors import UnknownGeneError

    err = UnknownGeneError("X", message="X is a pseudogene")
    assert str(err) == "X is a pseudogene" and err.suggestions == ()
    err.suggestions = ["Y"]
    assert err.suggestions == ("Y",)
