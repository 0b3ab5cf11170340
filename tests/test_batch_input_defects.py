"""Batch input that never loses a line: each measured defect, reproduced first."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from fusionviz.batch import run_batch
from fusionviz.callers import open_calls
from fusionviz.cli import main
from fusionviz.errors import CallerFormatError
from fusionviz.sources import default_source

DATA = Path(__file__).resolve().parent / "data" / "callers"
STAR = DATA / "star-fusion.fusion_predictions.abridged.tsv"


@pytest.fixture(scope="module")
def source():
    return default_source()


def _star_text(n: int = 300) -> str:
    """A STAR-Fusion file of ``n`` rows (the EML4--ALK seed row repeated)."""
    head, _sq, eml4 = STAR.read_text().splitlines()[:3]
    assert eml4.startswith("EML4--ALK\t")
    return head + "\n" + "\n".join([eml4] * n) + "\n"


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


# --- truncated or corrupt gzip: one clear error, exit 2, nothing written -------------


def test_truncated_gzip_is_a_clear_error_with_exit_2_and_no_output(tmp_path, capsys):
    full = gzip.compress(_star_text(3000).encode())
    bad = tmp_path / "t.gz"
    bad.write_bytes(full[:1000])
    out = tmp_path / "out"
    assert main(["batch", str(bad), "-o", str(out), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "truncated gzip file" in err and "Traceback" not in err
    assert not out.exists() or not any(out.iterdir())


def test_corrupt_gzip_data_is_a_clear_error_before_any_row(tmp_path):
    data = bytearray(gzip.compress(_star_text(3000).encode()))
    data[400:420] = b"\x00" * 20
    bad = tmp_path / "c.tsv.gz"
    bad.write_bytes(bytes(data))
    with pytest.raises(CallerFormatError, match="gzip file"):
        open_calls(bad)


def test_truncated_gzip_on_the_web_upload_is_a_message_not_http_500():
    from starlette.testclient import TestClient

    from fusionviz.web.app import create_app

    client = TestClient(create_app(default_source()))
    data = gzip.compress(_star_text(3000).encode())[:1000]
    r = client.post("/batch", files={"file": ("t.tsv.gz", data, "application/gzip")})
    assert r.status_code == 400
    assert "truncated gzip file" in r.text


# --- a lone CR inside a row: physical line numbers everywhere ------------------------


def test_a_lone_cr_inside_a_row_does_not_shift_line_numbers(tmp_path, source):
    lines = _star_text(4).splitlines()
    lines[2] = lines[2].replace("ONLY_REF_SPLICE", "ONLY_REF\rSPLICE")
    f = tmp_path / "cr.tsv"
    f.write_bytes(("\n".join(lines) + "\n").encode())
    rows = list(open_calls(f).rows())
    assert [r.line for r in rows] == [2, 3, 4, 5]
    run_batch(f, tmp_path / "o", source)
    tsv = [ln.split("\t") for ln in _lines(tmp_path / "o" / "fusions.tsv")[1:]]
    assert [int(r[1]) for r in tsv] == [2, 3, 4, 5]
    jl = [json.loads(x)["batch"]["line"] for x in _lines(tmp_path / "o" / "fusions.jsonl")]
    assert jl == [2, 3, 4, 5]


def test_crlf_and_cr_only_files_are_numbered_like_lf_files(tmp_path):
    text = _star_text(3)
    for name, ending in (("crlf.tsv", "\r\n"), ("cr.tsv", "\r")):
        f = tmp_path / name
        f.write_bytes(text.replace("\n", ending).encode())
        assert [r.line for r in open_calls(f).rows()] == [2, 3, 4]


def test_errors_tsv_uses_physical_line_numbers_after_a_stray_cr(tmp_path, source):
    lines = _star_text(4).splitlines()
    lines[1] = lines[1].replace("ONLY_REF_SPLICE", "A\rB")
    lines[3] = lines[3].replace("chr2:42264731:+", "chr2:notanumber")
    f = tmp_path / "bad.tsv"
    f.write_bytes(("\n".join(lines) + "\n").encode())
    run_batch(f, tmp_path / "o", source)
    errors = _lines(tmp_path / "o" / "errors.tsv")[1:]
    assert [e.split("\t")[0] for e in errors] == ["4"]


# --- '#' after the header: reported, never silently dropped --------------------------


def test_a_hash_row_after_the_header_is_reported_not_dropped(tmp_path, source):
    lines = _star_text(3).splitlines()
    lines[2] = "#" + lines[2]
    f = tmp_path / "hash.tsv"
    f.write_text("\n".join(lines) + "\n")
    rows = list(open_calls(f).rows())
    assert [(r.line, type(r).__name__) for r in rows] == [
        (2, "FusionRequest"),
        (3, "RowError"),
        (4, "FusionRequest"),
    ]
    assert "commented-out row" in rows[1].reason
    s = run_batch(f, tmp_path / "o", source)
    assert (s.rows, s.annotated_rows, s.failed_rows) == (3, 2, 1)


def test_comment_lines_before_the_header_are_still_skipped(tmp_path):
    f = tmp_path / "pre.tsv"
    f.write_text("# pipeline v1.2\n# sample: x\n\n" + _star_text(2))
    table = open_calls(f)
    assert (table.format, table.header_line) == ("star-fusion", 4)
    assert [r.line for r in table.rows()] == [5, 6]


# --- huge coordinates: validated against the contig, no OverflowError ---------------


@pytest.mark.parametrize("pos", [2**63, 2**64 + 5, 10**30])
def test_a_breakpoint_beyond_any_chromosome_is_a_row_error(tmp_path, source, pos):
    f = tmp_path / "big.tsv"
    f.write_text(_star_text(2).replace("chr2:42264731:+", f"chr2:{pos}:+", 1))
    s = run_batch(f, tmp_path / "o", source)
    assert (s.annotated_rows, s.failed_rows) == (1, 1)
    err = _lines(tmp_path / "o" / "errors.tsv")[1]
    assert "beyond the end of every human chromosome" in err
    assert "internal error" not in err


def test_a_breakpoint_past_its_chromosome_end_names_the_length(tmp_path, source):
    f = tmp_path / "past.tsv"
    f.write_text(_star_text(1).replace("chr2:42264731:+", "chr2:242193530:+"))
    run_batch(f, tmp_path / "o", source)
    err = _lines(tmp_path / "o" / "errors.tsv")[1]
    assert "beyond the end of chromosome 2 (242,193,529 bp on GRCh38)" in err


# --- --force replaces the earlier run completely ------------------------------------


def test_force_leaves_no_stale_figures_or_files_of_an_earlier_run(tmp_path, source):
    out = tmp_path / "o"
    big = tmp_path / "big.tsv"
    big.write_text(_star_text(5))
    run_batch(big, out, source, figures=True, cache=True)
    assert len(list((out / "figures").iterdir())) == 5
    (out / "notes.txt").write_text("the user's own file")
    small = tmp_path / "small.tsv"
    small.write_text(_star_text(2))
    run_batch(small, out, source, figures=True, force=True)
    assert sorted(p.name[:5] for p in (out / "figures").iterdir()) == ["00001", "00002"]
    assert (out / "notes.txt").read_text() == "the user's own file"
    run_batch(small, out, source, force=True)  # no figures this time
    assert not (out / "figures").exists()
    assert not [p for p in out.iterdir() if p.name.startswith(".fusionviz-run-")]


# --- web upload cap: decompressed size and rows, reported truthfully ----------------


def test_web_upload_stops_at_the_uncompressed_cap_and_says_where(monkeypatch):
    from fusionviz.web import engine as web_engine
    from fusionviz.web import upload as web_upload

    monkeypatch.setattr(web_upload, "MAX_BATCH_TEXT_BYTES", 70_000)
    eng = web_engine.Engine(default_source())
    data = gzip.compress(_star_text(3000).encode())  # ~1 KB expanding to ~290 KB
    assert len(data) < 20_000
    res = eng.batch(data, "bomb.tsv.gz")
    stop = [f for f in res.failures if "reading stopped here" in f.reason]
    assert len(stop) == 1
    assert len(res.rows) < 3000 and res.skipped == 0
    assert len(res.rows) == stop[0].line - 2


def test_web_rows_over_the_row_cap_are_counted_not_annotated(monkeypatch):
    from fusionviz.web import engine as web_engine
    from fusionviz.web import upload as web_upload

    monkeypatch.setattr(web_upload, "MAX_BATCH_ROWS", 10)
    calls = []
    import fusionviz.annotate as annotate_mod

    real = annotate_mod.annotate

    def counting(*a, **k):
        calls.append(1)
        return real(*a, **k)

    monkeypatch.setattr(annotate_mod, "annotate", counting)
    eng = web_engine.Engine(default_source())
    lines = _star_text(50).splitlines()
    # 50 distinct junctions (the 5' base moved into EML4 exon 6), so none is cached
    text = [lines[0]] + [
        ln.replace("chr2:42264731:+", f"chr2:{42264731 - i}:+") for i, ln in enumerate(lines[1:])
    ]
    res = eng.batch(("\n".join(text) + "\n").encode(), "rows.tsv")
    assert (len(res.rows), res.skipped) == (10, 40)
    assert len(calls) == 10  # rows 11-50 are counted, never annotated


# --- annotate --fasta with nothing to write ------------------------------------------


def test_annotate_fasta_writes_no_empty_file_and_says_so(tmp_path, capsys, monkeypatch):
    from fusionviz import report

    monkeypatch.setattr(report, "fasta_record", lambda af, width=60: None)
    fa = tmp_path / "none.fa"
    assert main(["annotate", "SQSTM1 e5::ALK e19", "--fasta", str(fa)]) == 0
    assert not fa.exists()
    assert "was not written" in capsys.readouterr().err
