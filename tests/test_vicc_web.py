"""The local web page offers the VICC object as a download."""

from __future__ import annotations

import pytest

pytest.importorskip("starlette", reason="the web dependencies are not installed")
pytest.importorskip("httpx", reason="the web dependencies are not installed")

import warnings  # noqa: E402

with warnings.catch_warnings():
    # starlette's test client warns about httpx (as in tests/web/conftest.py)
    warnings.filterwarnings("ignore", message=".*httpx2.*")
    from starlette.testclient import TestClient

from fusionviz.sources import default_source  # noqa: E402
from fusionviz.web.app import create_app  # noqa: E402
from fusionviz.web.engine import DOWNLOADS  # noqa: E402


def test_vicc_download_is_the_categorical_fusion():
    assert "vicc" in DOWNLOADS
    with TestClient(create_app(default_source())) as client:
        r = client.get("/download/vicc", params={"q": "SQSTM1 e5::ALK e19"})
    assert r.status_code == 200
    assert r.headers["content-disposition"] == 'attachment; filename="SQSTM1_ALK_S5_A19.vicc.json"'
    data = r.json()
    assert data["type"] == "CategoricalFusion"
    assert data["viccNomenclature"] == "ENST00000389805.9(SQSTM1):e.5::ENST00000389048.8(ALK):e.19"
