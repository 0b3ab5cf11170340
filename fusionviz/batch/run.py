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

import json
import re
import shutil
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fusionviz.batch.build_check import plan_build
from fusionviz.batch.engine import Annotated, AnnotateFn, annotate_rows
from fusionviz.batch.framecheck import _extra
from fusionviz.batch.html_page import _Entry, _write_index
from fusionviz.batch.multiqc import MultiqcTally, write_multiqc
from fusionviz.batch.output_dir import check_output_dir, publish, staging
from fusionviz.callers import CallerTable, RowError, open_calls
from fusionviz.callers.prepare import BuildPlan, prepared_rows
from fusionviz.errors import FusionvizError
from fusionviz.known import KnownMatch, KnownTable, match_fusion
from fusionviz.models import AnnotatedFusion, FusionRequest
from fusionviz.sources.base import AnnotationSource
from fusionviz.vicc import VICCLines

if TYPE_CHECKING:
    from fusionviz.evidence import Assessment

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

    @property
    def exit_code(self) -> int:
        """0: every row annotated; 1: some rows failed."""
        return 1 if self.failed_rows else 0


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("_")[:80] or "fusion"


def _caller_fields(af: AnnotatedFusion) -> str:
    return "; ".join(f"{k}={v}" for k, v in (af.request.extra or af.extra))


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
) -> BatchSummary:
    """Annotate every row of a caller file and write the result folder.

    Raises CallerFormatError when the file itself is unusable (exit status 2) and
    OutputError when the folder cannot be written or is not empty without ``force``.
    """
    t0 = time.perf_counter()
    src_path = Path(path)
    table = open_calls(src_path, format=format)
    plan = plan_build(table, source, build)
    out = Path(out_dir)
    check_output_dir(out, [src_path], force, OUTPUT_FILES)
    opts = _Options(figures, quiet, all_transcripts, annotate_fn, progress, cache, known)
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
    from fusionviz import report

    figures, quiet, known = o.figures, o.quiet, o.known
    all_transcripts, annotate_fn, progress, cache = (
        o.all_transcripts,
        o.annotate_fn,
        o.progress,
        o.cache,
    )
    src_path = table.path
    used_build = plan.build
    fig_dir = stage / "figures"
    if figures:
        fig_dir.mkdir(exist_ok=True)

    show = (not quiet) and (sys.stderr.isatty() if progress is None else progress)
    rows_iter: Iterable[FusionRequest | RowError] = prepared_rows(table, source, plan)
    entries: list[_Entry] = []
    n_rows = n_ok = n_fail = n_written = n_diff = 0
    provenance: list[Any] = []
    files = [out / name for name in OUTPUT_FILES]
    renderer = _Renderer(source, known)
    tally = MultiqcTally()
    vicc_lines = VICCLines()

    with (
        open(stage / "fusions.tsv", "w", encoding="utf-8", newline="") as tsv,
        open(stage / "fusions.jsonl", "w", encoding="utf-8") as jsonl,
        open(stage / "fusions.vicc.jsonl", "w", encoding="utf-8") as vicc_jsonl,
        open(stage / "fusions.fasta", "w", encoding="utf-8") as fasta,
        open(stage / "errors.tsv", "w", encoding="utf-8", newline="") as errors,
        _Progress(show, table) as bar,
    ):
        tsv.write("\t".join(report.tsv_header() + list(CALLER_COLUMNS)) + "\n")
        errors.write("line\tinput\treason\n")
        for item in annotate_rows(
            rows_iter, source, annotate_fn, all_transcripts=all_transcripts, cache=cache
        ):
            n_rows += 1
            bar.advance()
            if isinstance(item, RowError):
                n_fail += 1
                errors.write(f"{item.line}\t{_cell(item.input)}\t{_cell(item.reason)}\n")
                continue
            n_ok += 1
            for a in item:
                n_written += 1
                af = a.fusion
                if not provenance:
                    provenance = list(af.provenance)
                if a.check.status == "differs":
                    n_diff += 1
                tsv_line, json_line, rec = renderer.render(a, src_path.name, used_build)
                tsv.write(tsv_line)
                jsonl.write(json_line)
                vicc_jsonl.write(vicc_lines.line(af))
                if a.transcripts == "default":
                    tally.add(af, renderer.match(af))
                if rec:
                    fasta.write(rec)
                svg = figure = None
                if figures:
                    svg, figure = _draw(af, fig_dir, n_written)
                if len(entries) >= MAX_HTML_ROWS:
                    continue  # the page lists the first ones; the files have them all
                if len(entries) >= MAX_INLINE_FIGURES:
                    svg = None  # linked, not inlined: keeps the page and memory small
                entries.append(
                    _Entry(
                        n=n_written,
                        line=af.request.line,
                        name=af.names.hgnc,
                        short=af.names.short,
                        gene5=af.five_prime.gene,
                        gene3=af.three_prime.gene,
                        tx5=af.five_prime.transcript_label,
                        tx3=af.three_prime.transcript_label,
                        frame=af.frame,
                        verdict=af.verdicts[0] if af.verdicts else "",
                        caller_frame=a.check.caller_frame,
                        check=a.check.status,
                        reason=a.check.reason,
                        warnings=" | ".join(_row_notes(af)),
                        svg=svg,
                        figure=figure,
                        known=renderer.known_headline(af),
                        evidence=renderer.evidence_summary(af),
                        vicc=vicc_lines.nomenclature(af),
                    )
                )
    summary = BatchSummary(
        input=src_path,
        output=out,
        format=table.format,
        caller=table.caller,
        build=used_build,
        rows=n_rows,
        annotated_rows=n_ok,
        failed_rows=n_fail,
        fusions_written=n_written,
        frame_disagreements=n_diff,
        seconds=time.perf_counter() - t0,
        files=tuple(files),
        build_evidence=plan.evidence,
        lifted=plan.lift,
    )
    _write_index(stage / "index.html", summary, entries, provenance, stage / "errors.tsv")
    write_multiqc(stage / "fusionviz_mqc.json", out.resolve().name, summary, tally)
    return summary


class _Renderer:
    """TSV, JSON and FASTA text of one written fusion.

    The junction-dependent part (nearly all of it) is rendered once per distinct
    junction and transcript pair; the row's own input text, line and caller fields
    are added each time.
    """

    def __init__(
        self, source: AnnotationSource, known: KnownTable | None = None, size: int = 4096
    ) -> None:
        self.size = size
        self.memo: dict[tuple, tuple[list[str], str, str | None]] = {}
        self.source = source
        self.known = known
        self.matches: dict[tuple, KnownMatch | None] = {}
        self.summaries: dict[tuple, str] = {}
        from fusionviz import report

        self.columns = report.tsv_header()

    def match(self, af: AnnotatedFusion) -> KnownMatch | None:
        """The known-fusion match of a junction (once per distinct junction)."""
        if self.known is None:
            return None
        key = (
            af.five_prime.genomic_boundary,
            af.three_prime.genomic_boundary,
            af.five_prime.gene,
            af.three_prime.gene,
        )
        if key not in self.matches:
            self.matches[key] = match_fusion(af, self.known, self.source)
        return self.matches[key]

    def assess(self, af: AnnotatedFusion, known: KnownMatch | None) -> Assessment:
        """The evidence list of a junction (its summary is kept for index.html)."""
        from fusionviz.evidence import assess

        a = assess(af, self.source, known=known, table=self.known)
        if len(self.summaries) >= self.size:
            self.summaries.pop(next(iter(self.summaries)))
        self.summaries[_junction_key(af)] = a.summary
        return a

    def evidence_summary(self, af: AnnotatedFusion) -> str:
        return self.summaries.get(_junction_key(af), "")

    def known_headline(self, af: AnnotatedFusion) -> str:
        m = self.match(af)
        return m.headline() if m is not None else ""

    def _base(self, af: AnnotatedFusion) -> tuple[list[str], str, str | None]:
        from fusionviz import report

        key = (
            af.request.five_prime,
            af.request.three_prime,
            af.five_prime.transcript_label,
            af.three_prime.transcript_label,
        )
        hit = self.memo.get(key)
        if hit is None:
            known = self.match(af)
            evidence = self.assess(af, known)
            d = report.to_dict(af, known, evidence)
            d.pop("input", None)
            d.pop("caller_fields", None)
            body = json.dumps(d, ensure_ascii=False)
            hit = (report.tsv_row(af, known, evidence), body[1:-1], report.fasta_record(af))
            if len(self.memo) >= self.size:
                self.memo.pop(next(iter(self.memo)))
            self.memo[key] = hit
        return hit

    def render(
        self, a: Annotated, input_name: str, build: str | None
    ) -> tuple[str, str, str | None]:
        af = a.fusion
        cells, body, rec = self._base(af)
        extra = _extra(af)
        req = af.request
        tsv_cells = list(cells)
        # The row's own input and line replace those of the row first rendered.
        for name, value in (("input", _cell(req.text)), ("line", _str(req.line))):
            if name in self.columns:
                tsv_cells[self.columns.index(name)] = value
        tsv_cells += [
            _cell(extra.get("caller", "")),
            a.check.caller_frame,
            a.check.status,
            _cell(a.check.reason),
            _cell(_caller_fields(af)),
        ]
        batch = {
            "input_file": input_name,
            "line": req.line,
            "transcripts": a.transcripts,
            "caller_frame": a.check.caller_frame or None,
            "frame_check": a.check.status or None,
            "frame_check_reason": a.check.reason or None,
            "build": build,
        }
        dumps = json.dumps
        json_line = (
            f'{{"input": {dumps(req.text, ensure_ascii=False)}, {body}, '
            f'"caller_fields": {dumps(dict(req.extra or af.extra), ensure_ascii=False)}, '
            f'"batch": {dumps(batch, ensure_ascii=False)}}}\n'
        )
        if rec and req.line is not None:
            # FASTA ids must be unique in the file: prefix the row's line number.
            rec = f">line{req.line}|{rec[1:]}"
        return "\t".join(tsv_cells) + "\n", json_line, rec


def _junction_key(af: AnnotatedFusion) -> tuple:
    return (
        af.request.five_prime,
        af.request.three_prime,
        af.five_prime.transcript_label,
        af.three_prime.transcript_label,
    )


def _row_notes(af: AnnotatedFusion) -> list[str]:
    """The fusion's warnings, after the lift-over line when it was lifted."""
    from fusionviz import report

    lifted = report.liftover_line(af)
    return [lifted, *af.warnings] if lifted else list(af.warnings)


def _str(value: object) -> str:
    return "" if value is None else str(value)


def _cell(text: str) -> str:
    return str(text).replace("\t", " ").replace("\r", " ").replace("\n", " ")


def _draw(af: AnnotatedFusion, fig_dir: Path, n: int) -> tuple[str | None, str | None]:
    """One SVG per fusion: written to figures/ and kept for the inline page."""
    from fusionviz.figures import svg_string

    name = f"{n:05d}_{_safe(af.names.hgnc.replace('::', '--'))}_{_safe(af.names.short)}.svg"
    try:
        svg = svg_string([af])
    except FusionvizError as exc:
        return None, f"figure failed: {exc}"
    (fig_dir / name).write_text(svg, encoding="utf-8")
    return _inline_svg(svg), f"figures/{name}"


def _inline_svg(svg: str) -> str:
    """An SVG document made embeddable: no XML declaration or DOCTYPE."""
    s = re.sub(r"<\?xml[^>]*\?>", "", svg)
    s = re.sub(r"<!DOCTYPE[^>]*>", "", s, flags=re.S)
    return s.strip()


class _Progress:
    """A rich progress bar on stderr, or nothing."""

    def __init__(self, show: bool, table: CallerTable) -> None:
        self.show = show
        self.table = table
        self._p: Any = None
        self._task: Any = None

    def __enter__(self) -> _Progress:
        if self.show:
            from rich.console import Console
            from rich.progress import Progress

            total = sum(1 for _ in self.table.items())
            self._p = Progress(console=Console(stderr=True), transient=False)
            self._p.__enter__()
            self._task = self._p.add_task(f"annotating {self.table.path.name}", total=total)
        return self

    def advance(self) -> None:
        if self._p is not None:
            self._p.advance(self._task)

    def __exit__(self, *exc: object) -> None:
        if self._p is not None:
            self._p.__exit__(*exc)
