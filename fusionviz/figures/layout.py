"""Pure figure layout: annotated fusions -> a :class:`FigureSpec` of boxes, lines and labels.

Nothing here imports matplotlib. Positions are in inches from the top-left corner of the
canvas (y grows downwards); the renderer only flips the y axis. Text extents come from a
``measure(text, size_pt, bold) -> width_in`` callable injected by the renderer; without
one, :func:`estimate_text_width` gives a conservative estimate for DejaVu Sans.

Drawing model (one panel per fusion, panels stacked, one shared amino-acid scale):

* three tracks, top to bottom: the 5' partner's wild-type protein, the fusion protein,
  the 3' partner's wild-type protein;
* every track is drawn in *fusion coordinates*: a partner residue ``p`` sits where it
  sits in the fusion protein, so the breakpoint is one vertical guide through the three
  tracks and panels align on the 3' partner (the junction has the same x in every panel);
* residue ``i`` spans ``[i - 1, i]`` on the amino-acid axis; the split junction codon is
  shared, so a breakpoint through a split codon is drawn at its middle.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from fusionviz.errors import StyleError
from fusionviz.figures import palette as pal
from fusionviz.figures.style import Style
from fusionviz.models import AnnotatedFusion, Domain, DomainVerdict, PartnerResult

Measure = Callable[[str, float, bool], float]
"""``measure(text, size_pt, bold) -> width in inches``."""

TrackRole = str  # "5'", "fusion", "3'"

# Relative sizes (multiples of Style.track_height) and gaps (inches).
_BACKBONE = 0.5  # backbone height relative to a domain box
_MARK = 1.35  # transmembrane/signal marks are taller than domain boxes
_TRACK_GAP = 0.16
_PANEL_GAP = 0.22
_MARGIN = 0.12
_TEXT_MARGIN = 1.07  # see _Canvas.text_width
_PAD = 0.04  # horizontal padding inside boxes and between labels
_FADE = 0.3  # opacity of what the fusion does not keep
_NOMINAL_TAIL = 0.04  # unknown-length frameshift tail, fraction of the scale


# --------------------------------------------------------------------------- spec types


@dataclass(frozen=True)
class Rect:
    """A filled rectangle; ``x, y`` is the top-left corner (inches)."""

    x: float
    y: float
    w: float
    h: float
    fill: str
    edge: str | None = None
    linewidth: float = 0.0
    alpha: float = 1.0
    hatch: str | None = None
    role: str = ""
    z: int = 2


@dataclass(frozen=True)
class Line:
    """A polyline in inches."""

    xs: tuple[float, ...]
    ys: tuple[float, ...]
    color: str
    width: float = 0.6
    dashed: bool = False
    role: str = ""
    z: int = 1


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
    z: int = 5

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
    """One drawn domain or mark, in the amino-acid coordinates of its track's protein."""

    name: str
    label: str
    family: str
    source: str
    start: int
    end: int
    status: str  # retained / truncated / lost (for the fusion track: what the partner keeps)
    in_fusion: bool
    colour: str
    kind: str = "domain"  # domain / transmembrane / signal
    partner: str = ""  # the gene the domain belongs to


@dataclass(frozen=True)
class TrackSpec:
    """One protein track and what is drawn on it (amino-acid facts for tests and HTML)."""

    role: TrackRole
    gene: str
    length: int | None
    y: float  # centre line, inches
    x0: float  # left end of the protein, inches
    x1: float  # right end, inches
    kept: tuple[int, int] | None
    breakpoint_aa: int | None  # 5': last kept residue; 3': first kept; fusion: junction residue
    breakpoint_x: float | None
    domains: tuple[DomainGlyph, ...]
    marks: tuple[DomainGlyph, ...]


@dataclass(frozen=True)
class PanelSpec:
    """One fusion's three tracks."""

    title: str
    frame: str
    tracks: tuple[TrackSpec, ...]
    top: float
    bottom: float

    def track(self, role: TrackRole) -> TrackSpec:
        for t in self.tracks:
            if t.role == role:
                return t
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


# --------------------------------------------------------------------------- text width

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


# --------------------------------------------------------------------------- domains


def _source_rank(source: str, priority: Sequence[str]) -> int:
    low = source.lower()
    for i, token in enumerate(priority):
        if token.lower() in low:
            return i
    return len(priority)


def feature_class(domain: Domain, style: Style) -> str | None:
    """How a feature is drawn: ``"domain"`` (box), ``"transmembrane"``/``"signal"`` (mark)
    or None (not drawn: topology, disorder, composition, motifs unless the style asks)."""
    kind = domain.kind.lower().replace("_", " ").strip()
    name = domain.name.lower()
    if "transmem" in kind or "intramem" in kind or "transmembrane" in name:
        return "transmembrane"
    if "signal" in kind or "transit" in kind or name in {"signal", "signal peptide"}:
        return "signal"
    if domain.name in style.hide or pal.family_of(domain.name) in style.hide:
        return None
    if kind in {k.lower() for k in style.draw_kinds}:
        return "domain"
    skipped = ("topolog", "topo dom", "disorder", "compositional", "compbias", "chain")
    if any(s in kind for s in skipped) or name.startswith("disordered"):
        return None
    if kind in {"motif", "site", "region", "binding site", "mod res", "variant", "peptide"}:
        return None
    return "domain"


def select_domains(
    partner: PartnerResult, style: Style
) -> tuple[list[DomainVerdict], list[DomainVerdict]]:
    """The domains to draw as boxes (one per overlapping family) and the marks (TM, signal).

    Domains from several databases that cover the same region (overlap >= half of the
    shorter one) form one cluster; the cluster is drawn once, by the source that comes
    first in ``style.source_priority`` (default UniProt > Pfam > InterPro), then the longer.
    """
    boxes: list[DomainVerdict] = []
    marks: list[DomainVerdict] = []
    for v in partner.domains:
        cls = feature_class(v.domain, style)
        if cls == "domain":
            boxes.append(v)
        elif cls in {"transmembrane", "signal"}:
            marks.append(v)
    boxes.sort(key=lambda v: (v.domain.start, v.domain.end, v.domain.name))
    parent = list(range(len(boxes)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(boxes):
        for j in range(i + 1, len(boxes)):
            b = boxes[j]
            if b.domain.start > a.domain.end:
                break
            overlap = min(a.domain.end, b.domain.end) - b.domain.start + 1
            if overlap >= 0.5 * min(a.domain.length, b.domain.length):
                parent[find(j)] = find(i)
    clusters: dict[int, list[DomainVerdict]] = {}
    for i, v in enumerate(boxes):
        clusters.setdefault(find(i), []).append(v)
    chosen = [
        min(
            members,
            key=lambda v: (
                _source_rank(v.domain.source, style.source_priority),
                -v.domain.length,
                v.domain.start,
                v.domain.name,
            ),
        )
        for members in clusters.values()
    ]
    chosen.sort(key=lambda v: (v.domain.start, v.domain.end))
    # Marks: one per position (several databases report the same helix).
    seen: dict[tuple[str, int, int], DomainVerdict] = {}
    for v in sorted(marks, key=lambda v: _source_rank(v.domain.source, style.source_priority)):
        cls = feature_class(v.domain, style) or ""
        key = (cls, v.domain.start // 5, v.domain.end // 5)
        seen.setdefault(key, v)
    return chosen, sorted(seen.values(), key=lambda v: v.domain.start)


def _label_of(domain: Domain, style: Style) -> str:
    return style.rename.get(domain.name, domain.name)


def _family(domain: Domain, style: Style) -> str:
    return style.merge.get(domain.name) or pal.family_of(domain.name)


def _colour(domain: Domain, style: Style) -> str:
    if domain.name in style.colors:
        return style.colors[domain.name]
    return pal.family_colour(_family(domain, style), style.colors)


# --------------------------------------------------------------------------- geometry model


@dataclass
class _Geometry:
    """One fusion in fusion-amino-acid coordinates (before scaling to inches)."""

    fusion: AnnotatedFusion
    off5: float
    off3: float
    junction_x: float  # the breakpoint guide, fusion aa axis
    split: bool
    len5: int | None
    len3: int | None
    fusion_pieces: list[tuple[str, float, float, bool]] = field(default_factory=list)
    # (kind, x0, x1, open_end) on the fusion aa axis
    fusion_length: int | None = None
    in_frame_3p: bool = False  # does the fusion carry 3' partner residues?

    def extent(self) -> tuple[float, float]:
        xs = [0.0, self.junction_x]
        if self.len5:
            xs += [self.off5, self.off5 + self.len5]
        if self.len3:
            xs += [self.off3, self.off3 + self.len3]
        for _, a, b, _ in self.fusion_pieces:
            xs += [a, b]
        return min(xs), max(xs)


def _partner_length(p: PartnerResult) -> int | None:
    if p.protein_length:
        return p.protein_length
    ends = [v.domain.end for v in p.domains] + ([p.kept_aa[1]] if p.kept_aa else [])
    return max(ends) if ends else None


def boundary_residue(p: PartnerResult) -> int | None:
    """The partner's residue at the breakpoint (5': last kept, 3': first kept).

    Taken from ``kept_aa``; when the partner contributes no protein (a 3' partner out
    of frame) it is still the residue whose codon the breakpoint enters, from the CDS
    boundary nucleotide or else the first/last residue of the breakpoint exon.
    """
    if p.kept_aa is not None:
        return p.kept_aa[1] if p.role == "5'" else p.kept_aa[0]
    if p.cds_boundary_nt is not None and p.cds_boundary_nt > 0:
        return (p.cds_boundary_nt - 1) // 3 + 1
    for number, first, last in p.exon_aa_ranges:
        if number == p.exon:
            return last if p.role == "5'" else first
    return None


def _geometry(f: AnnotatedFusion, nominal_tail: float) -> _Geometry:
    segs = f.protein.segments
    seg5 = next((s for s in segs if s.kind == "5'"), None)
    seg3 = next((s for s in segs if s.kind == "3'"), None)
    segj = next((s for s in segs if s.kind == "junction"), None)
    split = bool(f.junction.split_codon)
    segf = next((s for s in segs if s.kind == "frameshift"), None)
    kept5 = f.five_prime.kept_aa
    b3 = boundary_residue(f.three_prime)
    off5 = float(seg5.fusion_start - seg5.partner_start) if seg5 and seg5.partner_start else 0.0
    if segj is not None:
        junction_x = segj.fusion_start - 0.5
    elif seg3 is not None:
        junction_x = float(seg3.fusion_start - 1)
    elif segf is not None:
        junction_x = float(segf.fusion_start - 1)
    elif kept5 is not None:
        junction_x = kept5[1] + off5 - (0.5 if split else 0.0)
    elif seg5 is not None and seg5.fusion_end is not None:
        junction_x = float(seg5.fusion_end)
    else:
        junction_x = 0.0
    if seg3 is not None and seg3.partner_start is not None:
        off3 = float(seg3.fusion_start - seg3.partner_start)
    elif b3 is not None:
        off3 = junction_x - (b3 - 1 + (0.5 if split else 0.0))
    else:
        off3 = junction_x
    g = _Geometry(
        fusion=f,
        off5=off5,
        off3=off3,
        junction_x=junction_x,
        split=split,
        len5=_partner_length(f.five_prime),
        len3=_partner_length(f.three_prime),
        fusion_length=f.protein.length,
        in_frame_3p=seg3 is not None,
    )
    for s in segs:
        x0 = float(s.fusion_start - 1)
        if s.fusion_end is not None:
            g.fusion_pieces.append((s.kind, x0, float(s.fusion_end), False))
        else:
            g.fusion_pieces.append((s.kind, x0, x0 + nominal_tail, True))
    return g


# --------------------------------------------------------------------------- layout


@dataclass
class _Canvas:
    """Mutable collector used while laying out; frozen into a FigureSpec at the end."""

    style: Style
    measure: Measure
    width: float
    x_plot: float
    inch_per_aa: float
    shift: float = 0.0  # aa shift of the current panel (aligns junctions)
    shapes: list[Rect | Line] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    sources: set[str] = field(default_factory=set)

    def x(self, aa: float) -> float:
        return self.x_plot + (aa + self.shift) * self.inch_per_aa

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
    ) -> Label:
        w = self.measure(text, size, bold) if exact else self.text_width(text, size, bold)
        # Never run off the canvas: slide the anchor back inside.
        lo, hi = _MARGIN / 2, self.width - _MARGIN / 2
        x0 = {"left": x, "right": x - w}.get(ha, x - w / 2)
        if x0 < lo:
            x += lo - x0
        elif x0 + w > hi:
            x -= x0 + w - hi
        lab = Label(x, y, text, size, w, ha=ha, color=color, bold=bold, role=role)
        self.labels.append(lab)
        return lab

    def text_width(self, text: str, size: float, bold: bool = False) -> float:
        # Raster output at low dpi renders hinted glyphs up to ~6 % wider than their
        # true advance: every extent used for overlap checks carries that margin.
        return self.measure(text, size, bold) * _TEXT_MARGIN


def _overlaps(a: tuple[float, float], taken: list[tuple[float, float]]) -> bool:
    return any(a[0] < b[1] + _PAD and b[0] < a[1] + _PAD for b in taken)


def layout(
    fusions: Sequence[AnnotatedFusion],
    *,
    style: Style | None = None,
    measure: Measure | None = None,
    scale_aa: int | None = None,
    show_exons: bool = False,
    captions: Sequence[str | None] | None = None,
) -> FigureSpec:
    """Lay out one or more fusions (stacked, one shared amino-acid scale).

    ``scale_aa`` fixes how many amino acids the plotting width spans, so that separate
    figures share one scale; it must be at least what the fusions need. ``captions``
    adds one line under each fusion's subtitle (e.g. its known-fusion status).
    """
    if not fusions:
        raise ValueError("layout() needs at least one fusion")
    st = style or Style()
    meas = measure or estimate_text_width
    fs = st.font_size

    # Pass 1: geometry in aa; nominal tail needs the scale, so estimate it from partners.
    rough = (
        max(
            (_partner_length(f.three_prime) or 0) + (_partner_length(f.five_prime) or 0)
            for f in fusions
        )
        or 100
    )
    geoms = [_geometry(f, max(20.0, _NOMINAL_TAIL * rough)) for f in fusions]
    anchor = max(g.junction_x - g.extent()[0] for g in geoms)
    span = max(anchor + g.extent()[1] - g.junction_x for g in geoms)
    if scale_aa is not None:
        if scale_aa < math.ceil(span):
            raise StyleError(
                f"--scale-aa {scale_aa} is too small: these fusions need {math.ceil(span)} aa"
            )
        span = float(scale_aa)

    # Left margin: the widest track name.
    names = []
    for f in fusions:
        names += [f.five_prime.gene, f.three_prime.gene, f.names.hgnc]
    name_w = max(meas(n, fs, True) for n in names)
    sub_w = max(meas(_track_sub(f, r), st.small_size, False) for f in fusions for r in "5f3")
    left = _MARGIN + max(name_w, sub_w) + 0.12
    right = _MARGIN + 0.05
    plot_w = st.width - left - right
    if plot_w < 1.0:
        raise StyleError(
            f"width {st.width} in is too narrow for these labels; use at least "
            f"{left + right + 1.0:.1f}"
        )
    cv = _Canvas(st, meas, st.width, left, plot_w / span)

    y = _MARGIN
    panels: list[PanelSpec] = []
    for i, g in enumerate(geoms):
        cv.shift = anchor - g.junction_x
        caption = captions[i] if captions and i < len(captions) else None
        panel, y = _layout_panel(cv, g, y, show_exons, caption)
        panels.append(panel)
        y += _PANEL_GAP
    y -= _PANEL_GAP
    y = _legend_and_scale(cv, y + 0.12, span)
    y = _footer(cv, fusions, y + 0.06)
    height = y + _MARGIN
    return FigureSpec(
        width=st.width,
        height=round(height, 4),
        font_family=st.font_family,
        shapes=tuple(cv.shapes),
        labels=tuple(cv.labels),
        panels=tuple(panels),
        scale_aa=span,
        inch_per_aa=cv.inch_per_aa,
        sources_drawn=tuple(sorted(cv.sources)),
    )


def _frame_text(frame: str) -> str:
    return {"in-frame": "in frame", "out-of-frame": "out of frame"}.get(
        frame, "frame not applicable"
    )


def _track_sub(f: AnnotatedFusion, which: str) -> str:
    if which == "5":
        n = _partner_length(f.five_prime)
        return f"5′ partner · {n} aa" if n else "5′ partner"
    if which == "3":
        n = _partner_length(f.three_prime)
        return f"3′ partner · {n} aa" if n else "3′ partner"
    if f.protein.length:
        return f"fusion · {f.protein.length} aa"
    return "fusion · length unknown"


def _layout_panel(
    cv: _Canvas, g: _Geometry, y: float, show_exons: bool, caption: str | None = None
) -> tuple[PanelSpec, float]:
    st = cv.style
    f = g.fusion
    top = y
    # Title: HGNC name (bold), clinical short form, frame verdict (coloured).
    ty = y + st.title_size / 72 * 0.6
    x = _MARGIN
    pieces = [(f.names.hgnc, True, pal.TEXT)]
    if f.names.short and f.names.short != f.names.hgnc:
        pieces.append((f.names.short, False, pal.MUTED_TEXT))
    colour = (
        pal.IN_FRAME
        if f.frame == "in-frame"
        else (pal.OUT_OF_FRAME if f.frame == "out-of-frame" else pal.MUTED_TEXT)
    )
    pieces.append((_frame_text(f.frame), True, colour))
    for i, (text, bold, col) in enumerate(pieces):
        # Title pieces advance by their true width (even gaps); the gap is wider than
        # the hinting error of low-dpi raster output.
        if i:
            cv.label(
                x, ty, "·", st.title_size, ha="left", color=pal.MUTED_TEXT, role="title", exact=True
            )
            x += cv.measure("·", st.title_size, False) + 0.08
        cv.label(
            x, ty, text, st.title_size, ha="left", bold=bold, color=col, role="title", exact=True
        )
        x += cv.measure(text, st.title_size, bold) + 0.08
    y += st.title_size / 72 * 1.25
    lines = [
        (line, pal.MUTED_TEXT)
        for line in _wrap(cv, _subtitle(f), st.font_size, cv.width - 2 * _MARGIN)
    ]
    if f.alternatives and f.frame != "in-frame":
        # The frame call depends on the exon numbering: say so on the figure itself.
        alt = "Exon numbering matters: " + f.alternatives[0].reason
        if len(f.alternatives) > 1:
            alt += f" (+{len(f.alternatives) - 1} other readings)"
        lines += [
            (line, pal.OUT_OF_FRAME)
            for line in _wrap(cv, alt, st.font_size, cv.width - 2 * _MARGIN)
        ]
    if caption:
        lines += [
            (line, pal.MUTED_TEXT)
            for line in _wrap(cv, caption, st.font_size, cv.width - 2 * _MARGIN)
        ]
    for line, colour in lines:
        cv.label(
            _MARGIN,
            y + st.font_size / 72 * 0.6,
            line,
            st.font_size,
            ha="left",
            color=colour,
            role="subtitle",
        )
        y += st.font_size / 72 * 1.3
    y += 0.06

    tracks = []
    t5, y = _partner_track(cv, g, "5'", y, show_exons)
    tracks.append(t5)
    y += _TRACK_GAP
    tf, y = _fusion_track(cv, g, y, show_exons)
    tracks.append(tf)
    y += _TRACK_GAP
    t3, y = _partner_track(cv, g, "3'", y, show_exons)
    tracks.append(t3)

    # Breakpoint guide: one dashed vertical line through the three tracks.
    ys = [t.y for t in tracks if t.breakpoint_x is not None or t.role == "fusion"]
    if len(ys) >= 2:
        gx = cv.x(g.junction_x)
        cv.shapes.append(Line((gx, gx), (min(ys), max(ys)), pal.GUIDE, 0.6, True, "guide", 0))
    panel = PanelSpec(f.names.hgnc, f.frame, tuple(tracks), top, y)
    return panel, y


def _side(p) -> str:
    if p.transcript is None or p.exon is None:
        return f"{p.gene} ({p.transcript_label})"
    return f"{p.gene} exon {p.exon} ({p.transcript.label})"


def _subtitle(f: AnnotatedFusion) -> str:
    p5, p3 = f.five_prime, f.three_prime
    # Exon numbers only mean something on a named transcript.
    # A partner no coding transcript holds (non-coding, intergenic) has no exon.
    parts = [" :: ".join(_side(p) for p in (p5, p3))]
    if f.protein.length:
        parts.append(f"fusion protein {f.protein.length} aa")
    fs = next((s for s in f.protein.segments if s.kind == "frameshift"), None)
    if fs is not None:
        if fs.fusion_end is not None:
            n = fs.fusion_end - fs.fusion_start + 1
            parts.append(f"frameshift: {n} aa to a premature stop")
        else:
            parts.append("frameshift: premature stop not known")
    if f.frame == "out-of-frame":
        parts.append(f"{p3.gene} domains not translated")
    return " · ".join(parts)


def _wrap(cv: _Canvas, text: str, size: float, width: float) -> list[str]:
    words = text.split(" ")
    lines: list[str] = []
    cur = ""
    for w in words:
        cand = f"{cur} {w}".strip()
        if cur and cv.text_width(cand, size, False) > width:
            lines.append(cur)
            cur = w
        else:
            cur = cand
    if cur:
        lines.append(cur)
    return lines


@dataclass
class _Box:
    """A domain box about to be drawn on one track (aa on the fusion axis)."""

    glyph: DomainGlyph
    x0: float
    x1: float
    kept0: float | None  # kept part on the fusion axis (None: nothing kept)
    kept1: float | None
    faded: bool
    lane: int = 0


def _glyph(v: DomainVerdict, st: Style, in_fusion: bool, gene: str, kind: str) -> DomainGlyph:
    d = v.domain
    return DomainGlyph(
        name=d.name,
        label=_label_of(d, st),
        family=_family(d, st),
        source=d.source,
        start=d.start,
        end=d.end,
        status=v.status,
        in_fusion=in_fusion,
        colour=_colour(d, st)
        if kind == "domain"
        else (pal.TRANSMEMBRANE if kind == "transmembrane" else pal.SIGNAL),
        kind=kind,
        partner=gene,
    )


def _fit_text(cv: _Canvas, text: str, size: float, max_w: float) -> str:
    if cv.text_width(text, size, False) <= max_w:
        return text
    cut = len(text)
    while cut > 4 and cv.text_width(text[:cut].rstrip(" ,;-") + "…", size, False) > max_w:
        cut -= 1
    return text[:cut].rstrip(" ,;-") + "…"


def _inside_spot(cv: _Canvas, b: _Box, w: float) -> tuple[float, bool] | None:
    """Where a label fits inside its box: ``(centre x, on a solid part)``, or None.

    A truncated domain is labelled on its kept part when the label fits there, else on
    its lost part, so that the label never straddles the breakpoint line.
    """
    xa, xb = cv.x(b.x0), cv.x(b.x1)
    pieces: list[tuple[float, float, bool]] = []
    if b.faded:
        pieces.append((xa, xb, False))
    elif b.kept0 is not None and b.kept1 is not None:
        ka, kb = cv.x(max(b.kept0, b.x0)), cv.x(min(b.kept1, b.x1))
        pieces.append((ka, kb, True))
        pieces += [(xa, ka, False), (kb, xb, False)]
    else:
        pieces.append((xa, xb, True))
    for a, z, solid in pieces:
        if w + 2 * _PAD <= z - a:
            return (a + z) / 2, solid
    return None


def _assign_lanes(boxes: list[_Box]) -> int:
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


def _partner_track(
    cv: _Canvas, g: _Geometry, role: str, y: float, show_exons: bool
) -> tuple[TrackSpec, float]:
    st = cv.style
    f = g.fusion
    p = f.five_prime if role == "5'" else f.three_prime
    off = g.off5 if role == "5'" else g.off3
    length = g.len5 if role == "5'" else g.len3
    # The 3' partner contributes nothing to the protein when the frame is lost.
    contributes = p.kept_aa is not None and (role == "5'" or g.in_frame_3p)
    kept = p.kept_aa if contributes else None
    boxes_v, marks_v = select_domains(p, st)
    boxes: list[_Box] = []
    for v in boxes_v:
        in_f = contributes and v.status != "lost"
        gl = _glyph(v, st, in_f, p.gene, "domain")
        cv.sources.add(v.domain.source)
        k0 = v.kept_start + off - 1 if in_f and v.kept_start is not None else None
        k1 = v.kept_end + off if in_f and v.kept_end is not None else None
        boxes.append(_Box(gl, v.domain.start - 1 + off, v.domain.end + off, k0, k1, not in_f))
    marks = []
    for v in marks_v:
        kind = feature_class(v.domain, st) or "transmembrane"
        in_f = contributes and v.status != "lost"
        marks.append(
            _Box(
                _glyph(v, st, in_f, p.gene, kind),
                v.domain.start - 1 + off,
                v.domain.end + off,
                None,
                None,
                not in_f,
            )
        )
    bp_aa = None
    bp_x = None
    bp_aa = boundary_residue(p)
    if bp_aa is not None:
        bp_x = g.junction_x
    spec, y = _draw_track(
        cv,
        y=y,
        role=role,
        gene=p.gene,
        sub=_track_sub(f, "5" if role == "5'" else "3"),
        length=length,
        pieces=[("5'" if role == "5'" else "3'", off, off + (length or 0), False)]
        if length
        else [],
        kept=((kept[0] - 1 + off, kept[1] + off) if kept else None),
        boxes=boxes,
        marks=marks,
        exon_ticks=_exon_ticks(p, off) if show_exons else [],
        end_numbers=[(off, "1"), (off + length, str(length))] if length else [],
        breakpoint=(bp_x, _bp_text(p, role, bp_aa)) if bp_x is not None else None,
        faded_note=_partner_note(p, role, contributes, f.frame),
    )
    spec = TrackSpec(
        role=role,
        gene=p.gene,
        length=length,
        y=spec.y,
        x0=spec.x0,
        x1=spec.x1,
        kept=p.kept_aa,
        breakpoint_aa=bp_aa,
        breakpoint_x=cv.x(bp_x) if bp_x is not None else None,
        domains=tuple(b.glyph for b in boxes),
        marks=tuple(b.glyph for b in marks),
    )
    return spec, y


def _partner_note(p: PartnerResult, role: str, contributes: bool, frame: str) -> str | None:
    """Why a partner's track is all faded, when it is."""
    if contributes:
        return None
    if role == "3'" and frame == "out-of-frame":
        return f"{p.gene} not translated (out of frame)"
    if p.kept_aa is None and p.region != "CDS":
        return f"breakpoint in the {p.gene} {p.region}: no {p.gene} residues in the fusion"
    return f"no {p.gene} residues in the fusion"


def _bp_text(p: PartnerResult, role: str, aa: int | None) -> str:
    if role == "5'":
        return f"exon {p.exon} | aa {aa}"
    return f"aa {aa} | exon {p.exon}"


def _exon_ticks(p: PartnerResult, off: float) -> list[float]:
    ticks = []
    ranges = sorted(p.exon_aa_ranges)
    for (_, _, last), (_, nxt_first, _) in zip(ranges, ranges[1:], strict=False):
        # A boundary inside a codon (the next exon starts on the same residue) is drawn
        # in the middle of that residue.
        ticks.append(last - 0.5 + off if nxt_first == last else last + off)
    return ticks


def _fusion_track(cv: _Canvas, g: _Geometry, y: float, show_exons: bool) -> tuple[TrackSpec, float]:
    st = cv.style
    f = g.fusion
    boxes: list[_Box] = []
    marks: list[_Box] = []
    for role, p, off in (("5'", f.five_prime, g.off5), ("3'", f.three_prime, g.off3)):
        seg_present = any(s.kind == role for s in f.protein.segments)
        if not seg_present or p.kept_aa is None:
            continue
        seg = next(s for s in f.protein.segments if s.kind == role)
        k0 = seg.partner_start or p.kept_aa[0]
        k1 = seg.partner_end or p.kept_aa[1]
        if any(s.kind == "junction" for s in f.protein.segments):
            # The shared split codon is drawn on both sides (models: kept residues).
            k0, k1 = (k0, k1 + 1) if role == "5'" else (k0 - 1, k1)
        k0, k1 = max(k0, p.kept_aa[0]), min(k1, p.kept_aa[1])
        bv, mv = select_domains(p, st)
        for v, kind in [(v, "domain") for v in bv] + [
            (v, feature_class(v.domain, st) or "transmembrane") for v in mv
        ]:
            lo, hi = max(v.domain.start, k0), min(v.domain.end, k1)
            if lo > hi:
                continue
            gl = _glyph(v, st, True, p.gene, kind)
            # Fusion-track glyphs carry fusion coordinates.
            gl = DomainGlyph(
                **{**gl.__dict__, "start": int(round(lo + off)), "end": int(round(hi + off))}
            )
            box = _Box(gl, lo - 1 + off, hi + off, None, None, False)
            (boxes if kind == "domain" else marks).append(box)
    exon_ticks: list[float] = []
    if show_exons:
        for role, p, off in (("5'", f.five_prime, g.off5), ("3'", f.three_prime, g.off3)):
            if p.kept_aa is None or not any(s.kind == role for s in f.protein.segments):
                continue
            lo, hi = p.kept_aa[0] - 1 + off, p.kept_aa[1] + off
            exon_ticks += [t for t in _exon_ticks(p, off) if lo < t < hi]
    end_numbers: list[tuple[float, str]] = []
    if g.fusion_pieces:
        end_numbers.append((g.fusion_pieces[0][1], "1"))
        last = g.fusion_pieces[-1]
        if not last[3] and f.protein.length:
            end_numbers.append((last[2], str(f.protein.length)))
    segj = next((s for s in f.protein.segments if s.kind == "junction"), None)
    seg5 = next((s for s in f.protein.segments if s.kind == "5'"), None)
    segf = next((s for s in f.protein.segments if s.kind == "frameshift"), None)
    bp_aa = None
    bp_text = None
    if segj is not None:
        bp_aa = segj.fusion_start
        bp_text = f"aa {bp_aa} (split codon)"
    elif segf is not None:
        bp_aa = segf.fusion_start
        bp_text = f"frameshift from aa {bp_aa}"
    elif seg5 is not None and seg5.fusion_end is not None:
        bp_aa = seg5.fusion_end
        bp_text = f"junction after aa {bp_aa}"
    fs = next((s for s in f.protein.segments if s.kind == "frameshift"), None)
    note = None
    if fs is not None:
        note = (
            f"frameshift, stop after {fs.fusion_end - fs.fusion_start + 1} aa"
            if fs.fusion_end is not None
            else "frameshift, stop not known"
        )
    elif not g.fusion_pieces:
        note = f.protein.notes[0] if f.protein.notes else "no fusion protein predicted"
    spec, y = _draw_track(
        cv,
        y=y,
        role="fusion",
        gene=f.names.hgnc,
        sub=_track_sub(f, "f"),
        length=f.protein.length,
        pieces=g.fusion_pieces,
        kept=None,
        boxes=boxes,
        marks=marks,
        exon_ticks=exon_ticks,
        end_numbers=end_numbers,
        breakpoint=(g.junction_x, bp_text) if bp_text else None,
        faded_note=note,
        note_x=g.fusion_pieces[-1][2] if g.fusion_pieces else g.junction_x,
    )
    spec = TrackSpec(
        role="fusion",
        gene=f.names.hgnc,
        length=f.protein.length,
        y=spec.y,
        x0=spec.x0,
        x1=spec.x1,
        kept=None,
        breakpoint_aa=bp_aa,
        breakpoint_x=cv.x(g.junction_x) if bp_text else None,
        domains=tuple(b.glyph for b in boxes),
        marks=tuple(b.glyph for b in marks),
    )
    return spec, y


def _draw_track(
    cv: _Canvas,
    *,
    y: float,
    role: str,
    gene: str,
    sub: str,
    length: int | None,
    pieces: list[tuple[str, float, float, bool]],
    kept: tuple[float, float] | None,
    boxes: list[_Box],
    marks: list[_Box],
    exon_ticks: list[float],
    end_numbers: list[tuple[float, str]],
    breakpoint: tuple[float, str] | None,
    faded_note: str | None,
    note_x: float | None = None,
) -> tuple[TrackSpec, float]:
    """Draw one track starting at ``y`` (top of its label rows); return spec and new y."""
    st = cv.style
    fs = st.font_size
    th = st.track_height
    bh = th * _BACKBONE
    lh = fs / 72 * 1.25  # label row height

    # ---- domain labels: inside when they fit, else above on rows with leader lines
    n_lanes = _assign_lanes(boxes) if boxes else 1
    lane_h = th / n_lanes
    inside: list[tuple[_Box, tuple[float, bool]]] = []
    outside: list[list[_Box]] = []
    max_w = 0.4 * (cv.width - cv.x_plot)
    for b in boxes:
        # Very long database names ("Serine-threonine/tyrosine-protein kinase, catalytic
        # domain") are shortened with an ellipsis; a style can rename them instead.
        short = _fit_text(cv, b.glyph.label, fs, max_w)
        if short != b.glyph.label:
            b.glyph = DomainGlyph(**{**b.glyph.__dict__, "label": short})
    for b in sorted(boxes, key=lambda b: b.x0):
        w = cv.text_width(b.glyph.label, fs, False)
        spot = _inside_spot(cv, b, w) if fs / 72 * 1.05 <= lane_h else None
        if spot is not None:
            inside.append((b, spot))
        elif (
            outside
            and outside[-1][-1].glyph.label == b.glyph.label
            and outside[-1][-1].faded == b.faded
        ):
            outside[-1].append(b)  # a run of repeats gets one label
        else:
            outside.append([b])
    guide = cv.x(breakpoint[0]) if breakpoint else None
    rows: list[list[tuple[float, float]]] = []
    placed: list[tuple[list[_Box], str, float, int, float]] = []  # group, text, x, row, width
    for group in outside:
        text = group[0].glyph.label + (f" ×{len(group)}" if len(group) > 1 else "")
        w = cv.text_width(text, fs, False)
        cx = (cv.x(group[0].x0) + cv.x(group[-1].x1)) / 2
        lo, hi = _MARGIN / 2 + w / 2, cv.width - _MARGIN / 2 - w / 2
        centre = min(max(cx, lo), hi)
        # Candidate centres: over the box, else slid just clear of the breakpoint guide
        # (which runs up from the 5' track, so it only crosses the fusion and 3' rows).
        cands = [centre]
        crosses = guide is not None and role != "5'"
        if crosses and centre - w / 2 - _PAD < guide < centre + w / 2 + _PAD:
            # Slide towards the side the box is on, so the leader does not cross the guide.
            side = guide - _PAD - w / 2 if cx < guide else guide + _PAD + w / 2
            cands.append(min(max(side, lo), hi))
        row = 0
        while True:
            if row == len(rows):
                rows.append([])
            obstacles = rows[row] + ([(guide, guide)] if crosses else [])
            free = [c for c in cands if not _overlaps((c - w / 2, c + w / 2), obstacles)]
            if free:
                cx = free[0]
                break
            if not rows[row]:
                # Nothing else in this row: only the guide is in the way and the label
                # cannot clear it (too wide); cross it rather than search forever.
                cx = centre
                break
            row += 1
        rows[row].append((cx - w / 2, cx + w / 2))
        placed.append((group, text, cx, row, w))
    n_rows = len(rows)
    label_block = n_rows * lh + (0.03 if n_rows else 0.0)
    cy = y + label_block + th * _MARK / 2  # track centre line
    top_box = cy - th / 2

    # ---- track name at the left
    cv.label(_MARGIN, cy - fs / 72 * 0.45, gene, fs, ha="left", bold=True, role="track-name")
    cv.label(
        _MARGIN,
        cy + fs / 72 * 0.75,
        sub,
        st.small_size,
        ha="left",
        color=pal.MUTED_TEXT,
        role="track-name",
    )

    # ---- backbone
    x0s, x1s = [], []
    for kind, a, b, open_end in pieces:
        xa, xb = cv.x(a), cv.x(b)
        x0s.append(xa)
        x1s.append(xb)
        if kind == "frameshift":
            cv.shapes.append(
                Rect(
                    xa,
                    cy - bh / 2,
                    xb - xa,
                    bh,
                    "#FFFFFF",
                    pal.FRAMESHIFT_EDGE,
                    0.6,
                    1.0,
                    "////",
                    "frameshift",
                    2,
                )
            )
            if open_end:
                cv.shapes.append(
                    Line(
                        (xb, xb + 0.12),
                        (cy, cy),
                        pal.FRAMESHIFT_EDGE,
                        0.8,
                        True,
                        "frameshift-open",
                        2,
                    )
                )
            continue
        fill = pal.BACKBONE_5P if kind == "5'" else (pal.BACKBONE_3P if kind == "3'" else "#B9B9B9")
        if role == "fusion" or kept is None:
            alpha = 1.0 if role == "fusion" else _FADE
            cv.shapes.append(
                Rect(
                    xa,
                    cy - bh / 2,
                    xb - xa,
                    bh,
                    fill,
                    pal.BACKBONE_EDGE,
                    0.5,
                    alpha,
                    None,
                    "backbone",
                    1,
                )
            )
        else:
            ka, kb = cv.x(kept[0]), cv.x(kept[1])
            # Lost part faded, kept part solid and outlined more strongly.
            cv.shapes.append(
                Rect(
                    xa,
                    cy - bh / 2,
                    xb - xa,
                    bh,
                    fill,
                    pal.BACKBONE_EDGE,
                    0.4,
                    _FADE,
                    None,
                    "backbone-lost",
                    1,
                )
            )
            cv.shapes.append(
                Rect(
                    ka,
                    cy - bh / 2,
                    kb - ka,
                    bh,
                    fill,
                    pal.BACKBONE_EDGE,
                    0.8,
                    1.0,
                    None,
                    "backbone-kept",
                    1,
                )
            )
    x0 = min(x0s) if x0s else cv.x(0)
    x1 = max(x1s) if x1s else cv.x(0)

    # ---- domain boxes (faded where not kept)
    for b in boxes:
        ya = top_box + b.lane * lane_h
        xa, xb = cv.x(b.x0), cv.x(b.x1)
        col = b.glyph.colour
        if b.kept0 is not None and b.kept1 is not None and not b.faded:
            ka, kb = cv.x(max(b.kept0, b.x0)), cv.x(min(b.kept1, b.x1))
            if ka > xa + 1e-9 or kb < xb - 1e-9:
                cv.shapes.append(
                    Rect(xa, ya, xb - xa, lane_h, col, col, 0.5, _FADE, None, "domain-lost", 3)
                )
            cv.shapes.append(
                Rect(ka, ya, kb - ka, lane_h, col, pal.BACKBONE_EDGE, 0.5, 1.0, None, "domain", 3)
            )
        else:
            alpha = _FADE if b.faded else 1.0
            cv.shapes.append(
                Rect(
                    xa,
                    ya,
                    xb - xa,
                    lane_h,
                    col,
                    pal.BACKBONE_EDGE if not b.faded else col,
                    0.5,
                    alpha,
                    None,
                    "domain-lost" if b.faded else "domain",
                    3,
                )
            )
    for m in marks:
        mh = th * _MARK
        xa, xb = cv.x(m.x0), cv.x(m.x1)
        w = max(xb - xa, 0.025)
        cv.shapes.append(
            Rect(
                xa,
                cy - mh / 2,
                w,
                mh,
                m.glyph.colour,
                pal.TRANSMEMBRANE if m.glyph.kind == "signal" else None,
                0.3,
                _FADE if m.faded else 1.0,
                "//////" if m.glyph.kind == "signal" else None,
                f"mark-{m.glyph.kind}",
                4,
            )
        )

    # ---- exon boundaries: light ticks across the backbone
    for t in exon_ticks:
        xt = cv.x(t)
        cv.shapes.append(
            # Under the domain boxes (z 2 < 3): exon ticks never cross a domain label.
            Line((xt, xt), (cy - bh / 2, cy + bh / 2), "#FFFFFF", 0.7, False, "exon", 2)
        )
        cv.shapes.append(
            Line(
                (xt, xt), (cy + bh / 2, cy + bh / 2 + 0.025), pal.MUTED_TEXT, 0.4, False, "exon", 2
            )
        )

    # ---- labels inside boxes
    for b, (cx, solid) in inside:
        ya = top_box + b.lane * lane_h + lane_h / 2
        col = pal.text_colour_on(b.glyph.colour) if solid else pal.MUTED_TEXT
        cv.label(cx, ya, b.glyph.label, fs, color=col, role="domain-label")

    # ---- labels above, with leader lines
    for group, text, cx, row, _w in placed:
        ly = y + (n_rows - row - 0.5) * lh
        faded = group[0].faded
        lab = cv.label(
            cx, ly, text, fs, color=pal.MUTED_TEXT if faded else pal.TEXT, role="domain-label"
        )
        for b in group:
            bx = (cv.x(b.x0) + cv.x(b.x1)) / 2
            bt = top_box + b.lane * lane_h
            cv.shapes.append(
                Line((lab.x, bx), (ly + lab.height / 2, bt), pal.GUIDE, 0.4, False, "leader", 1)
            )

    # ---- below: breakpoint text first, then the end numbers where they fit
    below_y = cy + th * _MARK / 2 + st.small_size / 72 * 0.75
    taken: list[tuple[float, float]] = []
    n_below = 0
    if breakpoint is not None:
        bx = cv.x(breakpoint[0])
        # Beside the guide line, never across it: 5' text to its left, the rest right.
        ha = "right" if role == "5'" else "left"
        lab = cv.label(
            bx + (-0.03 if ha == "right" else 0.03),
            below_y,
            breakpoint[1],
            st.small_size,
            ha=ha,
            color=pal.TEXT,
            role="breakpoint",
        )
        b0, _, b1, _ = lab.bbox
        taken.append((b0, b1))
        n_below = 1
        cv.shapes.append(
            Line(
                (bx, bx),
                (cy - th * _MARK / 2 - 0.02, cy + th * _MARK / 2 + 0.02),
                pal.FRAMESHIFT_EDGE,
                1.1,
                False,
                "breakpoint",
                6,
            )
        )
    for xa, text in end_numbers:
        xx = cv.x(xa)
        w = cv.text_width(text, st.small_size, False)
        iv = (xx - w / 2, xx + w / 2)
        if not _overlaps(iv, taken):
            cv.label(xx, below_y, text, st.small_size, color=pal.MUTED_TEXT, role="tick")
            taken.append(iv)
            n_below = 1
    if faded_note:
        nx = cv.x(note_x if note_x is not None else (pieces[-1][2] if pieces else 0)) + 0.08
        nx += 0.12 if pieces and pieces[-1][3] else 0.0  # after the open-end dashes
        w = cv.text_width(faded_note, st.small_size, False)
        if role == "fusion" and nx + w <= cv.width - _MARGIN / 2:
            # Beside the fusion's end, on the track line.
            cv.label(
                nx,
                cy,
                faded_note,
                st.small_size,
                ha="left",
                color=pal.FRAMESHIFT_EDGE,
                role="note",
            )
        else:
            ny = below_y + (st.small_size / 72 * 1.3 if n_below else 0)
            # Under the track, right-aligned to its end, below the numbers.
            cv.label(
                min(x1, cv.width - _MARGIN),
                ny,
                faded_note,
                st.small_size,
                ha="right",
                color=pal.FRAMESHIFT_EDGE,
                role="note",
            )
            n_below = 2
    bottom = cy + th * _MARK / 2 + n_below * st.small_size / 72 * 1.3
    spec = TrackSpec(role, gene, length, cy, x0, x1, None, None, None, (), ())
    return spec, bottom


def _legend_and_scale(cv: _Canvas, y: float, span: float) -> float:
    """One line: scale bar, then swatches for what the figure uses."""
    st = cv.style
    ss = st.small_size
    h = st.track_height * 0.55
    cy = y + h / 2
    x = _MARGIN
    # Scale bar: a round number of residues about a tenth of the span.
    raw = span / 10
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 5, 10) if m * mag >= raw)
    bar = step * cv.inch_per_aa
    cv.shapes.append(Line((x, x + bar), (cy, cy), pal.TEXT, 1.0, False, "scale", 2))
    for xx in (x, x + bar):
        cv.shapes.append(Line((xx, xx), (cy - 0.03, cy + 0.03), pal.TEXT, 1.0, False, "scale", 2))
    lab = cv.label(x + bar + 0.05, cy, f"{int(step)} aa", ss, ha="left", role="scale")
    x = lab.bbox[2] + 0.2
    roles = {s.role for s in cv.shapes if isinstance(s, Rect)}
    items: list[tuple[str, Rect]] = []
    sw = 0.22
    items.append(
        (
            "kept in fusion",
            Rect(0, 0, sw, h, pal.BACKBONE_5P, pal.BACKBONE_EDGE, 0.8, 1.0, None, "legend", 2),
        )
    )
    items.append(
        (
            "not in fusion",
            Rect(0, 0, sw, h, pal.BACKBONE_5P, pal.BACKBONE_EDGE, 0.4, _FADE, None, "legend", 2),
        )
    )
    if "frameshift" in roles:
        items.append(
            (
                "frameshift",
                Rect(0, 0, sw, h, "#FFFFFF", pal.FRAMESHIFT_EDGE, 0.6, 1.0, "////", "legend", 2),
            )
        )
    if "mark-transmembrane" in roles:
        items.append(
            (
                "transmembrane",
                Rect(0, 0, 0.03, h * 1.6, pal.TRANSMEMBRANE, None, 0.0, 1.0, None, "legend", 2),
            )
        )
    if "mark-signal" in roles:
        items.append(
            (
                "signal peptide",
                Rect(
                    0,
                    0,
                    0.05,
                    h * 1.6,
                    pal.SIGNAL,
                    pal.TRANSMEMBRANE,
                    0.3,
                    1.0,
                    "//////",
                    "legend",
                    2,
                ),
            )
        )
    rows_y = cy
    for text, r in items:
        w = cv.text_width(text, ss, False)
        if x + r.w + 0.05 + w > cv.width - _MARGIN:
            x = _MARGIN
            rows_y += ss / 72 * 1.8
        cv.shapes.append(
            Rect(
                x,
                rows_y - r.h / 2,
                r.w,
                r.h,
                r.fill,
                r.edge,
                r.linewidth,
                r.alpha,
                r.hatch,
                "legend",
                2,
            )
        )
        cv.label(x + r.w + 0.05, rows_y, text, ss, ha="left", color=pal.MUTED_TEXT, role="legend")
        x += r.w + 0.05 + w + 0.13
    # Breakpoint legend.
    text = "breakpoint"
    w = cv.text_width(text, ss, False)
    if x + 0.05 + w > cv.width - _MARGIN:
        x = _MARGIN
        rows_y += ss / 72 * 1.8
    cv.shapes.append(
        Line((x, x), (rows_y - h, rows_y + h), pal.FRAMESHIFT_EDGE, 1.1, False, "legend", 2)
    )
    cv.label(x + 0.06, rows_y, text, ss, ha="left", color=pal.MUTED_TEXT, role="legend")
    return rows_y + h


def _release(info) -> str:
    d = dict(info.details)
    extra = [
        v
        for k, v in (
            ("genome_build", d.get("genome_build")),
            ("ensembl_release", d.get("ensembl_release")),
        )
        if v
    ]
    if d.get("ensembl_release"):
        extra[-1] = f"Ensembl {d['ensembl_release']}"
    text = f"{info.name} {info.version}".strip()
    return f"{text} ({', '.join(extra)})" if extra else text


def _footer(cv: _Canvas, fusions: Sequence[AnnotatedFusion], y: float) -> float:
    """Provenance: transcripts with versions, annotation releases, domain sources drawn."""
    st = cv.style
    ss = st.small_size
    tx: list[str] = []
    rel: list[str] = []
    for f in fusions:
        for p in (f.five_prime, f.three_prime):
            t = f"{p.gene} {p.transcript.display if p.transcript else p.transcript_label}"
            if t not in tx:
                tx.append(t)
        if f.provenance:
            # The first record is the annotation bundle/release; the domain databases
            # are named below from what was actually drawn.
            r = _release(f.provenance[0])
            if r not in rel:
                rel.append(r)
    pieces = ["Transcripts: " + "; ".join(tx)]
    if rel:
        pieces.append("Annotation: " + "; ".join(rel))
    srcs = sorted(cv.sources)
    if srcs:
        pieces.append(
            "Domains: "
            + ", ".join(srcs)
            + " (overlaps drawn once, "
            + " > ".join(st.source_priority)
            + ")"
        )
    text = " · ".join(pieces)
    lines = _wrap(cv, text, ss, cv.width - 2 * _MARGIN)
    for line in lines:
        y += ss / 72 * 1.35
        cv.label(_MARGIN, y, line, ss, ha="left", color=pal.MUTED_TEXT, role="footer")
    return y + ss / 72 * 0.6
