"""A gene pair written without exons (``EML4::ALK``): not an error but a question
with several answers, the pair's known junctions from the known-fusions table,
each annotated and saying that exons are needed for a specific answer."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from fusionviz.errors import GenePairOnlyError
from fusionviz.models import AnnotatedFusion, FusionRequest, PartnerSpec
from fusionviz.sources.base import AnnotationSource

if TYPE_CHECKING:
    from fusionviz.known import KnownTable


def known_pair_fusions(
    pair: GenePairOnlyError,
    source: AnnotationSource,
    text: str,
    table: KnownTable,
) -> list[AnnotatedFusion]:
    """A gene pair without exons: every known junction of that pair in the known-fusions
    table, annotated, each saying that exons are needed for a specific answer."""
    from fusionviz.annotate import annotate
    from fusionviz.names import resolve_gene
    from fusionviz.notation import fusion_text

    g5 = resolve_gene(pair.five, source).symbol
    g3 = resolve_gene(pair.three, source).symbol
    out = []
    for e in table.pair(g5, g3):
        spec5 = PartnerSpec(gene=g5, transcript=e.five_transcript, exon=e.five_exon)
        spec3 = PartnerSpec(gene=g3, transcript=e.three_transcript, exon=e.three_exon)
        request = FusionRequest(spec5, spec3, text=text)
        note = (
            f"{text} names a gene pair without exons: this is the known junction "
            f"'{e.common_name}' ({fusion_text(request)}, {table.label}, line {e.line}); exons "
            "are needed for a specific answer"
        )
        af = annotate(replace(request, reading=(note,)), source)
        out.append(af)
    return out
