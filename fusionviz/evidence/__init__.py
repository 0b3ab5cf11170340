"""The evidence a pathologist weighs for a (novel) fusion, laid out criterion by criterion.

Public API::

    assess(af, source, *, known=None, table=None, readings=True) -> Assessment
    summary_line(criteria) -> str                 # Assessment.summary holds it already
    oligomerization_spans(af, source) -> tuple[FusionSpan, ...]   # for the figure
    text_lines(assessment) / tsv_columns(assessment) / EVIDENCE_COLUMNS

Six criteria, each present / absent / not applicable / unknown with the data behind it
and its sources: reading frame; the 3' partner's kinase or DNA-binding domain; a 5'
oligomerization domain; the 3' partner's regulatory regions removed; the 5' partner's
normal-tissue expression (GTEx); the known-fusions table. No probability, no
"pathogenic" label, no treatment advice. See docs/evidence.md.
"""

from __future__ import annotations

from fusionviz.evidence.assess import assess, oligomerization_spans, summary_line
from fusionviz.evidence.models import (
    Assessment,
    Criterion,
    CuratedFeature,
    DomainClass,
    FusionSpan,
    GeneExpression,
    TissueMedian,
)
from fusionviz.evidence.render import EVIDENCE_COLUMNS, text_lines, tsv_columns

__all__ = [
    "EVIDENCE_COLUMNS",
    "Assessment",
    "Criterion",
    "CuratedFeature",
    "DomainClass",
    "FusionSpan",
    "GeneExpression",
    "TissueMedian",
    "assess",
    "oligomerization_spans",
    "summary_line",
    "text_lines",
    "tsv_columns",
]
