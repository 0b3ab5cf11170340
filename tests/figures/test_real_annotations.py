"""Figures of the three seed fusions from real annotations (the bundled data only)."""

from __future__ import annotations

import pytest

from fusionviz.figures import layout

try:
    from fusionviz.annotate import annotate_text
    from fusionviz.sources import default_source

    SOURCE = default_source()
except Exception:  # the bundle is not there (e.g. a partial checkout)
    SOURCE = None

pytestmark = pytest.mark.skipif(SOURCE is None, reason="annotation bundle missing")


def spec_of(*texts, transcript5=None):
    return layout([annotate_text(t, SOURCE, transcript5=transcript5) for t in texts])


def test_sqstm1_alk_figure_keeps_pb1_zz_transmembrane_and_kinase():
    panel = spec_of("SQSTM1 e5::ALK e19").panels[0]
    assert panel.track("5'").breakpoint_aa == 252
    assert panel.track("3'").breakpoint_aa == 1023
    fusion = panel.track("fusion")
    assert fusion.length == 849
    names = [g.name for g in fusion.domains]
    assert names[:2] == ["PB1", "ZZ-type"] and "Protein kinase" in names
    assert [m.kind for m in fusion.marks] == ["transmembrane"]
    uba = [g for g in panel.track("5'").domains if g.family == "uba"]
    assert len(uba) == 1 and uba[0].status == "lost"


def test_each_domain_region_is_drawn_once_per_track():
    for track in spec_of("SQSTM1 e5::ALK e19").panels[0].tracks:
        spans = sorted((g.start, g.end) for g in track.domains)
        for (a0, a1), (b0, b1) in zip(spans, spans[1:], strict=False):
            overlap = min(a1, b1) - b0 + 1
            assert overlap < 0.5 * min(a1 - a0 + 1, b1 - b0 + 1)


def test_hmbox1_exon6_on_mane_is_out_of_frame_and_draws_no_alk_kinase():
    panel = spec_of("HMBOX1 e6::ALK e20").panels[0]
    assert panel.frame == "out-of-frame"
    fusion = panel.track("fusion")
    assert all(g.partner == "HMBOX1" for g in fusion.domains + fusion.marks)
    assert panel.track("3'").breakpoint_aa == 1058
    assert not any(g.in_fusion for g in panel.track("3'").domains)


def test_hmbox1_exon6_on_hmbox1_203_is_in_frame_and_keeps_the_kinase():
    panel = spec_of("HMBOX1 e6::ALK e20", transcript5="HMBOX1-203").panels[0]
    assert panel.frame == "in-frame"
    assert "kinase" in [g.family for g in panel.track("fusion").domains]


def test_eml4_alk_variants_align_on_alk_exon20():
    spec = spec_of("EML4 e6::ALK e20", "EML4 e13::ALK e20", "EML4 e20::ALK e20")
    xs = {round(p.track("3'").breakpoint_x, 6) for p in spec.panels}
    assert len(xs) == 1
    assert [p.track("5'").breakpoint_aa for p in spec.panels] == [223, 497, 748]


def test_out_of_frame_figure_says_the_verdict_depends_on_exon_numbering():
    spec = spec_of("HMBOX1 e6::ALK e20")
    titles = [lab.text for lab in spec.labels if lab.role == "title"]
    subtitle = " ".join(lab.text for lab in spec.labels if lab.role == "subtitle")
    assert "depends on exon numbering" in titles and "out of frame" not in titles
    assert "HMBOX1-203" in subtitle


def test_out_of_frame_figure_says_the_transcripts_decide_when_another_pair_reads_in_frame():
    spec = spec_of("FGFR3:chr4:1806934:+::TACC3:chr4:1727977:+")
    titles = [lab.text for lab in spec.labels if lab.role == "title"]
    subtitle = " ".join(lab.text for lab in spec.labels if lab.role == "subtitle")
    assert "depends on the transcripts" in titles and "out of frame" not in titles
    assert "in frame at the same bases on FGFR3-208 e16" in subtitle
