"""The known-fusions table: its rows, and reading the bundled table and lab tables
(see :mod:`fusionviz.known` and ``docs/known_fusions.md``)."""

from __future__ import annotations

import importlib.resources
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fusionviz.errors import AnnotationDataError
from fusionviz.models import GenomicPosition, normalise_contig

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


def entries_text(entries: Iterable[KnownFusion]) -> list[str]:
    """Aligned text rows (junction, name, tumour types, source) for listings."""
    rows = [("junction", "common name", "tumour types", "source")]
    rows += [(e.junction, e.common_name, e.tumour_types or "-", e.source) for e in entries]
    w0 = max(len(r[0]) for r in rows)
    w1 = max(len(r[1]) for r in rows)
    return [f"{r[0]:<{w0}}  {r[1]:<{w1}}  {r[2]}  |  {r[3]}" for r in rows]
