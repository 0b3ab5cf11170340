"""The VICC nomenclature string (junction components) and what it is built from."""

from __future__ import annotations

from fusionviz import coordinates as co
from fusionviz.models import AnnotatedFusion, PartnerResult


def is_assayed(af: AnnotatedFusion) -> bool:
    """True for a fusion from genomic breakpoints or a caller row (an AssayedFusion);
    False for exon-level input (a CategoricalFusion)."""
    req = af.request
    if req.five_prime.breakpoint is not None or req.three_prime.breakpoint is not None:
        return True
    return any(k == "caller" for k, _ in req.extra)


def exon_offset(p: PartnerResult) -> int:
    """Transcript bases from the exon's junction-side boundary to the junction base
    (0 at an exon boundary; negative towards the transcript's 5' end)."""
    t = p.transcript
    tx = co.genomic_to_tx(t, p.genomic_boundary.position)
    if tx is None or not 1 <= p.exon <= t.n_exons:
        return 0
    first, last = co.exon_tx_spans(t)[p.exon - 1]
    return tx - (last if p.role == "5'" else first)


def _offset_text(offset: int) -> str:
    return f"{offset:+d}" if offset else ""


def _gene_id(gene_id: str | None) -> str | None:
    if gene_id and gene_id.upper().startswith("ENSG"):
        return f"ensembl:{gene_id.split('.')[0]}"
    return None


def _regulatory(af: AnnotatedFusion) -> bool:
    """A promoter / UTR fusion: the 5' partner gives no coding sequence and the 3'
    partner's protein can be made from its own or an internal start codon."""
    return af.five_prime.region in ("5'UTR", "non-coding") and af.three_prime.region in (
        "CDS",
        "5'UTR",
    )


def _inserted(af: AnnotatedFusion) -> str:
    seq = af.request.junction_sequence
    return seq.inserted if seq is not None and is_assayed(af) else ""


def vicc_nomenclature(af: AnnotatedFusion) -> str:
    """The fusion in VICC nomenclature, with junction components: e.g.
    ``ENST00000389805.9(SQSTM1):e.5::ENST00000389048.8(ALK):e.19``; a promoter / UTR
    fusion starts with its regulatory element (``reg_p@TMPRSS2(ensembl:ENSG…)::…``),
    non-templated bases the caller saw at the junction are a linker (``::ACG::``)."""
    p5, p3 = af.five_prime, af.three_prime
    parts = []
    if _regulatory(af):
        gid = _gene_id(p5.transcript.gene_id)
        parts.append(f"reg_p@{p5.gene}" + (f"({gid})" if gid else ""))
    parts.append(f"{p5.transcript.label}({p5.gene}):e.{p5.exon}{_offset_text(exon_offset(p5))}")
    if _inserted(af):
        parts.append(_inserted(af))
    parts.append(f"{p3.transcript.label}({p3.gene}):e.{p3.exon}{_offset_text(exon_offset(p3))}")
    return "::".join(parts)
