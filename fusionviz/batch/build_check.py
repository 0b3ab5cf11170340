"""Which genome build a caller file is on: stated, or found from where its breakpoints
lie; a GRCh37 file on the GRCh38 annotation is lifted, any other mismatch refused."""

from __future__ import annotations

from collections.abc import Iterator

from fusionviz.callers import CallerTable, Unresolved
from fusionviz.callers.prepare import BuildPlan
from fusionviz.errors import CallerFormatError, FusionvizError
from fusionviz.models import FusionRequest, GenomicPosition
from fusionviz.sources.base import AnnotationSource

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


#: How far (bp) outside its gene a breakpoint may be and still count as "in" it
#: for the build check.
_BUILD_SLACK = 10_000
#: Breakpoints examined by the build check.
_BUILD_SAMPLE = 200


def check_build(
    table: CallerTable, source: AnnotationSource, override: str | None = None
) -> str | None:
    """The build of the file's coordinates (see :func:`plan_build`)."""
    return plan_build(table, source, override).build


def plan_build(
    table: CallerTable, source: AnnotationSource, override: str | None = None
) -> BuildPlan:
    """Which build the file is on and whether its breakpoints are lifted.

    ``override`` (``--build``) wins; otherwise a build the file or its path states,
    then a coordinate check: breakpoints of known genes must lie in those genes on
    the annotation's build, or, for a GRCh38 annotation, in those genes once lifted
    from GRCh37. A GRCh37 file on the GRCh38 annotation is lifted (UCSC chain);
    a file on another build is refused (CallerFormatError) with advice.
    """
    from fusionviz.callers import normalise_build

    target = source_build(source)
    liftable = target == "GRCh38"
    advice = (
        f"the annotation used is {target}; give a file on {target}, use an annotation on "
        f"the file's build, or pass --build {target} if the coordinates already are"
    )
    if override:
        b = normalise_build(override)
        if b is None:
            raise CallerFormatError(f"unknown build '{override}'; valid builds: GRCh38, GRCh37")
        return _plan(table, b, target, f"--build {override}", advice)
    if table.build and table.build != target:
        if not _has_breakpoints(table):
            return BuildPlan(table.build, target, False, table.build_evidence)
        return _plan(table, table.build, target, table.build_evidence, advice)
    fit, checked = _breakpoints_in_genes(table, source)
    if checked >= 2 and fit * 2 < checked:
        if liftable:
            fit37, checked37 = _breakpoints_in_genes(table, source, lift=True)
            if checked37 >= 2 and fit37 * 2 >= checked37:
                evidence = (
                    f"coordinates: {fit37} of {checked37} breakpoints lie in their genes once "
                    f"lifted from GRCh37, {fit} of {checked} on GRCh38"
                )
                return BuildPlan("GRCh37", target, True, evidence)
        raise CallerFormatError(
            f"{table.path.name}: only {fit} of {checked} breakpoints lie in the genes the file "
            f"names on {target}, so the file is probably on another build; {advice}"
        )
    build = table.build or (target if checked else None)
    evidence = table.build_evidence or (
        f"coordinates: {fit} of {checked} breakpoints lie in their genes on {target}"
        if checked
        else ""
    )
    return BuildPlan(build, target, False, evidence)


def _plan(table: CallerTable, build: str, target: str, evidence: str, advice: str) -> BuildPlan:
    if build == target:
        return BuildPlan(build, target, False, evidence)
    if build == "GRCh37" and target == "GRCh38":
        return BuildPlan(build, target, True, evidence)
    raise CallerFormatError(f"{table.path.name} is on {build} ({evidence}); {advice}")


def _has_breakpoints(table: CallerTable) -> bool:
    return next(_gene_positions(table), None) is not None


def _gene_positions(table: CallerTable) -> Iterator[tuple[str | None, GenomicPosition]]:
    """(gene, breakpoint) of every row that has breakpoints, before any resolution."""
    for row in table.items():
        if isinstance(row, FusionRequest):
            for spec in (row.five_prime, row.three_prime):
                if spec.breakpoint is not None:
                    yield spec.gene, spec.breakpoint
        elif isinstance(row, Unresolved):
            for end in row.ends:
                yield end.gene, end.position


def _breakpoints_in_genes(
    table: CallerTable, source: AnnotationSource, *, lift: bool = False
) -> tuple[int, int]:
    """(breakpoints inside their gene, breakpoints checked) for the first ones with a
    gene the annotation knows; with ``lift`` the positions are lifted from GRCh37."""
    from fusionviz.liftover import LiftError, lift_position

    spans: dict[str, tuple[str, int, int] | None] = {}
    fit = checked = 0
    for gene, bp in _gene_positions(table):
        if checked >= _BUILD_SAMPLE:
            break
        if not gene:
            continue
        g = gene.upper()
        if g not in spans:
            spans[g] = _gene_span(gene, source)
        span = spans[g]
        if span is None:
            continue
        checked += 1
        if lift:
            try:
                bp = lift_position(bp)[0]
            except LiftError:
                continue
        contig, lo, hi = span
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
