"""What every row would recompute about a transcript, computed once per transcript.

A batch reads the same transcripts over and over: the exon arrays in transcription
order, the splice sites, the CDS bounds in cDNA, the lengths. :func:`layout` builds
them once per :class:`~fusionviz.models.Transcript` object and keeps them in a
bounded table keyed by the object's identity (hashing a transcript on every lookup
cost more than the lookups themselves). Everything here is pure arithmetic on the
transcript; :mod:`fusionviz.coordinates` and :mod:`fusionviz.breakpoints` read it.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Callable
from typing import Any, TypeVar

from fusionviz.models import Transcript
from fusionviz.recency import keep

#: Transcripts whose layouts are kept (the oldest dropped first): bounded memory in
#: a cohort that touches many genes.
MAX_TRANSCRIPTS = 16384
#: Position-dependent values kept per transcript by :func:`memoised` (oldest dropped).
MEMO_PER_TRANSCRIPT = 32

V = TypeVar("V")


class Layout:
    """A transcript's exons as arrays in transcription order.

    ``heads``/``tails`` are the first/last transcribed base of each exon times ``sign``
    (+1 on the plus strand, -1 on the minus strand), so both increase along the RNA and
    a base's exon, or the splice site it is, is found by bisection. ``ordered`` is False
    for exons that overlap or are out of order (malformed input): callers then scan
    exon by exon. ``spans`` are the exons' cDNA spans (first, last) and ``cds_bounds``
    the cDNA positions of the first base of the start codon and the last base of the
    stop codon (None: non-coding), computed on first use (most transcripts of a gene
    are only asked whether a base is one of their splice sites).
    """

    __slots__ = (
        "_cds_bounds",
        "_spans",
        "derived",
        "heads",
        "memo",
        "ordered",
        "sign",
        "tails",
        "transcript",
    )

    def __init__(self, t: Transcript) -> None:
        self.transcript = t  # held: the identity key below stays valid while it lives
        sign = self.sign = 1 if t.strand == "+" else -1
        if sign == 1:
            heads = array("q", [e.start for e in t.exons])
            tails = array("q", [e.end for e in t.exons])
        else:
            heads = array("q", [-e.end for e in t.exons])
            tails = array("q", [-e.start for e in t.exons])
        n = len(heads)
        self.heads, self.tails = heads, tails
        self.ordered = all(heads[i] <= tails[i] for i in range(n)) and all(
            tails[i] < heads[i + 1] for i in range(n - 1)
        )
        self._spans: tuple[tuple[int, int], ...] | None = None
        self._cds_bounds: tuple[int, int] | None | bool = False  # False: not computed
        self.memo: dict[Any, Any] | None = None
        self.derived: dict[str, Any] | None = None

    def splice_exon(self, position: int, five: bool) -> int:
        """Index of the exon whose splice site (5' role: its last base, exons 1..n-1;
        3' role: its first base, exons 2..n) is ``position``; -1 when none. Only for
        ``ordered`` exons."""
        s = self.sign * position
        if five:
            i = bisect_left(self.tails, s)
            return i if i < len(self.tails) - 1 and self.tails[i] == s else -1
        i = bisect_left(self.heads, s)
        return i if 0 < i < len(self.heads) and self.heads[i] == s else -1

    @property
    def spans(self) -> tuple[tuple[int, int], ...]:
        if self._spans is None:
            spans, first = [], 1
            for e in self.transcript.exons:
                spans.append((first, first + e.length - 1))
                first += e.length
            self._spans = tuple(spans)
        return self._spans

    @property
    def length(self) -> int:
        spans = self.spans
        return spans[-1][1] if spans else 0

    @property
    def cds_bounds(self) -> tuple[int, int] | None:
        if self._cds_bounds is False:
            self._cds_bounds = self._find_cds_bounds()
        return self._cds_bounds  # type: ignore[return-value]

    def genomic_to_tx(self, pos: int) -> int | None:
        """cDNA position of genomic ``pos``, or None when it is not exonic."""
        t = self.transcript
        for e, (first, _last) in zip(t.exons, self.spans, strict=True):
            if e.start <= pos <= e.end:
                return first + (pos - e.start if t.strand == "+" else e.end - pos)
        return None

    def _find_cds_bounds(self) -> tuple[int, int] | None:
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
    keep(_LAYOUTS, id(t), lay, MAX_TRANSCRIPTS)
    return lay


def forget(t: Transcript) -> None:
    """Drop the layout of ``t`` (its source no longer holds it: memory follows the
    source's own bound on genes)."""
    lay = _LAYOUTS.get(id(t))
    if lay is not None and lay.transcript is t:
        _LAYOUTS.pop(id(t), None)


def derived(t: Transcript, name: str, compute: Callable[[], V]) -> V:
    """A per-transcript constant (``exon_coding``, ``protein_length`` ...), computed once."""
    lay = layout(t)
    if lay.derived is None:
        lay.derived = {}
    try:
        return lay.derived[name]
    except KeyError:
        value = lay.derived[name] = compute()
        return value


def memoised(t: Transcript, key: object, compute: Callable[[], V]) -> V:
    """``compute()`` for a pure, immutable value derived from ``t`` and ``key`` alone
    (e.g. where an exon boundary lies in the CDS), remembered with the transcript."""
    lay = layout(t)
    if lay.memo is None:
        lay.memo = {}
    memo = lay.memo
    try:
        return memo[key]
    except KeyError:
        pass
    value = compute()
    keep(memo, key, value, MEMO_PER_TRANSCRIPT)
    return value
