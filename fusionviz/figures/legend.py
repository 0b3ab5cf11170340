"""The scale bar, the legend (only what the figure uses, every symbol in plain words)
and the footer (fusionviz version, date, and where the data came from)."""

from __future__ import annotations

import datetime as _dt
import math
import os
import re
from collections.abc import Sequence

from fusionviz import __version__
from fusionviz.figures import palette as pal
from fusionviz.figures.canvas import MARGIN, Canvas
from fusionviz.figures.spec import Line, Rect
from fusionviz.figures.style import Style
from fusionviz.figures.track_parts import FADE
from fusionviz.models import AnnotatedFusion, SourceInfo


def scale_bar(cv: Canvas, x: float, cy: float, span: float) -> float:
    """A round number of residues about a tenth of the span; returns the x after it."""
    ss = cv.style.note_size
    raw = max(span / 10, 1.0)
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 5, 10) if m * mag >= raw)
    bar = step * cv.inch_per_aa
    cv.shapes.append(Line((x, x + bar), (cy, cy), pal.TEXT, 1.0, False, "scale", 2))
    for xx in (x, x + bar):
        cv.shapes.append(Line((xx, xx), (cy - 0.03, cy + 0.03), pal.TEXT, 1.0, False, "scale", 2))
    lab = cv.label(x + bar + 0.05, cy, f"{int(step)} aa", ss, ha="left", role="scale")
    return lab.bbox[2] + 0.2


def _swatch(x, y, w, h, fill, edge=None, lw=0.0, alpha=1.0, hatch=None) -> Rect:
    return Rect(x, y, w, h, fill, edge, lw, alpha, hatch, "legend")


_Entry = tuple[set[str], str, list[Rect | Line]]
_SWATCH_WIDTH = 0.22


def _items(cv: Canvas) -> list[tuple[str, list[Rect | Line]]]:
    """Legend entries for what was drawn, each with its swatch (at the origin)."""
    st = cv.style
    h = st.track_height * 0.55
    roles = {s.role for s in cv.shapes}
    # (shape role that calls for the entry, text, swatch)
    table = _structure_entries(st, h) + _feature_entries(roles, h)
    items = [(text, swatch) for needs, text, swatch in table if needs & roles]
    items.append(
        (
            "breakpoint",
            [Line((0.02, 0.02), (-h * 0.5, h * 1.5), pal.FRAMESHIFT_EDGE, 1.1, False, "legend")],
        )
    )
    return items


def _structure_entries(st: Style, h: float) -> list[_Entry]:
    """Entries of the backbones, exons and fragments."""
    sw = _SWATCH_WIDTH
    edge = pal.BACKBONE_EDGE
    # fmt: off
    return [
        (
            {"backbone-kept", "backbone-lost"},
            "kept in fusion",
            [_swatch(0, 0, sw, h, pal.BACKBONE_5P, edge, 0.8)],
        ),
        (
            {"backbone-kept", "backbone-lost"},
            "not in fusion",
            [_swatch(0, 0, sw, h, pal.BACKBONE_5P, edge, 0.4, FADE)],
        ),
        (
            {"exon", "exon-lost"},
            "exon: coding / UTR (introns not drawn)",
            [
                _swatch(0, 0, 0.1, h * 1.3, pal.EXON_5P, edge, 0.3),
                _swatch(0.12, h * 0.325, 0.1, h * 0.65, pal.EXON_5P, edge, 0.3),
            ],
        ),
        (
            {"fragment"},
            f"fragment (< {st.fragment_aa} aa kept)",
            [_swatch(0, 0, 0.03, h * 1.4, "#FFFFFF", pal.TEXT, 0.4, 1.0, "//////")],
        ),
    ]
    # fmt: on


def _feature_entries(roles: set[str], h: float) -> list[_Entry]:
    """Entries of the tails past the frame, membrane marks and oligomerization domains."""
    sw = _SWATCH_WIDTH
    # fmt: off
    return [
        (
            {"frameshift"},
            "frameshifted tail, length unknown without sequence (drawn short)"
            if "frameshift-open" in roles
            else "frameshifted tail to a premature stop",
            [_swatch(0, 0, sw, h, "#FFFFFF", pal.FRAMESHIFT_EDGE, 0.6, 1.0, "////")],
        ),
        (
            {"untranslated"},
            "read on into untranslated sequence, length unknown without sequence (drawn short)"
            if "untranslated-open" in roles
            else "read on into untranslated sequence to a stop",
            [_swatch(0, 0, sw, h, "#FFFFFF", pal.FRAMESHIFT_EDGE, 0.6, 1.0, "////")],
        ),
        (
            {"mark-transmembrane"},
            "transmembrane",
            [_swatch(0, -h * 0.3, 0.03, h * 1.6, pal.TRANSMEMBRANE)],
        ),
        (
            {"mark-signal"},
            "signal peptide",
            [
                _swatch(
                    0, -h * 0.3, 0.05, h * 1.6, pal.SIGNAL, pal.TRANSMEMBRANE, 0.3, 1.0, "//////"
                )
            ],
        ),
        (
            {"oligomerization"},
            "oligomerization domain kept (5′ partner)",
            [_swatch(0, -h * 0.2, sw, h * 1.4, None, pal.OLIGOMER, 1.1, 1.0)],
        ),
    ]
    # fmt: on


def legend(cv: Canvas, y: float, span: float, *, scale: bool = True) -> float:
    """Scale bar and legend entries on as many lines as the width needs."""
    ss = cv.style.note_size
    h = cv.style.track_height * 0.55
    line_h = max(ss / 72 * 1.8, h * 1.8)
    cy = y + line_h / 2
    x = scale_bar(cv, MARGIN, cy, span) if scale else MARGIN
    for text, swatch in _items(cv):
        sw = max((s.x + s.w) if isinstance(s, Rect) else max(s.xs) for s in swatch)
        w = cv.text_width(text, ss)
        if x + sw + 0.05 + w > cv.width - MARGIN and x > MARGIN:
            x = MARGIN
            cy += line_h
        for s in swatch:
            if isinstance(s, Rect):
                cv.shapes.append(
                    Rect(
                        x + s.x,
                        cy - h / 2 + s.y,
                        s.w,
                        s.h,
                        s.fill,
                        s.edge,
                        s.linewidth,
                        s.alpha,
                        s.hatch,
                        "legend",
                        2,
                    )
                )
            else:
                cv.shapes.append(
                    Line(
                        tuple(x + v for v in s.xs),
                        tuple(cy - h / 2 + v for v in s.ys),
                        s.color,
                        s.width,
                        s.dashed,
                        "legend",
                        2,
                    )
                )
        cv.label(x + sw + 0.05, cy, text, ss, ha="left", color=pal.MUTED_TEXT, role="legend")
        x += sw + 0.05 + w + 0.13
    return cy + line_h / 2


def today() -> str:
    """The drawing date: ``SOURCE_DATE_EPOCH`` when set (reproducible output), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc).date().isoformat()
    return _dt.date.today().isoformat()


def gene_models(info: SourceInfo) -> str:
    """``GRCh38, Ensembl 110 / GENCODE v44 (fusionviz-grch38 2.0.0)``."""
    d = dict(info.details)
    parts = [d["genome_build"]] if d.get("genome_build") else []
    rel = [f"Ensembl {d['ensembl_release']}"] if d.get("ensembl_release") else []
    if d.get("gencode"):
        rel.append(f"GENCODE {d['gencode']}")
    if rel:
        parts.append(" / ".join(rel))
    text = f"{info.name} {info.version}".strip()
    return f"{', '.join(parts)} ({text})" if parts else text


def domain_sources(sources: Sequence[str]) -> str:
    """Databases of the features drawn, in plain words: UniProt accessions (with the
    entry version where recorded), Pfam release, databases read through Ensembl."""
    uniprot: list[str] = []
    other: list[str] = []
    for s in sorted(set(sources)):
        m = re.match(r"UniProtKB/Swiss-Prot\s+(\S+)(?:\s+\(entry version (\d+)\))?", s)
        if m:
            uniprot.append(m.group(1) + (f" (entry {m.group(2)})" if m.group(2) else ""))
            continue
        m = re.match(r"(.+?) via .*\((Ensembl \d+)\)", s)
        text = f"{m.group(1)} via {m.group(2)}" if m else s
        if text not in other:
            other.append(text)
    out = (["UniProtKB/Swiss-Prot " + ", ".join(uniprot)] if uniprot else []) + other
    return "; ".join(out)


def footer(
    cv: Canvas, fusions: Sequence[AnnotatedFusion], y: float, date: str | None = None
) -> float:
    """Version and date, gene models, transcripts with versions, domain databases."""
    ss = cv.style.note_size
    tx: list[str] = []
    models: list[str] = []
    for f in fusions:
        for p in (f.five_prime, f.three_prime):
            t = p.transcript
            if t is None:  # an intergenic or non-coding partner: no transcript to cite
                continue
            flag = " (MANE Select)" if t.is_mane_select else ""
            text = f"{p.gene} {t.label}{flag}"
            if text not in tx:
                tx.append(text)
        if f.provenance and (m := gene_models(f.provenance[0])) not in models:
            models.append(m)
    pieces = [f"fusionviz {__version__}, {date or today()}"]
    if models:
        pieces.append("Gene models: " + "; ".join(models))
    if tx:
        pieces.append("Transcripts: " + ", ".join(tx))
    srcs = domain_sources(sorted(cv.sources))
    if srcs:
        pieces.append("Domains: " + srcs)
    lines = cv.wrap(". ".join(pieces) + ".", ss, cv.width - 2 * MARGIN)
    for line in lines:
        y += ss / 72 * 1.35
        cv.label(MARGIN, y, line, ss, ha="left", color=pal.MUTED_TEXT, role="footer")
    return y + ss / 72 * 0.6
