"""The Python API for notebooks and scripts (documented in ``docs/api.md``).

    import fusionviz
    af = fusionviz.annotate("SQSTM1 e5::ALK e19")
    af.frame, af.protein.length, af.to_dict(), af.to_vicc()
    calls = fusionviz.read_caller_file("star-fusion.fusion_predictions.tsv")
    result = fusionviz.annotate_calls(calls)
    result.to_dataframe()            # pandas, when installed
    fusionviz.draw(af)               # an SVG drawing (shows itself in Jupyter)

Every result is a frozen, picklable value object: results can cross process
boundaries (a process pool) unchanged. Nothing here imports matplotlib, pandas or
fusor until a function that needs them is called.
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fusionviz.errors import FusionvizError
from fusionviz.models import AnnotatedFusion, FusionRequest

if TYPE_CHECKING:
    from fusionviz.batch.framecheck import FrameCheck
    from fusionviz.callers import RowError
    from fusionviz.evidence import Assessment
    from fusionviz.known import KnownMatch
    from fusionviz.sources.base import AnnotationSource

SourceLike = Any  # None | AnnotationSource | Ensembl release number | path to a GTF
FusionLike = str | FusionRequest

#: Columns of :meth:`BatchResult.to_dataframe` holding integers (nullable).
_INT_COLUMNS = (
    "line",
    "fusion_protein_length",
    "exon5",
    "cds_boundary_nt5",
    "end_phase5",
    "exon3",
    "cds_boundary_nt3",
    "start_phase3",
)


def open_source(source: SourceLike = None) -> AnnotationSource:
    """The annotation source ``source`` names: None = the embedded GRCh38 bundle; an
    AnnotationSource as it is; an int (or digits) = an installed Ensembl release
    (pyensembl); a path to a ``.gtf``/``.gtf.gz`` file = that GTF (via pyensembl)."""
    from fusionviz.sources import default_source

    if source is None:
        return default_source()
    if hasattr(source, "default_transcript") and hasattr(source, "has_gene"):
        return source
    if isinstance(source, int) or (isinstance(source, str) and source.isdigit()):
        from fusionviz.sources.release import release_source

        return release_source(str(source), domains_from=default_source())
    if isinstance(source, str | Path) and str(source).endswith((".gtf", ".gtf.gz")):
        from fusionviz.sources.release import gtf_source

        return gtf_source(source, domains_from=default_source())
    raise FusionvizError(
        f"unknown annotation source {source!r}; give None (the embedded bundle), an "
        "Ensembl release number (e.g. 110), a .gtf path or an AnnotationSource"
    )


def _request(fusion: FusionLike, source: AnnotationSource) -> FusionRequest:
    if isinstance(fusion, FusionRequest):
        return fusion
    if isinstance(fusion, str):
        from fusionviz.notation import parse_fusion

        return parse_fusion(fusion, is_gene=source.has_gene)
    raise FusionvizError(
        f"cannot annotate a {type(fusion).__name__}; give fusion text such as "
        "'SQSTM1 e5::ALK e19' or a FusionRequest"
    )


def annotate(
    fusion: FusionLike,
    source: SourceLike = None,
    *,
    transcript5: str | None = None,
    transcript3: str | None = None,
) -> AnnotatedFusion:
    """Annotate one fusion given as text (every notation the command line takes) or
    as a :class:`~fusionviz.models.FusionRequest`; raises a FusionvizError subclass
    with a one-line message for bad input."""
    from fusionviz.annotate import annotate as _annotate

    src = open_source(source)
    return _annotate(_request(fusion, src), src, transcript5=transcript5, transcript3=transcript3)


# --------------------------------------------------------------------------- caller files


@dataclass(frozen=True, slots=True)
class CallerCalls:
    """The rows of one caller file: fusion requests (with line numbers and the
    caller's own fields in ``extra``) and the rows that could not be read."""

    path: Path
    format: str
    caller: str
    build: str | None
    requests: tuple[FusionRequest, ...]
    errors: tuple[RowError, ...]

    def __len__(self) -> int:
        return len(self.requests)

    def __iter__(self) -> Iterator[FusionRequest]:
        return iter(self.requests)


def read_caller_file(path: str | Path, *, format: str | None = None) -> CallerCalls:
    """Read a STAR-Fusion, Arriba, FusionCatcher or generic TSV file (``.gz`` too).

    Raises CallerFormatError when the file itself is unusable; bad rows are kept in
    ``errors`` with their line numbers."""
    from fusionviz.callers import RowError, open_calls

    table = open_calls(path, format=format)
    requests, errors = [], []
    for row in table.rows():
        (errors if isinstance(row, RowError) else requests).append(row)
    return CallerCalls(
        table.path, table.format, table.caller, table.build, tuple(requests), tuple(errors)
    )


# --------------------------------------------------------------------------- batches


@dataclass(frozen=True, slots=True)
class ResultRow:
    """One annotated fusion of a batch, with the comparison with the caller's frame
    call, the known-fusion match and the evidence list (None when not looked up)."""

    fusion: AnnotatedFusion
    frame_check: FrameCheck
    known: KnownMatch | None = None
    assessment: Assessment | None = None


@dataclass(frozen=True, slots=True)
class BatchResult:
    """The annotations of many fusions, in input order, and the rows that failed."""

    rows: tuple[ResultRow, ...]
    errors: tuple[RowError, ...] = ()

    @property
    def fusions(self) -> tuple[AnnotatedFusion, ...]:
        return tuple(r.fusion for r in self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[AnnotatedFusion]:
        return (r.fusion for r in self.rows)

    def to_records(self) -> list[dict[str, Any]]:
        """One dict per fusion: the columns of ``fusionviz batch``'s fusions.tsv."""
        from fusionviz import report

        header = report.tsv_header()
        out = []
        for r in self.rows:
            row = report.tsv_row(r.fusion, r.known, r.assessment)
            rec: dict[str, Any] = dict(zip(header, row, strict=True))
            extra = dict(r.fusion.request.extra or r.fusion.extra)
            rec.update(
                caller=extra.get("caller", ""),
                caller_frame=r.frame_check.caller_frame,
                frame_check=r.frame_check.status,
                frame_check_reason=r.frame_check.reason,
                caller_fields="; ".join(f"{k}={v}" for k, v in extra.items()),
            )
            out.append(rec)
        return out

    def to_dataframe(self) -> Any:
        """The fusions as a pandas DataFrame (integer columns as nullable Int64)."""
        pd = _pandas()
        df = pd.DataFrame.from_records(self.to_records())
        for col in _INT_COLUMNS:
            if col in df.columns:
                df[col] = pd.to_numeric(df[col].replace("", None)).astype("Int64")
        return df

    def errors_dataframe(self) -> Any:
        """The rows that failed (line, input, reason) as a pandas DataFrame."""
        pd = _pandas()
        return pd.DataFrame(
            [(e.line, e.input, e.reason) for e in self.errors],
            columns=["line", "input", "reason"],
        )


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:
        raise FusionvizError(
            "DataFrames need pandas, which is not installed: pip install pandas "
            "(to_records() gives the same rows as plain dicts)"
        ) from None
    return pandas


def annotate_calls(
    calls: CallerCalls | Iterable[FusionLike],
    source: SourceLike = None,
    *,
    known: bool = True,
) -> BatchResult:
    """Annotate many fusions (a :class:`CallerCalls`, or fusion texts / requests) on
    the default transcripts. A fusion that fails becomes an entry of ``errors``
    (with its line number, or its position in the input) and the others still run;
    identical junctions are annotated once."""
    from fusionviz.batch.engine import annotate_rows
    from fusionviz.callers import RowError

    src = open_source(source)
    items: list[FusionRequest | RowError] = []
    errors: list[RowError] = list(calls.errors) if isinstance(calls, CallerCalls) else []
    for i, c in enumerate(calls, start=1):
        try:
            req = _request(c, src)
            # Fusions given in a list are numbered by their position (1 = first).
            items.append(req if req.line is not None else dataclasses.replace(req, line=i))
        except FusionvizError as exc:
            errors.append(RowError(i, str(exc), c if isinstance(c, str) else ""))
    table = _known_table() if known else None
    matches: dict[tuple, tuple[KnownMatch | None, Assessment]] = {}
    rows = []
    for item in annotate_rows(items, src):
        if isinstance(item, RowError):
            errors.append(item)
            continue
        for a in item:
            af = a.fusion
            key = (af.five_prime.genomic_boundary, af.three_prime.genomic_boundary)
            if key not in matches:
                matches[key] = _judge(af, src, table)
            match, assessment = matches[key]
            rows.append(ResultRow(af, a.check, match, assessment))
    errors.sort(key=lambda e: e.line)
    return BatchResult(tuple(rows), tuple(errors))


def _judge(af: AnnotatedFusion, src: Any, table: Any) -> tuple[Any, Any]:
    """The known-fusion match (with a table) and the evidence list of one junction."""
    from fusionviz.evidence import assess
    from fusionviz.known import match_fusion

    match = match_fusion(af, table, src) if table is not None else None
    return match, assess(af, src, known=match, table=table)


def _known_table() -> Any:
    from fusionviz.known import load_known_table

    return load_known_table()


# --------------------------------------------------------------------------- drawing


@dataclass(frozen=True, slots=True)
class Drawing:
    """An SVG drawing of one or more fusions; Jupyter shows it inline."""

    svg: str

    def _repr_svg_(self) -> str:
        return self.svg

    def save(self, path: str | Path) -> Path:
        """Write the SVG text to ``path``."""
        p = Path(path)
        p.write_text(self.svg, encoding="utf-8")
        return p


def draw(
    fusions: AnnotatedFusion | FusionLike | Sequence[AnnotatedFusion | FusionLike],
    path: str | Path | None = None,
    *,
    source: SourceLike = None,
    style: Any = None,
    scale_aa: int | None = None,
    show_exons: bool | None = None,
    dpi: int = 300,
) -> Drawing | Path:
    """Draw fusions (annotated, or text annotated first) in one figure on one scale.

    With ``path`` the figure is written there (format from the extension: SVG, PDF,
    PNG ...) and the path is returned; without it a :class:`Drawing` (SVG) is."""
    items = [fusions] if isinstance(fusions, AnnotatedFusion | str | FusionRequest) else fusions
    src = None
    annotated = []
    for f in items:
        if not isinstance(f, AnnotatedFusion):
            src = src or open_source(source)
            f = annotate(f, src)
        annotated.append(f)
    if isinstance(style, str | Path):
        from fusionviz.figures import load_style

        style = load_style(style)
    from fusionviz import figures

    if path is not None:
        return figures.write_figure(
            annotated, path, style=style, dpi=dpi, scale_aa=scale_aa, show_exons=show_exons
        )
    return Drawing(
        figures.svg_string(annotated, style=style, scale_aa=scale_aa, show_exons=show_exons)
    )


def fusion_html(af: AnnotatedFusion) -> str:
    """A compact HTML card for a notebook: name, frame, verdict, the figure inline
    (SVG), the VICC nomenclature and provenance."""
    from fusionviz import report
    from fusionviz.vicc import vicc_nomenclature

    e = html.escape
    colour = {"in-frame": "#11622f", "out-of-frame": "#a11"}.get(af.frame, "#555")
    try:
        from fusionviz.figures import svg_string

        figure = svg_string([af], inline=True)
    except FusionvizError as exc:
        figure = f"<p><i>no figure: {e(str(exc))}</i></p>"
    verdicts = "".join(f"<li>{e(v)}</li>" for v in af.verdicts)
    warnings = "".join(f"<li>warning: {e(w)}</li>" for w in af.warnings)
    return (
        '<div class="fusionviz">'
        f"<p><b>{e(af.names.hgnc)}</b> ({e(af.names.short)}) "
        f'<b style="color:{colour}">{e(af.frame.upper())}</b> '
        f"<small>{e(af.junction.junction_class)}</small></p>"
        f"<ul>{verdicts}{warnings}</ul>"
        f'<div style="max-width:900px">{figure}</div>'
        f"<p><small>VICC: <code>{e(vicc_nomenclature(af))}</code><br>"
        f"{e(report.provenance_line(af))}</small></p></div>"
    )
