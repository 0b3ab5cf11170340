"""A partner's features with their curated functional class (:class:`Hit`), found
once per partner result, and the most trusted database's hits among them (pure)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from fusionviz import domains as dm
from fusionviz.evidence.models import CuratedFeature, DomainClass
from fusionviz.evidence.tables import ClassIndex, classify
from fusionviz.models import DomainVerdict, PartnerResult


@dataclass(frozen=True, slots=True)
class Hit:
    """A partner feature with its curated class."""

    verdict: DomainVerdict
    cls: str
    family: str
    citation: str
    curated: bool = False

    @property
    def rank(self) -> int:
        return -1 if self.curated else dm.source_rank(self.verdict.domain.source)

    @property
    def label(self) -> str:
        """The curated feature's name, else the curated family ('protein kinase domain')."""
        return self.verdict.domain.name if self.curated else self.family

    @property
    def where(self) -> str:
        d = self.verdict.domain
        return f"{self.label} ({d.start}-{d.end})"

    def describe(self) -> str:
        """'protein kinase domain (1116-1392) fully retained', 'transmembrane segment
        (1039-1059): 2 of 21 aa kept' and the like."""
        v, d = self.verdict, self.verdict.domain
        if v.status == "retained":
            return f"{self.where} {'retained' if d.length < 30 else 'fully retained'}"
        if v.status == "lost":
            return f"{self.where} lost"
        return (
            f"{self.where} truncated ({v.kept_aa} of {d.length} aa kept, {v.fraction_retained:.0%})"
        )

    def source_line(self) -> str:
        d = self.verdict.domain
        entry = " ".join(x for x in (d.accession if not self.curated else "", d.name) if x)
        return (
            f"{d.source}: {entry} ({d.start}-{d.end}); class '{self.family}' from {self.citation}"
        )


def hits(p: PartnerResult, index: ClassIndex, classes: Sequence[str]) -> list[Hit]:
    """Features of ``p`` whose curated class is one of ``classes``."""
    return [h for h in _classified(p, index) if h.cls in classes]


def _classified(p: PartnerResult, index: ClassIndex) -> list[Hit]:
    """Every classified feature of ``p``, computed once per partner result (the criteria
    ask several times; hashing features dominated the cost)."""
    key = id(p.domains)
    hit = index.tagged.get(key)
    if hit is None or hit[0] is not p.domains:
        if len(index.tagged) >= 4096:
            index.tagged.clear()
        found = []
        for v in p.domains:
            c: DomainClass | None = classify(v.domain, index)
            if c is not None:
                found.append(Hit(v, c.functional_class, c.family, _short(c.citation)))
        hit = index.tagged[key] = (p.domains, found)
    return hit[1]


def curated_hits(p: PartnerResult, features: Sequence[CuratedFeature], cls: str) -> list[Hit]:
    """Curated gene features of ``p`` in class ``cls``, judged on the kept residues."""
    return [
        Hit(dm.verdict_for(f.as_domain(), p.kept_aa), cls, f.family, f.short_citation, True)
        for f in features
        if f.functional_class == cls
    ]


def best_source(found: list[Hit]) -> list[Hit]:
    """The hits of the most trusted database among them (UniProt, then Pfam, then
    InterPro; curated rows first), so one region is not counted once per database."""
    if not found:
        return []
    top = min(h.rank for h in found)
    return sorted((h for h in found if h.rank == top), key=lambda h: h.verdict.domain.start)


def _short(citation: str) -> str:
    from fusionviz.evidence.models import short_citation

    return short_citation(citation)
