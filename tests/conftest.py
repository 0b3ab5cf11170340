"""Shared test fixtures.

Tests that read ``../shared/`` (the upstream data and real caller files) use the
``shared_dir`` fixture or the ``requires_shared`` mark: they skip on a user's
machine, where it is absent, and run in CI, where it sits beside the clone.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests must not fail on a busy CI machine because one example was slow:
# no per-example deadline, and a fixed, modest number of examples.
settings.register_profile("fusionviz", deadline=None, max_examples=200)
settings.load_profile("fusionviz")

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FUSIONVIZ_SHARED", REPO.parent / "shared"))

requires_shared = pytest.mark.skipif(
    not (SHARED / "upstream").is_dir(), reason="../shared/ is not present on this machine"
)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ``../shared`` folder; skips the test where it is absent."""
    if not (SHARED / "upstream").is_dir():
        pytest.skip("../shared/ is not present on this machine")
    return SHARED


@pytest.fixture(scope="session", autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep every test's one-time indexes out of the user's real cache."""
    os.environ["FUSIONVIZ_CACHE_DIR"] = str(tmp_path_factory.mktemp("fusionviz-cache"))
