"""The VICC Gene Fusion Specification: an AnnotatedFusion as a ``CategoricalFusion``
(exon-level input) or an ``AssayedFusion`` (genomic breakpoints, caller rows), and
the VICC nomenclature string.

Field names, nesting and value sets are those of the reference implementation's
pydantic models (PyPI ``fusor==0.10.4``, ``fusor.models``); the tests validate
every shape fusionviz writes against them. Building the JSON needs no extra
package; :func:`to_fusor` (the ``fusionviz[vicc]`` extra) returns fusor's own
model objects. What fusionviz leaves out, and why, is in ``docs/vicc.md``.

Coordinates (VRS, which the specification uses): inter-residue, 0-based. A
junction base b (1-based) is the interval (b-1, b); as in fusor / cool-seq-tool
only the junction side of each segment is given:

    5' partner, segment end    + strand: end = b        - strand: start = b - 1
    3' partner, segment start  + strand: start = b - 1  - strand: end = b

Exon offsets count transcript bases from the exon's boundary: negative towards
the transcript's 5' end, positive towards its 3' end.
"""

from __future__ import annotations

import json
import re
from typing import Any

from fusionviz import coordinates as co
from fusionviz.models import AnnotatedFusion, DomainVerdict, PartnerResult, Transcript

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

#: Publications of the callers whose rows fusionviz reads (the Assay methodUri).
CALLER_METHODS = {
    "STAR-Fusion": "doi:10.1186/s13059-019-1842-9",  # Haas et al., Genome Biol 2019
    "Arriba": "pmid:33441414",  # Uhrig et al., Genome Res 2021
    "FusionCatcher": "doi:10.1101/011650",  # Nicorici et al., bioRxiv 2014
}

#: fusor's value for every transcript that is not MANE Select (cool-seq-tool labels
#: any non-MANE transcript so); it does not mean fusionviz compared lengths.
OTHER_TRANSCRIPT_STATUS = "longest_compatible_remaining"

_DOMAIN_CURIES = (
    (re.compile(r"^PF\d{5}$"), "pfam"),
    (re.compile(r"^IPR\d{6}$"), "interpro"),
    (re.compile(r"^SM\d{5}$"), "smart"),
    (re.compile(r"^PS\d{5}$"), "prosite"),
)
_ARRIBA_REARRANGEMENTS = ("translocation", "inversion", "duplication", "deletion")


# --------------------------------------------------------------------------- nomenclature


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


# --------------------------------------------------------------------------- elements


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
    plus = p.transcript.strand == "+"
    loc: dict[str, Any] = {"type": "SequenceLocation"}
    accession = GRCH38_CHROMOSOMES.get(p.transcript.contig) if build == "GRCh38" else None
    if accession:
        loc["name"] = accession
    if p.role == "5'":
        loc.update({"end": b} if plus else {"start": b - 1})
    else:
        loc.update({"start": b - 1} if plus else {"end": b})
    loc["extensions"] = [{"name": "is_exonic", "value": True}]
    return loc


def _segment(p: PartnerResult, build: str | None) -> dict[str, Any]:
    t = p.transcript
    curie = _transcript_curie(t)
    concept = gene_concept(p.gene, t.gene_id)
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
        concept = gene_concept(p.gene, p.transcript.gene_id)
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
    apply, and for a junction into the 3' partner's 5' UTR, whose frame holds only if
    that UTR has no stop codon (not checkable from the annotation)."""
    if af.junction.junction_class == "CDS::5'UTR":
        return None
    return {"in-frame": True, "out-of-frame": False}.get(af.frame)


# --------------------------------------------------------------------------- assayed fields


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


# --------------------------------------------------------------------------- objects


def _build(af: AnnotatedFusion) -> str | None:
    """The genome build of the annotation used (GRCh38 unless its provenance says)."""
    from fusionviz.callers import normalise_build

    for info in af.provenance:
        build = dict(info.details).get("genome_build")
        if build:
            return normalise_build(build)
    return "GRCh38"


def to_vicc(af: AnnotatedFusion) -> dict[str, Any]:
    """The fusion as a VICC Gene Fusion Specification object (JSON-ready dict):
    a ``CategoricalFusion`` for exon-level input, an ``AssayedFusion`` for genomic
    breakpoints and caller rows."""
    out = _junction_part(af)
    if out["type"] == "AssayedFusion":
        out.update(_row_part(af))
    return out


def _junction_part(af: AnnotatedFusion) -> dict[str, Any]:
    """Everything that depends only on the junction and the transcripts used."""
    build = _build(af)
    assayed = is_assayed(af)
    structure = [_segment(af.five_prime, build)]
    inserted = _inserted(af)
    if inserted:
        structure.append(
            {
                "type": "LinkerSequenceElement",
                "linkerSequence": {"type": "LiteralSequenceExpression", "sequence": inserted},
            }
        )
    structure.append(_segment(af.three_prime, build))
    out: dict[str, Any] = {"type": "AssayedFusion" if assayed else "CategoricalFusion"}
    if _regulatory(af):
        p5 = af.five_prime
        out["regulatoryElement"] = {
            "type": "RegulatoryElement",
            "regulatoryClass": "promoter",
            "associatedGene": gene_concept(p5.gene, p5.transcript.gene_id),
        }
    out["structure"] = structure
    out["readingFramePreserved"] = reading_frame_preserved(af)
    out["viccNomenclature"] = vicc_nomenclature(af)
    if assayed:
        return out
    domains, partial = _domains(af)
    if domains:
        out["criticalFunctionalDomains"] = domains
    if partial:
        out["extensions"] = [
            {
                "name": "fusionviz_partly_retained_domains",
                "value": partial,
                "description": "domains the fusion keeps in part (25 % or more, not all); "
                "the specification's statuses are only preserved and lost",
            }
        ]
    return out


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


class VICCLines:
    """JSON lines of VICC objects for a stream of fusions (``fusions.vicc.jsonl``):
    the junction-dependent part is built and serialised once per distinct junction
    and transcript pair; each row adds its own read data, event and assay."""

    def __init__(self, size: int = 4096) -> None:
        self.size = size
        self.memo: dict[tuple, tuple[str, str]] = {}

    def _head(self, af: AnnotatedFusion) -> tuple[str, str]:
        req = af.request
        key = (
            req.five_prime,
            req.three_prime,
            req.breakpoint_meaning,
            _inserted(af),
            is_assayed(af),
            af.five_prime.transcript.label,
            af.three_prime.transcript.label,
        )
        hit = self.memo.get(key)
        if hit is None:
            part = _junction_part(af)
            hit = (json.dumps(part, ensure_ascii=False)[:-1], part["viccNomenclature"])
            if len(self.memo) >= self.size:
                self.memo.pop(next(iter(self.memo)))
            self.memo[key] = hit
        return hit

    def nomenclature(self, af: AnnotatedFusion) -> str:
        """The VICC nomenclature of the fusion (from the cache)."""
        return self._head(af)[1]

    def line(self, af: AnnotatedFusion) -> str:
        """One JSON line, equal to ``json.dumps(to_vicc(af))``."""
        head = self._head(af)[0]
        if not is_assayed(af):
            return head + "}\n"
        row = _row_part(af)
        if not row:
            return head + "}\n"
        return head + ", " + json.dumps(row, ensure_ascii=False)[1:-1] + "}\n"


def to_fusor(af: AnnotatedFusion) -> Any:
    """The fusion as fusor's own model object (``fusor.models.CategoricalFusion`` or
    ``AssayedFusion``); needs the ``fusionviz[vicc]`` extra."""
    return validate(to_vicc(af))


def validate(data: dict[str, Any]) -> Any:
    """Validate a VICC object against fusor's pydantic models; returns the model.

    Raises :class:`~fusionviz.errors.FusionvizError` when fusor is not installed and
    pydantic's ValidationError when the object does not conform.
    """
    try:
        from fusor import models
    except ImportError:  # pragma: no cover - depends on the environment
        from fusionviz.errors import FusionvizError

        raise FusionvizError(
            "validating VICC objects needs fusor: pip install --prefer-binary 'fusionviz[vicc]'"
        ) from None
    cls = models.AssayedFusion if data.get("type") == "AssayedFusion" else models.CategoricalFusion
    return cls.model_validate(data)
