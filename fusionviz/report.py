"""Writers: AnnotatedFusion -> text, JSON-ready dict, TSV row, FASTA record.

The writers live in report_dict (JSON), report_text (text) and report_tsv (TSV); this
module re-exports them and writes FASTA.

The JSON field names listed in ``JSON_CONTRACT`` are stable; more may be added.
Every writer carries provenance (bundle/release, transcript IDs with versions,
domain databases).
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from fusionviz import __version__
from fusionviz.models import AnnotatedFusion
from fusionviz.report_dict import (
    JSON_CONTRACT,
    _label,
    liftover_dict,
    provenance_dict,
    read_as,
    to_dict,
)
from fusionviz.report_text import (
    composition,
    feature_line,
    liftover_line,
    provenance_line,
    to_text,
)
from fusionviz.report_tsv import TSV_COLUMNS, to_tsv, tsv_header, tsv_row

__all__ = [
    "JSON_CONTRACT",
    "TSV_COLUMNS",
    "composition",
    "fasta_record",
    "feature_line",
    "liftover_dict",
    "liftover_line",
    "provenance_dict",
    "provenance_line",
    "read_as",
    "to_dict",
    "to_text",
    "to_tsv",
    "tsv_header",
    "tsv_row",
]

if TYPE_CHECKING:
    pass


# --------------------------------------------------------------------------- dict / JSON


# --------------------------------------------------------------------------- text


# --------------------------------------------------------------------------- TSV


# --------------------------------------------------------------------------- FASTA


def fasta_record(af: AnnotatedFusion, width: int = 60) -> str | None:
    """The fusion protein as FASTA (Biopython), or None when no sequence is known.

    The header carries the name, frame, transcripts with versions and the bundle.
    """
    seq = af.protein.sequence
    if not seq:
        return None
    from Bio import SeqIO  # imported on use: FASTA is the only writer that needs it
    from Bio.Seq import Seq
    from Bio.SeqRecord import SeqRecord

    ident = f"{af.names.hgnc}_{af.names.short}".replace(";", "_").replace("::", "-")
    sources = ",".join(f"{s.name}_{s.version}".replace(" ", "_") for s in af.provenance[:1])
    desc = (
        f"{af.names.hgnc} {af.names.short} {af.frame} length={len(seq)} "
        f"5p={_label(af.five_prime)}:e{af.five_prime.exon} "
        f"3p={_label(af.three_prime)}:e{af.three_prime.exon} "
        f"source={sources} fusionviz={__version__}"
    )
    if "X" in seq:
        desc += " X=unknown-residue"
    record = SeqRecord(Seq(seq), id=ident, description=desc)
    buf = io.StringIO()
    SeqIO.write(record, buf, "fasta")
    return buf.getvalue()
