"""Exon-numbering readings: other transcripts (or nearby exon pairs) on which the
same exon NUMBERS would give an in-frame junction.

This answers a question about exon-number input only ("is the numbering the one
the lab meant?"); genomic and caller input describe one genomic junction and get
:func:`fusionviz.annotate.junction_readings` instead.
"""

from __future__ import annotations

from fusionviz.breakpoints import exon_boundary_position
from fusionviz.coordinates import exon_boundary_tx
from fusionviz.errors import FusionvizError
from fusionviz.frame import five_prime_side, three_prime_side
from fusionviz.models import ExonNumberingAlternative, Role, Transcript
from fusionviz.resolve import ResolvedPartner
from fusionviz.sources.base import AnnotationSource


def in_frame_cds(t5: Transcript, e5: int, t3: Transcript, e3: int) -> bool:
    """True when exon e5 of t5 :: exon e3 of t3 is an in-frame CDS::CDS junction: the
    frame call of :func:`fusionviz.frame.call_frame` without building its explanation."""
    if not (1 <= e5 <= t5.n_exons and 1 <= e3 <= t3.n_exons):
        return False
    s5 = five_prime_side(t5, exon_boundary_tx(t5, e5, "5'"))
    s3 = three_prime_side(t3, exon_boundary_tx(t3, e3, "3'"))
    return s5.region == s3.region == "CDS" and s5.phase == s3.phase


def _same_boundary(t_alt: Transcript, exon: int, t_ref: Transcript, role: Role) -> int | None:
    """Exon of ``t_ref`` whose kept boundary is the same genomic base as ``exon`` of ``t_alt``."""
    if t_alt.contig != t_ref.contig:
        return None
    pos = exon_boundary_position(t_alt, exon, role)
    for e in t_ref.exons:
        if exon_boundary_position(t_ref, e.number, role) == pos:
            return e.number
    return None


def exon_numbering_alternatives(
    source: AnnotationSource, r5: ResolvedPartner, r3: ResolvedPartner
) -> tuple[ExonNumberingAlternative, ...]:
    """Readings of the same exon numbers that would be in frame.

    First, other transcripts of ONE partner (the other kept on the transcript
    used) on which the same exon number is in frame: the usual way a lab's
    numbering differs (HMBOX1-203 has one more 5' non-coding exon than MANE).
    Pairs of alternative transcripts are listed only when no single change
    works. Then nearby exon pairs on the transcripts used (one exon off on one
    side), the usual off-by-one in a report.
    """
    t5, t3, e5, e3 = r5.transcript, r3.transcript, r5.exon, r3.exon
    try:
        alts5 = source.transcripts(t5.gene)
        alts3 = source.transcripts(t3.gene)
    except FusionvizError:
        alts5, alts3 = (t5,), (t3,)

    def reading(a5: Transcript, a3: Transcript) -> ExonNumberingAlternative | None:
        return _reading_on(a5, a3, (t5, e5), (t3, e3))

    single = [reading(a5, t3) for a5 in alts5 if a5 != t5]
    single += [reading(t5, a3) for a3 in alts3 if a3 != t3]
    out = [a for a in single if a is not None]
    if not out:
        double = (reading(a5, a3) for a5 in alts5 for a3 in alts3 if a5 != t5 and a3 != t3)
        out = [a for a in double if a is not None]
    out += _nearby_pairs(t5, e5, t3, e3)
    return tuple(out)


def _reading_on(
    a5: Transcript, a3: Transcript, used5: tuple[Transcript, int], used3: tuple[Transcript, int]
) -> ExonNumberingAlternative | None:
    """The same exon numbers counted on ``a5``/``a3`` instead of the transcripts used
    (``used5``/``used3`` = (transcript, exon)), when that reading is in frame."""
    (t5, e5), (t3, e3) = used5, used3
    if not in_frame_cds(a5, e5, a3, e3):
        return None
    parts = []
    for alt, ref, exon, role in ((a5, t5, e5, "5'"), (a3, t3, e3, "3'")):
        if alt == ref:
            continue
        same = _same_boundary(alt, exon, ref, role)
        alt_name = alt.name if alt.name else alt.label
        parts.append(
            f"{alt_name} exon {exon} = exon {same} of {ref.label}"
            if same
            else f"{alt_name} exon {exon} has no counterpart boundary on {ref.label}"
        )
    return ExonNumberingAlternative(
        a5.label,
        e5,
        a3.label,
        e3,
        "in-frame",
        f"in frame if exons are numbered on {a5.name}/{a3.name} ({'; '.join(parts)})",
    )


def _nearby_pairs(
    t5: Transcript, e5: int, t3: Transcript, e3: int
) -> list[ExonNumberingAlternative]:
    """Exon pairs one exon off on one side, on the same transcripts, that are in frame."""
    out = []
    for d5, d3 in ((-1, 0), (1, 0), (0, -1), (0, 1)):
        if not in_frame_cds(t5, e5 + d5, t3, e3 + d3):
            continue
        out.append(
            ExonNumberingAlternative(
                t5.label,
                e5 + d5,
                t3.label,
                e3 + d3,
                "in-frame",
                f"nearby exon pair {t5.gene} e{e5 + d5}::{t3.gene} e{e3 + d3} on the same "
                "transcripts is in frame",
            )
        )
    return out
