"""Uploaded caller files on the page: run through :mod:`fusionviz.batch` like
``fusionviz batch``, within the page's limits, without naming the server's paths."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fusionviz.errors import FusionvizError
from fusionviz.models import AnnotatedFusion
from fusionviz.web.query import Query

if TYPE_CHECKING:
    from fusionviz.callers import RowError


#: Rows of one uploaded caller file annotated at most (the rest are counted and
#: reported as not run, never annotated).
MAX_BATCH_ROWS = 2000


#: Uncompressed text read from one uploaded file at most: a small gzip can expand
#: enormously; reading stops at this size and the page says where.
MAX_BATCH_TEXT_BYTES = 64 * 1024 * 1024


_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


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


def run_upload(src: Any, data: bytes, filename: str, fmt: str | None = None) -> BatchResult:
    """Run an uploaded caller file through :mod:`fusionviz.batch` (the readers, the
    build plan with GRCh37 lift-over and the engine, as ``fusionviz batch``) on the
    annotation source ``src``.

    The file is written under a private temporary folder with a sanitised name
    (the readers take paths, and a name such as ``x.hg19.tsv`` states a build).
    At most :data:`MAX_BATCH_TEXT_BYTES` of uncompressed text are read (the row
    where reading stopped is a failure saying so) and :data:`MAX_BATCH_ROWS`
    rows annotated; later rows are only counted (``skipped``). Raises
    CallerFormatError for a file that cannot be read at all (a truncated gzip
    included) or is on a build that cannot be lifted; bad rows come back as
    failures.
    """
    shown = Path(filename or "upload.tsv").name
    safe = _SAFE_NAME.sub("_", shown).strip("._")[:80] or "upload.tsv"
    result = BatchResult(filename=shown)
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
            _annotate_upload(path, fmt, src, result, failure)
        except FusionvizError as exc:
            raise type(exc)(_hide_path(str(exc), tmp, shown)) from None
    return result


def _annotate_upload(
    path: Path,
    fmt: str | None,
    src: Any,
    result: BatchResult,
    failure: Callable[[RowError], BatchFailure],
) -> None:
    """Fill ``result`` from the caller file at ``path``: the first rows annotated,
    the rest counted."""
    from itertools import islice

    from fusionviz import batch as runner
    from fusionviz.callers import RowError, open_calls
    from fusionviz.callers.prepare import prepared_rows

    table = open_calls(path, fmt or None, max_bytes=MAX_BATCH_TEXT_BYTES)
    plan = runner.plan_build(table, src)
    result.build = plan.build
    result.format, result.caller = table.format, table.caller
    result.build_evidence = plan.evidence + (
        "; breakpoints lifted to GRCh38 with the UCSC chain (both coordinates in the TSV)"
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
        result.rows.append(BatchRow(af.request.line, af, Query.for_fusion(af), item[0].check))
    for rest in raw:  # counted, not annotated
        if isinstance(rest, RowError) and rest.reason.startswith("reading stopped"):
            result.failures.append(failure(rest))
        else:
            result.skipped += 1


def _hide_path(message: str, tmp: str, shown: str) -> str:
    """Error messages name the user's file, never the server's temporary path."""
    return re.sub(re.escape(tmp) + r"/[^\s:,;']*", shown, message)
