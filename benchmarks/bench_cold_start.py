"""Cold-start cost of the command line and of ``import fusionviz`` (issue 14 targets).

    python benchmarks/bench_cold_start.py [--runs N]

Each measurement is a fresh Python process (the SQLite index of the bundle is
built once beforehand and not timed). Reported: median and minimum wall time of

- ``python -c "import fusionviz"``                                  [cheap]
- ``fusionviz annotate "SQSTM1 e5::ALK e19"``                       [< 0.25 s]
- ``fusionviz annotate "SQSTM1 e5::ALK e19" --figure out.svg``      [no slower than before]
- ``fusionviz annotate "SQSTM1 e5::ALK e19" --vicc``

and, from ``python -X importtime``, whether matplotlib (or pandas, or fusor) is
imported by a run that draws nothing: it must not be.

Bytecode caching is on for the measured processes (PYTHONDONTWRITEBYTECODE is
removed from their environment), as on a user's machine: without it every run
compiles every module and costs about 0.1 s more.
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

FUSION = "SQSTM1 e5::ALK e19"
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
HEAVY = ("matplotlib", "pandas", "fusor", "pydantic", "Bio")


def _time(cmd: list[str], runs: int) -> tuple[float, float]:
    for _ in range(2):  # warm-up: index, bytecode, disk cache
        subprocess.run(cmd, check=True, capture_output=True, env=ENV)
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, env=ENV)
        times.append(time.perf_counter() - t)
    return statistics.median(times), min(times)


def _imported(cmd: list[str]) -> list[str]:
    """Top-level packages of HEAVY imported by ``cmd`` (python -X importtime)."""
    run = subprocess.run(
        [sys.executable, "-X", "importtime", *cmd[1:]], capture_output=True, text=True, env=ENV
    )
    found = set()
    for line in run.stderr.splitlines():
        if "|" not in line:
            continue
        name = line.rsplit("|", 1)[-1].strip()
        top = name.split(".")[0]
        if top in HEAVY:
            found.add(top)
    return sorted(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        svg = str(Path(tmp) / "out.svg")
        cases = {
            "import fusionviz": [py, "-c", "import fusionviz"],
            "annotate": [py, "-m", "fusionviz", "annotate", FUSION],
            "annotate --figure": [py, "-m", "fusionviz", "annotate", FUSION, "--figure", svg],
            "annotate --vicc": [py, "-m", "fusionviz", "annotate", FUSION, "--vicc"],
        }
        print(f"{'command':<22} {'median s':>9} {'min s':>7}  heavy imports")
        for name, cmd in cases.items():
            try:
                med, low = _time(cmd, args.runs)
            except subprocess.CalledProcessError as exc:
                print(f"{name:<22} failed (exit {exc.returncode})")
                continue
            heavy = ", ".join(_imported(cmd)) or "none"
            print(f"{name:<22} {med:>9.3f} {low:>7.3f}  {heavy}")


if __name__ == "__main__":
    main()
