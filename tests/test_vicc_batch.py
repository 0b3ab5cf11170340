"""VICC objects and the MultiQC summary written by ``fusionviz batch`` on real caller
files: one VICC object per fusions.tsv row, read data and events from the caller's
own columns, every object valid under fusor's models."""

from __future__ import annotations

import csv
import json

import pytest

from fusionviz.batch import OUTPUT_FILES, run_batch
from fusionviz.sources import default_source
from fusionviz.vicc import CALLER_METHODS
from tests.conftest import requires_shared

try:
    from fusor import models as fusor_models
except ImportError:
    fusor_models = None

CALLER_FILES = {
    "STAR-Fusion": "fusion-report/starfusion.tsv",
    "Arriba": "fusion-report/arriba.tsv",
    "FusionCatcher": "fusion-report/fusioncatcher.txt",
}


def _rows(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def _vicc(path):
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


@pytest.fixture(scope="module")
def runs(tmp_path_factory, shared_dir):
    out = {}
    for caller, rel in CALLER_FILES.items():
        folder = tmp_path_factory.mktemp("batch") / caller
        run_batch(shared_dir / "callers" / rel, folder, default_source(), quiet=True)
        out[caller] = folder
    return out


def test_batch_lists_the_vicc_and_multiqc_files():
    assert "fusions.vicc.jsonl" in OUTPUT_FILES and "fusionviz_mqc.json" in OUTPUT_FILES


@requires_shared
@pytest.mark.parametrize("caller", CALLER_FILES)
def test_one_assayed_fusion_per_table_row_with_the_same_nomenclature(runs, caller):
    rows = _rows(runs[caller] / "fusions.tsv")
    objects = _vicc(runs[caller] / "fusions.vicc.jsonl")
    assert rows and len(objects) == len(rows)
    for row, v in zip(rows, objects, strict=True):
        assert v["type"] == "AssayedFusion"
        assert v["viccNomenclature"] == row["vicc_nomenclature"]
        assert v["assay"] == {
            "type": "Assay",
            "assayName": caller,
            "methodUri": CALLER_METHODS[caller],
            "fusionDetection": "observed",
        }


@requires_shared
def test_star_fusion_read_counts_are_its_own_columns(runs, shared_dir):
    src = _rows(shared_dir / "callers" / CALLER_FILES["STAR-Fusion"])
    by_name = {(r["#FusionName"], r["LeftBreakpoint"]): r for r in src}
    for row, v in zip(
        _rows(runs["STAR-Fusion"] / "fusions.tsv"),
        _vicc(runs["STAR-Fusion"] / "fusions.vicc.jsonl"),
        strict=True,
    ):
        fields = dict(f.split("=", 1) for f in row["caller_fields"].split("; "))
        caller_row = by_name[(fields["caller_fusion"], fields["caller_breakpoint5"])]
        assert v["readData"]["split"]["splitReads"] == int(caller_row["JunctionReadCount"])
        assert v["readData"]["spanning"]["spanningReads"] == int(caller_row["SpanningFragCount"])


@requires_shared
def test_arriba_events_are_passed_on_and_read_through_left_undecided(runs):
    for row, v in zip(
        _rows(runs["Arriba"] / "fusions.tsv"),
        _vicc(runs["Arriba"] / "fusions.vicc.jsonl"),
        strict=True,
    ):
        kind = dict(f.split("=", 1) for f in row["caller_fields"].split("; ")).get("event_type", "")
        if "read-through" in kind or not kind:
            assert "causativeEvent" not in v
        else:
            assert v["causativeEvent"]["eventType"] == "rearrangement"
            assert kind in v["causativeEvent"]["eventDescription"]


@requires_shared
@pytest.mark.skipif(fusor_models is None, reason="fusor (fusionviz[vicc]) absent")
@pytest.mark.parametrize("caller", CALLER_FILES)
def test_every_written_object_is_valid_under_fusor(runs, caller):
    for v in _vicc(runs[caller] / "fusions.vicc.jsonl"):
        model = fusor_models.AssayedFusion.model_validate(v)
        assert model.viccNomenclature == v["viccNomenclature"]


@requires_shared
def test_multiqc_summary_counts_the_run(runs):
    folder = runs["STAR-Fusion"]
    data = json.loads((folder / "fusionviz_mqc.json").read_text())
    assert data["plot_type"] == "table" and data["id"] == "fusionviz"
    (sample,) = data["data"]
    assert sample == folder.name
    counts = data["data"][sample]
    rows = _rows(folder / "fusions.tsv")
    frames = [(r["frame"], r["frame_verified"]) for r in rows]
    assert counts["in_frame"] == frames.count(("in-frame", "yes"))
    assert counts["in_frame_unverified"] == frames.count(("in-frame", "no"))
    frames = [f for f, _ in frames]
    assert counts["out_of_frame"] == frames.count("out-of-frame")
    errors = _rows(folder / "errors.tsv")
    assert counts["failed"] == len(errors)
    assert counts["rows"] == counts["annotated"] + counts["failed"]
    assert set(counts) == set(data["headers"])
