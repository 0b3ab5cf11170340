"""Fixtures for the web tests: a test client over the real bundle, a live server on
loopback, and headless Debian Chromium driven by Playwright (skipped, with the
reason, where Playwright or Chromium is not installed)."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

try:
    with warnings.catch_warnings():
        # Starlette >= 1.x suggests httpx2 for its test client; httpx still works.
        warnings.filterwarnings("ignore", message=".*httpx2.*")
        from starlette.testclient import TestClient

    from fusionviz.web.app import create_app

    MISSING = ""
except ImportError as exc:  # the web extra is optional: skip, do not fail
    TestClient = create_app = None  # type: ignore[assignment,misc]
    MISSING = f"the web dependencies are not installed ({exc.name})"

CHROMIUM = os.environ.get("FUSIONVIZ_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def app():
    """The app over the embedded bundle (shared: the bundle loads once)."""
    if MISSING:
        pytest.skip(MISSING)
    return create_app()


@pytest.fixture(scope="session")
def client(app) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def live_server(app) -> Iterator[str]:
    """``fusionviz serve``'s app under uvicorn on 127.0.0.1, in a thread."""
    uvicorn = pytest.importorskip("uvicorn", reason="uvicorn is not installed")
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    app.state.engine.warm_up()
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    """Headless Debian Chromium through Playwright (never a downloaded browser)."""
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="Playwright's Python package is not installed"
    )
    exe = CHROMIUM if os.path.isfile(CHROMIUM) else shutil.which("chromium")
    if not exe:
        pytest.skip(f"Chromium is not installed ({CHROMIUM} not found; apt-get install chromium)")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(profile),
            executable_path=exe,
            headless=True,
            args=CHROMIUM_ARGS,
            accept_downloads=True,
            viewport={"width": 1280, "height": 900},
        )
        yield context
        context.close()


@pytest.fixture()
def page(browser, live_server):
    """A fresh tab; console errors and failed requests fail the test."""
    tab = browser.new_page()
    problems: list[str] = []
    tab.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: problems.append(str(e)))
    tab.base = live_server  # type: ignore[attr-defined]
    tab.problems = problems  # type: ignore[attr-defined]
    yield tab
    tab.close()


@pytest.fixture(scope="session")
def screenshot_dir(tmp_path_factory) -> Path:
    """Where the browser tests leave screenshots for a human to look at
    (``FUSIONVIZ_SCREENSHOTS`` or pytest's temporary folder)."""
    env = os.environ.get("FUSIONVIZ_SCREENSHOTS")
    path = Path(env) if env else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path
