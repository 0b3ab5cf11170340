"""Coordinate mapping on hand-made transcripts of both strands."""

import pytest

from fusionviz import coordinates as co
from tests.handmade import make_transcript

# 4 exons of 10, 20, 30, 40 nt; CDS = cDNA 6..92 (87 nt = 28 aa + stop).
LENGTHS = [10, 20, 30, 40]
CDS = (6, 92)


@pytest.fixture(params=["+", "-"])
def tx(request):
    return make_transcript("GENEA", LENGTHS, cds_tx=CDS, strand=request.param)


def test_cds_bounds_and_protein_length_are_strand_independent(tx):
    assert co.cds_tx_bounds(tx) == (6, 92)
    assert co.cds_length(tx) == 87
    assert co.protein_length(tx) == 28


def test_exon_phases_follow_ensembl_convention(tx):
    ec = co.exon_coding(tx)
    assert [(e.cds_first, e.cds_last) for e in ec] == [(1, 5), (6, 25), (26, 55), (56, 87)]
    assert [e.start_phase for e in ec] == [None, 2, 1, 1]
    assert [e.end_phase for e in ec] == [2, 1, 1, None]
    assert ec[0].start_region == "5'UTR" and ec[0].end_region == "CDS"
    assert ec[3].end_region == "3'UTR"


def test_genomic_and_cdna_positions_round_trip(tx):
    for x in (1, 10, 11, 55, 100):
        assert co.genomic_to_tx(tx, co.tx_to_genomic(tx, x)) == x


def test_minus_strand_exon_one_has_the_highest_coordinates():
    t = make_transcript("GENEB", LENGTHS, cds_tx=CDS, strand="-")
    assert t.exons[0].start > t.exons[-1].end
    assert co.tx_to_genomic(t, 1) == t.exons[0].end


def test_intronic_position_has_no_cdna_coordinate(tx):
    gap = tx.exons[0].end + 50 if tx.strand == "+" else tx.exons[0].start - 50
    assert co.genomic_to_tx(tx, gap) is None


def test_exon_aa_ranges_count_split_codons_in_both_exons(tx):
    # exon 2 ends at CDS nt 25 (codon 9 split), exon 3 starts inside codon 9.
    ranges = co.exon_aa_ranges(tx)
    assert ranges[1] == (2, 2, 9)
    assert ranges[2] == (3, 9, 19)
    assert ranges[-1][2] == 28  # the stop codon is not a residue


def test_hgvs_style_positions_use_utr_prefixes(tx):
    assert co.c_position(tx, 1) == "-5"
    assert co.c_position(tx, 6) == "1"
    assert co.c_position(tx, 100) == "*8"


def test_noncoding_transcript_has_no_cds():
    t = make_transcript("LNC", [50, 50], cds_tx=None)
    assert co.cds_tx_bounds(t) is None
    assert co.protein_length(t) is None
    assert all(e.cds_first is None for e in co.exon_coding(t))
