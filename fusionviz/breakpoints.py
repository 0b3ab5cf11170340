"""Where one genomic base lies on one transcript (pure, no data access).

Callers report a fusion as two genomic bases: for the 5' partner the LAST base it
keeps, for the 3' partner the FIRST base it keeps (1-based; on the minus strand the
last kept base of a 5' partner is the lowest coordinate of its kept part).
:func:`classify` says where such a base sits on one
:class:`~fusionviz.models.Transcript`; :mod:`fusionviz.placement` chooses among the
transcripts of a gene and decides what the base means (RNA junction or DNA
breakpoint). Drawn for a 5' partner on the + strand::

    exon k   [==========]   intron k   [====== exon k+1
                       ^ boundary (last base of exon k: a splice donor)
                  ^ exonic, splice offset -3 (3 nt inside exon k)
                          ^ intronic, retained 2, splice offset +2

Offsets count in transcription order along the RNA the junction would make:
positive = towards the transcript's 3' end. For a 5' partner a splice offset of
``-3`` is three bases before the end of its exon, ``+2`` two intronic bases after
it; for a 3' partner ``-56`` is 56 intronic bases before the start of its exon,
``+3`` three bases inside it. Two breakpoints whose splice offsets are equal
describe the same RNA as the canonical junction when the shifted bases are
identical on both sides (microhomology); see :mod:`fusionviz.placement`.

Splice sites are the ends of exons 1..n-1 (donors, 5' role) and the starts of
exons 2..n (acceptors, 3' role). The start of exon 1 is a transcription start and
the end of the last exon a transcript end: never a splice site.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal, overload

from fusionviz.errors import BreakpointError, ExonOutOfRangeError
from fusionviz.layout import layout
from fusionviz.models import Exon, Role, Transcript

SiteKind = Literal["boundary", "exonic", "intronic", "upstream", "downstream"]

#: Largest distance (nt) from a splice site at which a base is still "near" it:
#: callers shift junctions inside microhomology by a few bases.
SPLICE_SITE_WINDOW = 10


@dataclass(frozen=True, slots=True)
class Site:
    """Where one genomic base lies on one transcript, for one role.

    ``exon`` is the exon holding the base (boundary, exonic) or, for a base outside
    every exon, the exon the role attaches to: for a 5' partner the exon before the
    base, for a 3' partner the exon after it (None when there is none: a 5' base
    upstream of the transcript, a 3' base downstream of it). ``anchor_tx`` is the
    cDNA position of the last (5') / first (3') exonic base the partner keeps, and
    ``retained`` the number of non-exonic bases (intron, flank) kept beyond it.
    ``splice_exon``/``splice_offset`` name the nearest splice site for the role and
    the signed distance to it (see the module docstring); None without one.
    """

    transcript: Transcript
    role: Role
    position: int
    kind: SiteKind
    exon: int | None
    intron: int | None
    anchor_tx: int | None
    retained: int
    splice_exon: int | None
    splice_offset: int | None

    @property
    def is_boundary(self) -> bool:
        """True when the base is exactly a splice site of this transcript."""
        return self.kind == "boundary"

    @property
    def near_splice_site(self) -> bool:
        """True for a base off a splice site by at most :data:`SPLICE_SITE_WINDOW`."""
        o = self.splice_offset
        return o is not None and 0 < abs(o) <= SPLICE_SITE_WINDOW

    def describe(self) -> str:
        """One sentence: where the base is on this transcript."""
        t = self.transcript
        where = f"chr{t.contig}:{self.position}"
        tx = f"{t.gene} ({t.label})"
        if self.kind == "boundary":
            edge = "last" if self.role == "5'" else "first"
            return f"{where} is the {edge} base of {t.gene} exon {self.exon} ({t.label})"
        if self.kind == "exonic":
            text = f"{where} is inside {t.gene} exon {self.exon} ({t.label}, cDNA {self.anchor_tx})"
            if self.near_splice_site:
                text += f", {_off(self)} of its exon {self.splice_exon} splice site"
            return text
        if self.kind == "intronic":
            return f"{where} is in intron {self.intron} of {tx}, {_off(self)} of exon {self.exon}"
        side = "upstream" if self.kind == "upstream" else "downstream"
        return f"{where} is {self.retained or outside_by(self)} bp {side} of {tx}"


def _off(site: Site) -> str:
    o = site.splice_offset or 0
    role5 = site.role == "5'"
    if role5:
        return f"{-o} nt before the end" if o < 0 else f"{o} nt after the end"
    return f"{-o} nt before the start" if o < 0 else f"{o} nt after the start"


def outside_by(site: Site) -> int:
    """How many bases an upstream or downstream site lies outside its transcript."""
    t = site.transcript
    lo, hi = min(e.start for e in t.exons), max(e.end for e in t.exons)
    return lo - site.position if site.position < lo else site.position - hi


def _check_role(role: str) -> None:
    if role not in ("5'", "3'"):
        raise BreakpointError(f'role must be "5\'" or "3\'", not {role!r}')


def _five_end(t: Transcript, e: Exon) -> int:
    """Genomic base of the exon's first transcribed base."""
    return e.start if t.strand == "+" else e.end


def _three_end(t: Transcript, e: Exon) -> int:
    """Genomic base of the exon's last transcribed base."""
    return e.end if t.strand == "+" else e.start


def exon_boundary_position(transcript: Transcript, exon: int, role: Role) -> int:
    """Genomic base of the junction boundary of ``exon``: for a 5' partner the
    exon's last base in transcription order, for a 3' partner its first base."""
    _check_role(role)
    for e in transcript.exons:
        if e.number == exon:
            return _three_end(transcript, e) if role == "5'" else _five_end(transcript, e)
    numbers = [e.number for e in transcript.exons]
    valid = f"{min(numbers)}-{max(numbers)}" if numbers else "none"
    raise ExonOutOfRangeError(
        f"{transcript.gene} {transcript.label} has no exon {exon} (exons {valid})"
    )


def classify(transcript: Transcript, position: int, role: Role) -> Site:
    """Where genomic ``position`` (last kept base of a 5' partner, first kept base of
    a 3' partner) lies on ``transcript``.

    Raises BreakpointError for a bad role, a non-positive position or a transcript
    without exons.
    """
    _check_role(role)
    _check_position(position)
    t = transcript
    if not t.exons:
        raise BreakpointError(f"{t.gene} {t.label} has no exons to place a breakpoint on")
    lay = layout(t)
    s = lay.sign * position  # transcription-order coordinate
    heads, tails, spans = lay.heads, lay.tails, lay.spans
    if lay.ordered:
        i = bisect_right(heads, s) - 1  # the last exon starting at or before the base
        if i >= 0 and s <= tails[i]:
            return _exonic(t, position, role, i, spans[i][0] + (s - heads[i]))
        if 0 <= i < len(heads) - 1:
            return _intronic(t, position, role, i, s - tails[i], heads[i + 1] - s)
    else:  # malformed exons (overlapping, out of order): the first exon that fits
        for i in range(len(t.exons)):
            if heads[i] <= s <= tails[i]:
                return _exonic(t, position, role, i, spans[i][0] + (s - heads[i]))
            if i + 1 < len(t.exons) and tails[i] < s < heads[i + 1]:
                return _intronic(t, position, role, i, s - tails[i], heads[i + 1] - s)
    n = len(t.exons)
    if s < heads[0]:
        # Upstream: a 3' partner keeps the flank then exon 1 (a transcription start,
        # not a splice site); a 5' partner keeps nothing of this transcript.
        if role == "3'":
            return Site(t, role, position, "upstream", 1, None, 1, heads[0] - s, None, None)
        return Site(t, role, position, "upstream", None, None, None, 0, None, None)
    if role == "5'":
        return Site(
            t, role, position, "downstream", n, None, spans[-1][1], s - tails[-1], None, None
        )
    return Site(t, role, position, "downstream", None, None, None, 0, None, None)


def _check_position(position: int) -> None:
    if not isinstance(position, int) or position < 1:
        raise BreakpointError(f"breakpoint position must be a positive integer, not {position!r}")


class SiteList(Sequence[Site]):
    """The base on every transcript of a gene, in the given (preference) order: equal to
    ``tuple(classify(t, position, role) for t in transcripts)``, each site classified when
    first asked for. Which transcripts have a splice site at the base is one lookup per
    transcript (:func:`~fusionviz.coordinates.layout`), so reading an exact exon boundary
    classifies only the transcripts the reading reports."""

    __slots__ = ("_bounds", "_exon_at", "_position", "_role", "_sites", "_transcripts")

    def __init__(self, transcripts: Sequence[Transcript], position: int, role: Role) -> None:
        _check_role(role)
        _check_position(position)
        for t in transcripts:
            if not t.exons:
                raise BreakpointError(f"{t.gene} {t.label} has no exons to place a breakpoint on")
        self._transcripts = tuple(transcripts)
        self._position = position
        self._role = role
        self._sites: list[Site | None] = [None] * len(self._transcripts)
        self._exon_at: list[int | None] | None = None
        self._bounds: tuple[Site, ...] | None = None

    def __len__(self) -> int:
        return len(self._transcripts)

    @overload
    def __getitem__(self, i: int) -> Site: ...
    @overload
    def __getitem__(self, i: slice) -> tuple[Site, ...]: ...
    def __getitem__(self, i: int | slice) -> Site | tuple[Site, ...]:
        if isinstance(i, slice):
            return tuple(self)[i]
        site = self._sites[i]
        if site is None:
            t, pos, role = self._transcripts[i], self._position, self._role
            k = self._splice_exons()[i]
            if k is not None and k >= 0:  # what classify() says of an exact splice site
                tx = layout(t).spans[k][1 if role == "5'" else 0]
                n = t.exons[k].number
                site = Site(t, role, pos, "boundary", n, None, tx, 0, n, 0)
            else:
                site = classify(t, pos, role)
            self._sites[i] = site
        return site

    def _splice_exons(self) -> list[int | None]:
        """Per transcript: the index of the exon whose splice site (for the role) the base
        is, -1 when it is none, None when the exons are not indexed (malformed)."""
        if self._exon_at is None:
            pos, five = self._position, self._role == "5'"
            out: list[int | None] = []
            for t in self._transcripts:
                lay = layout(t)
                out.append(lay.splice_exon(pos, five) if lay.ordered else None)
            self._exon_at = out
        return self._exon_at

    def __iter__(self) -> Iterator[Site]:
        return (self[i] for i in range(len(self._transcripts)))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, SiteList | tuple):
            return tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"SiteList({tuple(self)!r})"

    def boundaries(self) -> tuple[Site, ...]:
        """The sites that are exact splice sites, in order (``kind == "boundary"``)."""
        if self._bounds is None:
            self._bounds = tuple(
                self[i]
                for i, k in enumerate(self._splice_exons())
                if (k is not None and k >= 0) or (k is None and self[i].kind == "boundary")
            )
        return self._bounds


def boundary_sites(sites: Sequence[Site]) -> tuple[Site, ...]:
    """The exact splice sites among ``sites``, in order."""
    if isinstance(sites, SiteList):
        return sites.boundaries()
    return tuple(s for s in sites if s.kind == "boundary")


def _exonic(t: Transcript, position: int, role: Role, i: int, tx: int) -> Site:
    """A base inside exon i (0-based) at cDNA ``tx``."""
    spans = layout(t).spans
    n = len(t.exons)
    number = t.exons[i].number
    if role == "5'":
        # Donors: the end of this exon (not the last exon) and the previous exon's end.
        options = []
        if i < n - 1:
            options.append((t.exons[i].number, tx - spans[i][1]))
        if i > 0:
            options.append((t.exons[i - 1].number, tx - spans[i - 1][1]))
    else:
        options = []
        if i > 0:
            options.append((t.exons[i].number, tx - spans[i][0]))
        if i < n - 1:
            options.append((t.exons[i + 1].number, tx - spans[i + 1][0]))
    splice_exon, offset = min(options, key=lambda o: abs(o[1])) if options else (None, None)
    kind: SiteKind = "boundary" if offset == 0 else "exonic"
    return Site(t, role, position, kind, number, None, tx, 0, splice_exon, offset)


def _intronic(t: Transcript, position: int, role: Role, i: int, after: int, before: int) -> Site:
    """A base in intron i+1 (after exon i, 0-based): ``after`` bases past exon i's end,
    ``before`` bases before exon i+1's start, in transcription order."""
    spans = layout(t).spans
    intron = t.exons[i].number
    if role == "5'":
        return Site(
            t, role, position, "intronic", intron, intron, spans[i][1], after, intron, after
        )
    nxt = t.exons[i + 1].number
    return Site(t, role, position, "intronic", nxt, intron, spans[i + 1][0], before, nxt, -before)
