"""Frame at a fusion junction: phases, the junction codon, in/out of frame.

Pure arithmetic on :class:`~fusionviz.models.Transcript` objects and cDNA
positions (see :mod:`fusionviz.coordinates`). The 5' partner keeps cDNA
``1 .. last5`` plus ``retained`` non-exonic bases after it (an RNA junction in an
intron); the 3' partner keeps ``retained`` non-exonic bases and then cDNA
``first3 .. end``. Non-templated bases may sit between them.

::

    5' CDS nt   ... 751 752 753 | 754          (last kept nt 754, end phase 754 % 3 = 1)
    3' CDS nt                        3068 3069 | 3070 ...   (first kept nt 3068,
                                                            start phase 3067 % 3 = 1)
    junction codon = 1 nt from the 5' partner + 2 nt from the 3' partner

In general the 5' end phase is ``(5' coding bases kept + retained 5') mod 3`` and the
3' start phase ``(first kept CDS nt - 1 - retained 3') mod 3``; with ``k``
non-templated bases the junction is in frame iff ``(p + k) mod 3 == q``. A 3'
partner joined in its 5' UTR has a "start phase" too: the number of UTR bases ``g``
between the junction and its start codon gives ``(-g) mod 3``.

Bases whose sequence the annotation does not give (retained intronic or flanking
bases, the 3' partner's 5' UTR) are read in frame before the 3' coding sequence:
an in-frame call through them holds only if they hold no stop codon. The junction
records how many there are (``unread_bases``) and is ``verified`` only when there
are none; :mod:`fusionviz.junction_sequence` reads them where sequence is known.
"""

from __future__ import annotations

from dataclasses import dataclass

from fusionviz.coordinates import cds_tx_bounds
from fusionviz.layout import memoised
from fusionviz.models import Frame, Junction, Region, Transcript

#: Regions in which a partner contributes no protein-coding sequence of its own.
NO_PROTEIN: frozenset[str] = frozenset({"5'UTR", "non-coding", "antisense", "intergenic"})


@dataclass(frozen=True, slots=True)
class Side:
    """One partner's side of the junction in CDS terms.

    ``retained`` counts the non-exonic bases the partner keeps beyond its last (5')
    or before its first (3') exonic base; ``utr5_gap`` (3' side in the 5' UTR) the
    bases from the junction to the start codon, retained bases included.
    """

    region: Region
    cds_nt: int | None  # 5': last kept CDS nt; 3': first kept CDS nt (None outside CDS)
    phase: int | None  # 5': end phase; 3': start phase (5'UTR: (-gap) mod 3)
    utr5_gap: int = 0
    retained: int = 0


def five_prime_side(t: Transcript, last_tx: int, retained: int = 0) -> Side:
    """Where the 5' partner's last kept exonic base (cDNA ``last_tx``) lies."""
    return memoised(t, ("5'", last_tx, retained), lambda: _five_prime_side(t, last_tx, retained))


def three_prime_side(t: Transcript, first_tx: int, retained: int = 0) -> Side:
    """Where the 3' partner's first kept exonic base (cDNA ``first_tx``) lies."""
    return memoised(t, ("3'", first_tx, retained), lambda: _three_prime_side(t, first_tx, retained))


def _region(bounds: tuple[int, int] | None, tx: int) -> Region:
    """:func:`~fusionviz.coordinates.region_of_tx` from the CDS bounds in cDNA."""
    if bounds is None:
        return "non-coding"
    if tx < bounds[0]:
        return "5'UTR"
    return "3'UTR" if tx > bounds[1] else "CDS"


def _five_prime_side(t: Transcript, last_tx: int, retained: int) -> Side:
    bounds = cds_tx_bounds(t)
    region = _region(bounds, last_tx)
    if region != "CDS":
        return Side(region, None, None, retained=retained)
    assert bounds is not None  # region CDS guarantees it
    nt = last_tx - bounds[0] + 1
    if nt == bounds[1] - bounds[0] + 1:
        # The whole stop codon is kept: the 5' protein ends there.
        return Side("3'UTR", None, None, retained=retained)
    return Side("CDS", nt, (nt + retained) % 3, retained=retained)


def _three_prime_side(t: Transcript, first_tx: int, retained: int) -> Side:
    bounds = cds_tx_bounds(t)
    region = _region(bounds, first_tx)
    if region == "CDS":
        assert bounds is not None
        nt = first_tx - bounds[0] + 1
        return Side("CDS", nt, (nt - 1 - retained) % 3, retained=retained)
    if region == "5'UTR":
        assert bounds is not None
        gap = bounds[0] - first_tx + retained
        return Side("5'UTR", None, (-gap) % 3, utr5_gap=gap, retained=retained)
    return Side(region, None, None, retained=retained)


def no_protein_side(region: Region) -> Side:
    """A partner that contributes no coding sequence (antisense, intergenic, lncRNA)."""
    return Side(region, None, None)


def junction_class(s5: Side, s3: Side) -> str:
    """``CDS::CDS``, ``5'UTR::CDS``, ``CDS::3'UTR``, ``non-coding::CDS``, ``CDS::antisense`` ..."""
    return f"{s5.region}::{s3.region}"


def unread_bases(s5: Side, s3: Side) -> int:
    """Bases read in the 5' frame before the 3' coding sequence whose sequence the
    annotation does not give (retained intronic/flank bases, the 3' 5' UTR)."""
    n = s5.retained
    n += s3.utr5_gap if s3.region == "5'UTR" else s3.retained
    return n


def frame_of(s5: Side, s3: Side, inserted: int = 0) -> Frame:
    """The frame of :func:`call_frame` alone (no explanation: for readings that are
    only compared)."""
    if s5.region == "CDS" and s3.region in ("CDS", "5'UTR"):
        assert s5.phase is not None
        return "in-frame" if (s5.phase + inserted) % 3 == s3.phase else "out-of-frame"
    return "not-applicable"


def call_frame(
    s5: Side,
    s3: Side,
    gene5: str = "5' partner",
    gene3: str = "3' partner",
    *,
    inserted: int = 0,
) -> Junction:
    """The frame call with a plain-language explanation. ``inserted`` counts
    non-templated bases between the partners (their sequence is known)."""
    if s5.region == "CDS" and s3.region in ("CDS", "5'UTR"):
        return _coding_junction(s5, s3, gene5, gene3, inserted)
    return _junction(s5, s3, "not-applicable", _no_frame_explanation(s5, s3, gene5, gene3))


def _junction(
    s5: Side, s3: Side, frame: Frame, expl: list[str], *, inserted: int = 0, **codon: int
) -> Junction:
    return Junction(
        junction_class=junction_class(s5, s3),
        frame=frame,
        five_end_phase=s5.phase,
        three_start_phase=s3.phase,
        split_codon=bool(codon.get("from5") or codon.get("from3")) and frame == "in-frame",
        bases_from_5p=codon.get("from5", 0),
        bases_from_3p=codon.get("from3", 0),
        junction_residue=None,
        explanation=tuple(expl),
        inserted_bases=inserted,
        unread_bases=codon.get("unread", 0),
        verified=codon.get("unread", 0) == 0 or frame != "in-frame",
    )


def _coding_junction(s5: Side, s3: Side, gene5: str, gene3: str, inserted: int) -> Junction:
    p, q = s5.phase, s3.phase
    assert p is not None and q is not None
    expl = [_five_words(s5, gene5, p)]
    expl.append(_three_words(s3, gene3, q))
    if inserted:
        expl.append(f"{inserted} non-templated base(s) lie between the partners")
    pk = (p + inserted) % 3
    unread = unread_bases(s5, s3)
    if pk != q:
        shift = (pk - q) % 3
        what = (
            f"{gene3} is read shifted by {'+1' if shift == 1 else '-1'} nt, so its protein is "
            "not made"
            if s3.region == "CDS"
            else f"the {gene5} reading frame meets the {gene3} start codon out of frame"
        )
        expl.append(f"phases differ ({_sum(p, inserted)} != {q}): out of frame; {what}")
        return _junction(s5, s3, "out-of-frame", expl, inserted=inserted)
    from5 = (s5.cds_nt or 0) % 3 + s5.retained
    from3 = (3 - (s3.cds_nt - 1) % 3) % 3 + s3.retained if s3.region == "CDS" else s3.utr5_gap
    if s3.region == "5'UTR":
        expl.append(
            f"({_sum(p, inserted)} + {s3.utr5_gap}) is a multiple of 3: the {gene5} reading "
            f"frame reaches the {gene3} start codon in frame"
        )
    elif from5 + from3 + inserted == 0:
        expl.append(f"phases match ({p} = {q}): in frame; the junction falls between codons")
    elif not (inserted or s5.retained or s3.retained):
        expl.append(
            f"phases match ({p} = {q}): in frame; the junction codon is split, "
            f"{from5} nt from {gene5} + {from3} nt from {gene3}"
        )
    else:
        expl.append(
            f"phases match ({_sum(p, inserted)} = {q}): in frame; the junction codon(s) take "
            f"{from5} nt from {gene5}"
            + (f" + {inserted} non-templated nt" if inserted else "")
            + f" + {from3} nt from {gene3}"
        )
    if unread:
        expl.append(
            f"unverified: {unread} nt read in frame before the {gene3} coding sequence "
            f"({_unread_words(s5, s3, gene5, gene3)}) are not in the annotation used; a stop "
            "codon there would end the protein. Nucleotide sequence (--release N, or the "
            "caller's junction sequence) would decide it"
        )
    return _junction(
        s5, s3, "in-frame", expl, inserted=inserted, from5=from5, from3=from3, unread=unread
    )


def _sum(p: int, inserted: int) -> str:
    return f"{p} + {inserted}" if inserted else str(p)


def _five_words(s5: Side, gene5: str, p: int) -> str:
    base = f"{gene5} contributes CDS nt 1-{s5.cds_nt}"
    if s5.retained:
        base += f" and {s5.retained} intronic/flanking nt after it"
    return f"{base} (end phase {p}: {_phase_words(p, five=True)})"


def _three_words(s3: Side, gene3: str, q: int) -> str:
    if s3.region == "5'UTR":
        return (
            f"{gene3} is joined in its 5' UTR, {s3.utr5_gap} nt before its start codon "
            f"(start phase {q})"
        )
    lead = f"{s3.retained} intronic/flanking nt and then " if s3.retained else ""
    return (
        f"{gene3} contributes {lead}CDS nt {s3.cds_nt} onwards (start phase {q}: "
        f"{_phase_words((s3.cds_nt - 1) % 3, five=False)})"
    )


def _unread_words(s5: Side, s3: Side, gene5: str, gene3: str) -> str:
    parts = []
    if s5.retained:
        parts.append(f"{s5.retained} nt of {gene5} beyond its exon")
    if s3.region == "5'UTR":
        parts.append(f"{s3.utr5_gap} nt of {gene3} before its start codon")
    elif s3.retained:
        parts.append(f"{s3.retained} nt of {gene3} before its exon")
    return "; ".join(parts)


def _no_frame_explanation(s5: Side, s3: Side, gene5: str, gene3: str) -> list[str]:
    expl: list[str] = []
    if s5.region in NO_PROTEIN:
        where = {
            "5'UTR": "5' UTR",
            "non-coding": "a non-coding transcript",
            "antisense": f"sequence antisense to {gene5}",
            "intergenic": "intergenic sequence",
        }[s5.region]
        expl.append(
            f"the {gene5} part ends in {where}: no {gene5} protein sequence is kept "
            "(a promoter / UTR fusion), so frame does not apply"
        )
        if s3.region == "CDS":
            expl.append(
                f"{gene3} can be made only from an ATG inside its kept sequence: "
                f"translation would start at the first in-frame Met downstream of the junction"
            )
        elif s3.region == "5'UTR":
            expl.append(f"{gene3} keeps its own start codon: its full-length protein can be made")
        elif s3.region == "antisense":
            expl.append(f"{gene3} is joined antisense: no {gene3} protein")
        else:
            expl.append(f"{gene3} keeps no coding sequence: no fusion protein")
    elif s5.region == "3'UTR":
        expl.append(
            f"the {gene5} part ends after its stop codon: the full {gene5} protein is made and "
            f"{gene3} is not translated, so frame does not apply"
        )
    else:  # 5' CDS joined to 3' UTR, non-coding, antisense or intergenic sequence
        where3 = {
            "3'UTR": "its 3' UTR",
            "antisense": "sequence antisense to it (no protein)",
            "intergenic": "intergenic sequence",
        }.get(s3.region, "non-coding sequence")
        expl.append(
            f"{gene5} contributes CDS nt 1-{s5.cds_nt}; {gene3} is joined in {where3}, "
            "so the protein ends in an untemplated tail of unknown length; frame does not apply"
        )
    return expl


def _phase_words(phase: int, *, five: bool) -> str:
    if phase == 0:
        return "ends after a complete codon" if five else "starts with a complete codon"
    if five:
        return f"ends after base {phase} of a codon"
    return f"starts at base {phase + 1} of a codon"
