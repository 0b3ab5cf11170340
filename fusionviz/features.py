"""One feature, one name: a partner's domain verdicts from several databases grouped into
the features a reader sees, each under one readable name with every source listed.

UniProt, Pfam and InterPro often describe the same stretch of a protein under three
names (``Protein kinase``, ``PK_Tyr_Ser-Thr``, ``Serine-threonine/tyrosine-protein
kinase, catalytic domain``). Figures, the text report and the web page's domain table
all show such a stretch once, under its curated name (:mod:`fusionviz.feature_names`),
with the database records it came from.

Grouping rule: two records are one feature when they are of the same drawing class
(domain box, transmembrane mark, signal mark, or not drawn), overlap by at least half
of the shorter one, and either come from different databases or belong to the same
family. The feature takes its coordinates and verdict from the record of the most
trusted source (``priority``, default UniProt > Pfam > InterPro), then the longest.
Pure: no data access.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from fusionviz.feature_names import INDEX, FeatureName
from fusionviz.models import Domain, DomainStatus, DomainVerdict

#: Records whose curated name and class are remembered (pure functions of the record;
#: a batch asks for the same ones on every row).
_CACHED = 16384

DEFAULT_PRIORITY = ("UniProt", "Pfam", "InterPro")

_COPY = re.compile(r"^(.*?\S)[\s_-]+(\d+)$")  # "MAM 2", "LIM 1" (not "SH2", "C2")
_PFAM_SUFFIX = re.compile(r"_\d+$")  # "PH_19", "SH3_1", "UBA_5"
_SKIP_KINDS = ("topolog", "topo dom", "disorder", "compositional", "compbias", "chain")
_NOT_DRAWN_KINDS = {"motif", "site", "region", "binding site", "mod res", "variant", "peptide"}
_POSITIONAL = {"c-terminal", "n-terminal", "central", "core", "middle", "catalytic"}
_KINASE_NOT = re.compile(r"associated|binding|interact|inhibit|regulat|anchor|substrate")


@dataclass(frozen=True, slots=True)
class Feature:
    """One feature of one partner protein, however many databases describe it."""

    name: str  # curated, readable ("Protein kinase", "MAM 2")
    short: str  # standard short form ("Kinase", "MAM2")
    family: str  # colour key ("kinase", "mam")
    kind: str  # domain / transmembrane / signal / other (not drawn by default)
    verdict: DomainVerdict  # of the preferred record
    members: tuple[DomainVerdict, ...]  # preferred first

    @property
    def start(self) -> int:
        return self.verdict.domain.start

    @property
    def end(self) -> int:
        return self.verdict.domain.end

    @property
    def length(self) -> int:
        return self.verdict.domain.length

    @property
    def status(self) -> DomainStatus:
        return self.verdict.status

    @property
    def fraction_retained(self) -> float:
        return self.verdict.fraction_retained

    @property
    def kept_aa(self) -> int:
        return self.verdict.kept_aa

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the feature goes by (curated, short, each record's own)."""
        seen = dict.fromkeys([self.name, self.short, *(m.domain.name for m in self.members)])
        return tuple(seen)

    def sources_text(self) -> str:
        """``UniProt PB1 3-102; Pfam 37.0 PF00564 21-102`` for reports."""
        return "; ".join(record_text(m.domain) for m in self.members)


def record_text(d: Domain) -> str:
    """One database record in words: source, accession (when it names the entry), name,
    residues."""
    acc = d.accession if d.accession and d.accession[:2] in ("PF", "IP") else ""
    parts = [short_source(d.source), acc, d.name, f"{d.start}-{d.end}"]
    return " ".join(p for p in parts if p)


def short_source(source: str) -> str:
    """``UniProtKB/Swiss-Prot Q13501 (entry version 238)`` -> ``UniProt Q13501 v238``;
    ``InterPro via ideogram 1.53.0 (Ensembl 110)`` -> ``InterPro (Ensembl 110)``."""
    s = source.strip()
    m = re.match(r"UniProtKB/Swiss-Prot\s+(\S+)(?:\s+\(entry version (\d+)\))?", s)
    if m:
        return f"UniProt {m.group(1)}" + (f" v{m.group(2)}" if m.group(2) else "")
    m = re.match(r"(.+?) via .*\((Ensembl \d+)\)", s)
    if m:
        return f"{m.group(1)} ({m.group(2)})"
    return s


def source_rank(source: str, priority: Sequence[str] = DEFAULT_PRIORITY) -> int:
    """Position of ``source`` in ``priority`` (substring, case-insensitive); lower first."""
    low = source.lower()
    for i, token in enumerate(priority):
        if token.lower() in low:
            return i
    return len(priority)


# --------------------------------------------------------------------------- names


def _plain(name: str) -> str:
    """Lower-case lookup key without a copy number, Pfam suffix or trailing 'domain'."""
    low = name.strip().lower()
    m = _COPY.match(low)
    if m:
        low = m.group(1)
    low = _PFAM_SUFFIX.sub("", low)
    return re.sub(r"\s+(domain|repeat|region|family)$", "", low).strip()


@lru_cache(maxsize=_CACHED)
def curated(d: Domain) -> FeatureName | None:
    """The curated entry for a record: by accession, else by name."""
    if d.accession and d.accession in INDEX:
        return INDEX[d.accession]
    for key in (d.name.strip().lower(), _plain(d.name)):
        if key in INDEX:
            return INDEX[key]
    if _is_kinase_name(d.name):
        return INDEX["kinase"]
    return None


def _is_kinase_name(name: str) -> bool:
    low = name.lower()
    return bool(re.search(r"\bkinase\b|pk_tyr|pkinase", low)) and not _KINASE_NOT.search(low)


def copy_number(name: str) -> str | None:
    """``"2"`` for ``"MAM 2"``; None for ``"SH2"`` or ``"C2"``."""
    m = _COPY.match(name.strip())
    return m.group(2) if m and " " in name.strip() else None


@lru_cache(maxsize=_CACHED)
def readable(d: Domain) -> FeatureName:
    """The name, short form and family a record is shown under."""
    entry = curated(d)
    if entry is None:
        base = d.name.strip()
        if " " not in base and "_" in base:  # a Pfam identifier: Bcr-Abl_Oligo
            base = _PFAM_SUFFIX.sub("", base).replace("_", " ")
        base = re.sub(r"\s+domain$", "", base)
        entry = FeatureName(base, abbreviate(base), _plain(d.name) or base.lower())
    number = copy_number(d.name)
    if number and entry.name.lower() == _plain(d.name):
        return FeatureName(
            f"{entry.name} {number}", f"{entry.short}{number}", entry.family, entry.kind
        )
    return entry


def abbreviate(name: str, limit: int = 14) -> str:
    """A shorter name by rule (whole words only): the part after the last comma, else
    without a parenthesis, else the first two words."""
    if len(name) <= limit:
        return name
    if ", " in name:
        head, tail = name.rsplit(", ", 1)
        if tail.lower() in _POSITIONAL:  # "NUP96, C-terminal" -> "NUP96 C-terminal"
            words = head.split()
            n = 2 if len(words) > 1 and words[-1].isdigit() else 1  # "factor 1 N-terminal"
            tail = " ".join([*words[-n:], tail])
        return abbreviate(tail[:1].upper() + tail[1:], limit)
    plain = re.sub(r"\s*\([^)]*\)", "", name).strip()
    if plain and plain != name:
        return abbreviate(plain, limit)
    words = name.split()
    return " ".join(words[:2]) if len(words) > 2 else name


# --------------------------------------------------------------------------- classes


def feature_class(d: Domain, draw_kinds: Iterable[str] = ()) -> str:
    """How a record is drawn: ``domain`` (box), ``transmembrane``/``signal`` (marks) or
    ``other`` (not drawn unless its kind is in ``draw_kinds``: topology, disorder,
    composition, motifs, regions)."""
    return _feature_class(d, tuple(draw_kinds))


@lru_cache(maxsize=_CACHED)
def _feature_class(d: Domain, draw_kinds: tuple[str, ...]) -> str:
    kind = d.kind.lower().replace("_", " ").strip()
    entry = curated(d)
    if "transmem" in kind or "intramem" in kind or (entry and entry.kind == "transmembrane"):
        return "transmembrane"
    if "signal" in kind or "transit" in kind or (entry and entry.kind == "signal"):
        return "signal"
    if kind in {k.lower() for k in draw_kinds}:
        return "domain"
    if any(s in kind for s in _SKIP_KINDS) or d.name.lower().startswith("disordered"):
        return "other"
    if kind in _NOT_DRAWN_KINDS:
        return "other"
    return "domain"


# --------------------------------------------------------------------------- grouping


def group_features(
    verdicts: Sequence[DomainVerdict],
    *,
    priority: Sequence[str] = DEFAULT_PRIORITY,
    draw_kinds: Iterable[str] = (),
    merge: dict[str, str] | None = None,
) -> tuple[Feature, ...]:
    """Every feature of one partner, each once, ordered by position.

    ``merge`` maps a record name (or curated name) to a family, as a style file's
    ``[merge]`` table does.
    """
    if not merge:  # the JSON, TSV and page of one fusion group the same verdicts
        return _grouped(tuple(verdicts), tuple(priority), tuple(draw_kinds))
    return _group_features(verdicts, priority, tuple(draw_kinds), merge)


@lru_cache(maxsize=_CACHED // 16)
def _grouped(
    verdicts: tuple[DomainVerdict, ...], priority: tuple[str, ...], kinds: tuple[str, ...]
) -> tuple[Feature, ...]:
    return _group_features(verdicts, priority, kinds, {})


def _group_features(
    verdicts: Sequence[DomainVerdict],
    priority: Sequence[str],
    kinds: tuple[str, ...],
    merge: dict[str, str],
) -> tuple[Feature, ...]:
    classed = [(v, feature_class(v.domain, kinds), readable(v.domain)) for v in verdicts]
    classed.sort(key=lambda c: (c[0].domain.start, c[0].domain.end, c[0].domain.name))
    parent = list(range(len(classed)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (a, ca, na) in enumerate(classed):
        for j in range(i + 1, len(classed)):
            b, cb, nb = classed[j]
            if b.domain.start > a.domain.end:
                break
            if ca != cb or not _same_feature(a.domain, na, b.domain, nb):
                continue
            parent[find(j)] = find(i)
    clusters: dict[int, list[tuple[DomainVerdict, str, FeatureName]]] = {}
    for i, c in enumerate(classed):
        clusters.setdefault(find(i), []).append(c)
    out = [_feature(members, priority, merge or {}) for members in clusters.values()]
    return tuple(sorted(out, key=lambda f: (f.start, f.end, f.name)))


def _same_feature(a: Domain, na: FeatureName, b: Domain, nb: FeatureName) -> bool:
    overlap = min(a.end, b.end) - max(a.start, b.start) + 1
    if overlap < 0.5 * min(a.length, b.length):
        return False
    # Within one database, two overlapping records of different families are two
    # features (a kinase inside a longer "region"); across databases, one.
    return na.family == nb.family or a.source != b.source


def _feature(
    members: list[tuple[DomainVerdict, str, FeatureName]],
    priority: Sequence[str],
    merge: dict[str, str],
) -> Feature:
    members.sort(
        key=lambda c: (
            source_rank(c[0].domain.source, priority),
            -c[0].domain.length,
            c[0].domain.start,
            c[0].domain.name,
        )
    )
    best, cls, name = members[0]
    if cls in ("transmembrane", "signal"):
        entry = INDEX["transmembrane" if cls == "transmembrane" else "signal"]
        name = FeatureName(entry.name, entry.short, entry.family, cls)
    family = merge.get(best.domain.name) or merge.get(name.name) or name.family
    return Feature(
        name=name.name,
        short=name.short,
        family=family,
        kind=cls,
        verdict=best,
        members=tuple(m[0] for m in members),
    )
