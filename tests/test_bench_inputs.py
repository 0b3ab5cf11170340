"""The benchmark inputs are what their docstrings say (benchmarks/panel_junctions.py,
benchmarks/cohort.py): real MANE exon boundaries, distinct junctions."""

from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _bench(name: str):
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        spec = importlib.util.spec_from_file_location(name, REPO / "benchmarks" / f"{name}.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(REPO / "benchmarks"))


@pytest.fixture(scope="module")
def panel():
    return _bench("panel_junctions")


def test_every_panel_donor_and_acceptor_is_used_exactly_once(panel):
    rows = panel.junctions()
    assert len(rows) == 506
    assert len({r[1] for r in rows}) == len({r[3] for r in rows}) == 506
    assert all(g5 != g3 for g5, _, g3, _ in rows)
    assert {r[0] for r in rows} == {r[2] for r in rows} == set(panel.PANEL)
    assert len(panel.PANEL) == 33


def test_panel_junctions_lie_on_the_mane_exon_boundaries_of_the_upstream_table(panel, shared_dir):
    table = shared_dir / "upstream" / "derived" / "panel_MANE_exon_phase_table.tsv"
    exons: dict[str, list[dict[str, str]]] = {}
    with open(table, newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            exons.setdefault(row["gene_name"], []).append(row)
    donors, acceptors = set(), set()
    for gene, rows in exons.items():
        rows.sort(key=lambda r: int(r["exon_number"]))
        plus = rows[0]["strand"] == "+"
        for r in rows[:-1]:
            donors.add((gene, int(r["exon_end"] if plus else r["exon_start"])))
        for r in rows[1:]:
            acceptors.add((gene, int(r["exon_start"] if plus else r["exon_end"])))
    for g5, bp5, g3, bp3 in panel.junctions():
        assert (g5, int(bp5.split(":")[1])) in donors
        assert (g3, int(bp3.split(":")[1])) in acceptors


def test_cohort_rows_come_from_a_pool_of_distinct_exon_boundary_junctions(tmp_path):
    cohort = _bench("cohort")
    pool = cohort.pool()
    assert len(pool) == len(set(pool)) == cohort.POOL
    path = cohort.write_cohort(tmp_path / "c.tsv", 2000)
    lines = path.read_text().splitlines()
    assert lines[0].split("\t") == list(cohort.HEADER)
    assert len(lines) == 2001
    drawn = {tuple(line.split("\t")[1:5]) for line in lines[1:]}
    assert drawn <= set(pool)
