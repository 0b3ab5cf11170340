"""deFuse ``results.tsv`` / ``results.filtered.tsv`` (McPherson et al., PLoS Comput Biol 2011).

``gene_name1/2`` are not ordered 5'/3'. ``genomic_break_pos1/2`` are the 1-based
junction bases; the side each partner keeps is read from the aligned region around
it (``genomic_starts``..``genomic_ends``: a break at its high end keeps the bases
below, at its low end those above; ``genomic_strand`` ``+``/``-`` says the same in
deFuse's real files), and the 5' partner from those sides and the genes' strands.
``orf`` Y/N is deFuse's open-reading-frame flag (not a frame call on named
transcripts, so it is kept, not compared).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from fusionviz.callers.base import End, RowProblem, Unresolved, pick, position
from fusionviz.models import GenomicPosition, normalise_contig

NAME = "defuse"
_REQUIRED = ("cluster_id", "gene_name1", "gene_name2", "genomic_break_pos1", "genomic_break_pos2")


def matches(columns: Sequence[str]) -> bool:
    """True for a deFuse results header."""
    return all(c in columns for c in _REQUIRED)


def caller_name(columns: Sequence[str]) -> str:
    return "deFuse"


def _end(row: Mapping[str, str], i: str) -> End:
    pos = position(pick(row, f"genomic_break_pos{i}"), f"genomic_break_pos{i}")
    contig = normalise_contig(pick(row, f"gene_chromosome{i}"))
    starts, ends = pick(row, f"genomic_starts{i}"), pick(row, f"genomic_ends{i}")
    gstrand = pick(row, f"genomic_strand{i}")
    if ends.isdigit() and int(ends) == pos and starts != ends:
        kept = "below"
    elif starts.isdigit() and int(starts) == pos and starts != ends:
        kept = "above"
    elif gstrand in ("+", "-"):
        kept = "below" if gstrand == "+" else "above"
    else:
        raise RowProblem(f"the side of breakpoint {i} that is kept is not stated")
    return End(GenomicPosition(contig, pos), kept, pick(row, f"gene_name{i}") or None)  # type: ignore[arg-type]


def parse(
    row: Mapping[str, str], line: int, caller: str, columns: Sequence[str] = ()
) -> Unresolved:
    """One data row -> Unresolved (kept sides and gene strands decide the 5' partner)."""
    e1, e2 = _end(row, "1"), _end(row, "2")
    extra = (
        ("caller", caller),
        ("caller_fusion", f"{pick(row, 'gene_name1')}--{pick(row, 'gene_name2')}"),
        ("caller_breakpoint5", f"{e1.position}:{pick(row, 'genomic_strand1')}"),
        ("caller_breakpoint3", f"{e2.position}:{pick(row, 'genomic_strand2')}"),
        ("junction_reads", pick(row, "splitr_count")),
        ("spanning_reads", pick(row, "span_count")),
        ("orf", pick(row, "orf")),
        ("cluster_id", pick(row, "cluster_id")),
        ("sample", pick(row, "library_name")),
    )
    return Unresolved(
        line,
        (e1, e2),
        tuple(extra),
        "deFuse lists the genes in no 5'/3' order",
        text=f"{pick(row, 'gene_name1')}--{pick(row, 'gene_name2')} {e1.position} / {e2.position}",
    )
