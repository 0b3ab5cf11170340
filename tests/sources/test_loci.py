"""Every GENCODE v44 gene, coding or not, in the embedded bundle: spans, biotypes, nearest
genes and other names (real genes; coordinates are GENCODE v44 / Ensembl 110)."""

from __future__ import annotations

import pytest

from fusionviz.models import Locus
from fusionviz.sources import default_source
from fusionviz.sources.base import AnnotationSource
from fusionviz.sources.loci import nearest_of


@pytest.fixture(scope="module")
def src():
    return default_source()


def test_the_bundle_answers_the_loci_protocol(src):
    assert isinstance(src, AnnotationSource)
    assert src.manifest["counts"]["loci"] == 62_700


def test_a_lncrna_is_a_locus_with_its_description(src):
    (malat1,) = [x for x in src.loci_at("chr11", 65_500_000) if x.symbol == "MALAT1"]
    assert malat1.biotype == "lncRNA"
    assert (malat1.contig, malat1.start, malat1.end, malat1.strand) == (
        "11",
        65497640,
        65508073,
        "+",
    )
    assert malat1.gene_id == "ENSG00000251562.11"
    assert malat1.description == "metastasis associated lung adenocarcinoma transcript 1"
    assert not malat1.is_protein_coding
    # Its antisense lncRNA overlaps it and is reported too.
    assert "TALAM1" in {x.symbol for x in src.loci_at("11", 65_500_000)}


def test_a_pseudogene_covers_its_base(src):
    (ptenp1,) = src.loci_at("9", 33_675_000)
    assert ptenp1.symbol == "PTENP1"
    assert ptenp1.biotype == "transcribed_processed_pseudogene"
    assert ptenp1.strand == "-"


def test_an_immunoglobulin_segment_is_a_locus(src):
    ighm = src.locus("IGHM")
    assert ighm is not None and ighm.biotype == "IG_C_gene" and ighm.contig == "14"
    assert ighm in src.loci_at("14", 105_855_000)


def test_a_readthrough_gene_says_so(src):
    loc = src.locus("ston1-gtf2a1l")
    assert loc is not None
    assert loc.description == "STON1-GTF2A1L readthrough"
    assert loc.is_protein_coding
    # The read-through locus spans both of its parts.
    at = {x.symbol for x in src.loci_at("2", loc.start + 10)}
    assert {"STON1", "STON1-GTF2A1L"} <= at


def test_an_intergenic_base_has_no_locus_but_nearest_genes_on_both_sides(src):
    # chr2:29,955,600, 34 kb upstream of ALK's 5' end: between two unnamed lncRNAs.
    assert src.loci_at("2", 29_955_600) == ()
    (left, dl), (right, dr) = src.nearest_loci("2", 29_955_600)
    assert (left.symbol, left.end, dl) == ("ENSG00000288553", 29_955_405, -195)
    assert (right.symbol, right.start, dr) == ("ENSG00000233862", 30_051_066, 95_466)
    assert left.biotype == right.biotype == "lncRNA"
    # Both are on the minus strand: the base lies past the 5' end of the left one.
    assert left.relation(29_955_600) == "195 bp upstream of ENSG00000288553"
    assert right.relation(29_955_600) == "95 kb downstream of ENSG00000233862"
    alk = src.locus("ALK")
    assert alk.relation(29_955_600) == "34 kb upstream of ALK"


def test_a_base_inside_a_gene_is_not_among_its_nearest_genes(src):
    assert "VWF" in {x.symbol for x in src.loci_at("12", 6_000_000)}
    assert "VWF" not in {x.symbol for x, _ in src.nearest_loci("12", 6_000_000)}


def test_locus_by_symbol_prefers_the_protein_coding_gene_and_is_case_insensitive(src):
    assert src.locus("alk").symbol == "ALK"
    assert src.locus("no-such-gene") is None
    # CRLF2 is pseudo-autosomal: one gene on X and one on Y; X is "the" gene.
    assert src.locus("CRLF2").contig == "X"


def test_aliases_name_their_approved_symbols_with_kind_and_source(src):
    (mll,) = src.aliases("mll")
    assert (mll.symbol, mll.kind) == ("KMT2A", "alias")
    (c11,) = src.aliases("C11orf95")
    assert (c11.symbol, c11.kind) == ("ZFTA", "previous symbol")
    assert "GENCODE v24" in c11.source
    assert {a.symbol for a in src.aliases("p62")} >= {"SQSTM1", "NUP62"}
    assert src.aliases("ALK") == ()  # an approved symbol is never an alias


def _loc(sym: str, start: int, end: int) -> Locus:
    return Locus(sym, f"ENSG{sym}", "lncRNA", "1", start, end, "+")


def test_nearest_keeps_one_gene_per_side_even_when_one_side_is_closer():
    left = [_loc("A", 90, 95), _loc("B", 80, 85)]
    right = [_loc("C", 200, 300)]
    got = nearest_of(left, right, 100, 2)
    assert [(x.symbol, d) for x, d in got] == [("A", -5), ("C", 100)]
    assert [(x.symbol, d) for x, d in nearest_of(left, [], 100, 2)] == [("B", -15), ("A", -5)]


@pytest.mark.parametrize(
    ("strand", "position", "text"),
    [
        ("+", 50, "50 bp upstream of G"),
        ("+", 1_150, "150 bp downstream of G"),
        ("-", 50, "50 bp downstream of G"),
        ("-", 13_000, "12 kb upstream of G"),
        ("+", 500, "in G"),
    ],
)
def test_relation_reads_the_gene_strand(strand, position, text):
    assert Locus("G", "ENSG1", "protein_coding", "1", 100, 1_000, strand).relation(position) == text
