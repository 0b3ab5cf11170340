"""The public Python API: what README and docs/api.md promise."""

from __future__ import annotations

import dataclasses
import pickle
import re
import subprocess
import sys
from pathlib import Path

import pytest

import fusionviz
from fusionviz.errors import FusionvizError
from fusionviz.models import FusionRequest, PartnerSpec
from tests.conftest import requires_shared

ROOT = Path(__file__).resolve().parents[1]


def _readme_python_block() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Python and notebooks", 1)[1]
    m = re.search(r"```python\n(.*?)```", section, re.S)
    assert m, "README has no python example"
    return m.group(1)


def test_readme_api_example_runs_and_says_what_its_comments_say(capsys):
    exec(compile(_readme_python_block(), "README.md", "exec"), {})
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "in-frame 849"
    assert out[1] == "ENST00000389805.9(SQSTM1):e.5::ENST00000389048.8(ALK):e.19"
    assert out[2:] == ["E6;A20 in-frame", "H6;A20 out-of-frame"]


def test_import_is_cheap_and_draws_nothing():
    code = (
        "import sys, fusionviz; "
        "heavy = [m for m in ('matplotlib', 'pandas', 'fusor', 'Bio', 'fusionviz.api') "
        "if m in sys.modules]; print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_annotating_draws_nothing_until_asked():
    code = (
        "import sys, fusionviz; af = fusionviz.annotate('SQSTM1 e5::ALK e19'); "
        "af.to_dict(); af.to_vicc(); print('matplotlib' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_annotate_takes_text_or_a_request_and_the_answers_agree():
    a = fusionviz.annotate("SQSTM1 e5::ALK e19")
    b = fusionviz.annotate(
        FusionRequest(PartnerSpec(gene="SQSTM1", exon=5), PartnerSpec(gene="ALK", exon=19))
    )
    assert (a.frame, a.protein.length) == (b.frame, b.protein.length) == ("in-frame", 849)
    assert fusionviz.annotate("EML4 e6::ALK e20").protein.length == 785


def test_transcript_choice_reaches_the_engine():
    af = fusionviz.annotate("HMBOX1 e6::ALK e20", transcript5="HMBOX1-203")
    assert af.frame == "in-frame"


def test_bad_input_is_one_clear_error():
    with pytest.raises(FusionvizError) as exc:
        fusionviz.annotate("NOTAGENE e5::ALK e19")
    assert "\n" not in str(exc.value)
    with pytest.raises(FusionvizError, match="annotation source"):
        fusionviz.annotate("SQSTM1 e5::ALK e19", source=3.5)
    with pytest.raises(FusionvizError, match="cannot annotate"):
        fusionviz.annotate(42)  # type: ignore[arg-type]


def test_results_are_frozen_picklable_and_have_to_dict():
    af = fusionviz.annotate("SQSTM1 e5::ALK e19")
    with pytest.raises(dataclasses.FrozenInstanceError):
        af.warnings = ()  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(af)) == af
    d = af.to_dict()
    assert d["frame"] == "in-frame" and d["fusion_protein_length"] == 849
    assert d["vicc_nomenclature"] == fusionviz.vicc_nomenclature(af)
    assert af.to_vicc()["type"] == "CategoricalFusion"


def test_a_batch_keeps_order_reports_bad_fusions_by_position_and_pickles():
    result = fusionviz.annotate_calls(
        ["SQSTM1 e5::ALK e19", "NOTAGENE e1::ALK e20", "HMBOX1 e6::ALK e20"]
    )
    assert [f.names.short for f in result] == ["S5;A19", "H6;A20"]
    (err,) = result.errors
    assert err.line == 2 and "NOTAGENE" in err.input
    assert pickle.loads(pickle.dumps(result)) == result
    records = result.to_records()
    assert [r["frame"] for r in records] == ["in-frame", "out-of-frame"]
    # Table v2 has no SQSTM1::ALK row (no citation with its exon numbers could be reached).
    assert records[0]["known_fusion_status"] == "partner-known-with-other-genes"


def test_dataframe_has_typed_columns():
    pd = pytest.importorskip("pandas")
    df = fusionviz.annotate_calls(["SQSTM1 e5::ALK e19", "HMBOX1 e6::ALK e20"]).to_dataframe()
    assert list(df["exon5"]) == [5, 6]
    assert str(df["fusion_protein_length"].dtype) == "Int64"
    assert pd.isna(df["fusion_protein_length"][1])
    assert "vicc_nomenclature" in df.columns


@requires_shared
def test_caller_file_rows_keep_line_numbers_and_caller_fields(shared_dir):
    calls = fusionviz.read_caller_file(shared_dir / "callers" / "fusion-report" / "starfusion.tsv")
    assert calls.caller == "STAR-Fusion" and len(calls) > 5
    result = fusionviz.annotate_calls(calls)
    lines = [f.request.line for f in result] + [e.line for e in result.errors]
    assert sorted(lines) == sorted(r.line for r in calls.requests)
    rec = result.to_records()[0]
    assert rec["caller"] == "STAR-Fusion" and "junction_reads=" in rec["caller_fields"]


def test_jupyter_display_has_the_verdict_and_the_figure():
    af = fusionviz.annotate("SQSTM1 e5::ALK e19")
    html = af._repr_html_()
    assert "IN-FRAME" in html and "<svg" in html
    assert "849-aa fusion protein" in html
    assert fusionviz.vicc_nomenclature(af) in html


def test_draw_returns_svg_or_writes_a_file(tmp_path):
    drawing = fusionviz.draw("EML4 e6::ALK e20")
    assert drawing._repr_svg_().lstrip().startswith(("<?xml", "<svg"))
    path = fusionviz.draw(["EML4 e6::ALK e20", "SQSTM1 e5::ALK e19"], tmp_path / "f.pdf")
    assert path.read_bytes().startswith(b"%PDF")
    assert drawing.save(tmp_path / "d.svg").read_text() == drawing.svg


def test_example_script_runs(tmp_path):
    out = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "notebook_api.py")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "notebook_output" / "fusions.vicc.json").is_file()
    assert (tmp_path / "notebook_output" / "figure.svg").is_file()
