"""Validation of the GRCh37 -> GRCh38 lift-over (not a timing benchmark).

1. Exon boundaries: GeneFuse's ``cancer.hg19.csv`` and ``cancer.hg38.csv``
   (``../shared/upstream/genefuse/``) list the exons of the same cancer-gene
   transcripts on both builds. Every GRCh37 exon start and end is lifted and
   compared with the same exon's boundary on GRCh38; each miss is classified.
2. Twins: the same junction reported on GRCh37 and on GRCh38 by files in
   ``../shared/callers`` (PROVENANCE.md, "Same junction, two builds") must give
   identical exon-level answers once the GRCh37 file is lifted.

Run: ``python benchmarks/liftover_check.py [--shared ../shared]``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from fusionviz.liftover import LiftError, lift_position
from fusionviz.models import GenomicPosition

SHARED = Path(os.environ.get("FUSIONVIZ_SHARED", Path(__file__).resolve().parents[2] / "shared"))


# --------------------------------------------------------------------------- GeneFuse


def read_genefuse(path: Path) -> list[tuple[str, str, str, list[tuple[int, int, int]]]]:
    """``[(gene, unversioned ENST, contig, [(exon, start, end)])]`` in file order."""
    out: list[tuple[str, str, str, list[tuple[int, int, int]]]] = []
    for line in path.read_text().splitlines():
        if line.startswith(">"):
            name, _, region = line[1:].partition(",")
            gene, _, tx = name.rpartition("_")
            out.append((gene, tx.split(".")[0], region.split(":")[0].removeprefix("chr"), []))
        elif line.strip() and out:
            n, s, e = (int(x) for x in line.split(",")[:3])
            out[-1][3].append((n, s, e))
    return out


@dataclass
class BoundaryReport:
    """How the GRCh37 exon boundaries lift."""

    transcripts37: int = 0
    transcripts_both: int = 0
    boundaries: int = 0
    lifted: int = 0
    exact: int = 0
    exact_other_transcript: int = 0
    misses: Counter = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)

    def miss(self, why: str, example: str) -> None:
        self.misses[why] += 1
        self.examples.setdefault(why, [])
        if len(self.examples[why]) < 3:
            self.examples[why].append(example)


def check_boundaries(hg19: Path, hg38: Path) -> BoundaryReport:
    """Lift every GRCh37 exon boundary and compare with GRCh38 (see module doc).

    Same transcript on both builds: compared with the same exon's boundary. The
    GRCh38 file lists another transcript of the gene: compared with that
    transcript's boundaries of the same kind (starts with starts)."""
    r = BoundaryReport()
    t37 = read_genefuse(hg19)
    t38 = {tx: ex for _, tx, _, ex in read_genefuse(hg38)}
    by_gene: dict[str, list[list[tuple[int, int, int]]]] = {}
    for gene, _, _, ex in read_genefuse(hg38):
        by_gene.setdefault(gene, []).append(ex)
    r.transcripts37 = len(t37)
    for gene, tx, contig, exons37 in t37:
        same = tx in t38
        r.transcripts_both += same
        ex38 = {n: (s, e) for n, s, e in t38.get(tx, [])}
        others = by_gene.get(gene, [])
        for n, s, e in exons37:
            lifted: list[int | None] = []
            for b in (s, e):
                r.boundaries += 1
                try:
                    lifted.append(lift_position(GenomicPosition(contig, b))[0].position)
                    r.lifted += 1
                except LiftError as exc:
                    lifted.append(None)
                    r.miss(_lift_reason(str(exc)), f"{gene} exon {n}: {exc}")
            for side, (b37, new) in enumerate(zip((s, e), lifted, strict=True)):
                if new is None:
                    continue
                where = f"{gene} {tx} exon {n} {'start' if side == 0 else 'end'}"
                if not same:
                    kind = {ex[side + 1] for exs in others for ex in exs}
                    if new in kind:
                        r.exact += 1
                        r.exact_other_transcript += 1
                    elif not others:
                        r.miss("gene not in cancer.hg38.csv under this name", where)
                    else:
                        r.miss(
                            "cancer.hg38.csv lists another transcript of the gene, without "
                            "an exon boundary here",
                            f"{where}: chr{contig}:{b37} -> {new}",
                        )
                    continue
                want = ex38.get(n, (None, None))[side]
                if new == want:
                    r.exact += 1
                    continue
                r.miss(
                    _explain(n, side, (s, e), lifted, ex38, new, len(exons37)),
                    f"{where}: chr{contig}:{b37} -> {new}, GRCh38 file {want}",
                )
    return r


def _lift_reason(message: str) -> str:
    if "places" in message:
        return "lifts to several places (not lifted)"
    if "no GRCh38 counterpart" in message:
        return "in no aligned block of the chain (not lifted)"
    return "not lifted: " + message.split(":")[-1].strip()[:60]


def _explain(n, side, ex37, lifted, ex38, new, count37) -> str:  # noqa: ANN001
    all38 = {b for se in ex38.values() for b in se}
    if len(ex38) != count37:
        if new in all38:
            return "exon renumbered between the transcript versions (lands on another exon)"
        return "exon structure differs between the two files' transcript versions"
    if n not in ex38:
        return "exon missing from the GRCh38 file"
    s37, e37 = ex37
    s38, e38 = ex38[n]
    other = lifted[1 - side]
    other_ok = other is not None and other == (s38, e38)[1 - side]
    if other_ok and (e38 - s38) != (e37 - s37):
        return (
            "the two files' transcript versions end this exon differently (the exon's other "
            "boundary lifts exactly; its length differs between the files)"
        )
    if other is not None and (lifted[1] - lifted[0]) != (e37 - s37):  # type: ignore[operator]
        return "the builds differ inside the exon (chain indel)"
    return "boundary differs between the files by the same offset at both ends (moved exon)"


# --------------------------------------------------------------------------- twins

#: (fusion, GRCh37 file, GRCh37 5'/3' positions, GRCh38 file, GRCh38 5'/3' positions)
TWINS = [
    ("EML4--ALK H2228",
     "STAR-Fusion_benchmarking_data/H2228/STAR_FUSION_GRCh37v19_FL3_v51b3df4/star-fusion.fusion_candidates.final.abridged",
     (42492091, 29446394),
     "STAR-Fusion_benchmarking_data/H2228/FUSION_CATCHER_V0994e/final-list_candidate-fusion-genes.txt",
     (42264951, 29223528)),
    ("BCR--ABL1 K562",
     "STAR-Fusion_benchmarking_data/K562/STAR_FUSION_GRCh37v19_FL3_v51b3df4/star-fusion.fusion_candidates.final.abridged",
     (23632600, 133729451),
     "STAR-Fusion_benchmarking_data/K562/FUSION_CATCHER_V0994e/final-list_candidate-fusion-genes.txt",
     (23290413, 130854064)),
    ("BCR--ABL1 (Arriba test file)", "arriba/fusions.tsv", (23632600, 133729451),
     "CTAT-LRF-Paper/DepMap_Illumina/DepMap_v1v2mrgd_K562.Arriba.fusions.tsv.gz",
     (23290413, 130854064)),
    ("CCDC6--RET LC2Ad",
     "STAR-Fusion_benchmarking_data/LC2Ad/STAR_FUSION_GRCh37v19_FL3_v51b3df4/star-fusion.fusion_candidates.final.abridged",
     (61665880, 43612032),
     "STAR-Fusion_benchmarking_data/LC2Ad/FUSION_CATCHER_V0994e/final-list_candidate-fusion-genes.txt",
     (59906122, 43116584)),
    ("TMPRSS2--ERG VCaP",
     "STAR-Fusion_benchmarking_data/VCaP_85/STAR_FUSION_GRCh37v19_FL3_v51b3df4/star-fusion.fusion_candidates.final.abridged",
     (42879877, 39817544),
     "CTAT-LRF-Paper/DepMap_Illumina/DepMap_v1v2mrgd_VCAP.Arriba.fusions.tsv.gz",
     (41507950, 38445621)),
    ("EWSR1--FLI1 A-673",
     "STAR-Fusion_benchmarking_data/G26212.A-673.2/STAR_FUSION_GRCh37v19_FL3_v51b3df4/star-fusion.fusion_candidates.final.abridged",
     (29683123, 128675261),
     "STAR-Fusion_benchmarking_data/G26212.A-673.2/FUSION_CATCHER_V0994e/final-list_candidate-fusion-genes.txt",
     (29287134, 128805366)),
    ("FGFR3--TACC3 RT4",
     "STAR-Fusion_benchmarking_data/G41706.RT4.5/STAR_FUSION_GRCh37v19_FL3_v51b3df4/star-fusion.fusion_candidates.final.abridged",
     (1808661, 1729704),
     "STAR-Fusion_benchmarking_data/G41706.RT4.5/FUSION_CATCHER_V0994e/final-list_candidate-fusion-genes.txt",
     (1806934, 1727977)),
    ("EML4--ALK spike-in", "STAR-Fusion/__fuco__star-fusion.fusion_candidates.final.abridged",
     (42528534, 29446450), "fusion-report/starfusion.tsv", (42301394, 29223584)),
]  # fmt: skip


def _answer(path: Path, positions: tuple[int, int], source) -> tuple:  # noqa: ANN001
    from fusionviz.annotate import annotate
    from fusionviz.batch import plan_build
    from fusionviz.callers import open_calls
    from fusionviz.callers.prepare import prepared_rows

    table = open_calls(path)
    plan = plan_build(table, source)
    for req in prepared_rows(table, source, plan):
        if not hasattr(req, "five_prime"):
            continue
        given = req.lifted or req
        b5 = given.five_prime if req.lifted else req.five_prime.breakpoint
        b3 = given.three_prime if req.lifted else req.three_prime.breakpoint
        if b5 and b3 and (b5.position, b3.position) == positions:
            af = annotate(req, source)
            p5, p3 = af.five_prime, af.three_prime
            return (
                plan.build,
                (p5.gene, p5.transcript.label, p5.exon, p3.gene, p3.transcript.label, p3.exon),
                af.frame,
                af.protein.length,
                str(p5.genomic_boundary),
                str(p3.genomic_boundary),
            )
    raise LookupError(f"no row at {positions} in {path.name}")


def check_twins(callers: Path, source) -> list[tuple[str, tuple, tuple, bool]]:  # noqa: ANN001
    """For each twin: (name, GRCh37 answer, GRCh38 answer, identical exon-level answer)."""
    out = []
    for name, f37, pos37, f38, pos38 in TWINS:
        a37 = _answer(callers / f37, pos37, source)
        a38 = _answer(callers / f38, pos38, source)
        out.append((name, a37, a38, a37[1:4] == a38[1:4]))
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--shared", type=Path, default=SHARED)
    args = p.parse_args(argv)
    gf = args.shared / "upstream" / "genefuse"
    r = check_boundaries(gf / "cancer.hg19.csv", gf / "cancer.hg38.csv")
    print(
        f"GeneFuse exon boundaries: {r.transcripts37} GRCh37 transcripts "
        f"({r.transcripts_both} with the same transcript on GRCh38), {r.boundaries} boundaries, "
        f"{r.lifted} lifted to exactly one place, {r.exact} land exactly on the GRCh38 "
        f"boundary ({r.exact_other_transcript} of them on the GRCh38 file's other transcript "
        f"of the gene; {100 * r.exact / max(1, r.lifted):.2f}% of lifted)"
    )
    for why, n in r.misses.most_common():
        print(f"  {n:5d}  {why}")
        for ex in r.examples[why]:
            print(f"         e.g. {ex}")
    from fusionviz.sources import default_source

    src = default_source()
    twins = check_twins(args.shared / "callers", src)
    same = sum(1 for t in twins if t[3])
    print(f"Twins: {same} of {len(twins)} give identical exon-level answers")
    for name, a37, a38, ok in twins:
        g5, t5, e5, g3, t3, e3 = a37[1]
        print(
            f"  {'same' if ok else 'DIFFERS'}  {name}: {g5} e{e5} :: {g3} e{e3} {a37[2]} "
            f"{a37[3]} aa (GRCh37 lifted, {a37[4]}/{a37[5]}) vs {a38[1][2]}/{a38[1][5]} "
            f"{a38[2]} {a38[3]} aa (GRCh38, {a38[4]}/{a38[5]})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
