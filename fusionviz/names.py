"""Gene names as users and callers write them -> the approved symbol, said out loud.

One rule set for every input (a typed fusion, a ``--5p`` partner, a caller row):

1. An approved symbol (case-insensitive) is that gene: approved symbols always win, so a
   name that is also another gene's alias is never read as the alias.
2. Otherwise a previous symbol or alias of exactly one gene is that gene, and the output says
   so: ``MLL → KMT2A (alias)``, ``C11orf95 → ZFTA (previous symbol)``.
3. A name shared by several genes is never guessed. With a breakpoint (a caller row with
   coordinates), the one gene whose span covers the base is used, and the output says so;
   otherwise :class:`~fusionviz.errors.AmbiguousGeneError` lists the candidates.
4. An unknown name raises :class:`~fusionviz.errors.UnknownGeneError` with close matches
   among approved symbols and aliases (``did you mean KMT2A (MLL)?``).

The alias table is the annotation source's (:meth:`AnnotationSource.aliases`): for the
embedded bundle, Ensembl 110 synonyms and GENCODE v24 previous symbols (see
``annotations/PROVENANCE.md``).
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from fusionviz.errors import (
    AmbiguousGeneError,
    FusionvizError,
    NonCodingGeneError,
    NotationError,
    UnknownGeneError,
)
from fusionviz.models import GeneAlias, GeneName, GenomicPosition, PartnerSpec
from fusionviz.sources.base import AnnotationSource

__all__ = ["is_known_name", "resolve_gene", "resolve_spec", "with_gene_name"]


def _approved(name: str, source: AnnotationSource) -> str | None:
    """The approved spelling of ``name`` when it is an approved symbol of the source."""
    if source.has_gene(name):
        return source.default_transcript(name).gene
    loc = source.locus(name)
    return loc.symbol if loc is not None else None


def _kind(pairs: list[GeneAlias]) -> str:
    """``previous symbol`` wins over ``alias`` when a source lists both for one gene."""
    return "previous symbol" if any(p.kind == "previous symbol" for p in pairs) else "alias"


def _covering(symbols: list[str], bp: GenomicPosition, source: AnnotationSource) -> list[str]:
    hits = []
    for s in symbols:
        loc = source.locus(s)
        if loc is not None and loc.covers(bp.contig, bp.position):
            hits.append(s)
    return hits


def resolve_gene(
    name: str, source: AnnotationSource, breakpoint: GenomicPosition | None = None
) -> GeneName:
    """Read one gene name (see the module docstring). ``breakpoint`` (the partner's base,
    when the input gives one) picks among several genes sharing a previous symbol or alias.

    Raises AmbiguousGeneError or UnknownGeneError (one line, with close matches).
    """
    given = name.strip()
    approved = _approved(given, source)
    if approved is not None:
        return GeneName(given=given, symbol=approved, kind="approved")
    by_symbol: dict[str, list[GeneAlias]] = {}
    for a in source.aliases(given):
        if _approved(a.symbol, source) is not None:
            by_symbol.setdefault(a.symbol, []).append(a)
    if not by_symbol:
        raise _unknown(given, source)
    symbols = sorted(by_symbol)
    chosen_by = ""
    if len(symbols) > 1:
        hits = _covering(symbols, breakpoint, source) if breakpoint is not None else []
        if len(hits) != 1:
            why = f" and {len(hits)} of them cover {breakpoint}" if breakpoint and hits else ""
            if breakpoint is not None and not hits:
                why = f" and none covers {breakpoint}"
            raise AmbiguousGeneError(given, symbols, why)
        chosen_by = f"{hits[0]} is the one at {breakpoint}"
        symbol = hits[0]
    else:
        symbol = symbols[0]
        _check_breakpoint(given, symbol, breakpoint, source)
    pairs = by_symbol[symbol]
    return GeneName(
        given=given,
        symbol=_approved(symbol, source) or symbol,
        kind=_kind(pairs),  # type: ignore[arg-type]
        source="; ".join(sorted({p.source for p in pairs})),
        candidates=tuple(symbols) if len(symbols) > 1 else (),
        chosen_by=chosen_by,
    )


#: How far outside a gene's span a caller's base may lie and still name that gene by an alias
#: (as far as placement reads a base as a transcript's first or last exon).
ALIAS_FLANK = 5_000


def _check_breakpoint(
    given: str, symbol: str, bp: GenomicPosition | None, source: AnnotationSource
) -> None:
    """An alias read with a breakpoint must name the gene the base lies in (or beside)."""
    loc = source.locus(symbol) if bp is not None else None
    if bp is None or loc is None:
        return
    lo, hi = loc.start - ALIAS_FLANK, loc.end + ALIAS_FLANK
    if not (loc.contig == bp.contig and lo <= bp.position <= hi):
        raise UnknownGeneError(
            given,
            message=f"'{given}' is a previous symbol or alias of {symbol} "
            f"(chr{loc.contig}:{loc.start}-{loc.end}), but {bp} lies elsewhere; give the "
            "approved symbol of the gene at that base",
        )


def _unknown(name: str, source: AnnotationSource) -> UnknownGeneError:
    # Its close matches are searched only when the message is read (a caller row's
    # unknown name is usually answered by placement instead), once per name
    # (errors.close_names remembers them).
    return _unknown_error(name, source)


def _unknown_error(name: str, source: AnnotationSource) -> UnknownGeneError:
    where = getattr(source, "where", "")
    index = getattr(source, "loci_index", None)
    if index is None:
        bundle = getattr(source, "_bundle", None) or getattr(source, "inner", None)
        index = getattr(bundle, "loci_index", None)
    aliases = index.all_names() if index is not None else ()
    return UnknownGeneError(name, source.gene_symbols(), where=where, aliases=aliases)


def resolve_spec(
    spec: PartnerSpec, source: AnnotationSource, role: str = "5'"
) -> tuple[PartnerSpec, GeneName | None]:
    """``spec`` with its gene replaced by the approved symbol and an HGVS-style r. position
    replaced by the exon it bounds; and how the name was read (None when the spec names no
    gene or already gives the approved symbol). ``role`` is ``5'`` or ``3'``.

    A gene known to the source only as a non-coding locus raises NonCodingGeneError.
    """
    if spec.rna_position is not None:
        spec = position_to_exon(spec, source, role)
    if not spec.gene:
        return spec, None
    try:
        named = resolve_gene(spec.gene, source, spec.breakpoint)
    except UnknownGeneError:
        if spec.breakpoint is None:
            raise
        # A caller row: a name this annotation does not know (an old clone name, an alias
        # of another gene) does not block its coordinates; placement says what lies there.
        return spec, None
    if not source.has_gene(named.symbol) and spec.breakpoint is None:
        # With a breakpoint, placement says what a non-coding partner is (fusionviz.loci).
        raise _non_coding(named, source)
    if not named.renamed:
        return dataclasses.replace(spec, gene=named.symbol), None
    return dataclasses.replace(spec, gene=named.symbol), named


def _non_coding(named: GeneName, source: AnnotationSource) -> FusionvizError:
    loc = source.locus(named.symbol)
    where = getattr(source, "where", "the annotations")
    renamed = f" ({named.statement})" if named.renamed else ""
    if loc is not None and loc.is_protein_coding:
        # A coding gene the bundle could not build (annotations/PROVENANCE.md says why).
        return UnknownGeneError(
            named.symbol,
            message=f"{named.symbol}{renamed} is a protein-coding gene ({loc.gene_id}) that "
            f"{where} does not carry (see annotations/PROVENANCE.md, genes still missing); "
            "annotate it with --release 110 (an installed pyensembl release)",
        )
    what = "a gene without protein-coding transcripts"
    if loc is not None:
        kind = loc.biotype.replace("_", " ")
        desc = f", {loc.description}" if loc.description else ""
        what = (
            f"a {kind} gene{desc} (chr{loc.contig}:{loc.start}-{loc.end}:{loc.strand}, "
            f"{loc.gene_id})"
        )
    return NonCodingGeneError(
        named.symbol,
        f"{named.symbol}{renamed} is {what}: {where} has no protein-coding transcript of "
        "it, so no protein comes from this partner",
    )


def position_to_exon(spec: PartnerSpec, source: AnnotationSource, role: str) -> PartnerSpec:
    """The exon whose boundary is ``spec.rna_position`` on ``spec.transcript``: the last base
    of an exon for the 5' partner, the first for the 3' one. Positions are HGVS r./c. style
    (``775``, ``-115``, ``*1924``) or, prefixed ``tx:``, counted from the transcript's first
    base (COSMIC). An intronic offset (5' ``+k``, 3' ``-k``: a DNA breakpoint k nt into the
    intron) keeps that exon. NotationError otherwise, listing the exon boundaries."""
    from fusionviz import coordinates as co

    assert spec.transcript is not None and spec.rna_position is not None
    gene = resolve_gene(spec.gene, source).symbol if spec.gene else None
    t = source.transcript(spec.transcript, gene=gene)
    raw = spec.rna_position
    by_tx = raw.startswith("tx:")
    pos = raw[3:] if by_tx else raw
    m = re.fullmatch(r"([-*]?\d+)([+-]\d+)?", pos)
    if m is None:
        raise NotationError(f"cannot read the position r.{pos} of {t.label}")
    base, offset = m[1], m[2]
    into_intron = offset is None or (offset[0] == "+") == (role == "5'")
    if not into_intron:
        raise NotationError(
            f"r.{pos} of {t.label}: the offset points into the exon, not into the intron "
            "beside the junction; give the genomic breakpoint for a junction inside an exon"
        )
    side = 1 if role == "5'" else 0
    bounds = [(n, spans[side]) for n, spans in enumerate(co.exon_tx_spans(t), 1)]

    def label(tx: int) -> str:
        return str(tx) if by_tx else co.c_position(t, tx)

    for n, tx in bounds:
        if label(tx) == base:
            return PartnerSpec(gene=t.gene, transcript=t.label, exon=n)
    near = ", ".join(f"r.{label(tx)} (exon {n})" for n, tx in bounds[:40])
    which = "last base of an exon" if role == "5'" else "first base of an exon"
    counted = " counting from its first base" if by_tx else ""
    raise NotationError(
        f"r.{base} is not the {which} of {t.label} ({t.gene}){counted}, so it cannot be read "
        f"as an exon junction there (positions from another transcript version shift with its "
        f"UTRs); exon boundaries here: {near}"
    )


def with_gene_name(resolved: Any, named: GeneName | None) -> Any:
    """A resolved partner (any dataclass with ``notes`` and ``gene_as_given``) that says how
    its gene name was read."""
    if named is None:
        return resolved
    return dataclasses.replace(
        resolved, notes=(named.statement, *resolved.notes), gene_as_given=named.given
    )


def is_known_name(source: AnnotationSource) -> Any:
    """``name -> bool``: an approved symbol or an alias the source knows (for the parser's
    hyphen tie-breaks, e.g. ``MLL-AF9``)."""

    def check(name: str) -> bool:
        return source.has_gene(name) or bool(source.aliases(name))

    return check
