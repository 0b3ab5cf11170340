"""``fusionviz annotate``: frame, fusion protein, domains and exon-numbering check."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from fusionviz.cli.common import add_fusion_arguments, annotate_args, report_failures
from fusionviz.errors import OutputError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "annotate",
        help="annotate fusions given as partner genes and exons",
        description=(
            "Annotate gene fusions from partner genes and exon numbers: frame (explained), "
            "fusion protein, domains kept or lost, exon-numbering check, names and provenance. "
            "Default transcripts: MANE Select. Exon numbers are counted on the transcript used "
            "(exon 1 = first exon, coding or not)."
        ),
    )
    add_fusion_arguments(p)
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="JSON (one object, or a list)")
    fmt.add_argument("--tsv", action="store_true", help="TSV with a header row")
    fmt.add_argument(
        "--vicc",
        action="store_true",
        help="VICC Gene Fusion Specification JSON (CategoricalFusion for exon-level input, "
        "AssayedFusion for genomic breakpoints; see docs/vicc.md)",
    )
    p.add_argument("--fasta", metavar="FILE", help="write the fusion protein(s) as FASTA")
    p.add_argument("--figure", metavar="FILE", help="also draw the fusion(s) (SVG, PDF, PNG)")
    p.add_argument(
        "--all-transcripts",
        action="store_true",
        help="also annotate every other transcript pair of the two genes on which the "
        "junction can be placed, with its frame",
    )
    p.add_argument(
        "--known",
        metavar="FILE",
        help="a lab's own table of known fusions (format of annotations/known_fusions.tsv), "
        "added to the bundled table",
    )
    p.set_defaults(handler=run)


def _write(path: str, text: str) -> None:
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None


def run(args: argparse.Namespace) -> int:
    from fusionviz.cli.common import source_from_args
    from fusionviz.evidence import assess
    from fusionviz.known import load_known_table, match_fusion

    table = load_known_table(extra=Path(args.known) if args.known else None)
    source = source_from_args(args)
    fusions, failures = annotate_args(args, source)
    known = [match_fusion(af, table, source) for af in fusions]
    evidence = [
        assess(af, source, known=k, table=table) for af, k in zip(fusions, known, strict=True)
    ]
    pairs = [_other_pairs(af, source) if args.all_transcripts else [] for af in fusions]
    several = len(fusions) + len(failures) > 1
    if fusions:
        _print_fusions(args, fusions, known, evidence, pairs, several)
        if args.fasta:
            _write_fasta(args.fasta, fusions)
        if args.figure:
            from fusionviz.figures import write_figure

            write_figure(fusions, args.figure)
    report_failures(failures, several=several)
    return 2 if failures else 0


def _print_fusions(args, fusions, known, evidence, pairs, several: bool) -> None:
    """Writes the fusions to stdout as JSON, TSV, VICC JSON or text (one object when one)."""
    from fusionviz import report

    if args.json:
        data = [report.to_dict(af, k, e) for af, k, e in zip(fusions, known, evidence, strict=True)]
        if args.all_transcripts:
            for d, others in zip(data, pairs, strict=True):
                d["all_transcript_pairs"] = [_pair_dict(o) for o in others]
        json.dump(data if several else data[0], sys.stdout, indent=2)
        sys.stdout.write("\n")
    elif args.tsv:
        sys.stdout.write(report.to_tsv(fusions, known, evidence))
    elif args.vicc:
        from fusionviz.vicc import to_vicc

        objects = [to_vicc(af) for af in fusions]
        json.dump(objects if several else objects[0], sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        texts = [
            report.to_text(af, k, e) + _pairs_text(af, others)
            for af, k, e, others in zip(fusions, known, evidence, pairs, strict=True)
        ]
        sys.stdout.write("\n".join(texts))


def _write_fasta(path: str, fusions) -> None:
    """Writes the fusion proteins the annotation has sequence for; says which it had not."""
    from fusionviz import report

    records = [r for r in (report.fasta_record(af) for af in fusions) if r]
    if records:
        _write(path, "".join(records))
    missing = len(fusions) - len(records)
    if not records:
        print(
            f"fusionviz: no fusion protein sequence to write; {path} was not "
            "written (--release N uses a pyensembl release with exact sequences)",
            file=sys.stderr,
        )
    elif missing:
        print(
            f"fusionviz: {missing} fusion(s) have no protein sequence in the bundle "
            f"(not written to {path}); --release N uses a pyensembl release "
            "with exact sequences",
            file=sys.stderr,
        )


def _other_pairs(af, source) -> list:
    """Every other transcript pair on which the same junction can be placed."""
    from fusionviz.annotate import annotate
    from fusionviz.batch import annotate_request

    found = annotate_request(af.request, source, annotate, all_transcripts=True)
    return [a.fusion for a in found[1:]]


def _pair_dict(af) -> dict:
    return {
        "five_prime_transcript": af.five_prime.transcript_label,
        "five_prime_exon": af.five_prime.exon,
        "three_prime_transcript": af.three_prime.transcript_label,
        "three_prime_exon": af.three_prime.exon,
        "frame": af.frame,
        "junction_class": af.junction.junction_class,
        "fusion_protein_length": af.protein.length,
    }


def _pairs_text(af, others: list) -> str:
    if not others:
        return ""
    genomic = af.request.five_prime.breakpoint or af.request.three_prime.breakpoint
    same = "same breakpoints" if genomic else "same exon numbers"
    lines = [f"  all transcript pairs ({same})"]
    for o in others:
        length = f"{o.protein.length} aa" if o.protein.length else "length unknown"
        pair = (
            f"{o.five_prime.transcript_label} e{o.five_prime.exon} :: "
            f"{o.three_prime.transcript_label} e{o.three_prime.exon}"
        )
        lines.append(f"      {pair:<34} {o.frame:<14} {o.junction.junction_class:<12} {length}")
    return "\n".join(lines) + "\n"
