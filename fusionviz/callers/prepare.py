"""From a caller file's rows to requests on the annotation's build.

Each row the reader gives is, in order: lifted from GRCh37 to GRCh38 when the
build plan says so (both coordinates kept in ``request.lifted``), checked against
the chromosome sizes of the build it is then on, and, when the file does not state
its 5' partner, resolved with the annotation (:mod:`fusionviz.callers.orient`).
Any failure is a RowError for that row, with its physical line; the others go on.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from fusionviz import liftover
from fusionviz.callers.base import End, OnTranscripts, Row, RowError, Unresolved
from fusionviz.callers.orient import Orienter
from fusionviz.callers.table import CallerTable
from fusionviz.errors import FusionvizError
from fusionviz.models import FusionRequest, GenomicPosition, LiftedPositions

_FLIP = {"below": "above", "above": "below"}


@dataclass(frozen=True, slots=True)
class BuildPlan:
    """The build a file is on, the annotation's build, and whether to lift."""

    build: str | None
    target: str
    lift: bool = False
    evidence: str = ""


def prepared_rows(
    table: CallerTable,
    source: object,
    plan: BuildPlan,
    items: Iterable[Row | Unresolved | OnTranscripts] | None = None,
) -> Iterator[Row]:
    """Every row of ``table`` (or of ``items``, rows of it already being read) as a
    request on ``plan.target`` or a RowError."""
    orienter = Orienter(source)

    def gene_contig(gene: str) -> str | None:
        info = orienter.gene(gene)
        return info.contig if info else None

    for item in table.items() if items is None else items:
        if isinstance(item, RowError):
            yield item
            continue
        try:
            yield _prepare(item, orienter, plan, gene_contig)
        except FusionvizError as exc:
            line = item.line or 0
            yield RowError(line, str(exc), item.text)


def _prepare(item, orienter: Orienter, plan: BuildPlan, gene_contig) -> Row:  # noqa: ANN001
    if isinstance(item, OnTranscripts):
        return orienter(item)
    if isinstance(item, FusionRequest):
        if plan.lift:
            return liftover.lift_request(item, gene_contig)
        sizes = liftover.chromosome_sizes(plan.target)
        for spec in (item.five_prime, item.three_prime):
            bp = spec.breakpoint
            if bp is not None and bp.position > sizes.get(bp.contig, bp.position):
                liftover.check_length(bp, plan.target)
        return item
    origin: dict[tuple[str, int], GenomicPosition] = {}
    if plan.lift:
        ends = []
        for e in item.ends:
            lifted = liftover.lift_end(e.position, e.gene, gene_contig)
            kept = _FLIP[e.kept] if (lifted.flipped and e.kept) else e.kept
            ends.append(End(lifted.position, kept, e.gene))  # type: ignore[arg-type]
            origin[(lifted.position.contig, lifted.position.position)] = e.position
        item = dataclasses.replace(item, ends=(ends[0], ends[1]))
    else:
        for e in item.ends:
            liftover.check_length(e.position, plan.target)
    out = orienter(item)
    if plan.lift and isinstance(out, FusionRequest):
        old = [
            origin.get((s.breakpoint.contig, s.breakpoint.position)) if s.breakpoint else None
            for s in (out.five_prime, out.three_prime)
        ]
        lifted = LiftedPositions(
            liftover.FROM_BUILD, liftover.TO_BUILD, old[0], old[1], liftover.chain_label()
        )
        out = dataclasses.replace(out, lifted=lifted)
    return out
