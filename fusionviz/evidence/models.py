"""Value objects of the evidence assessment (frozen, typed, no behaviour beyond views).

Coordinates follow :mod:`fusionviz.models`: residues are 1-based, inclusive, in the
partner's wild-type protein unless a field says "fusion".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

from fusionviz.models import Domain, SourceInfo

#: The status of one criterion. "absent" means the data show it does not hold (or that
#: the annotation has no such feature in the kept part); "unknown" means the data cannot
#: decide (the finding says what would).
Status = Literal["present", "absent", "not applicable", "unknown"]

#: Functional classes a curated domain-family row can assign.
FUNCTIONAL_CLASSES = (
    "kinase",
    "DNA-binding",
    "oligomerization",
    "receptor-extracellular",
    "receptor-transmembrane",
    "RAS-binding",
)


@dataclass(frozen=True, slots=True)
class DomainClass:
    """One row of ``annotations/domain_classes.tsv``: a family and its functional class.

    ``match`` is a Pfam (``PF...``) or InterPro (``IPR...``) accession,
    ``uniprot:TYPE`` / ``uniprot:TYPE:Description`` for a UniProt feature, or
    ``pfam-type:Coiled-coil`` for every Pfam entry of that Pfam type.
    """

    match: str
    functional_class: str
    family: str
    entry_name: str
    citation: str
    read_at: str
    note: str = ""
    line: int = 0


@dataclass(frozen=True, slots=True)
class CuratedFeature:
    """A gene-specific feature no domain database annotates (``gene_features.tsv``),
    in residues of the protein it is reported for."""

    gene: str
    name: str
    start: int
    end: int
    reference_transcript: str
    reference_length: int
    functional_class: str
    family: str
    citation: str
    read_at: str
    note: str = ""
    check_residues: tuple[tuple[int, str], ...] = ()
    line: int = 0

    @property
    def short_citation(self) -> str:
        """``Richards MW et al., Biochem J 2015`` style label (first author, journal, year)."""
        return short_citation(self.citation)

    def as_domain(self) -> Domain:
        """The feature as a :class:`~fusionviz.models.Domain` (source = curated table)."""
        return Domain(
            name=self.name,
            start=self.start,
            end=self.end,
            source=f"fusionviz curated ({self.short_citation})",
            kind="curated",
            accession=None,
            description=self.citation,
        )


@dataclass(frozen=True, slots=True)
class TissueMedian:
    """Median expression of a gene in one GTEx tissue."""

    tissue: str
    median_tpm: float
    samples: int

    @property
    def label(self) -> str:
        """``Muscle - Skeletal``-style readable tissue name."""
        return tissue_label(self.tissue)


@dataclass(frozen=True, slots=True)
class GeneExpression:
    """A gene's highest-median GTEx tissues as the bundled table lists them.

    ``tissues`` are highest median first; the table lists at most ``listed_max``
    tissues per gene out of ``tissues_total``. ``symbol_in_data`` differs from
    ``gene`` when the data carry a former symbol.
    """

    gene: str
    symbol_in_data: str
    tissues: tuple[TissueMedian, ...]
    tissues_total: int
    listed_max: int
    dataset: str
    via: str
    ordered: bool = True

    @property
    def complete(self) -> bool:
        """True when the table lists as many tissues as it lists for any gene."""
        return len(self.tissues) >= self.listed_max

    def median_in(self, tissue: str) -> float | None:
        """The listed median in ``tissue``, or None when the tissue is not listed."""
        return next((t.median_tpm for t in self.tissues if t.tissue == tissue), None)

    @property
    def lowest_listed(self) -> float | None:
        """The lowest listed median when the list is full (unlisted tissues ranked below
        it in the source's own ordering), else None."""
        return self.tissues[-1].median_tpm if self.complete and self.tissues else None


@dataclass(frozen=True, slots=True)
class Criterion:
    """One line of the evidence list: a status, the finding in words, the data behind
    it (machine-readable) and its sources."""

    key: str
    title: str
    status: Status
    finding: str
    details: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    data: tuple[tuple[str, Any], ...] = ()
    short: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "status": self.status,
            "finding": self.finding,
            "details": list(self.details),
            "sources": list(self.sources),
            "data": {k: _jsonable(v) for k, v in self.data},
        }


@dataclass(frozen=True, slots=True)
class Assessment:
    """The evidence list for one annotated fusion (and, for an out-of-frame junction
    whose exon numbers read in frame on other transcripts, for that reading)."""

    fusion: str
    short_name: str
    transcripts: tuple[str, str]
    reading: str
    criteria: tuple[Criterion, ...]
    summary: str
    provenance: tuple[SourceInfo, ...] = ()
    alternatives: tuple[Assessment, ...] = field(default=())

    def criterion(self, key: str) -> Criterion:
        """The criterion called ``key`` (KeyError when there is none)."""
        for c in self.criteria:
            if c.key == key:
                return c
        raise KeyError(key)

    def as_dict(self) -> dict[str, Any]:
        """The JSON ``assessment`` object."""
        return {
            "fusion": self.fusion,
            "short_name": self.short_name,
            "transcripts": list(self.transcripts),
            "reading": self.reading,
            "summary": self.summary,
            "criteria": [c.as_dict() for c in self.criteria],
            "alternative_readings": [a.as_dict() for a in self.alternatives],
            "provenance": [s.as_dict() for s in self.provenance],
            "note": (
                "an evidence list for the pathologist's own judgement: no probability, no "
                "classification of pathogenicity and no treatment advice"
            ),
        }


@dataclass(frozen=True, slots=True)
class FusionSpan:
    """A 5'-partner feature placed on the fusion protein (fusion residues, 1-based)."""

    start: int
    end: int
    label: str
    family: str
    partner_start: int
    partner_end: int
    source: str
    complete: bool


#: GTEx tissue ids whose first word(s) name an organ with several sampled sites.
_ORGANS = (
    "Adipose", "Artery", "Brain", "Breast", "Cells", "Cervix", "Colon", "Esophagus", "Heart",
    "Kidney", "Muscle", "Nerve", "Skin", "Small_Intestine",
)  # fmt: skip


@lru_cache(maxsize=256)
def tissue_organ(tissue: str) -> str:
    """The organ of a GTEx tissue id (``Brain_Cortex`` -> ``Brain``)."""
    return next((o for o in _ORGANS if tissue.startswith(o + "_")), tissue).replace("_", " ")


@lru_cache(maxsize=256)
def tissue_label(tissue: str) -> str:
    """``Brain_Frontal_Cortex_BA9`` -> ``Brain - Frontal Cortex BA9``;
    ``Minor_Salivary_Gland`` -> ``Minor Salivary Gland``."""
    organ = next((o for o in _ORGANS if tissue.startswith(o + "_")), None)
    if organ is None:
        return tissue.replace("_", " ")
    return f"{organ.replace('_', ' ')} - {tissue[len(organ) + 1 :].replace('_', ' ')}"


@lru_cache(maxsize=512)
def short_citation(citation: str) -> str:
    """A label for the first reference in ``citation``: ``Richards MW et al., Biochem J
    2015``, ``InterPro IPR000418`` or ``Oncogene, doi:10.1038/...``."""
    first = citation.split(";", 1)[0].strip()
    if first.split(" ", 1)[0] in ("InterPro", "PROSITE", "Pfam"):
        return re.split(r" \(|,", first, maxsplit=1)[0]
    parts = [p.strip() for p in first.split(". ") if p.strip()]
    if not parts:
        return citation.strip()
    people = bool(_AUTHOR.match(parts[0]))
    author = parts[0].split(",")[0].strip().removesuffix(" et al")
    if "," in parts[0] or " et al" in parts[0]:
        author += " et al."
    for p in parts[1:]:
        m = _JOURNAL_YEAR.match(p)
        if m and people:
            return f"{author}, {m.group(1)} {m.group(2)}"
    ident = _IDENT.search(citation)
    where = ident.group(0) if ident else ""
    if people:
        return f"{author} ({where})" if where else author
    journal = next((p for p in parts[1:] if len(p) < 40 and not _IDENT.search(p)), "")
    return ", ".join(x for x in (journal, where) if x) or parts[0]


_JOURNAL_YEAR = re.compile(r"([A-Z][A-Za-z .&()-]*?)\s+((?:19|20)\d\d)\b")
_AUTHOR = re.compile(r"^[A-Z][\w'-]+ [A-Z]{1,3}(,| |$)")
_IDENT = re.compile(r"(doi:\S+[^.;,\s]|PMID \d+|PMCID PMC\d+)", re.IGNORECASE)


def _jsonable(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_jsonable(v) for v in value]
    return value
