"""LongGF (Liu et al., BMC Genomics 2020) standard output: a log, not a table.

Per candidate LongGF prints a ``GF`` line, one line per supporting read and a
``SumGF`` line. ``GF\\tA:B n n supporting reads=n/n <histogram A> <histogram B>
chrA:posA xA/yA:.. chrB:posB xB/yB:..``: the ``A:B`` order is NOT 5' -> 3'
(``ALK:NPM1`` is NPM1--ALK) and no strand is written. ``x/y`` counts the reads
whose aligned segment lies above / below the position (checked against the
per-read alignments of all 1104 candidates of a real log: always one of the two
is 0), which gives the side each partner keeps; the 5' partner follows from those
sides and the genes' strands. Positions can be 1-3 bp off the exon boundary
(long-read alignment): a position within 5 bp of exactly one splice site of its
role (donor for the 5' partner, acceptor for the 3') is read as that site and the
row says so. Only ``GF`` lines are read (a file of ``SumGF`` lines
alone is read without kept sides); progress and per-read lines are not rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from fusionviz.callers.base import End, RowError, RowProblem, Unresolved, excerpt, position
from fusionviz.models import GenomicPosition, normalise_contig

NAME = "longgf"
KIND = "stream"
#: LongGF positions are long-read alignment ends, not exact junction bases: in the
#: KIJK log, of 436 5' positions within 5 bp of a donor only 60 are on it (110 one
#: base before, 139 one after, 13 four away, 1 five away). A position within this
#: many bases of exactly one splice site of its role is read as that site (stated).
WINDOW = 5
_POS = re.compile(r"^([^:\s]+):(\d+)$")
_COUNTS = re.compile(r"^(\d+)/(\d+)(?::|$)")


def sniff(lines: Sequence[str]) -> str | None:
    """'LongGF' when the head has GF or SumGF lines."""
    return "LongGF" if any(t.startswith(("GF\t", "SumGF\t")) for t in lines) else None


def caller_name(columns: Sequence[str]) -> str:
    return "LongGF"


def _pos(text: str) -> GenomicPosition:
    m = _POS.match(text)
    if not m:
        raise RowProblem(f"{text!r} is not chr:position")
    return GenomicPosition(normalise_contig(m.group(1)), position(m.group(2)))


def _kept(text: str) -> str | None:
    m = _COUNTS.match(text)
    if not m:
        raise RowProblem(f"read counts {text!r} are not above/below:...")
    above, below = int(m.group(1)), int(m.group(2))
    if above and not below:
        return "above"
    if below and not above:
        return "below"
    return None


def _row(kind: str, body: str, line: int, caller: str) -> Unresolved:
    p = body.split(" ")
    genes = p[0].split(":")
    if len(genes) != 2 or not all(genes):
        raise RowProblem(f"genes {p[0]!r} are not A:B")
    if kind == "GF":
        if len(p) != 11:
            raise RowProblem(f"GF line has {len(p)} space-separated fields, LongGF writes 11")
        ends = (
            End(_pos(p[7]), _kept(p[8]), genes[0]),  # type: ignore[arg-type]
            End(_pos(p[9]), _kept(p[10]), genes[1]),  # type: ignore[arg-type]
        )
        reads = p[1]
    else:
        if len(p) != 4:
            raise RowProblem(f"SumGF line has {len(p)} space-separated fields, LongGF writes 4")
        ends = (End(_pos(p[2]), None, genes[0]), End(_pos(p[3]), None, genes[1]))
        reads = p[1]
    extra = (
        ("caller", caller),
        ("caller_fusion", p[0]),
        ("caller_breakpoint5", f"{ends[0].position}"),
        ("caller_breakpoint3", f"{ends[1].position}"),
        ("junction_reads", reads),
    )
    return Unresolved(
        line,
        ends,
        extra,
        "LongGF's A:B gene order is not 5'->3' and it writes no strand",
        text=f"{p[0]} {ends[0].position} / {ends[1].position}",
        window=WINDOW,
    )


def records(lines: Iterable[tuple[int, str]], caller: str) -> Iterator[Unresolved | RowError]:
    """GF lines (else SumGF lines) -> Unresolved or RowError."""
    sums: list[tuple[int, str]] = []
    seen_gf = False
    for lineno, text in lines:
        kind, tab, body = text.partition("\t")
        if not tab or kind not in ("GF", "SumGF"):
            continue
        if kind == "SumGF":
            if not seen_gf:
                sums.append((lineno, body))
            continue
        seen_gf = True
        try:
            yield _row("GF", body, lineno, caller)
        except RowProblem as exc:
            yield RowError(lineno, str(exc), excerpt([text[:120]]))
    if not seen_gf:
        for lineno, body in sums:
            try:
                yield _row("SumGF", body, lineno, caller)
            except RowProblem as exc:
                yield RowError(lineno, str(exc), excerpt([body[:120]]))
