"""Names and the one-line verdicts of an annotated fusion (pure)."""

from __future__ import annotations

from fusionviz import coordinates as co
from fusionviz import domains as dm
from fusionviz.models import (
    AnnotatedFusion,
    ExonNumberingAlternative,
    FusionNames,
    FusionProtein,
    Junction,
    JunctionReading,
    PartnerResult,
)
from fusionviz.resolve import ResolvedPartner


def composition(protein: FusionProtein) -> str:
    """'SQSTM1 aa 1-251 + junction codon (SQSTM1 252 / ALK 1023) + ALK aa 1024-1620'."""
    parts = []
    for s in protein.segments:
        if s.kind == "junction":
            g5, g3 = s.gene.split("/")
            n = (s.fusion_end or s.fusion_start) - s.fusion_start + 1
            what = "junction codon" if n == 1 else f"{n} junction residues"
            parts.append(f"{what} ({g5} {s.partner_start} / {g3} {s.partner_end or '?'})")
        elif s.kind == "frameshift":
            end = f" to residue {s.fusion_end}" if s.fusion_end else " to an unknown premature stop"
            gene, untranslated = s.gene.removesuffix(" (untranslated)"), "(untranslated)" in s.gene
            what = "untranslated" if untranslated else "frameshifted"
            parts.append(f"{what} {gene} sequence{end}")
        else:
            parts.append(f"{s.gene} aa {s.partner_start}-{s.partner_end}")
    return " + ".join(parts) if parts else "no fusion protein"


def _hgvs_part(r: ResolvedPartner, role: str) -> str:
    t = r.transcript
    if t is None or r.tx_boundary is None:
        return f"({r.name}: no transcript)"
    if r.region == "antisense":
        return f"{t.label}({t.gene}):antisense"
    anchor = co.c_position(t, r.tx_boundary)
    if role == "5'":
        tail = f"+{r.retained}" if r.retained else ""
        return f"{t.label}({t.gene}):r.{co.c_position(t, 1)}_{anchor}{tail}"
    lead = f"-{r.retained}" if r.retained else ""
    end = co.c_position(t, co.transcript_length(t))
    return f"{t.label}({t.gene}):r.{anchor}{lead}_{end}"


def fusion_names(r5: ResolvedPartner, r3: ResolvedPartner) -> FusionNames:
    """HGNC name, clinical short form and an HGVS-style junction."""
    from fusionviz.notation import hgnc_name

    def short(r: ResolvedPartner) -> str:
        return f"{r.name[:1].upper()}{r.exon if r.exon is not None else '?'}"

    return FusionNames(
        hgnc=hgnc_name(r5.name, r3.name),
        short=f"{short(r5)};{short(r3)}",
        hgvs=_hgvs_part(r5, "5'") + "::" + _hgvs_part(r3, "3'"),
    )


def _exons(first: int | None, last: int | None) -> str:
    return f"exon {first}" if first == last else f"exons {first}-{last}"


def _frame_line(p5: PartnerResult, p3: PartnerResult, j: Junction, protein: FusionProtein) -> str:
    g5, g3 = p5.gene, p3.gene
    t5, t3 = p5.transcript, p3.transcript
    if j.frame == "in-frame" and t3 is not None:
        span = f"{g5} {_exons(1, p5.exon)} joined to {g3} {_exons(p3.exon, t3.n_exons)}"
        if j.verified:
            length = f"{protein.length}-aa fusion protein" if protein.length else "fusion protein"
            return f"In frame: {span}; {length} = {composition(protein)}"
        cond = protein.conditional_length
        size = f"a {cond}-aa fusion protein" if cond else "a fusion protein"
        return (
            f"In frame at the junction, unverified: {span}; {j.unread_bases} nt read in frame "
            f"before the {g3} coding sequence are not in the annotation used; only if they hold "
            f"no stop codon is it {size} = {composition(protein)}"
        )
    if j.frame == "out-of-frame" and t5 is not None and t3 is not None:
        return (
            f"Out of frame on {t5.label}/{t3.label}: {g3} protein is not made from this junction "
            f"({j.junction_class})"
        )
    return f"Frame not applicable ({j.junction_class}): {j.explanation[0]}"


def verdict_lines(
    p5: PartnerResult,
    p3: PartnerResult,
    junction: Junction,
    protein: FusionProtein,
    alts: tuple[ExonNumberingAlternative, ...],
    readings: tuple[JunctionReading, ...] = (),
) -> tuple[str, ...]:
    """The frame verdict, one clinical line per partner, the exon-numbering alert and,
    out of frame, the other transcripts on which the same junction reads in frame."""
    lines = [_frame_line(p5, p3, junction, protein)]
    for p in (p3, p5):
        if p.transcript is None:
            lines.append(f"{p.gene}: {p.no_transcript}; no domains")
            continue
        lines.append(
            dm.partner_verdict(p.gene, p.domains, kept_any=p.kept_aa is not None, kept=p.kept_aa)
        )
    tx_alts = [a for a in alts if not a.reason.startswith("nearby")]
    if tx_alts:
        lines.append(
            "Exon numbering matters: "
            + "; ".join(a.reason for a in tx_alts[:3])
            + (f" (+{len(tx_alts) - 3} more)" if len(tx_alts) > 3 else "")
        )
    other = in_frame_elsewhere(junction.frame, readings)
    if other:
        pairs = "; ".join(r.pair for r in other[:3])
        more = f" (+{len(other) - 3} more pairs)" if len(other) > 3 else ""
        lines.append(
            f"The transcripts decide: the same junction is in frame on {pairs}{more}; which "
            "isoforms the fusion RNA joins would decide it (its sequence across the "
            "alternative exons: an assembled contig or long reads)"
        )
    return tuple(lines)


def numbering_alternatives(af: AnnotatedFusion) -> list[ExonNumberingAlternative]:
    """In-frame readings of the same exon numbers on other transcripts."""
    used = (af.five_prime.transcript_label, af.three_prime.transcript_label)
    return [
        a
        for a in af.alternatives
        if a.frame == "in-frame" and (a.five_transcript, a.three_transcript) != used
    ]


def in_frame_elsewhere(frame: str, readings: tuple[JunctionReading, ...]) -> list[JunctionReading]:
    """Coding-to-coding readings of the same junction, on other transcript pairs, that are
    in frame while the pair used is out of frame (a UTR reading is left out: it is only
    conditionally in frame)."""
    if frame != "out-of-frame":
        return []
    return [r for r in readings if r.frame == "in-frame" and r.junction_class == "CDS::CDS"]


def headline_words(af: AnnotatedFusion) -> str:
    """The verdict in a few words, the same in every output (text header, figure, web):
    never a plain "out of frame" when other exon numberings of the same exon numbers
    read in frame, never a plain "in frame" through bases nobody has read."""
    if af.frame != "in-frame" and numbering_alternatives(af):
        return "depends on exon numbering"
    if in_frame_elsewhere(af.frame, af.junction_readings):
        return "depends on the transcripts"
    if af.frame == "in-frame" and not af.junction.verified:
        return "in frame, unverified"
    return {"in-frame": "in frame", "out-of-frame": "out of frame"}.get(
        af.frame, "frame not applicable"
    )
