"""Matching a fusion against the known-fusions table by the genomic bases of its
two exon boundaries (see :mod:`fusionviz.known`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from fusionviz.breakpoints import exon_boundary_position
from fusionviz.errors import AnnotationDataError, FusionvizError
from fusionviz.known_table import KnownFusion, KnownTable
from fusionviz.models import GenomicPosition, Role, Transcript, normalise_contig
from fusionviz.sources.base import AnnotationSource

Status = Literal[
    "known-junction",
    "known-pair-other-junction",
    "partner-known-with-other-genes",
    "novel-to-this-table",
]


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
