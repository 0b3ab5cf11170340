"""Deciding the 5' partner of a row whose file does not state it.

Some formats list the two genes in an order that is not 5' -> 3' (LongGF, SQUID's
segments, EnFusion's ``ALK>>EML4``, VCF breakend pairs, TopHat-Fusion). Such a
row comes from its reader as an :class:`~fusionviz.callers.base.Unresolved`; this
module decides, with the annotation, which end is the 5' partner:

* when the file says which side of each breakpoint the fusion keeps (VCF bracket
  notation, BEDPE segments, read alignments), each order implies a transcribed
  strand at each end (the 5' partner keeps the bases before its breakpoint, the 3'
  partner those after it); the order in which both partners are transcribed on
  their own gene's strand is the one taken;
* otherwise, a breakpoint that is exactly an exon's last base (a splice donor) can
  only be the 5' partner's and an exon's first base (an acceptor) only the 3'
  partner's, on any transcript of the gene.

Exactly one order must fit; otherwise the row is a RowError saying why (no
guess). The decision and its evidence are stated in the row (``five_prime_from``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from fusionviz.callers.base import End, OnTranscripts, RowError, Unresolved, build_request
from fusionviz.errors import AmbiguousGeneError, FusionvizError
from fusionviz.models import (
    FusionRequest,
    GenomicPosition,
    PartnerSpec,
    Transcript,
    normalise_contig,
)
from fusionviz.names import resolve_gene
from fusionviz.par import on_x

#: How far (bp) outside a gene's annotated span a breakpoint may lie and still be
#: matched to that gene by position (promoter / downstream DNA breakpoints).
GENE_SLACK = 10_000


@dataclass(frozen=True, slots=True)
class GeneInfo:
    """What the orientation decision needs to know about one gene."""

    name: str
    contig: str
    strand: str
    low: int
    high: int
    donors: frozenset[int]
    acceptors: frozenset[int]


class Orienter:
    """Turns Unresolved rows into requests with an annotation source (cached)."""

    def __init__(self, source: object) -> None:
        self.source = source
        self._genes: dict[str, GeneInfo | None] = {}
        self._unknown: dict[str, str] = {}

    def gene(self, name: str) -> GeneInfo | None:
        """Strand, span and exon boundaries of a gene (None when unknown)."""
        key = name.upper()
        if key not in self._genes:
            self._genes[key] = self._load(name)
        return self._genes[key]

    def unknown(self, name: str) -> str:
        """Why :meth:`gene` found nothing for ``name`` (one clause)."""
        return self._unknown.get(name.upper(), f"gene {name} is not in the annotation")

    def _load(self, name: str) -> GeneInfo | None:
        # Previous symbols and aliases count here as everywhere (callers built on older
        # annotations write TCEB2 for ELOB); the request keeps the name as written and
        # the annotation states the reading.
        try:
            symbol = resolve_gene(name, self.source).symbol  # type: ignore[arg-type]
            ts = self.source.transcripts(symbol)  # type: ignore[attr-defined]
        except AmbiguousGeneError as exc:
            self._unknown[name.upper()] = str(exc)
            return None
        except FusionvizError:
            return None
        if not ts:
            return None
        donors: set[int] = set()
        acceptors: set[int] = set()
        for t in ts:
            ends = [(e.start, e.end) if t.strand == "+" else (e.end, e.start) for e in t.exons]
            donors.update(three for _, three in ends[:-1])
            acceptors.update(five for five, _ in ends[1:])
        exons = [e for t in ts for e in t.exons]
        return GeneInfo(
            name=ts[0].gene or name,
            contig=normalise_contig(ts[0].contig),
            strand=ts[0].strand,
            low=min(e.start for e in exons),
            high=max(e.end for e in exons),
            donors=frozenset(donors),
            acceptors=frozenset(acceptors),
        )

    def genes_at(self, pos: GenomicPosition) -> tuple[str, ...]:
        try:
            return tuple(self.source.genes_at(pos.contig, pos.position))  # type: ignore[attr-defined]
        except FusionvizError:
            return ()

    def __call__(self, row: Unresolved | OnTranscripts) -> FusionRequest | RowError:
        if isinstance(row, OnTranscripts):
            try:
                return _on_transcripts(self, row)
            except _Undecided as exc:
                return RowError(row.line, str(exc), row.text)
        try:
            return _resolve(self, _par_on_x(row))
        except _Undecided as exc:
            return RowError(row.line, f"{exc} ({row.why})", row.text)


class _Undecided(Exception):
    pass


def _par_on_x(row: Unresolved) -> Unresolved:
    """chrY pseudoautosomal bases as their chrX copies, where the annotation has the
    genes (the engine states the same reading for every other input)."""
    ends, notes = [], []
    for e in row.ends:
        par = on_x(e.position)
        ends.append(replace(e, position=par[0]) if par else e)
        notes += [par[1]] if par else []
    if not notes:
        return row
    extra = (*row.extra, ("pseudoautosomal", "; ".join(notes)))
    return replace(row, ends=tuple(ends), extra=extra)


def _fits(info: GeneInfo, pos: GenomicPosition) -> bool:
    return (
        info.contig == pos.contig
        and info.low - GENE_SLACK <= pos.position <= info.high + GENE_SLACK
    )


def _assign_genes(o: Orienter, row: Unresolved) -> tuple[End, End]:
    """Both ends with a gene: as the file names them, by the stated genes' spans,
    or by the one gene the annotation has at the position."""
    ends = list(row.ends)
    if all(e.gene for e in ends):
        return ends[0], ends[1]
    if row.stated:
        infos = [o.gene(g) for g in row.stated]
        for g, info in zip(row.stated, infos, strict=True):
            if info is None:
                raise _Undecided(o.unknown(g))
        fit = [[_fits(i, e.position) for i in infos] for e in ends]  # type: ignore[arg-type]
        if fit[0][0] and fit[1][1] and not (fit[0][1] and fit[1][0]):
            names = row.stated
        elif fit[0][1] and fit[1][0] and not (fit[0][0] and fit[1][1]):
            names = (row.stated[1], row.stated[0])
        else:
            raise _Undecided(
                f"the breakpoints cannot be matched to {row.stated[0]} and {row.stated[1]} "
                "by their positions"
            )
        return End(ends[0].position, ends[0].kept, names[0]), End(
            ends[1].position, ends[1].kept, names[1]
        )
    out = []
    for e in ends:
        if e.gene:
            out.append(e)
            continue
        found = o.genes_at(e.position)
        if len(found) != 1:
            what = "no gene" if not found else f"{len(found)} genes ({', '.join(found[:4])})"
            raise _Undecided(f"{what} at {e.position}, so the partner there is not known")
        out.append(End(e.position, e.kept, found[0]))
    return out[0], out[1]


def _check(info: GeneInfo, end: End, role: str) -> tuple[bool | None, str]:
    """Does this end fit the role (5'/3')? True, False (contradicts) or None, and
    the transcribed strand the role implies."""
    pos = end.position.position
    if end.kept is not None:
        if role == "5'":
            strand = "+" if end.kept == "below" else "-"
        else:
            strand = "-" if end.kept == "below" else "+"
        return strand == info.strand, strand
    own, other = (info.donors, info.acceptors) if role == "5'" else (info.acceptors, info.donors)
    if pos in own:
        return True, info.strand
    if pos in other:
        return False, info.strand
    return None, info.strand


def _resolve(o: Orienter, row: Unresolved) -> FusionRequest:
    e0, e1 = _assign_genes(o, row)
    if row.ordered:
        return _ordered(o, row, e0, e1)
    infos = []
    for e in (e0, e1):
        info = o.gene(e.gene or "")
        if info is None:
            raise _Undecided(o.unknown(e.gene or ""))
        if info.contig != e.position.contig:
            raise _Undecided(
                f"{e.gene} is on chromosome {info.contig}, not on that of its breakpoint "
                f"{e.position}"
            )
        infos.append(info)
    fits = []
    for i5, i3 in ((0, 1), (1, 0)):
        ends, inf = (e0, e1), infos
        c5, s5 = _check(inf[i5], ends[i5], "5'")
        c3, s3 = _check(inf[i3], ends[i3], "3'")
        if False not in (c5, c3) and True in (c5, c3):
            fits.append((i5, i3, s5, s3))
    kept = e0.kept is not None and e1.kept is not None
    if len(fits) != 1:
        if kept:
            why = (
                "neither gene order has both partners transcribed on their own strands"
                if not fits
                else "both gene orders fit"
            )
        else:
            why = (
                "neither breakpoint is an exon boundary that only a 5' (donor) or a 3' "
                "(acceptor) partner can have"
                if not fits
                else "both gene orders fit the exon boundaries"
            )
        raise _Undecided(f"the 5' partner cannot be decided: {why}")
    i5, i3, s5, s3 = fits[0]
    ends = (e0, e1)
    g5, g3 = ends[i5].gene or "", ends[i3].gene or ""
    if row.stated and (g5.upper(), g3.upper()) != (row.stated[0].upper(), row.stated[1].upper()):
        raise _Undecided(
            f"the breakpoints read as {g5}--{g3}, but the file states "
            f"{row.stated[0]}--{row.stated[1]}"
        )
    how = (
        "the side of each breakpoint the fusion keeps and the genes' strands"
        if kept
        else "exon boundaries (donor/acceptor) at the breakpoints"
    )
    p5, n5 = _snap(ends[i5].position, infos[i5].donors, row.window, "5'", infos[i5])
    p3, n3 = _snap(ends[i3].position, infos[i3].acceptors, row.window, "3'", infos[i3])
    bp5 = GenomicPosition(ends[i5].position.contig, p5, s5)  # type: ignore[arg-type]
    bp3 = GenomicPosition(ends[i3].position.contig, p3, s3)  # type: ignore[arg-type]
    extra = [*row.extra, ("five_prime_from", f"{g5} is 5', derived from {how}; {row.why}")]
    notes = [n for n in (n5, n3) if n]
    if notes:
        extra.append(("position_read_as", "; ".join(notes)))
    return build_request(g5, bp5, g3, bp3, row.line, extra, meaning=row.meaning)


def _snap(
    pos: GenomicPosition, sites: frozenset[int], window: int, role: str, info: GeneInfo
) -> tuple[int, str]:
    """The position, or the one splice site of its role within ``window`` bases of
    an approximate position, with the note saying so."""
    if window <= 0 or pos.position in sites:
        return pos.position, ""
    near = sorted(s for s in sites if abs(s - pos.position) <= window)
    if len(near) != 1:
        return pos.position, ""
    kind = "donor (last base of an exon)" if role == "5'" else "acceptor (first base of an exon)"
    return near[0], (
        f"{role} chr{pos.contig}:{pos.position} read as {info.name}'s {kind} "
        f"chr{pos.contig}:{near[0]}, {abs(near[0] - pos.position)} bp away: the caller's "
        "long-read positions are approximate"
    )


def _ordered(o: Orienter, row: Unresolved, e5: End, e3: End) -> FusionRequest:
    """The file says which end is 5': the kept sides give the transcribed strands
    (antisense partners included), only the genes came from the annotation."""
    if e5.kept is None or e3.kept is None:
        raise _Undecided("the side each breakpoint keeps is not stated")
    s5 = "+" if e5.kept == "below" else "-"
    s3 = "-" if e3.kept == "below" else "+"
    p5, p3, notes = e5.position.position, e3.position.position, []
    i5, i3 = o.gene(e5.gene or ""), o.gene(e3.gene or "")
    same5 = i5 is not None and i5.contig == e5.position.contig
    same3 = i3 is not None and i3.contig == e3.position.contig
    if row.window and i5 and i3 and same5 and same3:
        p5, n5 = _snap(e5.position, i5.donors, row.window, "5'", i5)
        p3, n3 = _snap(e3.position, i3.acceptors, row.window, "3'", i3)
        notes = [n for n in (n5, n3) if n]
    bp5 = GenomicPosition(e5.position.contig, p5, s5)  # type: ignore[arg-type]
    bp3 = GenomicPosition(e3.position.contig, p3, s3)  # type: ignore[arg-type]
    extra = [*row.extra, ("five_prime_from", row.why)]
    if notes:
        extra.append(("position_read_as", "; ".join(notes)))
    return build_request(
        e5.gene or "", bp5, e3.gene or "", bp3, row.line, extra, meaning=row.meaning
    )


def _cdna_to_genome(t: Transcript, n: int) -> int | None:
    """The genomic base of 1-based cDNA position ``n`` (None beyond the transcript)."""
    for e in t.exons:
        if n <= e.length:
            return e.start + n - 1 if t.strand == "+" else e.end - n + 1
        n -= e.length
    return None


def _placed(o: Orienter, ident: str) -> Transcript | None:
    try:
        t = o.source.transcript(ident)  # type: ignore[attr-defined]
    except FusionvizError:
        return None
    # Transcript coordinates are only exact on the same version.
    return t if "." not in ident or t.transcript_id == ident else None


def _on_transcripts(o: Orienter, row: OnTranscripts) -> FusionRequest:
    placed = []
    versions = []
    for tx5, last5, tx3, first3 in row.pairs:
        t5, t3 = _placed(o, tx5), _placed(o, tx3)
        if t5 is None or t3 is None:
            versions.append(tx5 if t5 is None else tx3)
            continue
        p5, p3 = _cdna_to_genome(t5, last5), _cdna_to_genome(t3, first3)
        if p5 is None or p3 is None:
            continue
        placed.append((not (t5.is_mane_select and t3.is_mane_select), t5, p5, t3, p3))
    if not placed:
        missing = ", ".join(sorted(set(versions))[:3])
        raise _Undecided(
            "none of its transcript pairs is in the annotation with the same version "
            f"(e.g. {missing}), so the junction cannot be placed exactly; the annotation "
            "the caller used (--release N or --gtf/--cdna of that Ensembl release) would "
            "place it"
        )
    placed.sort(key=lambda x: x[0])
    _, t5, p5, t3, p3 = placed[0]
    five = PartnerSpec(
        gene=row.genes[0],
        transcript=t5.label,
        breakpoint=GenomicPosition(normalise_contig(t5.contig), p5, t5.strand),
    )
    three = PartnerSpec(
        gene=row.genes[1],
        transcript=t3.label,
        breakpoint=GenomicPosition(normalise_contig(t3.contig), p3, t3.strand),
    )
    note = (
        f"junction placed on {t5.label} :: {t3.label} from pizzly's transcript coordinates "
        f"({len(placed)} of {len(row.pairs)} listed pairs placeable)"
    )
    return FusionRequest(
        five_prime=five,
        three_prime=three,
        text=row.text,
        line=row.line,
        extra=(*row.extra, ("placed_on", note)),
        breakpoint_meaning="rna",
    )
