"""Where the time of one distinct junction goes in a batch (issue 14), stage by stage.

The input is ``bench_junctions.py``'s: the 506 distinct MANE exon-boundary junctions of
the 33 panel genes, no two sharing a breakpoint. In one process, after its one-time
costs, each stage is timed over all the junctions (best of ``--repeat`` passes, and the
median), on results computed once beforehand, so that each figure is that stage alone:

- reading the rows; loading the genes (the first engine pass minus a later one);
- the engine (placement, frame, protein, domains, same-base readings on other pairs);
- the known-fusion match, the evidence list, the TSV cells, the VICC line;
- the ``fusions.jsonl`` body as a batch writes it (a new encoder each pass: every piece
  seen for the first time), and ``json.dumps`` of the finished ``report.to_dict`` alone
  (CPython's C encoder, nothing else: the least any 28 kB JSON line costs);
- a batch worker's rendering of every output of a row (a new renderer each pass).

    python benchmarks/bench_stages.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_junctions import _preload  # noqa: E402
from panel_junctions import junctions, write_tsv  # noqa: E402


def _timed(fn: Callable[[], object], repeat: int) -> tuple[float, float, object]:
    times, out = [], None
    for _ in range(repeat):
        gc.collect()
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times), statistics.median(times), out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5, help="passes per stage")
    args = ap.parse_args(argv)
    source, known = _preload()
    from fusionviz import report
    from fusionviz.batch.engine import RowAnnotator
    from fusionviz.batch.render import Renderer
    from fusionviz.batch.rowjson import RowJSON
    from fusionviz.callers import open_calls
    from fusionviz.evidence import assess
    from fusionviz.known import match_fusion
    from fusionviz.vicc import VICCLines

    rows_in = junctions()
    n = len(rows_in)
    with tempfile.TemporaryDirectory() as tmp:
        path = write_tsv(Path(tmp) / "panel_junctions.tsv", rows_in)
        results: list[tuple[str, float, float]] = []

        def stage(label: str, fn: Callable[[], object], repeat: int = args.repeat) -> object:
            best, median, out = _timed(fn, repeat)
            results.append((label, best, median))
            return out

        rows = stage("read the rows", lambda: list(open_calls(path).rows()))
        first = stage(
            "engine, genes loaded in the pass", lambda: _engine(RowAnnotator, source, rows), 1
        )
        anns = stage("engine", lambda: _engine(RowAnnotator, source, rows))
        assert not any(isinstance(a, Exception) for a in first)
        afs = [a[0].fusion for a in anns]
        ms = stage("known-fusion match", lambda: [match_fusion(a, known, source) for a in afs])
        evs = stage(
            "evidence list",
            lambda: [assess(a, source, known=m, table=known) for a, m in zip(afs, ms, strict=True)],
        )
        trio = list(zip(afs, ms, evs, strict=True))
        stage("TSV cells", lambda: [report.tsv_row(*x) for x in trio])
        stage("VICC line", lambda: [VICCLines(4 * n).line(a) for a in afs])
        leave = ("input", "caller_fields")
        stage("JSON line body (batch encoder)", lambda: [RowJSON().body(*x, leave) for x in trio])
        dicts = [report.to_dict(*x) for x in trio]
        stage(
            "  json.dumps of the finished dict alone",
            lambda: [json.dumps(d, ensure_ascii=False) for d in dicts],
        )
        stage("every output of a row (renderer)", lambda: _render(Renderer, source, known, anns))
        stage(
            "  the same without fusions.jsonl",
            lambda: _render(Renderer, source, known, anns, jsonl=False),
        )
    size = sum(len(json.dumps(d, ensure_ascii=False)) for d in dicts) / n
    print(f"{n} distinct junctions (no shared breakpoint), one core; JSON line {size / 1e3:.1f} kB")
    print(f"{'stage':<44} {'best us':>9} {'median us':>10}")
    for label, best, median in results:
        print(f"{label:<44} {best / n * 1e6:>9.1f} {median / n * 1e6:>10.1f}")
    return 0


def _engine(annotator, source, rows) -> list:
    annotate = annotator(source, cache=False)
    return [annotate(r) for r in rows]


def _render(renderer, source, known, anns, jsonl: bool = True) -> list:
    r = renderer(source, known, jsonl=jsonl)
    return [r.written(a) for a in anns]


if __name__ == "__main__":
    raise SystemExit(main())
