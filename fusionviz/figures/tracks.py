"""Drawing one protein track: backbone, features, marks, exon boundaries, labels, numbers.

A track is given as a :class:`TrackInput` (what to draw, on the aa axis) and drawn from
``y`` (the top of its label rows) downwards; :func:`draw_track` returns the track's
facts and the y where it ends. The three kinds of track (partner, fusion, one gene of
an intragenic event) are assembled in :mod:`fusionviz.figures.panels`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fusionviz.figures import labels as lb
from fusionviz.figures import palette as pal
from fusionviz.figures import track_parts as tp
from fusionviz.figures.canvas import MARGIN, Canvas
from fusionviz.figures.spec import DomainGlyph, TrackSpec
from fusionviz.figures.track_parts import MARK


@dataclass
class Box:
    """A feature or mark about to be drawn on one track (aa on the panel axis)."""

    glyph: DomainGlyph
    x0: float
    x1: float
    kept: list[tuple[float, float]]  # kept parts (empty: nothing kept)
    faded: bool
    short: str = ""
    lane: int = 0
    fragment: bool = False  # the kept part is too short to read as "kept"


@dataclass
class TrackInput:
    """Everything one track shows, on the aa axis of its panel."""

    role: str
    gene: str
    sub: str
    length: int | None
    pieces: list[tuple[str, float, float, bool]]  # backbone: (kind, x0, x1, open end)
    kept: list[tuple[float, float]] | None  # None: the track is all "kept" (fusion)
    boxes: list[Box] = field(default_factory=list)
    marks: list[Box] = field(default_factory=list)
    exon_cuts: list[float] = field(default_factory=list)
    end_numbers: list[tuple[float, str]] = field(default_factory=list)
    breakpoints: list[tuple[float, str, str]] = field(default_factory=list)  # x, text, side
    note: str | None = None
    note_beside: float | None = None  # aa x after which the note may sit on the track line
    guide: float | None = None  # aa x of the breakpoint guide through the label rows
    outlines: list[tuple[float, float]] = field(default_factory=list)  # oligomerization


LABEL_GAP = 0.03  # between the lowest label row and the marks


def assign_lanes(boxes: list[Box]) -> int:
    """Overlapping boxes go on separate lanes; returns the number of lanes."""
    ends: list[float] = []
    for b in sorted(boxes, key=lambda b: (b.x0, b.x1)):
        for lane, end in enumerate(ends):
            if b.x0 >= end:
                b.lane = lane
                ends[lane] = b.x1
                break
        else:
            b.lane = len(ends)
            ends.append(b.x1)
    return max(1, len(ends))


def _target(cv: Canvas, b: Box) -> lb.Target:
    xa, xb = cv.x(b.x0), cv.x(b.x1)
    pieces: list[tuple[float, float, bool]] = []
    if b.faded or not b.kept:
        pieces.append((xa, xb, not b.faded))
    else:
        for k0, k1 in b.kept:
            pieces.append((cv.x(max(k0, b.x0)), cv.x(min(k1, b.x1)), True))
        edges = sorted(cv.x(v) for k in b.kept for v in k)
        bounds = [xa, *[e for e in edges if xa < e < xb], xb]
        pieces += [(a, z, False) for a, z in zip(bounds, bounds[1:], strict=False)]
    return lb.Target(
        b.glyph.label, b.short or b.glyph.label, xa, xb, b.faded, b.lane, pieces, ref=b
    )


@dataclass
class _Labels:
    """Where one track's feature names go (relative to the top of its mark area)."""

    inside: list[lb.Inside]
    above: list[lb.Above]
    n_rows: int
    lane_h: float
    texts_of: object  # group -> [(text, width)], name then short form


def _place_labels(cv: Canvas, t: TrackInput) -> _Labels:
    st = cv.style
    fs, th = st.label_size, st.track_height
    lh = fs / 72 * 1.25  # label row height
    lane_h = th / (assign_lanes(t.boxes) if t.boxes else 1)
    targets = [_target(cv, b) for b in t.boxes if b.glyph.label and not b.fragment]
    inside, groups = lb.split_inside(
        targets, lambda s: cv.text_width(s, fs), fs / 72 * 1.05 <= lane_h
    )
    mark_top = LABEL_GAP + th * (MARK - 1) / 2  # box tops, below the label rows

    def make_placer() -> lb.RowPlacer:
        return lb.RowPlacer(
            row_h=lh,
            lo=MARGIN / 2,
            hi=cv.width - MARGIN / 2,
            guide=cv.x(t.guide) if t.guide is not None else None,
            box_top=lambda lane: mark_top + lane * lane_h,
            fixed=[
                _inside_box(cv, i, fs, mark_top + (i.target.lane + 0.5) * lane_h) for i in inside
            ],
        )

    def texts_of(group: list[lb.Target]) -> list[tuple[str, float]]:
        names = [group[0].full, group[0].short]
        if st.narrow or cv.text_width(names[0], fs) > 0.45 * (cv.width - cv.x_plot):
            names = names[1:]
        count = f" ×{len(group)}" if len(group) > 1 else ""
        return [(n + count, cv.text_width(n + count, fs)) for n in dict.fromkeys(names)]

    placer, above = lb.place_all(make_placer, groups, texts_of)
    return _Labels(inside, above, placer.n_rows, lane_h, texts_of)


def draw_track(cv: Canvas, t: TrackInput, y: float) -> tuple[TrackSpec, float]:
    """Draw one track starting at ``y`` (top of its label rows); return facts and new y."""
    st = cv.style
    fs, th = st.label_size, st.track_height
    lh = fs / 72 * 1.25
    labels = _place_labels(cv, t)
    top = y + labels.n_rows * lh + (LABEL_GAP if labels.n_rows else 0.0)
    cy = top + th * MARK / 2
    _track_name(cv, t, cy)
    x0, x1 = tp.backbone(cv, t, cy)
    box_top = cy - th / 2
    tp.boxes(cv, t.boxes, box_top, labels.lane_h)
    tp.marks(cv, t.marks, cy, th)
    for a, b in t.outlines:
        # A frame taller than the boxes round the span (issue 13: an oligomerization
        # domain the fusion keeps); no fill or hatch, so the names inside stay legible.
        w = cv.x(b) - cv.x(a)
        frame = (cv.x(a), cy - th * MARK / 2, w, th * MARK)
        cv.shapes.append(
            tp.rect(*frame, None, pal.OLIGOMER, 1.1, 1.0, None, "oligomerization", 4.5)
        )
    inside_labels = []
    for i in labels.inside:
        colour = pal.text_colour_on(i.target.ref.glyph.colour) if i.solid else pal.MUTED_TEXT
        yc = box_top + (i.target.lane + 0.5) * labels.lane_h
        inside_labels.append(cv.label(i.x, yc, i.text, fs, color=colour, role="domain-label"))
    tp.exon_lines(cv, t, cy, th, inside_labels)
    for a in labels.above:  # y of the placer is relative to the top of the mark area
        if a.text:
            colour = pal.MUTED_TEXT if a.targets[0].faded else pal.TEXT
            cv.label(a.x, top - (a.row + 0.5) * lh, a.text, fs, color=colour, role="domain-label")
            for p, q, r, s in a.leaders:
                cv.leader(p, top + q, r, top + s)
    n_before = len(cv.labels)
    bottom = tp.below(cv, t, cy, th, x1)
    dropped = [list(a.targets) for a in labels.above if not a.text]
    if dropped:
        below = [lab.bbox for lab in cv.labels[n_before:]]
        bottom = _labels_below(cv, dropped, below, box_top, labels.lane_h, bottom, labels.texts_of)
    return TrackSpec(t.role, t.gene, t.length, cy, x0, x1, None, None, None, (), ()), bottom


def _labels_below(cv, groups, texts_below, box_top, lane_h, bottom, texts_of) -> float:
    """Labels that found no room above the track go under it (below its numbers), with
    leaders up to the box bottom. The placer works in a mirrored frame: y = bottom - y."""
    st = cv.style
    fs = st.label_size
    lh = fs / 72 * 1.25
    gap = 0.02
    placer = lb.RowPlacer(
        row_h=lh,
        lo=MARGIN / 2,
        hi=cv.width - MARGIN / 2,
        guide=None,
        box_top=lambda lane: bottom + gap - (box_top + (lane + 1) * lane_h),
        fixed=[(b[0], bottom + gap - b[3], b[2], bottom + gap - b[1]) for b in texts_below],
    )
    origin = bottom + gap
    for group in groups:
        a = placer.place(group, texts_of(group), [])
        if not a.text:
            continue
        faded = a.targets[0].faded
        cv.label(
            a.x,
            origin + (a.row + 0.5) * lh,
            a.text,
            fs,
            color=pal.MUTED_TEXT if faded else pal.TEXT,
            role="domain-label",
        )
        for p, q, r, s in a.leaders:
            cv.leader(p, origin - q, r, origin - s)
    return origin + placer.n_rows * lh if placer.n_rows else bottom


def _inside_box(cv: Canvas, i: lb.Inside, fs: float, yc: float) -> lb.Box:
    w = cv.text_width(i.text, fs)
    h = fs / 72 * 1.2
    return (i.x - w / 2, yc - h / 2, i.x + w / 2, yc + h / 2)


def _track_name(cv: Canvas, t: TrackInput, cy: float) -> None:
    st = cv.style
    fs = st.label_size
    cv.label(MARGIN, cy - fs / 72 * 0.45, t.gene, fs, ha="left", bold=True, role="track-name")
    if t.sub:
        cv.label(
            MARGIN,
            cy + fs / 72 * 0.75,
            t.sub,
            st.note_size,
            ha="left",
            color=pal.MUTED_TEXT,
            role="track-name",
        )
