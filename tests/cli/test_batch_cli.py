"""The batch command's own options."""

from __future__ import annotations

from pathlib import Path

from fusionviz.cli import main

DATA = Path(__file__).resolve().parents[1] / "data" / "callers"


def test_no_jsonl_writes_every_file_but_fusions_jsonl(tmp_path):
    out = tmp_path / "out"
    code = main(
        ["batch", str(DATA / "arriba.fusions.tsv"), "-o", str(out), "--quiet", "--no-jsonl"]
    )
    assert code in (0, 1)
    names = {p.name for p in out.iterdir()}
    assert "fusions.jsonl" not in names
    assert {"fusions.tsv", "fusions.vicc.jsonl", "errors.tsv", "index.html"} <= names
