"""Batch annotation throughput: 1k / 10k / 100k synthetic STAR-Fusion rows.

The rows are the three seed junctions (tests/data/callers/star-fusion.fusion_
predictions.abridged.tsv) repeated. Only reading + annotation is timed (no output
files). Each size runs in its own process so that peak RSS is that run's alone.

    python benchmarks/bench_batch.py                 # 1k, 10k, 100k; cache on and off
    python benchmarks/bench_batch.py --sizes 10000 --no-cache

Targets: 10,000 rows < 5 s and < 500 MB, with a flat cost per row.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED_FILE = REPO / "tests" / "data" / "callers" / "star-fusion.fusion_predictions.abridged.tsv"


def make_file(n: int, folder: Path) -> Path:
    """A STAR-Fusion abridged file with ``n`` data rows (seed rows repeated)."""
    lines = SEED_FILE.read_text().splitlines()
    header, seeds = lines[0], lines[1:4]
    path = folder / f"synthetic_{n}.tsv"
    with open(path, "w") as fh:
        fh.write(header + "\n")
        for i in range(n):
            fh.write(seeds[i % len(seeds)] + "\n")
    return path


def run_one(n: int, cache: bool) -> dict:
    """Annotate n rows in this process; return timings and peak memory."""
    from fusionviz.batch import annotate_rows
    from fusionviz.callers import RowError, open_calls
    from fusionviz.sources import default_source

    with tempfile.TemporaryDirectory() as tmp:
        path = make_file(n, Path(tmp))
        t_load = time.perf_counter()
        source = default_source()
        source.transcripts("ALK")  # load the bundle before timing the rows
        load = time.perf_counter() - t_load
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        t0 = time.perf_counter()
        ok = failed = 0
        for item in annotate_rows(open_calls(path).rows(), source, cache=cache):
            if isinstance(item, RowError):
                failed += 1
            else:
                ok += 1
        seconds = time.perf_counter() - t0
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # Linux: kB
    return {
        "rows": n,
        "cache": cache,
        "annotated": ok,
        "failed": failed,
        "bundle_load_s": round(load, 3),
        "seconds": round(seconds, 3),
        "us_per_row": round(seconds / n * 1e6, 1),
        "peak_rss_mb": round(peak_kb / 1024, 1),
        "rss_growth_mb": round((peak_kb - rss_before) / 1024, 1),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    ap.add_argument("--no-cache", action="store_true", help="only the uncached runs")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--cache", choices=("on", "off"), default="on", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.one, args.cache == "on")))
        return 0
    modes = ["off"] if args.no_cache else ["on", "off"]
    head = ("rows", "cache", "seconds", "us/row", "peak RSS MB", "growth MB")
    print("{:>7} {:>5} {:>8} {:>8} {:>12} {:>10}".format(*head))
    for mode in modes:
        for n in args.sizes:
            out = subprocess.run(
                [sys.executable, __file__, "--one", str(n), "--cache", mode],
                capture_output=True,
                text=True,
                check=False,
            )
            if out.returncode:
                print(f"{n:>7} {mode:>5} failed: {out.stderr.strip().splitlines()[-1:]}")
                continue
            r = json.loads(out.stdout)
            print(
                f"{r['rows']:>7} {mode:>5} {r['seconds']:>8.2f} {r['us_per_row']:>8.1f} "
                f"{r['peak_rss_mb']:>12.1f} {r['rss_growth_mb']:>10.1f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
