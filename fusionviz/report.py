"""Writers: AnnotatedFusion -> text, JSON-ready dict, TSV row, FASTA record.

The JSON field names listed in ``JSON_CONTRACT`` are stable; more may be added.
Every writer carries provenance (bundle/release, transcript IDs with versions,
domain databases).
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from fusionviz import __version__
from fusionviz.evidence.render import EVIDENCE_COLUMNS
from fusionviz.features import Feature, group_features
from fusionviz.models import AnnotatedFusion, DomainVerdict, PartnerResult
from fusionviz.vicc import vicc_nomenclature

if TYPE_CHECKING:
    from fusionviz.evidence import Assessment
    from fusionviz.known import KnownMatch

JSON_CONTRACT = (
    "name",
    "frame",
    "junction_class",
    "fusion_protein_length",
    "five_prime",
    "three_prime",
    "exon_numbering_alternatives",
    "provenance",
)

TSV_COLUMNS = (
    "input",
    "line",
    "name",
    "short_name",
    "frame",
    "junction_class",
    "fusion_protein_length",
    "gene5",
    "transcript5",
    "exon5",
    "region5",
    "cds_boundary_nt5",
    "end_phase5",
    "genomic_boundary5",
    "kept_aa5",
    "gene3",
    "transcript3",
    "exon3",
    "region3",
    "cds_boundary_nt3",
    "start_phase3",
    "genomic_boundary3",
    "kept_aa3",
    "split_codon",
    "hgvs",
    "vicc_nomenclature",
    "verdict",
    "domains5",
    "domains3",
    "exon_numbering_alternatives",
    "warnings",
    "provenance",
    "known_fusion_status",
    "known_fusion",
    "known_fusion_entries",
    "known_fusion_sources",
    "known_fusion_table",
    "gene_as_given5",
    "gene_as_given3",
    "read_as",
    "liftover",
    *EVIDENCE_COLUMNS,
)


def read_as(af: AnnotatedFusion) -> tuple[str, tuple[str, ...]]:
    """How the input was read: the exons (``EML4 e13::ALK e20``; "" for genomic input) and,
    when the notation needed interpreting, the sentences that say how."""
    from fusionviz.notation import exon_form

    req, p5, p3 = af.request, af.five_prime, af.three_prime
    if req.five_prime.breakpoint or req.three_prime.breakpoint or None in (p5.exon, p3.exon):
        return "", req.reading
    return exon_form(p5.gene, p5.exon, p3.gene, p3.exon), req.reading


def _read_as_needed(af: AnnotatedFusion) -> bool:
    exons, notes = read_as(af)
    plain = "".join(af.request.text.split()).upper()
    return bool(notes) or bool(exons and plain != "".join(exons.split()).upper())


# --------------------------------------------------------------------------- dict / JSON


def _domain_dict(v: DomainVerdict) -> dict[str, Any]:
    d = v.domain
    return {
        "name": d.name,
        "source": d.source,
        "accession": d.accession,
        "kind": d.kind,
        "start": d.start,
        "end": d.end,
        "status": v.status,
        "fraction_retained": v.fraction_retained,
        "kept_start": v.kept_start,
        "kept_end": v.kept_end,
    }


def _placement_dict(p: PartnerResult) -> dict[str, Any] | None:
    pl = p.placement
    if pl is None:
        return None
    return {
        "position": str(pl.position),
        "meaning": pl.meaning,
        "reading": pl.reading,
        "transcript": pl.transcript,
        "exon": pl.exon,
        "intron": pl.intron,
        "retained_bases": pl.retained,
        "statements": list(pl.statements),
        "alternatives": list(pl.alternatives),
    }


def _locus_dict(p: PartnerResult) -> dict[str, Any] | None:
    loc = p.locus
    if loc is None:
        return None
    return {
        "symbol": loc.symbol,
        "gene_id": loc.gene_id,
        "biotype": loc.biotype,
        "span": f"chr{loc.contig}:{loc.start}-{loc.end}:{loc.strand}",
    }


def _feature_dict(f: Feature) -> dict[str, Any]:
    v = f.verdict
    return {
        "name": f.name,
        "short_name": f.short,
        "family": f.family,
        "kind": f.kind,
        "start": f.start,
        "end": f.end,
        "status": f.status,
        "fraction_retained": f.fraction_retained,
        "kept_start": v.kept_start,
        "kept_end": v.kept_end,
        "sources": [
            {
                "source": m.domain.source,
                "accession": m.domain.accession,
                "name": m.domain.name,
                "start": m.domain.start,
                "end": m.domain.end,
            }
            for m in f.members
        ],
    }


def _partner_dict(p: PartnerResult) -> dict[str, Any]:
    t = p.transcript
    return {
        "gene": p.gene,
        "gene_as_given": p.gene_as_given or p.gene,
        "transcript_id": t.transcript_id if t else None,
        "transcript_name": t.name if t else None,
        "refseq": t.refseq if t else None,
        "mane_select": t.is_mane_select if t else False,
        "canonical": t.is_canonical if t else False,
        "exon": p.exon,
        "exon_count": t.n_exons if t else None,
        "region": p.region,
        "cds_boundary_nt": p.cds_boundary_nt,
        "phase": p.phase,
        "genomic_boundary": str(p.genomic_boundary),
        "protein_length": p.protein_length,
        "kept_aa": list(p.kept_aa) if p.kept_aa else None,
        "domains": [_domain_dict(v) for v in p.domains],
        # The same records grouped: one entry per feature, every source listed.
        "features": [_feature_dict(f) for f in group_features(p.domains)],
        "sequence_available": p.sequence is not None,
        "placement": _placement_dict(p),
        "locus": _locus_dict(p),
    }


def _label(p: PartnerResult) -> str:
    return p.transcript_label


def provenance_dict(af: AnnotatedFusion) -> dict[str, Any]:
    """Provenance of one annotation: tool, sources, transcripts with versions."""
    return {
        "tool": f"fusionviz {__version__}",
        "sources": [s.as_dict() for s in af.provenance],
        "transcripts": {
            "five_prime": _label(af.five_prime),
            "three_prime": _label(af.three_prime),
        },
    }


def to_dict(
    af: AnnotatedFusion,
    known: KnownMatch | None = None,
    assessment: Assessment | None = None,
) -> dict[str, Any]:
    """The JSON contract for one fusion (with ``known_fusion`` when matched and
    ``assessment``, the evidence list, when given)."""
    j = af.junction
    data = {
        "name": af.names.hgnc,
        "short_name": af.names.short,
        "hgvs": af.names.hgvs,
        "vicc_nomenclature": vicc_nomenclature(af),
        "input": af.request.text,
        "frame": af.frame,
        "junction_class": j.junction_class,
        "fusion_protein_length": af.protein.length,
        "frame_verified": j.verified,
        "conditional_protein_length": af.protein.conditional_length,
        "junction": {
            "inserted_bases": j.inserted_bases,
            "unread_bases": j.unread_bases,
            "five_end_phase": j.five_end_phase,
            "three_start_phase": j.three_start_phase,
            "split_codon": j.split_codon,
            "bases_from_5p": j.bases_from_5p,
            "bases_from_3p": j.bases_from_3p,
            "junction_residue": j.junction_residue,
            "explanation": list(j.explanation),
        },
        "fusion_protein": {
            "length": af.protein.length,
            "segments": [
                {
                    "kind": s.kind,
                    "gene": s.gene,
                    "partner_start": s.partner_start,
                    "partner_end": s.partner_end,
                    "fusion_start": s.fusion_start,
                    "fusion_end": s.fusion_end,
                }
                for s in af.protein.segments
            ],
            "sequence": af.protein.sequence,
            "notes": list(af.protein.notes),
        },
        "five_prime": _partner_dict(af.five_prime),
        "three_prime": _partner_dict(af.three_prime),
        "verdicts": list(af.verdicts),
        "exon_numbering_alternatives": [
            {
                "five_prime_transcript": a.five_transcript,
                "five_prime_exon": a.five_exon,
                "three_prime_transcript": a.three_transcript,
                "three_prime_exon": a.three_exon,
                "frame": a.frame,
                "reason": a.reason,
            }
            for a in af.alternatives
        ],
        "junction_readings": [
            {
                "five_prime_transcript": r.five_transcript,
                "five_prime_exon": r.five_exon,
                "three_prime_transcript": r.three_transcript,
                "three_prime_exon": r.three_exon,
                "frame": r.frame,
                "junction_class": r.junction_class,
            }
            for r in af.junction_readings
        ],
        "warnings": list(af.warnings),
        "read_as": {"fusion": read_as(af)[0] or None, "notes": list(read_as(af)[1])},
        "caller_fields": dict(af.extra),
        "provenance": provenance_dict(af),
    }
    if known is not None:
        data["known_fusion"] = known.as_dict()
    if assessment is not None:
        data["assessment"] = assessment.as_dict()
    if af.request.lifted is not None:
        data["liftover"] = liftover_dict(af)
    return data


def liftover_dict(af: AnnotatedFusion) -> dict[str, Any]:
    """Both coordinates of a lifted request (the input's build and the annotation's)."""
    lo = af.request.lifted
    assert lo is not None
    req = af.request

    def pos(p: Any) -> str | None:
        return None if p is None else str(p)

    return {
        "from_build": lo.from_build,
        "to_build": lo.to_build,
        "five_prime": {"input": pos(lo.five_prime), "lifted": pos(req.five_prime.breakpoint)},
        "three_prime": {"input": pos(lo.three_prime), "lifted": pos(req.three_prime.breakpoint)},
        "chain": lo.chain,
    }


def liftover_line(af: AnnotatedFusion) -> str:
    """One line saying the breakpoints were lifted, with both coordinates ('' if not)."""
    lo = af.request.lifted
    if lo is None:
        return ""
    return lo.describe(af.request.five_prime.breakpoint, af.request.three_prime.breakpoint)


# --------------------------------------------------------------------------- text


def composition(af: AnnotatedFusion) -> str:
    """The fusion protein's parts ('SQSTM1 aa 1-251 + junction codon ... + ALK aa 1024-1620')."""
    from fusionviz.verdicts import composition as _composition

    return _composition(af.protein)


def to_text(
    af: AnnotatedFusion,
    known: KnownMatch | None = None,
    assessment: Assessment | None = None,
) -> str:
    """The human report for one fusion (with the evidence list when ``assessment`` is
    given)."""
    out = io.StringIO()
    p5, p3, j = af.five_prime, af.three_prime, af.junction
    w = out.write
    w(f"{af.names.hgnc}  ({af.names.short})  {af.frame.upper()}\n")
    w("  verdict      " + "\n               ".join(af.verdicts) + "\n")
    if af.request.text:
        w(f"  input        {af.request.text}\n")
        if _read_as_needed(af):
            exons, notes = read_as(af)
            w("  read as      " + "\n               ".join(x for x in (exons, *notes) if x) + "\n")
    if af.request.lifted is not None:
        w(f"  liftover     {liftover_line(af)}\n")
    for label, p in (("5' partner", p5), ("3' partner", p3)):
        _partner_text(w, label, p)
    w(f"  junction     {j.junction_class}\n")
    w("  frame        " + "\n               ".join(j.explanation) + "\n")
    if j.junction_residue:
        w(f"  junction aa  {j.junction_residue}\n")
    length = f"{af.protein.length} aa" if af.protein.length else "length unknown"
    if af.protein.conditional_length:
        length = f"{af.protein.conditional_length} aa if the unread bases hold no stop (unverified)"
    w(f"  protein      {length}: {composition(af)}\n")
    for n in af.protein.notes:
        w(f"               note: {n}\n")
    for role, p in (("5'", p5), ("3'", p3)):
        if not p.domains:
            continue
        w(f"  domains {role} {p.gene} (one row per feature; its database records in brackets)\n")
        for f in group_features(p.domains):
            w(f"      {feature_line(f)}\n")
    if known is not None:
        w(f"  known        {known.describe()}\n")
    if af.junction_readings:
        w("  same junction on other transcripts\n")
        for r in af.junction_readings[:10]:
            w(
                f"      {r.five_transcript} e{r.five_exon} :: {r.three_transcript} "
                f"e{r.three_exon}: {r.frame} ({r.junction_class})\n"
            )
        if len(af.junction_readings) > 10:
            w(f"      (+{len(af.junction_readings) - 10} more in the JSON output)\n")
    if af.alternatives:
        w("  exon-numbering check\n")
        for a in af.alternatives:
            w(f"      {a.reason}\n")
    for warn in af.warnings:
        w(f"  warning      {warn}\n")
    if af.extra:
        w("  caller       " + "; ".join(f"{k}={v}" for k, v in af.extra) + "\n")
    if assessment is not None:
        from fusionviz.evidence.render import text_lines

        w("\n".join(text_lines(assessment)) + "\n")
    w(f"  hgvs         {af.names.hgvs}\n")
    w(f"  vicc         {vicc_nomenclature(af)}\n")
    w("  provenance   " + provenance_line(af) + "\n")
    return out.getvalue()


def _partner_text(w, label: str, p: PartnerResult) -> None:
    t = p.transcript
    which = "last" if p.role == "5'" else "first"
    given = f" (given as {p.gene_as_given})" if p.gene_as_given else ""
    if t is None:
        what = p.locus.biotype if p.locus is not None else p.region
        w(f"  {label}   {p.gene}{given} ({what}; no protein-coding transcript)\n")
        w(f"               {p.genomic_boundary} ({which} base kept)\n")
        return
    refseq = f", RefSeq {t.refseq}" if t.refseq else ""
    w(f"  {label}   {p.gene}{given} {t.display}{refseq}\n")
    boundary = f"CDS nt {p.cds_boundary_nt}" if p.cds_boundary_nt is not None else p.region
    phase_name = "end phase" if p.role == "5'" else "start phase"
    phase = f", {phase_name} {p.phase}" if p.phase is not None else ""
    retained = ""
    if p.placement is not None and p.placement.retained:
        retained = f" + {p.placement.retained} nt beyond the exon"
    w(
        f"               exon {p.exon} of {t.n_exons}{retained}: {boundary}{phase}; "
        f"{p.genomic_boundary} ({which} base kept)\n"
    )
    if p.placement is not None:
        w(f"               read as: {p.placement.reading} ({p.placement.meaning.upper()})\n")


def feature_line(f: Feature) -> str:
    """``truncated  10% (2 of 21 aa)  1039-1059  Transmembrane segment  [UniProt ...]``."""
    kept = ""
    if f.status == "truncated":
        kept = f"{f.fraction_retained:.0%} ({f.kept_aa} of {f.length} aa)"
    return f"{f.status:<9} {kept:<17} {f.start:>5}-{f.end:<5} {f.name}  [{f.sources_text()}]"


def provenance_line(af: AnnotatedFusion) -> str:
    """One line: tool, sources with versions, transcripts used."""
    sources = "; ".join(f"{s.name} {s.version}" for s in af.provenance)
    return (
        f"fusionviz {__version__}; {sources}; transcripts "
        f"{_label(af.five_prime)}, {_label(af.three_prime)}"
    )


# --------------------------------------------------------------------------- TSV


def tsv_header() -> list[str]:
    """Stable TSV column order."""
    return list(TSV_COLUMNS)


def _clean(value: object) -> str:
    if value is None:
        return ""
    return str(value).replace("\t", " ").replace("\n", " ")


def _domain_summary(p: PartnerResult) -> str:
    return ",".join(
        f"{v.domain.name}:{v.domain.start}-{v.domain.end}:{v.status}:{v.fraction_retained:g}"
        for v in p.domains
    )


def tsv_row(
    af: AnnotatedFusion,
    known: KnownMatch | None = None,
    assessment: Assessment | None = None,
) -> list[str]:
    """One row in ``TSV_COLUMNS`` order."""
    p5, p3 = af.five_prime, af.three_prime

    def kept(p: PartnerResult) -> str:
        return f"{p.kept_aa[0]}-{p.kept_aa[1]}" if p.kept_aa else ""

    values = [
        af.request.text,
        af.request.line,
        af.names.hgnc,
        af.names.short,
        af.frame,
        af.junction.junction_class,
        af.protein.length,
        p5.gene,
        _label(p5),
        p5.exon,
        p5.region,
        p5.cds_boundary_nt,
        p5.phase,
        p5.genomic_boundary,
        kept(p5),
        p3.gene,
        _label(p3),
        p3.exon,
        p3.region,
        p3.cds_boundary_nt,
        p3.phase,
        p3.genomic_boundary,
        kept(p3),
        "yes" if af.junction.split_codon else "no",
        af.names.hgvs,
        vicc_nomenclature(af),
        " | ".join(af.verdicts),
        _domain_summary(p5),
        _domain_summary(p3),
        " | ".join(a.reason for a in af.alternatives),
        " | ".join(af.warnings),
        provenance_line(af),
    ]
    cols = known.as_columns() if known is not None else {}
    if assessment is not None:
        from fusionviz.evidence.render import tsv_columns

        cols.update(tsv_columns(assessment))
    cols["gene_as_given5"] = p5.gene_as_given or p5.gene
    cols["gene_as_given3"] = p3.gene_as_given or p3.gene
    exons, notes = read_as(af)
    cols["read_as"] = " | ".join(x for x in (exons, *notes) if x)
    cols["liftover"] = liftover_line(af)
    values += [cols.get(c, "") for c in TSV_COLUMNS[len(values) :]]
    return [_clean(v) for v in values]


def to_tsv(
    fusions: list[AnnotatedFusion],
    known: list[KnownMatch] | None = None,
    assessments: list[Assessment] | None = None,
) -> str:
    """Header plus one row per fusion."""
    matches = known or [None] * len(fusions)
    evidence = assessments or [None] * len(fusions)
    lines = ["\t".join(tsv_header())]
    lines += [
        "\t".join(tsv_row(af, k, a)) for af, k, a in zip(fusions, matches, evidence, strict=True)
    ]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- FASTA


def fasta_record(af: AnnotatedFusion, width: int = 60) -> str | None:
    """The fusion protein as FASTA (Biopython), or None when no sequence is known.

    The header carries the name, frame, transcripts with versions and the bundle.
    """
    seq = af.protein.sequence
    if not seq:
        return None
    from Bio import SeqIO  # imported on use: FASTA is the only writer that needs it
    from Bio.Seq import Seq
    from Bio.SeqRecord import SeqRecord

    ident = f"{af.names.hgnc}_{af.names.short}".replace(";", "_").replace("::", "-")
    sources = ",".join(f"{s.name}_{s.version}".replace(" ", "_") for s in af.provenance[:1])
    desc = (
        f"{af.names.hgnc} {af.names.short} {af.frame} length={len(seq)} "
        f"5p={_label(af.five_prime)}:e{af.five_prime.exon} "
        f"3p={_label(af.three_prime)}:e{af.three_prime.exon} "
        f"source={sources} fusionviz={__version__}"
    )
    if "X" in seq:
        desc += " X=unknown-residue"
    record = SeqRecord(Seq(seq), id=ident, description=desc)
    buf = io.StringIO()
    SeqIO.write(record, buf, "fasta")
    return buf.getvalue()
