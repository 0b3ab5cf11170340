"""What every row would recompute about a transcript, computed once per transcript.

A batch reads the same transcripts over and over: the exon arrays in transcription
order, the splice sites, the CDS bounds in cDNA, the lengths. :func:`layout` builds
them once per :class:`~fusionviz.models.Transcript` object and keeps them in a
bounded table keyed by the object's identity (hashing a transcript on every lookup
cost more than the lookups themselves). Everything here is pure arithmetic on the
transcript; :mod:`fusionviz.coordinates` and :mod:`fusionviz.breakpoints` read it.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from typing import Any, TypeVar

from fusionviz.models import Transcript

#: Transcripts whose layouts are kept (the oldest dropped first): bounded memory in
#: a cohort that touches many genes.
MAX_TRANSCRIPTS = 8192
#: Position-dependent values kept per transcript by :func:`memoised` (oldest dropped).
MEMO_PER_TRANSCRIPT = 32

V = TypeVar("V")


class Layout:
    """A transcript's exons as arrays in transcription order.

    ``heads``/``tails`` are the first/last transcribed base of each exon times ``sign``
    (+1 on the plus strand, -1 on the minus strand), so both increase along the RNA and
    a base's exon is found by bisection. ``spans`` are the exons' cDNA spans (first,
    last). ``donors``/``acceptors`` map the genomic base of each splice site (the last
    base of exons 1..n-1, the first base of exons 2..n) to the exon's index.
    ``ordered`` is False for exons that overlap or are out of order (malformed input):
    callers then scan exon by exon. ``cds_bounds`` are the cDNA positions of the first
    base of the start codon and the last base of the stop codon (None: non-coding).
    """

    __slots__ = (
        "acceptors",
        "cds_bounds",
        "derived",
        "donors",
        "heads",
        "length",
        "memo",
        "ordered",
        "sign",
        "spans",
        "tails",
        "transcript",
    )

    def __init__(self, t: Transcript) -> None:
        self.transcript = t  # held: the identity key below stays valid while it lives
        sign = self.sign = 1 if t.strand == "+" else -1
        if sign == 1:
            heads = tuple(e.start for e in t.exons)
            tails = tuple(e.end for e in t.exons)
        else:
            heads = tuple(-e.end for e in t.exons)
            tails = tuple(-e.start for e in t.exons)
        n = len(heads)
        self.heads, self.tails = heads, tails
        self.ordered = all(heads[i] <= tails[i] for i in range(n)) and all(
            tails[i] < heads[i + 1] for i in range(n - 1)
        )
        self.donors = {sign * tails[i]: i for i in range(n - 1)}
        self.acceptors = {sign * heads[i]: i for i in range(1, n)}
        spans, first = [], 1
        for e in t.exons:
            spans.append((first, first + e.length - 1))
            first += e.length
        self.spans = tuple(spans)
        self.length = first - 1
        self.cds_bounds = self._cds_bounds()
        self.memo: dict[Any, Any] = {}
        self.derived: dict[str, Any] = {}

    def genomic_to_tx(self, pos: int) -> int | None:
        """cDNA position of genomic ``pos``, or None when it is not exonic."""
        t = self.transcript
        for e, (first, _last) in zip(t.exons, self.spans, strict=True):
            if e.start <= pos <= e.end:
                return first + (pos - e.start if t.strand == "+" else e.end - pos)
        return None

    def _cds_bounds(self) -> tuple[int, int] | None:
        t = self.transcript
        if t.cds is None:
            return None
        low, high = t.cds
        start_g, end_g = (low, high) if t.strand == "+" else (high, low)
        a, b = self.genomic_to_tx(start_g), self.genomic_to_tx(end_g)
        if a is None or b is None:
            return None
        return a, b


_LAYOUTS: dict[int, Layout] = {}


def layout(t: Transcript) -> Layout:
    """The transcript's :class:`Layout` (built on first use)."""
    lay = _LAYOUTS.get(id(t))
    if lay is not None and lay.transcript is t:
        return lay
    lay = Layout(t)
    _remember(_LAYOUTS, id(t), lay, MAX_TRANSCRIPTS)
    return lay


def derived(t: Transcript, name: str, compute: Callable[[], V]) -> V:
    """A per-transcript constant (``exon_coding``, ``protein_length`` ...), computed once."""
    values = layout(t).derived
    try:
        return values[name]
    except KeyError:
        value = values[name] = compute()
        return value


def memoised(t: Transcript, key: object, compute: Callable[[], V]) -> V:
    """``compute()`` for a pure, immutable value derived from ``t`` and ``key`` alone
    (e.g. where an exon boundary lies in the CDS), remembered with the transcript."""
    memo = layout(t).memo
    try:
        return memo[key]
    except KeyError:
        pass
    value = compute()
    _remember(memo, key, value, MEMO_PER_TRANSCRIPT)
    return value


def _remember(table: dict, key: Any, value: Any, limit: int) -> None:
    if len(table) >= limit:
        # Another thread may have evicted it first (the web server shares these tables).
        with suppress(RuntimeError, StopIteration, KeyError):
            table.pop(next(iter(table)))
    table[key] = value
