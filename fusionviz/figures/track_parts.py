"""The drawn parts of a protein track: backbone, feature boxes, marks, fragment stubs,
exon boundaries, and the texts under the track (end numbers, breakpoint, note)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fusionviz.figures import palette as pal
from fusionviz.figures.canvas import MARGIN, PAD, Canvas, cut_around, overlaps
from fusionviz.figures.spec import Label, Line, Rect

if TYPE_CHECKING:
    from fusionviz.figures.tracks import Box, TrackInput

BACKBONE = 0.5  # backbone height relative to a domain box
MARK = 1.35  # transmembrane/signal marks are taller than domain boxes
FADE = 0.3  # opacity of what the fusion does not keep
STUB_W = 0.012  # inches: the narrowest drawn fragment


def rect(x, y, w, h, fill, edge=None, lw=0.0, alpha=1.0, hatch=None, role="", z=2.0) -> Rect:
    """A Rect in positional shorthand (keeps the drawing code readable)."""
    return Rect(x, y, w, h, fill, edge, lw, alpha, hatch, role, z)


def backbone(cv: Canvas, t: TrackInput, cy: float) -> tuple[float, float]:
    """The protein's backbone (a frameshifted tail hatched); returns its left and right x."""
    bh = cv.style.track_height * BACKBONE
    y = cy - bh / 2
    edge = pal.BACKBONE_EDGE
    xs = []
    for kind, a, b, open_end in t.pieces:
        xa, xb = cv.x(a), cv.x(b)
        xs += [xa, xb]
        if kind in ("frameshift", "untranslated"):  # a tail of residues no partner encodes
            fs = pal.FRAMESHIFT_EDGE
            cv.shapes.append(rect(xa, y, xb - xa, bh, "#FFFFFF", fs, 0.6, 1.0, "////", kind))
            if open_end:
                cv.shapes.append(Line((xb, xb + 0.12), (cy, cy), fs, 0.8, True, f"{kind}-open", 2))
            continue
        fill = {"5'": pal.BACKBONE_5P, "3'": pal.BACKBONE_3P}.get(kind, "#B9B9B9")
        if t.kept is None:
            cv.shapes.append(rect(xa, y, xb - xa, bh, fill, edge, 0.5, 1.0, None, "backbone", 1))
            continue
        # Lost part faded, kept part solid and outlined more strongly.
        cv.shapes.append(rect(xa, y, xb - xa, bh, fill, edge, 0.4, FADE, None, "backbone-lost", 1))
        for k0, k1 in t.kept:
            ka, kb = cv.x(max(k0, a)), cv.x(min(k1, b))
            if kb > ka:
                cv.shapes.append(
                    rect(ka, y, kb - ka, bh, fill, edge, 0.8, 1.0, None, "backbone-kept", 1)
                )
    return (min(xs), max(xs)) if xs else (cv.x(0), cv.x(0))


def boxes(cv: Canvas, boxes: list[Box], top: float, lane_h: float) -> None:
    for b in boxes:
        ya = top + b.lane * lane_h
        xa, xb = cv.x(b.x0), cv.x(b.x1)
        col, hatch = b.glyph.colour, b.glyph.hatch
        if b.faded or not b.kept or b.fragment:
            cv.shapes.append(
                rect(
                    xa,
                    ya,
                    xb - xa,
                    lane_h,
                    col,
                    col if b.faded else pal.BACKBONE_EDGE,
                    0.5,
                    FADE if b.faded or b.fragment else 1.0,
                    hatch,
                    "domain-lost" if b.faded or b.fragment else "domain",
                    3,
                )
            )
            if b.fragment:
                stubs(cv, b, ya, lane_h)
            continue
        whole = all(cv.x(k0) <= xa + 1e-9 and cv.x(k1) >= xb - 1e-9 for k0, k1 in b.kept)
        if not whole:
            cv.shapes.append(
                Rect(xa, ya, xb - xa, lane_h, col, col, 0.5, FADE, hatch, "domain-lost", 3)
            )
        for k0, k1 in b.kept:
            ka, kb = cv.x(max(k0, b.x0)), cv.x(min(k1, b.x1))
            if kb > ka:
                cv.shapes.append(
                    rect(
                        ka,
                        ya,
                        kb - ka,
                        lane_h,
                        col,
                        pal.BACKBONE_EDGE,
                        0.5,
                        1.0,
                        hatch,
                        "domain",
                        3,
                    )
                )


def stubs(cv: Canvas, b: Box, ya: float, h: float) -> None:
    """A few kept residues: a hatched hairline, never a solid block that reads as kept."""
    for k0, k1 in b.kept or [(b.x0, b.x1)]:
        ka, kb = cv.x(max(k0, b.x0)), cv.x(min(k1, b.x1))
        w = max(kb - ka, STUB_W)
        cv.shapes.append(
            Rect(ka, ya, w, h, "#FFFFFF", pal.TEXT, 0.4, 1.0, "//////", "fragment", 3.2)
        )


def marks(cv: Canvas, marks: list[Box], cy: float, th: float) -> None:
    mh = th * MARK
    for m in marks:
        xa, xb = cv.x(m.x0), cv.x(m.x1)
        w = max(xb - xa, 0.025)
        signal = m.glyph.kind == "signal"
        cv.shapes.append(
            rect(
                xa,
                cy - mh / 2,
                w,
                mh,
                m.glyph.colour,
                # a fragment is drawn faded and without an edge, with stubs at its cut ends
                pal.TRANSMEMBRANE if signal and not m.fragment else None,
                0.3,
                FADE if m.fragment or m.faded else 1.0,
                "//////" if signal else None,
                f"mark-{m.glyph.kind}",
                4,
            )
        )
        if m.fragment:
            stubs(cv, m, cy - mh / 2, mh)


def exon_lines(cv: Canvas, t: TrackInput, cy: float, th: float, avoid: list[Label]) -> None:
    """Exon boundaries over the features (white hairlines) and a tick under the track;
    a line stops short of any label inside a box."""
    top, bottom = cy - th / 2, cy + th / 2
    boxes = [lab.bbox for lab in avoid]
    for aa in t.exon_cuts:
        xt = cv.x(aa)
        for (p, q), (r, s) in cut_around((xt, top), (xt, bottom), boxes, pad=0.005):
            cv.shapes.append(Line((p, r), (q, s), "#FFFFFF", 0.6, False, "exon", 3.5))
        cv.shapes.append(
            Line((xt, xt), (bottom + 0.005, bottom + 0.035), pal.MUTED_TEXT, 0.4, False, "exon", 2)
        )


def below(cv: Canvas, t: TrackInput, cy: float, th: float, x1: float) -> float:
    """End numbers first (they never disappear), then the breakpoint texts beside the
    guide, then the note; each on the first line where it fits."""
    ss = cv.style.note_size
    line_h = ss / 72 * 1.3
    base = cy + th * MARK / 2 + ss / 72 * 0.75
    lines: list[list[tuple[float, float]]] = [[]]

    def put(spots: list[float], text: str, color: str, role: str, min_line: int = 0) -> int:
        """At the first left edge in ``spots`` that is free, on the first free line."""
        w = cv.text_width(text, ss)
        k = min_line
        while True:
            if k == len(lines):
                lines.append([])
            for x0 in spots:
                x0 = min(max(x0, MARGIN / 2), cv.width - MARGIN / 2 - w)
                if not overlaps((x0, x0 + w), lines[k]):
                    lines[k].append((x0, x0 + w))
                    cv.label(x0, base + k * line_h, text, ss, ha="left", color=color, role=role)
                    return k
            k += 1

    for xa, text in t.end_numbers:
        w = cv.text_width(text, ss)
        put([cv.x(xa) - w / 2], text, pal.MUTED_TEXT, "tick")
    for xa, text, side in t.breakpoints:
        bx = cv.x(xa)
        w = cv.text_width(text, ss)
        # Beside the guide, never across it: the preferred side first, then the other.
        left, right = bx - 0.03 - w, bx + 0.03
        put([left, right] if side == "left" else [right, left], text, pal.TEXT, "breakpoint")
        cv.shapes.append(
            Line(
                (bx, bx),
                (cy - th * MARK / 2 - 0.02, cy + th * MARK / 2 + 0.02),
                pal.FRAMESHIFT_EDGE,
                1.1,
                False,
                "breakpoint",
                6,
            )
        )
    if t.note:
        w = cv.text_width(t.note, ss)
        nx = cv.x(t.note_beside) + 0.2 if t.note_beside is not None else None
        if nx is not None and nx + w <= cv.width - MARGIN / 2:
            cv.label(nx, cy, t.note, ss, ha="left", color=pal.FRAMESHIFT_EDGE, role="note")
        else:
            # Right-aligned under the track's end, never into the names' column: wrapped
            # to the plotting width when longer.
            room = cv.width - MARGIN - cv.x_plot
            k = max((k + 1 for k, row in enumerate(lines) if row), default=0)
            wrapped = cv.wrap(t.note, ss, room)
            lw = max(cv.text_width(line, ss) for line in wrapped)
            x0 = max(cv.x_plot, min(x1, cv.width - MARGIN) - lw)
            for line in wrapped:
                k = put([x0], line, pal.FRAMESHIFT_EDGE, "note", k) + 1
    used = max((k + 1 for k, row in enumerate(lines) if row), default=0)
    return cy + th * MARK / 2 + used * line_h + (PAD if used else 0.0)
