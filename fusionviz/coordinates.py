"""Pure coordinate mapping on one transcript: genome <-> cDNA <-> CDS <-> amino acid.

See the table at the top of :mod:`fusionviz.models` for the conventions. Drawn
for a minus-strand transcript with three exons (transcription runs right to
left on the genome, left to right in cDNA)::

    genome  low ------------------------------------------------------> high
                 [ exon 3 ]          [ exon 2 ]          [ exon 1 ]
    cDNA     ...  25 .. 34            13 .. 24            1 .. 12  <- tx 1 is exon 1's high end
                     stop^                         ATG^ (tx 5)
    CDS nt               = cDNA - (tx of the A of ATG) + 1

Nothing here reads files; everything works on :class:`~fusionviz.models.Transcript`.
"""

from __future__ import annotations

from fusionviz.errors import ExonOutOfRangeError
from fusionviz.layout import derived, layout
from fusionviz.models import Exon, ExonCoding, Region, Role, Transcript


def _tx_offset_in_exon(t: Transcript, exon: Exon, pos: int) -> int:
    """0-based offset of genomic ``pos`` from the exon's first transcribed base."""
    return pos - exon.start if t.strand == "+" else exon.end - pos


def exon_tx_spans(t: Transcript) -> tuple[tuple[int, int], ...]:
    """cDNA span (first, last) of each exon, in exon order."""
    return layout(t).spans


def transcript_length(t: Transcript) -> int:
    """Spliced length in nucleotides."""
    return layout(t).length


def genomic_to_tx(t: Transcript, pos: int) -> int | None:
    """cDNA position of genomic ``pos``, or None when it is not exonic."""
    for e, (first, _last) in zip(t.exons, exon_tx_spans(t), strict=True):
        if e.start <= pos <= e.end:
            return first + _tx_offset_in_exon(t, e, pos)
    return None


def tx_to_genomic(t: Transcript, tx: int) -> int:
    """Genomic position of cDNA position ``tx`` (1-based)."""
    for e, (first, last) in zip(t.exons, exon_tx_spans(t), strict=True):
        if first <= tx <= last:
            off = tx - first
            return e.start + off if t.strand == "+" else e.end - off
    raise ValueError(f"cDNA position {tx} is outside {t.label} (1..{transcript_length(t)})")


def cds_tx_bounds(t: Transcript) -> tuple[int, int] | None:
    """cDNA positions of the first base of the start codon and the last base of
    the stop codon, or None for a non-coding transcript."""
    return layout(t).cds_bounds


def coding_segments(t: Transcript) -> tuple[tuple[int, int], ...]:
    """Genomic (low, high) coding part of each exon that holds CDS, stop codon included."""
    if t.cds is None:
        return ()
    lo, hi = t.cds
    return tuple(
        (max(e.start, lo), min(e.end, hi)) for e in t.exons if max(e.start, lo) <= min(e.end, hi)
    )


def cds_length(t: Transcript) -> int | None:
    """CDS length in nt, stop codon included."""
    bounds = cds_tx_bounds(t)
    return None if bounds is None else bounds[1] - bounds[0] + 1


def protein_length(t: Transcript) -> int | None:
    """Residues of the encoded protein (the stop codon is not a residue)."""
    n = cds_length(t)
    return None if n is None else n // 3 - 1


def region_of_tx(t: Transcript, tx: int) -> Region:
    """Which part of the transcript cDNA position ``tx`` lies in."""
    bounds = cds_tx_bounds(t)
    if bounds is None:
        return "non-coding"
    if tx < bounds[0]:
        return "5'UTR"
    if tx > bounds[1]:
        return "3'UTR"
    return "CDS"


def tx_to_cds(t: Transcript, tx: int) -> int | None:
    """CDS nucleotide number of cDNA position ``tx`` (None outside the CDS)."""
    bounds = cds_tx_bounds(t)
    if bounds is None or not bounds[0] <= tx <= bounds[1]:
        return None
    return tx - bounds[0] + 1


def codon_of_cds(nt: int) -> int:
    """Codon (= residue) number of CDS nucleotide ``nt``."""
    return (nt + 2) // 3


def exon_coding(t: Transcript) -> tuple[ExonCoding, ...]:
    """Per-exon cDNA/CDS coordinates and Ensembl-style phases."""
    return derived(t, "exon_coding", lambda: _exon_coding(t))


def _exon_coding(t: Transcript) -> tuple[ExonCoding, ...]:
    out = []
    bounds = cds_tx_bounds(t)
    for e, (first, last) in zip(t.exons, exon_tx_spans(t), strict=True):
        start_region = region_of_tx(t, first)
        end_region = region_of_tx(t, last)
        cds_first = cds_last = None
        start_phase = end_phase = None
        utr5_from_start = utr5_after_end = 0
        if bounds is not None:
            a, b = bounds
            lo, hi = max(first, a), min(last, b)
            if lo <= hi:
                cds_first, cds_last = lo - a + 1, hi - a + 1
            if start_region == "CDS":
                start_phase = (cds_first - 1) % 3 if cds_first else None
            if end_region == "CDS":
                end_phase = cds_last % 3 if cds_last else None
            if first < a:
                utr5_from_start = min(last, a - 1) - first + 1
            if last < a:
                utr5_after_end = a - 1 - last
        out.append(
            ExonCoding(
                number=e.number,
                tx_first=first,
                tx_last=last,
                cds_first=cds_first,
                cds_last=cds_last,
                start_region=start_region,
                end_region=end_region,
                start_phase=start_phase,
                end_phase=end_phase,
                utr5_from_start=utr5_from_start,
                utr5_after_end=utr5_after_end,
            )
        )
    return tuple(out)


def exon_aa_ranges(t: Transcript) -> tuple[tuple[int, int, int], ...]:
    """(exon number, first residue, last residue) for every coding exon; a residue
    whose codon is split between two exons appears in both."""
    return derived(t, "exon_aa_ranges", lambda: _exon_aa_ranges(t))


def _exon_aa_ranges(t: Transcript) -> tuple[tuple[int, int, int], ...]:
    plen = protein_length(t)
    out = []
    for ec in exon_coding(t):
        if ec.cds_first is None or ec.cds_last is None or plen is None:
            continue
        first = codon_of_cds(ec.cds_first)
        if first > plen:
            continue  # an exon holding only the stop codon
        out.append((ec.number, first, min(codon_of_cds(ec.cds_last), plen)))
    return tuple(out)


def utr5_length(t: Transcript) -> int | None:
    """Length of the 5' UTR in nt (None when non-coding)."""
    bounds = cds_tx_bounds(t)
    return None if bounds is None else bounds[0] - 1


def c_position(t: Transcript, tx: int) -> str:
    """HGVS c./r.-style coordinate of cDNA position ``tx``: ``754``, ``-86``, ``*120``,
    or ``n.12`` style plain number for a non-coding transcript."""
    bounds = cds_tx_bounds(t)
    if bounds is None:
        return str(tx)
    a, b = bounds
    if tx < a:
        return f"-{a - tx}"
    if tx > b:
        return f"*{tx - b}"
    return str(tx - a + 1)


def exon_boundary_tx(t: Transcript, exon: int, role: Role) -> int:
    """cDNA position of the kept boundary of ``exon``: its last base for the 5'
    partner, its first base for the 3' partner."""
    if not 1 <= exon <= t.n_exons:
        raise ExonOutOfRangeError(
            f"{t.gene} exon {exon} is out of range: {t.label} has exons 1-{t.n_exons}"
            f"{' (' + t.name + ')' if t.name != t.label else ''}"
        )
    first, last = exon_tx_spans(t)[exon - 1]
    return last if role == "5'" else first
