"""The page's link to fusionviz: the same annotate(), reports, figures and caller
readers as the CLI, with small caches and the locks that make them safe under
concurrent requests. Nothing here computes anything itself."""

from __future__ import annotations

import contextlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fusionviz.errors import AnnotationDataError, FusionvizError, GenePairOnlyError
from fusionviz.models import AnnotatedFusion, Transcript
from fusionviz.web.figure_pool import VARIANTS, FigurePool, draw_figure
from fusionviz.web.query import Query
from fusionviz.web.upload import (
    MAX_BATCH_ROWS,
    MAX_BATCH_TEXT_BYTES,
    BatchFailure,
    BatchResult,
    BatchRow,
    run_upload,
)

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


__all__ = [
    "DOWNLOADS",
    "MAX_BATCH_ROWS",
    "MAX_BATCH_TEXT_BYTES",
    "VARIANTS",
    "BatchFailure",
    "BatchResult",
    "BatchRow",
    "Engine",
    "FigurePool",
    "TranscriptOption",
    "draw_figure",
]


@dataclass(frozen=True, slots=True)
class TranscriptOption:
    """One entry of a gene's transcript list."""

    value: str  # what the query carries (versioned ENST, else the name)
    label: str
    mane: bool
    default: bool
    exons: int


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

    def pair_fusions(self, pair: GenePairOnlyError, query: Query) -> list[AnnotatedFusion]:
        """A gene pair without exons: its known junctions, annotated (the CLI's answer)."""
        from fusionviz.known import load_known_table
        from fusionviz.pair_only import known_pair_fusions

        table = self._known_table(load_known_table)
        return known_pair_fusions(pair, self.source, query.q or f"{query.g5}::{query.g3}", table)

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
        """Run an uploaded caller file through :mod:`fusionviz.batch`: see
        :func:`fusionviz.web.upload.run_upload`."""
        return run_upload(self.source, data, filename, fmt)
