"""The figure's rules, checked on the fusions a critical reader looked at (bundled data):
colours, names, numbered exons, labels and leaders, headlines, sizes."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from fusionviz.figures import layout, notes_for
from fusionviz.figures.canvas import boxes_overlap, segment_hits
from fusionviz.figures.palette import KINASE
from fusionviz.figures.spec import Line
from fusionviz.figures.style import Style

try:
    from fusionviz.annotate import annotate_text
    from fusionviz.known import load_known_table
    from fusionviz.sources import default_source

    SOURCE = default_source()
    KNOWN = load_known_table()
except Exception:  # the bundle is not there (e.g. a partial checkout)
    SOURCE = None

pytestmark = pytest.mark.skipif(SOURCE is None, reason="annotation bundle missing")

FUSIONS = [
    "SQSTM1 e5::ALK e19",
    "EML4 e6::ALK e20",
    "HMBOX1 e6::ALK e20",
    "KIF5B e15::RET e12",
    "BCR e14::ABL1 e2",
    "PAX3 e7::FOXO1 e2",
    "NUP98 e11::NSD1 e7",
    "EWSR1 e7::FLI1 e6",
    "CD74 e6::ROS1 e34",
    "BRD4 e11::NUTM1 e2",
    "RANBP2 e18::ALK e20",
    "EGFR e1::EGFR e8",
    # Partners no coding transcript holds: an intergenic base, a lncRNA on either side.
    "chr2:41000000:+::chr2:29223528:-",
    "chr8:127900000:+::chr2:29223528:-",
    "ALK e20::chr8:127900000:+",
]
WIDTHS = [7.2, 3.5]
_cache: dict = {}


def spec_of(*texts, width=7.2, **style):
    key = (texts, width, tuple(sorted(style.items())))
    if key not in _cache:
        fusions = [annotate_text(t, SOURCE) for t in texts]
        notes = notes_for(fusions, SOURCE, known=KNOWN)
        _cache[key] = layout(
            fusions, style=Style(width=width, **style), notes=notes, date="2026-01-01"
        )
    return _cache[key]


def glyphs(spec):
    for panel in spec.panels:
        for track in panel.tracks:
            yield from track.domains


@pytest.mark.parametrize("text", FUSIONS)
def test_no_two_families_share_a_colour_in_a_figure(text):
    spec = spec_of(text)
    fills = [(c, h) for _, c, h in spec.colours]
    assert len(fills) == len(set(fills))
    by_family: dict[str, set] = {}
    for g in glyphs(spec):
        by_family.setdefault(g.family, set()).add((g.colour, g.hatch))
    assert all(len(v) == 1 for v in by_family.values())  # a family keeps its colour


@pytest.mark.parametrize("text", FUSIONS)
def test_the_kinase_colour_is_only_on_kinases(text):
    for g in glyphs(spec_of(text)):
        assert (g.colour == KINASE) == (g.family == "kinase"), g


def test_kinesin_motor_and_ret_kinase_differ():
    colours = {g.family: g.colour for g in glyphs(spec_of("KIF5B e15::RET e12"))}
    assert colours["kinesin motor"] != colours["kinase"] == KINASE


@pytest.mark.parametrize("text", FUSIONS)
def test_each_feature_is_drawn_once_under_one_label(text):
    spec = spec_of(text)
    for panel in spec.panels:
        for track in panel.tracks:
            spans = sorted((g.start, g.end, g.family) for g in track.domains)
            for (a0, a1, fa), (b0, b1, fb) in zip(spans, spans[1:], strict=False):
                overlap = min(a1, b1) - b0 + 1
                assert fa != fb or overlap < 0.5 * min(a1 - a0 + 1, b1 - b0 + 1)
    labels = [lab.text for lab in spec.labels if lab.role == "domain-label"]
    assert not any("…" in t or "_" in t for t in labels)  # no cut or database-style names


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("text", ["SQSTM1 e5::ALK e19", "BCR e14::ABL1 e2", "EML4 e6::ALK e20"])
def test_every_exon_of_both_partners_is_numbered(text, width):
    spec = spec_of(text, width=width)
    af = annotate_text(text, SOURCE)
    numbers = [lab.text for lab in spec.labels if lab.role == "exon-number"]
    panel = spec.panels[0]
    for role, p in (("5'", af.five_prime), ("3'", af.three_prime)):
        row = panel.exon_row(role)
        assert sorted(e.number for e in row.exons) == list(range(1, p.transcript.n_exons + 1))
        for n in range(1, p.transcript.n_exons + 1):
            assert str(n) in numbers


def test_exon_numbers_are_text_in_the_svg():
    from fusionviz.figures import svg_string

    af = annotate_text("SQSTM1 e5::ALK e19", SOURCE)
    svg = svg_string([af], notes=notes_for([af], SOURCE))
    found = re.findall(r'<g id="exon-number-t\d+">\s*<text[^>]*>(\d+)</text>', svg)
    assert set(map(int, found)) >= set(range(1, 30))  # ALK's 29 exons, SQSTM1's 8


def _label_boxes(spec):
    return [(lab, lab.bbox) for lab in spec.labels]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("text", FUSIONS)
def test_labels_do_not_overlap_and_stay_on_the_canvas(text, width):
    spec = spec_of(text, width=width)
    boxes = [b for _, b in _label_boxes(spec)]
    for x0, y0, x1, y1 in boxes:
        assert x0 >= 0 and x1 <= spec.width + 1e-9 and y0 >= 0 and y1 <= spec.height
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not boxes_overlap(a, b, -0.005), (a, b)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("text", FUSIONS)
def test_leaders_cross_no_text_and_the_guide_runs_through_no_label(text, width):
    spec = spec_of(text, width=width)
    boxes = [b for _, b in _label_boxes(spec)]
    shrink = [(x0 + 0.01, y0 + 0.01, x1 - 0.01, y1 - 0.01) for x0, y0, x1, y1 in boxes]
    for s in spec.shapes:
        if isinstance(s, Line) and s.role == "leader":
            p, q = (s.xs[0], s.ys[0]), (s.xs[1], s.ys[1])
            hits = [b for b in shrink if segment_hits(p, q, [b])]
            # A leader touches at most its own label (at its lower edge).
            assert all(abs(b[3] + 0.01 - p[1]) < 0.05 for b in hits), (text, s)
        if isinstance(s, Line) and s.role == "guide":
            p, q = (s.xs[0], s.ys[0]), (s.xs[1], s.ys[1])
            assert not segment_hits(p, q, shrink), (text, s)


@pytest.mark.parametrize("width", WIDTHS)
def test_end_coordinates_never_disappear(width):
    spec = spec_of("RANBP2 e18::ALK e20", width=width)
    ticks = {lab.text for lab in spec.labels if lab.role == "tick"}
    assert {"1", "1430", "1620", "3224"} <= ticks


@pytest.mark.parametrize(
    ("text", "gene", "used", "other"),
    [
        ("CD74 e6::ROS1 e34", "ROS1", 34, 35),
        ("BRD4 e11::NUTM1 e2", "NUTM1", 2, 3),
        ("HMBOX1 e6::ALK e20", "HMBOX1", 6, 5),
    ],
)
def test_a_verdict_that_depends_on_exon_numbering_says_so_with_both_readings(
    text, gene, used, other
):
    spec = spec_of(text)
    titles = [lab.text for lab in spec.labels if lab.role == "title"]
    assert "depends on exon numbering" in titles and "out of frame" not in titles
    lines = " ".join(lab.text for lab in spec.labels if lab.role == "subtitle")
    assert f"{gene} exon {used} on " in lines and f"= exon {other} on" in lines
    assert "in frame" in lines


def test_a_plain_out_of_frame_fusion_keeps_its_verdict(handmade):
    spec = layout([handmade[1]("CCA e2::KINA e2")])
    assert "out of frame" in [lab.text for lab in spec.labels if lab.role == "title"]


def test_a_two_residue_piece_of_a_segment_is_a_stub_not_a_kept_bar():
    spec = spec_of("EML4 e6::ALK e20")
    fusion = spec.panels[0].track("fusion")
    tm = [m for m in fusion.marks if m.kind == "transmembrane"]
    assert tm and all(m.fragment and not m.label for m in tm)
    assert any(s.role == "fragment" for s in spec.shapes)
    assert any(lab.text == "fragment (< 5 aa kept)" for lab in spec.labels)
    wider = spec_of("EML4 e6::ALK e20", fragment_aa=1)
    assert not any(m.fragment for m in wider.panels[0].track("fusion").marks)


def test_an_intragenic_deletion_is_named_and_drawn_as_one_gene():
    spec = spec_of("EGFR e1::EGFR e8")
    titles = [lab.text for lab in spec.labels if lab.role == "title"]
    assert "EGFR exon 2–7 deletion (EGFRvIII)" in titles
    panel = spec.panels[0]
    assert [t.role for t in panel.tracks] == ["gene", "fusion"]
    assert [r.role for r in panel.exon_rows] == ["gene", "fusion"]
    assert len(panel.exon_row("gene").cuts) == 2
    assert not any(lab.text == "EGFR::EGFR" for lab in spec.labels)


def test_the_unknown_length_tail_is_explained_in_the_legend():
    spec = spec_of("HMBOX1 e6::ALK e20")
    legend = [lab.text for lab in spec.labels if lab.role == "legend"]
    assert any("length unknown" in t and "drawn short" in t for t in legend)


def test_compact_draws_the_fusion_and_a_shared_partner_once():
    variants = [f"EML4 e{n}::ALK e{m}" for n, m in ((6, 20), (13, 20), (20, 20), (2, 20), (6, 19))]
    full = spec_of(*variants)
    compact = spec_of(*variants, compact=True)
    assert all([t.role for t in p.tracks] == ["fusion"] for p in compact.panels)
    assert all([r.role for r in p.exon_rows] == ["fusion"] for p in compact.panels)
    assert [t.gene for t in compact.shared] == ["ALK"]
    assert compact.height < 0.55 * full.height
    # One scale, aligned on ALK: ALK residue 1 sits at one x in every panel.
    exons = {round(r.exons[-1].x1, 6) for p in compact.panels for r in p.exon_rows}
    assert len(exons) == 1


@pytest.mark.parametrize("width", WIDTHS)
def test_width_font_size_and_parts_are_options(width):
    spec = spec_of("SQSTM1 e5::ALK e19", width=width, font_size=6.5)
    assert spec.width == width
    assert {lab.size for lab in spec.labels if lab.role == "domain-label"} == {6.5}
    bare = spec_of("SQSTM1 e5::ALK e19", width=width, title=False, legend=False, footer=False)
    roles = {lab.role for lab in bare.labels}
    assert not roles & {"title", "subtitle", "legend", "footer"}
    assert bare.height < spec.height


def test_at_single_column_width_the_headline_and_footer_take_little_height():
    spec = spec_of("SQSTM1 e5::ALK e19", width=3.5)
    panel = spec.panels[0]
    head = panel.exon_rows[0].y - panel.top
    foot = spec.height - max(lab.bbox[3] for lab in spec.labels if lab.role == "legend")
    assert (head + foot) < 0.3 * spec.height


def test_the_footer_names_version_date_and_sources_in_plain_words():
    footer = " ".join(
        lab.text for lab in spec_of("SQSTM1 e5::ALK e19").labels if lab.role == "footer"
    )
    assert "fusionviz " in footer and "2026-01-01" in footer
    assert "ENST00000389805.9" in footer and "Ensembl 110" in footer
    assert "not recorded" not in footer and "drawn once" not in footer


def test_an_oligomerization_span_and_an_evidence_line_have_their_place():
    af = annotate_text("EML4 e13::ALK e20", SOURCE)
    from fusionviz.figures.notes import FigureNotes

    spec = layout([af], notes=[FigureNotes(oligomerization=((14, 43),), evidence="evidence: x")])
    assert sum(s.role == "oligomerization" for s in spec.shapes) == 2  # 5' and fusion tracks
    assert "evidence: x" in [lab.text for lab in spec.labels if lab.role == "subtitle"]
    legend = [lab.text for lab in spec.labels if lab.role == "legend"]
    assert "oligomerization domain kept (5′ partner)" in legend


def test_a_partner_without_protein_and_an_unknown_length_still_draw(handmade):
    src, annotate = handmade
    af = annotate("CCA e2::KINA e2")
    bare = replace(
        af,
        three_prime=replace(af.three_prime, protein_length=None, kept_aa=None, domains=()),
        protein=replace(af.protein, length=None, segments=()),
    )
    for style in (Style(), Style(compact=True), Style(width=3.5)):
        spec = layout([bare], style=style)
        assert spec.height > 0 and spec.panels[0].tracks


@pytest.mark.parametrize("width", WIDTHS)
def test_a_partner_no_coding_transcript_holds_is_named_by_what_and_where_it_is(width):
    spec = spec_of("chr8:127900000:+::chr2:29223528:-", width=width)
    panel = spec.panels[0]
    subtitle = " ".join(lab.text for lab in spec.labels if lab.role == "subtitle")
    assert "PVT1 (lncRNA, chr8:127,900,000) :: ALK exon 20" in subtitle
    assert [r.role for r in panel.exon_rows] == ["fusion", "3'"]  # no PVT1 exon row
    notes = " ".join(lab.text for lab in spec.labels if lab.role == "note")
    assert "PVT1 (lncRNA): no protein-coding" in notes
    footer = " ".join(lab.text for lab in spec.labels if lab.role == "footer")
    assert "ALK ENST00000389048.8" in footer and "PVT1" not in footer
    names_right = max(
        lab.bbox[2] for lab in spec.labels if lab.role == "track-name" and lab.x < 0.5
    )
    for lab in spec.labels:
        if lab.role == "note":  # notes stay in the plot, right of the names
            assert lab.bbox[0] >= names_right and lab.bbox[2] <= spec.width


def test_a_protein_read_on_into_a_non_coding_partner_is_not_called_a_frameshift():
    spec = spec_of("ALK e20::chr8:127900000:+")
    text = " ".join(lab.text for lab in spec.labels)
    assert "untranslated PVT1 sequence" in text and "frameshift" not in text
    assert any(s.role == "untranslated" for s in spec.shapes)


def test_a_3p_protein_from_a_later_met_keeps_the_breakpoint_at_the_junction():
    # Intergenic::ALK exon 20: the protein starts at ALK M1069, the junction is at aa 1058.
    spec = spec_of("chr2:41000000:+::chr2:29223528:-")
    panel = spec.panels[0]
    alk = panel.tracks[-1]
    assert alk.breakpoint_aa == 1058
    row = panel.exon_row("3'")
    assert abs(row.cut_x - alk.breakpoint_x) < 0.01  # one straight guide (within a codon)
    assert "aa 1058 | exon 20" in [lab.text for lab in spec.labels]


def test_one_domain_found_by_several_databases_gets_one_oligomerization_frame():
    from fusionviz.figures.notes import FigureNotes

    af = annotate_text("SQSTM1 e5::ALK e19", SOURCE)  # PB1: UniProt 3-102, Pfam 21-102, ...
    n = FigureNotes(oligomerization=((3, 102), (21, 102), (41, 100)))
    spec = layout([af], notes=[n])
    assert sum(s.role == "oligomerization" for s in spec.shapes) == 2  # 5' and fusion


def test_a_partner_joined_antisense_keeps_no_exons_in_the_exon_panel():
    # BRINP2 exon 2 :: ASTN1, the RNA on the + strand through ASTN1 (a - strand gene)
    spec = spec_of("chr1:177230145:+::chr1:176934177:+").panels[0]
    assert not any(e.gene == "ASTN1" for e in spec.exon_row("fusion").exons)
    assert not any(e.kept for e in spec.exon_row("3'").exons)
    assert any(e.gene == "BRINP2" and e.kept for e in spec.exon_row("fusion").exons)
