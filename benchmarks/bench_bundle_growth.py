"""The bundle after it grew (all GENCODE gene loci, aliases, recovered genes): the one-time
SQLite index and the first ``fusionviz annotate`` after install (issue targets in brackets).

    python benchmarks/bench_bundle_growth.py

- first ``fusionviz annotate`` in a fresh cache (builds the index, then annotates)  [< 3 s]
- index size on disk                                                               [< 150 MB]
- cold process once the index exists, and per-row loci look-ups (loci_at, nearest_loci,
  locus, aliases), which batch runs call for every caller row
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CMD = [sys.executable, "-m", "fusionviz", "annotate", "MLL e9::AF9 e6"]


def first_annotate(runs: int = 3) -> tuple[list[float], int]:
    """Wall time of the first annotate in an empty cache, and the index size (bytes)."""
    times, size = [], 0
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as cache:
            env = {**os.environ, "FUSIONVIZ_CACHE_DIR": cache}
            t = time.perf_counter()
            subprocess.run(CMD, check=True, capture_output=True, env=env)
            times.append(time.perf_counter() - t)
            size = sum(p.stat().st_size for p in Path(cache).rglob("index.sqlite"))
    return times, size


def cold_with_index(runs: int = 5) -> list[float]:
    subprocess.run(CMD, check=True, capture_output=True)  # ensure the index exists
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(CMD, check=True, capture_output=True)
        times.append(time.perf_counter() - t)
    return times


def lookups(n: int = 10_000) -> dict[str, float]:
    from fusionviz.sources import default_source

    src = default_source()
    src.loci_at("1", 1)  # open the index before timing
    out = {}
    for name, call in (
        ("loci_at", lambda i: src.loci_at("2", 29_000_000 + 97 * i)),
        ("nearest_loci", lambda i: src.nearest_loci("2", 29_000_000 + 97 * i)),
        ("locus", lambda i: src.locus("ALK")),
        ("aliases", lambda i: src.aliases("MLL")),
    ):
        t = time.perf_counter()
        for i in range(n):
            call(i)
        out[name] = (time.perf_counter() - t) / n * 1e6
    return out


def main() -> None:
    times, size = first_annotate()
    print(
        f"first annotate, empty cache: median {statistics.median(times):.2f} s "
        f"(runs {', '.join(f'{x:.2f}' for x in times)}) [target < 3 s]"
    )
    print(f"index size: {size / 1e6:.1f} MB [target < 150 MB]")
    cold = cold_with_index()
    print(f"cold process with the index: median {statistics.median(cold):.2f} s")
    for name, us in lookups().items():
        print(f"{name}: {us:.1f} µs per call")


if __name__ == "__main__":
    main()
