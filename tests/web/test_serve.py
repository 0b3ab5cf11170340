"""``fusionviz serve``: loopback by default, prints the address, opens nothing."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

import pytest

pytest.importorskip("uvicorn", reason="the web dependencies are not installed")
pytest.importorskip("starlette", reason="the web dependencies are not installed")

from fusionviz.cli import main  # noqa: E402
from fusionviz.cli.serve import is_loopback, url_for  # noqa: E402


def test_the_address_printed_is_loopback_by_default():
    assert url_for("127.0.0.1", 8765) == "http://127.0.0.1:8765/"
    assert url_for("::1", 9000) == "http://[::1]:9000/"
    assert url_for("0.0.0.0", 9000) == "http://127.0.0.1:9000/"


def test_loopback_names():
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.10")


def test_a_port_in_use_is_one_clear_line(capsys):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert f"cannot listen on 127.0.0.1:{port}" in err and "--port" in err


def test_an_impossible_port_is_refused(capsys):
    assert main(["serve", "--port", "70000"]) == 2
    assert "out of range" in capsys.readouterr().err


def test_serve_prints_the_address_and_answers_on_it():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd = [sys.executable, "-m", "fusionviz", "serve", "--port", str(port)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert f"http://127.0.0.1:{port}/" in line
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    assert r.read().strip() == b"ok"
                    break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("serve did not answer")
                time.sleep(0.1)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
