"""A synthetic cohort file made of real exon-boundary junctions (issue 14 scale tests).

Rows are drawn from a pool of distinct junctions between real MANE Select exon
boundaries, as a caller would report them for many samples:

- the pool: the 506 panel junctions of ``panel_junctions.py`` plus junctions between
  the MANE Select splice donors and acceptors of 2,000 protein-coding genes drawn
  from the bundle (``random.Random(14)``), 30,000 distinct junctions in all;
- the frequencies: recurrent fusions are common and most junctions are rare, as in
  real cohorts: junction ``k`` of the pool (panel junctions first) is drawn with
  weight ``1 / (k + 20)`` (a Zipf-like tail);
- the samples: 10,000 (``S00000`` ..), about 100 calls each, rows in sample order.

The file is a generic fusionviz TSV (``sample``, ``gene5``, ``breakpoint5``, ``gene3``,
``breakpoint3``, ``frame``), ``frame`` being an in/out-of-frame call as a caller
would make it (every other row "in-frame") so that the frame check runs.

    python benchmarks/cohort.py ROWS OUT.tsv
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from panel_junctions import PANEL, junctions  # noqa: E402

POOL = 30_000
GENES = 2_000
SAMPLES = 10_000
HEADER = ("sample", "gene5", "breakpoint5", "gene3", "breakpoint3", "frame")


def _boundaries(source, genes: list[str]) -> list[tuple[str, str, list[int], list[int]]]:
    from fusionviz.breakpoints import exon_boundary_position

    out = []
    for g in genes:
        t = source.default_transcript(g)
        if t.cds is None or t.n_exons < 3 or not t.contig.isalnum():
            continue
        donors = [exon_boundary_position(t, k, "5'") for k in range(1, t.n_exons)]
        acceptors = [exon_boundary_position(t, k, "3'") for k in range(2, t.n_exons + 1)]
        out.append((g, f"chr{t.contig}", t.strand, donors, acceptors))
    return out


def pool(source=None, size: int = POOL) -> list[tuple[str, str, str, str]]:
    """The distinct junctions, panel junctions first."""
    from fusionviz.sources import default_source

    src = source or default_source()
    rng = random.Random(14)
    out = list(junctions(src))
    seen = set(out)
    others = sorted(set(src.gene_symbols()) - set(PANEL))
    genes = _boundaries(src, rng.sample(others, GENES))
    while len(out) < size:
        (g5, c5, s5, d5, _), (g3, c3, s3, _, a3) = rng.sample(genes, 2)
        j = (g5, f"{c5}:{rng.choice(d5)}:{s5}", g3, f"{c3}:{rng.choice(a3)}:{s3}")
        if j not in seen:
            seen.add(j)
            out.append(j)
    return out


def write_cohort(path: Path, rows: int, source=None) -> Path:
    """``rows`` rows drawn from :func:`pool` for SAMPLES samples."""
    junction_pool = pool(source)
    rng = random.Random(14)
    weights = [1.0 / (k + 20) for k in range(len(junction_pool))]
    per_sample = max(1, rows // SAMPLES)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\t".join(HEADER) + "\n")
        written = 0
        while written < rows:
            n = min(4096, rows - written)
            for i, j in enumerate(rng.choices(junction_pool, weights, k=n)):
                row = written + i
                sample = f"S{min(row // per_sample, SAMPLES - 1):05d}"
                frame = "in-frame" if row % 2 else "out-of-frame"
                fh.write("\t".join((sample, *j, frame)) + "\n")
            written += n
    return path


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python benchmarks/cohort.py ROWS OUT.tsv", file=sys.stderr)
        return 2
    write_cohort(Path(args[1]), int(args[0]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
