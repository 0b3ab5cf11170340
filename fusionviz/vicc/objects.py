"""AnnotatedFusion -> VICC object (dict, JSON lines, fusor model)."""

from __future__ import annotations

import json
from typing import Any

from fusionviz.models import AnnotatedFusion
from fusionviz.recency import keep
from fusionviz.vicc.assayed import _row_part
from fusionviz.vicc.elements import (
    _domains,
    _segment,
    gene_concept,
    reading_frame_preserved,
)
from fusionviz.vicc.nomenclature import (
    _inserted,
    _regulatory,
    is_assayed,
    partner_gene_id,
    vicc_nomenclature,
)


def _build(af: AnnotatedFusion) -> str | None:
    """The genome build of the annotation used (GRCh38 unless its provenance says)."""
    from fusionviz.callers import normalise_build

    for info in af.provenance:
        build = dict(info.details).get("genome_build")
        if build:
            return normalise_build(build)
    return "GRCh38"


def to_vicc(af: AnnotatedFusion) -> dict[str, Any]:
    """The fusion as a VICC Gene Fusion Specification object (JSON-ready dict):
    a ``CategoricalFusion`` for exon-level input, an ``AssayedFusion`` for genomic
    breakpoints and caller rows."""
    out = _junction_part(af)
    if out["type"] == "AssayedFusion":
        out.update(_row_part(af))
    return out


def _junction_part(af: AnnotatedFusion) -> dict[str, Any]:
    """Everything that depends only on the junction and the transcripts used."""
    build = _build(af)
    assayed = is_assayed(af)
    structure = [_segment(af.five_prime, build)]
    inserted = _inserted(af)
    if inserted:
        structure.append(
            {
                "type": "LinkerSequenceElement",
                "linkerSequence": {"type": "LiteralSequenceExpression", "sequence": inserted},
            }
        )
    structure.append(_segment(af.three_prime, build))
    out: dict[str, Any] = {"type": "AssayedFusion" if assayed else "CategoricalFusion"}
    if _regulatory(af):
        p5 = af.five_prime
        out["regulatoryElement"] = {
            "type": "RegulatoryElement",
            "regulatoryClass": "promoter",
            "associatedGene": gene_concept(p5.gene, partner_gene_id(p5)),
        }
    out["structure"] = structure
    out["readingFramePreserved"] = reading_frame_preserved(af)
    out["viccNomenclature"] = vicc_nomenclature(af)
    if assayed:
        return out
    domains, partial = _domains(af)
    if domains:
        out["criticalFunctionalDomains"] = domains
    if partial:
        out["extensions"] = [
            {
                "name": "fusionviz_partly_retained_domains",
                "value": partial,
                "description": "domains the fusion keeps in part (25 % or more, not all); "
                "the specification's statuses are only preserved and lost",
            }
        ]
    return out


class VICCLines:
    """JSON lines of VICC objects for a stream of fusions (``fusions.vicc.jsonl``):
    the junction-dependent part is built and serialised once per distinct junction
    and transcript pair; each row adds its own read data, event and assay."""

    def __init__(self, size: int = 4096) -> None:
        self.size = size
        self.memo: dict[tuple, tuple[str, str]] = {}

    def _head(self, af: AnnotatedFusion) -> tuple[str, str]:
        req = af.request
        key = (
            req.five_prime,
            req.three_prime,
            req.breakpoint_meaning,
            _inserted(af),
            is_assayed(af),
            af.five_prime.transcript_label,
            af.three_prime.transcript_label,
        )
        hit = self.memo.get(key)
        if hit is None:
            part = _junction_part(af)
            text = json.dumps(part, ensure_ascii=False)[:-1]
            hit = keep(self.memo, key, (text, part["viccNomenclature"]), self.size)
        return hit

    def nomenclature(self, af: AnnotatedFusion) -> str:
        """The VICC nomenclature of the fusion (from the cache)."""
        return self._head(af)[1]

    def line(self, af: AnnotatedFusion) -> str:
        """One JSON line, equal to ``json.dumps(to_vicc(af))``."""
        head = self._head(af)[0]
        if not is_assayed(af):
            return head + "}\n"
        row = _row_part(af)
        if not row:
            return head + "}\n"
        return head + ", " + json.dumps(row, ensure_ascii=False)[1:-1] + "}\n"


def to_fusor(af: AnnotatedFusion) -> Any:
    """The fusion as fusor's own model object (``fusor.models.CategoricalFusion`` or
    ``AssayedFusion``); needs the ``fusionviz[vicc]`` extra."""
    return validate(to_vicc(af))


def validate(data: dict[str, Any]) -> Any:
    """Validate a VICC object against fusor's pydantic models; returns the model.

    Raises :class:`~fusionviz.errors.FusionvizError` when fusor is not installed and
    pydantic's ValidationError when the object does not conform.
    """
    try:
        from fusor import models
    except ImportError:  # pragma: no cover - depends on the environment
        from fusionviz.errors import FusionvizError

        raise FusionvizError(
            "validating VICC objects needs fusor: pip install --prefer-binary 'fusionviz[vicc]'"
        ) from None
    cls = models.AssayedFusion if data.get("type") == "AssayedFusion" else models.CategoricalFusion
    return cls.model_validate(data)
