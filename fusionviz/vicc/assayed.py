"""AssayedFusion fields taken from a caller row: causative event, assay, reads, contig."""

from __future__ import annotations

import re
from typing import Any

from fusionviz.models import AnnotatedFusion

#: Publications of the callers whose rows fusionviz reads (the Assay methodUri).
CALLER_METHODS = {
    "STAR-Fusion": "doi:10.1186/s13059-019-1842-9",  # Haas et al., Genome Biol 2019
    "Arriba": "pmid:33441414",  # Uhrig et al., Genome Res 2021
    "FusionCatcher": "doi:10.1101/011650",  # Nicorici et al., bioRxiv 2014
}

#: Arriba event types that are DNA rearrangements ("deletion/read-through" is not decided).
_ARRIBA_REARRANGEMENTS = ("translocation", "inversion", "duplication", "deletion")


def _int(value: str | None) -> int | None:
    v = (value or "").strip()
    return int(v) if v.isdigit() else None


def _causative_event(af: AnnotatedFusion, extra: dict[str, str]) -> dict[str, Any] | None:
    """Stated, never guessed: a genomic DNA breakpoint is a rearrangement; Arriba's and
    FusionCatcher's own event calls are passed on with their words."""
    req = af.request
    if req.breakpoint_meaning == "dna" and req.five_prime.breakpoint is not None:
        desc = f"DNA breakpoints {req.five_prime.breakpoint} / {req.three_prime.breakpoint}"
        return {"type": "CausativeEvent", "eventType": "rearrangement", "eventDescription": desc}
    arriba = extra.get("event_type", "")
    if extra.get("caller") == "Arriba" and arriba:
        kind = arriba.split("/")[0]
        # "deletion/read-through": Arriba itself cannot tell the two apart.
        if kind in _ARRIBA_REARRANGEMENTS and "read-through" not in arriba:
            return {
                "type": "CausativeEvent",
                "eventType": "rearrangement",
                "eventDescription": f"Arriba type: {arriba}",
            }
        return None
    description = extra.get("Fusion_description", "")
    if extra.get("caller") == "FusionCatcher" and "readthrough" in description.split(","):
        return {
            "type": "CausativeEvent",
            "eventType": "read-through",
            "eventDescription": f"FusionCatcher: {description}",
        }
    return None


def _assay(af: AnnotatedFusion, extra: dict[str, str]) -> dict[str, Any] | None:
    caller = extra.get("caller", "")
    dna = af.request.breakpoint_meaning == "dna"
    if not caller and not dna:
        return None
    out: dict[str, Any] = {"type": "Assay"}
    if caller:
        out["assayName"] = caller
        if caller in CALLER_METHODS:
            out["methodUri"] = CALLER_METHODS[caller]
    out["fusionDetection"] = "inferred" if dna else "observed"
    return out


def _read_data(extra: dict[str, str]) -> dict[str, Any] | None:
    split, spanning = _int(extra.get("junction_reads")), _int(extra.get("spanning_reads"))
    if split is None and spanning is None:
        return None
    out: dict[str, Any] = {"type": "ReadData"}
    if split is not None:
        out["split"] = {"type": "SplitReads", "splitReads": split}
    if spanning is not None:
        out["spanning"] = {"type": "SpanningReads", "spanningReads": spanning}
    return out


def _contig(af: AnnotatedFusion) -> dict[str, Any] | None:
    seq = af.request.junction_sequence
    if seq is None:
        return None
    contig = seq.five + seq.inserted + seq.three
    if not re.fullmatch(r"[ACGTN]+", contig):
        return None
    return {"type": "ContigSequence", "contig": contig}


def _row_part(af: AnnotatedFusion) -> dict[str, Any]:
    """The AssayedFusion fields that come from the row itself (reads, event, assay)."""
    extra = dict(af.request.extra or af.extra)
    out = {}
    for key, value in (
        ("causativeEvent", _causative_event(af, extra)),
        ("assay", _assay(af, extra)),
        ("contig", _contig(af)),
        ("readData", _read_data(extra)),
    ):
        if value is not None:
            out[key] = value
    return out
