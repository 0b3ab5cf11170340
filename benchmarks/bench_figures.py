"""Figure benchmarks (not tests: timings vary by machine).

    python benchmarks/bench_figures.py

Targets (issue 3): one fusion figure in SVG under 150 ms in a warm process; the whole
``fusionviz draw`` command for one fusion under 1.5 s cold.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _time(fn, n: int) -> tuple[float, float]:
    runs = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t)
    return statistics.median(runs) * 1000, min(runs) * 1000


def main() -> None:
    from fusionviz.annotate import annotate_text
    from fusionviz.figures import layout, svg_string, write_figure
    from fusionviz.sources import default_source

    src = default_source()
    one = [annotate_text("SQSTM1 e5::ALK e19", src)]
    three = [annotate_text(f"EML4 e{e}::ALK e20", src) for e in (6, 13, 20)]
    svg_string(one)  # warm up: matplotlib import, font cache, text measurements
    tmp = Path(tempfile.mkdtemp())
    rows = [
        ("layout only (pure), 1 fusion", lambda: layout(one), 50),
        ("SVG string, 1 fusion (warm)", lambda: svg_string(one), 20),
        ("SVG file, 1 fusion (warm)", lambda: write_figure(one, tmp / "a.svg"), 20),
        ("PDF file, 1 fusion (warm)", lambda: write_figure(one, tmp / "a.pdf"), 10),
        ("PNG 300 dpi, 1 fusion (warm)", lambda: write_figure(one, tmp / "a.png"), 10),
        ("SVG file, 3 EML4::ALK variants (warm)", lambda: write_figure(three, tmp / "b.svg"), 10),
    ]
    print(f"{'case':45} {'median ms':>10} {'min ms':>8}")
    for name, fn, n in rows:
        med, best = _time(fn, n)
        print(f"{name:45} {med:10.1f} {best:8.1f}")

    cmd = [sys.executable, "-m", "fusionviz", "draw", "SQSTM1 e5::ALK e19", "-o"]
    cold = []
    for i in range(5):
        t = time.perf_counter()
        subprocess.run([*cmd, str(tmp / f"c{i}.svg")], check=True, capture_output=True)
        cold.append(time.perf_counter() - t)
    print(
        f"{'fusionviz draw, 1 fusion, SVG (cold process)':45} "
        f"{statistics.median(cold) * 1000:10.1f} {min(cold) * 1000:8.1f}"
    )


if __name__ == "__main__":
    main()
