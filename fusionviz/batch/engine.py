"""Annotate a stream of caller rows: one request at a time, repeated junctions once."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from fusionviz.batch.framecheck import FrameCheck, frame_check
from fusionviz.callers import RowError
from fusionviz.errors import FusionvizError
from fusionviz.models import AnnotatedFusion, FusionRequest, Transcript
from fusionviz.recency import keep, recent
from fusionviz.sources.base import AnnotationSource

AnnotateFn = Callable[..., AnnotatedFusion]

#: Cap on transcript pairs per row with all_transcripts.
MAX_PAIRS = 50


@dataclass(frozen=True, slots=True)
class Annotated:
    """One annotated row (one transcript pair of it with all_transcripts)."""

    fusion: AnnotatedFusion
    check: FrameCheck
    transcripts: str  # "default" or "alternative"


def _default_annotate() -> AnnotateFn:
    from fusionviz.annotate import annotate

    return annotate


def _transcript_choices(spec_gene: str | None, source: AnnotationSource) -> list[Transcript]:
    if not spec_gene:
        return []
    try:
        return list(source.transcripts(spec_gene))
    except FusionvizError:
        return []


def annotate_request(
    req: FusionRequest,
    source: AnnotationSource,
    annotate_fn: AnnotateFn,
    *,
    all_transcripts: bool = False,
) -> list[Annotated]:
    """Annotate one request; raises the engine's FusionvizError for the default
    transcripts. With ``all_transcripts`` also every other transcript pair on which
    the junction can be placed (failures there are skipped)."""
    first = annotate_fn(req, source)
    out = [Annotated(first, frame_check(first), "default")]
    if not all_transcripts:
        return out
    seen = {(first.five_prime.transcript_label, first.three_prime.transcript_label)}
    ts5 = [req.five_prime.transcript] if req.five_prime.transcript else None
    ts3 = [req.three_prime.transcript] if req.three_prime.transcript else None
    c5 = ts5 or [t.label for t in _transcript_choices(first.five_prime.gene, source)]
    c3 = ts3 or [t.label for t in _transcript_choices(first.three_prime.gene, source)]
    for a in c5:
        for b in c3:
            if (a, b) in seen or len(seen) >= MAX_PAIRS:
                continue
            seen.add((a, b))
            try:
                af = annotate_fn(req, source, transcript5=a, transcript3=b)
            except FusionvizError:
                continue
            key = (af.five_prime.transcript_label, af.three_prime.transcript_label)
            if key != (a, b) and key in seen - {(a, b)}:
                continue
            # The caller's frame call is about its own transcripts: compare it with
            # the default pair only.
            out.append(Annotated(af, FrameCheck("", ""), "alternative"))
    return out


#: Distinct junctions whose annotations are kept for repeated rows (least recently used
#: dropped first; ~7 kB each).
CACHE_SIZE = 2048


def junction_key(req: FusionRequest) -> FusionRequest:
    """The request without what belongs to its row alone (text, line, caller fields):
    rows with equal keys have equal annotations."""
    return dataclasses.replace(req, text="", line=None, extra=())


class _Cache:
    """Identical junctions (the same request on another row) are annotated once; the
    row's own request (text, line, caller fields) is put back on the cached result and
    the caller's frame call is compared again."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self.size = size
        self.data: dict[FusionRequest, list[Annotated]] = {}

    def get(self, req: FusionRequest, compute: Callable[[], list[Annotated]]) -> list[Annotated]:
        key = junction_key(req)
        hit = recent(self.data, key)
        if hit is None:
            return keep(self.data, key, compute(), self.size)
        out = []
        for a in hit:
            af = dataclasses.replace(a.fusion, request=req, extra=req.extra)
            check = frame_check(af) if a.transcripts == "default" else a.check
            out.append(Annotated(af, check, a.transcripts))
        return out


class RowAnnotator:
    """Annotates rows one at a time, keeping the repeated-junction cache between them
    (a batch worker holds one for its whole life)."""

    def __init__(
        self,
        source: AnnotationSource,
        annotate_fn: AnnotateFn | None = None,
        *,
        all_transcripts: bool = False,
        cache: bool = True,
        cache_size: int = CACHE_SIZE,
    ) -> None:
        self.source = source
        self.fn = annotate_fn or _default_annotate()
        self.all_transcripts = all_transcripts
        self.memo = _Cache(cache_size) if cache else None

    def __call__(self, row: FusionRequest | RowError) -> list[Annotated] | RowError:
        """The row's annotations, or a RowError (the reader's, or the engine's message)."""
        if isinstance(row, RowError):
            return row

        def compute() -> list[Annotated]:
            return annotate_request(row, self.source, self.fn, all_transcripts=self.all_transcripts)

        try:
            return self.memo.get(row, compute) if self.memo else compute()
        except FusionvizError as exc:
            return RowError(row.line or 0, str(exc), row.text)
        except Exception as exc:  # noqa: BLE001 - one bad row must not stop the batch
            return RowError(
                row.line or 0,
                f"internal error ({type(exc).__name__}: {exc}); please report this row",
                row.text,
            )


def annotate_rows(
    rows: Iterable[FusionRequest | RowError],
    source: AnnotationSource,
    annotate_fn: AnnotateFn | None = None,
    *,
    all_transcripts: bool = False,
    cache: bool = True,
) -> Iterator[list[Annotated] | RowError]:
    """Annotate a stream of reader rows: each item is the row's annotations or a
    RowError (the reader's, or the engine's message for that row)."""
    annotate_row = RowAnnotator(source, annotate_fn, all_transcripts=all_transcripts, cache=cache)
    for row in rows:
        yield annotate_row(row)
