"""The assessment as text lines (report), TSV cells and a one-line summary."""

from __future__ import annotations

from fusionviz.evidence.models import Assessment

#: TSV columns added after the report's own (stable order).
EVIDENCE_COLUMNS = (
    "evidence_summary",
    "evidence_frame",
    "evidence_functional_domain",
    "evidence_oligomerization",
    "evidence_regulatory_removed",
    "evidence_expression",
    "evidence_known",
    "evidence_other_reading",
)
_KEYS = (
    "frame",
    "functional_domain",
    "oligomerization",
    "regulatory_removed",
    "expression",
    "known",
)


def text_lines(a: Assessment, *, indent: str = "  ", details: bool = True) -> list[str]:
    """The evidence block of the text report (no trailing newlines)."""
    pad = indent + " " * 13
    out = [f"{indent}evidence     {a.summary}"]
    out += _criteria_lines(a, pad, details)
    for alt in a.alternatives:
        out.append(f"{indent}evidence on another reading: {alt.reading} ({alt.short_name})")
        out.append(f"{pad}{alt.summary}")
        out += _criteria_lines(alt, pad, details)
    if a.provenance:
        out.append(
            f"{pad}evidence data: "
            + "; ".join(
                f"{s.name} {s.version}"
                + (f" via {dict(s.details)['via']}" if "via" in dict(s.details) else "")
                for s in a.provenance
            )
        )
    out.append(f"{pad}(an evidence list, not a classification: no probability or advice)")
    return out


def _criteria_lines(a: Assessment, pad: str, details: bool) -> list[str]:
    out = []
    for c in a.criteria:
        out.append(f"{pad}{c.status:<15}{c.title}: {c.finding}")
        if details:
            out += [f"{pad}{'':<15}  {d}" for d in c.details]
        out += [f"{pad}{'':<15}  [{s}]" for s in c.sources]
    return out


def tsv_columns(a: Assessment) -> dict[str, str]:
    """``EVIDENCE_COLUMNS`` -> cell text ('status: finding')."""
    cols = {"evidence_summary": a.summary}
    for key, col in zip(_KEYS, EVIDENCE_COLUMNS[1:-1], strict=True):
        c = a.criterion(key)
        cols[col] = f"{c.status}: {c.finding}"
    cols["evidence_other_reading"] = " | ".join(
        f"{alt.reading} ({alt.short_name}): {alt.summary}" for alt in a.alternatives
    )
    return cols
