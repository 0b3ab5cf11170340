"""Cost per distinct junction on one core (issue 14 target: <= 70 us in batch).

The input is every distinct real MANE exon-boundary junction of the 33 panel genes
(``panel_junctions.py``: 506 junctions, a generic TSV of genomic breakpoints). Each
measurement runs in a fresh process (so the genes are loaded from the bundle index
once, inside the timing) and reports the wall time divided by the junctions:

- ``engine``: reading the file and annotating every row (``annotate_rows``), no output;
- ``batch``: ``run_batch`` writing every output file (TSV, JSONL, VICC, FASTA,
  index.html, MultiQC; the known-fusion match and evidence of every row) on one core
  (``jobs=1``);

both after the process's one-time costs (imports, the bundle's index, the known-fusions
table: see ``_preload``), with the genes loaded inside the timing;
- ``fusionviz batch --jobs 1`` and ``fusionviz annotate J1 J2 ...`` (all the
  junctions on one command line; text, the default, and ``--json``): the commands'
  whole wall time, interpreter start included.

Each in-process row is measured with the repeated-junction caches on and off (the
junctions are distinct, so the caches can only cost here).

    python benchmarks/bench_junctions.py [--repeat 3] [--profile engine|batch]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from panel_junctions import junctions, write_tsv  # noqa: E402

ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _preload():
    """One-time costs of a process, kept out of the per-junction figures: the modules
    a batch imports, the bundle's index and the known-fusions table. The genes'
    transcripts, domains and sequences are loaded inside the timing."""
    import Bio.SeqIO  # noqa: F401 - FASTA records

    import fusionviz.annotate  # noqa: F401
    import fusionviz.batch  # noqa: F401
    import fusionviz.evidence  # noqa: F401
    import fusionviz.report  # noqa: F401
    import fusionviz.vicc  # noqa: F401
    from fusionviz.known import load_known_table
    from fusionviz.sources import default_source

    source = default_source()
    source.has_gene("ALK")  # opens the index
    return source, load_known_table()


def _in_process(what: str, path: Path, cache: bool, profile: bool = False) -> float:
    source, known = _preload()
    if profile:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.runcall(_timed, what, path, cache, source, known)
        pstats.Stats(prof).sort_stats("tottime").print_stats(40)
        return 0.0
    return _timed(what, path, cache, source, known)


def _timed(what: str, path: Path, cache: bool, source, known) -> float:
    t0 = time.perf_counter()
    if what == "engine":
        from fusionviz.batch import annotate_rows
        from fusionviz.callers import RowError, open_calls

        failed = sum(
            isinstance(x, RowError)
            for x in annotate_rows(open_calls(path).rows(), source, cache=cache)
        )
        assert not failed, f"{failed} rows failed"
    else:
        from fusionviz.batch import run_batch

        with tempfile.TemporaryDirectory() as out:
            s = run_batch(path, out, source, quiet=True, cache=cache, known=known, jobs=1)
            assert not s.failed_rows, f"{s.failed_rows} rows failed"
    return time.perf_counter() - t0


def _child(what: str, path: Path, cache: bool) -> float:
    out = subprocess.run(
        [sys.executable, __file__, "--one", what, "--cache", "on" if cache else "off", str(path)],
        capture_output=True,
        text=True,
        check=True,
        env=ENV,
    )
    return float(out.stdout.strip())


def _wall(cmd: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, env=ENV)
    return time.perf_counter() - t


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3, help="runs per measurement (median)")
    ap.add_argument("--profile", choices=("engine", "batch"), help="cProfile one run instead")
    ap.add_argument("--one", choices=("engine", "batch"), help=argparse.SUPPRESS)
    ap.add_argument("--cache", choices=("on", "off"), default="on", help=argparse.SUPPRESS)
    ap.add_argument("path", nargs="?", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        print(_in_process(args.one, Path(args.path), args.cache == "on"))
        return 0
    rows = junctions()
    n = len(rows)
    with tempfile.TemporaryDirectory() as tmp:
        path = write_tsv(Path(tmp) / "panel_junctions.tsv", rows)
        if args.profile:
            _in_process(args.profile, path, False, profile=True)
            return 0
        print(f"{n} distinct MANE exon-boundary junctions of 33 panel genes, one core")
        print(f"{'measurement':<44} {'seconds':>8} {'us/junction':>12}")
        _child("engine", path, True)  # warm the index and bytecode
        for what in ("engine", "batch"):
            for cache in (True, False):
                secs = statistics.median(_child(what, path, cache) for _ in range(args.repeat))
                label = f"{what} (in process, caches {'on' if cache else 'off'})"
                print(f"{label:<44} {secs:>8.3f} {secs / n * 1e6:>12.0f}")
        out = Path(tmp) / "out"
        cmd = [sys.executable, "-m", "fusionviz", "batch", str(path), "-o", str(out)]
        cmd += ["--force", "--quiet", "--jobs", "1"]
        for extra, label in (([], "fusionviz batch --jobs 1"), (["--no-jsonl"], "  --no-jsonl")):
            secs = statistics.median(_wall(cmd + extra) for _ in range(args.repeat))
            label = f"{label} (whole command)"
            print(f"{label:<44} {secs:>8.3f} {secs / n * 1e6:>12.0f}")
        texts = [f"{a}::{b}" for _, a, _, b in rows]
        for extra, what in (([], "text"), (["--json"], "--json")):
            cmd = [sys.executable, "-m", "fusionviz", "annotate", *texts, *extra]
            secs = statistics.median(_wall(cmd) for _ in range(args.repeat))
            label = f"fusionviz annotate, {n} on one line ({what})"
            print(f"{label:<44} {secs:>8.3f} {secs / n * 1e6:>12.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
