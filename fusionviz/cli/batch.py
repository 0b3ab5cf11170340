"""``fusionviz batch``: annotate every fusion of a fusion-caller file."""

from __future__ import annotations

import argparse
import sys

from fusionviz.callers import FORMATS


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "batch",
        help="annotate every fusion of a fusion-caller output file (17 formats, VCF, TSV)",
        description=(
            "Annotate every row of a fusion-caller file and write fusions.tsv, "
            "fusions.jsonl, fusions.fasta, errors.tsv and index.html into DIR. Formats "
            f"(detected from the header; .gz accepted): {', '.join(FORMATS)}. GRCh37 files "
            "are lifted to GRCh38 with the UCSC chain (both coordinates reported). Rows that "
            "fail are listed in errors.tsv with their line number; the others are still "
            "annotated. Exit status: 0 all rows annotated, 1 some rows failed, 2 the file "
            "itself is unusable."
        ),
    )
    p.add_argument("file", metavar="FILE", help="fusion-caller output file")
    p.add_argument("-o", "--output", metavar="DIR", required=True, help="output folder")
    _add_output_options(p)
    _add_reading_options(p)
    from fusionviz.cli.common import add_source_arguments

    add_source_arguments(p)
    p.set_defaults(handler=run)


def _add_output_options(p: argparse.ArgumentParser) -> None:
    """--format, --figures, --no-jsonl, --force, --quiet and --jobs."""
    p.add_argument(
        "--format",
        metavar="NAME",
        help=f"file format (default: detected from the header): {', '.join(FORMATS)}; "
        "also fusioninspector, ctat-lr-fusion, jaffal, manta",
    )
    p.add_argument("--figures", action="store_true", help="draw one SVG diagram per fusion")
    p.add_argument(
        "--no-jsonl",
        dest="jsonl",
        action="store_false",
        help="leave out fusions.jsonl (the whole annotation of each row, ~25 kB a row: "
        "~29 GB for a million rows); fusions.tsv and fusions.vicc.jsonl are still written",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="write into a non-empty output folder, replacing an earlier run's outputs "
        "completely (other files there are kept)",
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar or summary")
    p.add_argument(
        "--jobs",
        type=int,
        metavar="N",
        help="processes that annotate and draw (default: every core; one for a file of "
        "fewer than 2,000 lines); the output files are the same whatever N",
    )


def _add_reading_options(p: argparse.ArgumentParser) -> None:
    """--all-transcripts, --build and --known: how the rows are read and annotated."""
    p.add_argument(
        "--all-transcripts",
        action="store_true",
        help="also annotate every other transcript pair the junction can be placed on",
    )
    p.add_argument(
        "--build",
        metavar="BUILD",
        help="genome build of the file's coordinates when it does not say: GRCh38, or "
        "GRCh37/hg19 (lifted to GRCh38 with the bundled UCSC chain; a position that does "
        "not lift to exactly one place is a row error)",
    )
    p.add_argument(
        "--known",
        metavar="FILE",
        help="a lab's own known-fusions table, added to the bundled one "
        "(annotations/known_fusions.tsv format)",
    )


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from fusionviz.batch import run_batch
    from fusionviz.callers import canonical_format
    from fusionviz.cli.common import source_from_args

    fmt = canonical_format(args.format) if args.format else None
    from fusionviz.known import load_known_table

    known = load_known_table(extra=Path(args.known) if args.known else None)
    summary = run_batch(
        args.file,
        args.output,
        source_from_args(args),
        format=fmt,
        figures=args.figures,
        force=args.force,
        quiet=args.quiet,
        all_transcripts=args.all_transcripts,
        build=args.build,
        known=known,
        jobs=args.jobs,
        jsonl=args.jsonl,
    )
    if not args.quiet:
        lifted = " lifted from GRCh37 to GRCh38;" if summary.lifted else ""
        print(
            f"fusionviz batch: {summary.rows} rows ({summary.caller}):{lifted} "
            f"{summary.annotated_rows} annotated, {summary.failed_rows} failed, "
            f"{summary.frame_disagreements} frame calls differ from the caller's; "
            f"results in {summary.output}",
            file=sys.stderr,
        )
    return summary.exit_code
