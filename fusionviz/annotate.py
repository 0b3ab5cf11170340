"""FusionRequest -> AnnotatedFusion: the one place that combines resolution,
frame, protein composition, domains, names and the exon-numbering check.

Data comes only through an :class:`~fusionviz.sources.base.AnnotationSource`;
everything else is pure arithmetic from :mod:`fusionviz.coordinates`,
:mod:`fusionviz.frame` and :mod:`fusionviz.domains`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from fusionviz import coordinates as co
from fusionviz import domains as dm
from fusionviz.breakpoints import exon_boundary_position, locate
from fusionviz.errors import (
    BreakpointError,
    ExonOutOfRangeError,
    FusionvizError,
    NotationError,
)
from fusionviz.frame import Side, call_frame, five_prime_side, three_prime_side
from fusionviz.models import (
    AnnotatedFusion,
    ExonNumberingAlternative,
    FusionNames,
    FusionProtein,
    FusionRequest,
    GenomicPosition,
    Junction,
    PartnerResult,
    PartnerSpec,
    ProteinSegment,
    ProteinSequence,
    Role,
    Transcript,
)
from fusionviz.sources.base import AnnotationSource

# How far up- or downstream of a transcript a breakpoint may lie and still be
# read as that transcript's first or last exon.
MAX_FLANK = 5_000


@dataclass(frozen=True, slots=True)
class ResolvedPartner:
    """A partner placed on one transcript: the exon and the kept cDNA boundary."""

    transcript: Transcript
    exon: int
    tx_boundary: int  # 5': last kept cDNA nt; 3': first kept cDNA nt
    notes: tuple[str, ...] = ()


# --------------------------------------------------------------------------- resolve


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


def exon_boundary_tx(t: Transcript, exon: int, role: Role) -> int:
    """cDNA position of the kept boundary of ``exon``: its last base for the 5'
    partner, its first base for the 3' partner."""
    if not 1 <= exon <= t.n_exons:
        raise ExonOutOfRangeError(
            f"{t.gene} exon {exon} is out of range: {t.label} has exons 1-{t.n_exons}"
            f"{' (' + t.name + ')' if t.name != t.label else ''}"
        )
    first, last = co.exon_tx_spans(t)[exon - 1]
    return last if role == "5'" else first


def resolve_partner(
    spec: PartnerSpec, role: Role, source: AnnotationSource, override: str | None = None
) -> ResolvedPartner:
    """Place one partner on a transcript, from an exon number or a genomic breakpoint."""
    if spec.breakpoint is not None:
        return _resolve_breakpoint(spec, role, source, override)
    t = resolve_transcript(spec, source, override)
    if spec.exon is None:
        raise NotationError(
            f"no exon given for {t.gene} ({role}); write e.g. '{t.gene} e5' or '{t.gene}:5'"
        )
    return ResolvedPartner(t, spec.exon, exon_boundary_tx(t, spec.exon, role))


def _resolve_breakpoint(
    spec: PartnerSpec, role: Role, source: AnnotationSource, override: str | None
) -> ResolvedPartner:
    bp = spec.breakpoint
    assert bp is not None
    notes: list[str] = []
    if override or spec.transcript:
        candidates: tuple[Transcript, ...] = (resolve_transcript(spec, source, override),)
    else:
        gene = spec.gene
        if gene is None:
            genes = source.genes_at(bp.contig, bp.position)
            if not genes:
                raise BreakpointError(f"no annotated gene covers {bp} ({role} breakpoint)")
            if len(genes) > 1:
                stranded = [
                    g
                    for g in genes
                    if bp.strand is None or source.default_transcript(g).strand == bp.strand
                ]
                genes = tuple(stranded) or genes
                if len(genes) > 1:
                    notes.append(
                        f"{bp} lies in several genes ({', '.join(genes)}); using {genes[0]}"
                    )
            gene = genes[0]
        ts = source.transcripts(gene)
        default = source.default_transcript(gene)
        candidates = (default,) + tuple(t for t in ts if t != default)
    # Prefer the first transcript (MANE first) on which the base lies within the
    # transcript; a base up- or downstream of every transcript is used only when
    # it still implies an exon, and then it says so.
    best = fallback = None
    for t in candidates:
        if t.contig != bp.contig:
            continue
        loc = locate(t, bp.position, role)
        if loc.exon is None:
            continue
        if loc.kind in ("upstream", "downstream"):
            # Only just outside the transcript (a promoter or a read-through
            # tail); farther out the base belongs to something else.
            if abs(loc.offset) <= MAX_FLANK:
                fallback = fallback or (t, loc)
            continue
        best = (t, loc)
        break
    best = best or fallback
    if best is None:
        t0 = candidates[0]
        raise BreakpointError(
            f"{bp} is outside every transcript of {t0.gene} "
            f"(chr{t0.contig}:{min(e.start for e in t0.exons)}-{max(e.end for e in t0.exons)})"
        )
    t, loc = best
    if t != candidates[0]:
        notes.append(f"{bp} does not lie on {candidates[0].label}; using {t.display}")
    if loc.note:
        notes.append(loc.note)
    return ResolvedPartner(t, loc.exon, loc.tx_position, tuple(notes))


# --------------------------------------------------------------------------- annotate


def annotate(
    request: FusionRequest,
    source: AnnotationSource,
    *,
    transcript5: str | None = None,
    transcript3: str | None = None,
    alternatives: bool = True,
) -> AnnotatedFusion:
    """Annotate one fusion. Raises a FusionvizError subclass for bad input."""
    r5 = resolve_partner(request.five_prime, "5'", source, transcript5)
    r3 = resolve_partner(request.three_prime, "3'", source, transcript3)
    return annotate_resolved(request, r5, r3, source, alternatives=alternatives)


def annotate_text(
    text: str,
    source: AnnotationSource | None = None,
    *,
    transcript5: str | None = None,
    transcript3: str | None = None,
) -> AnnotatedFusion:
    """Parse ``text`` (any accepted notation) and annotate it on ``source``
    (the embedded bundle by default)."""
    from fusionviz.notation import parse_fusion
    from fusionviz.sources import default_source

    src = source or default_source()
    request = parse_fusion(text, is_gene=src.has_gene)
    return annotate(request, src, transcript5=transcript5, transcript3=transcript3)


def annotate_resolved(
    request: FusionRequest,
    r5: ResolvedPartner,
    r3: ResolvedPartner,
    source: AnnotationSource,
    *,
    alternatives: bool = True,
) -> AnnotatedFusion:
    """Annotate a fusion whose partners are already placed on transcripts."""
    t5, t3 = r5.transcript, r3.transcript
    g5, g3 = t5.gene, t3.gene
    s5 = five_prime_side(t5, r5.tx_boundary)
    s3 = three_prime_side(t3, r3.tx_boundary)
    junction = call_frame(s5, s3, g5, g3)

    seq5, seq3 = source.protein_sequence(t5), source.protein_sequence(t3)
    cdna5, cdna3 = source.cdna_sequence(t5), source.cdna_sequence(t3)
    protein, kept5, kept3, junction = _compose_protein(
        t5, s5, r5.tx_boundary, seq5, cdna5, t3, s3, r3.tx_boundary, seq3, cdna3, junction
    )

    v5 = dm.verdicts_for(source.domains(t5), kept5)
    v3 = dm.verdicts_for(source.domains(t3), kept3)
    p5 = _partner_result("5'", r5, s5, kept5, v5, seq5)
    p3 = _partner_result("3'", r3, s3, kept3, v3, seq3)

    alts: tuple[ExonNumberingAlternative, ...] = ()
    if alternatives and junction.frame != "in-frame":
        alts = exon_numbering_alternatives(source, r5, r3)

    warnings = list(r5.notes + r3.notes)
    if g5 == g3:
        warnings.append(f"both partners are {g5}: an intragenic rearrangement")
    names = _names(r5, r3)
    verdicts = _verdict_lines(p5, p3, junction, protein, alts)
    return AnnotatedFusion(
        request=request,
        five_prime=p5,
        three_prime=p3,
        junction=junction,
        protein=protein,
        names=names,
        verdicts=verdicts,
        alternatives=alts,
        provenance=source.provenance(),
        warnings=tuple(warnings),
        extra=request.extra,
    )


# --------------------------------------------------------------------------- protein


def _compose_protein(
    t5: Transcript,
    s5: Side,
    last5: int,
    seq5: ProteinSequence | None,
    cdna5: str | None,
    t3: Transcript,
    s3: Side,
    first3: int,
    seq3: ProteinSequence | None,
    cdna3: str | None,
    junction: Junction,
) -> tuple[FusionProtein, tuple[int, int] | None, tuple[int, int] | None, Junction]:
    """Fusion protein segments, length and sequence; and the residues each partner keeps."""
    g5, g3 = t5.gene, t3.gene
    len5, len3 = co.protein_length(t5), co.protein_length(t3)
    notes: list[str] = []
    segments: list[ProteinSegment] = []
    kept5: tuple[int, int] | None = None
    kept3: tuple[int, int] | None = None
    length: int | None = None
    sequence: str | None = None
    residue: str | None = None

    if s5.region == "CDS":
        assert s5.cds_nt is not None
        full5 = s5.cds_nt // 3  # complete 5' codons
        kept5 = (1, min(co.codon_of_cds(s5.cds_nt), len5 or s5.cds_nt))
        if full5:
            segments.append(ProteinSegment("5'", g5, 1, full5, 1, full5))
        if junction.frame == "in-frame" and s3.region == "CDS":
            assert s3.cds_nt is not None and len3 is not None
            codon3 = co.codon_of_cds(s3.cds_nt)
            start3 = codon3 + 1 if junction.split_codon else codon3
            kept3 = (codon3, len3)
            pos = full5 + 1
            if junction.split_codon:
                segments.append(
                    ProteinSegment("junction", f"{g5}/{g3}", full5 + 1, codon3, pos, pos)
                )
                pos += 1
            n3 = len3 - start3 + 1
            segments.append(ProteinSegment("3'", g3, start3, len3, pos, pos + n3 - 1))
            length = pos + n3 - 1
            if seq5 and seq3:
                residue = "X" if junction.split_codon else None
                sequence = (
                    seq5.sequence[:full5] + (residue or "") + seq3.sequence[start3 - 1 : len3]
                )
                if junction.split_codon:
                    notes.append(
                        "junction residue shown as X: it is encoded by the split codon "
                        f"({junction.bases_from_5p} nt {g5} + {junction.bases_from_3p} nt {g3}) "
                        "and the bundle has no nucleotide sequence for it"
                    )
        elif junction.frame == "in-frame" and s3.region == "5'UTR":
            assert len3 is not None
            utr_codons = (s5.phase + s3.utr5_gap) // 3 if s5.phase is not None else 0
            if s5.phase:
                segments.append(
                    ProteinSegment("junction", f"{g5}/{g3}", full5 + 1, None, full5 + 1, full5 + 1)
                )
            pos = full5 + utr_codons + 1
            if utr_codons:
                notes.append(
                    f"{utr_codons} residue(s) are read from the {g3} 5' UTR (unknown, shown as X) "
                    "before its start codon; a stop codon there would end the protein early"
                )
            kept3 = (1, len3)
            segments.append(ProteinSegment("3'", g3, 1, len3, pos, pos + len3 - 1))
            length = pos + len3 - 1
            if seq5 and seq3:
                sequence = seq5.sequence[:full5] + "X" * utr_codons + seq3.sequence[:len3]
        elif junction.frame == "out-of-frame":
            segments.append(ProteinSegment("frameshift", g3, None, None, full5 + 1, None))
            notes.append(
                f"out of frame: after {g5} residue {full5} the {g3} sequence is read in another "
                "frame up to a premature stop; its length and residues need nucleotide sequence, "
                "which the bundle does not have for these transcripts"
            )
        elif s5.region == "CDS" and s3.region in ("3'UTR", "non-coding"):
            segments.append(ProteinSegment("frameshift", g3, None, None, full5 + 1, None))
            notes.append(
                f"{g5} residues 1-{full5} continue into untranslated {g3} sequence up to an "
                "unknown stop codon"
            )
    elif s5.region == "3'UTR":
        assert len5 is not None
        kept5 = (1, len5)
        segments.append(ProteinSegment("5'", g5, 1, len5, 1, len5))
        length = len5
        sequence = seq5.sequence[:len5] if seq5 else None
        notes.append(f"the full {g5} protein is made; {g3} is not translated")
    else:  # 5' UTR or non-coding 5' part: promoter / UTR fusion
        if s3.region == "5'UTR" and len3 is not None:
            kept3 = (1, len3)
            segments.append(ProteinSegment("3'", g3, 1, len3, 1, len3))
            length = len3
            sequence = seq3.sequence[:len3] if seq3 else None
            notes.append(f"{g3} keeps its own start codon: full-length {g3} protein ({len3} aa)")
        elif s3.region == "CDS" and len3 is not None:
            assert s3.cds_nt is not None
            first_full = co.codon_of_cds(s3.cds_nt) + (1 if s3.phase else 0)
            met = _first_met(seq3, first_full, len3)
            if met is not None:
                kept3 = (met, len3)
                segments.append(ProteinSegment("3'", g3, met, len3, 1, len3 - met + 1))
                length = len3 - met + 1
                sequence = seq3.sequence[met - 1 : len3] if seq3 else None
                notes.append(
                    f"{g3} protein from its first Met after the junction (M{met}), "
                    f"{len3 - met + 1} aa, if translation starts there"
                )
            else:
                kept3 = (first_full, len3)
                notes.append(
                    f"{g3} could be made only from an internal ATG at or after codon {first_full}; "
                    "where it lies needs the protein sequence, which the bundle does not have"
                    if seq3 is None
                    else f"no Met in {g3} after codon {first_full}: no protein expected"
                )
        else:
            notes.append("no coding sequence is kept on either side: no fusion protein")

    if cdna5 and cdna3 and s5.region == "CDS":
        exact = _translate_fusion(t5, last5, cdna5, t3, first3, cdna3)
        if exact is not None:
            sequence, length = exact, len(exact)
            if junction.split_codon:
                pos = (s5.cds_nt or 0) // 3
                residue = exact[pos] if pos < len(exact) else None
            # The cDNA answers what the notes above said was unknown.
            notes = [
                n
                for n in notes
                if "junction residue shown as X" not in n
                and not n.startswith(("out of frame:", f"{g5} residues 1-"))
                and not n.startswith("unknown residues are X")
            ]
            notes.append("sequence translated from the partners' cDNA (Biopython)")
            if segments and segments[-1].kind == "frameshift":
                fs = segments[-1]
                segments[-1] = ProteinSegment(
                    "frameshift", fs.gene, None, None, fs.fusion_start, len(exact)
                )
                tail = len(exact) - fs.fusion_start + 1
                notes.append(
                    f"after {g5} residue {fs.fusion_start - 1}, {tail} residue(s) of "
                    f"frameshifted {g3} sequence up to a premature stop"
                )
    elif sequence is None and s5.region == "CDS":
        missing = [g for g, s in ((g5, seq5), (g3, seq3)) if s is None]
        if missing and junction.frame == "in-frame":
            notes.append(
                f"no protein sequence for {', '.join(missing)} in the annotations used: the "
                "fusion sequence cannot be given (structure, frame, length and domains are "
                "unaffected); --release N (an installed pyensembl release) gives exact sequences"
            )
    if sequence is not None and "X" in sequence and seq5 and seq3:
        partial = [s for s in (seq5, seq3) if not s.complete]
        for s in partial:
            notes.append(f"unknown residues are X: {s.note}")

    if residue is not None and residue != junction.junction_residue:
        junction = replace(junction, junction_residue=residue)
    protein = FusionProtein(length, tuple(segments), sequence, tuple(notes))
    return protein, kept5, kept3, junction


def _first_met(seq: ProteinSequence | None, start: int, end: int) -> int | None:
    if seq is None:
        return None
    for i in range(start, end + 1):
        if i - 1 < len(seq.sequence) and seq.sequence[i - 1] == "M":
            return i
    return None


def _translate_fusion(
    t5: Transcript, last5: int, cdna5: str, t3: Transcript, first3: int, cdna3: str
) -> str | None:
    """Translate the fusion cDNA from the 5' start codon to the first stop."""
    from Bio.Seq import Seq  # Biopython does the translation; imported only when used

    b5 = co.cds_tx_bounds(t5)
    if b5 is None:
        return None
    fused = cdna5[b5[0] - 1 : last5] + cdna3[first3 - 1 :]
    fused = fused[: len(fused) - len(fused) % 3]
    return str(Seq(fused).translate(to_stop=True))


# --------------------------------------------------------------------------- partner results


def _partner_result(
    role: Role,
    r: ResolvedPartner,
    side: Side,
    kept: tuple[int, int] | None,
    verdicts: tuple,
    seq: ProteinSequence | None,
) -> PartnerResult:
    t = r.transcript
    genomic = co.tx_to_genomic(t, r.tx_boundary)
    return PartnerResult(
        role=role,
        gene=t.gene,
        transcript=t,
        exon=r.exon,
        region=side.region,
        cds_boundary_nt=side.cds_nt,
        phase=side.phase,
        genomic_boundary=GenomicPosition(t.contig, genomic, t.strand),
        protein_length=co.protein_length(t),
        kept_aa=kept,
        domains=verdicts,
        exon_aa_ranges=co.exon_aa_ranges(t),
        sequence=seq,
    )


# --------------------------------------------------------------------------- alternatives


def _in_frame_cds(t5: Transcript, e5: int, t3: Transcript, e3: int) -> bool:
    """True when exon e5 of t5 :: exon e3 of t3 is an in-frame CDS::CDS junction: the
    frame call of :func:`fusionviz.frame.call_frame` without building its explanation."""
    if not (1 <= e5 <= t5.n_exons and 1 <= e3 <= t3.n_exons):
        return False
    s5 = five_prime_side(t5, exon_boundary_tx(t5, e5, "5'"))
    s3 = three_prime_side(t3, exon_boundary_tx(t3, e3, "3'"))
    return s5.region == s3.region == "CDS" and s5.phase == s3.phase


def _same_boundary(t_alt: Transcript, exon: int, t_ref: Transcript, role: Role) -> int | None:
    """Exon of ``t_ref`` whose kept boundary is the same genomic base as ``exon`` of ``t_alt``."""
    if t_alt.contig != t_ref.contig:
        return None
    pos = exon_boundary_position(t_alt, exon, role)
    for e in t_ref.exons:
        if exon_boundary_position(t_ref, e.number, role) == pos:
            return e.number
    return None


def exon_numbering_alternatives(
    source: AnnotationSource, r5: ResolvedPartner, r3: ResolvedPartner
) -> tuple[ExonNumberingAlternative, ...]:
    """Readings of the same exon numbers that would be in frame.

    First, other transcripts of ONE partner (the other kept on the transcript
    used) on which the same exon number is in frame: the usual way a lab's
    numbering differs (HMBOX1-203 has one more 5' non-coding exon than MANE).
    Pairs of alternative transcripts are listed only when no single change
    works. Then nearby exon pairs on the transcripts used (one exon off on one
    side), the usual off-by-one in a report.
    """
    t5, t3, e5, e3 = r5.transcript, r3.transcript, r5.exon, r3.exon
    try:
        alts5 = source.transcripts(t5.gene)
        alts3 = source.transcripts(t3.gene)
    except FusionvizError:
        alts5, alts3 = (t5,), (t3,)

    def reading(a5: Transcript, a3: Transcript) -> ExonNumberingAlternative | None:
        if not _in_frame_cds(a5, e5, a3, e3):
            return None
        parts = []
        for alt, ref, exon, role in ((a5, t5, e5, "5'"), (a3, t3, e3, "3'")):
            if alt == ref:
                continue
            same = _same_boundary(alt, exon, ref, role)
            alt_name = alt.name if alt.name else alt.label
            parts.append(
                f"{alt_name} exon {exon} = exon {same} of {ref.label}"
                if same
                else f"{alt_name} exon {exon} has no counterpart boundary on {ref.label}"
            )
        return ExonNumberingAlternative(
            a5.label,
            e5,
            a3.label,
            e3,
            "in-frame",
            f"in frame if exons are numbered on {a5.name}/{a3.name} ({'; '.join(parts)})",
        )

    single = [reading(a5, t3) for a5 in alts5 if a5 != t5]
    single += [reading(t5, a3) for a3 in alts3 if a3 != t3]
    out = [a for a in single if a is not None]
    if not out:
        double = (reading(a5, a3) for a5 in alts5 for a3 in alts3 if a5 != t5 and a3 != t3)
        out = [a for a in double if a is not None]
    for d5, d3 in ((-1, 0), (1, 0), (0, -1), (0, 1)):
        if not _in_frame_cds(t5, e5 + d5, t3, e3 + d3):
            continue
        out.append(
            ExonNumberingAlternative(
                t5.label,
                e5 + d5,
                t3.label,
                e3 + d3,
                "in-frame",
                f"nearby exon pair {t5.gene} e{e5 + d5}::{t3.gene} e{e3 + d3} on the same "
                "transcripts is in frame",
            )
        )
    return tuple(out)


# --------------------------------------------------------------------------- names, verdicts


def composition(protein: FusionProtein) -> str:
    """'SQSTM1 aa 1-251 + junction codon (SQSTM1 252 / ALK 1023) + ALK aa 1024-1620'."""
    parts = []
    for s in protein.segments:
        if s.kind == "junction":
            g5, g3 = s.gene.split("/")
            parts.append(f"junction codon ({g5} {s.partner_start} / {g3} {s.partner_end or '?'})")
        elif s.kind == "frameshift":
            end = f" to residue {s.fusion_end}" if s.fusion_end else " to an unknown premature stop"
            parts.append(f"frameshifted {s.gene} sequence{end}")
        else:
            parts.append(f"{s.gene} aa {s.partner_start}-{s.partner_end}")
    return " + ".join(parts) if parts else "no fusion protein"


def _names(r5: ResolvedPartner, r3: ResolvedPartner) -> FusionNames:
    from fusionviz.notation import hgnc_name, short_form

    t5, t3 = r5.transcript, r3.transcript
    hgvs = (
        f"{t5.label}({t5.gene}):r.{co.c_position(t5, 1)}_{co.c_position(t5, r5.tx_boundary)}"
        f"::{t3.label}({t3.gene}):r.{co.c_position(t3, r3.tx_boundary)}_"
        f"{co.c_position(t3, co.transcript_length(t3))}"
    )
    return FusionNames(
        hgnc=hgnc_name(t5.gene, t3.gene),
        short=short_form(t5.gene, r5.exon, t3.gene, r3.exon),
        hgvs=hgvs,
    )


def _verdict_lines(
    p5: PartnerResult,
    p3: PartnerResult,
    junction: Junction,
    protein: FusionProtein,
    alts: tuple[ExonNumberingAlternative, ...],
) -> tuple[str, ...]:
    lines = []
    g5, g3 = p5.gene, p3.gene
    if junction.frame == "in-frame":
        length = f"{protein.length}-aa fusion protein" if protein.length else "fusion protein"
        lines.append(
            f"In frame: {g5} exons 1-{p5.exon} joined to {g3} exons "
            f"{p3.exon}-{p3.transcript.n_exons}; {length} = {composition(protein)}"
        )
    elif junction.frame == "out-of-frame":
        lines.append(
            f"Out of frame on {p5.transcript.label}/{p3.transcript.label}: {g3} protein is not "
            f"made from this junction ({junction.junction_class})"
        )
    else:
        lines.append(f"Frame not applicable ({junction.junction_class}): {junction.explanation[0]}")
    for p in (p3, p5):
        lines.append(
            dm.partner_verdict(p.gene, p.domains, kept_any=p.kept_aa is not None, kept=p.kept_aa)
        )
    tx_alts = [a for a in alts if not a.reason.startswith("nearby")]
    if tx_alts:
        lines.append(
            "Exon numbering matters: "
            + "; ".join(a.reason for a in tx_alts[:3])
            + (f" (+{len(tx_alts) - 3} more)" if len(tx_alts) > 3 else "")
        )
    return tuple(lines)
