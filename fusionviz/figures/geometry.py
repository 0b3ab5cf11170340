"""Where things sit on the amino-acid axis (pure; no inches, no text).

Every track of a panel is drawn in *fusion coordinates*: residue ``p`` of a partner sits
where it sits in the fusion protein (``x = p + offset``), residue ``i`` spans
``[i - 1, i]``, and the split junction codon is shared, so a breakpoint through it is at
its middle. The exon panel uses the same axis: an exon's coding part spans the residues
it encodes (CDS nucleotide ``n`` ends at ``x = n / 3``), so each exon sits over the
protein it makes. Introns take no width (they are a notch between exons) and UTRs, which
make no protein, are drawn in short compressed blocks beyond the protein's ends::

    5' UTR exons     coding exons (to scale, over their residues)      3' UTR exons
    [ ] [ ] [=|===][=====][===][========][==|]  [ ] [ ]
            ^ x = 0                           ^ x = protein length
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from fusionviz import coordinates as co
from fusionviz.models import AnnotatedFusion, PartnerResult, Transcript

NOMINAL_TAIL = 0.04  # unknown-length frameshift tail, fraction of the scale
UTR_BLOCK = 0.012  # one compressed UTR exon, fraction of the scale
UTR_GAP = 0.004  # between compressed UTR exons


@dataclass(frozen=True, slots=True)
class ExonSpan:
    """One exon on a partner's aa axis: drawn extent, coding part and cDNA range."""

    number: int
    x0: float
    x1: float
    coding: tuple[float, float] | None  # the part that encodes protein
    tx: tuple[int, int]  # cDNA first, last base
    pieces: tuple[tuple[int, int, float, float], ...]  # (tx_a, tx_b, x_a, x_b) linear maps

    def x_after(self, tx: int) -> float:
        """The x just after cDNA base ``tx`` (which must be in this exon)."""
        for a, b, xa, xb in self.pieces:
            if a <= tx <= b:
                return xa + (tx - a + 1) / (b - a + 1) * (xb - xa)
        return self.x1


def exon_spans(t: Transcript | None, length: int | None, utr: float) -> tuple[ExonSpan, ...]:
    """Exons of ``t`` on its protein's aa axis (see the module docstring); a non-coding
    transcript gets compressed blocks from 0 rightwards; no transcript (an intergenic
    or non-coding partner), no exons."""
    if t is None:
        return ()
    gap = utr * UTR_GAP / UTR_BLOCK
    bounds = co.cds_tx_bounds(t)
    if bounds is None or not length:
        return _noncoding_spans(t, utr, gap)
    a, b = bounds
    by_number = _coding_exons(t, a, b, length, utr)
    ecs = co.exon_coding(t)
    _place_utr_exons(ecs, by_number, a, b, utr, gap)
    spans: list[ExonSpan] = []
    for ec in ecs:
        x0, x1, pieces = by_number[ec.number]
        cod = next(((p[2], p[3]) for p in pieces if p[0] >= a and p[1] <= b), None)
        spans.append(ExonSpan(ec.number, x0, x1, cod, (ec.tx_first, ec.tx_last), tuple(pieces)))
    return tuple(spans)


def _noncoding_spans(t: Transcript, utr: float, gap: float) -> tuple[ExonSpan, ...]:
    """Every exon as a compressed block, from 0 rightwards (no CDS or no protein length)."""
    spans: list[ExonSpan] = []
    x = 0.0
    for ec in co.exon_coding(t):
        spans.append(
            ExonSpan(
                ec.number,
                x,
                x + utr,
                None,
                (ec.tx_first, ec.tx_last),
                ((ec.tx_first, ec.tx_last, x, x + utr),),
            )
        )
        x += utr + gap
    return tuple(spans)


def _coding_exons(t: Transcript, a: int, b: int, length: int, utr: float) -> dict:
    """Exon number -> (x0, x1, pieces) of each exon holding CDS (``a``-``b`` in transcript
    nt), placed by its codons; a UTR part is a short stub either side."""
    coding: list[tuple[int, float, float, list]] = []
    for ec in co.exon_coding(t):
        if ec.cds_first is None or ec.cds_last is None:
            continue
        cx0 = (ec.cds_first - 1) / 3
        cx1 = min(ec.cds_last / 3, float(length))
        pieces = []
        x0, x1 = cx0, cx1
        if ec.tx_first < a:  # starts in the 5' UTR: a short thin stub before the CDS
            x0 = cx0 - utr / 2
            pieces.append((ec.tx_first, a - 1, x0, cx0))
        pieces.append((max(ec.tx_first, a), min(ec.tx_last, b), cx0, cx1))
        if ec.tx_last > b:
            x1 = cx1 + utr / 2
            pieces.append((b + 1, ec.tx_last, cx1, x1))
        coding.append((ec.number, x0, x1, pieces))
    return {n: (x0, x1, p) for n, x0, x1, p in coding}


def _place_utr_exons(ecs, by_number: dict, a: int, b: int, utr: float, gap: float) -> None:
    """Adds the all-UTR exons to ``by_number`` as compressed blocks left of the first
    coding exon (5' UTR) and right of the last (3' UTR)."""
    first_coding = min(by_number) if by_number else None
    left = by_number[first_coding][0] if first_coding else 0.0
    right = max((v[1] for v in by_number.values()), default=0.0)
    before = [ec for ec in ecs if ec.number not in by_number and ec.tx_last < a]
    after = [ec for ec in ecs if ec.number not in by_number and ec.tx_first > b]
    x = left - gap
    for ec in reversed(before):
        by_number[ec.number] = (x - utr, x, [(ec.tx_first, ec.tx_last, x - utr, x)])
        x -= utr + gap
    x = right + gap
    for ec in after:
        by_number[ec.number] = (x, x + utr, [(ec.tx_first, ec.tx_last, x, x + utr)])
        x += utr + gap


def tail_words(seg) -> tuple[str, str]:
    """What a tail segment after the 5' part is: ``("frameshift", "frameshift")``, or
    for a 5' partner read on into a non-coding 3' partner (or its UTR),
    ``("untranslated", "untranslated PVT1 sequence")``."""
    if seg.gene.endswith("(untranslated)"):
        gene = seg.gene.removesuffix("(untranslated)").strip()
        return "untranslated", f"untranslated {gene} sequence"
    return "frameshift", "frameshift"


def partner_length(p: PartnerResult) -> int | None:
    """The partner's protein length; else the furthest residue anything reaches."""
    if p.protein_length:
        return p.protein_length
    ends = [v.domain.end for v in p.domains] + ([p.kept_aa[1]] if p.kept_aa else [])
    return max(ends) if ends else None


def boundary_residue(p: PartnerResult) -> int | None:
    """The partner's residue at the breakpoint (5': last kept, 3': first kept).

    Taken from ``kept_aa``; when the partner contributes no protein (a 3' partner out
    of frame) it is still the residue whose codon the breakpoint enters, from the CDS
    boundary nucleotide or else the first/last residue of the breakpoint exon.
    """
    if p.role == "3'" and p.cds_boundary_nt is not None and p.cds_boundary_nt > 0:
        # The junction itself, also when the fusion's protein starts at a later Met.
        return (p.cds_boundary_nt - 1) // 3 + 1
    if p.kept_aa is not None:
        return p.kept_aa[1] if p.role == "5'" else p.kept_aa[0]
    if p.cds_boundary_nt is not None and p.cds_boundary_nt > 0:
        return (p.cds_boundary_nt - 1) // 3 + 1
    for number, first, last in p.exon_aa_ranges:
        if number == p.exon:
            return last if p.role == "5'" else first
    return None


def boundary_tx(p: PartnerResult) -> int | None:
    """cDNA position of the partner's kept boundary base (5': last kept, 3': first)."""
    t = p.transcript
    if t is None:
        return None
    try:
        tx = co.genomic_to_tx(t, p.genomic_boundary.position)
    except (ValueError, AttributeError):
        tx = None
    if tx is not None:
        return tx
    spans = co.exon_tx_spans(t)
    for e, (first, last) in zip(t.exons, spans, strict=False):
        if e.number == p.exon:
            return last if p.role == "5'" else first
    return None


@dataclass
class Geometry:
    """One fusion on the fusion aa axis (before scaling to inches)."""

    fusion: AnnotatedFusion
    off5: float
    off3: float
    junction_x: float  # the breakpoint guide on the protein tracks
    split: bool
    len5: int | None
    len3: int | None
    fusion_length: int | None = None
    in_frame_3p: bool = False  # does the fusion carry 3' partner residues?
    pieces: list[tuple[str, float, float, bool]] = field(default_factory=list)
    # (kind, x0, x1, open_end) of the fusion protein
    exons5: tuple[ExonSpan, ...] = ()
    exons3: tuple[ExonSpan, ...] = ()
    cut5: float | None = None  # exon-panel breakpoints (partner aa axis)
    cut3: float | None = None

    def extent(self, exons: bool = False) -> tuple[float, float]:
        """Leftmost and rightmost x anything of this fusion reaches."""
        xs = [0.0, self.junction_x]
        if self.len5:
            xs += [self.off5, self.off5 + self.len5]
        if self.len3:
            xs += [self.off3, self.off3 + self.len3]
        for _, a, b, _ in self.pieces:
            xs += [a, b]
        if exons:
            xs += [x + self.off5 for e in self.exons5 for x in (e.x0, e.x1)]
            xs += [x + self.off3 for e in self.exons3 for x in (e.x0, e.x1)]
        return min(xs), max(xs)

    @property
    def intragenic(self) -> bool:
        f = self.fusion
        p5, p3 = f.five_prime, f.three_prime
        return (
            f.is_intragenic
            and p5.transcript is not None
            and p5.transcript_label == p3.transcript_label
        )


def rough_scale(fusions: Sequence[AnnotatedFusion]) -> float:
    """A first guess of the aa span, to size things given as a fraction of it."""
    return float(
        max(
            (partner_length(f.three_prime) or 0) + (partner_length(f.five_prime) or 0)
            for f in fusions
        )
        or 100
    )


def geometry(f: AnnotatedFusion, scale: float, exons: bool = True) -> Geometry:
    """The aa-axis geometry of one fusion; ``scale`` sizes nominal tails and UTR blocks."""
    segs = f.protein.segments
    seg5 = next((s for s in segs if s.kind == "5'"), None)
    seg3 = next((s for s in segs if s.kind == "3'"), None)
    segj = next((s for s in segs if s.kind == "junction"), None)
    segf = next((s for s in segs if s.kind == "frameshift"), None)
    split = bool(f.junction.split_codon)
    kept5 = f.five_prime.kept_aa
    b3 = boundary_residue(f.three_prime)
    off5 = float(seg5.fusion_start - seg5.partner_start) if seg5 and seg5.partner_start else 0.0
    if segj is not None:
        junction_x = segj.fusion_start - 0.5
    elif seg3 is not None:
        junction_x = float(seg3.fusion_start - 1)
    elif segf is not None:
        junction_x = float(segf.fusion_start - 1)
    elif kept5 is not None:
        junction_x = kept5[1] + off5 - (0.5 if split else 0.0)
    elif seg5 is not None and seg5.fusion_end is not None:
        junction_x = float(seg5.fusion_end)
    else:
        junction_x = 0.0
    if seg3 is not None and seg3.partner_start is not None:
        off3 = float(seg3.fusion_start - seg3.partner_start)
    elif b3 is not None:
        off3 = junction_x - (b3 - 1 + (0.5 if split else 0.0))
    else:
        off3 = junction_x
    if seg5 is None and segj is None and seg3 is not None and b3 is not None:
        # No 5' residues and the 3' protein starts at a Met after the junction: the
        # junction lies before the protein's first residue.
        junction_x = min(junction_x, off3 + b3 - 1)
    g = Geometry(
        fusion=f,
        off5=off5,
        off3=off3,
        junction_x=junction_x,
        split=split,
        len5=partner_length(f.five_prime),
        len3=partner_length(f.three_prime),
        fusion_length=f.protein.length,
        in_frame_3p=seg3 is not None,
    )
    tail = max(20.0, NOMINAL_TAIL * scale)
    for s in segs:
        x0 = float(s.fusion_start - 1)
        kind = tail_words(s)[0] if s.kind == "frameshift" else s.kind
        if s.fusion_end is not None:
            g.pieces.append((kind, x0, float(s.fusion_end), False))
        else:
            g.pieces.append((kind, x0, x0 + tail, True))
    if exons:
        _add_exons(g, scale)
    return g


def _add_exons(g: Geometry, scale: float) -> None:
    utr = UTR_BLOCK * scale
    f = g.fusion
    g.exons5 = exon_spans(f.five_prime.transcript, f.five_prime.protein_length, utr)
    g.exons3 = exon_spans(f.three_prime.transcript, f.three_prime.protein_length, utr)
    g.cut5 = _cut(g.exons5, boundary_tx(f.five_prime), after=True)
    g.cut3 = _cut(g.exons3, boundary_tx(f.three_prime), after=False)


def _cut(spans: Sequence[ExonSpan], tx: int | None, *, after: bool) -> float | None:
    """x of the breakpoint in an exon row: after the 5' partner's last kept base, before
    the 3' partner's first."""
    if tx is None:
        return None
    for e in spans:
        if e.tx[0] <= tx <= e.tx[1]:
            if after:
                return e.x_after(tx)
            return e.x0 if tx == e.tx[0] else e.x_after(tx - 1)
    return None


def kept_exons(spans: Sequence[ExonSpan], exon: int, role: str) -> list[ExonSpan]:
    """The exons a partner keeps (5': up to ``exon``; 3': from ``exon``)."""
    return [e for e in spans if (e.number <= exon if role == "5'" else e.number >= exon)]
