"""Exon-level matching against a curated table of known fusions.

The table (``annotations/known_fusions.tsv``, documented in
``docs/known_fusions.md``) lists each junction as published: the two genes, the
exon numbers *and the transcripts those numbers refer to*. Matching never
compares exon numbers: each row is turned into the genomic bases of its two exon
boundaries (5' partner: last base of its exon in transcription order; 3'
partner: first base), and a fusion matches a row when both of its boundaries
are the same bases. ROS1 "exon 34" (ENST00000368508) and MANE exon 35 are
therefore the same junction.

Every verdict is one of four statuses; "novel-to-this-table" is deliberately
not "novel": the table is a small curated list, not the literature.

The table and its reading live in :mod:`fusionviz.known_table`, the matching in
:mod:`fusionviz.known_match`; this module re-exports both.
"""

from __future__ import annotations

from fusionviz.known_match import (
    KnownMatch,
    ResolvedBoundary,
    Status,
    check_table,
    match_fusion,
    match_junction,
    resolve_side,
)
from fusionviz.known_table import (
    BUNDLED_NAME,
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    KnownFusion,
    KnownTable,
    entries_text,
    load_known_table,
)

__all__ = [
    "BUNDLED_NAME",
    "OPTIONAL_COLUMNS",
    "REQUIRED_COLUMNS",
    "KnownFusion",
    "KnownMatch",
    "KnownTable",
    "ResolvedBoundary",
    "Status",
    "check_table",
    "entries_text",
    "load_known_table",
    "match_fusion",
    "match_junction",
    "resolve_side",
]
