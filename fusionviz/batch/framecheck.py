"""fusionviz's frame call against the caller's own, with the reason when they differ.

``differs`` whenever the caller made an in/out-of-frame call and fusionviz did not
make the same one (a fusionviz ``not-applicable`` included). The reason names the
real cause, from a fixed set of classes (:data:`REASON_CLASSES`), so that every
disagreement can be counted and checked (``benchmarks/peer_agreement.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

from fusionviz.models import AnnotatedFusion, Transcript

#: Reason classes, in the order they are tried (the first that applies names the row).
REASON_CLASSES = (
    "antisense orientation",
    "non-coding or intergenic partner",
    "stop codon read in the unread bases",
    "intronic bases kept (sequence unknown)",
    "caller's transcripts read so at the same junction",
    "caller's own sequence has a stop",
    "exact bases off a splice site",
    "non-templated bases at the junction",
    "other transcripts at the same junction",
    "caller used other transcripts",
    "no coding sequence on one side",
    "junction in the 3' partner's 5' UTR",
    "unverified in-frame reading",
    "caller's frame on no annotated transcript pair",
    "unexplained",
)


@dataclass(frozen=True, slots=True)
class FrameCheck:
    """fusionviz's frame call against the caller's."""

    status: str  # "agrees", "differs" or "" (caller made no comparable call)
    caller_frame: str
    reason: str = ""
    reason_class: str = ""


def _extra(af: AnnotatedFusion) -> dict[str, str]:
    return dict(af.request.extra or af.extra)


def frame_check(af: AnnotatedFusion) -> FrameCheck:
    """Compare the caller's frame call (``caller_frame`` in the row's extra fields)
    with ours and say why they differ."""
    extra = _extra(af)
    theirs = extra.get("caller_frame", "")
    if theirs not in ("in-frame", "out-of-frame"):
        return FrameCheck("", theirs)
    if theirs == af.frame and (af.junction.verified or theirs == "out-of-frame"):
        return FrameCheck("agrees", theirs)
    if theirs == af.frame:
        # The caller read the bases fusionviz could not: same call, ours conditional.
        return FrameCheck("agrees", theirs, "fusionviz's in-frame reading is unverified")
    caller = extra.get("caller", "the caller")
    found = _reasons(af, theirs, extra)
    cls = next((c for c in REASON_CLASSES if c in found), "unexplained")
    head = f"{caller} says {theirs}; fusionviz says {af.frame} ({_where(af)})"
    parts = [head] + [found[c] for c in REASON_CLASSES if c in found]
    return FrameCheck("differs", theirs, "; ".join(parts), cls)


def _where(af: AnnotatedFusion) -> str:
    p5, p3, j = af.five_prime, af.three_prime, af.junction
    if p5.transcript is None or p3.transcript is None:
        return j.junction_class
    return (
        f"{p5.transcript.label} exon {p5.exon} (end phase {_ph(j.five_end_phase)}) :: "
        f"{p3.transcript.label} exon {p3.exon} (start phase {_ph(j.three_start_phase)}), "
        f"{j.junction_class}"
    )


def _reasons(af: AnnotatedFusion, theirs: str, extra: dict[str, str]) -> dict[str, str]:
    """Every reason class that applies to this row, with its sentence."""
    # Each helper adds its classes in turn: the order of the keys is the order shown.
    out: dict[str, str] = {}
    _partner_reasons(af, out)
    _sequence_reasons(af, theirs, extra, out)
    same = _transcript_reasons(af, theirs, extra, out)
    _junction_reasons(af, same, out)
    return out


def _partner_reasons(af: AnnotatedFusion, out: dict[str, str]) -> None:
    """Adds the classes of a partner that makes no protein (antisense, non-coding)."""
    for p in (af.five_prime, af.three_prime):
        if p.region == "antisense":
            out["antisense orientation"] = (
                f"{p.gene} is joined antisense (the fusion RNA runs against its strand): "
                f"no {p.gene} protein"
            )
        if p.transcript is None:
            what = p.placement.statements[-1] if p.placement and p.placement.statements else ""
            out["non-coding or intergenic partner"] = what or f"{p.gene} has no coding transcript"


def _sequence_reasons(
    af: AnnotatedFusion, theirs: str, extra: dict[str, str], out: dict[str, str]
) -> None:
    """Adds the classes about the bases read: stops, intronic or exact bases, insertions."""
    j = af.junction
    text = " ".join(j.explanation)
    if "stop codon" in j.explanation[0] and "before the" in j.explanation[0]:
        out["stop codon read in the unread bases"] = j.explanation[0]
    elif "keeps" in text and "cannot be predicted" in text:
        out["intronic bases kept (sequence unknown)"] = j.explanation[0]
    seq_stop = _caller_sequence_stop(af) if theirs == "in-frame" else None
    if seq_stop and _same_five_prime(af, extra):
        # The caller read the 5' partner in the same frame (its 5' transcript is
        # fusionviz's, or not named): the stop contradicts its in-frame call.
        out["caller's own sequence has a stop"] = seq_stop
    elif seq_stop:
        out["caller used other transcripts"] = seq_stop
    pair = (af.five_prime, af.three_prime)
    offs = [p for p in pair if p.placement and p.placement.reading != "exon boundary"]
    for p in offs:
        pl = p.placement
        assert pl is not None
        if pl.reading in ("exact bases", "retained intron"):
            out["exact bases off a splice site"] = (
                f"{pl.statements[0] if pl.statements else p.gene}; fusionviz keeps the exact bases "
                "(a caller that moves them onto the exon boundary reads another frame)"
            )
            break
    if j.inserted_bases % 3:
        out["non-templated bases at the junction"] = (
            f"{j.inserted_bases} non-templated base(s) between the partners shift the frame"
        )


def _transcript_reasons(
    af: AnnotatedFusion, theirs: str, extra: dict[str, str], out: dict[str, str]
) -> list:
    """Adds the classes about other transcripts; returns the readings that give the caller's
    frame."""
    same = [r for r in af.junction_readings if r.frame == theirs]
    mine = _callers_reading(af, extra, same)
    if mine:
        out["caller's transcripts read so at the same junction"] = mine
    if same:
        listed = ", ".join(r.pair for r in same[:4])
        more = f" (+{len(same) - 4} more)" if len(same) > 4 else ""
        out["other transcripts at the same junction"] = f"{theirs} on {listed}{more}"
    used = _caller_transcripts(af, extra)
    if used:
        said = out.get("caller used other transcripts")
        out["caller used other transcripts"] = f"the caller used {used}" + (
            f" ({said})" if said else ""
        )
    return same


def _junction_reasons(af: AnnotatedFusion, same: list, out: dict[str, str]) -> None:
    """Adds the classes of the junction itself: UTR sides, unverified or unmatched frames."""
    p5, p3, j = af.five_prime, af.three_prime, af.junction
    five, _, three = j.junction_class.partition("::")
    if af.frame == "not-applicable" and (five in ("5'UTR", "3'UTR") or three == "3'UTR"):
        out["no coding sequence on one side"] = j.explanation[0]
    if j.junction_class == "CDS::5'UTR":
        out["junction in the 3' partner's 5' UTR"] = (
            f"{p3.gene} is joined in its 5' UTR: fusionviz reads the frame relative to its start "
            "codon (callers differ in how they call such junctions)"
        )
    if af.frame == "in-frame" and not j.verified:
        out["unverified in-frame reading"] = (
            f"{j.unread_bases} nt read in frame are not in the annotation used"
        )
    readings = af.junction_readings
    exact = all(
        p.placement is not None and p.placement.reading == "exon boundary" for p in (p5, p3)
    )
    if exact and not same and af.frame in ("in-frame", "out-of-frame"):
        out["caller's frame on no annotated transcript pair"] = (
            f"every Ensembl transcript pair of the annotation used at this junction "
            f"({len(readings) + 1}) reads {af.frame}; the caller's own annotation may hold "
            "another transcript"
        )


def _callers_reading(af: AnnotatedFusion, extra: dict[str, str], same: list) -> str:
    """The caller's own transcript pair among the readings that give its frame."""
    t5, t3 = extra.get("caller_transcript5", ""), extra.get("caller_transcript3", "")
    if not (t5 or t3):
        return ""

    def match(ident: str, label: str, used) -> bool:
        if not ident:
            return used is not None and label == used.label
        return ident.split(".")[0].upper() == label.split(".")[0].upper()

    for r in same:
        if match(t5, r.five_transcript, af.five_prime.transcript) and match(
            t3, r.three_transcript, af.three_prime.transcript
        ):
            return (
                f"on the caller's transcripts ({r.pair}) the same junction is {r.frame}; "
                "fusionviz uses the default (MANE Select) transcripts unless an exact exon "
                "boundary is only on another"
            )
    return ""


def _caller_sequence_stop(af: AnnotatedFusion) -> str | None:
    """The caller's junction sequence read in the 5' frame: a stop right after the
    junction contradicts an in-frame call."""
    from fusionviz.sequence_check import first_stop

    seq, p5 = af.request.junction_sequence, af.five_prime
    pl = p5.placement
    if seq is None or p5.cds_boundary_nt is None or pl is None or pl.reading == "microhomology":
        return None
    hit = first_stop(p5.cds_boundary_nt, pl.retained, seq)
    if hit is None:
        return None
    offset, codon = hit
    label = p5.transcript.label if p5.transcript else p5.gene
    return (
        f"the caller's own junction sequence ({seq.source}), read in the {p5.gene} frame of "
        f"{label}, has a stop codon ({codon}) {offset} nt after the junction"
    )


def _same_five_prime(af: AnnotatedFusion, extra: dict[str, str]) -> bool:
    t5, used = extra.get("caller_transcript5", ""), af.five_prime.transcript
    return not t5 or (used is not None and _same_tx(t5, used))


def _caller_transcripts(af: AnnotatedFusion, extra: dict[str, str]) -> str:
    used = []
    for key, p, role in (
        ("caller_transcript5", af.five_prime, "5'"),
        ("caller_transcript3", af.three_prime, "3'"),
    ):
        t = extra.get(key, "")
        if t and p.transcript is not None and not _same_tx(t, p.transcript):
            used.append(f"{role} {t}")
    return ", ".join(used)


def _ph(p: int | None) -> str:
    return "-" if p is None else str(p)


def _same_tx(ident: str, t: Transcript) -> bool:
    base = ident.split(".")[0].upper()
    return base in {(t.transcript_id or "").split(".")[0].upper(), t.name.upper()}
