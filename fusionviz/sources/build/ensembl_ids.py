"""Verified ENST ids for name-only transcripts: GeneFuse (identical exons) and FuSViz
(InterPro offsets)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from fusionviz.sources.build.ideogram import _read_ideogram_protein_rows
from fusionviz.sources.build.packages import Inputs
from fusionviz.sources.build.records import Report, Tx, read_tsv


def read_genefuse(paths: Iterable[Path]) -> dict[str, dict[str, tuple[tuple[int, int], ...]]]:
    """gene -> {versioned ENST -> sorted exon intervals} (older Ensembl release)."""
    out: dict[str, dict[str, tuple[tuple[int, int], ...]]] = defaultdict(dict)
    for path in paths:
        records: list[tuple[str, str, list[tuple[int, int]]]] = []
        for line in path.read_text().splitlines():
            line = line.strip()
            if line.startswith(">"):
                gene, tid = line[1:].split(",")[0].rsplit("_", 1)
                records.append((gene, tid, []))
            elif line and records:
                _, s, e = line.split(",")
                records[-1][2].append((int(s), int(e)))
        for gene, tid, ex in records:
            out[gene][tid] = tuple(sorted(ex))
    return out


def _match_fusviz(
    up: Path, inp: Inputs, transcripts: list[Tx], genes: dict, report: Report
) -> None:
    """Name-only transcript -> ENST where FuSViz (Ensembl 104) InterPro intervals, which are
    in transcript nt incl. the 5'UTR, agree with this transcript's 5'UTR length for every
    domain that the transcript's protein shares with ideogram, and the match is unique both ways.

    This is the only structural evidence available for such pairs; it is weaker than an
    identical exon structure, so the ENST is kept unversioned and the source says how.
    """
    path = up / "fusviz/Human.Domain_interval.hg38.panel.tsv"
    if not path.exists():
        return
    rows = read_tsv(path)[1:]
    fv: dict[str, dict[str, list[tuple[str, int, int]]]] = defaultdict(lambda: defaultdict(list))
    for r in rows:
        fv[r[6]][r[1]].append((r[2], int(r[3]), int(r[4])))
    ideo_dom = _read_ideogram_protein_rows(inp.ideo_proteins)
    by_gene: dict[str, list[Tx]] = defaultdict(list)
    for t in transcripts:
        if t.gene in fv:
            by_gene[t.gene].append(t)
    for gene, txs in sorted(by_gene.items()):
        canon = next((t for t in txs if t.is_mane), None)
        if canon is None or gene not in ideo_dom:
            continue
        ipr = [
            (f"IPR{int(k):06d}", s, e)
            for k, s, e in ideo_dom[gene].get(canon.name, [])
            if k.isdigit()
        ]
        cands = _fusviz_candidates(txs, canon, ipr, fv[gene])
        _assign_fusviz(txs, cands, report)


def _fusviz_candidates(
    txs: list[Tx], canon: Tx, ipr: list[tuple[str, int, int]], fv_gene: dict
) -> dict[str, list[str]]:
    """Transcript name -> the FuSViz ENSTs whose InterPro intervals sit where that
    transcript's 5'UTR length puts the canonical protein's domains."""
    known = {t.transcript_id.split(".")[0] for t in txs if t.transcript_id}
    utr5 = defaultdict(list)
    for t in txs:
        if t.cds is not None:
            utr5[t.utr5_length()].append(t)
    cands: dict[str, list[str]] = defaultdict(list)
    for t in txs:
        # Only a protein identical to the canonical one has known domain aa positions, and
        # only a 5'UTR length no other coding transcript shares can single it out.
        if t.transcript_id or t.cds is None or t.coding_segments() != canon.coding_segments():
            continue
        u = t.utr5_length()
        if len(utr5[u]) != 1:
            continue
        for enst, doms in sorted(fv_gene.items()):
            if enst in known:
                continue
            hits = [
                acc
                for acc, s, e in ipr
                for a2, fs, fe in doms
                if acc == a2 and fs == u + 3 * (s - 1) + 1 and fe == u + 3 * e
            ]
            if hits:
                cands[t.name].append(enst)
    return cands


def _assign_fusviz(txs: list[Tx], cands: dict[str, list[str]], report: Report) -> None:
    """Gives each transcript the ENST it alone matches (and that matches it alone)."""
    reverse: dict[str, list[str]] = defaultdict(list)
    for name, ensts in cands.items():
        for e in ensts:
            reverse[e].append(name)
    for name, ensts in sorted(cands.items()):
        if len(ensts) == 1 and len(reverse[ensts[0]]) == 1:
            t = next(x for x in txs if x.name == name)
            t.transcript_id = ensts[0]
            t.source.append(
                f"ENST id {ensts[0]}: FuSViz (Ensembl 104) InterPro intervals match this "
                f"transcript's {t.utr5_length()}-nt 5'UTR + identical CDS (unique match; "
                "unversioned, weaker evidence than an identical exon structure)"
            )
            report.match(
                f"{name} = {ensts[0]} (FuSViz domain offsets = 5'UTR {t.utr5_length()} nt "
                "+ canonical domain aa; unique both ways)"
            )
        elif ensts:
            report.find(f"{name}: FuSViz offsets ambiguous ({', '.join(sorted(ensts))}); no ENST")
