"""Place a genomic fusion breakpoint on one transcript (pure, no data access).

Callers report a fusion as two genomic bases: for the 5' partner the LAST base it
keeps, for the 3' partner the FIRST base it keeps (1-based; on the minus strand the
last kept base of a 5' partner is the lowest coordinate of its kept part). This
module says where such a base sits on a :class:`~fusionviz.models.Transcript` and
which exon boundary the junction implies::

    5' partner, + strand          kept ---------->|
        exon k   [==========]  intron  [====== exon k+1
                            ^ "exon_boundary" (last base of exon k)
                               ^^^^^^ "splice_site" (+1..+10: snapped to exon k's end)
                                          ^ "intronic" (implies exon k's end)

Signed offsets are counted in transcription order from the boundary the junction
implies: positive = towards the transcript's 3' end. A 5' partner at ``+2`` keeps 2
intronic bases after its exon's last base; a 3' partner at ``-56`` starts 56 bases
before its exon's first base; ``-1`` on a 5' partner is one base inside the exon.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from fusionviz.errors import BreakpointError, ExonOutOfRangeError
from fusionviz.models import Exon, Role, Transcript

BreakpointKind = Literal[
    "exon_boundary", "splice_site", "exonic", "intronic", "upstream", "downstream"
]

#: Largest distance (bp) from a splice site still read as "the caller meant this
#: boundary" (callers shift junctions inside microhomology by a few bases).
SPLICE_SITE_WINDOW = 10


@dataclass(frozen=True, slots=True)
class BreakpointLocation:
    """Where a breakpoint falls on one transcript and which boundary it implies.

    ``exon`` is the exon whose boundary (or, for ``exonic``, whose base) the
    junction uses; None when the partner keeps nothing of the transcript.
    ``tx_position`` is the cDNA position of the kept base after snapping to that
    boundary (for ``exonic`` the base itself: frame is computed from it).
    ``base_tx_position`` is the cDNA position of the reported base itself when it
    is exonic, else None. ``offset`` is the signed distance (transcription order)
    from ``boundary``, the genomic base of the implied boundary. ``intron`` is the
    intron number (intron k follows exon k) for intronic and intronic splice-site
    positions.
    """

    transcript: str
    gene: str
    role: Role
    contig: str
    position: int
    kind: BreakpointKind
    exon: int | None
    tx_position: int | None
    exact: bool
    offset: int
    boundary: int | None
    base_tx_position: int | None
    intron: int | None
    note: str

    @property
    def is_canonical(self) -> bool:
        """True when the junction is (or is snapped to) an exon boundary."""
        return self.kind in ("exon_boundary", "splice_site", "intronic") or (
            self.kind in ("upstream", "downstream") and self.exon is not None
        )


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


def _tx_spans(t: Transcript) -> list[tuple[int, int]]:
    spans, first = [], 1
    for e in t.exons:
        spans.append((first, first + e.length - 1))
        first += e.length
    return spans


def locate(transcript: Transcript, position: int, role: Role) -> BreakpointLocation:
    """Classify genomic ``position`` (last kept base of a 5' partner, first kept
    base of a 3' partner) on ``transcript``.

    Raises BreakpointError for a bad role, a non-positive position or a transcript
    without exons.
    """
    _check_role(role)
    t = transcript
    if not isinstance(position, int) or position < 1:
        raise BreakpointError(f"breakpoint position must be a positive integer, not {position!r}")
    if not t.exons:
        raise BreakpointError(f"{t.gene} {t.label} has no exons to place a breakpoint on")
    plus = t.strand == "+"
    # Transcription-order coordinate: grows from the transcript's 5' end to its 3' end.
    s = position if plus else -position
    exons = t.exons
    spans = _tx_spans(t)
    heads = [(_five_end(t, e) if plus else -_five_end(t, e)) for e in exons]
    tails = [(_three_end(t, e) if plus else -_three_end(t, e)) for e in exons]
    where = f"chr{t.contig}:{position}"
    ident = f"{t.gene} {{}} ({t.label})"
    n = len(exons)

    def make(kind, i, tx, exact, offset, boundary, base_tx=None, intron=None, note=""):
        return BreakpointLocation(
            transcript=t.label,
            gene=t.gene,
            role=role,
            contig=t.contig,
            position=position,
            kind=kind,
            exon=None if i is None else exons[i].number,
            tx_position=tx,
            exact=exact,
            offset=offset,
            boundary=boundary,
            base_tx_position=base_tx,
            intron=intron,
            note=note,
        )

    def exon_name(i: int) -> str:
        return ident.format(f"exon {exons[i].number}")

    def snap(i: int, kind: BreakpointKind, note: str, intron=None, base_tx=None):
        """Junction at exon i's role boundary (5': its end, 3': its start)."""
        if role == "5'":
            tx, b = spans[i][1], tails[i]
        else:
            tx, b = spans[i][0], heads[i]
        return make(kind, i, tx, False, s - b, abs(b), base_tx, intron, note)

    # Outside the transcript.
    if s < heads[0]:
        dist = heads[0] - s
        if role == "3'":
            return snap(
                0,
                "upstream",
                f"{where} is {dist} bp upstream of {t.gene} ({t.label}); the 3' partner "
                f"would start at exon {exons[0].number}",
            )
        return make(
            "upstream",
            None,
            None,
            False,
            -dist,
            abs(heads[0]),
            None,
            None,
            f"{where} is {dist} bp upstream of {t.gene} ({t.label}); the 5' partner keeps "
            "none of this transcript",
        )
    if s > tails[-1]:
        dist = s - tails[-1]
        if role == "5'":
            return snap(
                n - 1,
                "downstream",
                f"{where} is {dist} bp downstream of {t.gene} ({t.label}); the 5' partner "
                f"would keep the whole transcript up to exon {exons[-1].number}",
            )
        return make(
            "downstream",
            None,
            None,
            False,
            dist,
            abs(tails[-1]),
            None,
            None,
            f"{where} is {dist} bp downstream of {t.gene} ({t.label}); the 3' partner keeps "
            "none of this transcript",
        )

    for i in range(n):
        if heads[i] <= s <= tails[i]:
            base_tx = spans[i][0] + (s - heads[i])
            if role == "5'":
                off = s - tails[i]  # <= 0 inside the exon
                if off == 0:
                    return make(
                        "exon_boundary",
                        i,
                        base_tx,
                        True,
                        0,
                        position,
                        base_tx,
                        None,
                        f"{where} is the last base of {exon_name(i)}",
                    )
                if -off <= SPLICE_SITE_WINDOW:
                    return snap(
                        i,
                        "splice_site",
                        f"{where} is {-off} bp before the end of {exon_name(i)} (near its "
                        "splice site; read as the exon boundary)",
                        base_tx=base_tx,
                    )
            else:
                off = s - heads[i]  # >= 0 inside the exon
                if off == 0:
                    return make(
                        "exon_boundary",
                        i,
                        base_tx,
                        True,
                        0,
                        position,
                        base_tx,
                        None,
                        f"{where} is the first base of {exon_name(i)}",
                    )
                if off <= SPLICE_SITE_WINDOW:
                    return snap(
                        i,
                        "splice_site",
                        f"{where} is {off} bp after the start of {exon_name(i)} (near its "
                        "splice site; read as the exon boundary)",
                        base_tx=base_tx,
                    )
            # A genuine exonic (non-canonical) junction: keep the exact base.
            b = tails[i] if role == "5'" else heads[i]
            edge = "end" if role == "5'" else "start"
            return make(
                "exonic",
                i,
                base_tx,
                False,
                s - b,
                abs(b),
                base_tx,
                None,
                f"{where} is inside {exon_name(i)} (cDNA {base_tx}, {abs(s - b)} bp from its "
                f"{edge}): a non-canonical exonic junction",
            )
        if i + 1 < n and tails[i] < s < heads[i + 1]:
            intron = exons[i].number
            # 5' partner: the preceding exon's end; 3' partner: the following exon's start.
            j = i if role == "5'" else i + 1
            b = tails[j] if role == "5'" else heads[j]
            dist = abs(s - b)
            side = "after the end" if role == "5'" else "before the start"
            if dist <= SPLICE_SITE_WINDOW:
                return snap(
                    j,
                    "splice_site",
                    f"{where} is {dist} bp {side} of {exon_name(j)} (intron {intron}, near "
                    "the splice site; read as the exon boundary)",
                    intron=intron,
                )
            return snap(
                j,
                "intronic",
                f"{where} is in intron {intron} of {t.gene} ({t.label}), {dist} bp {side} of "
                f"exon {exons[j].number}; the junction implies exon {exons[j].number}",
                intron=intron,
            )
    # Unreachable for well-formed transcripts (exons ordered, non-overlapping).
    raise BreakpointError(
        f"{where} could not be placed on {t.gene} {t.label}: its exons are not in "
        "transcription order"
    )
