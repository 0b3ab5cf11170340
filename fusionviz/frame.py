"""Frame at a fusion junction: phases, the split junction codon, in/out of frame.

Pure arithmetic on :class:`~fusionviz.models.Transcript` objects and cDNA
positions (see :mod:`fusionviz.coordinates`). The 5' partner keeps cDNA
``1 .. last5``; the 3' partner keeps cDNA ``first3 .. end``.

::

    5' CDS nt   ... 751 752 753 | 754          (last kept nt 754, end phase 754 % 3 = 1)
    3' CDS nt                        3068 3069 | 3070 ...   (first kept nt 3068,
                                                            start phase 3067 % 3 = 1)
    junction codon = 1 nt from the 5' partner + 2 nt from the 3' partner

A 3' partner joined in its 5' UTR has a "start phase" too: the number of UTR
bases ``g`` between the junction and its start codon gives ``(-g) mod 3`` (the
5' reading frame meets the 3' start codon in frame iff ``(p + g) % 3 == 0``).
"""

from __future__ import annotations

from dataclasses import dataclass

from fusionviz.coordinates import cds_tx_bounds, region_of_tx, tx_to_cds
from fusionviz.models import Frame, Junction, Region, Transcript


@dataclass(frozen=True, slots=True)
class Side:
    """One partner's side of the junction in CDS terms."""

    region: Region
    cds_nt: int | None  # 5': last kept CDS nt; 3': first kept CDS nt (None outside CDS)
    phase: int | None  # 5': end phase; 3': start phase (5'UTR: (-gap) mod 3)
    utr5_gap: int = 0  # 3' side in 5'UTR: bases from the junction to the start codon


def five_prime_side(t: Transcript, last_tx: int) -> Side:
    """Where the 5' partner's last kept base (cDNA ``last_tx``) lies."""
    region = region_of_tx(t, last_tx)
    if region != "CDS":
        return Side(region, None, None)
    nt = tx_to_cds(t, last_tx)
    assert nt is not None  # region CDS guarantees it
    return Side("CDS", nt, nt % 3)


def three_prime_side(t: Transcript, first_tx: int) -> Side:
    """Where the 3' partner's first kept base (cDNA ``first_tx``) lies."""
    region = region_of_tx(t, first_tx)
    if region == "CDS":
        nt = tx_to_cds(t, first_tx)
        assert nt is not None
        return Side("CDS", nt, (nt - 1) % 3)
    if region == "5'UTR":
        bounds = cds_tx_bounds(t)
        assert bounds is not None
        gap = bounds[0] - first_tx
        return Side("5'UTR", None, (-gap) % 3, utr5_gap=gap)
    return Side(region, None, None)


def junction_class(s5: Side, s3: Side) -> str:
    """``CDS::CDS``, ``5'UTR::CDS``, ``CDS::3'UTR``, ``non-coding::CDS`` ..."""
    return f"{s5.region}::{s3.region}"


def call_frame(
    s5: Side, s3: Side, gene5: str = "5' partner", gene3: str = "3' partner"
) -> Junction:
    """The frame call with a plain-language explanation."""
    cls = junction_class(s5, s3)
    expl: list[str] = []
    frame: Frame = "not-applicable"
    split = False
    from5 = from3 = 0
    if s5.region == "CDS" and s3.region == "CDS":
        p, q = s5.phase, s3.phase
        assert p is not None and q is not None
        expl.append(
            f"{gene5} contributes CDS nt 1-{s5.cds_nt} (end phase {p}: "
            f"{_phase_words(p, five=True)})"
        )
        expl.append(
            f"{gene3} contributes from CDS nt {s3.cds_nt} (start phase {q}: "
            f"{_phase_words(q, five=False)})"
        )
        if p == q:
            frame = "in-frame"
            split = p != 0
            from5, from3 = p, (3 - q) % 3
            if split:
                expl.append(
                    f"phases match ({p} = {q}): in frame; the junction codon is split, "
                    f"{from5} nt from {gene5} + {from3} nt from {gene3}"
                )
            else:
                expl.append(
                    f"phases match ({p} = {q}): in frame; the junction falls between codons"
                )
        else:
            frame = "out-of-frame"
            shift = (p - q) % 3
            expl.append(
                f"phases differ ({p} != {q}): out of frame; {gene3} is read shifted by "
                f"{'+1' if shift == 1 else '-1'} nt, so its protein is not made"
            )
    elif s5.region == "CDS" and s3.region == "5'UTR":
        p, q = s5.phase, s3.phase
        assert p is not None and q is not None
        expl.append(
            f"{gene5} contributes CDS nt 1-{s5.cds_nt} (end phase {p}); {gene3} is joined "
            f"in its 5' UTR, {s3.utr5_gap} nt before its start codon"
        )
        if p == q:
            frame = "in-frame"
            expl.append(
                f"({p} + {s3.utr5_gap}) is a multiple of 3: the {gene5} reading frame reaches the "
                f"{gene3} start codon in frame, provided the {s3.utr5_gap} nt of 5' UTR hold no "
                "stop codon (not checkable without nucleotide sequence)"
            )
        else:
            frame = "out-of-frame"
            expl.append(
                f"({p} + {s3.utr5_gap}) is not a multiple of 3: the {gene5} reading frame "
                f"meets the {gene3} coding sequence out of frame"
            )
    elif s5.region in ("5'UTR", "non-coding"):
        where = "5' UTR" if s5.region == "5'UTR" else "a non-coding transcript"
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
        else:
            expl.append(f"{gene3} keeps no coding sequence: no fusion protein")
    elif s5.region == "3'UTR":
        expl.append(
            f"the {gene5} part ends after its stop codon: the full {gene5} protein is made and "
            f"{gene3} is not translated, so frame does not apply"
        )
    else:  # 5' CDS joined to 3' UTR or non-coding sequence
        where3 = "its 3' UTR" if s3.region == "3'UTR" else "non-coding sequence"
        expl.append(
            f"{gene5} contributes CDS nt 1-{s5.cds_nt}; {gene3} is joined in {where3}, "
            "so the protein ends in an untemplated tail of unknown length; frame does not apply"
        )
    return Junction(
        junction_class=cls,
        frame=frame,
        five_end_phase=s5.phase,
        three_start_phase=s3.phase,
        split_codon=split,
        bases_from_5p=from5,
        bases_from_3p=from3,
        junction_residue=None,
        explanation=tuple(expl),
    )


def _phase_words(phase: int, *, five: bool) -> str:
    if phase == 0:
        return "ends after a complete codon" if five else "starts with a complete codon"
    if five:
        return f"ends after base {phase} of a codon"
    return f"starts at base {phase + 1} of a codon"
