"""JAFFA / JAFFAL ``jaffa_results.csv`` (comma-separated, values may be quoted).

``fusion genes`` is ``5'gene:3'gene``; ``base1``/``base2`` are the 1-based last
base of the 5' gene and first base of the 3' gene (on GRCh38 files they are the
same bases STAR-Fusion and FusionCatcher report, e.g. GOPC 6:117566854 / ROS1
6:117321394); ``strand1``/``strand2`` (absent in older versions) the genes'
strands. ``inframe`` TRUE/FALSE/NA is JAFFA's frame call. JAFFAL (long reads)
writes the same columns; its junctions are long-read alignment ends and can be a
few bases off the splice site (SeraCare EML4--ALK 2:42295512 / 2:29223524 for the
exon 13 / exon 20 boundaries 42295516 / 29223528). A row whose ``contig`` is a long
read (PacBio ``.../ccs``, an ONT UUID) is read as JAFFAL's: a position within 5 bp
of exactly one splice site of its role is read as that site, and the row says so.
Exon columns, when a version writes them, are kept as the caller's exons.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from fusionviz.callers.base import (
    End,
    Row,
    RowProblem,
    Unresolved,
    build_request,
    pick,
    position,
    strand,
)
from fusionviz.models import GenomicPosition, normalise_contig

NAME = "jaffa"
SEPARATOR = ","
_REQUIRED = ("fusion genes", "chrom1", "base1", "chrom2", "base2")
_FRAME = {"TRUE": "in-frame", "FALSE": "out-of-frame"}
_LONG_READ = re.compile(
    r"(^m\d+\w*/\d+/ccs(/\S*)?$)|(^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$)"
)
#: Long-read positions read as a splice site this close to it (see module doc).
WINDOW = 5


def matches(columns: Sequence[str]) -> bool:
    """True for a JAFFA/JAFFAL results header."""
    cols = {c.strip().strip('"') for c in columns}
    return all(c in cols for c in _REQUIRED)


def caller_name(columns: Sequence[str]) -> str:
    return "JAFFA/JAFFAL"


def parse(row: Mapping[str, str], line: int, caller: str, columns: Sequence[str] = ()) -> Row:
    """One data row -> FusionRequest (RowProblem for a malformed row)."""
    genes = pick(row, "fusion genes")
    g5, sep, g3 = genes.partition(":")
    if not sep or not g5 or not g3:
        raise RowProblem(f"'fusion genes' {genes!r} is not GENE1:GENE2")
    bp5 = GenomicPosition(
        normalise_contig(pick(row, "chrom1")),
        position(pick(row, "base1"), "base1"),
        strand(pick(row, "strand1")),  # type: ignore[arg-type]
    )
    bp3 = GenomicPosition(
        normalise_contig(pick(row, "chrom2")),
        position(pick(row, "base2"), "base2"),
        strand(pick(row, "strand2")),  # type: ignore[arg-type]
    )
    frame_raw = pick(row, "inframe")
    extra = [
        ("caller", caller),
        ("caller_fusion", genes),
        ("caller_breakpoint5", f"{pick(row, 'chrom1')}:{pick(row, 'base1')}"),
        ("caller_breakpoint3", f"{pick(row, 'chrom2')}:{pick(row, 'base2')}"),
        ("junction_reads", pick(row, "spanning reads")),
        ("spanning_reads", pick(row, "spanning pairs")),
        ("caller_frame", _FRAME.get(frame_raw.upper(), "")),
        ("inframe", frame_raw),
        ("caller_exon5", pick(row, "exon1", "exon 1")),
        ("caller_exon3", pick(row, "exon2", "exon 2")),
        ("classification", pick(row, "classification")),
        ("known", pick(row, "known")),
        ("sample", pick(row, "sample")),
    ]
    if bp5.strand and bp3.strand and _LONG_READ.match(pick(row, "contig")):
        # JAFFAL: the order is stated; the positions are approximate.
        ends = (
            End(bp5, "below" if bp5.strand == "+" else "above", g5),
            End(bp3, "above" if bp3.strand == "+" else "below", g3),
        )
        return Unresolved(
            line,
            ends,
            tuple(extra),
            "JAFFAL positions are long-read alignment ends",
            text=f"{genes} {bp5} / {bp3}",
            ordered=True,
            window=WINDOW,
        )
    return build_request(g5, bp5, g3, bp3, line, extra, meaning="rna")
