"""Partners that no coding transcript holds: non-coding genes, immunoglobulin and
T-cell receptor loci, read-through loci and intergenic bases.

Such a row is valid and has a clear answer (no protein from that partner); it is
never an error. The names, spans and biotypes come from the annotation source's
loci (``loci_at``, ``nearest_loci``, ``locus``: every GENCODE/Ensembl gene of any
biotype), when the source has them.
"""

from __future__ import annotations

from collections.abc import Sequence

from fusionviz.breakpoints import Site, outside_by
from fusionviz.errors import AnnotationDataError
from fusionviz.models import GenomicPosition, Locus, Region, Role
from fusionviz.sources.base import AnnotationSource

#: How far from a named gene (bp) an intergenic base is still described by that gene.
NEAR = 1_000_000

_RECEPTOR = {"IG": "immunoglobulin", "TR": "T-cell receptor"}


def biotype_words(locus: Locus) -> str:
    """'a lncRNA', 'a pseudogene', 'an immunoglobulin gene segment (IGH locus)' ..."""
    b = locus.biotype
    if b.startswith(("IG_", "TR_")):
        kind = _RECEPTOR[b[:2]]
        segment = locus.symbol[:3] if locus.symbol[:3] in ("IGH", "IGK", "IGL") else ""
        where = f" ({segment} locus)" if segment else ""
        return f"a {kind} gene segment{where}"
    if "pseudogene" in b:
        return "a pseudogene"
    if b == "lncRNA":
        return "a lncRNA"
    if "readthrough" in locus.description.lower():
        return "a read-through locus"
    if b == "protein_coding":
        return "a protein-coding gene without a coding structure in the annotation used"
    return f"a {b.replace('_', ' ')} gene"


def describe_locus(locus: Locus | None) -> str:
    """One sentence for a partner that is a non-coding locus."""
    if locus is None:
        return "intergenic: no annotated gene"
    return (
        f"{locus.symbol} is {biotype_words(locus)} ({locus.biotype}, {locus.gene_id or 'no id'}, "
        f"chr{locus.contig}:{locus.start}-{locus.end}:{locus.strand}): no protein from this "
        "partner"
    )


def _size(distance: int) -> str:
    return f"{abs(distance) / 1000:.0f} kb" if abs(distance) >= 1000 else f"{abs(distance)} bp"


def _distance_words(distance: int, locus: Locus) -> str:
    """'12 kb downstream of X' (distance signed in genomic coordinates)."""
    up = (distance < 0) == (locus.strand == "+")
    return f"{_size(distance)} {'upstream' if up else 'downstream'} of {locus.symbol}"


def outside_coding(locus: Locus, sites: Sequence[Site], role: Role, bp: GenomicPosition) -> str:
    """A base in a coding gene's span but away from every coding transcript of it (the
    ``sites``, all upstream or downstream of their transcripts): the statement when the
    partner keeps none of the gene's coding sequence (a 5' partner ending before every
    transcript, a 3' partner starting after every one). Otherwise the partner could keep
    all of it through exons the annotation does not hold, and AnnotationDataError says
    that nothing here decides it."""
    kinds = {s.kind for s in sites}
    side = next(iter(kinds)) if len(kinds) == 1 else "outside"  # upstream / downstream
    away = _size(min(outside_by(s) for s in sites))
    sym, part = locus.symbol, f"{role} part"
    span = f"chr{locus.contig}:{locus.start}-{locus.end}:{locus.strand}"
    where = (
        f"{bp} lies in the {sym} gene ({locus.biotype}, {locus.gene_id or 'no id'}, {span}), "
        f"{away} {side} of every {sym} coding transcript of the annotation used"
    )
    if side == ("upstream" if role == "5'" else "downstream"):
        return f"{where}: the {part} keeps no {sym} coding sequence; no protein from this partner"
    raise AnnotationDataError(
        f"{where}, in exons it does not hold: the {part} could keep all of {sym}'s coding "
        "sequence, so its frame and protein cannot be computed here; the caller's annotation "
        "(--gtf, --release) would decide"
    )


def locus_for(
    source: AnnotationSource, gene: str | None, bp: GenomicPosition
) -> tuple[Locus | None, Region | None, str]:
    """What a partner is when no coding transcript holds its base: (locus, region,
    statement). (None, None, '') when the source has no loci to say it."""
    lookup = getattr(source, "locus", None)
    at = getattr(source, "loci_at", None)
    nearest = getattr(source, "nearest_loci", None)
    if lookup is None or at is None:
        return None, None, ""
    named = lookup(gene) if gene else None
    if named is not None and named.contig == bp.contig and named.start <= bp.position <= named.end:
        return named, "non-coding", describe_locus(named)
    here = [x for x in at(bp.contig, bp.position) if x.biotype != "protein_coding"] or list(
        at(bp.contig, bp.position)
    )
    if bp.strand:
        here.sort(key=lambda x: x.strand != bp.strand)
    if here:
        return here[0], "non-coding", describe_locus(here[0])
    return None, "intergenic", _intergenic_words(bp, named, nearest)


def _intergenic_words(bp: GenomicPosition, named: Locus | None, nearest) -> str:
    if named is not None and named.contig == bp.contig:
        return (
            f"intergenic at {bp}: {named.relation(bp.position)}, the gene the input names "
            "(the base is not in it: a caller naming the nearest gene, or a wrong gene or "
            "genome build); no protein from this partner"
        )
    near = nearest(bp.contig, bp.position, 2) if nearest else ()
    if near:
        words = "; ".join(_distance_words(d, x) for x, d in near)
        return f"intergenic at {bp} ({words}): no protein from this partner"
    return f"intergenic at {bp}: no protein from this partner"
