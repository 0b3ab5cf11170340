"""Bounded load test of ``fusionviz serve`` on loopback (issue 6).

    python benchmarks/bench_web.py [--requests 200] [--clients 10]

Starts ``fusionviz serve`` on a free port of 127.0.0.1 as a child process, waits for
/healthz, then sends ``--requests`` requests from ``--clients`` concurrent clients: full
result pages (with the inline SVG), the JSON API and SVG downloads, over a mix of
fusions so that most requests are not cache hits. Target: zero errors. Prints the
median and 95th-percentile latency; exits 1 on any error.
"""

from __future__ import annotations

import argparse
import itertools
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

FUSIONS = (
    ["SQSTM1 e5::ALK e19", "EML4::ALK E6;A20", "HMBOX1 exon 6 :: ALK exon 20"]
    + [f"EML4 e{n}::ALK e20" for n in range(2, 22)]
    + [f"SQSTM1 e{n}::ALK e{m}" for n in range(2, 8) for m in (19, 20)]
    + [f"HMBOX1 e{n}::ALK e20" for n in range(2, 10)]
)
ROUTES = ("/?q={}", "/api/annotate?q={}", "/download/svg?q={}", "/?q={}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(base: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as r:
                if r.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.1)
    raise SystemExit("fusionviz serve did not become ready")


def one(url: str) -> tuple[float, str | None]:
    t = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=60) as r:
            body = r.read()
            err = None if r.status == 200 and body else f"status {r.status}"
    except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
        err = str(exc)
    return time.perf_counter() - t, err


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--clients", type=int, default=10)
    args = ap.parse_args(argv)

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-m", "fusionviz", "serve", "--port", str(port)]
    server = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        t0 = time.perf_counter()
        wait_ready(base)
        startup = time.perf_counter() - t0
        pairs = itertools.product(FUSIONS, ROUTES)
        urls = [
            base + route.format(urllib.parse.quote_plus(text))
            for text, route in itertools.islice(itertools.cycle(pairs), args.requests)
        ]
        t1 = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.clients) as pool:
            results = list(pool.map(one, urls))
        wall = time.perf_counter() - t1
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()

    times = sorted(t for t, _ in results)
    errors = [e for _, e in results if e]
    p95 = times[max(0, int(round(0.95 * len(times))) - 1)]
    print(f"fusionviz serve on loopback: startup to ready {startup:.2f} s")
    print(
        f"{len(results)} requests, {args.clients} concurrent clients, {len(errors)} errors, "
        f"{wall:.2f} s wall ({len(results) / wall:.1f} req/s)"
    )
    print(
        f"latency: median {statistics.median(times) * 1000:.0f} ms, "
        f"p95 {p95 * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms"
    )
    for e in errors[:5]:
        print(f"  error: {e}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
