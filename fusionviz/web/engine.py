"""The page's link to fusionviz: the same annotate(), reports, figures and caller
readers as the CLI, with small caches and the locks that make them safe under
concurrent requests. Nothing here computes anything itself."""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import os
import queue
import re
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fusionviz.errors import AnnotationDataError, FusionvizError
from fusionviz.models import AnnotatedFusion, Transcript
from fusionviz.web.query import Query

#: Formats the page offers for download, with their media types.
DOWNLOADS = {
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
    "png": "image/png",
    "fasta": "text/x-fasta; charset=utf-8",
    "json": "application/json",
    "vicc": "application/json",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "txt": "text/plain; charset=utf-8",
}

#: Rows of one uploaded caller file annotated at most (the rest are counted and
#: reported as not run, never annotated).
MAX_BATCH_ROWS = 2000
#: Uncompressed text read from one uploaded file at most: a small gzip can expand
#: enormously; reading stops at this size and the page says where.
MAX_BATCH_TEXT_BYTES = 64 * 1024 * 1024

_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True, slots=True)
class TranscriptOption:
    """One entry of a gene's transcript list."""

    value: str  # what the query carries (versioned ENST, else the name)
    label: str
    mane: bool
    default: bool
    exons: int


@dataclass(frozen=True, slots=True)
class BatchFailure:
    """A caller-file row that produced no annotation, and why."""

    line: int | None
    input: str
    reason: str


@dataclass(frozen=True, slots=True)
class BatchRow:
    """One annotated caller-file row, the query that reproduces it and how
    fusionviz's frame call compares with the caller's."""

    line: int | None
    fusion: AnnotatedFusion
    query: Query
    check: Any = None


@dataclass(slots=True)
class BatchResult:
    """A whole uploaded file: what was read and what came of each row."""

    filename: str
    format: str = ""
    caller: str = ""
    build: str | None = None
    build_evidence: str = ""
    rows: list[BatchRow] = field(default_factory=list)
    failures: list[BatchFailure] = field(default_factory=list)
    skipped: int = 0


class _LRU:
    """A tiny thread-safe LRU cache."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._data: OrderedDict[Any, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._pending: dict[Any, threading.Lock] = {}

    def get(self, key: Any) -> Any:
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                return self._data[key]
        return None

    def get_or_compute(self, key: Any, compute: Callable[[], Any]) -> Any:
        """The cached value, computing it once even when several requests ask at
        the same moment (the others wait for the first)."""
        hit = self.get(key)
        if hit is not None:
            return hit
        with self._lock:
            key_lock = self._pending.setdefault(key, threading.Lock())
        with key_lock:
            hit = self.get(key)
            if hit is None:
                hit = compute()
                self.put(key, hit)
        with self._lock:
            self._pending.pop(key, None)
        return hit

    def put(self, key: Any, value: Any) -> None:
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self._size:
                self._data.popitem(last=False)


def _default_source_factory():
    try:
        from fusionviz.sources import default_source
    except ImportError:
        raise AnnotationDataError(
            "the embedded annotation bundle is not available in this installation "
            "(fusionviz.sources.default_source is missing); reinstall fusionviz"
        ) from None
    return default_source()


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


class Engine:
    """Annotation source, caches and locks shared by every request of one app."""

    def __init__(
        self,
        source: Any = None,
        source_factory: Callable[[], Any] | None = None,
        figure_workers: int | None = None,
    ):
        self._source = source
        self._factory = source_factory or _default_source_factory
        self._source_lock = threading.Lock()
        self.figures = FigurePool(figure_workers)
        self._fusions = _LRU(256)
        self._drawn = _LRU(256)  # (query, format, variant) -> bytes
        self._notes = _LRU(256)
        self._genes: tuple[str, ...] | None = None

    # ------------------------------------------------------------------ source

    @property
    def source(self) -> Any:
        """The annotation source, loaded once (thread-safe)."""
        if self._source is None:
            with self._source_lock:
                if self._source is None:
                    self._source = self._factory()
        return self._source

    def warm_up(self) -> None:
        """Load the bundle and start the figure workers ahead of the first request."""
        self.genes()
        # The first figure of a process loads fonts (over a second); do it now.
        with contextlib.suppress(ImportError, FusionvizError):
            self.figures.warm_up()
            self.svg(Query(q="SQSTM1 e5::ALK e19"))

    def close(self) -> None:
        """Stop the figure workers."""
        self.figures.close()

    def genes(self) -> tuple[str, ...]:
        """Every gene symbol of the source, sorted (for autocompletion)."""
        if self._genes is None:
            self._genes = tuple(sorted(self.source.gene_symbols(), key=str.upper))
        return self._genes

    def suggest(self, prefix: str, limit: int = 20) -> list[str]:
        """Gene symbols starting with ``prefix`` (case-insensitive), then containing it."""
        p = prefix.strip().upper()
        if not p:
            return list(self.genes()[:limit])
        starts = [g for g in self.genes() if g.upper().startswith(p)]
        if len(starts) < limit:
            starts += [g for g in self.genes() if p in g.upper() and g not in starts]
        return starts[:limit]

    def transcript_options(self, gene: str) -> list[TranscriptOption]:
        """The gene's transcripts, default (MANE Select) first. Raises UnknownGeneError."""
        src = self.source
        ts: tuple[Transcript, ...] = src.transcripts(gene)
        default = src.default_transcript(gene)
        ordered = [default] + [t for t in ts if t != default]
        return [
            TranscriptOption(
                value=t.label,
                label=f"{t.display}{', ' + t.refseq if t.refseq else ''}, {t.n_exons} exons"
                + ("" if t.cds else ", non-coding"),
                mane=t.is_mane_select,
                default=t == default,
                exons=t.n_exons,
            )
            for t in ordered
        ]

    # ------------------------------------------------------------------ one fusion

    def annotate(self, query: Query) -> AnnotatedFusion:
        """Annotate the query (cached). Raises a FusionvizError for bad input."""
        hit = self._fusions.get(query.key)
        if hit is not None:
            return hit
        from fusionviz.annotate import annotate

        src = self.source
        request = query.to_request(is_gene=src.has_gene)
        af = annotate(request, src, transcript5=query.t5 or None, transcript3=query.t3 or None)
        self._fusions.put(query.key, af)
        return af

    def notes(self, query: Query, af: AnnotatedFusion) -> Any:
        """The figure's notes: exon-numbering readings, known name, junction bases."""

        def look_up() -> Any:
            from fusionviz.figures import notes_for

            try:
                from fusionviz.known import load_known_table

                table = self._known_table(load_known_table)
            except (ImportError, FusionvizError):
                table = None
            return notes_for([af], self.source, known=table)

        return self._notes.get_or_compute(query.key, look_up)

    def figure(
        self, query: Query, fmt: str, variant: str = "full", af: AnnotatedFusion | None = None
    ) -> bytes:
        """The figure of the query in ``fmt`` (svg, pdf, png), drawn once, in a worker."""
        if variant not in VARIANTS:
            raise FusionvizError(f"unknown figure variant '{variant}'; valid: full, thumb")

        def draw() -> bytes:
            fusion = af or self.annotate(query)
            dpi = 72 if fmt == "svg" else 300
            notes = self.notes(query, fusion)
            urgent = 0 if fmt == "svg" else 1  # what a page shows before what is downloaded
            return self.figures.draw([fusion], fmt, variant, notes, dpi, priority=urgent)

        return self._drawn.get_or_compute((query.key, fmt, variant), draw)

    def svg(self, query: Query, af: AnnotatedFusion | None = None, variant: str = "full") -> str:
        """The figure as an SVG document (cached)."""
        return self.figure(query, "svg", variant, af).decode("utf-8")

    def download(self, query: Query, fmt: str) -> bytes:
        """The annotation in one download format. Raises FusionvizError."""
        from fusionviz import report

        af = self.annotate(query)
        if fmt in ("svg", "pdf", "png"):
            return self.figure(query, fmt, "full", af)
        if fmt == "fasta":
            record = report.fasta_record(af)
            if record is None:
                raise FusionvizError(
                    f"no protein sequence for {af.names.hgnc} ({af.frame}) in the bundle: "
                    "there is no FASTA to download"
                )
            return record.encode("utf-8")
        if fmt == "json":
            import json

            return (json.dumps(self.document(af), indent=2) + "\n").encode("utf-8")
        if fmt == "vicc":
            import json

            from fusionviz.vicc import to_vicc

            return (json.dumps(to_vicc(af), indent=2) + "\n").encode("utf-8")
        if fmt == "tsv":
            return report.to_tsv([af], assessments=[self.assessment(af)]).encode("utf-8")
        if fmt == "txt":
            return report.to_text(af, assessment=self.assessment(af)).encode("utf-8")
        raise FusionvizError(f"unknown download format '{fmt}'; valid: {', '.join(DOWNLOADS)}")

    def document(self, af: AnnotatedFusion) -> dict[str, Any]:
        """The JSON of ``fusionviz annotate --json``: the fusion, its known-fusion match
        and its evidence list (each left out where that feature is unavailable)."""
        from fusionviz import report

        try:
            from fusionviz.evidence import assess
            from fusionviz.known import load_known_table, match_fusion

            table = self._known_table(load_known_table)
            match = match_fusion(af, table, self.source)
            return report.to_dict(af, match, assess(af, self.source, known=match, table=table))
        except (ImportError, FusionvizError):
            return report.to_dict(af)

    def known(self, af: AnnotatedFusion) -> str | None:
        """The known-fusions verdict line, or None where that feature is unavailable."""
        try:
            from fusionviz.known import load_known_table, match_fusion

            table = self._known_table(load_known_table)
            return match_fusion(af, table, self.source).describe()
        except (ImportError, FusionvizError):
            return None

    def assessment(self, af: AnnotatedFusion) -> Any:
        """The evidence list (fusionviz.evidence) for ``af``, or None where unavailable."""
        try:
            from fusionviz.evidence import assess
            from fusionviz.known import load_known_table

            return assess(af, self.source, table=self._known_table(load_known_table))
        except (ImportError, FusionvizError):
            return None

    def _known_table(self, loader: Callable[[], Any]) -> Any:
        table = getattr(self, "_known", None)
        if table is None:
            table = self._known = loader()
        return table

    # ------------------------------------------------------------------ caller files

    def batch(self, data: bytes, filename: str, fmt: str | None = None) -> BatchResult:
        """Run an uploaded caller file through :mod:`fusionviz.batch` (the readers,
        the build plan with GRCh37 lift-over and the engine, as ``fusionviz batch``).

        The file is written under a private temporary folder with a sanitised name
        (the readers take paths, and a name such as ``x.hg19.tsv`` states a build).
        At most :data:`MAX_BATCH_TEXT_BYTES` of uncompressed text are read (the row
        where reading stopped is a failure saying so) and :data:`MAX_BATCH_ROWS`
        rows annotated; later rows are only counted (``skipped``). Raises
        CallerFormatError for a file that cannot be read at all (a truncated gzip
        included) or is on a build that cannot be lifted; bad rows come back as
        failures.
        """
        from itertools import islice

        from fusionviz import batch as runner
        from fusionviz.callers import RowError, open_calls
        from fusionviz.callers.prepare import prepared_rows

        shown = Path(filename or "upload.tsv").name
        safe = _SAFE_NAME.sub("_", shown).strip("._")[:80] or "upload.tsv"
        result = BatchResult(filename=shown)
        src = self.source
        with tempfile.TemporaryDirectory(prefix="fusionviz-upload-") as tmp:
            path = Path(tmp) / safe
            path.write_bytes(data)

            def failure(item: RowError) -> BatchFailure:
                return BatchFailure(
                    item.line,
                    _hide_path(item.input, tmp, shown),
                    _hide_path(item.reason, tmp, shown),
                )

            try:
                table = open_calls(path, fmt or None, max_bytes=MAX_BATCH_TEXT_BYTES)
                plan = runner.plan_build(table, src)
                result.build = plan.build
                result.format, result.caller = table.format, table.caller
                result.build_evidence = plan.evidence + (
                    "; breakpoints lifted to GRCh38 with the UCSC chain (both coordinates in "
                    "the TSV)"
                    if plan.lift
                    else ""
                )
                raw = table.items()
                head = prepared_rows(table, src, plan, islice(raw, MAX_BATCH_ROWS))
                for item in runner.annotate_rows(head, src):
                    if isinstance(item, RowError):
                        result.failures.append(failure(item))
                        continue
                    af = item[0].fusion
                    result.rows.append(
                        BatchRow(af.request.line, af, Query.for_fusion(af), item[0].check)
                    )
                for rest in raw:  # counted, not annotated
                    if isinstance(rest, RowError) and rest.reason.startswith("reading stopped"):
                        result.failures.append(failure(rest))
                    else:
                        result.skipped += 1
            except FusionvizError as exc:
                raise type(exc)(_hide_path(str(exc), tmp, shown)) from None
        return result


def _hide_path(message: str, tmp: str, shown: str) -> str:
    """Error messages name the user's file, never the server's temporary path."""
    return re.sub(re.escape(tmp) + r"/[^\s:,;']*", shown, message)
