"""Which genome build a caller file is on, and refusing one that is not the annotation's."""

from __future__ import annotations

from fusionviz.callers import CallerTable
from fusionviz.errors import CallerFormatError, FusionvizError
from fusionviz.models import FusionRequest
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
