"""Arguments shared by the commands that take fusions on the command line."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from fusionviz.errors import FusionvizError, GenePairOnlyError, NotationError
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
    meaning = parser.add_mutually_exclusive_group()
    meaning.add_argument(
        "--rna",
        dest="meaning",
        action="store_const",
        const="rna",
        help="genomic breakpoints are RNA junctions: the exact bases the fusion RNA holds "
        "(the default; what RNA-seq callers report)",
    )
    meaning.add_argument(
        "--dna",
        dest="meaning",
        action="store_const",
        const="dna",
        help="genomic breakpoints are DNA breakpoints (DNA-seq, SV callers, 'intron 19' "
        "reports): a breakpoint in an intron joins the flanking exon by splicing",
    )
    parser.set_defaults(meaning="rna")
    parser.add_argument(
        "--build",
        metavar="BUILD",
        help="genome build of --5p/--3p breakpoints: GRCh38 (default) or GRCh37/hg19, "
        "lifted to GRCh38 with the bundled UCSC chain (both coordinates are reported)",
    )
    add_source_arguments(parser)


def add_source_arguments(parser: argparse.ArgumentParser) -> None:
    """Where annotations come from: the embedded bundle (default), an installed Ensembl
    release, a local GTF, and an optional domain file."""
    g = parser.add_argument_group("annotation source (default: the embedded GRCh38 bundle)")
    g.add_argument(
        "--release",
        metavar="N",
        help="an Ensembl release installed for pyensembl (e.g. 110 GRCh38, 75 GRCh37); "
        "install with 'pyensembl install --release N --species homo_sapiens'",
    )
    g.add_argument("--species", metavar="NAME", help="species of --release (homo_sapiens)")
    g.add_argument("--gtf", metavar="FILE", help="a local Ensembl-style GTF (via pyensembl)")
    g.add_argument("--cdna", metavar="FILE", help="cDNA FASTA going with --gtf")
    g.add_argument("--pep", metavar="FILE", help="protein FASTA going with --gtf")
    g.add_argument(
        "--domains",
        metavar="FILE",
        help="protein domains to add: InterPro/Pfam TSV (protein or transcript coordinates) "
        "or a GFF3 of domains in genomic coordinates (Arriba's format)",
    )
    g.add_argument(
        "--domains-mode",
        choices=("add", "replace"),
        default="add",
        help="add the --domains file to the embedded domains (default) or replace them",
    )


def source_from_args(args: argparse.Namespace):
    """The AnnotationSource the source options ask for (see add_source_arguments)."""
    from fusionviz.errors import AnnotationDataError
    from fusionviz.sources import default_source

    opt = lambda name: getattr(args, name, None)  # noqa: E731 - commands without the options
    if opt("release") and opt("gtf"):
        raise AnnotationDataError("give either --release or --gtf, not both")
    if (opt("cdna") or opt("pep")) and not opt("gtf"):
        raise AnnotationDataError("--cdna/--pep go with --gtf FILE; add --gtf")
    if opt("species") and not opt("release"):
        raise AnnotationDataError("--species goes with --release N; add --release")
    if opt("release"):
        from fusionviz.sources.release import release_source

        src = release_source(opt("release"), opt("species"), domains_from=default_source())
    elif opt("gtf"):
        from fusionviz.sources.release import gtf_source

        src = gtf_source(opt("gtf"), opt("cdna"), opt("pep"), domains_from=default_source())
    else:
        src = default_source()
    if opt("domains"):
        from fusionviz.sources.domain_files import with_domain_file

        replace = opt("domains_mode") == "replace"
        src = with_domain_file(src, opt("domains"), replace_domains=replace)
    return src


@dataclass(frozen=True)
class Failure:
    """A fusion from the command line that could not be annotated."""

    text: str
    message: str


def _flag_request(args: argparse.Namespace, is_gene) -> FusionRequest:
    """The fusion given as --5p/--3p (introns read by side, and said so)."""
    from fusionviz.notation import read_partner

    if not (args.five_prime and args.three_prime):
        raise NotationError("--5p and --3p go together: give both partners")
    five, n5 = read_partner(args.five_prime, is_gene=is_gene, role="5'")
    three, n3 = read_partner(args.three_prime, is_gene=is_gene, role="3'")
    request = FusionRequest(
        five, three, text=f"{args.five_prime} :: {args.three_prime}", reading=n5 + n3
    )
    return _lifted(request, getattr(args, "build", None))


def _lifted(request: FusionRequest, build: str | None) -> FusionRequest:
    """The request on GRCh38 when its breakpoints were given on GRCh37 (--build)."""
    if not build:
        return request
    from fusionviz.callers import normalise_build

    b = normalise_build(build)
    if b is None:
        raise NotationError(f"unknown build '{build}'; valid builds: GRCh38, GRCh37 (hg19)")
    if b == "GRCh38":
        return request
    from fusionviz.liftover import lift_request

    return lift_request(request)


def annotate_args(
    args: argparse.Namespace, source=None
) -> tuple[list[AnnotatedFusion], list[Failure]]:
    """Annotate every fusion on the command line; bad ones come back as failures
    so that the others are still reported."""
    from fusionviz.annotate import annotate
    from fusionviz.names import is_known_name
    from fusionviz.notation import parse_fusion

    src = source or source_from_args(args)
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
    is_gene = is_known_name(src)
    for label, text in items:
        try:
            if text is None:
                request = _flag_request(args, is_gene)
            else:
                request = parse_fusion(text, is_gene=is_gene)
            meaning = getattr(args, "meaning", None) or "rna"
            request = replace(request, breakpoint_meaning=meaning)
            fusions.append(
                annotate(request, src, transcript5=args.transcript5, transcript3=args.transcript3)
            )
        except GenePairOnlyError as exc:
            extra = getattr(args, "known", None)
            from fusionviz.known import load_known_table
            from fusionviz.pair_only import known_pair_fusions

            table = load_known_table(extra=Path(extra) if extra else None)
            got = known_pair_fusions(exc, src, text or label, table)
            if got:
                fusions.extend(got)
            else:
                failures.append(Failure(label, f"{exc} (none in the known-fusions table)"))
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
