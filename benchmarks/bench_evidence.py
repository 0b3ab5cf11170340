"""What the evidence list (fusionviz.evidence) costs.

    python benchmarks/bench_evidence.py

- one-time load of the curated tables and the GTEx table in a process
- per annotation: ``assess()`` on the 1,000 exon-level fusions of bench_annotate.py,
  with and without the other exon-numbering reading of out-of-frame junctions, against
  the cost of ``annotate()`` itself
- the size the evidence files add to the bundle
"""

from __future__ import annotations

import itertools
import statistics
import time
from pathlib import Path

from panel_junctions import PAIRS  # the script's folder is on sys.path

REPO = Path(__file__).resolve().parents[1]
FILES = (
    "domain_classes.tsv",
    "gene_features.tsv",
    "expression_gtex.tsv.gz",
    "evidence_manifest.json",
    "EVIDENCE_PROVENANCE.md",
)


def fusions(src):
    from fusionviz.annotate import annotate
    from fusionviz.notation import parse_fusion

    texts = []
    for (g5, g3), e5, e3 in itertools.product(PAIRS, range(2, 12), range(2, 12)):
        n5, n3 = src.default_transcript(g5).n_exons, src.default_transcript(g3).n_exons
        texts.append(f"{g5} e{min(e5, n5)}::{g3} e{min(e3, n3)}")
    reqs = [parse_fusion(t, is_gene=src.has_gene) for t in texts[:1000]]
    t = time.perf_counter()
    out = [annotate(r, src) for r in reqs]
    return out, time.perf_counter() - t


def main() -> None:
    from fusionviz.evidence import assess
    from fusionviz.known import load_known_table, match_fusion
    from fusionviz.sources import default_source

    src = default_source()
    table = load_known_table()
    afs, t_annotate = fusions(src)
    t = time.perf_counter()
    assess(afs[0], src, table=table)
    print(f"first assessment in a process (loads the tables): {time.perf_counter() - t:.3f} s")
    known = [match_fusion(af, table, src) for af in afs]
    runs = {}
    for readings in (False, True):
        times = []
        for _ in range(3):
            t = time.perf_counter()
            for af, k in zip(afs, known, strict=True):
                assess(af, src, known=k, table=table, readings=readings)
            times.append(time.perf_counter() - t)
        runs[readings] = statistics.median(times)
    out_of_frame = sum(af.frame != "in-frame" for af in afs)
    print(
        f"{len(afs)} fusions ({out_of_frame} not in frame): annotate "
        f"{1e6 * t_annotate / len(afs):.0f} us/fusion; assess {1e6 * runs[False] / len(afs):.0f} "
        f"us/fusion without, {1e6 * runs[True] / len(afs):.0f} us/fusion with the other "
        "exon-numbering reading"
    )
    sizes = {name: (REPO / "annotations" / name).stat().st_size for name in FILES}
    total = sum(sizes.values())
    print(
        f"bundle size added: {total / 1e6:.2f} MB ("
        + ", ".join(f"{n} {s / 1e3:.0f} kB" for n, s in sizes.items())
        + ")"
    )


if __name__ == "__main__":
    main()
