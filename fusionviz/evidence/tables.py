"""The curated tables: domain families -> functional class, and gene-specific features.

Both live in the annotation bundle (``annotations/domain_classes.tsv``,
``annotations/gene_features.tsv``) and reach the evidence code through the annotation
source (:meth:`domain_classes`, :meth:`curated_features`). Every row must carry a
citation a reader can look up (a DOI, PMID or PMCID) and say where it was read; a row
without one is refused with its line number.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from fusionviz.errors import AnnotationDataError
from fusionviz.evidence.models import FUNCTIONAL_CLASSES, CuratedFeature, DomainClass
from fusionviz.models import Domain, Transcript

DOMAIN_CLASSES_FILE = "domain_classes.tsv"
GENE_FEATURES_FILE = "gene_features.tsv"
CLASS_COLUMNS = ("match", "class", "family", "entry_name", "citation", "read_at", "note")
FEATURE_COLUMNS = (
    "gene",
    "feature",
    "start",
    "end",
    "reference_transcript",
    "reference_length",
    "class",
    "family",
    "check_residues",
    "citation",
    "read_at",
    "note",
)
#: A citation a reader can look up: a DOI, a PubMed id or a PubMed Central id.
CITATION_ID = re.compile(r"\b(doi:\s*10\.\d{4,}/\S+|PMID:?\s*\d{5,}|PMCID:?\s*PMC\d+)", re.I)
_MATCH = re.compile(r"^(PF\d{5}|IPR\d{6}|uniprot:[A-Z_]+(:.+)?|pfam-type:[A-Za-z-]+)$")


def has_citation(text: str) -> bool:
    """True when ``text`` holds a DOI, PMID or PMCID."""
    return bool(CITATION_ID.search(text or ""))


def _rows(text: str, columns: tuple[str, ...], label: str) -> Iterable[tuple[int, dict]]:
    """(line number, row) for each data row; '#' lines are comments; the header must
    hold ``columns``."""
    lines = text.splitlines()
    header_at = next((i for i, ln in enumerate(lines) if ln and not ln.startswith("#")), None)
    if header_at is None:
        raise AnnotationDataError(f"{label}: no header row")
    header = lines[header_at].split("\t")
    missing = [c for c in columns if c not in header]
    if missing:
        raise AnnotationDataError(
            f"{label}: header lacks {', '.join(missing)} (expected: {', '.join(columns)})"
        )
    body = "\n".join(lines[header_at + 1 :])
    reader = csv.reader(io.StringIO(body), delimiter="\t", quoting=csv.QUOTE_NONE)
    for n, cells in enumerate(reader, start=header_at + 2):
        if not cells or not "".join(cells).strip() or cells[0].startswith("#"):
            continue
        if len(cells) != len(header):
            raise AnnotationDataError(
                f"{label} line {n}: {len(cells)} fields, the header has {len(header)}"
            )
        yield n, dict(zip(header, (c.strip() for c in cells), strict=True))


def _cited(row: dict, label: str, n: int) -> None:
    if not has_citation(row["citation"]):
        raise AnnotationDataError(
            f"{label} line {n}: the citation has no DOI, PMID or PMCID a reader can look up "
            f"('{row['citation'][:60]}')"
        )
    if not row["read_at"]:
        raise AnnotationDataError(f"{label} line {n}: read_at is empty (say where it was read)")
    if row["class"] not in FUNCTIONAL_CLASSES:
        raise AnnotationDataError(
            f"{label} line {n}: class '{row['class']}' is not one of "
            + ", ".join(FUNCTIONAL_CLASSES)
        )


def parse_domain_classes(text: str, label: str = DOMAIN_CLASSES_FILE) -> tuple[DomainClass, ...]:
    """Rows of a domain-classes table. Raises AnnotationDataError for a bad row."""
    out: list[DomainClass] = []
    seen: dict[str, int] = {}
    for n, r in _rows(text, CLASS_COLUMNS, label):
        if not _MATCH.match(r["match"]):
            raise AnnotationDataError(
                f"{label} line {n}: match '{r['match']}' is not PF00000, IPR000000, "
                "uniprot:TYPE[:Description] or pfam-type:TYPE"
            )
        if r["match"] in seen:
            raise AnnotationDataError(
                f"{label} line {n}: '{r['match']}' repeats line {seen[r['match']]}"
            )
        seen[r["match"]] = n
        _cited(r, label, n)
        out.append(
            DomainClass(
                match=r["match"],
                functional_class=r["class"],
                family=r["family"],
                entry_name=r["entry_name"],
                citation=r["citation"],
                read_at=r["read_at"],
                note=r["note"],
                line=n,
            )
        )
    return tuple(out)


def parse_gene_features(text: str, label: str = GENE_FEATURES_FILE) -> tuple[CuratedFeature, ...]:
    """Rows of a gene-features table. Raises AnnotationDataError for a bad row."""
    out: list[CuratedFeature] = []
    for n, r in _rows(text, FEATURE_COLUMNS, label):
        _cited(r, label, n)
        try:
            start, end, length = int(r["start"]), int(r["end"]), int(r["reference_length"])
            checks = tuple(
                (int(pos), aa.strip().upper())
                for pos, _, aa in (c.partition(":") for c in r["check_residues"].split(",") if c)
            )
        except ValueError:
            raise AnnotationDataError(
                f"{label} line {n}: start, end, reference_length and check_residues "
                "positions must be whole numbers"
            ) from None
        if not 1 <= start <= end <= length:
            raise AnnotationDataError(
                f"{label} line {n}: {start}-{end} is not a residue range of a {length}-aa protein"
            )
        if not r["reference_transcript"].upper().startswith("ENST"):
            raise AnnotationDataError(
                f"{label} line {n}: reference_transcript must be an Ensembl ENST id"
            )
        out.append(
            CuratedFeature(
                gene=r["gene"],
                name=r["feature"],
                start=start,
                end=end,
                reference_transcript=r["reference_transcript"].split(".")[0],
                reference_length=length,
                functional_class=r["class"],
                family=r["family"],
                citation=r["citation"],
                read_at=r["read_at"],
                note=r["note"],
                check_residues=checks,
                line=n,
            )
        )
    return tuple(out)


@dataclass(frozen=True)
class ClassIndex:
    """Domain-class rows indexed for :func:`classify` (which memoises per feature)."""

    by_accession: dict[str, DomainClass]
    by_uniprot: dict[tuple[str, str], DomainClass]
    by_pfam_type: dict[str, DomainClass]
    seen: dict[Domain, DomainClass | None] = field(default_factory=dict, compare=False)
    # id(partner domains) -> (those domains, their classified features); see domain_criteria.
    tagged: dict[int, tuple] = field(default_factory=dict, compare=False)

    @classmethod
    def of(cls, rows: Iterable[DomainClass]) -> ClassIndex:
        acc: dict[str, DomainClass] = {}
        uni: dict[tuple[str, str], DomainClass] = {}
        ptype: dict[str, DomainClass] = {}
        for r in rows:
            if r.match.startswith("uniprot:"):
                _, ftype, *desc = r.match.split(":", 2)
                uni[(ftype.upper(), desc[0].lower() if desc else "*")] = r
            elif r.match.startswith("pfam-type:"):
                ptype[r.match.split(":", 1)[1].lower()] = r
            else:
                acc[r.match.upper()] = r
        return cls(acc, uni, ptype)


def classify(domain: Domain, index: ClassIndex) -> DomainClass | None:
    """The curated class of one bundle feature, or None.

    Pfam/InterPro features match by accession first; UniProt features by feature type
    and description, then by type alone; a Pfam entry of type Coiled-coil (bundle kind
    ``coiled-coil``) falls back to the ``pfam-type:Coiled-coil`` row.
    """
    if domain in index.seen:
        return index.seen[domain]
    if len(index.seen) > 100_000:  # a genome-wide batch: keep memory bounded
        index.seen.clear()
    hit = index.seen[domain] = _classify(domain, index)
    return hit


def _classify(domain: Domain, index: ClassIndex) -> DomainClass | None:
    acc = (domain.accession or "").upper()
    hit = index.by_accession.get(acc)
    if hit is not None:
        return hit
    source = domain.source.lower()
    if "uniprot" in source and acc:
        desc = domain.name.strip().lower()
        return index.by_uniprot.get((acc, desc)) or index.by_uniprot.get((acc, "*"))
    if "pfam" in source and domain.kind == "coiled-coil":
        return index.by_pfam_type.get("coiled-coil")
    return None


# --------------------------------------------------------------------------- features


def features_for(
    transcript: Transcript,
    rows: Iterable[CuratedFeature],
    reference: Callable[[str, str], Transcript | None],
) -> tuple[CuratedFeature, ...]:
    """Curated features of ``transcript``'s protein.

    A row applies to its reference transcript, and to another transcript of the gene
    only when the feature's residues are coded by the same genomic bases at the same
    residue numbers (same coding exons up to the feature's end), so coordinates never
    move to an isoform they do not describe. ``reference(enst, gene)`` looks the
    reference transcript up (None when the source does not have it).
    """
    out = []
    gene = transcript.gene.upper()
    for f in rows:
        if f.gene.upper() != gene or transcript.cds is None:
            continue
        own = (transcript.transcript_id or "").split(".")[0].upper()
        if own == f.reference_transcript.upper():
            out.append(f)
            continue
        ref = reference(f.reference_transcript, f.gene)
        if ref is not None and _same_codons(ref, transcript, f.start, f.end):
            out.append(f)
    return tuple(out)


def _same_codons(a: Transcript, b: Transcript, first: int, last: int) -> bool:
    """True when residues first..last are coded by identical genomic bases in a and b."""
    segs_a = cds_genomic_segments(a, 3 * first - 2, 3 * last)
    return bool(segs_a) and segs_a == cds_genomic_segments(b, 3 * first - 2, 3 * last)


def cds_genomic_segments(
    t: Transcript, nt_from: int, nt_to: int
) -> tuple[tuple[int, int], ...] | None:
    """Genomic (low, high) pieces holding CDS nucleotides nt_from..nt_to of ``t``, in
    transcription order; None when the range leaves the CDS."""
    from fusionviz.coordinates import cds_length, cds_tx_bounds, exon_tx_spans

    bounds, n = cds_tx_bounds(t), cds_length(t)
    if bounds is None or n is None or nt_from < 1 or nt_to > n:
        return None
    lo_tx, hi_tx = bounds[0] + nt_from - 1, bounds[0] + nt_to - 1
    out = []
    for e, (first, last) in zip(t.exons, exon_tx_spans(t), strict=True):
        a, b = max(first, lo_tx), min(last, hi_tx)
        if a > b:
            continue
        if t.strand == "+":
            out.append((e.start + a - first, e.start + b - first))
        else:
            out.append((e.end - (b - first), e.end - (a - first)))
    return tuple(out)
