"""Pure figure layout: annotated fusions -> a :class:`FigureSpec` of boxes, lines, labels.

Nothing here imports matplotlib. Text extents come from a ``measure(text, size_pt,
bold) -> width_in`` callable injected by the renderer; without one,
:func:`~fusionviz.figures.spec.estimate_text_width` gives a conservative estimate.

A panel per fusion, panels stacked on one shared amino-acid scale
(:mod:`~fusionviz.figures.geometry`), top to bottom:

* the headline (:mod:`~fusionviz.figures.headline`): name, verdict, qualifying lines;
* the exon panel (:mod:`~fusionviz.figures.exons`): the 5' partner's exons, the fusion
  transcript's, the 3' partner's, numbered, over the residues they encode;
* the protein tracks (:mod:`~fusionviz.figures.panels`): 5' partner, fusion, 3' partner;
  an intragenic event draws its one gene once.

A dashed guide joins the breakpoint through every row. ``compact`` figures keep the
fusion track and its exon row, and draw a partner shared by every fusion once, at the
bottom. Panels align on a partner they share (3' first), else on the junction. Then the
legend (:mod:`~fusionviz.figures.legend`) and the provenance footer.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

from fusionviz.errors import StyleError
from fusionviz.figures import assemble
from fusionviz.figures import palette as pal
from fusionviz.figures import panels as pn
from fusionviz.figures.assemble import PANEL_GAP, TRACK_GAP, Options, exon_sub, track_names
from fusionviz.figures.canvas import MARGIN, Canvas
from fusionviz.figures.drawn import prepare
from fusionviz.figures.geometry import Geometry, geometry, rough_scale
from fusionviz.figures.legend import footer, legend
from fusionviz.figures.notes import FigureNotes
from fusionviz.figures.spec import FigureSpec, Measure, PanelSpec, TrackSpec, estimate_text_width
from fusionviz.figures.style import Style
from fusionviz.models import AnnotatedFusion


def layout(
    fusions: Sequence[AnnotatedFusion],
    *,
    style: Style | None = None,
    measure: Measure | None = None,
    scale_aa: int | None = None,
    show_exons: bool | None = None,
    captions: Sequence[str | None] | None = None,
    notes: Sequence[FigureNotes | None] | None = None,
    colours: pal.ColourBook | None = None,
    date: str | None = None,
) -> FigureSpec:
    """Lay out one or more fusions (stacked, one shared amino-acid scale).

    ``scale_aa`` fixes how many amino acids the plotting width spans, so that separate
    figures share one scale; it must be at least what the fusions need. ``show_exons``
    overrides ``style.exons`` (the exon panel). ``notes`` (see
    :func:`~fusionviz.figures.notes.notes_for`) add readings, junction bases, names;
    ``captions`` adds one line under each headline. ``colours`` shares family colours
    with other figures of the same run. ``date`` is the footer's drawing date.
    """
    if not fusions:
        raise ValueError("layout() needs at least one fusion")
    st = style or Style()
    if show_exons is not None:
        st = replace(st, exons=show_exons)
    meas = measure or estimate_text_width
    fnotes = _notes(fusions, notes, captions)
    drawn, warnings = prepare(fusions, st, colours)
    rough = rough_scale(fusions)
    geoms = [geometry(f, rough, exons=st.exons) for f in fusions]
    opts = Options(st.exons, st.compact, _shared(fusions))
    shifts, span = _alignment(geoms, opts)
    cv = _canvas(geoms, st, meas, opts, _span(span, scale_aa))
    panels, y = _panels(cv, drawn, geoms, shifts, fnotes, opts)
    shared: tuple[TrackSpec, ...] = ()
    if opts.compact and opts.shared and len(geoms) > 1:
        track, y = pn.shared_track(cv, drawn, geoms, shifts, opts.shared, y + TRACK_GAP)
        shared = (track,)
    if st.legend:
        y = legend(cv, y + 0.1, cv.span)
    if st.footer:
        y = footer(cv, fusions, y + 0.04, date)
    return _figure_spec(st, cv, drawn, panels, shared, warnings, y)


def _figure_spec(st, cv, drawn, panels, shared, warnings, y: float) -> FigureSpec:
    """The finished figure: what the canvas holds, its size, scale and colours."""
    return FigureSpec(
        width=st.width,
        height=round(y + MARGIN + 0.005, 2),  # whole hundredths: exact pixel sizes
        font_family=st.font_family,
        shapes=tuple(cv.shapes),
        labels=tuple(cv.labels),
        panels=tuple(panels),
        scale_aa=cv.span,
        inch_per_aa=cv.inch_per_aa,
        sources_drawn=tuple(sorted(cv.sources)),
        colours=tuple((fam, f.colour, f.hatch) for fam, f in drawn.fills.items()),
        warnings=warnings,
        shared=shared,
    )


def _panels(cv, drawn, geoms, shifts, fnotes, opts) -> tuple[list[PanelSpec], float]:
    """One panel per fusion, stacked from the top margin; returns them and the y below."""
    y = MARGIN
    panels: list[PanelSpec] = []
    for g, shift, n in zip(geoms, shifts, fnotes, strict=True):
        cv.shift = shift
        panel, y = assemble.panel(cv, drawn, g, n, y, opts)
        panels.append(panel)
        y += PANEL_GAP
    y -= PANEL_GAP
    return panels, y


def _span(span: float, scale_aa: int | None) -> float:
    """The aa span of the plot: what the fusions need, or ``scale_aa`` when given."""
    if scale_aa is None:
        return span
    if scale_aa < math.ceil(span):
        raise StyleError(
            f"--scale-aa {scale_aa} is too small: these fusions need {math.ceil(span)} aa"
        )
    return float(scale_aa)


def _canvas(geoms: list[Geometry], st: Style, meas: Measure, opts: Options, span: float):
    """The canvas: the left column for the names, the rest for ``span`` residues."""
    left = _left_column(geoms, st, meas, opts)
    plot_w = st.width - left - (MARGIN + 0.05)
    if plot_w < 1.0:
        raise StyleError(
            f"width {st.width} in is too narrow for these labels; use at least "
            f"{left + MARGIN + 1.05:.1f}"
        )
    cv = Canvas(st, meas, st.width, left, plot_w / span)
    cv.span = span
    return cv


def _notes(fusions, notes, captions) -> list[FigureNotes]:
    out = []
    for i, _ in enumerate(fusions):
        n = notes[i] if notes and i < len(notes) and notes[i] is not None else FigureNotes()
        if captions and i < len(captions) and captions[i]:
            n = replace(n, caption=captions[i])
        out.append(n)
    return out


def _shared(fusions: Sequence[AnnotatedFusion]) -> str | None:
    """The partner (same transcript) every fusion has: 3' first, the usual driver."""
    for role in ("3'", "5'"):
        labels = {
            (f.three_prime if role == "3'" else f.five_prime).transcript_label for f in fusions
        }
        if len(labels) == 1:
            return role
    return None


def _alignment(geoms: list[Geometry], opts: Options) -> tuple[list[float], float]:
    """Per-panel aa shifts (a shared partner's residues at one x; else the junctions)
    and the span they need."""

    def key(g: Geometry) -> float:
        if len(geoms) > 1 and opts.shared == "3'":
            return g.off3
        if len(geoms) > 1 and opts.shared == "5'":
            return g.off5
        return g.junction_x

    exts = [g.extent(opts.exons) for g in geoms]
    anchor = max(key(g) - e[0] for g, e in zip(geoms, exts, strict=True))
    shifts = [anchor - key(g) for g in geoms]
    span = max(e[1] + s for e, s in zip(exts, shifts, strict=True))
    return shifts, max(span, 1.0)


def _left_column(geoms: list[Geometry], st: Style, meas: Measure, opts: Options) -> float:
    fs, ss = st.label_size, st.note_size
    names, subs = [], []
    for g in geoms:
        f = g.fusion
        name, sub = track_names(g, st)
        names += [name, f.five_prime.gene, f.three_prime.gene]
        subs += [
            sub,
            pn.partner_length_text(g.len5, "5'", st.narrow),
            pn.partner_length_text(g.len3, "3'", st.narrow),
            "wild type · 0000 aa",
        ]
        if st.exons:
            pair = (f.five_prime, f.three_prime)
            subs += [exon_sub(p.transcript.n_exons, st) for p in pair if p.transcript]
            subs.append("fusion transcript")
    width = max(max(meas(n, fs, True) for n in names), max(meas(s, ss, False) for s in subs))
    return MARGIN + width * 1.07 + (0.08 if st.narrow else 0.12)
