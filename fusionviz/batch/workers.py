"""Annotate and render the rows of a batch in worker processes, in the rows' order.

The reading process cuts the stream of requests into chunks and splits each chunk
among the workers by junction (the rows of one junction always go to the same worker,
whose caches then serve them), at most a few chunks ahead of the writer: memory stays
flat however long the file. Each worker annotates and renders its rows
(:mod:`.render`) and sends back only text, which the writer puts into the files in
the order of the rows. With one job everything runs in the calling process through
the same code, so the files are byte-identical whatever the number of jobs.

Workers are forked where the platform allows it (Linux, macOS): they inherit the
loaded annotation, the known-fusions table and the options without copying them,
and open their own SQLite connections (:class:`~fusionviz.sources.index.
IndexConnection`; pyensembl's in :func:`_fresh_connections`). Elsewhere they are
spawned and receive pickled copies.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import queue
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from fusionviz.batch.engine import CACHE_SIZE, AnnotateFn, RowAnnotator
from fusionviz.batch.render import MEMO_SIZE, Renderer, Written
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
    #: Write fusions.jsonl (its ~25 kB per row are rendered only when it is written).
    jsonl: bool = True
    #: Workers sharing the junctions (each holds its share of the caches' capacity).
    share: int = 1


class Worker:
    """Annotates and renders chunks of rows, keeping its caches between chunks."""

    def __init__(self, source: AnnotationSource, s: Settings) -> None:
        self.annotate = RowAnnotator(
            source,
            s.annotate_fn,
            all_transcripts=s.all_transcripts,
            cache=s.cache,
            cache_size=max(256, CACHE_SIZE // s.share),
        )
        self.render = Renderer(
            source,
            s.known,
            input_name=s.input_name,
            build=s.build,
            figures=s.figures,
            jsonl=s.jsonl,
            size=max(256, MEMO_SIZE // s.share),
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
    """Worker processes that hold the source and the settings (context manager).

    Each row goes to the worker chosen by its junction, so a junction repeated on many
    rows is annotated and rendered once, by one worker, and stays in that worker's
    caches (the caches are not duplicated across workers). Each chunk of rows is split
    among the workers and put back together in the rows' order. Entering the pool
    starts every worker, so that no thread of the caller (a progress bar) is running
    when they are forked."""

    def __init__(self, jobs: int, source: AnnotationSource, settings: Settings) -> None:
        ctx = _context()
        self.jobs = jobs
        self._inboxes = [ctx.Queue() for _ in range(jobs)]
        self._outbox = ctx.Queue()
        # Each worker sees its share of the junctions: its share of the cache capacity.
        settings = replace(settings, share=jobs)
        self._procs = [
            ctx.Process(target=_serve, args=(source, settings, inbox, self._outbox), daemon=True)
            for inbox in self._inboxes
        ]

    def __enter__(self) -> RowPool:
        for proc in self._procs:
            proc.start()
        return self

    def __exit__(self, *exc: object) -> None:
        for inbox in self._inboxes:
            inbox.put(None)
        for proc in self._procs:
            proc.join(timeout=None if exc[0] is None else 5)
            if proc.is_alive():
                proc.terminate()

    def map(self, chunks: Iterator[list[Row]]) -> Iterator[Result]:
        """Results of every chunk in order, with at most AHEAD chunks per worker queued."""
        waiting: dict[int, list] = {}  # chunk number -> [parts left, results]
        sent = done = 0
        for chunk in itertools.islice(chunks, self.jobs * AHEAD):
            waiting[sent] = self._send(sent, chunk)
            sent += 1
        while done < sent:
            while waiting[done][0]:
                self._receive(waiting)
            yield from waiting.pop(done)[1]
            done += 1
            nxt = next(chunks, None)
            if nxt is not None:
                waiting[sent] = self._send(sent, nxt)
                sent += 1

    def _send(self, number: int, chunk: list[Row]) -> list:
        parts: dict[int, tuple[list[int], list[Row]]] = {}
        for i, row in enumerate(chunk):
            k = _worker_of(row, i) % self.jobs
            positions, rows = parts.setdefault(k, ([], []))
            positions.append(i)
            rows.append(row)
        for k, (positions, rows) in parts.items():
            self._inboxes[k].put((number, positions, rows))
        return [len(parts), [None] * len(chunk)]

    def _receive(self, waiting: dict[int, list]) -> None:
        while True:
            try:
                number, positions, results, error = self._outbox.get(timeout=2)
                break
            except queue.Empty:
                dead = [p for p in self._procs if not p.is_alive()]
                if dead:
                    raise RuntimeError(
                        f"a batch worker stopped (exit status {dead[0].exitcode})"
                    ) from None
        if error:
            raise RuntimeError(f"a batch worker failed:\n{error}")
        entry = waiting[number]
        for i, result in zip(positions, results, strict=True):
            entry[1][i] = result
        entry[0] -= 1


def _worker_of(row: Row, i: int) -> int:
    """Rows of one junction go to one worker (any worker for a row error)."""
    if isinstance(row, RowError):
        return i
    return hash((row.five_prime, row.three_prime)) & 0x7FFFFFFF


def _serve(source: AnnotationSource, settings: Settings, inbox: Any, outbox: Any) -> None:
    """A worker: annotate and render the chunks it is sent until it is sent None."""
    _fresh_connections(source)
    worker = Worker(source, settings)
    while (job := inbox.get()) is not None:
        number, positions, rows = job
        try:
            outbox.put((number, positions, worker.chunk(rows), None))
        except BaseException:  # noqa: BLE001 - reported by the writer, which stops the run
            outbox.put((number, positions, None, traceback.format_exc()))


def _chunks(rows: Iterable[Row]) -> Iterator[list[Row]]:
    it = iter(rows)
    while chunk := list(itertools.islice(it, CHUNK_ROWS)):
        yield chunk


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


_INHERITED: list[Any] = []  # the parent's connections, kept unused (never closed here)


def _fresh_connections(source: Any) -> None:
    """A forked worker never uses a SQLite connection opened by its parent: bundles
    reopen theirs (fusionviz.sources.bundled registers that at fork); pyensembl's
    is dropped here so that it reconnects."""
    for obj in (source, getattr(source, "inner", None)):
        db = getattr(getattr(obj, "genome", None), "db", None)
        if db is not None and getattr(db, "_connection", None) is not None:
            _INHERITED.append(db._connection)
            db._connection = None
