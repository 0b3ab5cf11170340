"""Criteria 2-4: what the fusion keeps of the partners' functional, oligomerization
and regulatory domains, read from the engine's domain verdicts and the curated
family classes (pure: no data access beyond the arguments).
"""

from __future__ import annotations

from collections.abc import Sequence

from fusionviz import domains as dm
from fusionviz.evidence.domain_hits import Hit, best_source, curated_hits, hits
from fusionviz.evidence.models import Criterion, CuratedFeature, Status
from fusionviz.evidence.tables import ClassIndex
from fusionviz.models import AnnotatedFusion, DomainVerdict, PartnerResult

#: Below this fraction a truncated regulatory region counts as removed (the engine's
#: own threshold for saying "lost (k of n aa kept)").
REMOVED_BELOW = dm.LOST_IN_WORDS_BELOW
#: A truncated coiled coil still counts as an oligomerization domain when the fusion
#: keeps at least this many of its residues: the length of the EML4 trimerization
#: domain (residues 6-64, Richards et al., Biochem J 2015), the shortest coiled coil in
#: the curated tables shown to self-associate.
MIN_COILED_COIL_AA = 59
FUNCTIONAL = ("kinase", "DNA-binding")
_FUNCTIONAL_TITLE = "3' functional domain"
_OLIGOMERIZATION_TITLE = "5' oligomerization domain"


# --------------------------------------------------------------------------- criterion 2


def functional_criterion(af: AnnotatedFusion, index: ClassIndex) -> Criterion:
    """Criterion 2: the 3' partner's kinase / DNA-binding domain kept intact."""
    p3, g3 = af.three_prime, af.three_prime.gene
    found = hits(p3, index, FUNCTIONAL)
    unjudged = _functional_unjudged(af, index, found)
    if unjudged is not None:
        return unjudged
    chosen = [h for cls in FUNCTIONAL for h in best_source([x for x in found if x.cls == cls])]
    family = chosen[0].family
    status, finding = _functional_finding(g3, p3.kept_aa is None, chosen)
    if status != "present":
        finding += _five_prime_kept(af, index)
    words = {"present": "intact", "absent": "not kept", "unknown": "truncated"}[status]
    return Criterion(
        "functional_domain",
        _FUNCTIONAL_TITLE,
        status,
        finding,
        sources=tuple(dict.fromkeys(h.source_line() for h in chosen)),
        data=(
            ("gene", g3),
            ("class", chosen[0].cls),
            ("domains", tuple(_verdict_data(h) for h in chosen)),
        ),
        short=f"{g3} {family} {words}",
    )


def _functional_unjudged(
    af: AnnotatedFusion, index: ClassIndex, found: list[Hit]
) -> Criterion | None:
    """Criterion 2 when there is no functional domain to judge (no protein, no domain
    annotation, no kinase or DNA-binding domain); None otherwise."""
    p3, g3 = af.three_prime, af.three_prime.gene
    title = _FUNCTIONAL_TITLE
    if p3.transcript is None:
        return Criterion(
            "functional_domain",
            title,
            "not applicable",
            f"{g3} is {_no_protein(p3)}: no protein-coding transcript holds the junction",
            short=f"no {g3} protein",
        )
    if not p3.domains:
        return Criterion(
            "functional_domain",
            title,
            "unknown",
            f"no domain annotation for the {g3} protein of {p3.transcript_label} in the "
            "annotation source; a domain file (--domains) or the MANE transcript would decide",
            short=f"{g3} domains not annotated",
        )
    if not found:
        return Criterion(
            "functional_domain",
            title,
            "not applicable",
            f"{g3} has no kinase or DNA-binding domain in the annotation"
            + _five_prime_kept(af, index),
            short=f"no {g3} kinase or DNA-binding domain",
        )
    return None


def _functional_finding(g3: str, out_of_frame: bool, chosen: list[Hit]) -> tuple[Status, str]:
    """The status and the sentence for the chosen functional domains of ``g3``."""
    statuses = {h.verdict.status for h in chosen}
    if out_of_frame:
        status: Status = "absent"
        finding = (
            f"{g3} " + "; ".join(h.where for h in chosen) + " not translated in frame "
            "(the junction is out of frame)"
        )
    elif statuses == {"retained"}:
        status, finding = "present", f"{g3} " + "; ".join(h.describe() for h in chosen)
    elif statuses == {"lost"}:
        status, finding = "absent", f"{g3} " + "; ".join(h.describe() for h in chosen)
    else:
        status = "unknown"
        finding = (
            f"{g3} " + "; ".join(h.describe() for h in chosen) + "; whether the "
            "truncated domain still works is not decided by the annotation"
        )
    return status, finding


def _no_protein(p: PartnerResult) -> str:
    """'a lncRNA locus', 'intergenic', 'antisense' for a partner without a transcript."""
    if p.locus is not None:
        return f"a {p.locus.biotype} locus"
    return p.region


def _five_prime_kept(af: AnnotatedFusion, index: ClassIndex) -> str:
    """'; the 5' partner PAX3 keeps its ...' when the 5' partner keeps a kinase or
    DNA-binding domain (the functional part then comes from the 5' side)."""
    kept = [h for h in hits(af.five_prime, index, FUNCTIONAL) if h.verdict.status == "retained"]
    if not kept:
        return ""
    best = best_source(kept)
    return f"; the 5' partner {af.five_prime.gene} keeps its " + ", ".join(
        dict.fromkeys(h.where for h in best)
    )


def _verdict_data(h: Hit) -> dict:
    v, d = h.verdict, h.verdict.domain
    return {
        "name": h.label,
        "family": h.family,
        "source": d.source,
        "accession": d.accession,
        "start": d.start,
        "end": d.end,
        "status": v.status,
        "kept_aa": v.kept_aa,
        "fraction_retained": v.fraction_retained,
    }


# --------------------------------------------------------------------------- criterion 3


def oligomerization_hits(
    p5: PartnerResult, index: ClassIndex, features: Sequence[CuratedFeature]
) -> list[Hit]:
    """Every oligomerization feature of the 5' partner: curated first, then by database."""
    found = curated_hits(p5, features, "oligomerization") + hits(p5, index, ("oligomerization",))
    return sorted(found, key=lambda h: (h.rank, h.verdict.domain.start))


def counts(h: Hit) -> bool:
    """Whether a kept feature supports the criterion: fully kept, or a coiled coil of
    which at least :data:`MIN_COILED_COIL_AA` residues are kept."""
    v = h.verdict
    if v.status == "retained":
        return True
    return v.status == "truncated" and "coiled coil" in h.family and v.kept_aa >= MIN_COILED_COIL_AA


def oligomerization_criterion(
    af: AnnotatedFusion, index: ClassIndex, features: Sequence[CuratedFeature]
) -> Criterion:
    """Criterion 3: the 5' partner contributes an oligomerization domain."""
    p5, g5 = af.five_prime, af.five_prime.gene
    title = _OLIGOMERIZATION_TITLE
    if p5.kept_aa is None:
        return Criterion(
            "oligomerization",
            title,
            "not applicable",
            f"{g5} contributes no protein ({af.junction.junction_class})",
            short=f"no {g5} protein",
        )
    found = oligomerization_hits(p5, index, features)
    kept = f"aa {p5.kept_aa[0]}-{p5.kept_aa[1]}"
    supporting = [h for h in found if counts(h)]
    partial = [h for h in found if h.verdict.status == "truncated" and not counts(h)]
    sources = tuple(dict.fromkeys(h.source_line() for h in (supporting or partial or found)))
    data = (
        ("gene", g5),
        ("kept_aa", p5.kept_aa),
        ("features", tuple(_verdict_data(h) for h in found)),
    )
    if supporting:
        return _oligomerization_kept(g5, kept, supporting, data)
    if partial:
        h = partial[0]
        return Criterion(
            "oligomerization",
            title,
            "unknown",
            f"{g5} {h.describe()}; whether the kept part self-associates is not "
            "decided by the annotation",
            sources=sources,
            data=data,
            short=f"{g5} {h.family} truncated",
        )
    if not p5.domains and not found:
        return Criterion(
            "oligomerization",
            title,
            "unknown",
            f"no domain annotation for the {g5} protein of {p5.transcript_label}",
            short=f"{g5} domains not annotated",
        )
    lost = f"; lost: {', '.join(dict.fromkeys(h.where for h in found))}" if found else ""
    return Criterion(
        "oligomerization",
        title,
        "absent",
        f"no oligomerization domain annotated in the part of {g5} the fusion keeps ({kept})"
        f"{lost}; the annotation is not proof of absence",
        sources=sources,
        data=data,
        short=f"no {g5} oligomerization domain annotated",
    )


def _oligomerization_kept(g5: str, kept: str, supporting: list[Hit], data: tuple) -> Criterion:
    """Criterion 3 met: the 5' partner keeps an oligomerization domain (the first one
    found leads; other families are named after it)."""
    lead = supporting[0]
    others = list({h.family: h for h in supporting[1:] if h.family != lead.family}.values())
    finding = f"{g5} {kept} keep the {_kept_words(lead)}"
    if others:
        finding += "; also " + ", ".join(h.where for h in others)
    sources = tuple(h.source_line() for h in [lead, *others])
    return Criterion(
        "oligomerization",
        _OLIGOMERIZATION_TITLE,
        "present",
        finding,
        sources=sources,
        data=data,
        short=f"{g5} {_without_gene(lead.label, g5)} kept",
    )


def _without_gene(label: str, gene: str) -> str:
    return label[len(gene) + 1 :] if label.upper().startswith(gene.upper() + " ") else label


def _kept_words(h: Hit) -> str:
    v = h.verdict
    if v.status == "retained":
        return f"{h.where} (fully)"
    return f"{h.where}: {v.kept_aa} of {v.domain.length} aa of the coiled coil"


# --------------------------------------------------------------------------- criterion 4


def regulatory_criterion(af: AnnotatedFusion, index: ClassIndex) -> Criterion:
    """Criterion 4: regulatory regions of a 3' kinase removed (a receptor's
    extracellular region and, said separately, its transmembrane segment; a RAF kinase's
    RAS-binding domain). Not applicable when the 3' partner has no kinase domain."""
    p3, g3 = af.three_prime, af.three_prime.gene
    title = "3' regulatory region removed"
    if not hits(p3, index, ("kinase",)):
        return Criterion(
            "regulatory_removed",
            title,
            "not applicable",
            f"applies to receptor and RAF kinases; {g3} has no kinase domain in the annotation",
            short=f"no {g3} kinase",
        )
    ext = best_source(hits(p3, index, ("receptor-extracellular",)))
    tm = best_source(hits(p3, index, ("receptor-transmembrane",)))
    rbd = best_source(hits(p3, index, ("RAS-binding",)))
    if not (ext or tm or rbd):
        return Criterion(
            "regulatory_removed",
            title,
            "not applicable",
            f"{g3} has no extracellular region, transmembrane segment or RAS-binding domain "
            "in the annotation",
            short=f"no {g3} receptor or RAS-binding region",
        )
    if p3.kept_aa is None:
        return Criterion(
            "regulatory_removed",
            title,
            "not applicable",
            f"no {g3} protein is made in frame",
            short=f"no {g3} protein in frame",
        )
    status, parts = _regulatory_status(ext, tm, rbd)
    region = "extracellular region" if ext else "RAS-binding domain" if rbd else "membrane anchor"
    short = f"{g3} {region} {'removed' if status == 'present' else 'kept'}"
    return Criterion(
        "regulatory_removed",
        title,
        status,
        f"{g3} " + "; ".join(parts),
        sources=tuple(dict.fromkeys(h.source_line() for h in ext + tm + rbd)),
        data=(
            ("gene", g3),
            ("extracellular", tuple(_verdict_data(h) for h in ext)),
            ("transmembrane", tuple(_verdict_data(h) for h in tm)),
            ("ras_binding", tuple(_verdict_data(h) for h in rbd)),
        ),
        short=short,
    )


def _regulatory_status(ext: list[Hit], tm: list[Hit], rbd: list[Hit]) -> tuple[Status, list[str]]:
    """Criterion 4's status and its phrases: met when the extracellular region or the
    RAS-binding domain is removed (the transmembrane segment decides only without them)."""
    parts, removed = [], []
    for label, group in (("extracellular region", ext), ("RAS-binding domain", rbd)):
        if group:
            gone = all(_removed(h.verdict) for h in group)
            removed.append(gone)
            parts.append(_region_words(label, group, gone))
    tm_text = _tm_words(tm) if tm else ""
    if tm_text:
        parts.append(tm_text)
    key_regions = ext or rbd
    status: Status = "present" if removed and all(removed) else "absent" if removed else "unknown"
    if not key_regions:
        status = "present" if all(_removed(h.verdict) for h in tm) else "absent"
    return status, parts


def _removed(v: DomainVerdict) -> bool:
    return v.status == "lost" or v.fraction_retained < REMOVED_BELOW


def _region_words(label: str, group: list[Hit], gone: bool) -> str:
    span = ", ".join(f"{h.verdict.domain.start}-{h.verdict.domain.end}" for h in group)
    kept = sum(h.verdict.kept_aa for h in group)
    total = sum(h.verdict.domain.length for h in group)
    if kept == 0:
        return f"{label} ({span}) removed"
    verb = "removed" if gone else "kept"
    return f"{label} ({span}) {verb}: {kept} of {total} aa kept"


def _tm_words(tm: list[Hit]) -> str:
    """The transmembrane segment(s), said separately: kept, partly kept or removed."""
    if len(tm) == 1:
        v = tm[0].verdict
        d = v.domain
        if v.status == "retained":
            return f"transmembrane segment ({d.start}-{d.end}) kept"
        if v.status == "lost":
            return f"transmembrane segment ({d.start}-{d.end}) removed"
        return f"transmembrane segment ({d.start}-{d.end}): {v.kept_aa} of {d.length} aa kept"
    kept = sum(1 for h in tm if h.verdict.status == "retained")
    part = sum(1 for h in tm if h.verdict.status == "truncated")
    return f"{len(tm)} transmembrane segments: {kept} kept, {part} partly kept"
