"""Load test of ``fusionviz serve`` on loopback (issues 6 and 15).

    python benchmarks/bench_web.py [--requests 2000] [--clients 20]

Starts ``fusionviz serve`` on a free port of 127.0.0.1 as a child process, waits for
/healthz, then sends ``--requests`` requests from ``--clients`` concurrent clients over a
mix of fusions and routes: the full result page (with the inline SVG), the JSON API, and
SVG, PNG (300 dpi) and PDF downloads, so that figures are drawn while other clients wait.
Prints the median, 95th percentile and maximum latency, overall and per route; exits 1
on any error. Target (issue 15): p95 under 1 s for 2,000 requests from 20 clients.
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
ROUTES = {
    "page": "/?q={}",
    "json": "/api/annotate?q={}",
    "svg": "/download/svg?q={}",
    "png": "/download/png?q={}",
    "pdf": "/download/pdf?q={}",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(base: str, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as r:
                if r.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.1)
    raise SystemExit("fusionviz serve did not become ready")


def one(item: tuple[str, str]) -> tuple[str, float, str | None]:
    route, url = item
    t = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=120) as r:
            body = r.read()
            err = None if r.status == 200 and body else f"status {r.status}"
    except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
        err = str(exc)
    return route, time.perf_counter() - t, err


def p95(times: list[float]) -> float:
    times = sorted(times)
    return times[max(0, int(round(0.95 * len(times))) - 1)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument(
        "--routes",
        default=",".join(ROUTES),
        help="comma-separated subset of " + ", ".join(ROUTES) + " (default: all)",
    )
    args = ap.parse_args(argv)
    routes = {r: ROUTES[r] for r in args.routes.split(",")}

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-m", "fusionviz", "serve", "--port", str(port)]
    server = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        t0 = time.perf_counter()
        wait_ready(base)
        startup = time.perf_counter() - t0
        pairs = itertools.product(FUSIONS, routes.items())
        items = [
            (route, base + path.format(urllib.parse.quote_plus(text)))
            for text, (route, path) in itertools.islice(itertools.cycle(pairs), args.requests)
        ]
        t1 = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.clients) as pool:
            results = list(pool.map(one, items))
        wall = time.perf_counter() - t1
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()

    times = [t for _, t, _ in results]
    errors = [e for _, _, e in results if e]
    print(f"fusionviz serve on loopback: startup to ready {startup:.2f} s")
    print(
        f"{len(results)} requests, {args.clients} concurrent clients, {len(errors)} errors, "
        f"{wall:.1f} s wall ({len(results) / wall:.1f} req/s)"
    )
    print(
        f"all:  median {statistics.median(times) * 1000:.0f} ms, p95 {p95(times) * 1000:.0f} ms, "
        f"max {max(times) * 1000:.0f} ms"
    )
    for route in routes:
        ts = [t for r, t, _ in results if r == route]
        print(
            f"{route:5} median {statistics.median(ts) * 1000:.0f} ms, p95 {p95(ts) * 1000:.0f} ms,"
            f" max {max(ts) * 1000:.0f} ms ({len(ts)} requests)"
        )
    for e in errors[:5]:
        print(f"  error: {e}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
