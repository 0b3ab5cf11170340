"""EnFusion consensus output (nch-igm/EnFusion; a comment block, then the header).

``OrderedFusion`` (``A>>B``) is Gene1>>Gene2 as one of EnFusion's input callers
ordered them, and is not always 5'>>3': its own test output lists EML4--ALK as
``ALK>>EML4``. ``Break1``/``Break2`` (1-based) and ``Strand1``/``Strand2`` (the
genes' strands) come from one input caller; the row does not say which side of
each breakpoint is kept. The 5' partner is therefore derived from exon boundaries
(a breakpoint that is exactly an exon's last base can only be the 5' partner's,
an exon's first base only the 3' partner's); a row where neither breakpoint is
such a boundary is reported, not guessed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from fusionviz.callers.base import End, Unresolved, pick, position
from fusionviz.models import GenomicPosition, normalise_contig

NAME = "enfusion"
_REQUIRED = ("OrderedFusion", "Gene1", "Chr1", "Break1", "Gene2", "Chr2", "Break2")


def matches(columns: Sequence[str]) -> bool:
    """True for an EnFusion header."""
    return all(c in columns for c in _REQUIRED)


def caller_name(columns: Sequence[str]) -> str:
    return "EnFusion"


def _end(row: Mapping[str, str], i: str) -> End:
    pos = GenomicPosition(normalise_contig(pick(row, f"Chr{i}")), position(pick(row, f"Break{i}")))
    return End(pos, None, pick(row, f"Gene{i}") or None)


def parse(
    row: Mapping[str, str], line: int, caller: str, columns: Sequence[str] = ()
) -> Unresolved:
    """One data row -> Unresolved (exon boundaries decide the 5' partner)."""
    e1, e2 = _end(row, "1"), _end(row, "2")
    extra = (
        ("caller", caller),
        ("caller_fusion", pick(row, "OrderedFusion")),
        ("caller_breakpoint5", f"{pick(row, 'Chr1')}:{pick(row, 'Break1')}:{pick(row, 'Strand1')}"),
        ("caller_breakpoint3", f"{pick(row, 'Chr2')}:{pick(row, 'Break2')}:{pick(row, 'Strand2')}"),
        ("known_fusion_enfusion", pick(row, "KnownFusion")),
        ("callers", pick(row, "Tool")),
        ("num_callers", pick(row, "NumTools")),
    )
    return Unresolved(
        line,
        (e1, e2),
        tuple(extra),
        "EnFusion's OrderedFusion need not be 5'>>3' and the row gives no orientation",
        text=f"{pick(row, 'OrderedFusion')} {e1.position} / {e2.position}",
    )
