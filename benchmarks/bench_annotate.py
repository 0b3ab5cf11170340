"""Benchmarks for the exon-level engine (issue targets in brackets).

    python benchmarks/bench_annotate.py

- cold process: ``fusionviz annotate "SQSTM1 e5::ALK e19"`` wall time  [< 1 s]
- warm process: 1,000 exon-level fusions annotated in one process      [< 2 s]
"""

from __future__ import annotations

import itertools
import statistics
import subprocess
import sys
import time

from panel_junctions import PAIRS  # the script's folder is on sys.path


def cold_process(runs: int = 5) -> list[float]:
    cmd = [sys.executable, "-m", "fusionviz", "annotate", "SQSTM1 e5::ALK e19"]
    subprocess.run(cmd, check=True, capture_output=True)  # one-time index, not timed
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - t)
    return times


def thousand_fusions() -> float:
    from fusionviz.annotate import annotate
    from fusionviz.notation import parse_fusion
    from fusionviz.sources import default_source

    src = default_source()
    texts = []
    for (g5, g3), e5, e3 in itertools.product(PAIRS, range(2, 12), range(2, 12)):
        n5 = src.default_transcript(g5).n_exons
        n3 = src.default_transcript(g3).n_exons
        texts.append(f"{g5} e{min(e5, n5)}::{g3} e{min(e3, n3)}")
    texts = texts[:1000]
    src.transcripts("ALK")  # open the bundle before timing
    t = time.perf_counter()
    for text in texts:
        annotate(parse_fusion(text, is_gene=src.has_gene), src)
    return time.perf_counter() - t


def main() -> None:
    cold = cold_process()
    print(
        f"cold 'fusionviz annotate' (one fusion): median {statistics.median(cold):.3f} s, "
        f"max {max(cold):.3f} s over {len(cold)} runs  [target < 1 s]"
    )
    warm = thousand_fusions()
    print(f"1,000 exon-level fusions in one process: {warm:.3f} s  [target < 2 s]")


if __name__ == "__main__":
    main()
