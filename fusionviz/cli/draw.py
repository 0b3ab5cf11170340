"""``fusionviz draw``: fusion figures (SVG, PDF, PNG) from partner genes and exons."""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:
    from fusionviz.cli.common import add_fusion_arguments

    p = sub.add_parser(
        "draw",
        help="draw fusion figures: numbered exons and proteins (SVG, PDF, PNG)",
        description=(
            "Draw each fusion's exons (both partners and the fusion transcript, numbered) "
            "over the 5' partner, fusion and 3' partner proteins with their domains, the "
            "breakpoint and the frame verdict. Several fusions go into one figure on one "
            "amino-acid scale, aligned on a partner they share. The format comes from the "
            "output file's extension."
        ),
    )
    add_fusion_arguments(p)
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE",
        help="figure file: .svg, .pdf or .png (also .eps, .ps, .jpg, .tif, .webp)",
    )
    _add_size_and_parts(p)
    p.add_argument(
        "--style",
        metavar="FILE",
        help="TOML or YAML style file: size, fonts, what is shown, colours, labels, "
        "hidden/merged domains (see docs/figures.md)",
    )
    p.add_argument(
        "--known",
        action="store_true",
        help="add each fusion's known-fusion status (annotations/known_fusions.tsv) under "
        "its headline",
    )
    p.add_argument(
        "--known-table",
        metavar="FILE",
        help="a lab's own known-fusions table, added to the bundled one (implies --known)",
    )
    p.add_argument(
        "--evidence",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="outline the 5' partner's kept oligomerization domains and add the one-line "
        "evidence summary under each headline (docs/evidence.md); on by default",
    )
    p.set_defaults(handler=run)


def _add_size_and_parts(p: argparse.ArgumentParser) -> None:
    """Figure size and which parts are drawn (each overrides the style file)."""
    size = p.add_argument_group("size (override the style file)")
    size.add_argument(
        "--width",
        type=float,
        metavar="IN",
        help="figure width in inches: 3.5 single column, 7.2 double (default)",
    )
    size.add_argument(
        "--font-size",
        type=float,
        metavar="PT",
        help="label size in points (default 7; 6 below 4.5 in)",
    )
    size.add_argument("--dpi", type=int, help="resolution of raster output (default 300)")
    size.add_argument(
        "--scale-aa",
        type=int,
        metavar="N",
        help="amino acids across the drawing width: fixes the scale across separate figures",
    )
    show = p.add_argument_group("what is drawn")
    show.add_argument(
        "--compact",
        action="store_true",
        help="each fusion's protein and transcript only (a partner shared by every fusion is "
        "drawn once): multi-fusion figures and thumbnails",
    )
    show.add_argument(
        "--exons",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="the numbered-exon panel above the proteins (on by default; --no-exons drops it)",
    )
    show.add_argument("--no-title", action="store_true", help="leave out the headline")
    show.add_argument("--no-legend", action="store_true", help="leave out the legend")
    show.add_argument(
        "--no-footer",
        action="store_true",
        help="leave out the footer (version, date, data sources)",
    )


def style_from_args(args: argparse.Namespace):
    """The style file (or the default) with the command-line flags applied."""
    from dataclasses import replace

    from fusionviz.figures.style import Style, load_style, style_from_mapping

    style = load_style(args.style) if args.style else Style()
    flags = {
        "width": args.width,
        "font_size": args.font_size,
        "dpi": args.dpi,
        "exons": args.exons,
        "compact": True if args.compact else None,
        "title": False if args.no_title else None,
        "legend": False if args.no_legend else None,
        "footer": False if args.no_footer else None,
    }
    given = {k: v for k, v in flags.items() if v is not None}
    checked = style_from_mapping(given, where="command line")  # same range checks
    return replace(style, **{k: getattr(checked, k) for k in given})


def run(args: argparse.Namespace) -> int:
    from fusionviz.cli.common import annotated_from_args, source_from_args

    # Check the cheap things first so that a typo does not cost an annotation run.
    style = style_from_args(args)
    _check_output(args.output, style.dpi, args.scale_aa)
    # One source for annotating and for the figure's notes: a release is expensive to open.
    source = source_from_args(args)
    fusions = annotated_from_args(args, source)
    from pathlib import Path

    from fusionviz.figures import ColourBook, notes_for, write_figure
    from fusionviz.figures.drawn import style_warnings_for
    from fusionviz.known import load_known_table

    captions = bool(args.known or args.known_table)
    table = load_known_table(extra=Path(args.known_table) if args.known_table else None)
    notes = notes_for(fusions, source, known=table, captions=captions, evidence=args.evidence)
    colours = ColourBook()
    for warning in style_warnings_for(fusions, style):
        print(f"fusionviz: warning: {warning}", file=sys.stderr)
    path = write_figure(
        fusions, args.output, style=style, scale_aa=args.scale_aa, notes=notes, colours=colours
    )
    print(f"fusionviz: wrote {path}", file=sys.stderr)
    return 0


def _check_output(path: str, dpi: int, scale_aa: int | None) -> None:
    from fusionviz.errors import OutputError, StyleError
    from fusionviz.figures.output import check_output_path

    check_output_path(path)
    if not 10 <= dpi <= 2400:
        raise OutputError(f"--dpi {dpi} is out of range; use 72..1200 (300 for print)")
    if scale_aa is not None and scale_aa < 10:
        raise StyleError(f"--scale-aa {scale_aa} is too small; give the number of amino acids")
