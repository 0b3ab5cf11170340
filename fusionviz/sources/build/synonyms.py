"""Other names of genes: the alias table.

- Ensembl 110 synonyms (npm ideogram 1.53.0 ``synonyms/homo-sapiens-synonyms.tsv.gz``: Ensembl
  BioMart ``external_synonym`` per gene name; HGNC previous and alias symbols merged, so this
  source alone does not say which a name was): kind ``alias``.
- Previous symbols (PyPI spliceai 1.3.1 ``spliceai/annotations/grch38.txt``: GENCODE v24
  canonical transcripts named by their 2016 gene symbol): a v24 symbol that is no longer
  approved names the GENCODE v44 gene on the same contig and strand whose span it overlaps
  reciprocally by at least half, when exactly one gene does: kind ``previous symbol``
  (``C11orf95`` -> ZFTA, ``SLC9A3R2`` -> NHERF2).

A name that is an approved symbol of any gene in the loci table is never an alias here
(approved symbols win: the name is that gene).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from fusionviz.models import normalise_contig
from fusionviz.sources.build.ideogram import _ideogram_rows
from fusionviz.sources.build.loci import LocusRecord
from fusionviz.sources.build.records import Report, read_tsv

ALIAS_COLUMNS = ("alias", "symbol", "kind", "source")
ENSEMBL_SYNONYMS = "Ensembl 110 synonym (ideogram 1.53.0)"
GENCODE_V24 = "GENCODE v24 symbol of this locus (spliceai 1.3.1 grch38.txt)"
MIN_OVERLAP = 0.5


@dataclass(frozen=True)
class AliasRecord:
    """One other name of an approved symbol."""

    alias: str
    symbol: str
    kind: str  # "previous symbol" | "alias"
    source: str

    def row(self) -> tuple[str, ...]:
        return (self.alias, self.symbol, self.kind, self.source)


def read_ensembl_synonyms(path: Path) -> dict[str, list[str]]:
    """Approved symbol -> its synonyms, as ideogram lists them."""
    out: dict[str, list[str]] = {}
    for f in _ideogram_rows(path):
        if len(f) > 1:
            out.setdefault(f[0], []).extend(s for s in f[1:] if s)
    return out


def read_gencode_v24(path: Path) -> list[tuple[str, str, str, int, int]]:
    """(symbol, contig, strand, start, end) of spliceai's GENCODE v24 canonical transcripts
    (0-based TX_START as in its file, made 1-based here)."""
    out = []
    for f in read_tsv(path):
        if len(f) >= 5 and f[3].isdigit():
            out.append((f[0], normalise_contig(f[1]), f[2], int(f[3]) + 1, int(f[4])))
    return out


def read_gencode_v24_splice_sites(path: Path) -> dict[str, set[int]]:
    """symbol -> 1-based splice-site bases (exon ends before an intron, exon starts after one)
    of spliceai's GENCODE v24 canonical transcript (EXON_START 0-based, EXON_END 1-based)."""
    out: dict[str, set[int]] = {}
    for f in read_tsv(path):
        if len(f) < 7 or not f[3].isdigit():
            continue
        starts = sorted(int(x) + 1 for x in f[5].rstrip(",").split(",") if x)
        ends = sorted(int(x) for x in f[6].rstrip(",").split(",") if x)
        out.setdefault(f[0], set()).update(ends[:-1], starts[1:])
    return out


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    n = min(a[1], b[1]) - max(a[0], b[0]) + 1
    return 0.0 if n <= 0 else min(n / (a[1] - a[0] + 1), n / (b[1] - b[0] + 1))


def previous_symbols(
    v24: list[tuple[str, str, str, int, int]], loci: list[LocusRecord], report: Report
) -> dict[tuple[str, str], str]:
    """(old symbol, approved symbol) -> source, for v24 symbols no longer approved."""
    approved = {r.symbol.upper() for r in loci}
    by_contig: dict[tuple[str, str], list[LocusRecord]] = defaultdict(list)
    for r in loci:
        if not r.symbol.startswith("ENSG"):
            by_contig[(r.contig, r.strand)].append(r)
    out: dict[tuple[str, str], str] = {}
    for name, contig, strand, start, end in v24:
        if name.upper() in approved:
            continue
        hits = {
            r.symbol
            for r in by_contig.get((contig, strand), [])
            if r.start <= end
            and start <= r.end
            and _overlap((start, end), (r.start, r.end)) >= MIN_OVERLAP
        }
        if len(hits) == 1:
            out[(name, hits.pop())] = GENCODE_V24
        elif hits:
            report.find(
                f"previous symbol {name} (GENCODE v24 {contig}:{start}-{end}{strand}) overlaps "
                f"{', '.join(sorted(hits))}; not used"
            )
    return out


def build_aliases(
    synonyms: Path | None, v24: Path | None, loci: list[LocusRecord], report: Report
) -> list[AliasRecord]:
    """Every (alias, approved symbol) pair, sorted; approved symbols are never aliases."""
    approved = {r.symbol.upper(): r.symbol for r in loci}
    prev = previous_symbols(read_gencode_v24(v24), loci, report) if v24 and v24.exists() else {}
    pairs: dict[tuple[str, str], tuple[str, str]] = {
        k: ("previous symbol", src) for k, src in prev.items()
    }
    unknown = shadowed = 0
    for symbol, names in (read_ensembl_synonyms(synonyms) if synonyms else {}).items():
        if symbol.upper() not in approved:
            unknown += 1
            continue
        for name in names:
            if name.upper() in approved:
                shadowed += 1
                continue
            pairs.setdefault((name, approved[symbol.upper()]), ("alias", ENSEMBL_SYNONYMS))
    out = [AliasRecord(a, s, k, src) for (a, s), (k, src) in pairs.items()]
    n_prev = sum(r.kind == "previous symbol" for r in out)
    report.find(
        f"aliases: {len(out)} (alias, symbol) pairs, {n_prev} "
        f"previous symbols; ideogram synonym rows of symbols not in GENCODE v44: {unknown}; "
        f"synonyms that are another gene's approved symbol (approved wins): {shadowed}"
    )
    return sorted(out, key=lambda r: (r.alias.upper(), r.symbol, r.kind))
