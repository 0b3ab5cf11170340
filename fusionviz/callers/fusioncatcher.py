"""FusionCatcher ``final-list_candidate-fusion-genes.txt``.

Columns used: ``Gene_1_symbol(5end_fusion_partner)``, ``Gene_2_symbol(3end_fusion_partner)``,
``Fusion_point_for_gene_1(5end_fusion_partner)`` / ``..._gene_2(3end_fusion_partner)``
(``2:42264951:+``: last kept base of the 5' gene, first kept base of the 3' gene),
``Spanning_unique_reads`` (junction reads), ``Spanning_pairs`` and ``Predicted_effect``.
Its junctions may be shifted by a few bases inside microhomology compared with
STAR-Fusion/Arriba (fusionviz reads those as splice-site positions).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from fusionviz.callers.base import (
    Row,
    RowProblem,
    build_request,
    junction_sequence,
    normalise_frame,
    parse_breakpoint,
    pick,
)

NAME = "fusioncatcher"
G5 = "Gene_1_symbol(5end_fusion_partner)"
G3 = "Gene_2_symbol(3end_fusion_partner)"
P5 = "Fusion_point_for_gene_1(5end_fusion_partner)"
P3 = "Fusion_point_for_gene_2(3end_fusion_partner)"


def matches(columns: Sequence[str]) -> bool:
    """True for a FusionCatcher header."""
    return all(c in columns for c in (G5, G3, P5, P3))


def caller_name(columns: Sequence[str]) -> str:
    return "FusionCatcher"


def parse(row: Mapping[str, str], line: int, caller: str, columns: Sequence[str] = ()) -> Row:
    """One data row -> FusionRequest (RowProblem for a malformed row)."""
    g5, g3 = row[G5].strip(), row[G3].strip()
    if not g5 or not g3:
        raise RowProblem("gene symbol column is empty")
    raw5, raw3 = row[P5], row[P3]
    bp5, bp3 = parse_breakpoint(raw5), parse_breakpoint(raw3)
    effect = pick(row, "Predicted_effect")
    extra = [
        ("caller", caller),
        ("caller_fusion", f"{g5}--{g3}"),
        ("caller_breakpoint5", raw5),
        ("caller_breakpoint3", raw3),
        ("junction_reads", pick(row, "Spanning_unique_reads")),
        ("spanning_reads", pick(row, "Spanning_pairs")),
        ("caller_frame", normalise_frame(effect) or ""),
        ("Predicted_effect", effect),
        ("Fusion_description", pick(row, "Fusion_description")),
        ("caller_transcript5", _first_pair(pick(row, "Predicted_fused_transcripts"))[0]),
        ("caller_transcript3", _first_pair(pick(row, "Predicted_fused_transcripts"))[1]),
    ]
    seq = junction_sequence(pick(row, "Fusion_sequence"), "*", "FusionCatcher Fusion_sequence")
    return build_request(g5, bp5, g3, bp3, line, extra, meaning="rna", sequence=seq)


def _first_pair(text: str) -> tuple[str, str]:
    """``ENST1:2090/ENST2:278;ENST3:...`` -> (``ENST1``, ``ENST2``): the first transcript
    pair FusionCatcher used for its predicted effect."""
    first = (text or "").split(";", 1)[0]
    if "/" not in first:
        return "", ""
    a, _, b = first.partition("/")
    return a.split(":", 1)[0].strip(), b.split(":", 1)[0].strip()
