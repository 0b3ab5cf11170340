"""Render a :class:`FigureSpec` with matplotlib.

The figure is drawn on an Agg canvas directly (no pyplot, no backend switch, no global
state), so embedding applications keep their own backend.

The only module of fusionviz that imports matplotlib, and only when a figure is drawn.
Vector output keeps text as text (``svg.fonttype = none``, ``pdf.fonttype = 42``) and is
deterministic: fixed SVG hash salt and no creation dates, so the same input gives
byte-identical SVG and PDF.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from matplotlib.transforms import Affine2D

from fusionviz.errors import OutputError
from fusionviz.figures import palette as pal
from fusionviz.figures.layout import layout
from fusionviz.figures.notes import FigureNotes
from fusionviz.figures.output import check_output_path, figure_format
from fusionviz.figures.spec import MONO_FONT, FigureSpec, Label, Line, Rect
from fusionviz.figures.style import Style
from fusionviz.models import AnnotatedFusion

_RC = {
    "svg.fonttype": "none",
    "svg.hashsalt": "fusionviz",
    "pdf.fonttype": 42,
    "ps.fonttype": 42,
    "hatch.linewidth": 0.5,
    "path.simplify": False,
}

_METADATA: dict[str, dict[str, Any]] = {
    "svg": {"Date": None, "Creator": "fusionviz"},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": "fusionviz", "Producer": None},
    "png": {"Software": None},
    "eps": {"CreationDate": None},
    "ps": {"CreationDate": None},
}


_MEASURE_DPI = 720.0


@functools.lru_cache(maxsize=8)
def _renderer() -> RendererAgg:
    # Measured at a high resolution: at 72 dpi the glyph hinting of 7-pt text rounds
    # every advance up and overestimates widths by ~15 %.
    return RendererAgg(10, 10, _MEASURE_DPI)


@functools.lru_cache(maxsize=4096)
def _measure(family: str, text: str, size: float, bold: bool) -> float:
    prop = FontProperties(family=family, size=size, weight="bold" if bold else "normal")
    w, _h, _d = _renderer().get_text_width_height_descent(text, prop, ismath=False)
    return w / _MEASURE_DPI


def measurer(style: Style):
    """A text-width function (inches) for :func:`layout`, exact for the style's font."""
    family = style.font_family
    return lambda text, size, bold=False: _measure(family, text, float(size), bool(bold))


def build_spec(
    fusions: Sequence[AnnotatedFusion],
    *,
    style: Style | None = None,
    scale_aa: int | None = None,
    show_exons: bool | None = None,
    captions: Sequence[str | None] | None = None,
    notes: Sequence[FigureNotes | None] | None = None,
    colours: pal.ColourBook | None = None,
    date: str | None = None,
) -> FigureSpec:
    """Lay out with exact text extents from matplotlib's Agg renderer."""
    st = style or Style()
    return layout(
        fusions,
        style=st,
        measure=measurer(st),
        scale_aa=scale_aa,
        show_exons=show_exons,
        captions=captions,
        notes=notes,
        colours=colours,
        date=date,
    )


def render(spec: FigureSpec) -> Figure:
    """A matplotlib Figure (not registered with pyplot) that draws ``spec``.

    Artists go straight onto the figure with one shared inches-from-top-left transform:
    no axes, so no data-limit updates, clip paths or per-artist transform chains, which
    took most of the drawing time of a figure with a few hundred shapes.
    """
    fig = Figure(figsize=(spec.width, spec.height))
    FigureCanvasAgg(fig)
    # layout's y grows downwards from the top edge, in inches
    flip = Affine2D.from_values(1.0, 0.0, 0.0, -1.0, 0.0, spec.height)
    to_page = flip + fig.dpi_scale_trans
    for i, s in enumerate(spec.shapes):
        if isinstance(s, Rect):
            artist: Any = Rectangle(
                (s.x, s.y),
                s.w,
                s.h,
                facecolor=_on_white(s.fill, s.alpha) if s.fill else "none",
                edgecolor=_on_white(s.edge, s.alpha) if s.edge else "none",
                linewidth=s.linewidth if s.edge else 0.0,
                hatch=s.hatch,
                zorder=s.z,
                gid=f"{s.role}-{i}" if s.role else None,  # ids are unique in a page
                transform=to_page,
            )
        elif isinstance(s, Line):
            artist = Line2D(
                s.xs,
                s.ys,
                color=s.color,
                linewidth=s.width,
                linestyle=(0, (3, 2)) if s.dashed else "-",
                zorder=s.z,
                solid_capstyle="butt",
                transform=to_page,
            )
        else:
            continue
        fig.add_artist(artist)
    for i, lab in enumerate(spec.labels):
        fig.add_artist(
            _text(lab, spec.font_family, f"{lab.role}-t{i}" if lab.role else None, to_page)
        )
    return fig


def _on_white(colour: str, alpha: float) -> str | tuple[float, float, float]:
    """``colour`` at opacity ``alpha`` over white, as an opaque colour.

    Faded parts are drawn opaque: EPS has no transparency, and nothing drawn beneath
    (exon ticks, the backbone) shows through a faded domain and its label.
    """
    if alpha >= 1.0:
        return colour
    from matplotlib.colors import to_rgb

    r, g, b = to_rgb(colour)
    return (1 - alpha + alpha * r, 1 - alpha + alpha * g, 1 - alpha + alpha * b)


def _text(lab: Label, family: str, gid: str | None, transform: Any) -> Text:
    return Text(
        lab.x,
        lab.y,
        lab.text,
        fontsize=lab.size,
        family=MONO_FONT if lab.mono else family,
        fontweight="bold" if lab.bold else "normal",
        color=lab.color,
        ha=lab.ha,
        va="center_baseline",
        zorder=lab.z,
        gid=gid,
        transform=transform,
    )


def _save(fig: Figure, target: Any, fmt: str, dpi: int) -> None:
    with matplotlib.rc_context(_RC):
        fig.savefig(target, format=fmt, dpi=dpi, metadata=_METADATA.get(fmt), facecolor="white")


def write_figure(
    fusions: Sequence[AnnotatedFusion],
    path: str | Path,
    *,
    style: Style | None = None,
    dpi: int | None = None,
    scale_aa: int | None = None,
    show_exons: bool | None = None,
    captions: Sequence[str | None] | None = None,
    notes: Sequence[FigureNotes | None] | None = None,
    colours: pal.ColourBook | None = None,
    date: str | None = None,
) -> Path:
    """Draw ``fusions`` (one panel each, shared scale) to ``path``; format from the extension.

    Raises OutputError when the path cannot be written, StyleError for an unusable style
    or scale. Returns the path written.
    """
    p = check_output_path(path)
    fmt = figure_format(p)
    st = style or Style()
    data = figure_bytes(
        fusions,
        fmt,
        style=st,
        dpi=dpi if dpi is not None else st.dpi,
        scale_aa=scale_aa,
        show_exons=show_exons,
        captions=captions,
        notes=notes,
        colours=colours,
        date=date,
    )
    # Rendered to memory first so that a failure leaves no half-written file behind.
    try:
        p.write_bytes(data)
    except OSError as exc:
        raise OutputError(f"cannot write '{p}': {exc.strerror or exc}") from None
    return p


def figure_bytes(
    fusions: Sequence[AnnotatedFusion],
    fmt: str,
    *,
    style: Style | None = None,
    dpi: int | None = None,
    **options: Any,
) -> bytes:
    """The figure in format ``fmt`` (svg, pdf, png, ...) as bytes; ``options`` as for
    :func:`build_spec`."""
    st = style or Style()
    dpi = dpi if dpi is not None else st.dpi
    if dpi < 10 or dpi > 2400:
        raise OutputError(f"--dpi {dpi} is out of range; use 72..1200 (300 for print)")
    fig = render(build_spec(fusions, style=st, **options))
    buf = io.BytesIO()
    _save(fig, buf, fmt, dpi)
    return buf.getvalue()


def svg_string(
    fusions: Sequence[AnnotatedFusion],
    *,
    style: Style | None = None,
    inline: bool = False,
    **options: Any,
) -> str:
    """The figure as an SVG document (text kept as text); ``inline=True`` drops the XML
    declaration and DOCTYPE so that it can be pasted into an HTML page. ``options`` as
    for :func:`build_spec`."""
    text = figure_bytes(fusions, "svg", style=style, dpi=72, **options).decode("utf-8")
    if inline:
        # Inline <svg> for an HTML page: no XML declaration or DOCTYPE.
        text = text[text.index("<svg") :]
    return text
