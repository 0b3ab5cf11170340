"""fusionviz's frame call against the caller's own, with the reason when they differ."""

from __future__ import annotations

from dataclasses import dataclass

from fusionviz.models import AnnotatedFusion, Transcript


@dataclass(frozen=True, slots=True)
class FrameCheck:
    """fusionviz's frame call against the caller's."""

    status: str  # "agrees", "differs" or "" (caller made no comparable call)
    caller_frame: str
    reason: str = ""


def _extra(af: AnnotatedFusion) -> dict[str, str]:
    return dict(af.request.extra or af.extra)


def frame_check(af: AnnotatedFusion) -> FrameCheck:
    """Compare the caller's frame call (``caller_frame`` in the row's extra fields)
    with ours and say why they differ."""
    extra = _extra(af)
    theirs = extra.get("caller_frame", "")
    if theirs not in ("in-frame", "out-of-frame") or af.frame == "not-applicable":
        return FrameCheck("", theirs)
    if theirs == af.frame:
        return FrameCheck("agrees", theirs)
    p5, p3, j = af.five_prime, af.three_prime, af.junction
    why = [
        f"{extra.get('caller', 'the caller')} says {theirs}; fusionviz says {af.frame} on "
        f"{p5.transcript.label} exon {p5.exon} (end phase {_ph(j.five_end_phase)}) :: "
        f"{p3.transcript.label} exon {p3.exon} (start phase {_ph(j.three_start_phase)})"
    ]
    t5, t3 = extra.get("caller_transcript5", ""), extra.get("caller_transcript3", "")
    used = []
    if t5 and not _same_tx(t5, p5.transcript):
        used.append(f"5' {t5}")
    if t3 and not _same_tx(t3, p3.transcript):
        used.append(f"3' {t3}")
    if used:
        why.append(f"the caller used other transcripts ({', '.join(used)})")
    kept = _junction_shift(af)
    if kept is not None:
        n5, n3, frame_if_kept = kept
        why.append(
            f"the caller's junction is {_bases(n5, n3)} from the exon boundaries fusionviz "
            f"uses; if the RNA keeps exactly the caller's bases the junction reads "
            f"{frame_if_kept} (stop codons in those bases not checked)"
        )
    other = [a for a in af.alternatives if a.frame == theirs]
    if other:
        alts = ", ".join(
            f"{a.five_transcript} exon {a.five_exon} :: {a.three_transcript} exon {a.three_exon}"
            for a in other[:3]
        )
        why.append(f"{theirs} on other transcripts: {alts}")
    why += [w for w in af.warnings if "bp" in w or "intron" in w][:2]
    return FrameCheck("differs", theirs, "; ".join(why))


def _junction_shift(af: AnnotatedFusion) -> tuple[int, int, str] | None:
    """For a breakpoint row read as an exon boundary although the caller's bases are
    off it: (bases the 5' side keeps beyond its boundary, bases the 3' side keeps
    before its boundary, the frame if the RNA really joins the caller's bases)."""
    from fusionviz.breakpoints import locate

    p, q = af.junction.five_end_phase, af.junction.three_start_phase
    if p is None or q is None:
        return None
    n = []
    for spec, partner, sign in (
        (af.request.five_prime, af.five_prime, 1),
        (af.request.three_prime, af.three_prime, -1),
    ):
        bp = spec.breakpoint
        if bp is None or bp.contig != partner.transcript.contig:
            n.append(0)
            continue
        loc = locate(partner.transcript, bp.position, partner.role)
        snapped = loc.kind in ("splice_site", "intronic") and loc.exon == partner.exon
        n.append(sign * loc.offset if snapped else 0)
    n5, n3 = n
    if n5 == 0 and n3 == 0:
        return None
    frame = "in-frame" if (p + n5 + n3 - q) % 3 == 0 else "out-of-frame"
    return n5, n3, frame


def _bases(n5: int, n3: int) -> str:
    parts = []
    if n5:
        parts.append(f"{abs(n5)} bp {'after' if n5 > 0 else 'before'} the 5' exon end")
    if n3:
        parts.append(f"{abs(n3)} bp {'before' if n3 > 0 else 'after'} the 3' exon start")
    return " and ".join(parts)


def _ph(p: int | None) -> str:
    return "-" if p is None else str(p)


def _same_tx(ident: str, t: Transcript) -> bool:
    base = ident.split(".")[0].upper()
    return base in {(t.transcript_id or "").split(".")[0].upper(), t.name.upper()}
