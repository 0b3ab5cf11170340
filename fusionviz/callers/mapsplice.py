"""MapSplice 2 ``fusions_well_annotated.txt`` / ``fusions_candidates.txt`` (no header).

Column 1 is ``chrA~chrB``, column 2 the donor's last base and column 3 the
acceptor's first base (1-based; EML4 2:42295516 / ALK 2:29223528 are MANE exon
boundaries), column 6 the two-character strand (transcribed strand of donor and
acceptor, e.g. ``-+`` for TPM3--NTRK1). The donor is the 5' partner. The gene
names are the last two non-empty columns, each with a trailing comma (``EML4,``);
the line ends with an empty field. MapSplice makes no frame call.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from fusionviz.callers.base import (
    Row,
    RowProblem,
    build_request,
    position,
    sniff_layout,
    tab_records,
)
from fusionviz.models import GenomicPosition, normalise_contig

NAME = "mapsplice"
KIND = "stream"
_LINE = re.compile(r"^[^\t~]+~[^\t~]+\t\d+\t\d+\t[^\t]*\t\d+\t[+-]{2}\t")


def sniff(lines: Sequence[str]) -> str | None:
    """'MapSplice 2' when the first non-empty lines have its layout."""
    return sniff_layout(lines, _LINE, "MapSplice 2")


def caller_name(columns: Sequence[str]) -> str:
    return "MapSplice 2"


def _row(fields: list[str], line: int, caller: str) -> Row:
    if len(fields) < 8:
        raise RowProblem(f"row has {len(fields)} tab-separated fields; MapSplice writes 60 or more")
    chroms = fields[0].split("~")
    if len(chroms) != 2:
        raise RowProblem(f"column 1 {fields[0]!r} is not chrA~chrB")
    strands = fields[5]
    if len(strands) != 2 or any(s not in "+-" for s in strands):
        raise RowProblem(f"column 6 {strands!r} is not two characters of + and -")
    names = [f.strip().rstrip(",") for f in fields if f.strip()][-2:]
    if len(names) != 2 or not all(re.fullmatch(r"[A-Za-z0-9._-]+", n) for n in names):
        raise RowProblem("the last two columns are not the two gene names")
    g5, g3 = names
    bp5 = GenomicPosition(normalise_contig(chroms[0]), position(fields[1]), strands[0])  # type: ignore[arg-type]
    bp3 = GenomicPosition(normalise_contig(chroms[1]), position(fields[2]), strands[1])  # type: ignore[arg-type]
    extra = [
        ("caller", caller),
        ("caller_fusion", f"{g5}--{g3}"),
        ("caller_breakpoint5", f"{chroms[0]}:{fields[1]}"),
        ("caller_breakpoint3", f"{chroms[1]}:{fields[2]}"),
        ("junction_reads", fields[4]),
        ("mapsplice_id", fields[3]),
    ]
    return build_request(g5, bp5, g3, bp3, line, extra, meaning="rna")


def records(lines: Iterable[tuple[int, str]], caller: str) -> Iterator[Row]:
    """Every line -> FusionRequest or RowError."""
    return tab_records(lines, caller, _row)
