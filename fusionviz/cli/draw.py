"""``fusionviz draw``: fusion protein diagrams (SVG, PDF, PNG) from partner genes and exons."""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:
    from fusionviz.cli.common import add_fusion_arguments

    p = sub.add_parser(
        "draw",
        help="draw fusion protein diagrams (SVG, PDF, PNG)",
        description=(
            "Draw the 5' partner, the fusion protein and the 3' partner as three aligned "
            "tracks with their domains, the breakpoint and the frame verdict. Several fusions "
            "go into one figure on one amino-acid scale, aligned on the 3' partner. The format "
            "comes from the output file's extension."
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
    p.add_argument("--dpi", type=int, default=300, help="resolution of raster output (300)")
    p.add_argument(
        "--scale-aa",
        type=int,
        metavar="N",
        help="amino acids across the drawing width: fixes the scale across separate figures",
    )
    p.add_argument("--exons", action="store_true", help="mark exon boundaries as light ticks")
    p.add_argument(
        "--style",
        metavar="FILE",
        help="TOML or YAML style file: colours, labels, hidden/merged domains, fonts, width",
    )
    p.add_argument(
        "--known",
        action="store_true",
        help="add each fusion's known-fusion status (annotations/known_fusions.tsv) under "
        "its subtitle",
    )
    p.add_argument(
        "--known-table",
        metavar="FILE",
        help="a lab's own known-fusions table, added to the bundled one (implies --known)",
    )
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from fusionviz.cli.common import annotated_from_args, source_from_args
    from fusionviz.figures.style import load_style

    # Check the cheap things first so that a typo does not cost an annotation run.
    style = load_style(args.style) if args.style else None
    _check_output(args.output, args.dpi, args.scale_aa)
    # One source for annotating and for the known-fusion captions: a release is
    # expensive to open.
    source = source_from_args(args)
    fusions = annotated_from_args(args, source)
    from fusionviz.figures import write_figure

    captions = None
    if args.known or args.known_table:
        from pathlib import Path

        from fusionviz.known import load_known_table, match_fusion

        table = load_known_table(extra=Path(args.known_table) if args.known_table else None)
        captions = [match_fusion(af, table, source).headline() for af in fusions]

    path = write_figure(
        fusions,
        args.output,
        style=style,
        dpi=args.dpi,
        scale_aa=args.scale_aa,
        show_exons=args.exons,
        captions=captions,
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
