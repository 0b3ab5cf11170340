"""What a figure is made of: shapes, labels and the facts behind them (pure value objects).

Positions are in inches from the top-left corner of the canvas (y grows downwards); the
renderer only flips the y axis. Glyph and track records carry the amino-acid facts
(which residue a breakpoint is on, which domains a track shows) so that tests and other
outputs can check the drawing without reading pixels.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from fusionviz.figures import palette as pal

Measure = Callable[[str, float, bool], float]
"""``measure(text, size_pt, bold) -> width in inches``."""

MONO_FONT = "DejaVu Sans Mono"


@dataclass(frozen=True)
class Rect:
    """A filled rectangle; ``x, y`` is the top-left corner (inches)."""

    x: float
    y: float
    w: float
    h: float
    fill: str | None
    edge: str | None = None
    linewidth: float = 0.0
    alpha: float = 1.0
    hatch: str | None = None
    role: str = ""
    z: float = 2


@dataclass(frozen=True)
class Line:
    """A polyline in inches."""

    xs: tuple[float, ...]
    ys: tuple[float, ...]
    color: str
    width: float = 0.6
    dashed: bool = False
    role: str = ""
    z: float = 1


@dataclass(frozen=True)
class Label:
    """A text label. ``x`` is the anchor given by ``ha``; ``y`` the vertical centre."""

    x: float
    y: float
    text: str
    size: float
    width: float
    ha: str = "center"
    color: str = pal.TEXT
    bold: bool = False
    role: str = ""
    z: float = 5
    mono: bool = False

    @property
    def height(self) -> float:
        return self.size / 72.0 * 1.2

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        """``(x0, y0, x1, y1)`` in inches, y downwards."""
        if self.ha == "left":
            x0 = self.x
        elif self.ha == "right":
            x0 = self.x - self.width
        else:
            x0 = self.x - self.width / 2
        return (x0, self.y - self.height / 2, x0 + self.width, self.y + self.height / 2)


@dataclass(frozen=True)
class DomainGlyph:
    """One drawn feature or mark, in the amino-acid coordinates of its track's protein."""

    name: str  # the preferred record's own name
    label: str  # what is written on the figure ("" when unlabelled)
    family: str
    source: str
    start: int
    end: int
    status: str  # retained / truncated / lost (for the fusion track: what the partner keeps)
    in_fusion: bool
    colour: str
    kind: str = "domain"  # domain / transmembrane / signal
    partner: str = ""  # the gene the feature belongs to
    sources: tuple[str, ...] = ()  # every database record behind it
    fragment: bool = False  # only a few residues kept: drawn as a stub, unlabelled
    hatch: str | None = None


@dataclass(frozen=True)
class ExonGlyph:
    """One exon drawn in an exon row (inches), with its number."""

    number: int
    gene: str
    x0: float
    x1: float
    coding: bool
    kept: bool


@dataclass(frozen=True)
class ExonRowSpec:
    """One row of the exon panel: a partner's transcript or the fusion transcript."""

    role: str  # "5'", "fusion", "3'" or "gene" (intragenic: the one gene)
    gene: str
    y: float
    exons: tuple[ExonGlyph, ...]
    cut_x: float | None  # the breakpoint / junction (inches)
    cuts: tuple[float, ...] = ()  # every breakpoint of the row (an intragenic gene has two)


@dataclass(frozen=True)
class TrackSpec:
    """One protein track and what is drawn on it (amino-acid facts for tests and HTML)."""

    role: str  # "5'", "fusion", "3'" or "gene"
    gene: str
    length: int | None
    y: float  # centre line, inches
    x0: float  # left end of the protein, inches
    x1: float  # right end, inches
    kept: tuple[int, int] | None
    breakpoint_aa: int | None  # 5': last kept residue; 3': first kept; fusion: junction
    breakpoint_x: float | None
    domains: tuple[DomainGlyph, ...]
    marks: tuple[DomainGlyph, ...]


@dataclass(frozen=True)
class PanelSpec:
    """One fusion: its headline, exon rows and protein tracks."""

    title: str
    frame: str
    tracks: tuple[TrackSpec, ...]
    top: float
    bottom: float
    verdict: str = ""  # the headline's verdict words
    exon_rows: tuple[ExonRowSpec, ...] = ()

    def track(self, role: str) -> TrackSpec:
        for t in self.tracks:
            if t.role == role:
                return t
        raise KeyError(role)

    def exon_row(self, role: str) -> ExonRowSpec:
        for r in self.exon_rows:
            if r.role == role:
                return r
        raise KeyError(role)


@dataclass(frozen=True)
class FigureSpec:
    """Everything the renderer draws, and nothing it has to compute."""

    width: float
    height: float
    font_family: str
    shapes: tuple[Rect | Line, ...]
    labels: tuple[Label, ...]
    panels: tuple[PanelSpec, ...]
    scale_aa: float  # amino acids across the plotting width
    inch_per_aa: float
    sources_drawn: tuple[str, ...] = ()
    colours: tuple[tuple[str, str, str | None], ...] = ()  # (family, colour, hatch)
    warnings: tuple[str, ...] = ()
    shared: tuple[TrackSpec, ...] = ()  # compact figures: a partner drawn once


_NARROW = set("iljtfrI.,:;|!'()[]/- ")
_WIDE = set("MWmw@%")


def estimate_text_width(text: str, size: float, bold: bool = False) -> float:
    """A width estimate (inches) that errs on the wide side for DejaVu Sans."""
    em = 0.0
    for ch in text:
        if ch in _NARROW:
            em += 0.36
        elif ch in _WIDE:
            em += 0.92
        elif ch.isupper() or ch.isdigit():
            em += 0.7
        else:
            em += 0.62
    return em * size / 72.0 * (1.08 if bold else 1.0)
