"""Timings of the bundled annotation source.

Run: ``python benchmarks/bench_source.py``. Measures, each in a fresh process:
1. the one-time index (empty cache dir: GTF generation + pyensembl indexing);
2. a cold process's first annotation lookup with the index present (import + load +
   default transcript + domains + protein), the number users feel on every CLI call;
then, in-process, 1,000 mixed lookups (transcript by ENST/name/NM_, domains, sequence).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

COLD = """
import time
t0 = time.perf_counter()
from fusionviz.sources import default_source
s = default_source()
t = s.default_transcript("ALK")
s.domains(t); s.protein_sequence(t)
print(time.perf_counter() - t0)
"""


def run_cold(cache: str) -> tuple[float, float]:
    """(wall time of the whole process, time from first import to answer inside it)."""
    env = {**os.environ, "FUSIONVIZ_CACHE_DIR": cache}
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", COLD], env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if out.returncode:
        raise SystemExit(out.stderr)
    return wall, float(out.stdout.strip())


def thousand_lookups() -> float:
    from fusionviz.sources import default_source

    s = default_source()
    ids = []
    for g in s.gene_symbols():
        for t in s.transcripts(g):
            ids.append((t.transcript_id or t.name, g))
        if s.default_transcript(g).refseq:
            ids.append((s.default_transcript(g).refseq, g))
    t0 = time.perf_counter()
    for i in range(1000):
        ident, gene = ids[i % len(ids)]
        t = s.transcript(ident, gene)
        s.domains(t)
        s.protein_sequence(t)
    return time.perf_counter() - t0


def main() -> None:
    with tempfile.TemporaryDirectory() as cache:
        first, _ = run_cold(cache)
        runs = [run_cold(cache) for _ in range(7)]
    walls = [w for w, _ in runs]
    inner = [i for _, i in runs]
    print(f"one-time index + first lookup (fresh cache), process wall: {first:.2f} s")
    print(
        "cold process, first lookup with index present: "
        f"import->answer median {statistics.median(inner):.3f} s "
        f"(min {min(inner):.3f}, max {max(inner):.3f}); process wall incl. interpreter start "
        f"median {statistics.median(walls):.3f} s"
    )
    with tempfile.TemporaryDirectory() as cache:
        os.environ["FUSIONVIZ_CACHE_DIR"] = cache
        run_cold(cache)  # build the index outside the timed loop
        dt = thousand_lookups()
    print(f"1,000 lookups (transcript + domains + protein), in process: {dt * 1000:.1f} ms")


if __name__ == "__main__":
    main()
