"""TopHat-Fusion ``result.txt`` of tophat-fusion-post (Kim & Salzberg, Genome Biol 2011); no header.

Columns: sample, gene 1, chromosome 1, position 1, gene 2, chromosome 2, position
2, then read counts and a score. The file states neither strands nor which side
of each position is kept; gene 1 is listed first but is not guaranteed to be 5'.
Positions are 0-based (TopHat counts from 0): read as 1-based by adding 1, and said
so in each row's ``position_convention``. The file does not state it; the evidence
is the data (on the real result.txt in ../shared/callers every position that
resolves to a gene, 16 of 16 after lifting, lies exactly 1 bp before an exon
boundary, and on one after adding 1) and pipelines that read these files (e.g. the
NCI Khan lab's fusion merge script adds 1 to both positions). The 5' partner is derived only from
exon boundaries (an exon's last base can only be the 5' partner's, an exon's first
base only the 3' partner's); otherwise the row is reported, not guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from fusionviz.callers.base import (
    End,
    RowError,
    RowProblem,
    Unresolved,
    position,
    sniff_layout,
    tab_records,
)
from fusionviz.models import GenomicPosition, normalise_contig

NAME = "tophat-fusion"
KIND = "stream"
_LINE = re.compile(
    r"^[^\t]+\t[^\t]+\t(chr)?[0-9XYMT]+\t\d+\t[^\t]+\t(chr)?[0-9XYMT]+\t\d+(\t-?[\d.]+){3,4}$"
)


def sniff(lines: Sequence[str]) -> str | None:
    """'TopHat-Fusion' when the first non-empty lines have its result.txt layout."""
    return sniff_layout(lines, _LINE, "TopHat-Fusion")


def caller_name(columns: Sequence[str]) -> str:
    return "TopHat-Fusion"


def _row(f: list[str], line: int, caller: str) -> Unresolved:
    if len(f) < 7:
        raise RowProblem(f"row has {len(f)} tab-separated fields; result.txt has 10 or 11")
    e1 = End(
        GenomicPosition(normalise_contig(f[2]), position(f[3]) + 1), None, f[1].strip() or None
    )
    e2 = End(
        GenomicPosition(normalise_contig(f[5]), position(f[6]) + 1), None, f[4].strip() or None
    )
    extra = [
        ("caller", caller),
        ("caller_fusion", f"{f[1]}--{f[4]}"),
        ("caller_breakpoint5", f"{f[2]}:{f[3]}"),
        ("caller_breakpoint3", f"{f[5]}:{f[6]}"),
        ("junction_reads", f[7] if len(f) > 7 else ""),
        ("spanning_reads", f[8] if len(f) > 8 else ""),
        ("sample", f[0]),
        ("position_convention", "result.txt positions are 0-based: read as position + 1"),
    ]
    return Unresolved(
        line,
        (e1, e2),
        tuple(extra),
        "TopHat-Fusion's result.txt states no strand or orientation",
        text=f"{f[1]}--{f[4]} {e1.position} / {e2.position}",
    )


def records(lines: Iterable[tuple[int, str]], caller: str) -> Iterator[Unresolved | RowError]:
    """Every line -> Unresolved or RowError."""
    return tab_records(lines, caller, _row)
