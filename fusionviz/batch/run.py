"""Annotate every fusion of a caller file and write the results into one folder.

``run_batch(path, out_dir, source)`` reads the file with :mod:`fusionviz.callers`,
annotates each row with the engine (injectable, so tests can use a stub), and
writes ``fusions.tsv``, ``fusions.jsonl``, ``fusions.fasta``, ``errors.tsv``,
``index.html`` and, with ``figures=True``, one SVG per fusion under ``figures/``.
A row that fails becomes a line of ``errors.tsv`` (with its physical line number);
the others still run. The results are written into a staging folder first and
moved into place only when the whole file was read, replacing the run's earlier
outputs completely (``--force``); a file that turns out unreadable leaves nothing
half-written behind.
"""

from __future__ import annotations

import shutil
import sys
import time
from contextlib import nullcontext
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from fusionviz.batch.build_check import plan_build
from fusionviz.batch.engine import AnnotateFn
from fusionviz.batch.html_page import _Entry, _write_index
from fusionviz.batch.multiqc import MultiqcTally, write_multiqc
from fusionviz.batch.output_dir import check_output_dir, publish, staging
from fusionviz.batch.progress import Progress, count_lines
from fusionviz.batch.render import Written, inline_svg
from fusionviz.batch.workers import (
    MIN_ROWS_FOR_POOL,
    RowPool,
    Settings,
    default_jobs,
    processed,
)
from fusionviz.callers import CallerTable, RowError, open_calls
from fusionviz.callers.prepare import BuildPlan, prepared_rows
from fusionviz.errors import FusionvizError
from fusionviz.known import KnownTable
from fusionviz.sources.base import AnnotationSource

#: Files run_batch writes (and, with force, overwrites) in the output folder.
OUTPUT_FILES = (
    "fusions.tsv",
    "fusions.jsonl",
    "fusions.vicc.jsonl",
    "fusions.fasta",
    "errors.tsv",
    "index.html",
    "fusionviz_mqc.json",
)
#: Columns added after the engine's TSV columns.
CALLER_COLUMNS = ("caller", "caller_frame", "frame_check", "frame_check_reason", "caller_fields")
#: Fusions listed in index.html (a page of 100k rows is unusable; the TSV has all).
MAX_HTML_ROWS = 5000
#: Figures drawn inline in index.html; later ones are linked.
MAX_INLINE_FIGURES = 200


@dataclass(frozen=True, slots=True)
class BatchSummary:
    """What run_batch did."""

    input: Path
    output: Path
    format: str
    caller: str
    build: str | None
    rows: int
    annotated_rows: int
    failed_rows: int
    fusions_written: int
    frame_disagreements: int
    seconds: float
    files: tuple[Path, ...]
    build_evidence: str = ""
    lifted: bool = False
    jobs: int = 1

    @property
    def exit_code(self) -> int:
        """0: every row annotated; 1: some rows failed."""
        return 1 if self.failed_rows else 0


def run_batch(
    path: str | Path,
    out_dir: str | Path,
    source: AnnotationSource,
    *,
    format: str | None = None,
    figures: bool = False,
    force: bool = False,
    quiet: bool = False,
    all_transcripts: bool = False,
    build: str | None = None,
    annotate_fn: AnnotateFn | None = None,
    progress: bool | None = None,
    cache: bool = True,
    known: KnownTable | None = None,
    jobs: int | None = None,
    jsonl: bool = True,
) -> BatchSummary:
    """Annotate every row of a caller file and write the result folder.

    ``jobs`` processes annotate and draw (default: every core for a file of
    MIN_ROWS_FOR_POOL rows or more, one process for a smaller one); the files are the
    same whatever their number. ``jsonl=False`` leaves out ``fusions.jsonl`` (the
    whole annotation of every row, ~25 kB each) for cohort runs. Raises
    CallerFormatError when the file itself is unusable (exit status 2) and OutputError
    when the folder cannot be written or is not empty without ``force``.
    """
    t0 = time.perf_counter()
    if jobs is not None and jobs < 1:
        raise FusionvizError(f"--jobs must be 1 or more, not {jobs}")
    src_path = Path(path)
    table = open_calls(src_path, format=format)
    plan = plan_build(table, source, build)
    out = Path(out_dir)
    check_output_dir(out, [src_path], force, OUTPUT_FILES)
    opts = _Options(
        figures, quiet, all_transcripts, annotate_fn, progress, cache, known, jobs, jsonl
    )
    stage = staging(out)
    try:
        summary = _run(table, plan, stage, out, source, opts, t0)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    publish(stage, out, OUTPUT_FILES)
    return summary


@dataclass(frozen=True, slots=True)
class _Options:
    figures: bool
    quiet: bool
    all_transcripts: bool
    annotate_fn: AnnotateFn | None
    progress: bool | None
    cache: bool
    known: KnownTable | None
    jobs: int | None
    jsonl: bool


def _run(
    table: CallerTable,
    plan: BuildPlan,
    stage: Path,
    out: Path,
    source: AnnotationSource,
    o: _Options,
    t0: float,
) -> BatchSummary:
    """Annotate every row into ``stage``; the summary names the final files in ``out``."""
    src_path = table.path
    if o.figures:
        (stage / "figures").mkdir(exist_ok=True)
    show = (not o.quiet) and (sys.stderr.isatty() if o.progress is None else o.progress)
    lines = count_lines(src_path) if show or o.jobs is None else None
    jobs = _jobs(o.jobs, lines)
    settings = Settings(
        o.annotate_fn,
        o.all_transcripts,
        o.cache,
        o.known,
        src_path.name,
        plan.build,
        o.figures,
        jsonl=o.jsonl,
    )
    files = [out / n for n in OUTPUT_FILES if o.jsonl or n != "fusions.jsonl"]
    w = _Writer(stage, o.figures, o.jsonl)
    with (
        RowPool(jobs, source, settings) if jobs > 1 else nullcontext() as pool,
        w,
        Progress(show, src_path.name, lines) as bar,
    ):
        for item in processed(prepared_rows(table, source, plan), source, settings, pool):
            w.add(item)
            bar.at(item.line if isinstance(item, RowError) else _line(item))
    summary = BatchSummary(
        input=src_path,
        output=out,
        format=table.format,
        caller=table.caller,
        build=plan.build,
        rows=w.n_rows,
        annotated_rows=w.n_ok,
        failed_rows=w.n_fail,
        fusions_written=w.n_written,
        frame_disagreements=w.n_diff,
        seconds=time.perf_counter() - t0,
        files=tuple(files),
        build_evidence=plan.evidence,
        lifted=plan.lift,
        jobs=jobs,
    )
    _write_index(stage / "index.html", summary, w.entries, w.provenance, stage / "errors.tsv")
    write_multiqc(stage / "fusionviz_mqc.json", out.resolve().name, summary, w.tally)
    return summary


def _jobs(asked: int | None, lines: int | None) -> int:
    """Processes to use: as asked, else every core for a big file and one for a small one."""
    if asked is not None:
        return asked
    if lines is not None and lines < MIN_ROWS_FOR_POOL:
        return 1
    return default_jobs()


def _line(written: list[Written]) -> int | None:
    return written[0].entry.line if written else None


class _Writer:
    """Writes each row's rendered outputs into the staging folder, in order, and keeps
    the run's counts, the MultiQC tally and the (bounded) list for index.html."""

    def __init__(self, stage: Path, figures: bool, jsonl: bool = True) -> None:
        self.stage, self.figures, self.with_jsonl = stage, figures, jsonl
        self.n_rows = self.n_ok = self.n_fail = self.n_written = self.n_diff = 0
        self.entries: list[_Entry] = []
        self.provenance: list[Any] = []
        self.tally = MultiqcTally()
        self._files: list[Any] = []

    def __enter__(self) -> _Writer:
        from fusionviz import report

        def open_(name: str) -> Any:
            fh = open(self.stage / name, "w", encoding="utf-8", newline="")  # noqa: SIM115
            self._files.append(fh)
            return fh

        self.tsv = open_("fusions.tsv")
        self.jsonl = open_("fusions.jsonl") if self.with_jsonl else None
        self.vicc, self.fasta = open_("fusions.vicc.jsonl"), open_("fusions.fasta")
        self.errors = open_("errors.tsv")
        self.tsv.write("\t".join(report.tsv_header() + list(CALLER_COLUMNS)) + "\n")
        self.errors.write("line\tinput\treason\n")
        return self

    def __exit__(self, *exc: object) -> None:
        for fh in self._files:
            fh.close()

    def add(self, item: RowError | list[Written]) -> None:
        self.n_rows += 1
        if isinstance(item, RowError):
            self.n_fail += 1
            self.errors.write(f"{item.line}\t{_cell(item.input)}\t{_cell(item.reason)}\n")
            return
        self.n_ok += 1
        for x in item:
            self._fusion(x)

    def _fusion(self, x: Written) -> None:
        self.n_written += 1
        if not self.provenance and x.provenance is not None:
            self.provenance = list(x.provenance)
        self.n_diff += x.differs
        self.tsv.write(x.tsv)
        if self.jsonl is not None:
            self.jsonl.write(x.json)
        self.vicc.write(x.vicc)
        if x.tally is not None:
            self.tally.add_flags(x.tally)
        if x.fasta:
            self.fasta.write(x.fasta)
        svg = figure = None
        if self.figures:
            svg, figure = self._figure(x)
        if len(self.entries) >= MAX_HTML_ROWS:
            return  # the page lists the first ones; the files have them all
        if len(self.entries) >= MAX_INLINE_FIGURES:
            svg = None  # linked, not inlined: keeps the page and memory small
        self.entries.append(replace(x.entry, n=self.n_written, svg=svg, figure=figure))

    def _figure(self, x: Written) -> tuple[str | None, str | None]:
        """figures/NNNNN_<name>.svg, numbered in the order fusions are written."""
        if x.svg is None:
            return None, x.figure_error
        name = f"{self.n_written:05d}_{x.figure_name}.svg"
        (self.stage / "figures" / name).write_text(x.svg, encoding="utf-8")
        return inline_svg(x.svg), f"figures/{name}"


def _cell(text: str) -> str:
    return str(text).replace("\t", " ").replace("\r", " ").replace("\n", " ")
