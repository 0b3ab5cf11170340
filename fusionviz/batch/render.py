"""Every output text of one annotated row, rendered where the row was annotated.

A batch worker turns each :class:`~fusionviz.batch.engine.Annotated` into a
:class:`Written`: its ``fusions.tsv`` line, ``fusions.jsonl`` line, VICC line, FASTA
record, the short summary ``index.html`` lists, its MultiQC counts and, with figures,
its SVG. Only these strings travel back to the process that writes the files, in the
rows' order, so the files are the same whatever the number of workers.

The junction-dependent part (nearly all of it) is rendered once per distinct junction
and transcript pair; the row's own input text, line and caller fields are added each
time.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from fusionviz.batch.engine import Annotated, junction_key
from fusionviz.batch.framecheck import _extra
from fusionviz.batch.html_page import _Entry
from fusionviz.batch.multiqc import tally_flags
from fusionviz.batch.rowjson import RowJSON
from fusionviz.errors import FusionvizError
from fusionviz.known import KnownMatch, KnownTable, match_fusion
from fusionviz.models import AnnotatedFusion, SourceInfo
from fusionviz.recency import keep, recent
from fusionviz.sources.base import AnnotationSource
from fusionviz.verdicts import headline_words
from fusionviz.vicc import VICCLines

#: Distinct junctions whose rendered text, known-fusion match and evidence summary are
#: kept for repeated rows (the least recently used dropped first). One rendered junction
#: is ~25 kB of text (50 MB in all).
MEMO_SIZE = 2048


@dataclass(frozen=True, slots=True)
class Written:
    """One fusion as the output files need it."""

    tsv: str
    json: str
    vicc: str
    fasta: str | None
    differs: bool
    tally: tuple[str, bool, bool] | None  # MultiQC counts (default transcript pairs only)
    entry: _Entry  # index.html's summary (its number and figure are set by the writer)
    figure_name: str  # figures/NNNNN_<figure_name>.svg
    svg: str | None = None  # with figures: the SVG, or None when drawing failed
    figure_error: str | None = None
    provenance: tuple[SourceInfo, ...] | None = None  # on the first fusion of a chunk


class Renderer:
    """TSV, JSON, VICC and FASTA text and the page summary of each written fusion."""

    def __init__(
        self,
        source: AnnotationSource,
        known: KnownTable | None = None,
        *,
        input_name: str = "",
        build: str | None = None,
        figures: bool = False,
        jsonl: bool = True,
        size: int = MEMO_SIZE,
    ) -> None:
        from fusionviz import report

        self.source, self.known = source, known
        self.input_name, self.build, self.figures = input_name, build, figures
        self.jsonl = jsonl
        self.size = size
        self.memo: dict[tuple, tuple[list[str], str, str | None, str]] = {}
        self.matches: dict[tuple, tuple[KnownMatch | None]] = {}
        self.vicc = VICCLines(size)
        self.json = RowJSON()
        self.columns = report.tsv_header()
        self._input_col = self.columns.index("input") if "input" in self.columns else None
        self._line_col = self.columns.index("line") if "line" in self.columns else None

    def written(self, annotated: list[Annotated]) -> list[Written]:
        """The outputs of one row's annotations."""
        return [self._one(a) for a in annotated]

    def _one(self, a: Annotated) -> Written:
        af = a.fusion
        tsv, body, fasta, summary = self.render(a)
        svg = error = None
        if self.figures:
            svg, error = draw_svg(af)
        default = a.transcripts == "default"
        return Written(
            tsv=tsv,
            json=body,
            vicc=self.vicc.line(af),
            fasta=fasta,
            differs=a.check.status == "differs",
            tally=tally_flags(af, self.match(af)) if default else None,
            entry=self.entry(a, summary),
            figure_name=figure_name(af),
            svg=svg,
            figure_error=error,
        )

    # ------------------------------------------------------------------ per junction
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
        hit = recent(self.matches, key)
        if hit is None:
            hit = keep(self.matches, key, (match_fusion(af, self.known, self.source),), self.size)
        return hit[0]

    def _base(self, af: AnnotatedFusion) -> tuple[list[str], str, str | None, str]:
        """TSV cells, JSON body, FASTA record and evidence summary of a junction."""
        from fusionviz import report
        from fusionviz.evidence import assess

        key = _junction_key(af)
        hit = recent(self.memo, key)
        if hit is None:
            known = self.match(af)
            evidence = assess(af, self.source, known=known, table=self.known)
            body = (
                self.json.body(af, known, evidence, leave_out=("input", "caller_fields"))
                if self.jsonl
                else ""
            )
            cells = report.tsv_row(af, known, evidence)
            hit = (cells, body, report.fasta_record(af), evidence.summary)
            keep(self.memo, key, hit, self.size)
        return hit

    # ------------------------------------------------------------------ per row
    def render(self, a: Annotated) -> tuple[str, str, str | None, str]:
        """The row's TSV line, JSON line, FASTA record (None without a sequence) and
        the junction's evidence summary."""
        af = a.fusion
        cells, body, rec, summary = self._base(af)
        extra = _extra(af)
        req = af.request
        tsv_cells = list(cells)
        # The row's own input and line replace those of the row first rendered.
        if self._input_col is not None:
            tsv_cells[self._input_col] = _cell(req.text)
        if self._line_col is not None:
            tsv_cells[self._line_col] = _str(req.line)
        tsv_cells += [
            _cell(extra.get("caller", "")),
            a.check.caller_frame,
            a.check.status,
            _cell(a.check.reason),
            _cell(_caller_fields(af)),
        ]
        batch = {
            "input_file": self.input_name,
            "line": req.line,
            "transcripts": a.transcripts,
            "caller_frame": a.check.caller_frame or None,
            "frame_check": a.check.status or None,
            "frame_check_reason": a.check.reason or None,
            "build": self.build,
        }
        dumps = json.dumps
        json_line = (
            ""
            if not self.jsonl
            else (
                f'{{"input": {dumps(req.text, ensure_ascii=False)}, {body}, '
                f'"caller_fields": {dumps(dict(req.extra or af.extra), ensure_ascii=False)}, '
                f'"batch": {dumps(batch, ensure_ascii=False)}}}\n'
            )
        )
        if rec and req.line is not None:
            # FASTA ids must be unique in the file: prefix the row's line number.
            rec = f">line{req.line}|{rec[1:]}"
        return "\t".join(tsv_cells) + "\n", json_line, rec, summary

    def entry(self, a: Annotated, evidence: str = "") -> _Entry:
        """What index.html lists of the fusion (number and figure set by the writer)."""
        af = a.fusion
        known = self.match(af)
        return _Entry(
            n=0,
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
            svg=None,
            figure=None,
            known=known.headline() if known is not None else "",
            qualifier=_qualifier(af),
            evidence=evidence,
            vicc=self.vicc.nomenclature(af),
        )


def _junction_key(af: AnnotatedFusion) -> tuple:
    return (
        junction_key(af.request),
        af.five_prime.transcript_label,
        af.three_prime.transcript_label,
    )


def _caller_fields(af: AnnotatedFusion) -> str:
    return "; ".join(f"{k}={v}" for k, v in (af.request.extra or af.extra))


def _row_notes(af: AnnotatedFusion) -> list[str]:
    """The fusion's warnings, after the lift-over line when it was lifted."""
    from fusionviz import report

    lifted = report.liftover_line(af)
    return [lifted, *af.warnings] if lifted else list(af.warnings)


def _str(value: object) -> str:
    return "" if value is None else str(value)


def _cell(text: str) -> str:
    return str(text).replace("\t", " ").replace("\r", " ").replace("\n", " ")


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("_")[:80] or "fusion"


def figure_name(af: AnnotatedFusion) -> str:
    """The figure's file name after its number: ``EML4--ALK_E13_A20``."""
    return f"{_safe(af.names.hgnc.replace('::', '--'))}_{_safe(af.names.short)}"


def draw_svg(af: AnnotatedFusion) -> tuple[str | None, str | None]:
    """The fusion's SVG, or (None, why) when it cannot be drawn."""
    from fusionviz.figures import svg_string

    try:
        return svg_string([af]), None
    except FusionvizError as exc:
        return None, f"figure failed: {exc}"


def inline_svg(svg: str) -> str:
    """An SVG document made embeddable: no XML declaration or DOCTYPE."""
    s = re.sub(r"<\?xml[^>]*\?>", "", svg)
    s = re.sub(r"<!DOCTYPE[^>]*>", "", s, flags=re.S)
    return s.strip()


def _qualifier(af: AnnotatedFusion) -> str:
    """What the page writes under the frame when the frame alone would mislead."""
    words = headline_words(af)
    if words == "in frame, unverified":
        return "unverified"
    return words if words.startswith("depends") else ""
