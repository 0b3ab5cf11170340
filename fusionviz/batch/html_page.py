"""The self-contained index.html of a batch run."""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fusionviz.batch.run import BatchSummary


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
    evidence: str = ""
    vicc: str = ""
    #: what qualifies the frame: "unverified", "depends on the transcripts", ...
    qualifier: str = ""


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
td.evidence{max-width:20em;font-size:.92em}
.ev-holds{color:#11622f}.ev-not{color:#a11}.ev-unknown{color:#666}
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


def _lifted(s: BatchSummary) -> str:
    if not getattr(s, "lifted", False):
        return ""
    why = getattr(s, "build_evidence", "")
    return (
        f" ({html.escape(why)}), breakpoints lifted to GRCh38 with the UCSC chain; each row "
        "shows both coordinates"
    )


def _write_index(
    path: Path,
    s: BatchSummary,
    entries: list[_Entry],
    provenance: list[Any],
    errors_path: Path,
) -> None:
    parts = _page_head(s, provenance)
    parts.extend(_entry_row(x) for x in entries)
    parts.append("</tbody></table>")
    if s.fusions_written > len(entries):
        parts.append(
            f'<p class="small">The first {len(entries)} of {s.fusions_written} fusions are '
            "listed; fusions.tsv (and fusions.jsonl, when written) has them all.</p>"
        )
    if s.failed_rows:
        parts.extend(_failed_rows_table(s, errors_path))
    parts.append("</body></html>\n")
    path.write_text("\n".join(parts), encoding="utf-8")


def _page_head(s: BatchSummary, provenance: list[Any]) -> list[str]:
    """The page up to the fusion table's body: title, run summary and column headers."""
    e = html.escape
    prov = "; ".join(f"{p.name} {p.version}" for p in provenance) or "no fusion annotated"
    return [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>fusionviz batch: {e(s.input.name)}</title>",
        f"<style>{_CSS}</style><script>{_JS}</script></head><body>",
        f"<h1>fusionviz batch: {e(s.input.name)}</h1>",
        f'<div class="meta">{e(s.caller)} ({e(s.format)}); build {e(s.build or "not stated")}'
        f"{_lifted(s)}; "
        f"{s.rows} rows: {s.annotated_rows} annotated, {s.failed_rows} failed; "
        f"{s.fusions_written} fusions listed; {s.frame_disagreements} frame calls differ from "
        f"the caller's. Annotation: {e(prov)}.</div>",
        '<table id="fusions"><thead><tr>',
        '<th class="sort" onclick="sortBy(\'line\',true)">line</th>',
        "<th>fusion</th>",
        '<th class="sort" onclick="sortBy(\'gene5\',false)">5\' gene</th>',
        '<th class="sort" onclick="sortBy(\'gene3\',false)">3\' gene</th>',
        '<th class="sort" onclick="sortBy(\'frame\',false)">frame</th>',
        "<th>caller's frame</th><th>verdict</th><th>evidence</th>",
        '<th class="sort" onclick="sortBy(\'known\',false)">known fusion</th><th>figure</th>',
        "</tr></thead><tbody>",
    ]


def _figure_cell(x: _Entry) -> str:
    """The figure column: the inline SVG, a link to its file, or why there is none."""
    e = html.escape
    if x.svg:
        return f'<div class="fig">{x.svg}</div>'
    if x.figure and x.figure.startswith("figures/"):
        return f'<a href="{e(x.figure)}">{e(x.figure)}</a>'
    if x.figure:
        return f'<span class="small">{e(x.figure)}</span>'
    return '<span class="small">run with --figures</span>'


def _entry_row(x: _Entry) -> str:
    """One fusion's table row."""
    e = html.escape
    cls = ' class="differs"' if x.check == "differs" else ""
    caller = e(x.caller_frame or "-")
    if x.check == "differs":
        caller += f'<div class="small">differs: {e(x.reason)}</div>'
    elif x.check == "agrees":
        caller += ' <span class="small">(agrees)</span>'
    warn = f'<div class="small">{e(x.warnings)}</div>' if x.warnings else ""
    fig = _figure_cell(x)
    unverified = f'<div class="small">{e(x.qualifier)}</div>' if x.qualifier else ""
    return (
        f'<tr{cls} data-line="{x.line or 0}" data-gene5="{e(x.gene5)}" '
        f'data-gene3="{e(x.gene3)}" data-frame="{e(x.frame)}" data-known="{e(x.known)}">'
        f"<td>{x.line if x.line is not None else ''}</td>"
        f"<td><b>{e(x.name)}</b><br>{e(x.short)}"
        f'<div class="small">{e(x.vicc or f"{x.tx5} :: {x.tx3}")}</div></td>'
        f"<td>{e(x.gene5)}</td><td>{e(x.gene3)}</td>"
        f'<td class="{e(x.frame)}">{e(x.frame)}{unverified}</td>'
        f'<td class="caller">{caller}</td>'
        f'<td class="verdict">{e(x.verdict)}{warn}</td>'
        f'<td class="evidence">{_evidence_cell(x.evidence)}</td>'
        f'<td class="small">{e(x.known) or "-"}</td><td>{fig}</td></tr>'
    )


def _failed_rows_table(s: BatchSummary, errors_path: Path) -> list[str]:
    """The failed rows (the first 1,000 of errors.tsv) as a table."""
    e = html.escape
    parts = [f"<h2>Rows that failed ({s.failed_rows})</h2>"]
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
    return parts


def _evidence_cell(summary: str) -> str:
    """The evidence summary, its 'Holds / Does not hold / Unknown' parts coloured."""
    if not summary:
        return '<span class="small">-</span>'
    import re

    out = []
    for part in re.split(r"(?<=\.) (?=Holds:|Does not hold:|Unknown:)", summary):
        cls = (
            "ev-holds"
            if part.startswith("Holds")
            else "ev-not"
            if part.startswith("Does")
            else "ev-unknown"
        )
        out.append(f'<div class="{cls}">{html.escape(part)}</div>')
    return "".join(out)
