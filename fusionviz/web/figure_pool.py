"""Figures for the page, drawn in worker processes (see :class:`FigurePool`)."""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import os
import queue
import threading
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

#: Figure variants the page draws: the full figure, and a compact single-column one for
#: the batch table's thumbnails (readable at the size the table shows it).
VARIANTS = {
    "full": {},
    "thumb": {"width": 3.5, "compact": True, "footer": False, "legend": False},
}


def draw_figure(fusions: Any, fmt: str, variant: str, notes: Any, dpi: int) -> bytes:
    """One figure as bytes (runs in a worker process of :class:`FigurePool`)."""
    from fusionviz.figures import figure_bytes
    from fusionviz.figures.style import Style

    style = Style(**VARIANTS[variant])
    return figure_bytes(fusions, fmt, style=style, dpi=dpi, notes=notes)


def _warm_worker() -> None:
    """Load matplotlib and its fonts in a fresh worker before the first request."""
    from fusionviz.figures import render

    render.measurer(render.Style())("fusionviz", 7.0, False)


class FigurePool:
    """Figures drawn in worker processes, one per core (matplotlib draws one figure at a
    time per process; processes draw in parallel). Pages come first: a figure someone is
    looking at (the page's SVG, a thumbnail) is drawn before queued PNG and PDF
    downloads. Where processes cannot be started, figures are drawn in this process, one
    at a time."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = max(1, workers or os.cpu_count() or 1)
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()
        self._local = threading.Lock()  # the in-process fallback: one figure at a time
        self._broken = False
        self._queue: queue.PriorityQueue = queue.PriorityQueue()
        self._order = itertools.count()  # first come, first served within a priority
        self._dispatchers: list[threading.Thread] = []

    def _executor(self) -> ProcessPoolExecutor | None:
        if self._broken:
            return None
        with self._lock:
            if self._pool is None:
                try:
                    # "spawn": never fork a process that runs server threads.
                    ctx = multiprocessing.get_context("spawn")
                    self._pool = ProcessPoolExecutor(self.workers, mp_context=ctx)
                except (OSError, ValueError, NotImplementedError):
                    self._broken = True
            return self._pool

    def draw(self, *args: Any, priority: int = 1) -> bytes:
        """``draw_figure(*args)`` in a worker, lower ``priority`` first (0: a page)."""
        if self._executor() is None:
            with self._local:
                return draw_figure(*args)
        done: Future = Future()
        self._queue.put((priority, next(self._order), args, done))
        self._start_dispatchers()
        return done.result(timeout=600)

    def _start_dispatchers(self) -> None:
        with self._lock:
            while len(self._dispatchers) < self.workers:
                t = threading.Thread(target=self._dispatch, name="fusionviz-figures", daemon=True)
                t.start()
                self._dispatchers.append(t)

    def _dispatch(self) -> None:
        """One worker's feeder: the most urgent figure next, one at a time."""
        while True:
            _, _, args, done = self._queue.get()
            try:
                done.set_result(self._run(args))
            except BaseException as exc:  # handed to the request that asked
                done.set_exception(exc)

    def _run(self, args: tuple) -> bytes:
        for _ in range(2):  # a pool closed under us (app shutdown) is replaced once
            pool = self._executor()
            if pool is None:
                break
            try:
                return pool.submit(draw_figure, *args).result(timeout=300)
            except (CancelledError, RuntimeError):
                continue
            except (BrokenProcessPool, OSError, PermissionError):
                self._broken = True
        with self._local:
            return draw_figure(*args)

    def warm_up(self) -> None:
        """Start every worker and load matplotlib in it."""
        pool = self._executor()
        if pool is not None:
            for f in [pool.submit(_warm_worker) for _ in range(self.workers)]:
                with contextlib.suppress(Exception):
                    f.result(timeout=120)

    def close(self) -> None:
        with self._lock:
            if self._pool is not None:
                self._pool.shutdown(wait=False)  # figures already asked for are finished
                self._pool = None
