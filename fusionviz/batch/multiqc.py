"""The per-sample summary of a batch run as a MultiQC custom-content file.

MultiQC picks up any ``*_mqc.json`` file it finds (custom content) and shows it as
a table, one row per sample; the sample is the name of the batch's output folder
(``results/SAMPLE/`` in the Snakemake workflow, ``${prefix}`` in the nf-core module).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from fusionviz import __version__
from fusionviz.models import AnnotatedFusion

if TYPE_CHECKING:
    from fusionviz.batch.run import BatchSummary
    from fusionviz.known import KnownMatch

#: Columns of the table: key -> (title, description).
COLUMNS = {
    "rows": ("Rows", "data rows of the caller file"),
    "annotated": ("Annotated", "rows annotated"),
    "failed": ("Failed", "rows that could not be annotated (errors.tsv)"),
    "in_frame": ("In frame", "fusions in frame on the transcripts used (verified)"),
    "in_frame_unverified": (
        "In frame, unverified",
        "in frame only if bases nobody has read (a 5' UTR, intronic bases) hold no stop",
    ),
    "out_of_frame": ("Out of frame", "fusions out of frame on the transcripts used"),
    "frame_not_applicable": ("Frame n/a", "UTR, promoter or non-coding junctions"),
    "kinase_retained": (
        "3' kinase kept",
        "fusions whose 3' partner keeps a protein kinase domain entirely, in frame (verified)",
    ),
    "known_junctions": ("Known", "junctions in the known-fusions table"),
    "frame_differs": ("Frame differs", "rows where the caller's frame call differs"),
}


@dataclass
class MultiqcTally:
    """Counts over the fusions of a run (default transcript pairs only)."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COLUMNS, 0))

    def add(self, af: AnnotatedFusion, known: KnownMatch | None) -> None:
        self.add_flags(tally_flags(af, known))

    def add_flags(self, flags: tuple[str, bool, bool]) -> None:
        """Count one fusion from its :func:`tally_flags` (computed where it was annotated)."""
        key, kinase, is_known = flags
        self.counts[key] += 1
        if kinase:
            self.counts["kinase_retained"] += 1
        if is_known:
            self.counts["known_junctions"] += 1


def tally_flags(af: AnnotatedFusion, known: KnownMatch | None) -> tuple[str, bool, bool]:
    """(frame column, 3' kinase kept in frame, known junction) of one fusion."""
    key = {"in-frame": "in_frame", "out-of-frame": "out_of_frame"}.get(
        af.frame, "frame_not_applicable"
    )
    if key == "in_frame" and not af.junction.verified:
        key = "in_frame_unverified"
    kinase = key == "in_frame" and any(
        v.status == "retained" and "kinase" in v.domain.name.lower() for v in af.three_prime.domains
    )
    return key, kinase, known is not None and known.is_known


def write_multiqc(path: Path, sample: str, summary: BatchSummary, tally: MultiqcTally) -> None:
    """Write ``fusionviz_mqc.json`` (MultiQC custom content, plot type table)."""
    row = dict(tally.counts)
    row.update(
        rows=summary.rows,
        annotated=summary.annotated_rows,
        failed=summary.failed_rows,
        frame_differs=summary.frame_disagreements,
    )
    data = {
        "id": "fusionviz",
        "section_name": "fusionviz",
        "description": (
            f"Fusion calls of {summary.caller} annotated by fusionviz {__version__}: frame, "
            "retained domains and known fusions per sample (build "
            f"{summary.build or 'not stated'})."
        ),
        "plot_type": "table",
        "pconfig": {"id": "fusionviz_summary", "title": "fusionviz: fusion annotation"},
        "headers": {
            key: {"title": title, "description": desc, "format": "{:,.0f}", "min": 0}
            for key, (title, desc) in COLUMNS.items()
        },
        "data": {sample: row},
    }
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
