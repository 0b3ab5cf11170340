"""Annotate and render the rows of a batch in a pool of processes, in the rows' order.

The reading process cuts the stream of requests into chunks and hands them to the
workers, at most a few chunks ahead of the writer (memory stays flat however long
the file); each worker annotates and renders its chunk (:mod:`.render`) and sends
back only text, which the writer puts into the files in the order of the rows. With
one job everything runs in the calling process through the same code, so the files
are byte-identical whatever the number of jobs.

Workers are forked where the platform allows it (Linux, macOS): they inherit the
loaded annotation, the known-fusions table and the options without copying them,
and open their own SQLite connections (:func:`_fresh_connections`,
:mod:`fusionviz.sources.bundled`). Elsewhere they are spawned and receive pickled
copies.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from typing import Any

from fusionviz.batch.engine import AnnotateFn, RowAnnotator
from fusionviz.batch.render import Renderer, Written
from fusionviz.callers import RowError
from fusionviz.known import KnownTable
from fusionviz.models import FusionRequest
from fusionviz.sources.base import AnnotationSource

#: Rows per chunk sent to a worker (large enough that sending costs little, small
#: enough that the writer is never far behind).
CHUNK_ROWS = 200
#: Chunks in flight per worker.
AHEAD = 3
#: Below this many rows a run stays in one process unless --jobs asks otherwise:
#: starting workers costs more than it saves.
MIN_ROWS_FOR_POOL = 2000

Row = FusionRequest | RowError
Result = RowError | list[Written]


@dataclass(frozen=True)
class Settings:
    """What a worker needs besides the annotation source."""

    annotate_fn: AnnotateFn | None = None
    all_transcripts: bool = False
    cache: bool = True
    known: KnownTable | None = None
    input_name: str = ""
    build: str | None = None
    figures: bool = False


class Worker:
    """Annotates and renders chunks of rows, keeping its caches between chunks."""

    def __init__(self, source: AnnotationSource, s: Settings) -> None:
        self.annotate = RowAnnotator(
            source, s.annotate_fn, all_transcripts=s.all_transcripts, cache=s.cache
        )
        self.render = Renderer(
            source, s.known, input_name=s.input_name, build=s.build, figures=s.figures
        )

    def chunk(self, rows: list[Row]) -> list[Result]:
        """Each row's outputs (or its RowError); the chunk's first fusion carries the
        annotation's provenance (for index.html)."""
        out: list[Result] = []
        provenance_given = False
        for row in rows:
            got = self.annotate(row)
            if isinstance(got, RowError):
                out.append(got)
                continue
            written = self.render.written(got)
            if written and not provenance_given:
                written[0] = replace(written[0], provenance=tuple(got[0].fusion.provenance))
                provenance_given = True
            out.append(written)
        return out


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def processed(
    rows: Iterable[Row], source: AnnotationSource, settings: Settings, pool: RowPool | None
) -> Iterator[Result]:
    """Every row's outputs, in the rows' order: in ``pool`` or, without one, here."""
    chunks = _chunks(rows)
    if pool is None:
        worker = Worker(source, settings)
        for chunk in chunks:
            yield from worker.chunk(chunk)
        return
    yield from pool.map(chunks)


class RowPool:
    """A process pool whose workers hold the source and the settings (context manager).

    Entering it starts every worker, so that no thread of the caller (a progress bar)
    is running when they are forked."""

    def __init__(self, jobs: int, source: AnnotationSource, settings: Settings) -> None:
        self.jobs = jobs
        self._executor = ProcessPoolExecutor(
            max_workers=jobs,
            mp_context=_context(),
            initializer=_init_worker,
            initargs=(source, settings),
        )

    def __enter__(self) -> RowPool:
        self._executor.submit(_ready).result()  # forks every worker now
        return self

    def __exit__(self, *exc: object) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)

    def map(self, chunks: Iterator[list[Row]]) -> Iterator[Result]:
        """Results of every chunk in order, with at most AHEAD chunks per worker queued."""
        pending: deque[Future[list[Result]]] = deque(
            self._executor.submit(_run_chunk, c)
            for c in itertools.islice(chunks, self.jobs * AHEAD)
        )
        while pending:
            done = pending.popleft().result()
            nxt = next(chunks, None)
            if nxt is not None:
                pending.append(self._executor.submit(_run_chunk, nxt))
            yield from done


def _chunks(rows: Iterable[Row]) -> Iterator[list[Row]]:
    it = iter(rows)
    while chunk := list(itertools.islice(it, CHUNK_ROWS)):
        yield chunk


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


_WORKER: Worker | None = None
_INHERITED: list[Any] = []  # the parent's connections, kept unused (never closed here)


def _init_worker(source: AnnotationSource, settings: Settings) -> None:
    global _WORKER
    _fresh_connections(source)
    _WORKER = Worker(source, settings)


def _fresh_connections(source: Any) -> None:
    """A forked worker never uses a SQLite connection opened by its parent: bundles
    reopen theirs (fusionviz.sources.bundled registers that at fork); pyensembl's
    is dropped here so that it reconnects."""
    for obj in (source, getattr(source, "inner", None)):
        db = getattr(getattr(obj, "genome", None), "db", None)
        if db is not None and getattr(db, "_connection", None) is not None:
            _INHERITED.append(db._connection)
            db._connection = None


def _ready() -> bool:
    return _WORKER is not None


def _run_chunk(rows: list[Row]) -> list[Result]:
    assert _WORKER is not None
    return _WORKER.chunk(rows)
