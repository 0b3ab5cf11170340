"""Normal-tissue expression (GTEx medians) from the bundled table, and how to read it.

The table (``annotations/expression_gtex.tsv.gz``, written by
:mod:`fusionviz.sources.build_evidence` from npm ``ideogram@1.53.0``) lists, per gene,
its highest-median GTEx tissues (at most ``listed_max``, highest first) with the median
TPM. The list is the source's ranking by median: a tissue that is not listed ranked
below the lowest listed one. (The cache leaves zero statistics out, and in 51 of its
40,219 rows, all of low expression, the listed medians are not in descending order; such
rows are flagged, and fusionviz never turns "not listed" into a number.)

The level and breadth words are fusionviz's reading of the numbers, with the thresholds
stated wherever the words appear (docs/evidence.md):

* level, from the highest tissue median: high >= 100 TPM, moderate >= 10, low >= 1,
  very low < 1;
* breadth, from the listed tissues: *broad* when all ``listed_max`` tissues are listed,
  they span at least 3 organs and the lowest listed median is at least a quarter of the
  highest; *dominated by one tissue* when the highest median is at least 4 times the
  second; otherwise *several tissues*.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass

from fusionviz.errors import AnnotationDataError
from fusionviz.evidence.models import GeneExpression, TissueMedian, tissue_organ

EXPRESSION_FILE = "expression_gtex.tsv.gz"
LEVELS = ((100.0, "high"), (10.0, "moderate"), (1.0, "low"), (0.0, "very low"))
BROAD_MIN_ORGANS = 3
BROAD_MIN_RATIO = 0.25
DOMINANT_RATIO = 4.0


@dataclass(frozen=True, slots=True)
class ExpressionTable:
    """The parsed table: metadata, tissues and one unparsed line per gene."""

    dataset: str
    via: str
    listed_max: int
    tissues: tuple[tuple[str, int], ...]  # (GTEx tissue id, samples) by table index
    lines: dict[str, str]

    def gene(self, symbol: str) -> GeneExpression | None:
        """The gene's listed tissues, or None when the table does not have it."""
        raw = self.lines.get(symbol.strip().upper())
        if raw is None:
            return None
        gene, in_data, order, cells = raw.split("\t")
        tissues = []
        for cell in cells.split(","):
            idx, _, median = cell.partition(":")
            name, samples = self.tissues[int(idx)]
            tissues.append(TissueMedian(name, float(median), samples))
        return GeneExpression(
            gene=gene,
            symbol_in_data=in_data,
            tissues=tuple(tissues),
            tissues_total=len(self.tissues),
            listed_max=self.listed_max,
            dataset=self.dataset,
            via=self.via,
            ordered=order == "ordered",
        )


def parse_expression(data: bytes, label: str = EXPRESSION_FILE) -> ExpressionTable:
    """Read the gzip table written by the evidence build."""
    try:
        text = gzip.decompress(data).decode()
    except (OSError, UnicodeDecodeError) as exc:
        raise AnnotationDataError(f"{label} is not a readable gzip text file ({exc})") from None
    meta: dict[str, str] = {}
    tissues: list[tuple[str, int]] = []
    lines: dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith("#tissue\t"):
            _, idx, name, samples = line.split("\t")
            if int(idx) != len(tissues):
                raise AnnotationDataError(f"{label}: tissue index {idx} out of order")
            tissues.append((name, int(samples)))
        elif line.startswith("# ") and ": " in line:
            key, _, value = line[2:].partition(": ")
            meta[key] = value
        elif line and not line.startswith(("#", "gene\t")):
            lines[line.split("\t", 1)[0].upper()] = line
    for key in ("dataset", "via", "listed_max"):
        if key not in meta:
            raise AnnotationDataError(f"{label}: header line '# {key}: ...' missing")
    return ExpressionTable(
        meta["dataset"], meta["via"], int(meta["listed_max"]), tuple(tissues), lines
    )


# --------------------------------------------------------------------------- reading


def level(expr: GeneExpression) -> str:
    """high / moderate / low / very low, from the highest tissue median."""
    top = expr.tissues[0].median_tpm if expr.tissues else 0.0
    return next(word for floor, word in LEVELS if top >= floor)


def breadth(expr: GeneExpression) -> str:
    """broad / dominated by one tissue / several tissues (see the module docstring)."""
    med = [t.median_tpm for t in expr.tissues]
    if len(med) >= 2 and med[1] > 0 and med[0] >= DOMINANT_RATIO * med[1]:
        return "dominated by one tissue"
    organs = {tissue_organ(t.tissue) for t in expr.tissues}
    if (
        expr.complete
        and med[0] > 0
        and len(organs) >= BROAD_MIN_ORGANS
        and med[-1] >= BROAD_MIN_RATIO * med[0]
    ):
        return "broad"
    return "several tissues"


def rule_text(expr: GeneExpression) -> str:
    """The thresholds behind the words, for the report."""
    return (
        f"levels by the highest median: high >= 100, moderate >= 10, low >= 1 TPM; broad = "
        f"all {expr.listed_max} listed tissues from >= {BROAD_MIN_ORGANS} organs with the "
        f"lowest median >= {BROAD_MIN_RATIO:.0%} of the highest"
    )


def top_text(expr: GeneExpression, n: int = 3) -> str:
    """'155.2 TPM Muscle - Skeletal, 140.4 TPM Artery - Tibial, ...'."""
    return ", ".join(f"{t.median_tpm:g} TPM {t.label}" for t in expr.tissues[:n])


def median_or_rank(expr: GeneExpression | None, tissue: str) -> str:
    """The gene's median in ``tissue`` when listed; else that the tissue is not among the
    gene's listed (highest-median) tissues, with the lowest listed median for scale."""
    if expr is None:
        return "no data"
    value = expr.median_in(tissue)
    if value is not None:
        return f"{value:g} TPM"
    if expr.lowest_listed is not None:
        return (
            f"not among its {expr.listed_max} highest-median tissues (lowest listed "
            f"{expr.lowest_listed:g} TPM)"
        )
    return f"not among its {len(expr.tissues)} listed tissues"
