"""A panel's headline: the name, the verdict and the lines that qualify it.

The verdict is never a plain "out of frame" when the exon numbering decides it: the
headline then says "depends on exon numbering" and the next line gives both readings
("ROS1 exon 34 on ROS1-202 (NM_002944) = exon 35 on ROS1-201 (MANE Select): in frame").
An intragenic event is named as pathologists name it ("EGFR exon 2–7 deletion
(EGFRvIII)" when the known-fusions table knows the name).
"""

from __future__ import annotations

from fusionviz.figures import palette as pal
from fusionviz.figures.canvas import MARGIN, Canvas
from fusionviz.figures.geometry import Geometry, tail_words
from fusionviz.figures.notes import FigureNotes
from fusionviz.models import AnnotatedFusion, PartnerResult
from fusionviz.verdicts import headline_words, in_frame_elsewhere, numbering_alternatives


def nearby_alternatives(f: AnnotatedFusion) -> list:
    """In-frame exon pairs one exon off, on the transcripts used."""
    used = (f.five_prime.transcript_label, f.three_prime.transcript_label)
    return [
        a
        for a in f.alternatives
        if a.frame == "in-frame" and (a.five_transcript, a.three_transcript) == used
    ]


def verdict_words(f: AnnotatedFusion, notes: FigureNotes) -> tuple[str, str]:
    """``(words, colour)`` of the headline verdict (the words: verdicts.headline_words)."""
    words = headline_words(f)
    colour = {
        "depends on exon numbering": pal.DEPENDS,
        "depends on the transcripts": pal.DEPENDS,
        "in frame, unverified": pal.DEPENDS,  # a stop may lie in the unread bases
        "in frame": pal.IN_FRAME,
        "out of frame": pal.OUT_OF_FRAME,
    }.get(words, pal.MUTED_TEXT)
    return words, colour


def event_name(g: Geometry, notes: FigureNotes) -> str:
    """``EGFR exon 2–7 deletion (EGFRvIII)``, ``EGFR exon 18–25 duplication``; else the
    HGNC fusion name."""
    f = g.fusion
    if not g.intragenic:
        return f.names.hgnc
    e5, e3 = f.five_prime.exon, f.three_prime.exon
    gene = f.five_prime.gene
    if e3 > e5 + 1:
        lost = f"exon {e5 + 1}" if e3 == e5 + 2 else f"exon {e5 + 1}–{e3 - 1}"
        name = f"{gene} {lost} deletion"
    elif e3 <= e5:
        name = f"{gene} exon {e3}–{e5} duplication" if e3 < e5 else f"{gene} exon {e5} duplication"
    else:
        name = f"{gene} exon {e5}::exon {e3}"
    return f"{name} ({notes.event_name})" if notes.event_name else name


def title(cv: Canvas, g: Geometry, notes: FigureNotes, y: float) -> tuple[float, str]:
    """The bold name, the short form and the verdict on one line; returns y below it."""
    st = cv.style
    ts = st.heading_size
    f = g.fusion
    words, colour = verdict_words(f, notes)
    pieces = [(event_name(g, notes), True, pal.TEXT)]
    if f.names.short and f.names.short != f.names.hgnc:
        pieces.append((f.names.short, False, pal.MUTED_TEXT))
    pieces.append((words, True, colour))
    ty = y + ts / 72 * 0.6
    x = MARGIN
    for i, (text, bold, col) in enumerate(pieces):
        # Title pieces advance by their true width (even gaps); the gap is wider than
        # the hinting error of low-dpi raster output.
        if i:
            dot_w = cv.measure("·", ts, False) + 0.08
            if x + dot_w + cv.measure(text, ts, bold) > cv.width - MARGIN:
                x, ty = MARGIN, ty + ts / 72 * 1.2  # wrap rather than run off the canvas
                y += ts / 72 * 1.2
            else:
                cv.label(x, ty, "·", ts, ha="left", color=pal.MUTED_TEXT, role="title", exact=True)
                x += dot_w
        cv.label(x, ty, text, ts, ha="left", bold=bold, color=col, role="title", exact=True)
        x += cv.measure(text, ts, bold) + 0.08
    return y + ts / 72 * 1.25, words


def subtitle_lines(g: Geometry, notes: FigureNotes, narrow: bool) -> list[tuple[str, str]]:
    """The qualifying lines under the title, with their colours."""
    f = g.fusion
    lines = [(_junction_line(f, narrow), pal.MUTED_TEXT)]
    readings = [r for r in notes.readings if r.frame == "in-frame"]
    others = numbering_alternatives(f)
    if f.frame != "in-frame" and (readings or others):
        if readings:
            p = f.three_prime if readings[0].gene == f.three_prime.gene else f.five_prime
            head = f"{p.gene} exon {p.exon} on {readings[0].used}: {f.frame.replace('-', ' ')}"
            text = " · ".join([head, *(r.text() for r in readings[:2])])
            more = len(readings) - 2
        else:
            text = f"{f.frame.replace('-', ' ')} as numbered here; {others[0].reason}"
            more = len(others) - 1
        if more > 0:
            text += f" (+{more} other reading{'s' if more > 1 else ''})"
        lines.append((text, pal.DEPENDS))
    elif other := in_frame_elsewhere(f.frame, f.junction_readings):
        r = other[0]
        text = f"out of frame on the transcripts used; in frame at the same bases on {r.pair}"
        if len(other) > 1:
            text += f" (+{len(other) - 1} other pair{'s' if len(other) > 2 else ''})"
        lines.append((text, pal.DEPENDS))
    elif f.frame != "in-frame" and nearby_alternatives(f):
        alt = nearby_alternatives(f)[0]
        lines.append(
            (
                f"in frame one exon off: {f.five_prime.gene} e{alt.five_exon}::"
                f"{f.three_prime.gene} e{alt.three_exon}",
                pal.MUTED_TEXT,
            )
        )
    for extra in (notes.caption, notes.evidence):
        if extra:
            lines.append((extra, pal.MUTED_TEXT))
    return lines


def _side(p: PartnerResult, narrow: bool) -> str:
    """``ALK exon 20 (ENST00000389048.8)``; a partner no coding transcript holds is named
    by what it is and where (``intergenic, chr2:41,000,000``)."""
    if p.transcript is None or p.exon is None:
        what = p.locus.biotype if p.locus is not None else p.region
        where = p.genomic_boundary
        at = f"chr{where.contig}:{where.position:,}"
        return f"{p.gene} ({what}, {at})" if p.gene != what else f"{what}, {at}"
    if narrow:
        return f"{p.gene} exon {p.exon}"
    return f"{p.gene} exon {p.exon} ({p.transcript.label})"


def _junction_line(f: AnnotatedFusion, narrow: bool) -> str:
    p5, p3 = f.five_prime, f.three_prime
    # Exon numbers only mean something on a named transcript.
    if f.is_intragenic and p5.transcript is not None and p5.transcript_label == p3.transcript_label:
        parts = [f"exon {p5.exon} joined to exon {p3.exon} of {p5.gene} {p5.transcript_label}"]
    else:
        parts = [f"{_side(p5, narrow)} :: {_side(p3, narrow)}"]
    if f.protein.length:
        parts.append(f"fusion protein {f.protein.length} aa")
    elif f.protein.conditional_length:
        parts.append(f"{f.protein.conditional_length} aa if the unread bases hold no stop")
    fs = next((s for s in f.protein.segments if s.kind == "frameshift"), None)
    if fs is not None:
        words = tail_words(fs)[1]
        if fs.fusion_end is not None:
            parts.append(f"{words}: {fs.fusion_end - fs.fusion_start + 1} aa to a stop")
        else:
            parts.append(f"{words}: stop not known without sequence")
    if f.frame == "out-of-frame":
        parts.append(f"{p3.gene} domains not translated")
    return " · ".join(parts)


def write_lines(cv: Canvas, lines: list[tuple[str, str]], y: float) -> float:
    """Wrapped subtitle lines from ``y``; returns the y below them."""
    fs = cv.style.label_size
    for text, colour in lines:
        for line in cv.wrap(text, fs, cv.width - 2 * MARGIN):
            cv.label(MARGIN, y + fs / 72 * 0.6, line, fs, ha="left", color=colour, role="subtitle")
            y += fs / 72 * 1.3
    return y
