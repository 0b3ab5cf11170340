"""Exon-level matching against a curated table of known fusions.

The table (``annotations/known_fusions.tsv``, documented in
``docs/known_fusions.md``) lists each junction as published: the two genes, the
exon numbers *and the transcripts those numbers refer to*. Matching never
compares exon numbers: each row is turned into the genomic bases of its two exon
boundaries (5' partner: last base of its exon in transcription order; 3'
partner: first base), and a fusion matches a row when both of its boundaries
are the same bases. ROS1 "exon 34" (ENST00000368508) and MANE exon 35 are
therefore the same junction.

Every verdict is one of four statuses; "novel-to-this-table" is deliberately
not "novel": the table is a small curated list, not the literature.
"""

from __future__ import annotations

import importlib.resources
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol

from fusionviz.breakpoints import exon_boundary_position
from fusionviz.errors import AnnotationDataError, FusionvizError
from fusionviz.models import GenomicPosition, Role, Transcript, normalise_contig
from fusionviz.sources.base import AnnotationSource

Status = Literal[
    "known-junction",
    "known-pair-other-junction",
    "partner-known-with-other-genes",
    "novel-to-this-table",
]

BUNDLED_NAME = "fusionviz known-fusions table"
REQUIRED_COLUMNS = (
    "five_gene",
    "three_gene",
    "five_exon",
    "three_exon",
    "five_transcript",
    "three_transcript",
    "common_name",
    "source",
)
OPTIONAL_COLUMNS = ("five_boundary", "three_boundary", "tumour_types", "note")
_BOUNDARY_RE = re.compile(r"^(?:chr)?([0-9A-Za-z_.]+):([0-9]+)$")
_VERSION_RE = re.compile(r"^#\s*version\s*:\s*(.+?)\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class KnownFusion:
    """One row of a known-fusions table: a published exon-level junction."""

    five_gene: str
    three_gene: str
    five_exon: int
    three_exon: int
    five_transcript: str
    three_transcript: str
    common_name: str
    source: str
    tumour_types: str = ""
    note: str = ""
    five_boundary: GenomicPosition | None = None
    three_boundary: GenomicPosition | None = None
    origin: str = ""
    line: int = 0

    @property
    def pair(self) -> str:
        return f"{self.five_gene}-{self.three_gene}"

    @property
    def junction(self) -> str:
        """``EML4 e13 (ENST00000318522)::ALK e20 (ENST00000389048)``."""
        return (
            f"{self.five_gene} e{self.five_exon} ({self.five_transcript})::"
            f"{self.three_gene} e{self.three_exon} ({self.three_transcript})"
        )

    @property
    def where(self) -> str:
        return f"{self.origin}, line {self.line}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "common_name": self.common_name,
            "five_prime": {
                "gene": self.five_gene,
                "exon": self.five_exon,
                "transcript": self.five_transcript,
                "boundary": str(self.five_boundary) if self.five_boundary else None,
            },
            "three_prime": {
                "gene": self.three_gene,
                "exon": self.three_exon,
                "transcript": self.three_transcript,
                "boundary": str(self.three_boundary) if self.three_boundary else None,
            },
            "tumour_types": self.tumour_types,
            "source": self.source,
            "note": self.note,
            "table": self.origin,
            "line": self.line,
        }


@dataclass(frozen=True, slots=True)
class KnownTable:
    """The bundled table plus any lab tables, in load order."""

    entries: tuple[KnownFusion, ...]
    files: tuple[tuple[str, str], ...] = ()  # (label, version) per file

    @property
    def label(self) -> str:
        """``fusionviz known-fusions table v1 + lab.tsv (v unversioned)``."""
        return " + ".join(f"{name} v{version}" for name, version in self.files) or "empty table"

    def genes(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for e in self.entries:
            seen.setdefault(e.five_gene, None)
            seen.setdefault(e.three_gene, None)
        return tuple(seen)

    def involving(self, gene: str) -> tuple[KnownFusion, ...]:
        """Every entry with ``gene`` as either partner (case-insensitive)."""
        g = gene.upper()
        return tuple(e for e in self.entries if g in (e.five_gene.upper(), e.three_gene.upper()))

    def pair(self, five_gene: str, three_gene: str) -> tuple[KnownFusion, ...]:
        """Entries of the ordered pair five_gene (5') - three_gene (3')."""
        f, t = five_gene.upper(), three_gene.upper()
        return tuple(
            e for e in self.entries if e.five_gene.upper() == f and e.three_gene.upper() == t
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.label,
            "files": [{"name": n, "version": v} for n, v in self.files],
            "entries": len(self.entries),
        }


@dataclass(frozen=True, slots=True)
class KnownMatch:
    """How one fusion relates to the known-fusions table."""

    status: Status
    five_gene: str
    three_gene: str
    table: str
    table_entries: int
    matches: tuple[KnownFusion, ...] = ()
    pair_junctions: tuple[KnownFusion, ...] = ()
    partner_fusions: tuple[KnownFusion, ...] = ()
    notes: tuple[str, ...] = field(default=())

    @property
    def is_known(self) -> bool:
        return self.status == "known-junction"

    def describe(self) -> str:
        """One line for text output."""
        pair = f"{self.five_gene}-{self.three_gene}"
        if self.status == "known-junction":
            parts = []
            for e in self.matches:
                tumours = f"; {e.tumour_types}" if e.tumour_types else ""
                parts.append(f"{e.common_name}{tumours}; source: {e.source}")
            return f"known junction: {' | '.join(parts)} [{self.table}]"
        if self.status == "known-pair-other-junction":
            known = ", ".join(_short(e) for e in self.pair_junctions)
            return (
                f"known gene pair, different junction: {pair} junctions in this table: "
                f"{known} [{self.table}]"
            )
        if self.status == "partner-known-with-other-genes":
            return f"partner seen with other genes only: {_partners_text(self)} [{self.table}]"
        return (
            f"not in the table: {pair} is novel to this table ({self.table_entries} entries; "
            f"the table is not the literature) [{self.table}]"
        )

    def headline(self) -> str:
        """Short form without sources, e.g. for a figure subtitle or a table cell."""
        if self.status == "known-junction":
            return "known junction: " + " / ".join(e.common_name for e in self.matches)
        if self.status == "known-pair-other-junction":
            return f"known pair {self.five_gene}-{self.three_gene}, different junction"
        if self.status == "partner-known-with-other-genes":
            return "partner seen with other genes only"
        return "novel to this table"

    def as_columns(self) -> dict[str, str]:
        """Flat columns for TSV output."""
        if self.status == "known-junction":
            entries = self.matches
        elif self.status == "known-pair-other-junction":
            entries = self.pair_junctions
        else:
            entries = self.partner_fusions
        return {
            "known_fusion_status": self.status,
            "known_fusion": self.headline(),
            "known_fusion_entries": "; ".join(_short(e) for e in entries),
            "known_fusion_sources": " | ".join(dict.fromkeys(e.source for e in self.matches)),
            "known_fusion_table": self.table,
        }

    def as_dict(self) -> dict[str, Any]:
        """The JSON ``known_fusion`` object."""
        return {
            "status": self.status,
            "description": self.describe(),
            "table": self.table,
            "table_entries": self.table_entries,
            "matches": [e.as_dict() for e in self.matches],
            "pair_junctions": [e.as_dict() for e in self.pair_junctions],
            "partner_fusions": [e.as_dict() for e in self.partner_fusions],
            "notes": list(self.notes),
        }


def _short(e: KnownFusion) -> str:
    return f"{e.five_gene} e{e.five_exon}::{e.three_gene} e{e.three_exon} ({e.common_name})"


def _partners_text(m: KnownMatch) -> str:
    by_gene: dict[str, dict[str, None]] = {}
    for gene in (m.five_gene, m.three_gene):
        for e in m.partner_fusions:
            if e.five_gene.upper() == gene.upper():
                by_gene.setdefault(gene, {})[f"{e.three_gene} (3')"] = None
            if e.three_gene.upper() == gene.upper():
                by_gene.setdefault(gene, {})[f"{e.five_gene} (5')"] = None
    return "; ".join(f"{g} with {', '.join(p)}" for g, p in by_gene.items())


# --------------------------------------------------------------------- loading


def load_known_table(
    path: Path | str | None = None, *, extra: Path | str | None = None
) -> KnownTable:
    """Load the bundled table (or ``path``) plus, optionally, a lab's own table
    ``extra`` in the same format. A bad file raises AnnotationDataError with one
    line naming the file, the line and the problem."""
    tables: list[tuple[str, str, tuple[KnownFusion, ...]]] = []
    if path is None:
        res = importlib.resources.files("fusionviz_annotations") / "known_fusions.tsv"
        if not res.is_file():
            raise AnnotationDataError(
                "the bundled known-fusions table (fusionviz_annotations/known_fusions.tsv) is "
                "missing; reinstall fusionviz or pass a table with --known"
            )
        tables.append(_parse(res.read_text(encoding="utf-8"), BUNDLED_NAME))
    else:
        tables.append(_read(Path(path)))
    if extra is not None:
        tables.append(_read(Path(extra)))
    entries = tuple(e for _, _, es in tables for e in es)
    return KnownTable(entries=entries, files=tuple((n, v) for n, v, _ in tables))


def _read(path: Path) -> tuple[str, str, tuple[KnownFusion, ...]]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise AnnotationDataError(f"known-fusions file {path}: no such file") from None
    except UnicodeDecodeError:
        raise AnnotationDataError(
            f"known-fusions file {path}: not UTF-8 text (expected a tab-separated table)"
        ) from None
    except OSError as exc:
        raise AnnotationDataError(
            f"known-fusions file {path}: cannot be read ({exc.strerror})"
        ) from None
    return _parse(text, str(path))


def _parse(text: str, label: str) -> tuple[str, str, tuple[KnownFusion, ...]]:
    version = "unversioned"
    header: list[str] | None = None
    entries: list[KnownFusion] = []
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        if line.startswith("#"):
            m = _VERSION_RE.match(line)
            if m:
                version = m.group(1)
            continue
        fields = [f.strip() for f in line.split("\t")]
        if header is None:
            header = [f.lower() for f in fields]
            missing = [c for c in REQUIRED_COLUMNS if c not in header]
            if missing:
                raise AnnotationDataError(
                    f"known-fusions file {label}, line {lineno}: header lacks column(s) "
                    f"{', '.join(missing)} (required tab-separated columns: "
                    f"{', '.join(REQUIRED_COLUMNS)}; see docs/known_fusions.md)"
                )
            continue
        if len(fields) != len(header):
            raise AnnotationDataError(
                f"known-fusions file {label}, line {lineno}: {len(fields)} tab-separated fields, "
                f"expected {len(header)} as in the header"
            )
        row = dict(zip(header, fields, strict=True))
        entries.append(_entry(row, label, lineno))
    if header is None:
        raise AnnotationDataError(
            f"known-fusions file {label}: no header line (expected tab-separated columns "
            f"{', '.join(REQUIRED_COLUMNS)})"
        )
    return label, version, tuple(entries)


def _entry(row: dict[str, str], label: str, lineno: int) -> KnownFusion:
    where = f"known-fusions file {label}, line {lineno}"
    for c in REQUIRED_COLUMNS:
        if not row.get(c):
            raise AnnotationDataError(f"{where}: column {c} is empty (every row needs a value)")
    exons = []
    for c in ("five_exon", "three_exon"):
        v = row[c]
        if not v.isdigit() or int(v) < 1:
            raise AnnotationDataError(
                f"{where}: {c} '{v}' is not an exon number (expected a whole number >= 1)"
            )
        exons.append(int(v))
    bounds = []
    for c in ("five_boundary", "three_boundary"):
        v = row.get(c, "")
        if not v:
            bounds.append(None)
            continue
        m = _BOUNDARY_RE.match(v)
        if not m:
            raise AnnotationDataError(
                f"{where}: {c} '{v}' is not a genomic position "
                "(expected e.g. chr2:29223528, GRCh38)"
            )
        bounds.append(GenomicPosition(normalise_contig(m.group(1)), int(m.group(2))))
    return KnownFusion(
        five_gene=row["five_gene"],
        three_gene=row["three_gene"],
        five_exon=exons[0],
        three_exon=exons[1],
        five_transcript=row["five_transcript"],
        three_transcript=row["three_transcript"],
        common_name=row["common_name"],
        source=row["source"],
        tumour_types=row.get("tumour_types", ""),
        note=row.get("note", ""),
        five_boundary=bounds[0],
        three_boundary=bounds[1],
        origin=label,
        line=lineno,
    )


# -------------------------------------------------------------------- matching


class _PartnerLike(Protocol):
    gene: str
    genomic_boundary: GenomicPosition


class _FusionLike(Protocol):
    @property
    def five_prime(self) -> _PartnerLike: ...

    @property
    def three_prime(self) -> _PartnerLike: ...


@dataclass(frozen=True, slots=True)
class ResolvedBoundary:
    """Where one side of a table row lies on the genome, and how that was found."""

    position: GenomicPosition | None
    transcript: Transcript | None
    problem: str = ""


def resolve_side(entry: KnownFusion, role: Role, source: AnnotationSource) -> ResolvedBoundary:
    """Genomic boundary of one side of ``entry``: computed from the named
    transcript in ``source``; else the row's recorded GRCh38 boundary."""
    gene = entry.five_gene if role == "5'" else entry.three_gene
    tx_id = entry.five_transcript if role == "5'" else entry.three_transcript
    exon = entry.five_exon if role == "5'" else entry.three_exon
    recorded = entry.five_boundary if role == "5'" else entry.three_boundary
    try:
        t = source.transcript(tx_id, gene)
        pos = exon_boundary_position(t, exon, role)
        return ResolvedBoundary(GenomicPosition(normalise_contig(t.contig), pos), t)
    except FusionvizError as exc:
        return ResolvedBoundary(recorded, None, str(exc))


def match_junction(
    five_gene: str,
    five_boundary: GenomicPosition,
    three_gene: str,
    three_boundary: GenomicPosition,
    table: KnownTable,
    source: AnnotationSource,
) -> KnownMatch:
    """Match a junction given by its two genomic exon boundaries."""
    pair = table.pair(five_gene, three_gene)
    matches: list[KnownFusion] = []
    notes: list[str] = []
    for e in pair:
        r5, r3 = resolve_side(e, "5'", source), resolve_side(e, "3'", source)
        for r, tx in ((r5, e.five_transcript), (r3, e.three_transcript)):
            if r.transcript is None:
                if r.position is None:
                    raise AnnotationDataError(
                        f"{e.where}: transcript {tx} cannot be placed ({r.problem}) and the row "
                        "records no GRCh38 boundary; give a known transcript or a boundary column"
                    )
                notes.append(
                    f"{e.common_name}: {tx} is not in the annotation source; used the table's "
                    f"recorded boundary {r.position}"
                )
        if _same(r5.position, five_boundary) and _same(r3.position, three_boundary):
            matches.append(e)
    summary = dict(
        five_gene=five_gene,
        three_gene=three_gene,
        table=table.label,
        table_entries=len(table.entries),
        notes=tuple(dict.fromkeys(notes)),
    )
    if matches:
        others = tuple(e for e in pair if e not in matches)
        return KnownMatch(
            "known-junction", matches=tuple(matches), pair_junctions=others, **summary
        )
    if pair:
        return KnownMatch("known-pair-other-junction", pair_junctions=pair, **summary)
    partners = tuple(dict.fromkeys(table.involving(five_gene) + table.involving(three_gene)))
    if partners:
        return KnownMatch("partner-known-with-other-genes", partner_fusions=partners, **summary)
    return KnownMatch("novel-to-this-table", **summary)


def match_fusion(af: _FusionLike, table: KnownTable, source: AnnotationSource) -> KnownMatch:
    """Match an annotated fusion (its partners' genomic exon boundaries) against ``table``."""
    return match_junction(
        af.five_prime.gene,
        af.five_prime.genomic_boundary,
        af.three_prime.gene,
        af.three_prime.genomic_boundary,
        table,
        source,
    )


def _same(a: GenomicPosition | None, b: GenomicPosition | None) -> bool:
    if a is None or b is None:
        return False
    return normalise_contig(a.contig) == normalise_contig(b.contig) and a.position == b.position


def check_table(table: KnownTable, source: AnnotationSource) -> tuple[str, ...]:
    """Problems with ``table`` on ``source``: rows whose transcript or exon cannot be
    placed, or whose recorded boundary differs from the computed one."""
    problems: list[str] = []
    for e in table.entries:
        for role in ("5'", "3'"):
            r = resolve_side(e, role, source)  # type: ignore[arg-type]
            recorded = e.five_boundary if role == "5'" else e.three_boundary
            if r.transcript is None:
                problems.append(f"{e.where}: {role} side cannot be placed ({r.problem})")
            elif recorded is not None and not _same(r.position, recorded):
                problems.append(
                    f"{e.where}: {role} boundary {r.position} from {r.transcript.label} "
                    f"differs from the recorded {recorded}"
                )
    return tuple(problems)


def entries_text(entries: Iterable[KnownFusion]) -> list[str]:
    """Aligned text rows (junction, name, tumour types, source) for listings."""
    rows = [("junction", "common name", "tumour types", "source")]
    rows += [(e.junction, e.common_name, e.tumour_types or "-", e.source) for e in entries]
    w0 = max(len(r[0]) for r in rows)
    w1 = max(len(r[1]) for r in rows)
    return [f"{r[0]:<{w0}}  {r[1]:<{w1}}  {r[2]}  |  {r[3]}" for r in rows]
