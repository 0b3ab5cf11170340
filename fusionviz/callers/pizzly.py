"""pizzly (Melsted et al., bioRxiv 2017) flat table as written by its
``flatten_json.py``: ``geneA.name geneA.id geneB.name geneB.id paircount
splitcount transcripts.list``.

There are no genomic coordinates. geneA is the 5' partner. Each
``transcripts.list`` item is ``<5' transcript>_<start>:<end>_<3' transcript>_<start>:<end>``
in 0-based, end-exclusive transcript coordinates: the 5' transcript keeps bases
``start+1 .. end`` (1-based) and the 3' transcript bases from ``start+1`` on
(``ENST00000646891.1_1365:6458``: BRAF from cDNA base 1366 to its last base,
6458). fusionviz places the junction on the named transcripts when the
annotation has them with the same version.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from fusionviz.callers.base import OnTranscripts, RowProblem, pick

NAME = "pizzly"
_REQUIRED = ("geneA.name", "geneB.name", "transcripts.list")
_ITEM = re.compile(r"^(?P<t5>[^_\s]+)_(\d+):(?P<e5>\d+)_(?P<t3>[^_\s]+)_(?P<s3>\d+):(\d+)$")


def matches(columns: Sequence[str]) -> bool:
    """True for a flattened pizzly table."""
    return all(c in columns for c in _REQUIRED)


def caller_name(columns: Sequence[str]) -> str:
    return "pizzly"


def parse(
    row: Mapping[str, str], line: int, caller: str, columns: Sequence[str] = ()
) -> OnTranscripts:
    """One data row -> OnTranscripts (placed on the named transcripts later)."""
    g5, g3 = pick(row, "geneA.name"), pick(row, "geneB.name")
    if not g5 or not g3:
        raise RowProblem("geneA.name/geneB.name is empty")
    pairs = []
    for item in pick(row, "transcripts.list").split(";"):
        m = _ITEM.match(item.strip())
        if m:
            pairs.append((m["t5"], int(m["e5"]), m["t3"], int(m["s3"]) + 1))
    if not pairs:
        raise RowProblem("transcripts.list names no transcript pair in pizzly's layout")
    extra = (
        ("caller", caller),
        ("caller_fusion", f"{g5}--{g3}"),
        ("junction_reads", pick(row, "splitcount")),
        ("spanning_reads", pick(row, "paircount")),
        ("transcript_pairs", str(len(pairs))),
    )
    return OnTranscripts(
        line,
        (g5, g3),
        tuple(pairs),
        tuple((k, v) for k, v in extra if v),
        f"{g5}--{g3} ({len(pairs)} transcript pairs)",
    )
