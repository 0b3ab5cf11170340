"""Publication-quality fusion protein diagrams.

Public API::

    write_figure(fusions, path, *, style=None, dpi=300, scale_aa=None, show_exons=False) -> Path
    svg_string(fusions, *, style=None, scale_aa=None, show_exons=False, inline=False) -> str
    load_style(path) -> Style
    layout(fusions, ...) -> FigureSpec       # pure, no matplotlib

matplotlib is imported only when a figure is actually drawn (``write_figure`` /
``svg_string``), so importing this package is cheap.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from fusionviz.figures.layout import FigureSpec, layout
from fusionviz.figures.style import Style, load_style

if TYPE_CHECKING:
    from fusionviz.models import AnnotatedFusion

__all__ = ["FigureSpec", "Style", "layout", "load_style", "svg_string", "write_figure"]


def write_figure(
    fusions: Sequence[AnnotatedFusion],
    path: str | Path,
    *,
    style: Style | None = None,
    dpi: int = 300,
    scale_aa: int | None = None,
    show_exons: bool = False,
    captions: Sequence[str | None] | None = None,
) -> Path:
    """Draw one panel per fusion (shared amino-acid scale, aligned on the 3' partner) to
    ``path``; the format comes from the extension (.svg, .pdf, .png, ...).

    Raises :class:`~fusionviz.errors.OutputError` (path not writable, unknown extension)
    or :class:`~fusionviz.errors.StyleError` (unusable style or ``scale_aa``).
    """
    from fusionviz.figures import render

    return render.write_figure(
        fusions,
        path,
        style=style,
        dpi=dpi,
        scale_aa=scale_aa,
        show_exons=show_exons,
        captions=captions,
    )


def svg_string(
    fusions: Sequence[AnnotatedFusion],
    *,
    style: Style | None = None,
    scale_aa: int | None = None,
    show_exons: bool = False,
    inline: bool = False,
    captions: Sequence[str | None] | None = None,
) -> str:
    """The same figure as an SVG document string (text kept as text); ``inline=True``
    gives a bare ``<svg>`` element for an HTML page."""
    from fusionviz.figures import render

    return render.svg_string(
        fusions,
        style=style,
        scale_aa=scale_aa,
        show_exons=show_exons,
        inline=inline,
        captions=captions,
    )
