"""Every real caller file in ../shared/callers through ``run_batch``: per format,
files, rows read, rows annotated, rows failed (with the commonest reasons), files
lifted from GRCh37, and throughput.

    python benchmarks/bench_formats.py [--shared ../shared] [--reasons 3]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

SHARED = Path(os.environ.get("FUSIONVIZ_SHARED", Path(__file__).resolve().parents[2] / "shared"))


def _reason(text: str) -> str:
    """An error reason without the row-specific parts, for counting."""
    import re

    t = re.sub(r"chr[0-9XYMT]+:\d+", "POS", text)
    t = re.sub(r"'[^']*'", "'…'", t)
    t = re.sub(r"\b[A-Z0-9][A-Za-z0-9.-]*\d[A-Za-z0-9.-]*\b", "X", t)
    return t[:110]


def main(argv: list[str] | None = None) -> int:
    from fusionviz.batch import run_batch
    from fusionviz.errors import CallerFormatError
    from fusionviz.sources import default_source

    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--shared", type=Path, default=SHARED)
    p.add_argument("--reasons", type=int, default=3)
    args = p.parse_args(argv)
    source = default_source()
    stats: dict[str, Counter] = defaultdict(Counter)
    reasons: dict[str, Counter] = defaultdict(Counter)
    refused = []
    t_all = time.perf_counter()
    files = sorted(
        f for f in (args.shared / "callers").rglob("*") if f.is_file() and f.suffix != ".md"
    )
    for f in files:
        with tempfile.TemporaryDirectory() as tmp:
            try:
                s = run_batch(f, Path(tmp) / "o", source, quiet=True)
            except CallerFormatError as exc:
                refused.append((f.relative_to(args.shared / "callers"), str(exc)))
                continue
            key = s.format
            st = stats[key]
            st["files"] += 1
            st["rows"] += s.rows
            st["annotated"] += s.annotated_rows
            st["failed"] += s.failed_rows
            st["lifted_files"] += int(s.lifted)
            st["seconds_ms"] += int(s.seconds * 1000)
            for line in (Path(tmp) / "o" / "errors.tsv").read_text().splitlines()[1:]:
                reasons[key][_reason(line.split("\t", 2)[-1])] += 1
    total = time.perf_counter() - t_all
    print(f"{'format':15} {'files':>5} {'rows':>6} {'annotated':>9} {'failed':>6} "
          f"{'lifted':>6} {'ms/row':>7}")  # fmt: skip
    for key, st in sorted(stats.items()):
        per = st["seconds_ms"] / max(1, st["rows"])
        print(
            f"{key:15} {st['files']:5d} {st['rows']:6d} {st['annotated']:9d} {st['failed']:6d} "
            f"{st['lifted_files']:6d} {per:7.2f}"
        )
        for why, n in reasons[key].most_common(args.reasons):
            print(f"{'':17}{n:5d} x {why}")
    rows = sum(st["rows"] for st in stats.values())
    print(f"{len(files)} files, {rows} rows in {total:.1f} s; refused files: {len(refused)}")
    for name, why in refused:
        print(f"  refused {name}: {why[:150]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
