"""Corrupted versions of every real caller format: the readers give row errors or
one clear CallerFormatError, never a traceback."""

from __future__ import annotations

import gzip
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fusionviz.batch import plan_build
from fusionviz.callers import RowError, open_calls
from fusionviz.callers.prepare import prepared_rows
from fusionviz.errors import CallerFormatError
from fusionviz.models import FusionRequest
from fusionviz.sources import default_source

SHARED = Path(os.environ.get("FUSIONVIZ_SHARED", Path(__file__).resolve().parents[3] / "shared"))

#: One real file per format (the first 60 lines are mutated).
SAMPLES = {
    "star-fusion": "fusion-report/starfusion.tsv",
    "fusioninspector": "FusionInspectorPaper/eml4--alk_data.fusions.tsv",
    "arriba": "EasyFuse/arriba.tsv",
    "fusioncatcher": "fusion-report/fusioncatcher.txt",
    "jaffa": "fusion-report/jaffa.csv",
    "ericscript": "fusion-report/ericscript.tsv",
    "cicero": "CICERO/final_fusions.txt",
    "dragen": "RNAsum/test_sample_WTS.fusion_candidates.final",
    "fusionmap": "EnFusion/FusionDetection.FusionReport.Table.txt",
    "enfusion": "EnFusion/collapse_filtered_overlap_knownfusionlist_2callers_test_data.tsv",
    "defuse": "mavis/defuse_output.tsv",
    "pizzly": "fusion-report/pizzly.tsv",
    "squid": "fusion-report/squid.original_ffcf5ea.txt",
    "mapsplice": "EnFusion/fusions_well_annotated.txt",
    "tophat-fusion": "AGFusion/tophatfusion_result.txt",
    "vcf-arriba": "megSAP/vc_arriba_ref1.vcf",
    "vcf-manta": "megSAP/vc_manta_out4.vcf.gz",
    "longgf": "AGFusion/fusions_hg38.log",
}

pytestmark = pytest.mark.skipif(
    not (SHARED / "callers").is_dir(), reason="../shared/ is not present on this machine"
)

_SOURCE = None


def _source():
    global _SOURCE
    if _SOURCE is None:
        _SOURCE = default_source()
    return _SOURCE


def _sample(key: str) -> bytes:
    path = SHARED / "callers" / SAMPLES[key]
    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    lines = raw.split(b"\n")
    # keep a VCF's header whole; elsewhere the first 60 lines are plenty
    keep = [ln for ln in lines if ln.startswith(b"##")][:40] if key.startswith("vcf") else []
    body = [ln for ln in lines if not ln.startswith(b"##")] if key.startswith("vcf") else lines
    return b"\n".join(keep + body[:60])


_JUNK = [b"", b"\r", b"\x00", b"#", b"\t", b",", b"9" * 25, b"-1", b"chrUn_gl000220", b"NA",
         b"\xff\xfe", b":", b"]", b"[", b"~", b";", b"\"", b"1e9"]  # fmt: skip

mutation = st.tuples(
    st.sampled_from(["flip", "drop_line", "dup_line", "cut_field", "junk", "truncate", "swap"]),
    st.integers(min_value=0, max_value=10**6),
    st.integers(min_value=0, max_value=len(_JUNK) - 1),
)


def _mutate(data: bytes, ops: list[tuple[str, int, int]]) -> bytes:
    for op, n, j in ops:
        lines = data.split(b"\n")
        i = n % max(1, len(lines))
        if op == "flip" and data:
            k = n % len(data)
            data = data[:k] + bytes([data[k] ^ 0x5A]) + data[k + 1 :]
        elif op == "drop_line":
            del lines[i]
            data = b"\n".join(lines)
        elif op == "dup_line":
            lines.insert(i, lines[i])
            data = b"\n".join(lines)
        elif op == "cut_field":
            fields = lines[i].split(b"\t")
            lines[i] = b"\t".join(fields[: max(1, n % (len(fields) + 1))])
            data = b"\n".join(lines)
        elif op == "junk":
            fields = lines[i].split(b"\t")
            fields[n % len(fields)] = _JUNK[j]
            lines[i] = b"\t".join(fields)
            data = b"\n".join(lines)
        elif op == "truncate" and data:
            data = data[: n % len(data)]
        elif op == "swap" and len(lines) > 2:
            k = (n // 7) % len(lines)
            lines[i], lines[k] = lines[k], lines[i]
            data = b"\n".join(lines)
    return data


def _read_all(path: Path) -> None:
    try:
        table = open_calls(path)
        rows = list(prepared_rows(table, _source(), plan_build(table, _source())))
    except CallerFormatError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    for r in rows:
        assert isinstance(r, (FusionRequest, RowError)), r
        if isinstance(r, RowError):
            assert r.line >= 1 and r.reason


@pytest.mark.parametrize("key", sorted(SAMPLES))
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=st.lists(mutation, min_size=1, max_size=6), gz=st.booleans(), cut=st.integers(0, 400))
def test_corrupted_real_files_give_row_errors_or_one_clear_file_error(key, ops, gz, cut):
    data = _mutate(_sample(key), ops)
    if gz:
        data = gzip.compress(data, mtime=0)
        if cut:
            data = data[: max(0, len(data) - cut)]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"sample.{key}"
        path.write_bytes(data)
        _read_all(path)


@pytest.mark.parametrize("key", sorted(SAMPLES))
def test_each_unmutated_sample_reads(key):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sample"
        path.write_bytes(_sample(key))
        table = open_calls(path)
        rows = list(prepared_rows(table, _source(), plan_build(table, _source())))
        assert any(isinstance(r, FusionRequest) for r in rows) or key in (
            "pizzly",
            "tophat-fusion",
        )
