"""Place each partner of a request on a transcript (the only engine step that reads
the annotation source): an exon number on the named or default transcript, or a
pair of genomic breakpoints through :mod:`fusionviz.placement`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from fusionviz.breakpoints import Site
from fusionviz.coordinates import exon_boundary_tx
from fusionviz.errors import AnnotationDataError, BreakpointError, NotationError
from fusionviz.models import (
    FusionRequest,
    GenomicPosition,
    Locus,
    PartnerSpec,
    Placement,
    Region,
    Role,
    Transcript,
)
from fusionviz.names import resolve_spec, with_gene_name
from fusionviz.par import on_x
from fusionviz.placement import (
    MAX_FLANK,
    choose_pair,
    placement_for,
    ranked,
    sites_on,
    where_only,
)
from fusionviz.sources.base import AnnotationSource


@dataclass(frozen=True, slots=True)
class ResolvedPartner:
    """A partner placed on one transcript: the exon and the kept cDNA boundary.

    ``tx_boundary`` is the last (5') / first (3') exonic cDNA base kept and
    ``retained`` the intronic or flanking bases kept beyond it. ``region`` is set
    when the partner contributes no coding sequence whatever its transcript says
    (``antisense``, ``intergenic``, ``non-coding``); ``transcript`` is None for a
    partner no coding transcript holds (``locus`` says what it is).
    """

    transcript: Transcript | None
    exon: int | None
    tx_boundary: int | None
    notes: tuple[str, ...] = ()
    retained: int = 0
    region: Region | None = None
    placement: Placement | None = None
    locus: Locus | None = None
    gene: str = ""
    sites: tuple[Site, ...] = ()
    site: Site | None = None
    gene_as_given: str | None = None  # issue 11: a previous symbol or alias in the input

    @property
    def name(self) -> str:
        """The partner's gene symbol (or the locus / the name given)."""
        return self.transcript.gene if self.transcript else self.gene


def resolve_transcript(
    spec: PartnerSpec, source: AnnotationSource, override: str | None = None
) -> Transcript:
    """The transcript for one partner: explicit (option, then notation) or the default."""
    ident = override or spec.transcript
    if ident:
        return source.transcript(ident, gene=spec.gene)
    if spec.gene:
        return source.default_transcript(spec.gene)
    raise NotationError("a partner names neither a gene nor a transcript")


def resolve_exon(
    spec: PartnerSpec, role: Role, source: AnnotationSource, override: str | None = None
) -> ResolvedPartner:
    """Place a partner given by an exon number."""
    t = resolve_transcript(spec, source, override)
    if spec.exon is None:
        raise NotationError(
            f"no exon given for {t.gene} ({role}); write e.g. '{t.gene} e5' or '{t.gene}:5'"
        )
    return ResolvedPartner(t, spec.exon, exon_boundary_tx(t, spec.exon, role), gene=t.gene)


@dataclass(frozen=True, slots=True)
class _Candidates:
    """A breakpoint partner before the choice: its gene's transcripts and sites."""

    spec: PartnerSpec
    role: Role
    gene: str
    sites: tuple[Site, ...]
    orientation: str  # "" (sense or not stated) or the antisense statement
    notes: tuple[str, ...]
    locus: Locus | None = None
    region: Region | None = None


def resolve_request(
    request: FusionRequest,
    source: AnnotationSource,
    transcript5: str | None = None,
    transcript3: str | None = None,
) -> tuple[ResolvedPartner, ResolvedPartner]:
    """Both partners of a request, breakpoints read jointly (see placement)."""
    # Issue 11: previous symbols and aliases -> the approved symbol (a breakpoint picks among
    # genes sharing a name), r. positions -> exons; stated in each partner's notes.
    (spec5, named5), (spec3, named3) = (
        resolve_spec(request.five_prime, source, "5'"),
        resolve_spec(request.three_prime, source, "3'"),
    )
    if (spec5, spec3) != (request.five_prime, request.three_prime):
        renamed = replace(request, five_prime=spec5, three_prime=spec3)
        r5, r3 = resolve_request(renamed, source, transcript5, transcript3)
        return with_gene_name(r5, named5), with_gene_name(r3, named3)
    specs = ((request.five_prime, "5'", transcript5), (request.three_prime, "3'", transcript3))
    cands = [
        _candidates(spec, role, source, override) if spec.breakpoint else None  # type: ignore[arg-type]
        for spec, role, override in specs
    ]
    if cands[0] is None and cands[1] is None:
        return (
            resolve_exon(request.five_prime, "5'", source, transcript5),
            resolve_exon(request.three_prime, "3'", source, transcript3),
        )
    sites5 = cands[0].sites if cands[0] and not cands[0].region else ()
    sites3 = cands[1].sites if cands[1] and not cands[1].region else ()
    readings = list(choose_pair(sites5, sites3, request.breakpoint_meaning))
    for i, c in enumerate(cands):
        if c is not None and c.region == "antisense":
            readings[i] = where_only(c.sites)
    out = []
    for (spec, role, override), c, reading in zip(specs, cands, readings, strict=True):
        if c is None:
            out.append(resolve_exon(spec, role, source, override))  # type: ignore[arg-type]
        else:
            out.append(_resolved(c, reading, request))
    return out[0], out[1]


def _candidates(
    spec: PartnerSpec, role: Role, source: AnnotationSource, override: str | None
) -> _Candidates:
    bp = spec.breakpoint
    assert bp is not None
    notes: list[str] = []
    par = on_x(bp)
    if par is not None:
        bp, note = par
        spec = replace(spec, breakpoint=bp)
        notes.append(note)
    if override or spec.transcript:
        transcripts: tuple[Transcript, ...] = (resolve_transcript(spec, source, override),)
        gene = transcripts[0].gene
    else:
        gene = spec.gene or _gene_at(bp, role, source, notes)
        if gene is None or not source.has_gene(gene):
            # Not a coding gene of this annotation (checked cheaply: the error's close
            # matches are computed only if the locus path fails too).
            return _locus_candidates(spec, role, bp, source, gene, notes)
        transcripts = ranked(source.transcripts(gene))
    on_contig = tuple(t for t in transcripts if t.contig == bp.contig)
    if not on_contig:
        t0 = transcripts[0]
        raise BreakpointError(
            f"{bp} is on chr{bp.contig} but {t0.gene} is on chr{t0.contig}: the breakpoint "
            "and the gene named do not match (check the build and the gene)"
        )
    sites = sites_on(on_contig, bp.position, role)
    if all(_far(s) for s in sites):
        return _locus_candidates(spec, role, bp, source, gene, notes, sites=sites)
    orientation = ""
    if bp.strand and bp.strand != on_contig[0].strand:
        orientation = (
            f"the fusion RNA runs on the {bp.strand} strand at {bp}, antisense to {gene} "
            f"({on_contig[0].strand} strand): {gene} joined antisense, no {gene} protein"
        )
    region: Region | None = "antisense" if orientation else None
    return _Candidates(spec, role, gene, sites, orientation, tuple(notes), region=region)


def _far(s: Site) -> bool:
    """True when the base lies outside the transcript by more than the flank allowed."""
    if s.kind in ("upstream", "downstream"):
        return s.exon is None or s.retained > MAX_FLANK
    return False


def _gene_at(
    bp: GenomicPosition, role: Role, source: AnnotationSource, notes: list[str]
) -> str | None:
    """The coding gene that holds a breakpoint given without a gene name."""
    genes = source.genes_at(bp.contig, bp.position)
    if not genes:
        return None
    if len(genes) > 1 and bp.strand:
        sense = tuple(g for g in genes if source.default_transcript(g).strand == bp.strand)
        genes = sense or genes
    if len(genes) > 1:
        notes.append(f"{bp} lies in several genes ({', '.join(genes)}); using {genes[0]}")
    return genes[0]


def _locus_candidates(
    spec: PartnerSpec,
    role: Role,
    bp: GenomicPosition,
    source: AnnotationSource,
    gene: str | None,
    notes: list[str],
    sites: tuple[Site, ...] = (),
) -> _Candidates:
    """A partner no coding transcript holds: a non-coding gene, or intergenic."""
    from fusionviz.loci import describe_locus, locus_for, outside_coding

    locus, region, said = locus_for(source, gene, bp)
    if (
        locus is not None
        and locus.biotype == "protein_coding"
        and not source.has_gene(locus.symbol)
    ):
        raise AnnotationDataError(
            f"{bp} lies in {locus.symbol}, a protein-coding gene (GENCODE {locus.gene_id}) for "
            "which the annotation used has no coding structure: its frame and protein cannot "
            "be computed here; an installed Ensembl release (--release 110) or --gtf would "
            "decide it"
        )
    if locus is not None and gene and locus.symbol != gene and source.has_gene(locus.symbol):
        # The base lies in a coding gene other than the one named: never describe that gene
        # as non-coding (issue 11: with every locus known this path is reached).
        if source.has_gene(gene):
            raise BreakpointError(
                f"{bp} lies in {locus.symbol}, not in {gene}: the breakpoint and the gene "
                "named do not match (check the gene and the genome build)"
            )
        raise BreakpointError(
            f"{bp} lies in the coding gene {locus.symbol}; the row names '{gene}', which the "
            "annotation used does not know (an older or clone-based name?): which transcript "
            f"the RNA follows cannot be told; give {locus.symbol} or the caller's annotation "
            "(--gtf / --release)"
        )
    if locus is None and region is None:
        if sites:
            t0 = sites[0].transcript
            lo, hi = min(e.start for e in t0.exons), max(e.end for e in t0.exons)
            raise BreakpointError(
                f"{bp} is outside every transcript of {t0.gene} (chr{t0.contig}:{lo}-{hi}) "
                f"by more than {MAX_FLANK} bp, and the annotation used has no other gene there"
            )
        if gene:
            # Neither a coding gene nor a locus the annotation knows.
            source.transcripts(gene)  # raises UnknownGeneError with close matches
        raise BreakpointError(f"no annotated gene covers {bp} ({role} breakpoint)")
    if locus is not None and locus.biotype == "protein_coding" and sites:
        # The named coding gene, with the base away from all of its coding transcripts.
        said = outside_coding(locus, sites, role, bp)
    notes.append(said or describe_locus(locus))
    name = gene or (locus.symbol if locus else "intergenic")
    return _Candidates(spec, role, name, sites, "", tuple(notes), locus=locus, region=region)


def _resolved(c: _Candidates, reading, request: FusionRequest) -> ResolvedPartner:
    bp = c.spec.breakpoint
    assert bp is not None
    meaning = request.breakpoint_meaning
    if c.region in ("non-coding", "intergenic"):
        placement = Placement(
            role=c.role,
            position=bp,
            meaning=meaning,
            reading=c.region,
            transcript=None,
            exon=None,
            statements=c.notes,
        )
        return ResolvedPartner(
            None, None, None, c.notes, 0, c.region, placement, c.locus, c.gene, c.sites
        )
    if reading is None:
        t0 = c.sites[0].transcript
        lo, hi = min(e.start for e in t0.exons), max(e.end for e in t0.exons)
        side = "before the start" if c.role == "5'" else "after the end"
        raise BreakpointError(
            f"{bp} lies {side} of {t0.gene} (chr{t0.contig}:{lo}-{hi}): the {c.role} partner "
            f"would keep none of {t0.gene}"
        )
    default = c.sites[0] if c.sites else None
    placement = placement_for(c.role, bp, meaning, reading, default, orientation=c.orientation)
    t = reading.site.transcript
    return ResolvedPartner(
        transcript=t,
        exon=reading.exon,
        tx_boundary=reading.anchor_tx,
        notes=c.notes,
        retained=reading.retained,
        region=c.region,
        placement=placement,
        gene=t.gene,
        sites=c.sites,
        site=reading.site,
    )
