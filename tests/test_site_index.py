"""The indexed reading of a base on every transcript equals the documented pipeline.

``placement.sites_on`` returns a :class:`~fusionviz.breakpoints.SiteList`: the base is
classified on a transcript only when a rule asks, and "which transcripts have a splice
site here" is answered from per-transcript arrays (``fusionviz.layout``). Whatever the
shortcut, the sites must be exactly ``tuple(classify(t, position, role) for t in ...)``.
"""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fusionviz.breakpoints import SiteList, boundary_sites, classify, exon_boundary_position
from fusionviz.coordinates import cds_tx_bounds, exon_tx_spans, genomic_to_tx, transcript_length
from fusionviz.models import Exon
from fusionviz.placement import sites_on
from fusionviz.sources import default_source
from tests.handmade import make_transcript

PANEL_GENES = ("ALK", "EML4", "HMBOX1", "NPM1", "TFG", "TPM3", "ERG", "ROS1")


def _reference(transcripts, position, role):
    return tuple(classify(t, position, role) for t in transcripts)


def _positions(transcripts, rng):
    """Every splice site of every transcript, bases next to them, and random bases."""
    out = set()
    for t in transcripts:
        for k in range(1, t.n_exons + 1):
            for role in ("5'", "3'"):
                p = exon_boundary_position(t, k, role)
                out.update(p + d for d in (-11, -3, -1, 0, 1, 2, 10))
        lo = min(e.start for e in t.exons)
        hi = max(e.end for e in t.exons)
        out.update(rng.randint(lo - 6000, hi + 6000) for _ in range(40))
    return sorted(p for p in out if p > 0)


@pytest.mark.parametrize("gene", PANEL_GENES)
def test_sites_on_every_transcript_equal_classify_on_each(gene):
    transcripts = default_source().transcripts(gene)
    rng = random.Random(gene)
    for position in _positions(transcripts, rng):
        for role in ("5'", "3'"):
            expected = _reference(transcripts, position, role)
            sites = sites_on(transcripts, position, role)
            assert tuple(sites) == expected
            assert sites == expected
            assert boundary_sites(sites) == tuple(s for s in expected if s.kind == "boundary")


def test_boundaries_alone_classify_only_the_transcripts_with_a_splice_site():
    ts = default_source().transcripts("TFG")
    mane = ts[0]
    position = exon_boundary_position(mane, 4, "5'")
    sites = SiteList(ts, position, "5'")
    found = sites.boundaries()
    assert found and all(s.kind == "boundary" for s in found)
    assert sum(s is not None for s in sites._sites) == len(found)  # the others untouched


def test_a_transcript_with_overlapping_exons_is_read_exon_by_exon():
    t = make_transcript("OVL", [100, 100, 100], cds_tx=(10, 290))
    e1, e2, e3 = t.exons
    bad = replace(t, exons=(e1, Exon(2, e1.end - 20, e2.end), e3))  # exon 2 overlaps exon 1
    for position in range(e1.start - 5, e3.end + 5):
        for role in ("5'", "3'"):
            assert tuple(SiteList((bad, t), position, role)) == _reference((bad, t), position, role)


@given(
    lengths=st.lists(st.integers(1, 40), min_size=1, max_size=6),
    strand=st.sampled_from("+-"),
    offset=st.integers(-60, 400),
)
def test_sites_on_hand_made_transcripts_of_both_strands(lengths, strand, offset):
    t = make_transcript("HM", lengths, cds_tx=None, strand=strand, intron=13)
    lo = min(e.start for e in t.exons)
    for role in ("5'", "3'"):
        position = max(1, lo + offset)
        sites = SiteList((t,), position, role)
        assert tuple(sites) == _reference((t,), position, role)
        assert sites.boundaries() == tuple(
            s for s in _reference((t,), position, role) if s.kind == "boundary"
        )


@given(
    lengths=st.lists(st.integers(1, 40), min_size=1, max_size=6),
    strand=st.sampled_from("+-"),
    cds=st.tuples(st.integers(1, 60), st.integers(0, 60)),
)
def test_per_transcript_arrays_equal_a_walk_over_the_exons(lengths, strand, cds):
    total = sum(lengths)
    first = min(cds[0], total)
    t = make_transcript("HM", lengths, cds_tx=(first, min(total, first + cds[1])), strand=strand)
    spans, start = [], 1
    for n in lengths:
        spans.append((start, start + n - 1))
        start += n
    assert exon_tx_spans(t) == tuple(spans)
    assert transcript_length(t) == total
    low, high = t.cds
    a, b = (low, high) if strand == "+" else (high, low)
    assert cds_tx_bounds(t) == (genomic_to_tx(t, a), genomic_to_tx(t, b))
