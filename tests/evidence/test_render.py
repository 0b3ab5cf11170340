"""Where the evidence shows: text report, JSON ``assessment``, TSV columns, the CLI,
the batch index.html and the web page."""

from __future__ import annotations

import json

import pytest

from fusionviz import report
from fusionviz.annotate import annotate_text
from fusionviz.cli import main
from fusionviz.evidence import EVIDENCE_COLUMNS, assess, text_lines, tsv_columns


@pytest.fixture(scope="module")
def hmbox1(bundle, known_table):
    af = annotate_text("HMBOX1 e6::ALK e20", bundle)
    return af, assess(af, bundle, table=known_table)


def test_the_text_block_lists_every_criterion_and_the_other_reading(hmbox1):
    _, a = hmbox1
    text = "\n".join(text_lines(a))
    assert text.startswith("  evidence     Holds: HMBOX1 expression broad, moderate")
    for title in ("reading frame", "3' functional domain", "5' oligomerization domain"):
        assert title in text
    assert "evidence on another reading: exon numbers read on HMBOX1-203/ALK-201" in text
    assert "no probability or advice" in text


def test_tsv_columns_are_appended_in_a_stable_order(hmbox1):
    af, a = hmbox1
    header = report.tsv_header()
    assert tuple(header[-len(EVIDENCE_COLUMNS) :]) == EVIDENCE_COLUMNS
    row = dict(zip(header, report.tsv_row(af, None, a), strict=True))
    assert row["evidence_frame"].startswith("absent: out of frame")
    assert row["evidence_other_reading"].startswith("exon numbers read on HMBOX1-203/ALK-201")
    assert set(tsv_columns(a)) == set(EVIDENCE_COLUMNS)
    assert all(
        v == "" for k, v in zip(header, report.tsv_row(af), strict=True) if k in EVIDENCE_COLUMNS
    )


def test_json_carries_the_assessment_with_data_and_sources(hmbox1):
    af, a = hmbox1
    data = json.loads(json.dumps(report.to_dict(af, assessment=a)))
    ev = data["assessment"]
    assert [c["key"] for c in ev["criteria"]] == [
        "frame",
        "functional_domain",
        "oligomerization",
        "regulatory_removed",
        "expression",
        "known",
    ]
    assert ev["alternative_readings"][0]["criteria"][0]["status"] == "present"
    assert "no probability" in ev["note"]
    assert "assessment" not in report.to_dict(af)


def test_the_cli_report_json_and_tsv_carry_the_evidence(capsys):
    assert main(["annotate", "SQSTM1 e5::ALK e19"]) == 0
    out = capsys.readouterr().out
    assert (
        "evidence     Holds: in frame; ALK protein kinase domain intact; SQSTM1 PB1 domain kept"
        in out
    )
    assert main(["annotate", "SQSTM1 e5::ALK e19", "--json"]) == 0
    ev = json.loads(capsys.readouterr().out)["assessment"]
    assert ev["criteria"][4]["data"]["five_prime"]["level"] == "high"
    assert main(["annotate", "SQSTM1 e5::ALK e19", "--tsv"]) == 0
    head, row = capsys.readouterr().out.splitlines()
    cells = dict(zip(head.split("\t"), row.split("\t"), strict=True))
    assert cells["evidence_oligomerization"].startswith(
        "present: SQSTM1 aa 1-252 keep the PB1 domain"
    )


def test_the_batch_page_shows_the_evidence_summary(tmp_path, bundle, known_table):
    from fusionviz.batch import run_batch

    calls = tmp_path / "calls.tsv"
    calls.write_text("fusion\nSQSTM1 e5::ALK e19\nHMBOX1 e6::ALK e20\n")
    run_batch(calls, tmp_path / "out", bundle, format="generic", quiet=True, known=known_table)
    page = (tmp_path / "out/index.html").read_text()
    assert "<th>evidence</th>" in page
    assert '<div class="ev-holds">Holds: in frame; ALK protein kinase domain intact' in page
    rows = (tmp_path / "out/fusions.jsonl").read_text().splitlines()
    assert json.loads(rows[0])["assessment"]["criteria"][0]["status"] == "present"


def test_the_web_result_has_an_evidence_card(bundle):
    from starlette.testclient import TestClient

    from fusionviz.web.app import create_app

    with TestClient(create_app(source=bundle)) as client:
        page = client.get("/result", params={"q": "HMBOX1 e6::ALK e20"}).text
        assert 'id="evidence"' in page and 'data-criterion="oligomerization"' in page
        assert "On another reading: exon numbers read on HMBOX1-203/ALK-201" in page
        data = client.get("/download/json", params={"q": "SQSTM1 e5::ALK e19"}).json()
        assert data["assessment"]["criteria"][1]["status"] == "present"
