"""Criteria 1, 5 and 6: the reading frame (from the engine), the 5' partner's
normal-tissue expression (GTEx via the annotation source) and the known-fusions
table. Pure: everything comes in as arguments.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fusionviz.evidence import expression as ex
from fusionviz.evidence.models import Criterion, GeneExpression
from fusionviz.models import AnnotatedFusion
from fusionviz.verdicts import in_frame_elsewhere

if TYPE_CHECKING:
    from fusionviz.known import KnownMatch, KnownTable

#: 5' tissues for which the 3' partner's own expression is shown.
COMPARE_TISSUES = 3


# --------------------------------------------------------------------------- criterion 1


def frame_criterion(af: AnnotatedFusion) -> Criterion:
    """Criterion 1: the reading frame, with the engine's explanation and caveats."""
    j, p5, p3 = af.junction, af.five_prime, af.three_prime
    pair = f"{p5.transcript_label}/{p3.transcript_label}"
    phases = (
        f"{p5.gene} end phase {j.five_end_phase}, {p3.gene} start phase {j.three_start_phase}"
        if j.five_end_phase is not None and j.three_start_phase is not None
        else j.junction_class
    )
    if af.frame == "in-frame" and not j.verified:
        # In frame at the junction, but bases the annotation does not give are read in
        # frame before the 3' coding sequence: a stop there would end the protein.
        status, short = "unknown", "frame unverified"
        finding = (
            f"in frame at the junction on {pair} ({phases}), unverified: {j.unread_bases} nt "
            "the annotation does not give are read in frame; their sequence would decide"
        )
    elif af.frame == "in-frame":
        status, finding, short = "present", f"in frame on {pair} ({phases})", "in frame"
    elif other := in_frame_elsewhere(af.frame, af.junction_readings):
        # Out of frame on the pair used, in frame at the same bases on another coding
        # pair: which isoforms the fusion RNA joins decides, and nothing here says which.
        r = other[0]
        more = f" (+{len(other) - 1} other pairs)" if len(other) > 1 else ""
        status, short = "unknown", "frame depends on the transcripts"
        finding = (
            f"out of frame on {pair} ({phases}), in frame at the same bases on "
            f"{r.pair}{more}: which isoforms the fusion RNA joins would decide"
        )
    elif af.frame == "out-of-frame":
        status, short = "absent", "out of frame"
        finding = f"out of frame on {pair} ({phases}): {p3.gene} is not translated in its own frame"
    else:
        status, short = "not applicable", "frame not applicable"
        finding = f"frame not applicable ({j.junction_class}): {j.explanation[0]}"
    readings = [
        a.reason
        for a in af.alternatives
        if (a.five_transcript, a.three_transcript) != (p5.transcript_label, p3.transcript_label)
    ]
    details = list(j.explanation)
    if readings:
        details.append("exon numbering read on other transcripts: " + "; ".join(readings))
    details += [f"caveat: {w}" for w in af.warnings]
    src = af.provenance[0] if af.provenance else None
    return Criterion(
        "frame",
        "reading frame",
        status,  # type: ignore[arg-type]
        finding,
        details=tuple(details),
        sources=(f"{src.name} {src.version}; transcripts {pair}",) if src else (),
        data=(
            ("frame", af.frame),
            ("junction_class", j.junction_class),
            ("five_end_phase", j.five_end_phase),
            ("three_start_phase", j.three_start_phase),
            ("numbering_readings_in_frame", tuple(readings)),
        ),
        short=short,
    )


# --------------------------------------------------------------------------- criterion 5


def expression_criterion(
    af: AnnotatedFusion, e5: GeneExpression | None, e3: GeneExpression | None, available: bool
) -> Criterion:
    """Criterion 5: the 5' partner's expression (its promoter drives the fusion), and the
    3' partner's own expression in the 5' partner's top tissues."""
    g5, g3 = af.five_prime.gene, af.three_prime.gene
    title = "5' partner expression"
    if e5 is None:
        why = (
            f"no GTEx data for {g5} in the bundled expression table"
            if available
            else "the annotation source has no expression data"
        )
        return Criterion("expression", title, "unknown", why, short=f"{g5} expression unknown")
    lvl, br = ex.level(e5), ex.breadth(e5)
    top = e5.tissues[0].median_tpm if e5.tissues else 0.0
    status = "present" if top >= 1.0 else "absent"
    span = (
        f"; >= {e5.tissues[-1].median_tpm:g} TPM in all {len(e5.tissues)} of its listed tissues "
        f"(of {e5.tissues_total})"
        if e5.complete
        else f"; {len(e5.tissues)} tissues listed (of {e5.tissues_total})"
    )
    finding = f"{g5} expression {br}, {lvl}: median {ex.top_text(e5)}{span}"
    details = [f"{g5} listed tissues: {ex.top_text(e5, n=e5.listed_max)}"]
    if not e5.ordered:
        details.append(f"the table's tissue order for {g5} is not by median")
    if e5.symbol_in_data.upper() != g5.upper():
        details.append(f"GTEx lists {g5} under its former symbol {e5.symbol_in_data}")
    compare = [f"{t.label} {ex.median_or_rank(e3, t.tissue)}" for t in e5.tissues[:COMPARE_TISSUES]]
    details.append(f"{g3} in the same tissues: " + "; ".join(compare))
    if e3 is not None:
        details.append(f"{g3} highest: {ex.top_text(e3)} ({ex.level(e3)}, {ex.breadth(e3)})")
        if e3.symbol_in_data.upper() != g3.upper():
            details.append(f"GTEx lists {g3} under its former symbol {e3.symbol_in_data}")
    details.append(ex.rule_text(e5))
    return Criterion(
        "expression",
        title,
        status,  # type: ignore[arg-type]
        finding,
        details=tuple(details),
        sources=(f"{e5.dataset}; via {e5.via}",),
        data=(
            ("five_prime", _expression_data(e5, lvl, br)),
            ("three_prime", _expression_data(e3) if e3 is not None else None),
            (
                "three_prime_in_five_prime_tissues",
                tuple(
                    {
                        "tissue": t.tissue,
                        "median_tpm": e3.median_in(t.tissue) if e3 else None,
                        "listed": e3 is not None and e3.median_in(t.tissue) is not None,
                    }
                    for t in e5.tissues[:COMPARE_TISSUES]
                ),
            ),
        ),
        short=f"{g5} expression {br}, {lvl}",
    )


def _expression_data(e: GeneExpression, lvl: str = "", br: str = "") -> dict:
    return {
        "gene": e.gene,
        "symbol_in_data": e.symbol_in_data,
        "level": lvl or ex.level(e),
        "breadth": br or ex.breadth(e),
        "tissues": [
            {"tissue": t.tissue, "median_tpm": t.median_tpm, "samples": t.samples}
            for t in e.tissues
        ],
        "tissues_in_dataset": e.tissues_total,
        "listed_max": e.listed_max,
        "lowest_listed_tpm": e.lowest_listed,
        "listed_in_median_order": e.ordered,
        "dataset": e.dataset,
        "via": e.via,
    }


# --------------------------------------------------------------------------- criterion 6


def known_criterion(
    af: AnnotatedFusion, known: KnownMatch | None, table: KnownTable | None
) -> Criterion:
    """Criterion 6: the known-fusion status and how many 5' partners the 3' gene has in
    the table."""
    g3 = af.three_prime.gene
    title = "known to the table"
    if known is None:
        return Criterion(
            "known",
            title,
            "unknown",
            "no known-fusions table was consulted",
            short="known-fusion status not checked",
        )
    details = []
    partners: tuple[str, ...] = ()
    if table is not None:
        partners = tuple(
            sorted({e.five_gene for e in table.entries if e.three_gene.upper() == g3.upper()})
        )
        details.append(
            f"{g3} has {len(partners)} distinct 5' partner{'s' if len(partners) != 1 else ''} in "
            f"the table{': ' + ', '.join(partners) if partners else ''}"
        )
    details += list(known.notes)
    status = "present" if known.is_known else "absent"
    short = "known junction" if known.is_known else "not a known junction in the table"
    if known.is_known:
        short += " (" + " / ".join(e.common_name for e in known.matches) + ")"
    return Criterion(
        "known",
        title,
        status,
        known.describe(),
        details=tuple(details),
        sources=(known.table,),
        data=(
            ("status", known.status),
            ("three_prime_partners_in_table", partners),
            ("table_entries", known.table_entries),
        ),
        short=short,
    )
