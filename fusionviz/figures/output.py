"""Output paths and formats for figures (no matplotlib: the CLI checks paths up front)."""

from __future__ import annotations

import os
from pathlib import Path

from fusionviz.errors import OutputError

# matplotlib's own list (savefig supports these without extra packages).
_FORMATS = {
    "svg": "svg",
    "pdf": "pdf",
    "png": "png",
    "eps": "eps",
    "ps": "ps",
    "jpg": "jpg",
    "jpeg": "jpg",
    "tif": "tif",
    "tiff": "tif",
    "webp": "webp",
}


def figure_format(path: str | Path) -> str:
    """The output format from the file extension; OutputError for an unknown one."""
    ext = Path(path).suffix.lower().lstrip(".")
    if ext not in _FORMATS:
        raise OutputError(
            f"cannot tell the figure format of '{path}': use a file ending in "
            ".svg, .pdf or .png (also .eps, .ps, .jpg, .tif, .webp)"
        )
    return _FORMATS[ext]


def check_output_path(path: str | Path) -> Path:
    """Fail early, with one line, when a figure cannot be written to ``path``."""
    p = Path(path)
    figure_format(p)
    parent = p.parent if str(p.parent) else Path(".")
    if p.is_dir():
        raise OutputError(f"output path '{p}' is a folder; give a file name such as {p}/fig.svg")
    if not parent.is_dir():
        raise OutputError(f"cannot write '{p}': folder '{parent}' does not exist")
    if not os.access(parent, os.W_OK) or (p.exists() and not os.access(p, os.W_OK)):
        raise OutputError(f"cannot write '{p}': permission denied")
    return p
