"""Batch outputs say whether each junction is in the known-fusions table."""

import json
from pathlib import Path

from fusionviz.batch import run_batch
from fusionviz.known import load_known_table
from fusionviz.sources import default_source

DATA = Path(__file__).resolve().parent / "data" / "callers"


def test_seed_junctions_are_reported_against_the_table_in_tsv_jsonl_and_html(tmp_path):
    out = tmp_path / "out"
    run_batch(
        DATA / "star-fusion.fusion_predictions.abridged.tsv",
        out,
        default_source(),
        known=load_known_table(),
    )
    lines = (out / "fusions.tsv").read_text().splitlines()
    header = lines[0].split("\t")
    rows = [dict(zip(header, line.split("\t"), strict=False)) for line in lines[1:]]
    seeds = {r["name"]: r["known_fusion_status"] for r in rows if r["frame"] == "in-frame"}
    # EML4 e6::ALK e20 is a cited row; the SQSTM1 and HMBOX1 seeds have no reachable
    # citation with their exon numbers (table v2) and meet ALK as a known partner. (The
    # intergenic EML4 row 7 is not in frame and is left out.)
    assert seeds["EML4::ALK"] == "known-junction"
    assert seeds["SQSTM1::ALK"] == "partner-known-with-other-genes"
    first = json.loads((out / "fusions.jsonl").read_text().splitlines()[0])
    assert first["known_fusion"]["status"] == "partner-known-with-other-genes"
    html = (out / "index.html").read_text()
    assert "known fusion" in html and "SQSTM1" in html


def test_without_a_table_the_known_columns_stay_empty(tmp_path):
    out = tmp_path / "out"
    run_batch(DATA / "star-fusion.fusion_predictions.abridged.tsv", out, default_source())
    lines = (out / "fusions.tsv").read_text().splitlines()
    header = lines[0].split("\t")
    row = dict(zip(header, lines[1].split("\t"), strict=False))
    assert row["known_fusion_status"] == ""


def test_a_grch37_file_is_accepted_with_an_annotation_on_grch37():
    from fusionviz.batch import check_build
    from fusionviz.callers import open_calls
    from fusionviz.models import SourceInfo
    from tests.handmade import FakeSource

    class Grch37Source(FakeSource):
        def provenance(self):
            return (SourceInfo("Ensembl release", "75", (("genome_build", "GRCh37"),)),)

    table = open_calls(DATA / "generic_grch37.tsv")
    assert check_build(table, Grch37Source(genes={})) == "GRCh37"


def test_a_grch37_file_is_lifted_on_the_grch38_bundle():
    from fusionviz.batch import plan_build
    from fusionviz.callers import open_calls

    plan = plan_build(open_calls(DATA / "generic_grch37.tsv"), default_source())
    assert (plan.build, plan.target, plan.lift) == ("GRCh37", "GRCh38", True)


def test_a_grch38_file_is_refused_on_a_grch37_annotation_with_what_to_do():
    import pytest

    from fusionviz.batch import plan_build
    from fusionviz.callers import open_calls
    from fusionviz.errors import CallerFormatError
    from fusionviz.models import SourceInfo
    from tests.handmade import FakeSource

    class Grch37Source(FakeSource):
        def provenance(self):
            return (SourceInfo("Ensembl release", "75", (("genome_build", "GRCh37"),)),)

    with pytest.raises(CallerFormatError, match="use an annotation on the file's build"):
        plan_build(open_calls(DATA / "generic_breakpoints.tsv"), Grch37Source(genes={}), "GRCh38")
