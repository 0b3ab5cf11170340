"""What a fusion keeps of each partner's domains, and the clinical one-liners.

Pure: takes domains (aa coordinates of the partner's wild-type protein) and the
range of residues the partner contributes (split junction codon counted, see
:mod:`fusionviz.models`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

from fusionviz.models import Domain, DomainVerdict
from fusionviz.recency import keep

# Below this fraction a truncated feature is described as lost in the clinical
# verdict ("transmembrane segment lost (2 of 21 aa kept)"); the status field
# still says "truncated" with the exact fraction.
LOST_IN_WORDS_BELOW = 0.25

# Which databases speak first when several describe the same region.
SOURCE_PRIORITY = ("uniprot", "pfam", "interpro")

# Feature kinds worth a clinical sentence. Interaction regions and compositional
# bias are kept in the full domain list but are too noisy for a verdict.
VERDICT_KINDS = {
    "domain",
    "zinc-finger",
    "transmembrane",
    "motif",
    "coiled-coil",
    "repeat",
    "family",
    "region",
    "signal",
}


def verdict_for(domain: Domain, kept: tuple[int, int] | None) -> DomainVerdict:
    """Retained / truncated / lost for one domain given the kept residue range."""
    if kept is None:
        return DomainVerdict(domain, "lost", None, None, 0.0)
    lo, hi = max(domain.start, kept[0]), min(domain.end, kept[1])
    if lo > hi:
        return DomainVerdict(domain, "lost", None, None, 0.0)
    fraction = (hi - lo + 1) / domain.length
    status = "retained" if fraction >= 1.0 else "truncated"
    return DomainVerdict(domain, status, lo, hi, round(fraction, 4))


def verdicts_for(
    domains: Iterable[Domain], kept: tuple[int, int] | None
) -> tuple[DomainVerdict, ...]:
    """Verdicts for every domain, ordered by position then source priority."""
    if not isinstance(domains, tuple):
        return tuple(verdict_for(d, kept) for d in _ordered(domains))
    prep = _prepared(domains)
    if kept is None:
        return prep.lost
    lo, hi = kept
    if lo > hi:
        return tuple(verdict_for(d, kept) for d, _, _ in prep.items)
    out = []
    for d, whole, lost in prep.items:
        if whole is None:  # a malformed feature (start after end): no shortcut
            out.append(verdict_for(d, kept))
        elif lo <= d.start and d.end <= hi:
            out.append(whole)  # the verdict_for() of any range covering the domain
        elif d.end < lo or d.start > hi:
            out.append(lost)
        else:
            out.append(verdict_for(d, kept))
    return tuple(out)


def _ordered(domains: Iterable[Domain]) -> list[Domain]:
    return sorted(domains, key=lambda d: (d.start, d.end, source_rank(d.source), d.name))


class _Prepared:
    """One protein's domains in verdict order, each with its 'retained' and 'lost'
    verdicts (the same for every kept range that covers / misses it)."""

    __slots__ = ("domains", "items", "lost")
    items: tuple[tuple[Domain, DomainVerdict | None, DomainVerdict | None], ...]

    def __init__(self, domains: tuple[Domain, ...]) -> None:
        self.domains = domains  # held, so that the identity key below stays valid
        self.items = tuple(
            (d, verdict_for(d, (d.start, d.end)), verdict_for(d, None))
            if d.start <= d.end
            else (d, None, None)
            for d in _ordered(domains)
        )
        self.lost = tuple(verdict_for(d, None) for d, _, _ in self.items)


#: Prepared domain lists by the identity of the (cached, immutable) tuple a source returns.
_PREPARED: dict[int, _Prepared] = {}
_PREFERRED: dict[tuple[int, ...], tuple[tuple[Domain, ...], tuple[int, ...]]] = {}
_MAX_PREPARED = 2048


def _prepared(domains: tuple[Domain, ...]) -> _Prepared:
    hit = _PREPARED.get(id(domains))
    if hit is not None and hit.domains is domains:
        return hit
    prep = _Prepared(domains)
    return keep(_PREPARED, id(domains), prep, _MAX_PREPARED)


@lru_cache(maxsize=256)
def source_rank(source: str) -> int:
    """Lower is preferred: UniProt, then Pfam, then InterPro, then anything else."""
    low = source.lower()
    for i, key in enumerate(SOURCE_PRIORITY):
        if key in low:
            return i
    return len(SOURCE_PRIORITY)


def is_verdict_feature(d: Domain) -> bool:
    """Whether a feature belongs in the clinical one-liner."""
    if d.kind not in VERDICT_KINDS:
        return False
    name = d.name.lower()
    return not (
        d.kind == "region" and (name.startswith("interaction with") or name == "disordered")
    )


def preferred(verdicts: Sequence[DomainVerdict]) -> tuple[DomainVerdict, ...]:
    """One verdict per region of the protein: features from the highest-priority
    database are kept; a lower-priority feature survives only where it overlaps
    nothing already chosen (so Pfam fills gaps in UniProt, InterPro fills gaps in both).

    Which features are chosen depends on the domains alone, not on what is kept: it is
    worked out once per list of domains."""
    verdicts = tuple(verdicts)
    domains = tuple(v.domain for v in verdicts)
    key = tuple(map(id, domains))
    hit = _PREFERRED.get(key)
    if hit is None or any(a is not b for a, b in zip(hit[0], domains, strict=True)):
        hit = keep(_PREFERRED, key, (domains, _preferred_order(domains)), _MAX_PREPARED)
    return tuple(verdicts[i] for i in hit[1])


def _preferred_order(domains: tuple[Domain, ...]) -> tuple[int, ...]:
    """Indices of the chosen features, in the order :func:`preferred` returns them."""
    chosen: list[int] = []
    for i in sorted(
        (i for i, d in enumerate(domains) if is_verdict_feature(d)),
        key=lambda i: (source_rank(domains[i].source), domains[i].start),
    ):
        d = domains[i]
        if any(
            source_rank(domains[c].source) < source_rank(d.source)
            and domains[c].start <= d.end
            and d.start <= domains[c].end
            for c in chosen
        ):
            continue
        chosen.append(i)
    return tuple(sorted(chosen, key=lambda i: (domains[i].start, domains[i].end)))


@lru_cache(maxsize=8192)  # a few names per transcript, asked for on every row
def feature_label(d: Domain) -> str:
    """Readable name: 'protein kinase domain', 'transmembrane segment', 'PB1 domain'
    (database names such as Pfam's 'PK_Tyr_Ser-Thr' under their curated name)."""
    from fusionviz.features import curated  # the one curated name per feature

    known = curated(d)
    name = (known.name if known else d.name).strip()
    # Sentence case for ordinary words ("Protein kinase" -> "protein kinase"),
    # acronyms untouched ("PB1", "ZZ-type").
    if len(name) > 1 and name[0].isupper() and name[1].islower():
        name = name[0].lower() + name[1:]
    low = name.lower()
    if d.kind == "transmembrane":
        return "transmembrane segment"
    if d.kind == "signal":
        return "signal peptide"
    if d.kind == "coiled-coil" and "coil" not in low:
        return f"{name} coiled coil"
    if d.kind == "domain" and "domain" not in low:
        return f"{name} domain"
    if d.kind == "motif" and "motif" not in low:
        return f"{name} motif"
    if d.kind == "zinc-finger" and "zinc finger" not in low:
        return f"{name} zinc finger"
    return name


def describe(v: DomainVerdict) -> str:
    """'protein kinase domain (1116-1392) fully retained' and the like."""
    d = v.domain
    head = f"{feature_label(d)} ({d.start}-{d.end})"
    if v.status == "retained":
        # "fully" only where a feature could plausibly be cut: a short segment or
        # motif is simply retained.
        short = d.kind in ("transmembrane", "signal", "motif")
        return f"{head} {'retained' if short else 'fully retained'}"
    if v.status == "lost":
        return f"{head} lost"
    kept = f"{v.kept_aa} of {d.length} aa kept"
    if v.fraction_retained < LOST_IN_WORDS_BELOW:
        return f"{head} lost ({kept})"
    return f"{head} truncated ({kept}, {v.fraction_retained:.0%})"


def _is_key(v: DomainVerdict) -> bool:
    """Kinase domains and transmembrane segments: the features a verdict leads with."""
    return "kinase" in v.domain.name.lower() or v.domain.kind == "transmembrane"


def _names_with_counts(verdicts: Sequence[DomainVerdict]) -> str:
    """'HELP domain, WD40 (x5)': repeated features named once with a count."""
    counts: dict[str, int] = {}
    for v in verdicts:
        label = feature_label(v.domain)
        counts[label] = counts.get(label, 0) + 1
    return ", ".join(f"{k} (x{n})" if n > 1 else k for k, n in counts.items())


def partner_verdict(
    gene: str,
    verdicts: Sequence[DomainVerdict],
    *,
    kept_any: bool,
    kept: tuple[int, int] | None = None,
) -> str:
    """One clinical sentence for one partner.

    Leads with what matters most clinically (a kinase domain, a transmembrane
    segment), then the other kept features; features lost outright are named
    together at the end so that the kept ones stand out.
    """
    chosen = preferred(verdicts)
    if not chosen:
        return f"{gene}: no annotated domains in the bundled sources"
    if not kept_any:
        key = [v for v in chosen if _is_key(v)]
        rest = len(chosen) - len(key)
        head = f"{gene}: none of its sequence is translated in frame"
        if not key:
            return f"{head}; lost: {_names_with_counts(chosen)}"
        others = f", with {rest} other feature{'s' if rest != 1 else ''}" if rest else ""
        return f"{head}; {' and '.join(describe(v) for v in key)}{others}"

    def weight(v: DomainVerdict) -> tuple[int, int]:
        low = v.domain.name.lower()
        if "kinase" in low:
            return (0, v.domain.start)
        if v.domain.kind == "transmembrane":
            return (1, v.domain.start)
        return (2, v.domain.start)

    kept_features = [v for v in chosen if v.status != "lost"]
    lost = [v for v in chosen if v.status == "lost"]
    # A key feature lost outright is said in full; the rest are listed by name.
    key_lost = [v for v in lost if weight(v)[0] < 2]
    other_lost = [v for v in lost if weight(v)[0] == 2]
    parts = [describe(v) for v in sorted(kept_features + key_lost, key=weight)]
    if not kept_features:
        where = f"aa {kept[0]}-{kept[1]}" if kept else "its kept part"
        parts.insert(0, f"{where} kept, holding no annotated feature")
    if other_lost:
        parts.append("lost: " + _names_with_counts(other_lost))
    return f"{gene} " + "; ".join(parts)
