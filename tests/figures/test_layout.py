"""The layout (pure, no matplotlib): where breakpoints and domains sit, in amino acids."""

from __future__ import annotations

import sys

import pytest

from fusionviz.errors import StyleError
from fusionviz.figures import layout
from fusionviz.figures.drawn import Drawn
from fusionviz.figures.style import Style


def names(glyphs):
    return [g.name for g in glyphs]


def test_layout_does_not_import_matplotlib():
    # Layout must stay testable (and cheap) without a drawing library.
    import importlib

    mod = importlib.import_module("fusionviz.figures.layout")
    assert "matplotlib" not in mod.__dict__
    with open(mod.__file__, encoding="utf-8") as fh:
        src = fh.read()
    assert "import matplotlib" not in src and "from matplotlib" not in src


def test_sqstm1_alk_has_three_tracks_in_order(sqstm1_alk):
    panel = layout([sqstm1_alk]).panels[0]
    assert [t.role for t in panel.tracks] == ["5'", "fusion", "3'"]
    assert [t.gene for t in panel.tracks] == ["SQSTM1", "SQSTM1::ALK", "ALK"]
    assert panel.tracks[0].y < panel.tracks[1].y < panel.tracks[2].y


def test_sqstm1_exon5_breakpoint_is_at_residue_252_and_alk_exon19_at_1023(sqstm1_alk):
    panel = layout([sqstm1_alk]).panels[0]
    assert panel.track("5'").breakpoint_aa == 252
    assert panel.track("3'").breakpoint_aa == 1023
    assert panel.track("fusion").breakpoint_aa == 252  # the split codon
    assert panel.track("fusion").length == 849


def test_breakpoints_of_the_three_tracks_share_one_vertical_guide(sqstm1_alk):
    panel = layout([sqstm1_alk]).panels[0]
    xs = {round(t.breakpoint_x, 6) for t in panel.tracks}
    assert len(xs) == 1


def test_sqstm1_keeps_pb1_and_zz_and_loses_uba(sqstm1_alk):
    t5 = layout([sqstm1_alk]).panels[0].track("5'")
    status = {g.name: g.status for g in t5.domains}
    assert status == {"PB1": "retained", "ZZ-type": "retained", "UBA": "lost"}
    pb1 = next(g for g in t5.domains if g.name == "PB1")
    assert (pb1.start, pb1.end, pb1.source) == (3, 102, "UniProt")


def test_fusion_track_carries_pb1_zz_kinase_and_the_transmembrane_segment(sqstm1_alk):
    tf = layout([sqstm1_alk]).panels[0].track("fusion")
    assert names(tf.domains) == ["PB1", "ZZ-type", "Protein kinase"]
    assert [m.kind for m in tf.marks] == ["transmembrane"]
    kinase = tf.domains[-1]
    # ALK 1116-1392 sits at fusion 1116-771 .. 1392-771.
    assert (kinase.start, kinase.end) == (345, 621)
    assert "UBA" not in names(tf.domains)


def test_overlapping_databases_are_drawn_once_by_source_priority(sqstm1_alk):
    t3 = layout([sqstm1_alk]).panels[0].track("3'")
    kinases = [g for g in t3.domains if g.family == "kinase"]
    assert len(kinases) == 1
    assert (kinases[0].name, kinases[0].source) == ("Protein kinase", "UniProt")


def test_style_source_priority_can_prefer_pfam(sqstm1_alk):
    st = Style(source_priority=("Pfam", "UniProt", "InterPro"))
    kinase = next(f for f in Drawn(st).features(sqstm1_alk.three_prime) if f.start >= 1116)
    assert kinase.verdict.domain.name == "PK_Tyr_Ser-Thr"
    assert kinase.name == "Protein kinase"  # one curated name whatever the source


def test_transmembrane_and_signal_are_marks_not_boxes(sqstm1_alk):
    t3 = layout([sqstm1_alk]).panels[0].track("3'")
    assert sorted(m.kind for m in t3.marks) == ["signal", "transmembrane"]
    assert not any(g.kind != "domain" for g in t3.domains)
    tm = next(m for m in t3.marks if m.kind == "transmembrane")
    assert (tm.start, tm.end, tm.status) == (1039, 1059, "retained")
    # Topological domains are not drawn at all.
    assert "Extracellular" not in names(t3.domains)


def test_alk_exon20_truncates_the_transmembrane_segment(eml4_alk_variants):
    t3 = layout([eml4_alk_variants[0]]).panels[0].track("3'")
    tm = next(m for m in t3.marks if m.kind == "transmembrane")
    assert tm.status == "truncated"


def test_eml4_variants_share_one_scale_and_align_on_alk(eml4_alk_variants):
    spec = layout(eml4_alk_variants)
    assert len(spec.panels) == 3
    alk_x0 = {round(p.track("3'").x0, 6) for p in spec.panels}
    junction_x = {round(p.track("fusion").breakpoint_x, 6) for p in spec.panels}
    assert len(alk_x0) == 1 and len(junction_x) == 1
    lengths = [p.track("fusion").length for p in spec.panels]
    assert lengths == [785, 1059, 1310]
    widths = [p.track("fusion").x1 - p.track("fusion").x0 for p in spec.panels]
    for n, w in zip(lengths, widths, strict=True):
        assert w == pytest.approx(n * spec.inch_per_aa)


def test_eml4_exon6_loses_help_and_exon13_keeps_it(eml4_alk_variants):
    spec = layout(eml4_alk_variants)
    fus6, fus13 = spec.panels[0].track("fusion"), spec.panels[1].track("fusion")
    assert "HELP" not in names(fus6.domains)
    assert "HELP" in names(fus13.domains)
    assert names(fus6.domains) == ["Protein kinase"]


def test_out_of_frame_fusion_draws_no_3prime_domains_in_the_fusion(hmbox1_alk_mane):
    spec = layout([hmbox1_alk_mane])
    panel = spec.panels[0]
    tf = panel.track("fusion")
    assert all(g.partner == "HMBOX1" for g in tf.domains + tf.marks)
    assert panel.frame == "out-of-frame"
    t3 = panel.track("3'")
    assert t3.domains and not any(g.in_fusion for g in t3.domains)
    assert any(s.role == "frameshift" for s in spec.shapes)
    assert any("frameshift" in lab.text for lab in spec.labels)


def test_frameshifted_tail_starts_after_the_intact_5prime_residues(hmbox1_alk_mane):
    tf = layout([hmbox1_alk_mane]).panels[0].track("fusion")
    assert tf.breakpoint_aa == 284
    homeo = next(g for g in tf.domains if g.family == "homeobox")
    assert homeo.end == 283  # the split codon 284 is frameshifted


def test_title_has_hgnc_name_short_form_and_frame_verdict(sqstm1_alk):
    titles = [lab.text for lab in layout([sqstm1_alk]).labels if lab.role == "title"]
    assert "SQSTM1::ALK" in titles and "S5:A19" in titles and "in frame" in titles


def test_footer_names_transcripts_with_versions_and_domain_sources(sqstm1_alk):
    footer = " ".join(lab.text for lab in layout([sqstm1_alk]).labels if lab.role == "footer")
    assert "ENST00000389805.9" in footer and "ENST00000389048.8" in footer
    assert "Ensembl 110" in footer and "UniProt" in footer


def test_exon_panel_is_drawn_unless_turned_off(handmade):
    af = handmade[1]("CCA e3::KINA e3")
    assert not any(s.role == "exon" for s in layout([af], show_exons=False).shapes)
    assert not layout([af], style=Style(exons=False)).panels[0].exon_rows
    assert [r.role for r in layout([af]).panels[0].exon_rows] == ["5'", "fusion", "3'"]


def test_scale_aa_fixes_the_scale_across_figures(sqstm1_alk, eml4_alk_variants):
    a = layout([sqstm1_alk], scale_aa=2500)
    b = layout(eml4_alk_variants, scale_aa=2500)
    assert a.inch_per_aa == pytest.approx(b.inch_per_aa)


def test_scale_aa_smaller_than_the_fusion_is_a_style_error(sqstm1_alk):
    with pytest.raises(StyleError, match="too small"):
        layout([sqstm1_alk], scale_aa=100)


def test_labels_stay_on_the_canvas_and_do_not_overlap(eml4_alk_variants, sqstm1_alk):
    for fusions in ([sqstm1_alk], eml4_alk_variants):
        spec = layout(fusions)
        boxes = [lab.bbox for lab in spec.labels]
        for x0, y0, x1, y1 in boxes:
            assert x0 >= 0 and x1 <= spec.width and y0 >= 0 and y1 <= spec.height
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])


def test_importing_the_figures_package_does_not_import_matplotlib():
    # Checked in a fresh interpreter: `fusionviz annotate` must not pay for matplotlib.
    import subprocess

    code = "import fusionviz.figures, sys; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "False"


def test_long_database_names_are_drawn_under_their_curated_name(sqstm1_alk):
    spec = layout([sqstm1_alk], style=Style(source_priority=("InterPro",)))
    kinase = next(g for g in spec.panels[0].track("3'").domains if g.family == "kinase")
    assert kinase.name.startswith("Serine-threonine/tyrosine-protein kinase")
    assert kinase.label == "Protein kinase"
    assert not any("…" in lab.text for lab in spec.labels)


@pytest.mark.parametrize("width", [3.5, 5.0, 7.09, 10.0])
def test_labels_never_overlap_at_any_width(width, sqstm1_alk, eml4_alk_variants, hmbox1_alk_mane):
    for fusions in ([sqstm1_alk], eml4_alk_variants, [hmbox1_alk_mane]):
        for st in (Style(width=width), Style(width=width, source_priority=("InterPro",))):
            spec = layout(fusions, style=st)
            boxes = [lab.bbox for lab in spec.labels]
            for x0, _, x1, _ in boxes:
                assert x0 >= 0 and x1 <= spec.width
            for i, a in enumerate(boxes):
                for b in boxes[i + 1 :]:
                    assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])


def test_a_frameshift_with_a_known_stop_is_drawn_to_that_stop(hmbox1_alk_mane):
    from dataclasses import replace

    from fusionviz.models import ProteinSegment

    segs = (
        hmbox1_alk_mane.protein.segments[0],
        ProteinSegment("frameshift", "ALK", None, None, 284, 300),
    )
    f = replace(hmbox1_alk_mane, protein=replace(hmbox1_alk_mane.protein, segments=segs))
    spec = layout([f])
    tail = next(s for s in spec.shapes if getattr(s, "role", "") == "frameshift")
    assert tail.w == pytest.approx(17 * spec.inch_per_aa)
    assert not any(s.role == "frameshift-open" for s in spec.shapes)
    assert any(lab.text == "frameshift, stop after 17 aa" for lab in spec.labels)
