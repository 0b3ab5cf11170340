"""The batch's JSON line is ``json.dumps(report.to_dict(...))`` byte for byte.

:class:`~fusionviz.batch.rowjson.RowJSON` builds the text from remembered pieces
(partners, domain verdicts, criteria, known-fusion matches); whatever it remembers, the
text must be what the contract gives, on first sight and on every later row.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fusionviz import report
from fusionviz.batch import plan_build
from fusionviz.batch.engine import RowAnnotator
from fusionviz.batch.rowjson import RowJSON
from fusionviz.callers import RowError, open_calls
from fusionviz.callers.prepare import prepared_rows
from fusionviz.evidence import assess
from fusionviz.known import load_known_table, match_fusion
from fusionviz.sources import default_source

DATA = Path(__file__).resolve().parents[1] / "data" / "callers"
#: Exon numbers (known junctions, other junctions of known pairs, numbering readings),
#: genomic breakpoints, an Arriba file and a GRCh37 file (lifted rows).
FILES = ("generic_exons.tsv", "generic_breakpoints.tsv", "arriba.fusions.tsv", "generic_grch37.tsv")


def _fusions(name: str):
    src = default_source()
    table = open_calls(DATA / name)
    rows = prepared_rows(table, src, plan_build(table, src, None))
    annotate = RowAnnotator(src, all_transcripts=True, cache=False)
    for row in rows:
        got = annotate(row)
        if not isinstance(got, RowError):
            yield from (a.fusion for a in got)


def _contract(af, known, evidence, leave_out) -> str:
    d = report.to_dict(af, known, evidence)
    text = json.dumps({k: v for k, v in d.items() if k not in leave_out}, ensure_ascii=False)
    return text[1:-1]


@pytest.mark.parametrize("name", FILES)
def test_row_json_is_the_contracts_bytes_first_and_again(name):
    src, table = default_source(), load_known_table()
    encoder = RowJSON()
    fusions = list(_fusions(name))
    assert fusions
    statuses, lifted, readings = set(), 0, 0
    for leave_out in (("input", "caller_fields"), ()):
        for af in fusions + fusions:  # the second time from remembered pieces
            known = match_fusion(af, table, src)
            evidence = assess(af, src, known=known, table=table)
            statuses.add(known.status)
            lifted += af.request.lifted is not None
            readings += bool(evidence.alternatives)
            assert encoder.body(af, known, evidence, leave_out) == _contract(
                af, known, evidence, leave_out
            )
    if name == "generic_exons.tsv":  # matches of each kind, assessed numbering readings
        assert {"known-junction", "known-pair-other-junction"} <= statuses
        assert readings
    if name == "generic_grch37.tsv":  # 'liftover' follows known_fusion and assessment
        assert lifted


def test_row_json_without_match_or_evidence_is_the_contracts_bytes():
    af = next(_fusions("generic_exons.tsv"))
    assert RowJSON().body(af, None, None, ()) == _contract(af, None, None, ())
