"""Structural elements, genomic junction ends, genes, domains and frame of a VICC object."""

from __future__ import annotations

import re
from typing import Any

from fusionviz.models import AnnotatedFusion, DomainVerdict, PartnerResult, Transcript
from fusionviz.vicc.nomenclature import _gene_id, exon_offset, is_exonic, partner_gene_id

#: RefSeq accessions of the GRCh38 chromosomes (GRCh38.p14, NCBI assembly
#: GCF_000001405.40). Used as the name of genomic locations; other builds get none.
GRCH38_CHROMOSOMES = {
    "1": "NC_000001.11", "2": "NC_000002.12", "3": "NC_000003.12", "4": "NC_000004.12",
    "5": "NC_000005.10", "6": "NC_000006.12", "7": "NC_000007.14", "8": "NC_000008.11",
    "9": "NC_000009.12", "10": "NC_000010.11", "11": "NC_000011.10", "12": "NC_000012.12",
    "13": "NC_000013.11", "14": "NC_000014.9", "15": "NC_000015.10", "16": "NC_000016.10",
    "17": "NC_000017.11", "18": "NC_000018.10", "19": "NC_000019.10", "20": "NC_000020.11",
    "21": "NC_000021.9", "22": "NC_000022.11", "X": "NC_000023.11", "Y": "NC_000024.10",
}  # fmt: skip

#: fusor's value for every transcript that is not MANE Select (cool-seq-tool labels
#: any non-MANE transcript so); it does not mean fusionviz compared lengths.
OTHER_TRANSCRIPT_STATUS = "longest_compatible_remaining"

_DOMAIN_CURIES = (
    (re.compile(r"^PF\d{5}$"), "pfam"),
    (re.compile(r"^IPR\d{6}$"), "interpro"),
    (re.compile(r"^SM\d{5}$"), "smart"),
    (re.compile(r"^PS\d{5}$"), "prosite"),
)


def gene_concept(gene: str, gene_id: str | None) -> dict[str, Any]:
    """A gene as a GA4GH MappableConcept (Ensembl gene ID as its primary coding)."""
    out: dict[str, Any] = {"conceptType": "Gene", "name": gene}
    gid = _gene_id(gene_id)
    if gid:
        code = gid.split(":", 1)[1]
        out["primaryCoding"] = {
            "id": gid,
            "code": code,
            "system": "https://www.ensembl.org/id/",
        }
    return out


def _transcript_curie(t: Transcript) -> str | None:
    ident = t.transcript_id or t.name
    if ident.upper().startswith("ENS"):
        return f"ensembl:{ident}"
    if re.match(r"^[NX][MR]_\d", ident.upper()):
        return f"refseq:{ident}"
    return None


def _junction_location(p: PartnerResult, build: str | None) -> dict[str, Any]:
    b = p.genomic_boundary.position
    assert p.transcript is not None
    plus = p.transcript.strand == "+"
    loc: dict[str, Any] = {"type": "SequenceLocation"}
    accession = GRCH38_CHROMOSOMES.get(p.transcript.contig) if build == "GRCh38" else None
    if accession:
        loc["name"] = accession
    if p.role == "5'":
        loc.update({"end": b} if plus else {"start": b - 1})
    else:
        loc.update({"start": b - 1} if plus else {"end": b})
    loc["extensions"] = [{"name": "is_exonic", "value": is_exonic(p)}]
    return loc


def _segment(p: PartnerResult, build: str | None) -> dict[str, Any]:
    t = p.transcript
    concept = gene_concept(p.gene, partner_gene_id(p))
    if t is None or p.exon is None:
        # No transcript holds the base: a non-coding locus is named at gene level;
        # an intergenic base has no gene.
        if p.locus is None:
            return {"type": "UnknownGeneElement"}
        return {"type": "GeneElement", "gene": gene_concept(p.locus.symbol, p.locus.gene_id)}
    curie = _transcript_curie(t)
    if curie is None:  # an identifier no registry knows (a local GTF): gene level only
        return {"type": "GeneElement", "gene": concept}
    side = "End" if p.role == "5'" else "Start"
    return {
        "type": "TranscriptSegmentElement",
        "transcript": curie,
        "transcriptStatus": "mane_select" if t.is_mane_select else OTHER_TRANSCRIPT_STATUS,
        "strand": 1 if t.strand == "+" else -1,
        f"exon{side}": p.exon,
        f"exon{side}Offset": exon_offset(p),
        "gene": concept,
        f"elementGenomic{side}": _junction_location(p, build),
    }


def _domain_curie(v: DomainVerdict) -> str | None:
    acc = (v.domain.accession or "").strip()
    for pattern, prefix in _DOMAIN_CURIES:
        if pattern.match(acc):
            return f"{prefix}:{acc}"
    return None


def _domain_status(v: DomainVerdict) -> str | None:
    """preserved / lost, or None for a domain only partly kept (25 % or more), which
    the specification's two values cannot state."""
    from fusionviz.domains import LOST_IN_WORDS_BELOW

    if v.status == "retained":
        return "preserved"
    if v.status == "lost" or v.fraction_retained < LOST_IN_WORDS_BELOW:
        return "lost"
    return None


def _domains(af: AnnotatedFusion) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Functional domains (preserved / lost) of both partners, from the verdict features,
    and the partly kept ones that neither value describes."""
    from fusionviz.domains import preferred

    domains, partial = [], []
    for p in (af.five_prime, af.three_prime):
        concept = gene_concept(p.gene, partner_gene_id(p))
        for v in preferred(p.domains):
            status = _domain_status(v)
            if status is None:
                partial.append(
                    {
                        "gene": p.gene,
                        "label": v.domain.name,
                        "id": _domain_curie(v),
                        "fractionRetained": v.fraction_retained,
                    }
                )
                continue
            domains.append(
                {
                    "type": "FunctionalDomain",
                    "status": status,
                    "associatedGene": concept,
                    "id": _domain_curie(v),
                    "label": v.domain.name,
                }
            )
    return domains, partial


def reading_frame_preserved(af: AnnotatedFusion) -> bool | None:
    """True / False for an in-frame / out-of-frame call; None where frame does not
    apply and where the call is not verified (it holds only if bases the annotation
    does not give, e.g. a 5' UTR or retained intron, hold no stop codon)."""
    if not af.junction.verified:
        return None
    return {"in-frame": True, "out-of-frame": False}.get(af.frame)
