"""Annotate every fusion of a caller file and write the results into one folder.

``run_batch(path, out_dir, source)`` reads the file with :mod:`fusionviz.callers`,
annotates each row with the engine (injectable, so tests can use a stub), and
writes ``fusions.tsv``, ``fusions.jsonl``, ``fusions.fasta``, ``errors.tsv``,
``index.html`` and, with ``figures=True``, one SVG per fusion under ``figures/``.
A row that fails becomes a line of ``errors.tsv``; the others still run.

The caller's own fields are kept beside ours, and rows where the caller's frame
call differs from fusionviz's are flagged with the reason.
"""

from __future__ import annotations

import dataclasses
import html
import json
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fusionviz.callers import CallerTable, RowError, open_calls
from fusionviz.errors import CallerFormatError, FusionvizError, OutputError
from fusionviz.known import KnownMatch, KnownTable, match_fusion
from fusionviz.models import AnnotatedFusion, FusionRequest, Transcript
from fusionviz.sources.base import AnnotationSource

AnnotateFn = Callable[..., AnnotatedFusion]

#: The build of the embedded annotation bundle.
BUNDLE_BUILD = "GRCh38"  # the embedded bundle's build; a release may be on another


def source_build(source: AnnotationSource) -> str:
    """The genome build the annotation source is on (GRCh38 unless it says otherwise)."""
    from fusionviz.callers import normalise_build

    for info in source.provenance():
        build = dict(info.details).get("genome_build")
        if build:
            return normalise_build(build) or build
    return BUNDLE_BUILD


#: Files run_batch writes (and, with force, overwrites) in the output folder.
OUTPUT_FILES = ("fusions.tsv", "fusions.jsonl", "fusions.fasta", "errors.tsv", "index.html")
#: Columns added after the engine's TSV columns.
CALLER_COLUMNS = ("caller", "caller_frame", "frame_check", "frame_check_reason", "caller_fields")
#: How far (bp) outside its gene a breakpoint may be and still count as "in" it
#: for the build check.
_BUILD_SLACK = 10_000
#: Breakpoints examined by the build check.
_BUILD_SAMPLE = 200
#: Cap on transcript pairs per row with all_transcripts.
MAX_PAIRS = 50
#: Fusions listed in index.html (a page of 100k rows is unusable; the TSV has all).
MAX_HTML_ROWS = 5000
#: Figures drawn inline in index.html; later ones are linked.
MAX_INLINE_FIGURES = 200


# --------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class FrameCheck:
    """fusionviz's frame call against the caller's."""

    status: str  # "agrees", "differs" or "" (caller made no comparable call)
    caller_frame: str
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Annotated:
    """One annotated row (one transcript pair of it with all_transcripts)."""

    fusion: AnnotatedFusion
    check: FrameCheck
    transcripts: str  # "default" or "alternative"


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

    @property
    def exit_code(self) -> int:
        """0: every row annotated; 1: some rows failed."""
        return 1 if self.failed_rows else 0


# --------------------------------------------------------------------------- frame check


def _extra(af: AnnotatedFusion) -> dict[str, str]:
    return dict(af.request.extra or af.extra)


def frame_check(af: AnnotatedFusion) -> FrameCheck:
    """Compare the caller's frame call (``caller_frame`` in the row's extra fields)
    with ours and say why they differ."""
    extra = _extra(af)
    theirs = extra.get("caller_frame", "")
    if theirs not in ("in-frame", "out-of-frame") or af.frame == "not-applicable":
        return FrameCheck("", theirs)
    if theirs == af.frame:
        return FrameCheck("agrees", theirs)
    p5, p3, j = af.five_prime, af.three_prime, af.junction
    why = [
        f"{extra.get('caller', 'the caller')} says {theirs}; fusionviz says {af.frame} on "
        f"{p5.transcript.label} exon {p5.exon} (end phase {_ph(j.five_end_phase)}) :: "
        f"{p3.transcript.label} exon {p3.exon} (start phase {_ph(j.three_start_phase)})"
    ]
    t5, t3 = extra.get("caller_transcript5", ""), extra.get("caller_transcript3", "")
    used = []
    if t5 and not _same_tx(t5, p5.transcript):
        used.append(f"5' {t5}")
    if t3 and not _same_tx(t3, p3.transcript):
        used.append(f"3' {t3}")
    if used:
        why.append(f"the caller used other transcripts ({', '.join(used)})")
    kept = _junction_shift(af)
    if kept is not None:
        n5, n3, frame_if_kept = kept
        why.append(
            f"the caller's junction is {_bases(n5, n3)} from the exon boundaries fusionviz "
            f"uses; if the RNA keeps exactly the caller's bases the junction reads "
            f"{frame_if_kept} (stop codons in those bases not checked)"
        )
    other = [a for a in af.alternatives if a.frame == theirs]
    if other:
        alts = ", ".join(
            f"{a.five_transcript} exon {a.five_exon} :: {a.three_transcript} exon {a.three_exon}"
            for a in other[:3]
        )
        why.append(f"{theirs} on other transcripts: {alts}")
    why += [w for w in af.warnings if "bp" in w or "intron" in w][:2]
    return FrameCheck("differs", theirs, "; ".join(why))


def _junction_shift(af: AnnotatedFusion) -> tuple[int, int, str] | None:
    """For a breakpoint row read as an exon boundary although the caller's bases are
    off it: (bases the 5' side keeps beyond its boundary, bases the 3' side keeps
    before its boundary, the frame if the RNA really joins the caller's bases)."""
    from fusionviz.breakpoints import locate

    p, q = af.junction.five_end_phase, af.junction.three_start_phase
    if p is None or q is None:
        return None
    n = []
    for spec, partner, sign in (
        (af.request.five_prime, af.five_prime, 1),
        (af.request.three_prime, af.three_prime, -1),
    ):
        bp = spec.breakpoint
        if bp is None or bp.contig != partner.transcript.contig:
            n.append(0)
            continue
        loc = locate(partner.transcript, bp.position, partner.role)
        snapped = loc.kind in ("splice_site", "intronic") and loc.exon == partner.exon
        n.append(sign * loc.offset if snapped else 0)
    n5, n3 = n
    if n5 == 0 and n3 == 0:
        return None
    frame = "in-frame" if (p + n5 + n3 - q) % 3 == 0 else "out-of-frame"
    return n5, n3, frame


def _bases(n5: int, n3: int) -> str:
    parts = []
    if n5:
        parts.append(f"{abs(n5)} bp {'after' if n5 > 0 else 'before'} the 5' exon end")
    if n3:
        parts.append(f"{abs(n3)} bp {'before' if n3 > 0 else 'after'} the 3' exon start")
    return " and ".join(parts)


def _ph(p: int | None) -> str:
    return "-" if p is None else str(p)


def _same_tx(ident: str, t: Transcript) -> bool:
    base = ident.split(".")[0].upper()
    return base in {(t.transcript_id or "").split(".")[0].upper(), t.name.upper()}


# --------------------------------------------------------------------------- annotation


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
    seen = {(first.five_prime.transcript.label, first.three_prime.transcript.label)}
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
            key = (af.five_prime.transcript.label, af.three_prime.transcript.label)
            if key != (a, b) and key in seen - {(a, b)}:
                continue
            # The caller's frame call is about its own transcripts: compare it with
            # the default pair only.
            out.append(Annotated(af, FrameCheck("", ""), "alternative"))
    return out


class _Cache:
    """Identical junctions (same partners, another row) are annotated once; the
    row's own request (line, caller fields) is put back on the cached result."""

    def __init__(self, size: int = 4096) -> None:
        self.size = size
        self.data: dict[tuple, list[Annotated]] = {}

    def get(self, req: FusionRequest, compute: Callable[[], list[Annotated]]) -> list[Annotated]:
        key = (req.five_prime, req.three_prime)
        hit = self.data.get(key)
        if hit is None:
            hit = compute()
            if len(self.data) >= self.size:
                self.data.pop(next(iter(self.data)))
            self.data[key] = hit
            return hit
        out = []
        for a in hit:
            af = dataclasses.replace(a.fusion, request=req, extra=req.extra)
            check = frame_check(af) if a.transcripts == "default" else a.check
            out.append(Annotated(af, check, a.transcripts))
        return out


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
    fn = annotate_fn or _default_annotate()
    memo = _Cache() if cache else None
    for row in rows:
        if isinstance(row, RowError):
            yield row
            continue

        def compute(row: FusionRequest = row) -> list[Annotated]:
            return annotate_request(row, source, fn, all_transcripts=all_transcripts)

        try:
            yield memo.get(row, compute) if memo else compute()
        except FusionvizError as exc:
            yield RowError(row.line or 0, str(exc), row.text)
        except Exception as exc:  # noqa: BLE001 - one bad row must not stop the batch
            yield RowError(
                row.line or 0,
                f"internal error ({type(exc).__name__}: {exc}); please report this row",
                row.text,
            )


# --------------------------------------------------------------------------- build check


def check_build(
    table: CallerTable, source: AnnotationSource, override: str | None = None
) -> str | None:
    """Refuse a file whose coordinates are not on the bundle's build.

    ``override`` (``--build``) wins; otherwise a build the file or its path states,
    then a coordinate check: breakpoints of known genes must lie in those genes on
    GRCh38. Returns the build used (None when the file has no breakpoints to check).
    Raises CallerFormatError for a non-GRCh38 file.
    """
    from fusionviz.callers import normalise_build

    target = source_build(source)
    advice = (
        f"the annotation used is {target} and fusionviz does not lift coordinates over; "
        f"lift the breakpoints to {target} first, use an annotation on the file's build "
        f"(e.g. --release 75 for GRCh37), or pass --build {target} if they already are"
    )
    if override:
        b = normalise_build(override)
        if b is None:
            raise CallerFormatError(f"unknown build '{override}'; valid builds: GRCh38, GRCh37")
        if b != target:
            raise CallerFormatError(f"{table.path.name} is on {b} (--build); {advice}")
        return b
    if table.build and table.build != target:
        if _has_breakpoints(table):
            raise CallerFormatError(
                f"{table.path.name} is on {table.build} ({table.build_evidence}); {advice}"
            )
        return table.build
    fit, checked = _breakpoints_in_genes(table, source)
    if checked >= 2 and fit * 2 < checked:
        raise CallerFormatError(
            f"{table.path.name}: only {fit} of {checked} breakpoints lie in the genes the file "
            f"names on {target}, so the file is probably on another build; {advice}"
        )
    return table.build or (target if checked else None)


def _has_breakpoints(table: CallerTable) -> bool:
    for row in table.rows():
        if isinstance(row, FusionRequest) and (
            row.five_prime.breakpoint or row.three_prime.breakpoint
        ):
            return True
    return False


def _breakpoints_in_genes(table: CallerTable, source: AnnotationSource) -> tuple[int, int]:
    spans: dict[str, tuple[str, int, int] | None] = {}
    fit = checked = 0
    for row in table.rows():
        if checked >= _BUILD_SAMPLE:
            break
        if not isinstance(row, FusionRequest):
            continue
        for spec in (row.five_prime, row.three_prime):
            if spec.breakpoint is None or not spec.gene:
                continue
            g = spec.gene.upper()
            if g not in spans:
                spans[g] = _gene_span(spec.gene, source)
            span = spans[g]
            if span is None:
                continue
            checked += 1
            contig, lo, hi = span
            bp = spec.breakpoint
            if bp.contig == contig and lo - _BUILD_SLACK <= bp.position <= hi + _BUILD_SLACK:
                fit += 1
    return fit, checked


def _gene_span(gene: str, source: AnnotationSource) -> tuple[str, int, int] | None:
    try:
        ts = source.transcripts(gene)
    except FusionvizError:
        return None
    exons = [e for t in ts for e in t.exons]
    if not exons:
        return None
    return ts[0].contig, min(e.start for e in exons), max(e.end for e in exons)


# --------------------------------------------------------------------------- writing


def _check_output_dir(out: Path, inputs: Iterable[Path], force: bool) -> None:
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out} exists and is not a directory; give a new or empty folder")
    if out.is_dir() and any(out.iterdir()) and not force:
        raise OutputError(
            f"output folder {out} is not empty; use --force to overwrite fusionviz's files "
            "in it, or give a new folder"
        )
    targets = {(out / name).resolve() for name in OUTPUT_FILES}
    fig_dir = (out / "figures").resolve()
    for p in inputs:
        rp = p.resolve()
        if rp in targets or rp.parent == fig_dir:
            raise OutputError(f"the input {p} would be overwritten; choose another output folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create {out}: {exc.strerror or exc}") from None


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("_")[:80] or "fusion"


def _caller_fields(af: AnnotatedFusion) -> str:
    return "; ".join(f"{k}={v}" for k, v in (af.request.extra or af.extra))


@dataclass
class _Entry:
    """What index.html needs of one written fusion (kept small for big batches)."""

    n: int
    line: int | None
    name: str
    short: str
    gene5: str
    gene3: str
    tx5: str
    tx3: str
    frame: str
    verdict: str
    caller_frame: str
    check: str
    reason: str
    warnings: str
    svg: str | None
    figure: str | None
    known: str = ""


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
    from fusionviz import report

    t0 = time.perf_counter()
    src_path = Path(path)
    table = open_calls(src_path, format=format)
    used_build = check_build(table, source, build)
    out = Path(out_dir)
    _check_output_dir(out, [src_path], force)
    fig_dir = out / "figures"
    if figures:
        fig_dir.mkdir(exist_ok=True)

    show = (not quiet) and (sys.stderr.isatty() if progress is None else progress)
    rows_iter: Iterable[FusionRequest | RowError] = table.rows()
    entries: list[_Entry] = []
    n_rows = n_ok = n_fail = n_written = n_diff = 0
    provenance: list[Any] = []
    files = [out / name for name in OUTPUT_FILES]
    renderer = _Renderer(source, known)

    with (
        open(out / "fusions.tsv", "w", encoding="utf-8", newline="") as tsv,
        open(out / "fusions.jsonl", "w", encoding="utf-8") as jsonl,
        open(out / "fusions.fasta", "w", encoding="utf-8") as fasta,
        open(out / "errors.tsv", "w", encoding="utf-8", newline="") as errors,
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
                        tx5=af.five_prime.transcript.label,
                        tx3=af.three_prime.transcript.label,
                        frame=af.frame,
                        verdict=af.verdicts[0] if af.verdicts else "",
                        caller_frame=a.check.caller_frame,
                        check=a.check.status,
                        reason=a.check.reason,
                        warnings=" | ".join(af.warnings),
                        svg=svg,
                        figure=figure,
                        known=renderer.known_headline(af),
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
    )
    _write_index(out / "index.html", summary, entries, provenance, out / "errors.tsv")
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

    def known_headline(self, af: AnnotatedFusion) -> str:
        m = self.match(af)
        return m.headline() if m is not None else ""

    def _base(self, af: AnnotatedFusion) -> tuple[list[str], str, str | None]:
        from fusionviz import report

        key = (
            af.request.five_prime,
            af.request.three_prime,
            af.five_prime.transcript.label,
            af.three_prime.transcript.label,
        )
        hit = self.memo.get(key)
        if hit is None:
            known = self.match(af)
            d = report.to_dict(af, known)
            d.pop("input", None)
            d.pop("caller_fields", None)
            body = json.dumps(d, ensure_ascii=False)
            hit = (report.tsv_row(af, known), body[1:-1], report.fasta_record(af))
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

            total = sum(1 for _ in self.table.rows())
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


# --------------------------------------------------------------------------- index.html

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;margin:1.5em;
color:#222}
h1{font-size:1.4em;margin:0 0 .3em}
.meta{color:#555;font-size:.9em;margin-bottom:1em}
table{border-collapse:collapse;width:100%;font-size:.88em}
th,td{border-bottom:1px solid #ddd;padding:.35em .5em;text-align:left;vertical-align:top}
th{background:#f3f3f3;position:sticky;top:0}
th.sort{cursor:pointer;text-decoration:underline dotted}
.in-frame{color:#11622f;font-weight:600}
.out-of-frame{color:#a11;font-weight:600}
.not-applicable{color:#666;font-weight:600}
.differs{background:#fff4d6}
.fig{width:460px;max-width:32vw}
.fig svg{width:100%;height:auto}
td.caller{max-width:16em}
td.verdict{max-width:22em}
.small{color:#666;font-size:.85em}
"""

_JS = """
function sortBy(key,numeric){
  var tb=document.getElementById('fusions').tBodies[0];
  var rows=Array.prototype.slice.call(tb.rows);
  var dir=tb.getAttribute('data-dir-'+key)==='asc'?-1:1;
  tb.setAttribute('data-dir-'+key,dir===1?'asc':'desc');
  rows.sort(function(a,b){
    var x=a.getAttribute('data-'+key)||'',y=b.getAttribute('data-'+key)||'';
    if(numeric){return dir*((parseFloat(x)||0)-(parseFloat(y)||0));}
    return dir*x.localeCompare(y);
  });
  rows.forEach(function(r){tb.appendChild(r);});
}
"""


def _write_index(
    path: Path,
    s: BatchSummary,
    entries: list[_Entry],
    provenance: list[Any],
    errors_path: Path,
) -> None:
    e = html.escape
    prov = "; ".join(f"{p.name} {p.version}" for p in provenance) or "no fusion annotated"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>fusionviz batch: {e(s.input.name)}</title>",
        f"<style>{_CSS}</style><script>{_JS}</script></head><body>",
        f"<h1>fusionviz batch: {e(s.input.name)}</h1>",
        f'<div class="meta">{e(s.caller)} ({e(s.format)}); build {e(s.build or "not stated")}; '
        f"{s.rows} rows: {s.annotated_rows} annotated, {s.failed_rows} failed; "
        f"{s.fusions_written} fusions listed; {s.frame_disagreements} frame calls differ from "
        f"the caller's. Annotation: {e(prov)}.</div>",
        '<table id="fusions"><thead><tr>',
        '<th class="sort" onclick="sortBy(\'line\',true)">line</th>',
        "<th>fusion</th>",
        '<th class="sort" onclick="sortBy(\'gene5\',false)">5\' gene</th>',
        '<th class="sort" onclick="sortBy(\'gene3\',false)">3\' gene</th>',
        '<th class="sort" onclick="sortBy(\'frame\',false)">frame</th>',
        "<th>caller's frame</th><th>verdict</th>",
        '<th class="sort" onclick="sortBy(\'known\',false)">known fusion</th><th>figure</th>',
        "</tr></thead><tbody>",
    ]
    for x in entries:
        cls = ' class="differs"' if x.check == "differs" else ""
        caller = e(x.caller_frame or "-")
        if x.check == "differs":
            caller += f'<div class="small">differs: {e(x.reason)}</div>'
        elif x.check == "agrees":
            caller += ' <span class="small">(agrees)</span>'
        warn = f'<div class="small">{e(x.warnings)}</div>' if x.warnings else ""
        if x.svg:
            fig = f'<div class="fig">{x.svg}</div>'
        elif x.figure and x.figure.startswith("figures/"):
            fig = f'<a href="{e(x.figure)}">{e(x.figure)}</a>'
        elif x.figure:
            fig = f'<span class="small">{e(x.figure)}</span>'
        else:
            fig = '<span class="small">run with --figures</span>'
        parts.append(
            f'<tr{cls} data-line="{x.line or 0}" data-gene5="{e(x.gene5)}" '
            f'data-gene3="{e(x.gene3)}" data-frame="{e(x.frame)}" data-known="{e(x.known)}">'
            f"<td>{x.line if x.line is not None else ''}</td>"
            f"<td><b>{e(x.name)}</b><br>{e(x.short)}"
            f'<div class="small">{e(x.tx5)} :: {e(x.tx3)}</div></td>'
            f"<td>{e(x.gene5)}</td><td>{e(x.gene3)}</td>"
            f'<td class="{e(x.frame)}">{e(x.frame)}</td>'
            f'<td class="caller">{caller}</td>'
            f'<td class="verdict">{e(x.verdict)}{warn}</td>'
            f'<td class="small">{e(x.known) or "-"}</td><td>{fig}</td></tr>'
        )
    parts.append("</tbody></table>")
    if s.fusions_written > len(entries):
        parts.append(
            f'<p class="small">The first {len(entries)} of {s.fusions_written} fusions are '
            "listed; fusions.tsv and fusions.jsonl have them all.</p>"
        )
    if s.failed_rows:
        parts.append(f"<h2>Rows that failed ({s.failed_rows})</h2>")
        parts.append("<table><thead><tr><th>line</th><th>input</th><th>reason</th></tr></thead>")
        parts.append("<tbody>")
        with open(errors_path, encoding="utf-8") as fh:
            next(fh, None)
            for i, raw in enumerate(fh):
                if i >= 1000:
                    parts.append('<tr><td colspan="3">... see errors.tsv</td></tr>')
                    break
                line, _, rest = raw.rstrip("\n").partition("\t")
                inp, _, reason = rest.partition("\t")
                parts.append(f"<tr><td>{e(line)}</td><td>{e(inp)}</td><td>{e(reason)}</td></tr>")
        parts.append("</tbody></table>")
    parts.append("</body></html>\n")
    path.write_text("\n".join(parts), encoding="utf-8")
