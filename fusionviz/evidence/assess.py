"""The evidence list for an annotated fusion, its one-line summary, and the 5'
oligomerization spans on the fusion protein (for the figure).

Computed at report time from an :class:`~fusionviz.models.AnnotatedFusion`, the
annotation source it came from (curated classes, curated features, expression) and the
known-fusion match. Sources without the evidence methods (older or hand-made ones) give
"unknown" where those data are needed, never an error.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fusionviz.errors import FusionvizError
from fusionviz.evidence.context_criteria import (
    expression_criterion,
    frame_criterion,
    known_criterion,
)
from fusionviz.evidence.domain_criteria import (
    counts,
    functional_criterion,
    oligomerization_criterion,
    oligomerization_hits,
    regulatory_criterion,
)
from fusionviz.evidence.models import (
    Assessment,
    Criterion,
    CuratedFeature,
    FusionSpan,
    GeneExpression,
)
from fusionviz.evidence.tables import ClassIndex
from fusionviz.models import AnnotatedFusion, FusionRequest, PartnerSpec
from fusionviz.recency import keep, recent

if TYPE_CHECKING:
    from fusionviz.known import KnownMatch, KnownTable

#: Exon-numbering readings (other transcripts, same exon numbers) assessed as well.
MAX_READINGS = 1
_INDEXES: dict[int, tuple[Any, ClassIndex]] = {}
#: Gene pairs whose expression criterion is remembered (the oldest used dropped first).
MAX_EXPRESSION = 4096
_EXPRESSION: dict[tuple[str, str, bool], tuple[Any, Any, Criterion]] = {}


def assess(
    af: AnnotatedFusion,
    source: Any,
    *,
    known: KnownMatch | None = None,
    table: KnownTable | None = None,
    readings: bool = True,
) -> Assessment:
    """The six criteria for ``af``.

    ``known`` is the fusion's known-fusion match and ``table`` the table it came from
    (for the count of the 3' gene's partners; when ``table`` is given and ``known`` is
    not, the match is computed). With ``readings``, an out-of-frame junction given as
    exon numbers that reads in frame on other transcripts (HMBOX1-203 for HMBOX1 e6::ALK
    e20) is assessed on that reading as well.
    """
    if known is None and table is not None:
        known = _match(af, table, source)
    criteria = _criteria(af, source, known, table)
    alternatives: tuple[Assessment, ...] = ()
    if readings and af.frame != "in-frame":
        alternatives = tuple(
            assess(alt, source, table=table, readings=False) for alt in _readings(af, source)
        )
    pair = (af.five_prime.transcript_label, af.three_prime.transcript_label)
    reading = f"exon numbers read on {_name(af.five_prime)}/{_name(af.three_prime)}"
    prov = getattr(source, "evidence_provenance", None)
    return Assessment(
        fusion=af.names.hgnc,
        short_name=af.names.short,
        transcripts=pair,
        reading=reading,
        criteria=criteria,
        summary=summary_line(criteria),
        provenance=tuple(prov()) if callable(prov) else (),
        alternatives=alternatives,
    )


def _name(p: Any) -> str:
    return p.transcript.name if p.transcript is not None else p.transcript_label


def _criteria(
    af: AnnotatedFusion, source: Any, known: KnownMatch | None, table: KnownTable | None
) -> tuple[Criterion, ...]:
    index = class_index(source)
    features = _features(source, af.five_prime.transcript)
    expression = getattr(source, "expression", None)
    e5 = expression(af.five_prime.gene) if callable(expression) else None
    e3 = expression(af.three_prime.gene) if callable(expression) else None
    return (
        frame_criterion(af),
        functional_criterion(af, index),
        oligomerization_criterion(af, index, features),
        regulatory_criterion(af, index),
        _expression(af, e5, e3, callable(expression)),
        known_criterion(af, known, table),
    )


def _expression(
    af: AnnotatedFusion, e5: GeneExpression | None, e3: GeneExpression | None, available: bool
) -> Criterion:
    """Criterion 5, which depends on the two genes alone: one object per gene pair (the
    batch's JSON encodes it once, by identity), while the source's expression objects
    are the same ones."""
    key = (af.five_prime.gene, af.three_prime.gene, available)
    hit = recent(_EXPRESSION, key)
    if hit is None or hit[0] is not e5 or hit[1] is not e3:
        crit = expression_criterion(af, e5, e3, available)
        hit = keep(_EXPRESSION, key, (e5, e3, crit), MAX_EXPRESSION)
    return hit[2]


def class_index(source: Any) -> ClassIndex:
    """The source's curated domain classes, indexed once per table."""
    get = getattr(source, "domain_classes", None)
    rows = tuple(get()) if callable(get) else ()
    hit = _INDEXES.get(id(rows))
    if hit is None or hit[0] is not rows:
        hit = _INDEXES[id(rows)] = (rows, ClassIndex.of(rows))
    return hit[1]


def _features(source: Any, transcript: Any) -> tuple[CuratedFeature, ...]:
    get = getattr(source, "curated_features", None)
    return tuple(get(transcript)) if callable(get) and transcript is not None else ()


def _match(af: AnnotatedFusion, table: KnownTable, source: Any) -> KnownMatch | None:
    from fusionviz.known import match_fusion

    try:
        return match_fusion(af, table, source)
    except FusionvizError:
        return None


def _readings(af: AnnotatedFusion, source: Any) -> list[AnnotatedFusion]:
    """The fusion annotated on the first in-frame exon-numbering readings on other
    transcripts (only for a request given as exon numbers: for genomic breakpoints other
    transcripts do not change the junction)."""
    from fusionviz.annotate import annotate

    req = af.request
    if req.five_prime.breakpoint is not None or req.three_prime.breakpoint is not None:
        return []
    used = (af.five_prime.transcript_label, af.three_prime.transcript_label)
    out = []
    for a in af.alternatives:
        if (a.five_transcript, a.three_transcript) == used or a.frame != "in-frame":
            continue
        request = FusionRequest(
            PartnerSpec(gene=af.five_prime.gene, exon=a.five_exon),
            PartnerSpec(gene=af.three_prime.gene, exon=a.three_exon),
            text=req.text,
            line=req.line,
        )
        try:
            alt = annotate(
                request,
                source,
                transcript5=a.five_transcript,
                transcript3=a.three_transcript,
                alternatives=False,
            )
        except FusionvizError:
            continue
        out.append(alt)
        if len(out) >= MAX_READINGS:
            break
    return out


# --------------------------------------------------------------------------- summary


def summary_line(criteria: tuple[Criterion, ...]) -> str:
    """'Holds: in frame; ALK protein kinase domain intact; ... Does not hold: ...
    Unknown: ...' (criteria that do not apply are left out). Never a score."""
    groups = {"present": [], "absent": [], "unknown": []}  # type: dict[str, list[str]]
    for c in criteria:
        if c.status in groups:
            groups[c.status].append(c.short or c.title)
    parts = []
    for status, word in (("present", "Holds"), ("absent", "Does not hold"), ("unknown", "Unknown")):
        if groups[status]:
            parts.append(f"{word}: {'; '.join(groups[status])}.")
    return " ".join(parts) or "No criterion applies."


# --------------------------------------------------------------------------- figure


def oligomerization_spans(af: AnnotatedFusion, source: Any) -> tuple[FusionSpan, ...]:
    """The 5' partner's oligomerization features kept by the fusion, in fusion-protein
    residues (for marking them on the figure). Only features that support criterion 3
    (fully kept, or a kept coiled coil long enough) are returned, curated ones first."""
    p5 = af.five_prime
    if p5.kept_aa is None:
        return ()
    hits = oligomerization_hits(p5, class_index(source), _features(source, p5.transcript))
    out = []
    seen: set[tuple[int, int]] = set()
    for h in hits:
        v = h.verdict
        if not counts(h) or v.kept_start is None or v.kept_end is None:
            continue
        a, b = _to_fusion(af, v.kept_start), _to_fusion(af, v.kept_end)
        if a is None or b is None or (a, b) in seen:
            continue
        seen.add((a, b))
        out.append(
            FusionSpan(
                a,
                b,
                h.label,
                h.family,
                v.kept_start,
                v.kept_end,
                h.citation,
                v.status == "retained",
            )
        )
    return tuple(out)


def _to_fusion(af: AnnotatedFusion, residue: int) -> int | None:
    """Fusion residue of 5'-partner ``residue`` (the split junction codon included)."""
    for s in af.protein.segments:
        if s.kind == "5'" and s.partner_start is not None and s.partner_end is not None:
            if s.partner_start <= residue <= s.partner_end:
                return s.fusion_start + residue - s.partner_start
        elif s.kind == "junction" and s.partner_start == residue:
            return s.fusion_start
    return None
