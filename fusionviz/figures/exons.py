"""The exon panel: each partner's exons and the fusion transcript's, every exon numbered,
on the protein's aa axis (see :mod:`fusionviz.figures.geometry`), and the junction
sequence under the junction when the partners' cDNA is known.

Coding exons are tall and sit over the residues they encode; UTR exons and parts are
half height in compressed blocks beyond the protein's ends; introns are a notch. What
the fusion keeps is solid, the rest faded; the junction is the breakpoint colour.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from fusionviz.figures import labels as lb
from fusionviz.figures import palette as pal
from fusionviz.figures.canvas import MARGIN, Canvas
from fusionviz.figures.geometry import ExonSpan, Geometry
from fusionviz.figures.notes import JunctionWindow
from fusionviz.figures.spec import ExonGlyph, ExonRowSpec, Line, Rect

EXON_H = 0.75  # coding exon height, relative to the track height
NOTCH = 0.006  # inches between neighbouring exons (the compressed intron)
FADE = 0.3


@dataclass(frozen=True)
class Piece:
    """One exon (or the kept part of one) placed in a row, on the panel's aa axis."""

    span: ExonSpan
    offset: float
    lo: float  # drawn part, partner axis (a cut exon is drawn in two pieces)
    hi: float
    kept: bool
    colour: str
    gene: str
    numbered: bool = True
    side: str = ""  # "5'" / "3'": which partner's transcript the piece comes from


def partner_pieces(
    spans: Sequence[ExonSpan],
    off: float,
    cut: float | None,
    exon: int,
    role: str,
    colour: str,
    gene: str,
    *,
    sense: bool = True,
) -> list[Piece]:
    """A partner's exons: kept ones solid, the breakpoint exon split at the cut. A
    partner joined antisense (``sense=False``) keeps none of its exons in sense."""
    if not sense:
        return [Piece(e, off, e.x0, e.x1, False, colour, gene, True, role) for e in spans]
    out = []
    for e in spans:
        keep = e.number < exon if role == "5'" else e.number > exon
        if e.number == exon and cut is not None and e.x0 < cut < e.x1:
            first = role == "5'"  # the kept side carries the number
            out.append(Piece(e, off, e.x0, cut, first, colour, gene, first, role))
            out.append(Piece(e, off, cut, e.x1, not first, colour, gene, not first, role))
            continue
        out.append(Piece(e, off, e.x0, e.x1, keep or e.number == exon, colour, gene, True, role))
    return out


def partner_row(g: Geometry, role: str) -> list[Piece]:
    """The exon row of the 5' (``role`` "5'") or 3' partner of the figure's fusion."""
    five = role == "5'"
    p = g.fusion.five_prime if five else g.fusion.three_prime
    return partner_pieces(
        g.exons5 if five else g.exons3,
        g.off5 if five else g.off3,
        g.cut5 if five else g.cut3,
        p.exon,
        role,
        pal.EXON_5P if five else pal.EXON_3P,
        p.gene,
        sense=p.region != "antisense",
    )


def fusion_pieces(g: Geometry) -> list[Piece]:
    """The fusion transcript: the 5' partner's kept exons, then the 3' partner's."""
    five = [p for p in partner_row(g, "5'") if p.kept]
    three = [p for p in partner_row(g, "3'") if p.kept]
    if five and three:
        end5 = five[-1].hi + g.off5
        start3 = three[0].lo + g.off3
        if abs(end5 - start3) > 1.0:  # not a CDS::CDS junction: butt the 5' part on
            shift = start3 - five[-1].hi
            five = [
                Piece(p.span, shift, p.lo, p.hi, True, p.colour, p.gene, p.numbered, "5'")
                for p in five
            ]
    return five + three


def draw_row(
    cv: Canvas, pieces: list[Piece], y: float, *, role: str, name: str, sub: str, cuts: list[float]
) -> tuple[ExonRowSpec, float, float]:
    """One exon row from ``y`` down; returns its facts, the new y and the row centre."""
    st = cv.style
    ns = st.note_size
    h = st.track_height * EXON_H
    nh = ns / 72 * 1.15
    numbers = []
    for p in pieces:
        if not p.numbered:
            continue
        x0, x1 = cv.x(p.span.x0 + p.offset), cv.x(p.span.x1 + p.offset)
        text = str(p.span.number)
        w = cv.text_width(text, ns)
        inside = w + 0.02 <= _visible(cv, p) and ns / 72 <= h * 0.95
        numbers.append((p, text, w, (x0 + x1) / 2 if not inside else _centre(cv, p), inside))
    outside = sorted((n for n in numbers if not n[4]), key=lambda n: n[3])
    rows = lb.stack_numbers([(n[3], n[2], 0.0) for n in outside], MARGIN / 2, cv.width - MARGIN / 2)
    n_rows = max((r for _, r in rows), default=-1) + 1
    fs = st.label_size
    # Room for the row's name and sub-label in the left column, whatever the numbers.
    cy = max(y + n_rows * nh + h / 2, y + fs / 72 * 1.05)
    top = cy - h / 2
    _row_name(cv, name, sub, cy)
    glyphs = []
    for p in pieces:
        glyphs += _exon(cv, p, cy, h)
    for (p, text, _w, _cx, _), (x, r) in zip(outside, rows, strict=True):
        cv.label(
            x,
            top - (r + 0.5) * nh,
            text,
            ns,
            color=pal.TEXT if p.kept else pal.MUTED_TEXT,
            role="exon-number",
        )
    for p, text, _w, cx, inside in numbers:
        if inside:
            col = pal.text_colour_on(p.colour) if p.kept else pal.MUTED_TEXT
            cv.label(cx, cy, text, ns, color=col, role="exon-number")
    xs = tuple(cv.x(c) for c in cuts)
    for cut_x in xs:
        cv.shapes.append(
            Line(
                (cut_x, cut_x),
                (cy - h / 2 - 0.02, cy + h / 2 + 0.02),
                pal.FRAMESHIFT_EDGE,
                1.1,
                False,
                "breakpoint",
                6,
            )
        )
    spec = ExonRowSpec(role, name, cy, tuple(glyphs), xs[-1] if xs else None, xs)
    bottom = max(cy + h / 2, cy + fs / 72 * 0.75 + ns / 72 * 0.55 if sub else cy + h / 2)
    return spec, bottom, cy


def _visible(cv: Canvas, p: Piece) -> float:
    return cv.x(p.hi + p.offset) - cv.x(p.lo + p.offset) - NOTCH


def _centre(cv: Canvas, p: Piece) -> float:
    return (cv.x(p.lo + p.offset) + cv.x(p.hi + p.offset)) / 2


def _row_name(cv: Canvas, name: str, sub: str, cy: float) -> None:
    st = cv.style
    fs = st.label_size
    cv.label(MARGIN, cy - fs / 72 * 0.45, name, fs, ha="left", role="track-name")
    if sub:
        cv.label(
            MARGIN,
            cy + fs / 72 * 0.75,
            sub,
            st.note_size,
            ha="left",
            color=pal.MUTED_TEXT,
            role="track-name",
        )


def _exon(cv: Canvas, p: Piece, cy: float, h: float) -> list[ExonGlyph]:
    """An exon piece: the UTR part half height, the coding part full height."""
    alpha = 1.0 if p.kept else FADE
    lo, hi = p.lo, p.hi
    xa = cv.x(lo + p.offset) + (NOTCH / 2 if lo == p.span.x0 else 0.0)
    xb = cv.x(hi + p.offset) - (NOTCH / 2 if hi == p.span.x1 else 0.0)
    if xb - xa < 0.004:
        xb = xa + 0.004
    role = "exon" if p.kept else "exon-lost"
    cv.shapes.append(
        Rect(xa, cy - h / 4, xb - xa, h / 2, p.colour, pal.BACKBONE_EDGE, 0.3, alpha, None, role, 3)
    )
    if p.span.coding is not None:
        c0, c1 = max(p.span.coding[0], lo), min(p.span.coding[1], hi)
        if c1 > c0:
            ca = max(cv.x(c0 + p.offset), xa)
            cb = min(cv.x(c1 + p.offset), xb)
            cv.shapes.append(
                Rect(
                    ca,
                    cy - h / 2,
                    max(cb - ca, 0.002),
                    h,
                    p.colour,
                    pal.BACKBONE_EDGE,
                    0.3,
                    alpha,
                    None,
                    role,
                    3.1,
                )
            )
    return [ExonGlyph(p.span.number, p.gene, xa, xb, p.span.coding is not None, p.kept)]


def intron_line(cv: Canvas, pieces: list[Piece], cy: float) -> None:
    """The thin line exons sit on (introns compressed to nothing)."""
    if not pieces:
        return
    xs = [cv.x(p.lo + p.offset) for p in pieces] + [cv.x(p.hi + p.offset) for p in pieces]
    cv.shapes.append(Line((min(xs), max(xs)), (cy, cy), pal.BACKBONE_EDGE, 0.4, False, "intron", 1))


def junction_sequence(
    cv: Canvas, w: JunctionWindow, x: float, y: float, gene5: str, gene3: str
) -> float:
    """The bases either side of the junction (5' | 3') centred on ``x``, and the residues
    of the fusion's reading frame under their codons; returns the new y."""
    ns = cv.style.note_size
    seq = w.five + w.three
    char = cv.text_width("A", ns, mono=True) / 1.07
    gap = char * 0.8  # room for the junction bar between the two partners' bases
    width = len(seq) * char + gap
    left = min(max(x - len(w.five) * char - gap / 2, MARGIN), cv.width - MARGIN - width)

    def at(i: float) -> float:  # left edge of base i
        return left + i * char + (gap if i >= len(w.five) else 0.0)

    ly = y + ns / 72 * 0.9
    for text, start, colour in ((w.five, 0, pal.EXON_5P), (w.three, len(w.five), pal.EXON_3P)):
        cv.label(
            at(start),
            ly,
            text,
            ns,
            ha="left",
            color=_darker(colour),
            role="junction-sequence",
            mono=True,
        )
    jx = at(len(w.five)) - gap / 2
    cv.shapes.append(
        Line(
            (jx, jx),
            (ly - ns / 72 * 0.7, ly + ns / 72 * 0.7),
            pal.FRAMESHIFT_EDGE,
            0.9,
            False,
            "breakpoint",
            6,
        )
    )
    ry = ly + ns / 72 * 1.25
    _residues(cv, w, at, char, ry)
    cv.label(
        left + width + 0.06,
        ly,
        f"{gene5}|{gene3} cDNA",
        ns,
        ha="left",
        color=pal.MUTED_TEXT,
        role="junction-sequence",
    )
    return ry + ns / 72 * 0.7


def _residues(cv: Canvas, w: JunctionWindow, at, char: float, y: float) -> None:
    """One letter under the middle of each codon; frameshifted ones in the breakpoint
    colour."""
    ns = cv.style.note_size
    n = len(w.five) + len(w.three)
    for k, aa in enumerate(w.residues):
        c = w.codon_start + 3 * k
        if c + 3 > n:
            break
        shifted = w.frameshift_from is not None and k >= w.frameshift_from
        colour = pal.FRAMESHIFT_EDGE if shifted else pal.TEXT
        centre = (at(c) + at(c + 2) + char) / 2
        cv.label(centre, y, aa, ns, color=colour, role="junction-residue", mono=True)


def _darker(colour: str) -> str:
    h = colour.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return "#{:02X}{:02X}{:02X}".format(*(int(v * 0.55) for v in (r, g, b)))
