"""One panel, top to bottom: headline, exon panel, protein tracks, and the dashed guides
that join the breakpoint through every row (a second guide for an intragenic event,
whose one gene has two breakpoints)."""

from __future__ import annotations

from dataclasses import dataclass

from fusionviz.figures import exons as ex
from fusionviz.figures import headline as hd
from fusionviz.figures import palette as pal
from fusionviz.figures import panels as pn
from fusionviz.figures.canvas import Canvas, cut_around
from fusionviz.figures.drawn import Drawn
from fusionviz.figures.geometry import Geometry, boundary_residue
from fusionviz.figures.notes import FigureNotes
from fusionviz.figures.spec import ExonRowSpec, Line, PanelSpec
from fusionviz.figures.style import Style

TRACK_GAP = 0.14
ROW_GAP = 0.09
PANEL_GAP = 0.22

Point = tuple[float, float]


@dataclass(frozen=True)
class Options:
    exons: bool
    compact: bool
    shared: str | None  # "3'" / "5'": the partner every fusion shares (compact: drawn once)


def exon_sub(n: int, st: Style) -> str:
    return f"{n} exons" if st.narrow else f"exons 1–{n}"


def track_names(g: Geometry, st: Style) -> tuple[str, str]:
    """The fusion track's name and sub-label in the left column (a compact panel's
    headline already names the fusion)."""
    f = g.fusion
    if f.protein.length:
        length = f"{f.protein.length} aa"
    elif f.protein.conditional_length:  # holds only if unread bases carry no stop
        length = f"{f.protein.conditional_length} aa, unverified"
    else:
        length = "length unknown"
    if st.compact:
        return "protein", length
    if g.intragenic:
        return "mutant", f"protein · {length}"
    if st.narrow:
        return "fusion", length
    return f.names.hgnc, f"fusion · {length}"


def panel(
    cv: Canvas, d: Drawn, g: Geometry, n: FigureNotes, y: float, opts: Options
) -> tuple[PanelSpec, float]:
    st = cv.style
    f = g.fusion
    top = y
    words = hd.verdict_words(f, n)[0]
    if st.title:
        y, words = hd.title(cv, g, n, y)
        lines = hd.subtitle_lines(g, n, st.narrow)
        y = hd.write_lines(cv, lines if not opts.compact else lines[1:2], y)
        y += 0.04 if opts.compact else 0.1
    main: list[Point] = []  # the guide through the junction, row by row
    extra: list[list[Point]] = []  # an intragenic event's second breakpoint
    rows: list[ExonRowSpec] = []
    if opts.exons:
        rows, y = exon_panel(cv, g, n, y, opts, main, extra)
        y += TRACK_GAP  # the exon rows' names clear the first protein track's
    tracks, y = protein_tracks(cv, d, g, n, y, opts, main, extra)
    for line in [main, *extra]:
        guide(cv, line)
    spec = PanelSpec(f.names.hgnc, f.frame, tuple(tracks), top, y, words, tuple(rows))
    return spec, y


def protein_tracks(
    cv,
    d: Drawn,
    g: Geometry,
    n: FigureNotes,
    y: float,
    opts: Options,
    main: list[Point],
    extra: list[list[Point]],
) -> tuple[list, float]:
    name, sub = track_names(g, cv.style)
    oligo = n.oligomerization
    if opts.compact:
        tf, y = pn.fusion_track(cv, d, g, y, name, sub, oligo)
        main.append((tf.breakpoint_x, tf.y)) if tf.breakpoint_x is not None else None
        return [tf], y
    if g.intragenic:
        tg, y = pn.gene_track(cv, d, g, y)
        tf, y = pn.fusion_track(cv, d, g, y + TRACK_GAP, name, sub, oligo)
        b5 = boundary_residue(g.fusion.five_prime)
        if b5 is not None and tf.breakpoint_x is not None:
            x5 = cv.x(b5 + g.off3 - (0.5 if g.split else 0.0))
            extra.append([(x5, tg.y), (tf.breakpoint_x, tf.y)])
        tracks = [tg, tf]
    else:
        t5, y = pn.partner_track(cv, d, g, "5'", y, oligo)
        tf, y = pn.fusion_track(cv, d, g, y + TRACK_GAP, name, sub, oligo)
        t3, y = pn.partner_track(cv, d, g, "3'", y + TRACK_GAP)
        tracks = [t5, tf, t3]
    for t in tracks:
        if t.breakpoint_x is not None:
            main.append((t.breakpoint_x, t.y))
    return tracks, y


def exon_panel(
    cv,
    g: Geometry,
    n: FigureNotes,
    y: float,
    opts: Options,
    main: list[Point],
    extra: list[list[Point]],
) -> tuple[list[ExonRowSpec], float]:
    f = g.fusion
    p5, p3 = f.five_prime, f.three_prime
    st = cv.style
    rows: list[ExonRowSpec] = []
    specs = _row_specs(g, st, opts)
    gene_cut5 = None
    for role, pieces, name, sub, cuts in specs:
        if not pieces:
            continue
        spec, y, cy = ex.draw_row(cv, pieces, y, role=role, name=name, sub=sub, cuts=cuts)
        ex.intron_line(cv, pieces, cy)
        rows.append(spec)
        if role == "gene" and len(spec.cuts) == 2:
            gene_cut5 = (spec.cuts[0], cy)
            main.append((spec.cuts[1], cy))
        elif spec.cut_x is not None:
            main.append((spec.cut_x, cy))
            if role == "fusion" and gene_cut5 is not None:
                extra.append([gene_cut5, (spec.cut_x, cy)])
        if role == "fusion" and n.junction is not None and spec.cut_x is not None:
            window = n.junction.trimmed(3 if st.narrow else 5)
            y = ex.junction_sequence(cv, window, spec.cut_x, y + 0.02, p5.gene, p3.gene)
        y += ROW_GAP
    return rows, y - ROW_GAP


def _row_specs(g: Geometry, st: Style, opts: Options) -> list:
    """(role, pieces, name, sub-label, cuts) of each exon row, top to bottom."""
    f = g.fusion
    p5, p3 = f.five_prime, f.three_prime
    specs = []
    if not opts.compact and g.intragenic:
        pieces = ex.partner_pieces(g.exons3, g.off3, None, p3.exon, "3'", pal.EXON_3P, p3.gene)
        kept = [
            ex.Piece(
                pc.span,
                pc.offset,
                pc.lo,
                pc.hi,
                pc.span.number <= p5.exon or pc.span.number >= p3.exon,
                pc.colour,
                pc.gene,
                pc.numbered,
            )
            for pc in pieces
        ]
        cuts = [c + g.off3 for c in (g.cut5, g.cut3) if c is not None]
        specs.append(("gene", kept, p3.gene, exon_sub(p3.transcript.n_exons, st), cuts))
    elif not opts.compact and p5.transcript is not None:
        specs.append(_partner_spec(g, "5'", st))
    fusion = ex.fusion_pieces(g)
    join = next((p.lo + p.offset for p in fusion if p.side == "3'"), None)
    if opts.compact:
        name, sub = "RNA", "exons"
    else:
        name = "fusion" if st.narrow or g.intragenic else f.names.hgnc
        sub = "transcript" if st.narrow else "fusion transcript"
    specs.append(("fusion", fusion, name, sub, [join] if join is not None else []))
    if not opts.compact and not g.intragenic and p3.transcript is not None:
        specs.append(_partner_spec(g, "3'", st))
    return specs


def _partner_spec(g: Geometry, side: str, st: Style) -> tuple:
    """The exon row of one partner as it is in the genome, cut at its breakpoint."""
    p = g.fusion.five_prime if side == "5'" else g.fusion.three_prime
    cut, off = (g.cut5, g.off5) if side == "5'" else (g.cut3, g.off3)
    return (
        side,
        ex.partner_row(g, side),
        p.gene,
        exon_sub(p.transcript.n_exons, st),
        [cut + off] if cut is not None else [],
    )


def guide(cv: Canvas, points: list[Point]) -> None:
    """A dashed line joining breakpoints row by row, never through a label."""
    if len(points) < 2:
        return
    y0, y1 = min(p[1] for p in points), max(p[1] for p in points)
    boxes = cv.label_boxes(y0, y1)
    for a, b in zip(points, points[1:], strict=False):
        for p, q in cut_around(a, b, boxes):
            cv.shapes.append(Line((p[0], q[0]), (p[1], q[1]), pal.GUIDE, 0.6, True, "guide", 0))
