"""Arguments shared by the commands that take fusions on the command line."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass

from fusionviz.errors import FusionvizError, NotationError
from fusionviz.models import AnnotatedFusion, FusionRequest

FUSION_HELP = (
    "fusion(s), e.g. 'SQSTM1 e5::ALK e19', 'EML4::ALK E6;A20', "
    "'HMBOX1 exon 6 :: ALK exon 20', 'HMBOX1-203 e6::ALK e20'"
)


def add_fusion_arguments(parser: argparse.ArgumentParser) -> None:
    """Positional fusions plus --5p/--3p and transcript overrides."""
    parser.add_argument("fusions", nargs="*", metavar="FUSION", help=FUSION_HELP)
    parser.add_argument(
        "--5p",
        dest="five_prime",
        metavar="PARTNER",
        help="5' partner as GENE:EXON, TRANSCRIPT:EXON or a genomic breakpoint "
        "contig:position[:strand] (the last base of the 5' partner kept)",
    )
    parser.add_argument(
        "--3p",
        dest="three_prime",
        metavar="PARTNER",
        help="3' partner as GENE:EXON, TRANSCRIPT:EXON or a genomic breakpoint "
        "contig:position[:strand] (the first base of the 3' partner kept)",
    )
    parser.add_argument(
        "--transcript5",
        metavar="ID",
        help="transcript of the 5' partner: ENST (versioned or not), name (HMBOX1-203) "
        "or RefSeq NM_ (default: MANE Select)",
    )
    parser.add_argument("--transcript3", metavar="ID", help="transcript of the 3' partner")


@dataclass(frozen=True)
class Failure:
    """A fusion from the command line that could not be annotated."""

    text: str
    message: str


def _flag_request(args: argparse.Namespace, is_gene) -> FusionRequest:
    """The fusion given as --5p/--3p."""
    from fusionviz.notation import parse_partner

    if not (args.five_prime and args.three_prime):
        raise NotationError("--5p and --3p go together: give both partners")
    return FusionRequest(
        parse_partner(args.five_prime, is_gene=is_gene),
        parse_partner(args.three_prime, is_gene=is_gene),
        text=f"{args.five_prime} :: {args.three_prime}",
    )


def annotate_args(
    args: argparse.Namespace, source=None
) -> tuple[list[AnnotatedFusion], list[Failure]]:
    """Annotate every fusion on the command line; bad ones come back as failures
    so that the others are still reported."""
    from fusionviz.annotate import annotate
    from fusionviz.notation import parse_fusion
    from fusionviz.sources import default_source

    src = source or default_source()
    fusions: list[AnnotatedFusion] = []
    failures: list[Failure] = []
    items: list[tuple[str, str | None]] = []
    if args.five_prime or args.three_prime:
        items.append((f"--5p {args.five_prime} --3p {args.three_prime}", None))
    items += [(t, t) for t in args.fusions]
    if not items:
        raise NotationError(
            "no fusion given; write e.g. fusionviz annotate 'SQSTM1 e5::ALK e19' "
            "or --5p SQSTM1:5 --3p ALK:19"
        )
    for label, text in items:
        try:
            if text is None:
                request = _flag_request(args, src.has_gene)
            else:
                request = parse_fusion(text, is_gene=src.has_gene)
            fusions.append(
                annotate(request, src, transcript5=args.transcript5, transcript3=args.transcript3)
            )
        except FusionvizError as exc:
            failures.append(Failure(label, str(exc)))
    return fusions, failures


def annotated_from_args(args: argparse.Namespace, source=None) -> list[AnnotatedFusion]:
    """Annotate every fusion on the command line; the first failure raises."""
    fusions, failures = annotate_args(args, source)
    if failures:
        if len(failures) == 1 and not fusions:
            raise FusionvizError(failures[0].message)
        raise FusionvizError("; ".join(f"{f.text}: {f.message}" for f in failures))
    return fusions


def report_failures(failures: list[Failure], *, several: bool) -> None:
    """One line per failed fusion on stderr."""
    for f in failures:
        prefix = f"{f.text}: " if several else ""
        print(f"fusionviz: error: {prefix}{f.message}", file=sys.stderr)
