"""Speed must not change a single byte: caches are honest and workers invisible.

Every cache a batch run relies on (repeated junctions, rendered text, per-transcript
arrays, per-gene models, domain verdicts, grouped features, close spellings) must give
exactly what a cold computation gives, and ``--jobs N`` must write the same files as
one process.
"""

from __future__ import annotations

import filecmp
import importlib.util
import json
from importlib.resources import files
from pathlib import Path

import pytest

from fusionviz import domains, errors, features, layout
from fusionviz.batch import plan_build, run_batch
from fusionviz.batch.workers import Settings, Worker
from fusionviz.callers import RowError, open_calls
from fusionviz.callers.prepare import prepared_rows
from fusionviz.evidence.assess import _EXPRESSION
from fusionviz.known import load_known_table
from fusionviz.sources import BundledSource, default_source

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data" / "callers"
#: Real caller files of ../shared/callers: Arriba (antisense, non-coding and intronic
#: partners, junction sequences), STAR-Fusion, a merged TCGA STAR-Fusion table (the same
#: junction in several samples) and a GRCh37 file (lifted).
REAL = (
    "fusion-report/arriba.tsv",
    "annoFuseData/merged_starfusion_tcga.panel_subset.tsv",
    "fusion-report/starfusion.tsv",
    "STAR-Fusion_benchmarking_data/G41706.RT4.5/STAR_FUSION_GRCh37v19_FL3_v51b3df4/"
    "star-fusion.fusion_candidates.final.abridged",
)


def _panel_file(tmp_path: Path) -> Path:
    spec = importlib.util.spec_from_file_location(
        "panel_junctions", REPO / "benchmarks" / "panel_junctions.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.write_tsv(tmp_path / "panel.tsv", module.junctions())


def _cold() -> BundledSource:
    """A new source and no remembered result anywhere in the process."""
    layout._LAYOUTS.clear()
    domains._PREPARED.clear()
    domains._PREFERRED.clear()
    errors._CLOSE.clear()
    _EXPRESSION.clear()
    domains.feature_label.cache_clear()
    for f in (features.curated, features.readable, features._feature_class, features._grouped):
        f.cache_clear()
    return BundledSource(files("fusionviz_annotations"))


def _outputs(path: Path, *, cold: bool, reverse: bool = False) -> dict[int, tuple]:
    """Every row's TSV, JSON, VICC and FASTA text, by line: with the caches of one
    long-lived worker (rows in file order or reversed, so that caches fill differently),
    or cold (every row in a fresh source and worker)."""
    table = open_calls(path)
    src = default_source()
    plan = plan_build(table, src, None)  # as a batch run reads it: GRCh37 rows lifted
    rows = [r for r in prepared_rows(table, src, plan) if not isinstance(r, RowError)]
    settings = Settings(known=load_known_table(), input_name="calls.tsv")
    out: dict[int, tuple] = {}
    worker = None if cold else Worker(default_source(), settings)
    for row in reversed(rows) if reverse else rows:
        w = Worker(_cold(), settings) if cold else worker
        assert w is not None
        for item in w.chunk([row]):
            if isinstance(item, RowError):
                out[item.line] = (item.reason,)
            else:
                out[row.line or 0] = tuple((x.tsv, x.json, x.vicc, x.fasta) for x in item)
    return out


def _assert_same(a: dict, b: dict) -> None:
    assert a.keys() == b.keys()
    for line in a:
        assert a[line] == b[line], f"line {line} differs"
        for written in a[line][:1]:
            if len(written) == 4:
                json.loads(written[1])  # and it is JSON


def test_cached_results_equal_cold_ones_on_the_benchmark_junctions(tmp_path):
    path = _panel_file(tmp_path)
    cached = _outputs(path, cold=False)
    _assert_same(cached, _outputs(path, cold=False, reverse=True))
    # Cold for a sample of rows (a fresh source per row is slow).
    sample = sorted(cached)[::17]
    cold = _outputs(_subset(path, sample, tmp_path), cold=True)
    assert len(cold) == len(sample)
    assert [cold[k] for k in sorted(cold)] == [cached[k] for k in sample]


def _subset(path: Path, lines: list[int], tmp_path: Path) -> Path:
    """The file with only ``lines`` kept, each at its own line (others blanked)."""
    text = path.read_text().splitlines()
    keep = set(lines) | {1}
    out = tmp_path / f"subset_{path.name}"
    out.write_text("".join((t if i in keep else "") + "\n" for i, t in enumerate(text, 1)))
    return out


@pytest.mark.parametrize("rel", REAL)
def test_cached_results_equal_cold_ones_on_real_caller_files(shared_dir, tmp_path, rel):
    path = shared_dir / "callers" / rel
    cached = _outputs(path, cold=False)
    _assert_same(cached, _outputs(path, cold=False, reverse=True))
    _assert_same(cached, _outputs(path, cold=True))


def test_batch_files_are_the_same_with_and_without_the_junction_cache(tmp_path):
    src = default_source()
    path = DATA / "arriba.fusions.tsv"
    run_batch(path, tmp_path / "on", src, cache=True, jobs=1)
    run_batch(path, tmp_path / "off", src, cache=False, jobs=1)
    _same_folders(tmp_path / "on", tmp_path / "off")


def _same_folders(a: Path, b: Path) -> None:
    names = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    for name in names:
        if name.name == "fusionviz_mqc.json":  # names its sample after the folder
            da, db = (json.loads((x / name).read_text()) for x in (a, b))
            assert list(da["data"].values()) == list(db["data"].values())
            da.pop("data"), db.pop("data")
            assert da == db
        else:
            assert filecmp.cmp(a / name, b / name, shallow=False), f"{name} differs"


@pytest.mark.parametrize("rel", REAL[:2])
def test_two_workers_write_the_same_files_as_one_on_real_files(shared_dir, tmp_path, rel):
    path = shared_dir / "callers" / rel
    src = default_source()
    run_batch(path, tmp_path / "one", src, jobs=1, figures=True, known=load_known_table())
    run_batch(path, tmp_path / "two", src, jobs=2, figures=True, known=load_known_table())
    _same_folders(tmp_path / "one", tmp_path / "two")
    assert any((tmp_path / "two" / "figures").iterdir())


def test_two_workers_write_the_same_files_as_one_with_all_transcripts(tmp_path):
    src = default_source()
    path = DATA / "star-fusion.fusion_predictions.abridged.tsv"
    for jobs in (1, 2):
        run_batch(path, tmp_path / f"j{jobs}", src, jobs=jobs, all_transcripts=True)
    _same_folders(tmp_path / "j1", tmp_path / "j2")


def test_jobs_below_one_are_refused_before_the_folder_is_made(tmp_path):
    from fusionviz.errors import FusionvizError

    with pytest.raises(FusionvizError, match="--jobs must be 1 or more"):
        run_batch(DATA / "arriba.fusions.tsv", tmp_path / "o", default_source(), jobs=0)
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("jobs", [1, 2])
def test_no_jsonl_leaves_out_only_fusions_jsonl(tmp_path, jobs):
    src = default_source()
    path = DATA / "arriba.fusions.tsv"
    full = run_batch(path, tmp_path / "full", src, jobs=1)
    lean = run_batch(path, tmp_path / "lean", src, jobs=jobs, jsonl=False)
    assert not (tmp_path / "lean" / "fusions.jsonl").exists()
    assert all(f.name != "fusions.jsonl" for f in lean.files)
    assert {f.name for f in full.files} - {f.name for f in lean.files} == {"fusions.jsonl"}
    (tmp_path / "full" / "fusions.jsonl").unlink()
    _same_folders(tmp_path / "full", tmp_path / "lean")


def test_a_run_without_jsonl_removes_an_earlier_runs_jsonl(tmp_path):
    src = default_source()
    path = DATA / "arriba.fusions.tsv"
    run_batch(path, tmp_path / "out", src, jobs=1)
    run_batch(path, tmp_path / "out", src, jobs=1, jsonl=False, force=True)
    assert not (tmp_path / "out" / "fusions.jsonl").exists()
