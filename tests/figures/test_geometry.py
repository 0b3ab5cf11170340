"""The exon panel's geometry: each coding exon sits over the residues it encodes, UTRs
are compressed beyond the protein's ends, introns take no width; on both strands."""

from __future__ import annotations

import pytest

from fusionviz import coordinates as co
from fusionviz.figures.geometry import exon_spans
from tests.handmade import make_transcript


@pytest.mark.parametrize("strand", ["+", "-"])
def test_coding_exons_tile_the_protein_in_codon_units(strand):
    # 5' UTR 9 nt, CDS 30..420 (411 nt, 136 aa + stop), 3' UTR in exon 5.
    t = make_transcript("KINA", [30, 90, 120, 90, 100], cds_tx=(10, 420), strand=strand)
    spans = exon_spans(t, co.protein_length(t), utr=5.0)
    assert [e.number for e in spans] == [1, 2, 3, 4, 5]
    coding = [e.coding for e in spans]
    assert coding[0] == (0.0, 7.0)  # CDS nt 1-21 = residues 1-7
    assert coding[1] == (7.0, 37.0)  # nt 22-111
    # Consecutive coding parts meet exactly: no intron width on the aa axis.
    for (_, end), (start, _) in zip(coding, coding[1:], strict=False):
        assert end == start
    assert coding[-1][1] == co.protein_length(t)
    # The UTR parts are compressed stubs beyond the protein.
    assert spans[0].x0 < 0 and spans[-1].x1 > co.protein_length(t)


def test_utr_only_exons_are_equal_blocks_beyond_the_protein():
    t = make_transcript("UTRS", [20, 20, 60, 90, 30, 30], cds_tx=(45, 170))
    spans = exon_spans(t, co.protein_length(t), utr=4.0)
    before, after = spans[:2], spans[-2:]
    assert all(e.coding is None for e in before + after)
    assert all(e.x1 <= spans[2].x0 for e in before)
    assert all(e.x0 >= spans[3].x1 for e in after)
    assert {round(e.x1 - e.x0, 6) for e in before + after} == {4.0}


def test_a_non_coding_transcript_is_a_row_of_blocks():
    t = make_transcript("NC", [50, 60, 70], cds_tx=None)
    spans = exon_spans(t, None, utr=3.0)
    assert [e.coding for e in spans] == [None, None, None]
    assert spans[0].x0 == 0.0 and spans[1].x0 > spans[0].x1


def test_a_base_maps_to_the_end_of_its_codon_fraction():
    t = make_transcript("KINA", [30, 90, 120, 90, 100], cds_tx=(10, 420))
    spans = exon_spans(t, co.protein_length(t), utr=5.0)
    # cDNA 31 is CDS nt 22, the first base of codon 8: it ends a third into residue 8.
    assert spans[1].x_after(31) == pytest.approx(7 + 1 / 3)
