"""The VICC nomenclature string (junction components) and what it is built from."""

from __future__ import annotations

from fusionviz.models import AnnotatedFusion, PartnerResult


def is_assayed(af: AnnotatedFusion) -> bool:
    """True for a fusion from genomic breakpoints or a caller row (an AssayedFusion);
    False for exon-level input (a CategoricalFusion)."""
    req = af.request
    if req.five_prime.breakpoint is not None or req.three_prime.breakpoint is not None:
        return True
    return any(k == "caller" for k, _ in req.extra)


def exon_offset(p: PartnerResult) -> int:
    """Bases from the exon's junction-side boundary to the junction base, counted
    along the transcript: 0 at the boundary, negative towards the transcript's 5'
    end, positive towards its 3' end; inside the exon or into the intron beyond
    it (an RNA junction that keeps intronic bases)."""
    from fusionviz.breakpoints import exon_boundary_position

    t = p.transcript
    if t is None or p.exon is None or not 1 <= p.exon <= t.n_exons:
        return 0
    boundary = exon_boundary_position(t, p.exon, p.role)
    delta = p.genomic_boundary.position - boundary
    return delta if t.strand == "+" else -delta


def is_exonic(p: PartnerResult) -> bool:
    """Whether the junction base lies in an exon of the transcript used."""
    t = p.transcript
    pos = p.genomic_boundary.position
    return t is not None and any(e.start <= pos <= e.end for e in t.exons)


def _offset_text(offset: int) -> str:
    return f"{offset:+d}" if offset else ""


def _gene_id(gene_id: str | None) -> str | None:
    if gene_id and gene_id.upper().startswith("ENSG"):
        return f"ensembl:{gene_id.split('.')[0]}"
    return None


def partner_gene_id(p: PartnerResult) -> str | None:
    """The partner's gene identifier as given by the annotation (transcript or locus)."""
    if p.transcript is not None:
        return p.transcript.gene_id
    return p.locus.gene_id if p.locus is not None else None


def _regulatory(af: AnnotatedFusion) -> bool:
    """A promoter / UTR fusion: the 5' partner gives no coding sequence and the 3'
    partner's protein can be made from its own or an internal start codon."""
    return (
        af.five_prime.region in ("5'UTR", "non-coding")
        and af.three_prime.transcript is not None
        and af.three_prime.region in ("CDS", "5'UTR")
    )


def _inserted(af: AnnotatedFusion) -> str:
    seq = af.request.junction_sequence
    return seq.inserted if seq is not None and is_assayed(af) else ""


def _component(p: PartnerResult) -> str:
    """A junction component (transcript and exon), or a gene component for a partner
    no transcript holds (``?`` for an intergenic base)."""
    if p.transcript is None or p.exon is None:
        return p.locus.symbol if p.locus is not None else "?"
    return f"{p.transcript.label}({p.gene}):e.{p.exon}{_offset_text(exon_offset(p))}"


def vicc_nomenclature(af: AnnotatedFusion) -> str:
    """The fusion in VICC nomenclature, with junction components: e.g.
    ``ENST00000389805.9(SQSTM1):e.5::ENST00000389048.8(ALK):e.19``; a promoter / UTR
    fusion starts with its regulatory element (``reg_p@TMPRSS2(ensembl:ENSG…)::…``),
    non-templated bases the caller saw at the junction are a linker (``::ACG::``)."""
    p5 = af.five_prime
    parts = []
    if _regulatory(af):
        gid = _gene_id(partner_gene_id(p5))
        parts.append(f"reg_p@{p5.gene}" + (f"({gid})" if gid else ""))
    parts.append(_component(p5))
    if _inserted(af):
        parts.append(_inserted(af))
    parts.append(_component(af.three_prime))
    return "::".join(parts)
