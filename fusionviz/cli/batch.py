"""``fusionviz batch``: annotate every fusion of a fusion-caller file."""

from __future__ import annotations

import argparse
import sys

from fusionviz.callers import FORMATS


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "batch",
        help="annotate every fusion in a STAR-Fusion, Arriba, FusionCatcher or TSV file",
        description=(
            "Annotate every row of a fusion-caller file (STAR-Fusion, Arriba 1.x/2.x, "
            "FusionCatcher, or a generic TSV; .gz accepted) and write fusions.tsv, "
            "fusions.jsonl, fusions.fasta, errors.tsv and index.html into DIR. Rows that "
            "fail are listed in errors.tsv; the others are still annotated. Exit status: "
            "0 all rows annotated, 1 some rows failed, 2 the file itself is unusable."
        ),
    )
    p.add_argument("file", metavar="FILE", help="fusion-caller output file")
    p.add_argument("-o", "--output", metavar="DIR", required=True, help="output folder")
    p.add_argument(
        "--format",
        choices=FORMATS,
        help="file format (default: detected from the header)",
    )
    p.add_argument("--figures", action="store_true", help="draw one SVG diagram per fusion")
    p.add_argument("--force", action="store_true", help="write into a non-empty output folder")
    p.add_argument("--quiet", action="store_true", help="no progress bar or summary")
    p.add_argument(
        "--all-transcripts",
        action="store_true",
        help="also annotate every other transcript pair the junction can be placed on",
    )
    p.add_argument(
        "--build",
        metavar="BUILD",
        help="genome build of the file's coordinates when it does not say (only GRCh38 "
        "can be annotated; a GRCh37/hg19 file is refused rather than misread)",
    )
    p.add_argument(
        "--known",
        metavar="FILE",
        help="a lab's own known-fusions table, added to the bundled one "
        "(annotations/known_fusions.tsv format)",
    )
    from fusionviz.cli.common import add_source_arguments

    add_source_arguments(p)
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from fusionviz.batch import run_batch
    from fusionviz.cli.common import source_from_args
    from fusionviz.known import load_known_table

    known = load_known_table(extra=Path(args.known) if args.known else None)
    summary = run_batch(
        args.file,
        args.output,
        source_from_args(args),
        format=args.format,
        figures=args.figures,
        force=args.force,
        quiet=args.quiet,
        all_transcripts=args.all_transcripts,
        build=args.build,
        known=known,
    )
    if not args.quiet:
        print(
            f"fusionviz batch: {summary.rows} rows ({summary.caller}): "
            f"{summary.annotated_rows} annotated, {summary.failed_rows} failed, "
            f"{summary.frame_disagreements} frame calls differ from the caller's; "
            f"results in {summary.output}",
            file=sys.stderr,
        )
    return summary.exit_code
