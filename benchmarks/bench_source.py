"""Size, cold-start time and memory of the annotation sources.

Run: ``python benchmarks/bench_source.py [--release-fixture]``. Measures:

1. bundle size on disk (the committed ``annotations/`` files);
2. the one-time index of the embedded bundle (fresh cache dir, fresh process);
3. a cold process's first annotation of a random gene (``GENE e2::ALK e20``, a different gene
   each run) with the index present: import -> answer inside the process, the whole process
   wall time, and the process's peak RSS;
4. 1,000 mixed lookups in process;
5. with ``--release-fixture``: the same cold annotation through pyensembl, on an Ensembl-110
   -named cache whose GTF is the whole embedded bundle written as GTF (~89,000 transcripts;
   no FASTA), after its one-time pyensembl index.
"""

from __future__ import annotations

import gzip
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

COLD = """
import resource, sys, time
t0 = time.perf_counter()
from fusionviz.annotate import annotate_text
{setup}
af = annotate_text(sys.argv[1] + " e2::ALK e20", src)
dt = time.perf_counter() - t0
# VmHWM (this process image's peak RSS): ru_maxrss would include the parent's peak before exec.
try:
    hwm = [ln for ln in open("/proc/self/status") if ln.startswith("VmHWM")][0]
    rss = int(hwm.split()[1]) / 1024
except OSError:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(dt, rss, af.frame, af.protein.length)
"""
BUNDLE = "from fusionviz.sources import default_source\nsrc = default_source()"
RELEASE = (
    "from fusionviz.sources import default_source\n"
    "from fusionviz.sources.release import release_source\n"
    "src = release_source(110, cache_dir={cache!r}, domains_from=default_source())"
)


def run_cold(env: dict, gene: str, setup: str = BUNDLE) -> tuple[float, float, float]:
    """(process wall s, import->answer s, peak RSS MB) of one fresh process."""
    t0 = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", COLD.format(setup=setup), gene],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - t0
    if out.returncode:
        raise SystemExit(out.stderr)
    dt, rss, *_ = out.stdout.split()
    return wall, float(dt), float(rss)


def coding_genes(n: int) -> list[str]:
    from fusionviz.sources import default_source

    s = default_source()
    rng = random.Random(1)
    genes = list(s.gene_symbols())
    out = []
    while len(out) < n:
        g = rng.choice(genes)
        if s.default_transcript(g).n_exons >= 4:
            out.append(g)
    return out


def thousand_lookups() -> float:
    from fusionviz.sources import default_source

    s = default_source()
    ids = []
    for g in coding_genes(200):
        for t in s.transcripts(g):
            ids.append((t.transcript_id or t.name, g))
    t0 = time.perf_counter()
    for i in range(1000):
        ident, gene = ids[i % len(ids)]
        t = s.transcript(ident, gene)
        s.domains(t)
        s.protein_sequence(t)
    return time.perf_counter() - t0


def report(label: str, runs: list[tuple[float, float, float]]) -> None:
    walls, inner, rss = zip(*runs, strict=True)
    print(
        f"{label}: import->answer median {statistics.median(inner):.3f} s "
        f"(min {min(inner):.3f}, max {max(inner):.3f}); process wall median "
        f"{statistics.median(walls):.3f} s; peak RSS max {max(rss):.0f} MB"
    )


def main() -> None:
    size = sum(p.stat().st_size for p in (REPO / "annotations").iterdir() if p.is_file())
    print(f"bundle on disk (annotations/): {size / 1e6:.1f} MB")
    with tempfile.TemporaryDirectory() as cache:
        env = {"FUSIONVIZ_CACHE_DIR": cache}
        os.environ["FUSIONVIZ_CACHE_DIR"] = cache  # the bench's own lookups too
        first = run_cold(env, "TP53")  # builds the one-time index
        genes = coding_genes(8)
        print(
            f"one-time index + first annotation (fresh cache), process wall: {first[0]:.2f} s, "
            f"peak RSS {first[2]:.0f} MB"
        )
        report("cold first annotation of a random gene", [run_cold(env, g) for g in genes])
        print(
            f"1,000 lookups (transcript + domains + protein), in process: "
            f"{thousand_lookups() * 1000:.1f} ms"
        )
        if "--release-fixture" in sys.argv:
            release_fixture(env, genes)


def release_fixture(env: dict, genes: list[str]) -> None:
    import pyensembl

    from fusionviz.sources import default_source
    from fusionviz.sources.gtf import gtf_lines

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "GRCh38" / "ensembl110"
        genome = pyensembl.EnsemblRelease(110, cache_directory_path=str(folder))
        paths = [Path(p) for p in genome.required_local_files()]
        folder.mkdir(parents=True)
        rows = list(default_source().all_rows())
        paths[0].write_bytes(gzip.compress("".join(gtf_lines(rows)).encode(), mtime=0))
        for p in paths[1:]:
            p.write_bytes(gzip.compress(b"", mtime=0))
        setup = RELEASE.format(cache=str(folder))
        t0 = time.perf_counter()
        first = run_cold(env, genes[0], setup)
        print(
            f"release fixture ({len(rows)} transcripts): one-time pyensembl index + first "
            f"annotation {time.perf_counter() - t0:.1f} s, peak RSS {first[2]:.0f} MB"
        )
        report(
            "release fixture, cold first annotation",
            [run_cold(env, g, setup) for g in genes[1:]],
        )


if __name__ == "__main__":
    main()
