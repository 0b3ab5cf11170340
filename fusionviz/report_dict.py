"""AnnotatedFusion -> JSON-ready dict (``--json``, the web API, batch ``fusions.jsonl``).

The JSON field names listed in ``JSON_CONTRACT`` are stable; more may be added.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fusionviz import __version__
from fusionviz.features import Feature, group_features
from fusionviz.models import AnnotatedFusion, DomainVerdict, Junction, PartnerResult
from fusionviz.verdicts import headline_words
from fusionviz.vicc import vicc_nomenclature

if TYPE_CHECKING:
    from fusionviz.evidence import Assessment
    from fusionviz.known import KnownMatch


JSON_CONTRACT = (
    "name",
    "frame",
    "junction_class",
    "fusion_protein_length",
    "five_prime",
    "three_prime",
    "exon_numbering_alternatives",
    "provenance",
)


def read_as(af: AnnotatedFusion) -> tuple[str, tuple[str, ...]]:
    """How the input was read: the exons (``EML4 e13::ALK e20``; "" for genomic input) and,
    when the notation needed interpreting, the sentences that say how."""
    from fusionviz.notation import exon_form

    req, p5, p3 = af.request, af.five_prime, af.three_prime
    if req.five_prime.breakpoint or req.three_prime.breakpoint or None in (p5.exon, p3.exon):
        return "", req.reading
    return exon_form(p5.gene, p5.exon, p3.gene, p3.exon), req.reading


def _read_as_dict(af: AnnotatedFusion) -> dict[str, Any]:
    exons, notes = read_as(af)
    return {"fusion": exons or None, "notes": list(notes)}


def _read_as_needed(af: AnnotatedFusion) -> bool:
    exons, notes = read_as(af)
    plain = "".join(af.request.text.split()).upper()
    return bool(notes) or bool(exons and plain != "".join(exons.split()).upper())


def _extent(start: int, end: int, status: str, fraction: float, v: DomainVerdict) -> dict:
    """Where a domain or feature lies and how much of it the fusion keeps."""
    return {
        "start": start,
        "end": end,
        "status": status,
        "fraction_retained": fraction,
        "kept_start": v.kept_start,
        "kept_end": v.kept_end,
    }


def _domain_dict(v: DomainVerdict) -> dict[str, Any]:
    d = v.domain
    return {
        "name": d.name,
        "source": d.source,
        "accession": d.accession,
        "kind": d.kind,
        **_extent(d.start, d.end, v.status, v.fraction_retained, v),
    }


def _placement_dict(p: PartnerResult) -> dict[str, Any] | None:
    pl = p.placement
    if pl is None:
        return None
    return {
        "position": str(pl.position),
        "meaning": pl.meaning,
        "reading": pl.reading,
        "transcript": pl.transcript,
        "exon": pl.exon,
        "intron": pl.intron,
        "retained_bases": pl.retained,
        "statements": list(pl.statements),
        "alternatives": list(pl.alternatives),
    }


def _locus_dict(p: PartnerResult) -> dict[str, Any] | None:
    loc = p.locus
    if loc is None:
        return None
    return {
        "symbol": loc.symbol,
        "gene_id": loc.gene_id,
        "biotype": loc.biotype,
        "span": f"chr{loc.contig}:{loc.start}-{loc.end}:{loc.strand}",
    }


def _feature_dict(f: Feature) -> dict[str, Any]:
    v = f.verdict
    return {
        "name": f.name,
        "short_name": f.short,
        "family": f.family,
        "kind": f.kind,
        **_extent(f.start, f.end, f.status, f.fraction_retained, v),
        "sources": [
            {
                "source": m.domain.source,
                "accession": m.domain.accession,
                "name": m.domain.name,
                "start": m.domain.start,
                "end": m.domain.end,
            }
            for m in f.members
        ],
    }


def _partner_dict(p: PartnerResult) -> dict[str, Any]:
    t = p.transcript
    return {
        "gene": p.gene,
        "gene_as_given": p.gene_as_given or p.gene,
        "transcript_id": t.transcript_id if t else None,
        "transcript_name": t.name if t else None,
        "refseq": t.refseq if t else None,
        "mane_select": t.is_mane_select if t else False,
        "canonical": t.is_canonical if t else False,
        "exon": p.exon,
        "exon_count": t.n_exons if t else None,
        "region": p.region,
        "cds_boundary_nt": p.cds_boundary_nt,
        "phase": p.phase,
        "genomic_boundary": str(p.genomic_boundary),
        "protein_length": p.protein_length,
        "kept_aa": list(p.kept_aa) if p.kept_aa else None,
        "domains": [_domain_dict(v) for v in p.domains],
        # The same records grouped: one entry per feature, every source listed.
        "features": [_feature_dict(f) for f in group_features(p.domains)],
        "sequence_available": p.sequence is not None,
        "placement": _placement_dict(p),
        "locus": _locus_dict(p),
    }


def _label(p: PartnerResult) -> str:
    return p.transcript_label


def provenance_dict(af: AnnotatedFusion) -> dict[str, Any]:
    """Provenance of one annotation: tool, sources, transcripts with versions."""
    return {
        "tool": f"fusionviz {__version__}",
        "sources": [s.as_dict() for s in af.provenance],
        "transcripts": {
            "five_prime": _label(af.five_prime),
            "three_prime": _label(af.three_prime),
        },
    }


def _junction_dict(j: Junction) -> dict[str, Any]:
    return {
        "inserted_bases": j.inserted_bases,
        "unread_bases": j.unread_bases,
        "five_end_phase": j.five_end_phase,
        "three_start_phase": j.three_start_phase,
        "split_codon": j.split_codon,
        "bases_from_5p": j.bases_from_5p,
        "bases_from_3p": j.bases_from_3p,
        "junction_residue": j.junction_residue,
        "explanation": list(j.explanation),
    }


def _protein_dict(af: AnnotatedFusion) -> dict[str, Any]:
    return {
        "length": af.protein.length,
        "segments": [
            {
                "kind": s.kind,
                "gene": s.gene,
                "partner_start": s.partner_start,
                "partner_end": s.partner_end,
                "fusion_start": s.fusion_start,
                "fusion_end": s.fusion_end,
            }
            for s in af.protein.segments
        ],
        "sequence": af.protein.sequence,
        "notes": list(af.protein.notes),
    }


def _alternatives_list(af: AnnotatedFusion) -> list[dict[str, Any]]:
    return [
        {
            "five_prime_transcript": a.five_transcript,
            "five_prime_exon": a.five_exon,
            "three_prime_transcript": a.three_transcript,
            "three_prime_exon": a.three_exon,
            "frame": a.frame,
            "reason": a.reason,
        }
        for a in af.alternatives
    ]


def _readings_list(af: AnnotatedFusion) -> list[dict[str, Any]]:
    return [
        {
            "five_prime_transcript": r.five_transcript,
            "five_prime_exon": r.five_exon,
            "three_prime_transcript": r.three_transcript,
            "three_prime_exon": r.three_exon,
            "frame": r.frame,
            "junction_class": r.junction_class,
        }
        for r in af.junction_readings
    ]


def to_dict(
    af: AnnotatedFusion,
    known: KnownMatch | None = None,
    assessment: Assessment | None = None,
) -> dict[str, Any]:
    """The JSON contract for one fusion (with ``known_fusion`` when matched and
    ``assessment``, the evidence list, when given)."""
    j = af.junction
    data = {
        "name": af.names.hgnc,
        "short_name": af.names.short,
        "hgvs": af.names.hgvs,
        "vicc_nomenclature": vicc_nomenclature(af),
        "input": af.request.text,
        "frame": af.frame,
        "headline": headline_words(af),
        "junction_class": j.junction_class,
        "fusion_protein_length": af.protein.length,
        "frame_verified": j.verified,
        "conditional_protein_length": af.protein.conditional_length,
        "junction": _junction_dict(j),
        "fusion_protein": _protein_dict(af),
        "five_prime": _partner_dict(af.five_prime),
        "three_prime": _partner_dict(af.three_prime),
        "verdicts": list(af.verdicts),
        "exon_numbering_alternatives": _alternatives_list(af),
        "junction_readings": _readings_list(af),
        "warnings": list(af.warnings),
        "read_as": _read_as_dict(af),
        "caller_fields": dict(af.extra),
        "provenance": provenance_dict(af),
    }
    if known is not None:
        data["known_fusion"] = known.as_dict()
    if assessment is not None:
        data["assessment"] = assessment.as_dict()
    if af.request.lifted is not None:
        data["liftover"] = liftover_dict(af)
    return data


def liftover_dict(af: AnnotatedFusion) -> dict[str, Any]:
    """Both coordinates of a lifted request (the input's build and the annotation's)."""
    lo = af.request.lifted
    assert lo is not None
    req = af.request

    def pos(p: Any) -> str | None:
        return None if p is None else str(p)

    return {
        "from_build": lo.from_build,
        "to_build": lo.to_build,
        "five_prime": {"input": pos(lo.five_prime), "lifted": pos(req.five_prime.breakpoint)},
        "three_prime": {"input": pos(lo.three_prime), "lifted": pos(req.three_prime.breakpoint)},
        "chain": lo.chain,
    }
