"""Merge per-sample fusionviz tables into one, with a leading ``sample`` column.

    python merge_tables.py OUT.tsv results/S1/fusions.tsv results/S2/fusions.tsv ...

The sample is the name of each table's folder (``results/SAMPLE/fusions.tsv``).
Every table must have the same header (the same fusionviz version wrote them).
"""

from __future__ import annotations

import sys
from pathlib import Path


def merge(out: Path, tables: list[Path]) -> int:
    """Write the merged table; return the number of data rows."""
    header: str | None = None
    rows = 0
    with open(out, "w", encoding="utf-8", newline="") as sink:
        for table in tables:
            with open(table, encoding="utf-8", newline="") as fh:
                first = fh.readline().rstrip("\r\n")
                if header is None:
                    header = first
                    sink.write(f"sample\t{header}\n")
                elif first != header:
                    raise SystemExit(f"{table}: header differs from {tables[0]}")
                for line in fh:
                    if line.strip():
                        sink.write(f"{table.parent.name}\t{line.rstrip(chr(13) + chr(10))}\n")
                        rows += 1
    return rows


if __name__ == "__main__":
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    n = merge(Path(sys.argv[1]), [Path(p) for p in sys.argv[2:]])
    print(f"merge_tables: {n} rows from {len(sys.argv) - 2} samples -> {sys.argv[1]}")
