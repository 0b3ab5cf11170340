"""AnnotatedFusion -> the human text report, and the one-line pieces other writers share."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from fusionviz import __version__
from fusionviz.features import Feature, group_features
from fusionviz.models import AnnotatedFusion, PartnerResult
from fusionviz.report_dict import _label, _read_as_needed, read_as
from fusionviz.verdicts import headline_words
from fusionviz.vicc import vicc_nomenclature

if TYPE_CHECKING:
    from fusionviz.evidence import Assessment
    from fusionviz.known import KnownMatch


def liftover_line(af: AnnotatedFusion) -> str:
    """One line saying the breakpoints were lifted, with both coordinates ('' if not)."""
    lo = af.request.lifted
    if lo is None:
        return ""
    return lo.describe(af.request.five_prime.breakpoint, af.request.three_prime.breakpoint)


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
    w(f"{af.names.hgnc}  ({af.names.short})  {_headline(af)}\n")
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
    _protein_text(w, af)
    if known is not None:
        w(f"  known        {known.describe()}\n")
    _readings_text(w, af)
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


def _protein_text(w, af: AnnotatedFusion) -> None:
    """The protein line, its notes and each partner's features."""
    p5, p3 = af.five_prime, af.three_prime
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


def _readings_text(w, af: AnnotatedFusion) -> None:
    """The same junction on other transcripts, and the exon-numbering check."""
    if af.junction_readings:
        w("  same junction on other transcripts\n")
        # Readings that differ from the call come first: they are the ones that matter.
        firm = ("in-frame", "out-of-frame")
        first = sorted(
            af.junction_readings, key=lambda r: (r.frame == af.frame, r.frame not in firm)
        )
        for r in first[:10]:
            w(f"      {r.pair}: {r.frame} ({r.junction_class})\n")
        if len(af.junction_readings) > 10:
            w(f"      (+{len(af.junction_readings) - 10} more in the JSON output)\n")
    if af.alternatives:
        w("  exon-numbering check\n")
        for a in af.alternatives:
            w(f"      {a.reason}\n")


def _partner_text(w, label: str, p: PartnerResult) -> None:
    t = p.transcript
    which = "last" if p.role == "5'" else "first"
    given = f" (given as {p.gene_as_given})" if p.gene_as_given else ""
    if t is None:
        what = p.locus.biotype if p.locus is not None else p.region
        w(f"  {label}   {p.gene}{given} ({what}; {p.no_transcript})\n")
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


def _headline(af: AnnotatedFusion) -> str:
    """The header's frame call, qualified as the figure's and the web page's are."""
    words = headline_words(af)
    if words == "depends on exon numbering":
        return f"{af.frame.upper()} ON THESE TRANSCRIPTS (DEPENDS ON EXON NUMBERING: SEE VERDICT)"
    if words == "depends on the transcripts":
        return f"{af.frame.upper()} ON THESE TRANSCRIPTS (IN FRAME ON OTHERS: SEE VERDICT)"
    if words == "in frame, unverified":
        return "IN-FRAME, UNVERIFIED"
    return af.frame.upper()
