"""Read a fusion's two genomic breakpoints: one small pipeline, stated rules.

candidates -> classify -> choose::

    every transcript of each partner's gene   (breakpoints.classify: boundary /
      -> where the base lies on it              exonic / intronic / up- or downstream)
      -> one reading per partner, by the rules below, with the choice, what the
         base is on the default transcript and the other readings kept for the report

What a base means depends on the input (``FusionRequest.breakpoint_meaning``):

``rna`` (RNA-seq callers: the exact last 5' / first 3' base of the fusion RNA)
  1. an exact splice site on any transcript wins (the default transcript first);
  2. otherwise, when both breakpoints are off a splice site by the same shift
     (microhomology: the shifted junction spells the same RNA), both are read as
     the canonical boundaries, and the output says so;
  3. otherwise the bases given are kept: an exonic base is a non-canonical
     junction (frame from the exact base; the nearest boundary offered as an
     alternative reading), an intronic or flanking base keeps those bases.
``dna`` (genomic DNA breakpoints: DNA-seq, SV callers, "intron 19" reports)
  an intronic base implies splicing to the flanking exon (5': the exon before,
  3': the exon after); a base inside an exon removes that exon's splice site
  (5': the previous exon's end; 3': the next exon's start) unless both breakpoints
  are exonic (a chimeric exon: the exact bases).

A transcribed strand that disagrees with the gene's makes that partner antisense.
A base that no coding gene holds is read from the annotation's loci (lncRNA,
pseudogene, immunoglobulin locus, intergenic), never refused.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from fusionviz.breakpoints import SPLICE_SITE_WINDOW, Site, SiteList, boundary_sites
from fusionviz.coordinates import exon_boundary_tx, exon_tx_spans
from fusionviz.models import (
    BreakpointMeaning,
    GenomicPosition,
    Locus,
    Placement,
    Region,
    Role,
    Transcript,
)

#: How far outside a transcript (bp) a base may lie and still belong to it (a
#: promoter or a read-through tail); farther out it belongs to something else.
MAX_FLANK = 5_000


@dataclass(frozen=True, slots=True)
class PlacedPartner:
    """One partner read from its breakpoint.

    ``transcript``/``anchor_tx``/``retained`` give the kept sequence (see
    :class:`~fusionviz.breakpoints.Site`); ``region`` is set when the partner
    contributes no coding sequence whatever its transcript says (``antisense``,
    ``intergenic``, ``non-coding``, or ``intronic`` for an RNA junction deep in an
    intron); ``sites`` are the base's places on every transcript of the gene.
    """

    role: Role
    gene: str
    transcript: Transcript | None
    exon: int | None
    anchor_tx: int | None
    retained: int
    placement: Placement
    region: Region | None = None
    locus: Locus | None = None
    sites: tuple[Site, ...] = ()


@dataclass(frozen=True, slots=True)
class _Reading:
    site: Site
    exon: int | None
    anchor_tx: int | None
    retained: int
    reading: str
    statements: tuple[str, ...]


def sites_on(transcripts: tuple[Transcript, ...], position: int, role: Role) -> SiteList:
    """The base on every transcript, in the given (preference) order (each classified
    when first needed: see :class:`~fusionviz.breakpoints.SiteList`)."""
    return SiteList(transcripts, position, role)


def ranked(transcripts: tuple[Transcript, ...]) -> tuple[Transcript, ...]:
    """Preference order: the default (first) transcript, then coding ones, stably."""
    if not transcripts:
        return ()
    head, rest = transcripts[0], transcripts[1:]
    return (head, *sorted(rest, key=lambda t: t.cds is None))


def choose_pair(
    sites5: tuple[Site, ...], sites3: tuple[Site, ...], meaning: BreakpointMeaning
) -> tuple[_Reading | None, _Reading | None]:
    """One reading per partner (None when a partner keeps nothing of any transcript)."""
    if meaning == "dna":
        return _dna(sites5, sites3)
    b5, b3 = _first(sites5, "boundary"), _first(sites3, "boundary")
    if b5 is None or b3 is None:
        shifted = _microhomology(sites5, sites3)
        if shifted is not None:
            return shifted
    r5 = _exact(b5) if b5 else _rna_exact(sites5)
    r3 = _exact(b3) if b3 else _rna_exact(sites3)
    return r5, r3


def where_only(sites: tuple[Site, ...]) -> _Reading | None:
    """Where the base is, for a partner that keeps no sense sequence (antisense):
    no splicing rule applies, the base is only described."""
    for s in sites:
        if s.kind in ("boundary", "exonic", "intronic"):
            return _Reading(s, s.exon, s.anchor_tx, 0, "antisense", ())
    return None


def _first(sites: tuple[Site, ...], kind: str) -> Site | None:
    if kind == "boundary":
        found = boundary_sites(sites)
        return found[0] if found else None
    return next((s for s in sites if s.kind == kind), None)


def _exact(site: Site) -> _Reading:
    return _Reading(site, site.exon, site.anchor_tx, 0, "exon boundary", ())


def _canonical(site: Site) -> tuple[int, int]:
    """(exon, cDNA anchor) of the site's nearest splice site for its role."""
    t, exon = site.transcript, site.splice_exon
    assert exon is not None
    first, last = exon_tx_spans(t)[[e.number for e in t.exons].index(exon)]
    return exon, (last if site.role == "5'" else first)


def _microhomology(
    sites5: tuple[Site, ...], sites3: tuple[Site, ...]
) -> tuple[_Reading, _Reading] | None:
    for a in sites5:
        for b in sites3:
            k = a.splice_offset
            if k is None or k == 0 or k != b.splice_offset or abs(k) > SPLICE_SITE_WINDOW:
                continue
            said = (
                f"both breakpoints lie {abs(k)} nt {'downstream' if k > 0 else 'upstream'} "
                "of a splice-site pair (same shift on both sides): read as the canonical "
                f"junction, ambiguous by {abs(k)} nt of microhomology (the shifted junction "
                "spells the same RNA only if those bases are identical on both sides; not "
                "verified without genomic sequence)"
            )
            out = []
            for s in (a, b):
                exon, anchor = _canonical(s)
                out.append(_Reading(s, exon, anchor, 0, "microhomology", (said,)))
            return out[0], out[1]
    return None


def _rna_exact(sites: tuple[Site, ...]) -> _Reading | None:
    """Exact bases, on the most preferred transcript that holds or flanks the base
    (the default one first); where the base is exonic on another transcript only,
    that is said."""
    for s in sites:
        if s.exon is None or (s.kind in ("upstream", "downstream") and s.retained > MAX_FLANK):
            continue
        said = [_rna_said(s)]
        if s.kind != "exonic":
            exonic = next((o for o in sites if o.kind == "exonic"), None)
            if exonic is not None:
                said.append(
                    f"the base is exonic on {exonic.transcript.display}: {exonic.describe()}"
                )
        return _Reading(s, s.exon, s.anchor_tx, s.retained, _rna_word(s), tuple(said))
    return None


def _rna_word(s: Site) -> str:
    return "exact bases" if s.kind == "exonic" else "retained intron"


def _rna_said(s: Site) -> str:
    t = s.transcript
    if s.kind == "exonic":
        said = f"{s.describe()}: a non-canonical junction; the exact base is kept"
        if s.near_splice_site:
            said += f" (not moved to the exon {s.splice_exon} boundary)"
        return said
    where = f"intron {s.intron}" if s.kind == "intronic" else f"the flank of {t.gene}"
    side = "after" if s.role == "5'" else "before"
    return (
        f"{s.describe()}: as an RNA junction the fusion RNA keeps {s.retained} nt of {where} "
        f"({side} exon {s.exon})"
    )


def _dna(
    sites5: tuple[Site, ...], sites3: tuple[Site, ...]
) -> tuple[_Reading | None, _Reading | None]:
    a, b = _dna_site(sites5), _dna_site(sites3)
    both_exonic = a is not None and b is not None and a.kind == b.kind == "exonic"
    return _dna_reading(a, both_exonic), _dna_reading(b, both_exonic)


def _dna_site(sites: tuple[Site, ...]) -> Site | None:
    for kinds in (("boundary",), ("intronic",), ("exonic",), ("upstream", "downstream")):
        for s in sites:
            if s.kind in kinds and (s.exon is not None or s.kind == "exonic"):
                return s
    return None


def _dna_reading(s: Site | None, both_exonic: bool) -> _Reading | None:
    if s is None:
        return None
    if s.kind == "boundary":
        return _exact(s)
    t, role = s.transcript, s.role
    if s.kind == "exonic" and both_exonic:
        said = (
            f"{s.describe()}: a DNA breakpoint inside an exon on both sides joins the exact bases"
        )
        return _Reading(s, s.exon, s.anchor_tx, 0, "DNA breakpoint", (said,))
    exon = _dna_exon(s)
    if exon is None:
        return None
    said = _dna_said(s, exon)
    return _Reading(s, exon, exon_boundary_tx(t, exon, role), 0, "DNA breakpoint", (said,))


def _dna_exon(s: Site) -> int | None:
    numbers = [e.number for e in s.transcript.exons]
    if s.kind == "exonic":
        i = numbers.index(s.exon)
        j = i - 1 if s.role == "5'" else i + 1
        return numbers[j] if 0 <= j < len(numbers) else None
    if s.kind == "upstream" and s.role == "3'":
        return numbers[1] if len(numbers) > 1 else None
    if s.kind in ("upstream", "downstream") and s.retained > MAX_FLANK:
        return None
    return s.exon


def _dna_said(s: Site, exon: int) -> str:
    g = s.transcript.gene
    if s.kind == "intronic":
        what = "keeps exons up to exon" if s.role == "5'" else "starts at exon"
        return (
            f"{s.describe()}: a genomic DNA breakpoint in intron {s.intron}; the fusion RNA "
            f"{what} {exon} of {g} by splicing"
        )
    if s.kind == "exonic":
        side = "keeps exons up to" if s.role == "5'" else "starts at exon"
        return (
            f"{s.describe()}: a DNA breakpoint inside exon {s.exon} removes its splice site; "
            f"the fusion RNA {side} {exon} of {g} (assumed: splicing to the nearest intact site)"
        )
    return f"{s.describe()}: as a DNA breakpoint the fusion RNA uses exon {exon} of {g}"


def placement_for(
    role: Role,
    position: GenomicPosition,
    meaning: BreakpointMeaning,
    reading: _Reading,
    default: Site | None,
    *,
    orientation: str = "",
) -> Placement:
    """The report's record of one partner's reading."""
    s = reading.site
    statements = list(reading.statements) or [s.describe()]
    if default is not None and default.transcript != s.transcript:
        statements.append(
            f"on the default transcript {default.transcript.label}: {default.describe()}; "
            f"{s.transcript.display} is used"
        )
    if orientation:
        statements.insert(0, orientation)
    alts = []
    if reading.reading in ("exact bases", "retained intron") and s.near_splice_site:
        alts.append(
            f"the canonical junction at the exon {s.splice_exon} splice site "
            f"({abs(s.splice_offset or 0)} nt away)"
        )
    if meaning == "rna" and s.kind == "intronic":
        alts.append(f"as a genomic DNA breakpoint (--dna): splicing to exon {s.exon}")
    return Placement(
        role=role,
        position=position,
        meaning=meaning,
        reading=reading.reading,
        transcript=s.transcript.label,
        exon=reading.exon,
        intron=s.intron,
        retained=reading.retained,
        statements=tuple(statements),
        alternatives=tuple(alts),
    )


def with_statement(p: Placement, statement: str) -> Placement:
    """``p`` with one more statement (e.g. a name resolution)."""
    return replace(p, statements=(*p.statements, statement))
