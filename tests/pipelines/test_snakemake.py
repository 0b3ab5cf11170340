"""The Snakemake workflow of examples/pipelines runs `fusionviz batch` per sample on
three real caller files and merges their tables (skips where Snakemake is absent)."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from fusionviz.batch import OUTPUT_FILES

ROOT = Path(__file__).resolve().parents[2]
SNAKEFILE = ROOT / "examples" / "pipelines" / "snakemake" / "Snakefile"
CALLER_FILES = {
    "star_fusion_sample": "fusion-report/starfusion.tsv",
    "arriba_sample": "EasyFuse/arriba.tsv",
    "fusioncatcher_sample": "fusioncatcher/final-list_candidate-fusion-genes.txt",
}


def _table(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def test_workflow_writes_every_file_fusionviz_batch_writes():
    text = SNAKEFILE.read_text(encoding="utf-8")
    for name in OUTPUT_FILES:
        assert f'"{name}"' in text, name


def test_snakemake_runs_three_samples_and_merges_their_tables(tmp_path, shared_dir):
    pytest.importorskip("snakemake", reason="Snakemake is not installed")
    samples = {}
    for name, rel in CALLER_FILES.items():
        src = shared_dir / "callers" / rel
        dst = tmp_path / "data" / name / src.name
        dst.parent.mkdir(parents=True)
        shutil.copy(src, dst)
        samples[name] = str(dst)
    config = {
        "samples": samples,
        "outdir": "results",
        "fusionviz": f"{sys.executable} -m fusionviz",
        "python": sys.executable,
    }
    (tmp_path / "config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "snakemake",
            "-s",
            str(SNAKEFILE),
            "--configfile",
            str(tmp_path / "config.yaml"),
            "--directory",
            str(tmp_path),
            "--cores",
            "2",
        ],  # fmt: skip
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    results = tmp_path / "results"
    merged = _table(results / "all_samples.fusions.tsv")
    per_sample = {s: _table(results / s / "fusions.tsv") for s in samples}
    assert len(merged) == sum(len(rows) for rows in per_sample.values()) > 0
    assert {r["sample"] for r in merged} == {s for s, rows in per_sample.items() if rows}
    for s, rows in per_sample.items():
        assert [r for r in merged if r["sample"] == s] == [{"sample": s, **r} for r in rows]
        mqc = json.loads((results / s / "fusionviz_mqc.json").read_text())
        assert list(mqc["data"]) == [s]
        assert mqc["data"][s]["annotated"] + mqc["data"][s]["failed"] == mqc["data"][s]["rows"]
    errors = _table(results / "all_samples.errors.tsv")
    assert len(errors) == sum(len(_table(results / s / "errors.tsv")) for s in samples)
