"""FusionRequest -> AnnotatedFusion: the one place that combines resolution,
frame, protein composition, domains, names and the exon-numbering check.

Data comes only through an :class:`~fusionviz.sources.base.AnnotationSource`
(:mod:`fusionviz.resolve`); everything else is pure arithmetic from
:mod:`fusionviz.frame`, :mod:`fusionviz.protein`, :mod:`fusionviz.domains` and
:mod:`fusionviz.sequence_check`.
"""

from __future__ import annotations

from dataclasses import replace

from fusionviz import coordinates as co
from fusionviz import domains as dm
from fusionviz.breakpoints import SPLICE_SITE_WINDOW
from fusionviz.coordinates import exon_boundary_tx
from fusionviz.exon_numbering import exon_numbering_alternatives
from fusionviz.frame import Side, call_frame, five_prime_side, no_protein_side, three_prime_side
from fusionviz.junction_readings import alternative_readings, junction_readings
from fusionviz.models import (
    AnnotatedFusion,
    ExonNumberingAlternative,
    FusionProtein,
    FusionRequest,
    GenomicPosition,
    Junction,
    PartnerResult,
    ProteinSequence,
    Role,
)
from fusionviz.protein import Partners, compose
from fusionviz.resolve import ResolvedPartner, resolve_request, resolve_transcript
from fusionviz.sequence_check import SequenceCheck
from fusionviz.sources.base import AnnotationSource
from fusionviz.verdicts import fusion_names, verdict_lines

__all__ = [
    "ResolvedPartner",
    "annotate",
    "annotate_resolved",
    "annotate_text",
    "exon_boundary_tx",
    "exon_numbering_alternatives",
    "resolve_partner",
    "resolve_transcript",
]


def resolve_partner(spec, role: Role, source: AnnotationSource, override: str | None = None):
    """Place one partner given by an exon number (see :func:`resolve_request`)."""
    from fusionviz.resolve import resolve_exon

    return resolve_exon(spec, role, source, override)


def annotate(
    request: FusionRequest,
    source: AnnotationSource,
    *,
    transcript5: str | None = None,
    transcript3: str | None = None,
    alternatives: bool = True,
) -> AnnotatedFusion:
    """Annotate one fusion. Raises a FusionvizError subclass for bad input."""
    r5, r3 = resolve_request(request, source, transcript5, transcript3)
    return annotate_resolved(request, r5, r3, source, alternatives=alternatives)


def annotate_text(
    text: str,
    source: AnnotationSource | None = None,
    *,
    transcript5: str | None = None,
    transcript3: str | None = None,
) -> AnnotatedFusion:
    """Parse ``text`` (any accepted notation) and annotate it on ``source``
    (the embedded bundle by default)."""
    from fusionviz.notation import parse_fusion
    from fusionviz.sources import default_source

    src = source or default_source()
    request = parse_fusion(text, is_gene=src.has_gene)
    return annotate(request, src, transcript5=transcript5, transcript3=transcript3)


def side_of(r: ResolvedPartner, role: Role) -> Side:
    """The partner's side of the junction in CDS terms."""
    if r.region is not None or r.transcript is None or r.tx_boundary is None:
        return no_protein_side(r.region or "non-coding")
    if role == "5'":
        return five_prime_side(r.transcript, r.tx_boundary, r.retained)
    return three_prime_side(r.transcript, r.tx_boundary, r.retained)


def annotate_resolved(
    request: FusionRequest,
    r5: ResolvedPartner,
    r3: ResolvedPartner,
    source: AnnotationSource,
    *,
    alternatives: bool = True,
) -> AnnotatedFusion:
    """Annotate a fusion whose partners are already placed on transcripts."""
    t5, t3 = r5.transcript, r3.transcript
    g5, g3 = r5.name, r3.name
    s5, s3 = side_of(r5, "5'"), side_of(r3, "3'")
    seq = request.junction_sequence if _sense(r5) and _sense(r3) else None
    inserted = len(seq.inserted) if seq else 0
    junction = call_frame(s5, s3, g5, g3, inserted=inserted)
    seq5 = source.protein_sequence(t5) if t5 else None
    seq3 = source.protein_sequence(t3) if t3 else None
    junction, check = _read_caller_sequence(request, r5, r3, s5, s3, junction)
    junction = _deep_retention(junction, s5, s3, r5, r3, check)
    comp = compose(s5, s3, junction, Partners(g5, g3, t5, t3, seq5, seq3))
    protein, junction = _exact_sequence(source, r5, r3, s5, s3, junction, comp.protein, seq)
    protein, junction = _apply_check(protein, junction, check, g5, g3, s5)
    p5 = _partner_result("5'", r5, s5, comp.kept5, source, seq5)
    p3 = _partner_result("3'", r3, s3, comp.kept3, source, seq3)
    genomic = r5.placement is not None or r3.placement is not None
    alts: tuple[ExonNumberingAlternative, ...] = ()
    if alternatives and not genomic and junction.frame != "in-frame":
        alts = exon_numbering_alternatives(source, r5, r3)
    warnings = list(r5.notes + r3.notes)
    for r in (r5, r3):
        if r.placement is not None:
            warnings += [w for w in r.placement.statements if w not in warnings]
    warnings += alternative_readings(r5, r3, s5, s3, junction)
    if g5 == g3:
        warnings.append(f"both partners are {g5}: an intragenic rearrangement")
    readings = junction_readings(r5, r3) if genomic else ()
    return AnnotatedFusion(
        request=request,
        five_prime=p5,
        three_prime=p3,
        junction=junction,
        protein=protein,
        names=fusion_names(r5, r3),
        verdicts=verdict_lines(p5, p3, junction, protein, alts, readings),
        alternatives=alts,
        provenance=source.provenance(),
        warnings=tuple(warnings),
        extra=request.extra,
        junction_readings=readings,
    )


def _sense(r: ResolvedPartner) -> bool:
    return r.transcript is not None and r.region is None


def _caller_side(r: ResolvedPartner, role: Role, side: Side) -> Side | None:
    """The side at exactly the caller's bases (for reading the caller's sequence):
    the side itself, or, for a microhomology reading, the side at the bases given
    (the same RNA, shifted). None for a DNA reading or no placement."""
    p, site = r.placement, r.site
    if p is None or site is None or r.transcript is None:
        return None
    if p.reading in ("exon boundary", "exact bases", "retained intron"):
        return side
    if p.reading == "microhomology" and site.anchor_tx is not None:
        if role == "5'":
            return five_prime_side(r.transcript, site.anchor_tx, site.retained)
        return three_prime_side(r.transcript, site.anchor_tx, site.retained)
    return None


def _read_caller_sequence(
    request: FusionRequest,
    r5: ResolvedPartner,
    r3: ResolvedPartner,
    s5: Side,
    s3: Side,
    junction: Junction,
) -> tuple[Junction, SequenceCheck | None]:
    """Read unread bases of an in-frame junction in the caller's junction sequence."""
    from fusionviz.sequence_check import check_caller_sequence

    seq = request.junction_sequence
    if seq is None or junction.frame != "in-frame" or junction.verified:
        return junction, None
    c5, c3 = _caller_side(r5, "5'", s5), _caller_side(r3, "3'", s3)
    if c5 is None or c3 is None or c5.region != "CDS" or c3.region not in ("CDS", "5'UTR"):
        return junction, None
    check = check_caller_sequence(c5, c3, seq)
    if check.status == "short" and check.read > 0:
        expl = (
            *junction.explanation,
            f"the first {check.read} of them hold no stop codon ({check.source}); the rest are "
            "not in that sequence",
        )
        return replace(junction, explanation=expl), check
    if check.status == "verified":
        expl = (
            *junction.explanation[:-1],
            f"verified: the {check.read} nt read in frame before the {r3.name} coding sequence "
            f"hold no stop codon ({check.source})",
        )
        return replace(junction, verified=True, explanation=expl), check
    return junction, check


def _deep_retention(
    junction: Junction,
    s5: Side,
    s3: Side,
    r5: ResolvedPartner,
    r3: ResolvedPartner,
    check: SequenceCheck | None,
) -> Junction:
    """An RNA junction keeping more intronic/flanking bases than a splice-site shift:
    without their sequence the protein cannot be predicted."""
    retained = s5.retained + s3.retained
    if retained <= SPLICE_SITE_WINDOW or junction.frame == "not-applicable":
        return junction
    if check is not None and check.status in ("verified", "stop"):
        return junction
    kept = " and ".join(
        f"{n} nt of {r.name} "
        + (f"intron {r.placement.intron}" if r.placement and r.placement.intron else "flank")
        for r, n in ((r5, s5.retained), (r3, s3.retained))
        if n
    )
    expl = (
        f"the fusion RNA keeps {kept} (an RNA junction off the exons): their sequence is "
        "not in the annotation used, so "
        "the protein cannot be predicted (a stop codon in them is likely); frame does not "
        f"apply. The arithmetic alone would read {junction.frame}",
    )
    return replace(junction, frame="not-applicable", explanation=expl, verified=True)


def _exact_sequence(
    source: AnnotationSource,
    r5: ResolvedPartner,
    r3: ResolvedPartner,
    s5: Side,
    s3: Side,
    junction: Junction,
    protein: FusionProtein,
    seq,
) -> tuple[FusionProtein, Junction]:
    """With the partners' cDNA (an installed release): the exact translation."""
    from fusionviz.exact import exact_protein

    t5, t3 = r5.transcript, r3.transcript
    if t5 is None or t3 is None or r5.region or r3.region or s5.region != "CDS":
        return protein, junction
    if r5.retained or r3.retained or r5.tx_boundary is None or r3.tx_boundary is None:
        return protein, junction
    cdna5, cdna3 = source.cdna_sequence(t5), source.cdna_sequence(t3)
    if not (cdna5 and cdna3):
        return protein, junction
    inserted = seq.inserted if seq else ""
    return exact_protein(
        t5, r5.tx_boundary, cdna5, t3, r3.tx_boundary, cdna3, inserted, s5, s3, junction, protein
    )


def _apply_check(
    protein: FusionProtein,
    junction: Junction,
    check: SequenceCheck | None,
    g5: str,
    g3: str,
    s5: Side,
) -> tuple[FusionProtein, Junction]:
    """A stop codon found in the unread bases ends the protein there."""
    if check is None or check.status != "stop" or junction.frame != "in-frame":
        return protein, junction
    from fusionviz.exact import premature_stop

    return premature_stop(protein, junction, check, g5, g3, s5)


def _partner_result(
    role: Role,
    r: ResolvedPartner,
    side: Side,
    kept: tuple[int, int] | None,
    source: AnnotationSource,
    seq: ProteinSequence | None,
) -> PartnerResult:
    t = r.transcript
    if t is None or r.tx_boundary is None:
        bp = r.placement.position if r.placement else GenomicPosition("?", 0)
        return PartnerResult(
            role=role,
            gene=r.name,
            transcript=None,
            exon=None,
            region=side.region,
            cds_boundary_nt=None,
            phase=None,
            genomic_boundary=bp,
            protein_length=None,
            kept_aa=None,
            domains=(),
            placement=r.placement,
            locus=r.locus,
            gene_as_given=r.gene_as_given,
        )
    genomic = co.tx_to_genomic(t, r.tx_boundary)
    step = r.retained if (role == "5'") == (t.strand == "+") else -r.retained
    verdicts = dm.verdicts_for(source.domains(t), kept)
    return PartnerResult(
        role=role,
        gene=t.gene,
        transcript=t,
        exon=r.exon,
        region=side.region,
        cds_boundary_nt=side.cds_nt,
        phase=side.phase,
        genomic_boundary=GenomicPosition(t.contig, genomic + step, t.strand),
        protein_length=co.protein_length(t),
        kept_aa=kept,
        domains=verdicts,
        exon_aa_ranges=co.exon_aa_ranges(t),
        sequence=seq,
        placement=r.placement,
        locus=r.locus,
        gene_as_given=r.gene_as_given,
    )
