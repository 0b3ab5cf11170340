"""Distinct real exon-boundary junctions of the 33 panel genes, as a generic TSV.

The benchmark input of ``bench_junctions.py`` and ``bench_batch.py`` (issue 14). The
MANE Select transcripts of the 33 panel genes have 506 splice donors (the last base of
exons 1..n-1) and 506 splice acceptors (the first base of exons 2..n). Each donor is
joined to one acceptor: the acceptors are shuffled with ``random.Random(14)`` and a
donor that would meet its own gene's acceptor swaps with the next donor for which the
swap joins two genes on both rows. Every junction lies exactly on real MANE exon
boundaries, and every donor and every acceptor is used exactly once, so no two
junctions share a breakpoint (no cache of a partner's reading can serve another row);
the frames come out mixed as in real data. Positions come from the bundle's MANE
Select transcripts (the same bases as ``../shared/upstream/derived/
panel_MANE_exon_phase_table.tsv``, checked by ``tests/test_bench_inputs.py``); the
strands are the genes' own (sense fusions), as an RNA caller writes them.

    python benchmarks/panel_junctions.py OUT.tsv
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

#: Ten well-known fusion gene pairs (5', 3'), timed with every exon pair 2-11 by
#: ``bench_annotate.py`` and ``bench_evidence.py``.
PAIRS = [
    ("SQSTM1", "ALK"),
    ("EML4", "ALK"),
    ("HMBOX1", "ALK"),
    ("NPM1", "ALK"),
    ("KIF5B", "RET"),
    ("CD74", "ROS1"),
    ("ETV6", "NTRK3"),
    ("BCR", "ABL1"),
    ("TMPRSS2", "ERG"),
    ("EWSR1", "FLI1"),
]

#: The 33 panel genes (../shared/callers/PROVENANCE.md), in that file's order.
PANEL = (
    "ALK",
    "EML4",
    "SQSTM1",
    "HMBOX1",
    "NPM1",
    "KIF5B",
    "ROS1",
    "CD74",
    "SLC34A2",
    "RET",
    "CCDC6",
    "NCOA4",
    "ETV6",
    "NTRK3",
    "NTRK1",
    "TPM3",
    "TPM4",
    "CLTC",
    "RANBP2",
    "RRBP1",
    "ATIC",
    "TFG",
    "BCR",
    "ABL1",
    "TMPRSS2",
    "ERG",
    "EWSR1",
    "FLI1",
    "FGFR3",
    "TACC3",
    "BRAF",
    "PML",
    "RARA",
)

HEADER = ("sample", "gene5", "breakpoint5", "gene3", "breakpoint3")


def boundaries(source=None) -> dict[str, tuple[str, str, list[int], list[int]]]:
    """Per gene: contig, strand, donors (exons 1..n-1) and acceptors (exons 2..n)."""
    from fusionviz.breakpoints import exon_boundary_position
    from fusionviz.sources import default_source

    src = source or default_source()
    out = {}
    for gene in PANEL:
        t = src.default_transcript(gene)
        n = t.n_exons
        donors = [exon_boundary_position(t, k, "5'") for k in range(1, n)]
        acceptors = [exon_boundary_position(t, k, "3'") for k in range(2, n + 1)]
        out[gene] = (t.contig, t.strand, donors, acceptors)
    return out


def junctions(source=None) -> list[tuple[str, str, str, str]]:
    """(gene5, breakpoint5, gene3, breakpoint3) of every benchmark junction."""
    b = boundaries(source)
    donors = [(g, b[g][0], b[g][1], p) for g in PANEL for p in b[g][2]]
    acceptors = [(g, b[g][0], b[g][1], p) for g in PANEL for p in b[g][3]]
    n = len(donors)
    order = list(range(n))
    random.Random(14).shuffle(order)

    def ok(i: int, j: int) -> bool:  # donor i may take acceptor order[j]
        return donors[i][0] != acceptors[order[j]][0]

    for i in range(n):
        if not ok(i, i):
            j = next(j for j in range(i + 1, i + n) if ok(i, j % n) and ok(j % n, i))
            order[i], order[j % n] = order[j % n], order[i]
    assert sorted(order) == list(range(n)) and all(ok(i, i) for i in range(n))
    return [
        (g5, f"chr{c5}:{p5}:{s5}", g3, f"chr{c3}:{p3}:{s3}")
        for (g5, c5, s5, p5), (g3, c3, s3, p3) in (
            (donors[i], acceptors[order[i]]) for i in range(n)
        )
    ]


def write_tsv(path: Path, rows: list[tuple[str, str, str, str]], sample: str = "panel") -> Path:
    """The junctions as a generic fusionviz TSV (docs/batch.md, 'The generic TSV')."""
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\t".join(HEADER) + "\n")
        for row in rows:
            fh.write("\t".join((sample, *row)) + "\n")
    return path


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    rows = junctions()
    write_tsv(Path(args[0]), rows)
    print(f"{len(rows)} junctions of {len(PANEL)} genes -> {args[0]}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
