"""AnnotatedFusion -> TSV row in the stable ``TSV_COLUMNS`` order."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fusionviz.evidence.render import EVIDENCE_COLUMNS
from fusionviz.models import AnnotatedFusion, PartnerResult
from fusionviz.report_dict import _label, read_as
from fusionviz.report_text import liftover_line, provenance_line
from fusionviz.verdicts import headline_words
from fusionviz.vicc import vicc_nomenclature

if TYPE_CHECKING:
    from fusionviz.evidence import Assessment
    from fusionviz.known import KnownMatch


TSV_COLUMNS = (
    "input",
    "line",
    "name",
    "short_name",
    "frame",
    "headline",
    "junction_class",
    "fusion_protein_length",
    "frame_verified",
    "conditional_protein_length",
    "gene5",
    "transcript5",
    "exon5",
    "region5",
    "cds_boundary_nt5",
    "end_phase5",
    "genomic_boundary5",
    "kept_aa5",
    "gene3",
    "transcript3",
    "exon3",
    "region3",
    "cds_boundary_nt3",
    "start_phase3",
    "genomic_boundary3",
    "kept_aa3",
    "split_codon",
    "hgvs",
    "vicc_nomenclature",
    "verdict",
    "domains5",
    "domains3",
    "exon_numbering_alternatives",
    "warnings",
    "provenance",
    "known_fusion_status",
    "known_fusion",
    "known_fusion_entries",
    "known_fusion_sources",
    "known_fusion_table",
    "gene_as_given5",
    "gene_as_given3",
    "read_as",
    "liftover",
    *EVIDENCE_COLUMNS,
)


def tsv_header() -> list[str]:
    """Stable TSV column order."""
    return list(TSV_COLUMNS)


def _clean(value: object) -> str:
    if value is None:
        return ""
    return str(value).replace("\t", " ").replace("\n", " ")


def _domain_summary(p: PartnerResult) -> str:
    return ",".join(
        f"{v.domain.name}:{v.domain.start}-{v.domain.end}:{v.status}:{v.fraction_retained:g}"
        for v in p.domains
    )


def tsv_row(
    af: AnnotatedFusion,
    known: KnownMatch | None = None,
    assessment: Assessment | None = None,
) -> list[str]:
    """One row in ``TSV_COLUMNS`` order."""
    p5, p3 = af.five_prime, af.three_prime

    def kept(p: PartnerResult) -> str:
        return f"{p.kept_aa[0]}-{p.kept_aa[1]}" if p.kept_aa else ""

    values = [
        af.request.text,
        af.request.line,
        af.names.hgnc,
        af.names.short,
        af.frame,
        headline_words(af),
        af.junction.junction_class,
        af.protein.length,
        "yes" if af.junction.verified else "no",
        af.protein.conditional_length,
        p5.gene,
        _label(p5),
        p5.exon,
        p5.region,
        p5.cds_boundary_nt,
        p5.phase,
        p5.genomic_boundary,
        kept(p5),
        p3.gene,
        _label(p3),
        p3.exon,
        p3.region,
        p3.cds_boundary_nt,
        p3.phase,
        p3.genomic_boundary,
        kept(p3),
        "yes" if af.junction.split_codon else "no",
        af.names.hgvs,
        vicc_nomenclature(af),
        " | ".join(af.verdicts),
        _domain_summary(p5),
        _domain_summary(p3),
        " | ".join(a.reason for a in af.alternatives),
        " | ".join(af.warnings),
        provenance_line(af),
    ]
    cols = known.as_columns() if known is not None else {}
    if assessment is not None:
        from fusionviz.evidence.render import tsv_columns

        cols.update(tsv_columns(assessment))
    cols["gene_as_given5"] = p5.gene_as_given or p5.gene
    cols["gene_as_given3"] = p3.gene_as_given or p3.gene
    exons, notes = read_as(af)
    cols["read_as"] = " | ".join(x for x in (exons, *notes) if x)
    cols["liftover"] = liftover_line(af)
    values += [cols.get(c, "") for c in TSV_COLUMNS[len(values) :]]
    return [_clean(v) for v in values]


def to_tsv(
    fusions: list[AnnotatedFusion],
    known: list[KnownMatch] | None = None,
    assessments: list[Assessment] | None = None,
) -> str:
    """Header plus one row per fusion."""
    matches = known or [None] * len(fusions)
    evidence = assessments or [None] * len(fusions)
    lines = ["\t".join(tsv_header())]
    lines += [
        "\t".join(tsv_row(af, k, a)) for af, k, a in zip(fusions, matches, evidence, strict=True)
    ]
    return "\n".join(lines) + "\n"
