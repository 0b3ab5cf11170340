"""The VICC Gene Fusion Specification: an AnnotatedFusion as a ``CategoricalFusion``
(exon-level input) or an ``AssayedFusion`` (genomic breakpoints, caller rows), and
the VICC nomenclature string.

Field names, nesting and value sets are those of the reference implementation's
pydantic models (PyPI ``fusor==0.10.4``, ``fusor.models``); the tests validate
every shape fusionviz writes against them. Building the JSON needs no extra
package; :func:`to_fusor` (the ``fusionviz[vicc]`` extra) returns fusor's own
model objects. What fusionviz leaves out, and why, is in ``docs/vicc.md``.

Coordinates (VRS, which the specification uses): inter-residue, 0-based. A
junction base b (1-based) is the interval (b-1, b); as in fusor / cool-seq-tool
only the junction side of each segment is given:

    5' partner, segment end    + strand: end = b        - strand: start = b - 1
    3' partner, segment start  + strand: start = b - 1  - strand: end = b

Exon offsets count transcript bases from the exon's boundary: negative towards
the transcript's 5' end, positive towards its 3' end.
"""

from fusionviz.vicc.assayed import CALLER_METHODS
from fusionviz.vicc.elements import (
    GRCH38_CHROMOSOMES,
    OTHER_TRANSCRIPT_STATUS,
    gene_concept,
    reading_frame_preserved,
)
from fusionviz.vicc.nomenclature import exon_offset, is_assayed, vicc_nomenclature
from fusionviz.vicc.objects import VICCLines, to_fusor, to_vicc, validate

__all__ = [
    "CALLER_METHODS",
    "GRCH38_CHROMOSOMES",
    "OTHER_TRANSCRIPT_STATUS",
    "VICCLines",
    "exon_offset",
    "gene_concept",
    "is_assayed",
    "reading_frame_preserved",
    "to_fusor",
    "to_vicc",
    "validate",
    "vicc_nomenclature",
]
