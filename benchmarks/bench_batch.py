"""Cohort-scale batch runs: 10k / 100k / 1M rows, one core and every core.

Each size is a synthetic cohort of real exon-boundary junctions (``cohort.py``: tens of
thousands of distinct junctions over 2,000+ genes, Zipf-like recurrence, 10,000
samples). Each run is the whole command, ``fusionviz batch FILE -o DIR --quiet --jobs
N``, writing every output file. Memory is sampled every 0.2 s over the command's
process tree from ``/proc`` (Linux): the largest single process (RSS) and the whole
tree (proportional set size, which counts the pages forked workers share with their
parent once).

    python benchmarks/bench_batch.py                      # 10k, 100k, 1M; 1 job and all
    python benchmarks/bench_batch.py --sizes 10000 --jobs 1 2

Reported per run: wall time, rows per second (and per core), peak memory; and the
speed-up from one job to all. Targets (issue 14): flat cost per row, peak memory
under 500 MB and not growing with the number of rows.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from cohort import write_cohort  # noqa: E402

ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _tree(pid: int) -> list[int]:
    """``pid`` and every descendant (from /proc/<pid>/task/*/children)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo += [int(c) for c in fh.read().split()]
        except OSError:
            continue
    return out


def _kb(path: str, field: str) -> int:
    try:
        with open(path) as fh:
            for line in fh:
                if line.startswith(field):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def run(path: Path, jobs: int, out: Path) -> dict:
    """One ``fusionviz batch`` run: seconds and peak memory (MB)."""
    cmd = [sys.executable, "-m", "fusionviz", "batch", str(path), "-o", str(out)]
    cmd += ["--force", "--quiet", "--jobs", str(jobs)]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_rss = peak_pss = 0
    while proc.poll() is None:
        pids = _tree(proc.pid)
        rss = [_kb(f"/proc/{p}/status", "VmRSS:") for p in pids]
        pss = sum(_kb(f"/proc/{p}/smaps_rollup", "Pss:") for p in pids)
        peak_rss, peak_pss = max(peak_rss, max(rss, default=0)), max(peak_pss, pss)
        time.sleep(0.2)
    seconds = time.perf_counter() - t0
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"fusionviz batch failed ({proc.returncode}): {err[-500:]}")
    return {"seconds": seconds, "rss_mb": peak_rss / 1024, "pss_mb": peak_pss / 1024}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--jobs", type=int, nargs="+", help="default: 1 and every core")
    args = ap.parse_args(argv)
    cores = len(os.sched_getaffinity(0))
    jobs = args.jobs or sorted({1, cores})
    print(f"{cores} cores; cohort files of real exon-boundary junctions (benchmarks/cohort.py)")
    head = ("rows", "distinct", "jobs", "seconds", "rows/s", "rows/s/core", "max RSS", "tree PSS")
    print("{:>9} {:>9} {:>5} {:>9} {:>8} {:>11} {:>8} {:>9} {:>7}".format(*head, "output"))
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            path = write_cohort(Path(tmp) / f"cohort_{n}.tsv", n)
            with open(path) as fh:
                next(fh)
                distinct = len({line.split("\t", 1)[1].rsplit("\t", 1)[0] for line in fh})
            base = None
            for j in jobs:
                out = Path(tmp) / f"out_{n}_{j}"
                r = run(path, j, out)
                r["output_gb"] = sum(f.stat().st_size for f in out.rglob("*") if f.is_file()) / 1e9
                shutil.rmtree(out)  # a million rows write ~30 GB
                rate = n / r["seconds"]
                base = base or rate
                print(
                    f"{n:>9} {distinct:>9} {j:>5} {r['seconds']:>9.1f} {rate:>8.0f} "
                    f"{rate / j:>11.0f} {r['rss_mb']:>6.0f}MB {r['pss_mb']:>7.0f}MB "
                    f"{r['output_gb']:>6.1f}GB"
                    + (f"   speed-up x{rate / base:.2f}" if j > 1 else "")
                )
            path.unlink()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
