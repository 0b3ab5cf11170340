"""The mutable collector a layout draws into, and the small geometry every part shares:
the aa -> inch scale, text extents, and segment/box tests for "never cross text"."""

from __future__ import annotations

from dataclasses import dataclass, field

from fusionviz.figures import palette as pal
from fusionviz.figures.spec import Label, Line, Measure, Rect
from fusionviz.figures.style import Style

MARGIN = 0.12
PAD = 0.04  # between labels, and inside boxes
TEXT_MARGIN = 1.07  # see Canvas.text_width
MONO_EM = 0.602  # DejaVu Sans Mono advance, in ems

Box = tuple[float, float, float, float]


@dataclass
class Canvas:
    """Shapes and labels of one figure while it is laid out (frozen into a FigureSpec)."""

    style: Style
    measure: Measure
    width: float
    x_plot: float
    inch_per_aa: float
    shift: float = 0.0  # aa shift of the current panel (aligns panels)
    span: float = 0.0  # aa across the plotting width
    shapes: list[Rect | Line] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    sources: set[str] = field(default_factory=set)
    leaders: list[tuple[float, float, float, float]] = field(default_factory=list)

    def x(self, aa: float, shift: float | None = None) -> float:
        """Inches of aa position ``aa`` in the current panel."""
        return self.x_plot + (aa + (self.shift if shift is None else shift)) * self.inch_per_aa

    def text_width(self, text: str, size: float, bold: bool = False, mono: bool = False) -> float:
        """Width used for overlap checks: raster output at low dpi renders hinted glyphs up
        to ~6 % wider than their true advance, so every extent carries that margin."""
        if mono:
            return len(text) * MONO_EM * size / 72.0 * TEXT_MARGIN
        return self.measure(text, size, bold) * TEXT_MARGIN

    def label(
        self,
        x: float,
        y: float,
        text: str,
        size: float,
        *,
        ha: str = "center",
        bold: bool = False,
        color: str = pal.TEXT,
        role: str = "",
        exact: bool = False,
        mono: bool = False,
    ) -> Label:
        """Add a label, slid back inside the canvas when it would run off it."""
        if mono:
            w = len(text) * MONO_EM * size / 72.0
        else:
            w = self.measure(text, size, bold) if exact else self.text_width(text, size, bold)
        lo, hi = MARGIN / 2, self.width - MARGIN / 2
        x0 = {"left": x, "right": x - w}.get(ha, x - w / 2)
        if x0 < lo:
            x += lo - x0
        elif x0 + w > hi:
            x -= x0 + w - hi
        lab = Label(x, y, text, size, w, ha=ha, color=color, bold=bold, role=role, mono=mono)
        self.labels.append(lab)
        return lab

    def leader(self, x0: float, y0: float, x1: float, y1: float) -> None:
        """A leader line from a label to its box (kept for the crossing checks)."""
        self.leaders.append((x0, y0, x1, y1))
        self.shapes.append(Line((x0, x1), (y0, y1), pal.GUIDE, 0.4, False, "leader", 1))

    def wrap(self, text: str, size: float, width: float) -> list[str]:
        """Words of ``text`` in lines no wider than ``width``."""
        lines: list[str] = []
        cur = ""
        for w in text.split(" "):
            cand = f"{cur} {w}".strip()
            if cur and self.text_width(cand, size) > width:
                lines.append(cur)
                cur = w
            else:
                cur = cand
        if cur:
            lines.append(cur)
        return lines

    def label_boxes(self, y0: float, y1: float) -> list[Box]:
        """Bounding boxes of the labels between heights ``y0`` and ``y1``."""
        out = []
        for lab in self.labels:
            b = lab.bbox
            if b[3] >= y0 and b[1] <= y1:
                out.append(b)
        return out


def overlaps(a: tuple[float, float], taken: list[tuple[float, float]], pad: float = PAD) -> bool:
    """Does interval ``a`` come within ``pad`` of any interval in ``taken``?"""
    return any(a[0] < b[1] + pad and b[0] < a[1] + pad for b in taken)


def boxes_overlap(a: Box, b: Box, pad: float = 0.0) -> bool:
    return a[0] < b[2] + pad and b[0] < a[2] + pad and a[1] < b[3] + pad and b[1] < a[3] + pad


def segment_box_interval(
    p: tuple[float, float], q: tuple[float, float], box: Box, pad: float = 0.0
) -> tuple[float, float] | None:
    """The parameter range ``[t0, t1]`` of segment p->q inside ``box`` (Liang-Barsky),
    or None when the segment misses it."""
    x0, y0, x1, y1 = box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad
    dx, dy = q[0] - p[0], q[1] - p[1]
    t0, t1 = 0.0, 1.0
    for d, lo, hi, s in ((dx, x0, x1, p[0]), (dy, y0, y1, p[1])):
        if abs(d) < 1e-12:
            if s < lo or s > hi:
                return None
            continue
        a, b = (lo - s) / d, (hi - s) / d
        if a > b:
            a, b = b, a
        t0, t1 = max(t0, a), min(t1, b)
        if t0 > t1:
            return None
    return t0, t1


def segment_hits(p: tuple[float, float], q: tuple[float, float], boxes: list[Box]) -> bool:
    """Does segment p->q pass through any of ``boxes``?"""
    return any(segment_box_interval(p, q, b) is not None for b in boxes)


def cut_around(
    p: tuple[float, float], q: tuple[float, float], boxes: list[Box], pad: float = 0.02
) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """Segment p->q with the parts inside ``boxes`` (grown by ``pad``) removed: a guide
    line never runs through a label."""
    holes = sorted(iv for b in boxes if (iv := segment_box_interval(p, q, b, pad)) is not None)
    out = []
    t = 0.0
    for a, b in holes:
        if a > t:
            out.append((t, a))
        t = max(t, b)
    if t < 1.0:
        out.append((t, 1.0))

    def at(s: float) -> tuple[float, float]:
        return (p[0] + (q[0] - p[0]) * s, p[1] + (q[1] - p[1]) * s)

    return [(at(a), at(b)) for a, b in out if b - a > 1e-6]
