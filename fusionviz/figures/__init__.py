"""Publication-quality fusion figures: numbered exons over the proteins they encode.

Public API::

    write_figure(fusions, path, *, style=None, dpi=None, scale_aa=None, notes=None, ...) -> Path
    figure_bytes(fusions, fmt, *, style=None, dpi=None, ...) -> bytes
    svg_string(fusions, *, style=None, inline=False, ...) -> str
    notes_for(fusions, source, *, known=None, captions=False) -> list[FigureNotes]
    load_style(path) -> Style
    layout(fusions, ...) -> FigureSpec       # pure, no matplotlib

matplotlib is imported only when a figure is actually drawn (``write_figure`` /
``figure_bytes`` / ``svg_string``), so importing this package is cheap.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fusionviz.figures.layout import layout
from fusionviz.figures.notes import FigureNotes, notes_for
from fusionviz.figures.palette import ColourBook
from fusionviz.figures.spec import FigureSpec
from fusionviz.figures.style import Style, load_style

if TYPE_CHECKING:
    from fusionviz.models import AnnotatedFusion

__all__ = [
    "ColourBook",
    "FigureNotes",
    "FigureSpec",
    "Style",
    "figure_bytes",
    "layout",
    "load_style",
    "notes_for",
    "svg_string",
    "write_figure",
]


def write_figure(fusions: Sequence[AnnotatedFusion], path: str | Path, **options: Any) -> Path:
    """Draw one panel per fusion (shared amino-acid scale, aligned on a shared partner) to
    ``path``; the format comes from the extension (.svg, .pdf, .png, ...).

    Options: ``style``, ``dpi`` (default ``style.dpi``), ``scale_aa``, ``show_exons``,
    ``captions``, ``notes``, ``colours``, ``date``. Raises
    :class:`~fusionviz.errors.OutputError` (path not writable, unknown extension) or
    :class:`~fusionviz.errors.StyleError` (unusable style or ``scale_aa``).
    """
    from fusionviz.figures import render

    return render.write_figure(fusions, path, **options)


def figure_bytes(fusions: Sequence[AnnotatedFusion], fmt: str, **options: Any) -> bytes:
    """The figure in format ``fmt`` (``svg``, ``pdf``, ``png`` ...) as bytes."""
    from fusionviz.figures import render

    return render.figure_bytes(fusions, fmt, **options)


def svg_string(fusions: Sequence[AnnotatedFusion], **options: Any) -> str:
    """The same figure as an SVG document string (text kept as text); ``inline=True``
    gives a bare ``<svg>`` element for an HTML page."""
    from fusionviz.figures import render

    return render.svg_string(fusions, **options)
