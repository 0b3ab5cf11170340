"""Readers for fusion-caller output files.

``open_calls(path)`` reads the head of the file, detects its format (a header any
table reader recognises, after any comment block or pipeline preamble; else a
header-less layout: VCF, MapSplice 2, TopHat-Fusion, a LongGF log; ``format=``
overrides) and what the file says about its genome build. ``CallerTable.rows()``
then yields, for every data row, a :class:`~fusionviz.models.FusionRequest`
(``line`` = the physical line number in the file, ``extra`` = the caller's own
fields) or a :class:`RowError` value for a row that cannot be read, so one bad
row never stops the others. A file that cannot be read at all raises
:class:`~fusionviz.errors.CallerFormatError`. Input files are only ever opened
for reading; gzip is detected from the content. Each format's conventions (which
base is named, 0/1-based, RNA junction or DNA breakpoint, gene order) are in its
module and in docs/batch.md.
"""

from __future__ import annotations

from fusionviz.callers.base import Row, RowError, Unresolved
from fusionviz.callers.registry import FORMATS, canonical_format, detect_format
from fusionviz.callers.table import CallerTable, normalise_build, open_calls

__all__ = [
    "FORMATS",
    "CallerTable",
    "Row",
    "RowError",
    "Unresolved",
    "canonical_format",
    "detect_format",
    "normalise_build",
    "open_calls",
]
