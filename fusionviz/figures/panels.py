"""The protein tracks of one fusion: 5' partner, fusion, 3' partner (or, for an
intragenic event, the one gene and the mutant protein), as :class:`TrackInput` records
built from the aa-axis geometry and the features the style draws."""

from __future__ import annotations

from dataclasses import replace

from fusionviz.features import Feature
from fusionviz.figures.canvas import Canvas
from fusionviz.figures.drawn import Drawn
from fusionviz.figures.geometry import Geometry, boundary_residue, tail_words
from fusionviz.figures.spec import DomainGlyph, TrackSpec
from fusionviz.figures.tracks import Box, TrackInput, draw_track
from fusionviz.models import AnnotatedFusion, PartnerResult

TAILS = ("frameshift", "untranslated")  # fusion pieces no partner's protein encodes


def glyph(d: Drawn, f: Feature, gene: str, in_fusion: bool, kept_aa: int | None = None) -> tuple:
    """The glyph of a feature and its short label."""
    label, short = d.labels(f)
    fill = d.fill(f)
    frag = kept_aa is not None and 0 < kept_aa < d.style.fragment_aa and f.status != "retained"
    g = DomainGlyph(
        name=f.verdict.domain.name,
        label="" if frag else label,
        family=f.family,
        source=f.verdict.domain.source,
        start=f.start,
        end=f.end,
        status=f.status,
        in_fusion=in_fusion,
        colour=fill.colour,
        kind=f.kind if f.kind in ("transmembrane", "signal") else "domain",
        partner=gene,
        sources=tuple(m.domain.source for m in f.members),
        fragment=frag,
        hatch=fill.hatch,
    )
    return g, short


def partner_box(d: Drawn, f: Feature, p: PartnerResult, off: float, contributes: bool) -> Box:
    """A partner-track box: the whole feature, its kept part solid."""
    v = f.verdict
    in_f = contributes and v.status != "lost"
    kept = []
    if in_f and v.kept_start is not None and v.kept_end is not None:
        kept = [(v.kept_start + off - 1, v.kept_end + off)]
    g, short = glyph(d, f, p.gene, in_f, v.kept_aa if in_f else None)
    return Box(g, f.start - 1 + off, f.end + off, kept, not in_f, short, fragment=g.fragment)


def partner_length_text(n: int | None, role: str, narrow: bool) -> str:
    word = "5′" if role == "5'" else "3′"
    if narrow:
        return f"{word} · {n} aa" if n else word
    return f"{word} partner · {n} aa" if n else f"{word} partner"


def exon_cuts(g: Geometry, role: str, within: tuple[float, float] | None = None) -> list[float]:
    """Exon boundaries inside the protein (partner's coding exons), on the panel axis."""
    spans = g.exons5 if role == "5'" else g.exons3
    off = g.off5 if role == "5'" else g.off3
    length = g.len5 if role == "5'" else g.len3
    out = []
    for e in spans:
        if e.coding is None:
            continue
        x = e.coding[1]
        if 0 < x < (length or 0) - 1e-6:
            x += off
            if within is None or within[0] < x < within[1]:
                out.append(x)
    return out


def outlines(spans, g: Geometry, kept: tuple[int, int] | None = None) -> list:
    """Issue 13's oligomerization spans (5' partner residues) on the panel axis, cut to
    ``kept`` when given; overlapping spans (one domain in several databases) are one
    frame."""
    merged: list[list[int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    out = []
    for a, b in merged:
        a, b = max(a, 1), min(b, g.len5 or 0)
        if kept is not None:
            a, b = max(a, kept[0]), min(b, kept[1])
        if a <= b:
            out.append((a - 1 + g.off5, b + g.off5))
    return out


def partner_track(
    cv: Canvas, d: Drawn, g: Geometry, role: str, y: float, oligo=()
) -> tuple[TrackSpec, float]:
    f = g.fusion
    p = f.five_prime if role == "5'" else f.three_prime
    off = g.off5 if role == "5'" else g.off3
    length = g.len5 if role == "5'" else g.len3
    contributes = p.kept_aa is not None and (role == "5'" or g.in_frame_3p)
    boxes, marks = [], []
    for feat in d.features(p):
        cv.sources.add(feat.verdict.domain.source)
        box = partner_box(d, feat, p, off, contributes)
        (boxes if feat.kind == "domain" else marks).append(box)
    bp_aa = boundary_residue(p)
    kind = "5'" if role == "5'" else "3'"
    t = TrackInput(
        role=role,
        gene=p.gene,
        sub=partner_length_text(length, role, cv.style.narrow),
        length=length,
        pieces=[(kind, off, off + length, False)] if length else [],
        kept=[(p.kept_aa[0] - 1 + off, p.kept_aa[1] + off)] if contributes and p.kept_aa else [],
        boxes=boxes,
        marks=marks,
        exon_cuts=exon_cuts(g, role) if cv.style.exons else [],
        end_numbers=[(off, "1"), (off + length, str(length))] if length else [],
        breakpoints=[(g.junction_x, bp_text(p, role, bp_aa), "left" if role == "5'" else "right")]
        if bp_aa is not None
        else [],
        note=partner_note(p, role, contributes, f.frame),
        guide=g.junction_x,
        outlines=outlines(oligo, g) if role == "5'" else [],
    )
    spec, y = draw_track(cv, t, y)
    return replace(
        spec,
        kept=p.kept_aa,
        breakpoint_aa=bp_aa,
        breakpoint_x=cv.x(g.junction_x) if bp_aa is not None else None,
        domains=tuple(b.glyph for b in boxes),
        marks=tuple(b.glyph for b in marks),
    ), y


def partner_note(p: PartnerResult, role: str, contributes: bool, frame: str) -> str | None:
    """Why a partner's track is all faded, when it is."""
    if contributes:
        return None
    if role == "3'" and frame == "out-of-frame":
        return f"{p.gene} not translated (out of frame)"
    if p.transcript is None:  # intergenic, or a gene with no protein-coding transcript
        what = p.locus.biotype if p.locus is not None else p.region
        named = f"{p.gene} ({what})" if p.gene != what else what
        return f"{named}: {p.no_transcript}, no residues in the fusion"
    if p.region == "antisense":
        return f"{p.gene} joined antisense: no {p.gene} residues in the fusion"
    if p.kept_aa is None and p.region != "CDS":
        return f"breakpoint in the {p.gene} {p.region}: no {p.gene} residues in the fusion"
    return f"no {p.gene} residues in the fusion"


def bp_text(p: PartnerResult, role: str, aa: int | None) -> str:
    if role == "5'":
        return f"exon {p.exon} | aa {aa}"
    return f"aa {aa} | exon {p.exon}"


def fusion_boxes(d: Drawn, g: Geometry) -> tuple[list[Box], list[Box]]:
    """Each partner's kept features, cut to what the fusion keeps, in fusion coordinates."""
    f = g.fusion
    boxes: list[Box] = []
    marks: list[Box] = []
    junction = any(s.kind == "junction" for s in f.protein.segments)
    for role, p, off in (("5'", f.five_prime, g.off5), ("3'", f.three_prime, g.off3)):
        seg = next((s for s in f.protein.segments if s.kind == role), None)
        if seg is None or p.kept_aa is None:
            continue
        k0 = seg.partner_start or p.kept_aa[0]
        k1 = seg.partner_end or p.kept_aa[1]
        if junction:  # the shared split codon is drawn on both sides (models: kept residues)
            k0, k1 = (k0, k1 + 1) if role == "5'" else (k0 - 1, k1)
        k0, k1 = max(k0, p.kept_aa[0]), min(k1, p.kept_aa[1])
        for feat in d.features(p):
            lo, hi = max(feat.start, k0), min(feat.end, k1)
            if lo > hi:
                continue
            gl, short = glyph(
                d, feat, p.gene, True, hi - lo + 1 if feat.length > hi - lo + 1 else None
            )
            gl = replace(gl, start=int(round(lo + off)), end=int(round(hi + off)))
            box = Box(
                gl,
                lo - 1 + off,
                hi + off,
                [(lo - 1 + off, hi + off)],
                False,
                short,
                fragment=gl.fragment,
            )
            (boxes if feat.kind == "domain" else marks).append(box)
    return boxes, marks


def fusion_track(
    cv: Canvas, d: Drawn, g: Geometry, y: float, name: str, sub: str, oligo=()
) -> tuple[TrackSpec, float]:
    f = g.fusion
    boxes, marks = fusion_boxes(d, g)
    cuts: list[float] = []
    if cv.style.exons:
        for role, p, off in (("5'", f.five_prime, g.off5), ("3'", f.three_prime, g.off3)):
            if p.kept_aa is None or not any(s.kind == role for s in f.protein.segments):
                continue
            cuts += exon_cuts(g, role, (p.kept_aa[0] - 1 + off, p.kept_aa[1] + off))
    ends: list[tuple[float, str]] = []
    if g.pieces:
        ends.append((g.pieces[0][1], "1"))
        last = g.pieces[-1]
        length = f.protein.length or f.protein.conditional_length
        if not last[3] and length:
            ends.append((last[2], str(length)))
    bp_aa, text = fusion_breakpoint(f)
    t = TrackInput(
        role="fusion",
        gene=name,
        sub=sub,
        length=f.protein.length,
        pieces=list(g.pieces),
        kept=None,
        boxes=boxes,
        marks=marks,
        exon_cuts=cuts,
        end_numbers=ends,
        breakpoints=[(g.junction_x, text, "right")] if text else [],
        note=fusion_note(g),
        note_beside=g.pieces[-1][2] if g.pieces and g.pieces[-1][0] in TAILS else None,
        guide=g.junction_x,
        outlines=outlines(oligo, g, f.five_prime.kept_aa) if f.five_prime.kept_aa else [],
    )
    spec, y = draw_track(cv, t, y)
    return replace(
        spec,
        breakpoint_aa=bp_aa,
        breakpoint_x=cv.x(g.junction_x) if text else None,
        domains=tuple(b.glyph for b in boxes),
        marks=tuple(b.glyph for b in marks),
    ), y


def fusion_breakpoint(f: AnnotatedFusion) -> tuple[int | None, str | None]:
    segs = f.protein.segments
    segj = next((s for s in segs if s.kind == "junction"), None)
    seg5 = next((s for s in segs if s.kind == "5'"), None)
    segf = next((s for s in segs if s.kind == "frameshift"), None)
    if segj is not None:
        return segj.fusion_start, f"aa {segj.fusion_start} (split codon)"
    if segf is not None:
        kind, words = tail_words(segf)
        if kind == "untranslated":
            return (
                segf.fusion_start,
                f"{words.removeprefix('untranslated ')} from aa {segf.fusion_start}",
            )
        return segf.fusion_start, f"frameshift from aa {segf.fusion_start}"
    if seg5 is not None and seg5.fusion_end is not None:
        return seg5.fusion_end, f"junction after aa {seg5.fusion_end}"
    return None, None


def fusion_note(g: Geometry) -> str | None:
    f = g.fusion
    fs = next((s for s in f.protein.segments if s.kind == "frameshift"), None)
    if fs is not None:
        words = tail_words(fs)[1]
        if fs.fusion_end is not None:
            return f"{words}, stop after {fs.fusion_end - fs.fusion_start + 1} aa"
        return f"{words}, stop not known"
    if not g.pieces:
        return f.protein.notes[0] if f.protein.notes else "no fusion protein predicted"
    return None


def gene_track(cv: Canvas, d: Drawn, g: Geometry, y: float) -> tuple[TrackSpec, float]:
    """An intragenic event's one gene, drawn once on the 3' side's coordinates: what
    the event keeps solid (both sides), the rest faded, both breakpoints marked."""
    f = g.fusion
    p5, p3 = f.five_prime, f.three_prime
    off, length = g.off3, g.len3
    kept = [(k[0] - 1 + off, k[1] + off) for k in (p5.kept_aa, p3.kept_aa) if k]
    boxes, marks = [], []
    v5 = {(v.domain.name, v.domain.start, v.domain.source): v for v in p5.domains}
    for feat in d.features(p3):
        v3 = feat.verdict
        five = v5.get((v3.domain.name, v3.domain.start, v3.domain.source))
        parts = [
            (v.kept_start + off - 1, v.kept_end + off)
            for v in (five, v3 if g.in_frame_3p else None)
            if v is not None and v.kept_start is not None and v.kept_end is not None
        ]
        gl, short = glyph(d, feat, p3.gene, bool(parts))
        box = Box(gl, feat.start - 1 + off, feat.end + off, parts, not parts, short)
        (boxes if feat.kind == "domain" else marks).append(box)
    b5, b3 = boundary_residue(p5), boundary_residue(p3)
    bps = []
    if b5 is not None:
        bps.append((b5 + off - (0.5 if g.split else 0.0), f"exon {p5.exon} | aa {b5}", "left"))
    if b3 is not None:
        bps.append((g.junction_x, f"aa {b3} | exon {p3.exon}", "right"))
    t = TrackInput(
        role="gene",
        gene=p3.gene,
        sub=f"wild type · {length} aa" if length else "wild type",
        length=length,
        pieces=[("3'", off, off + length, False)] if length else [],
        kept=kept,
        boxes=boxes,
        marks=marks,
        exon_cuts=exon_cuts(g, "3'") if cv.style.exons else [],
        end_numbers=[(off, "1"), (off + length, str(length))] if length else [],
        breakpoints=bps,
        guide=g.junction_x,
    )
    spec, y = draw_track(cv, t, y)
    return replace(
        spec,
        kept=p3.kept_aa,
        breakpoint_aa=b3,
        breakpoint_x=cv.x(g.junction_x),
        domains=tuple(b.glyph for b in boxes),
        marks=tuple(b.glyph for b in marks),
    ), y


def shared_track(
    cv: Canvas, d: Drawn, geoms: list[Geometry], shifts: list[float], role: str, y: float
) -> tuple[TrackSpec, float]:
    """A compact figure's partner shared by every fusion, drawn once on the first
    panel's axis, with what any of them keeps solid and each one's breakpoint."""
    g0 = geoms[0]
    cv.shift = shifts[0]
    p = g0.fusion.three_prime if role == "3'" else g0.fusion.five_prime
    off = g0.off3 if role == "3'" else g0.off5
    length = g0.len3 if role == "3'" else g0.len5
    kept, bps, seen = [], [], set()
    for g, s in zip(geoms, shifts, strict=True):
        q = g.fusion.three_prime if role == "3'" else g.fusion.five_prime
        if q.kept_aa and (role == "5'" or g.in_frame_3p):
            kept.append((q.kept_aa[0] - 1 + off, q.kept_aa[1] + off))
        if q.exon not in seen:
            seen.add(q.exon)
            bps.append((g.junction_x + s - shifts[0], f"exon {q.exon}", "right"))
    boxes, marks = [], []
    any_kept = bool(kept)
    for feat in d.features(p):
        box = partner_box(d, feat, p, off, any_kept)
        box.kept = [(max(a, box.x0), min(b, box.x1)) for a, b in kept if a < box.x1 and b > box.x0]
        box.faded = not box.kept
        (boxes if feat.kind == "domain" else marks).append(box)
    t = TrackInput(
        role=role,
        gene=p.gene,
        sub=partner_length_text(length, role, cv.style.narrow),
        length=length,
        pieces=[("3'" if role == "3'" else "5'", off, off + length, False)] if length else [],
        kept=kept,
        boxes=boxes,
        marks=marks,
        end_numbers=[(off, "1"), (off + length, str(length))] if length else [],
        breakpoints=bps,
    )
    spec, y = draw_track(cv, t, y)
    return replace(
        spec, domains=tuple(b.glyph for b in boxes), marks=tuple(b.glyph for b in marks)
    ), y
