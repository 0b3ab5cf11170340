"""Typed records every reader hands to the assembler, the build report, and the small
text readers they share."""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Tx:
    """A transcript as the build sees it (genomic, 1-based inclusive)."""

    gene: str
    name: str
    contig: str
    strand: str
    exons: list[tuple[int, int]]  # transcription order
    cds: tuple[int, int] | None
    biotype: str = "protein_coding"
    transcript_id: str = ""  # versioned when known
    gene_id: str = ""
    exon_ids: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    refseq: str = ""
    protein_id: str = ""
    uniprot: str = ""
    aliases: list[str] = field(default_factory=list)
    source: list[str] = field(default_factory=list)

    @property
    def is_mane(self) -> bool:
        return "MANE_Select" in self.tags

    @property
    def is_default(self) -> bool:
        """The gene's default transcript: MANE Select, or for a gene without one the
        canonical / longest-CDS row chosen by :mod:`.recover`."""
        return bool({"MANE_Select", "Ensembl_canonical", "longest_CDS"} & set(self.tags))

    def coding_segments(self) -> tuple[tuple[int, int], ...]:
        """Exon pieces inside the CDS, transcription order."""
        if self.cds is None:
            return ()
        lo, hi = self.cds
        out = []
        for s, e in self.exons:
            a, b = max(s, lo), min(e, hi)
            if a <= b:
                out.append((a, b))
        return tuple(out)

    def cds_length(self) -> int:
        return sum(b - a + 1 for a, b in self.coding_segments())

    def protein_length(self) -> int | None:
        n = self.cds_length()
        return n // 3 - 1 if self.cds and n % 3 == 0 else None

    def utr5_length(self) -> int:
        if self.cds is None:
            return 0
        lo, hi = self.cds
        n = 0
        for s, e in self.exons:
            if self.strand == "+":
                n += max(0, min(e, lo - 1) - s + 1)
            else:
                n += max(0, e - max(s, hi + 1) + 1)
        return n

    def structure(self) -> tuple[tuple[int, int], ...]:
        return tuple(sorted(self.exons))


class Report:
    """Collects what was kept, dropped and found, for stdout and PROVENANCE.md."""

    def __init__(self) -> None:
        self.dropped: list[str] = []
        self.findings: list[str] = []
        self.matches: list[str] = []
        self.shifted: list[str] = []  # genome-wide genes realigned by one constant shift

    def drop(self, msg: str) -> None:
        self.dropped.append(msg)

    def find(self, msg: str) -> None:
        self.findings.append(msg)

    def match(self, msg: str) -> None:
        self.matches.append(msg)

    def kinds(self) -> list[tuple[str, list[str]]]:
        return [("dropped", self.dropped), ("finding", self.findings), ("match", self.matches)]


def check_coding(tx: Tx, report: Report, what: str) -> bool:
    """CDS inside exons and a whole number of codons."""
    if tx.cds is None:
        return True
    lo, hi = tx.cds
    inside = lambda p: any(s <= p <= e for s, e in tx.exons)  # noqa: E731
    if not (inside(lo) and inside(hi)):
        report.drop(f"{what}: CDS bounds {lo}-{hi} not inside exons")
        return False
    n = tx.cds_length()
    if n % 3:
        report.drop(f"{what}: CDS {n} nt is not a whole number of codons (incomplete CDS?)")
        return False
    return True


def read_tsv(path: Path, comment: str = "#") -> list[list[str]]:
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt") as fh:  # type: ignore[operator]
        return [
            ln.rstrip("\n").split("\t") for ln in fh if ln.strip() and not ln.startswith(comment)
        ]


def read_fasta(path: Path) -> list[tuple[str, str]]:
    out, head, seq = [], None, []
    for line in path.read_text().splitlines():
        line = line.strip()
        if line.startswith(">"):
            if head is not None:
                out.append((head, "".join(seq)))
            head, seq = line[1:], []
        elif line:
            seq.append(line)
    if head is not None:
        out.append((head, "".join(seq)))
    return out


def _open_text(path: Path):
    return gzip.open(path, "rt") if str(path).endswith(".gz") else open(path)  # noqa: SIM115
