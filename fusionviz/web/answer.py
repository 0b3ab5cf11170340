"""What the page's result block shows for one query: the annotation, its figure,
the known-fusion match and evidence, alternatives, transcript lists and the form,
or the error with close matches."""

from __future__ import annotations

import re
from typing import Any

from fusionviz.errors import FusionvizError, GenePairOnlyError
from fusionviz.web.engine import Engine
from fusionviz.web.query import Query


def answer(engine: Engine, query: Query) -> dict[str, Any]:
    """Everything the result block shows; ``error`` instead when the input is bad."""
    ctx: dict[str, Any] = {"query": query, "fusion": None, "error": None}
    if query.is_empty:
        return ctx
    try:
        af = engine.annotate(query)
    except GenePairOnlyError as exc:
        junctions = engine.pair_fusions(exc, query)
        if junctions:
            ctx["pair"] = [(j, Query.for_fusion(j).urlencode(), engine.known(j)) for j in junctions]
            ctx["pair_name"] = f"{junctions[0].five_prime.gene}::{junctions[0].three_prime.gene}"
            return ctx
        ctx["error"] = f"{exc} (none in the known-fusions table)"
        return ctx
    except FusionvizError as exc:
        ctx["error"] = str(exc)
        ctx["suggestions"] = _suggestions(query, exc)
        ctx["options5"], ctx["options3"] = (
            _options(engine, query.g5),
            _options(engine, query.g3),
        )
        return ctx
    ctx["fusion"] = af
    try:
        ctx["svg"] = _inline_svg(engine.svg(query, af))
    except FusionvizError as exc:
        ctx["svg"], ctx["figure_error"] = None, str(exc)
    except ImportError:
        ctx["svg"], ctx["figure_error"] = None, "figures are not available in this installation"
    ctx["known"] = engine.known(af)
    ctx["assessment"] = engine.assessment(af)
    ctx["permalink"] = query.urlencode()
    ctx["has_fasta"] = bool(af.protein.sequence)
    ctx["alternatives"] = [(a, _alternative_query(af, a)) for a in af.alternatives]
    ctx["on_default"] = _on_default_transcripts(engine, query, af)
    ctx["options5"] = _options(engine, af.five_prime.gene)
    ctx["options3"] = _options(engine, af.three_prime.gene)
    ctx["form"] = _form_values(engine, query, af)
    return ctx


def _options(engine: Engine, gene: str) -> list:
    if not gene:
        return []
    try:
        return engine.transcript_options(gene)
    except FusionvizError:
        return []


def _on_default_transcripts(engine: Engine, query: Query, af: Any) -> Any:
    """With a transcript chosen, the same exon numbers read on the default (MANE
    Select) transcripts: the other half of "in frame on HMBOX1-203, out of frame on
    MANE". None when no transcript was chosen or the reading is the same one."""
    if not (query.t5 or query.t3):
        return None
    plain = query.with_changes(t5="", t3="")
    try:
        other = engine.annotate(plain)
    except FusionvizError:
        return None
    used = (af.five_prime.transcript_label, af.three_prime.transcript_label)
    if (other.five_prime.transcript_label, other.three_prime.transcript_label) == used:
        return None
    return {"fusion": other, "permalink": plain.urlencode()}


def _form_values(engine: Engine, query: Query, af: Any) -> Query:
    """The field-by-field form after an answer: what was typed, completed from the
    answer (so that switching one exon or transcript keeps the rest). The transcript
    lists show the transcript in use (``t5=HMBOX1-203`` selects HMBOX1-203's entry);
    they stay on "default" only when the default transcript was used."""
    used = {}
    for key, p, asked in (("t5", af.five_prime, query.t5), ("t3", af.three_prime, query.t3)):
        if p.transcript is None:  # intergenic or non-coding: no transcript to choose
            used[key] = ""
            continue
        default = _default_label(engine, p.gene)
        used[key] = "" if not asked and p.transcript.label == default else p.transcript.label
    if query.q:
        return Query.for_fusion(af).with_changes(q=query.q, bp=query.bp, **used)
    return query.with_changes(**used)


def _verdict_words(af: Any) -> str:
    """The page's headline verdict, as on the figure: never a plain "out of frame"
    when another numbering of the same exons reads in frame."""
    from fusionviz.figures.headline import verdict_words
    from fusionviz.figures.notes import FigureNotes

    return verdict_words(af, FigureNotes())[0]


def _default_label(engine: Engine, gene: str) -> str | None:
    try:
        return engine.source.default_transcript(gene).label
    except (FusionvizError, AttributeError):
        return None


def _suggestions(query: Query, exc: Exception) -> list[tuple[str, str]]:
    """``(gene, permalink)`` for each close match of an unknown gene: the same query
    with the misspelt symbol replaced."""
    from fusionviz.errors import UnknownGeneError

    if not isinstance(exc, UnknownGeneError) or not exc.suggestions:
        return []
    wrong = re.compile(rf"(?<![A-Za-z0-9-]){re.escape(exc.gene)}(?![A-Za-z0-9-])", re.I)
    out = []
    for close in exc.suggestions:
        gene = close.split(" (")[0]  # "SULT1A3 (STM)": the approved symbol, then the alias
        fields = {
            k: wrong.sub(gene, v) for k, v in (("q", query.q), ("g5", query.g5), ("g3", query.g3))
        }
        fixed = query.with_changes(**fields)
        if fixed != query:
            out.append((gene, fixed.urlencode()))
    return out


def _alternative_query(af: Any, alt: Any) -> str:
    """Permalink of one exon-numbering alternative (exon numbers on its transcripts)."""
    return Query(
        g5=af.five_prime.gene,
        e5=str(alt.five_exon),
        t5=alt.five_transcript,
        g3=af.three_prime.gene,
        e3=str(alt.three_exon),
        t3=alt.three_transcript,
    ).urlencode()


_SVG_START = re.compile(r"<svg\b")


def _inline_svg(svg: str) -> str:
    """The <svg> element alone (no XML prolog/doctype), for inlining in HTML.

    The figure is drawn from the annotation (bundle gene and domain names), and
    matplotlib escapes every text it writes."""
    m = _SVG_START.search(svg)
    return svg[m.start() :] if m else ""
