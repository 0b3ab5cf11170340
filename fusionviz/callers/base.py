"""Shared pieces of the fusion-caller readers: the per-row failure value, the
row whose 5' partner the file does not state (:class:`Unresolved`), and the small
parsers every format needs (breakpoints, gene names, frame calls)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from fusionviz.models import (
    BreakpointMeaning,
    FusionRequest,
    GenomicPosition,
    JunctionSequence,
    PartnerSpec,
    normalise_contig,
)


@dataclass(frozen=True, slots=True)
class RowError:
    """A data row that could not be turned into a fusion request.

    ``line`` is the 1-based line number in the file, ``input`` a short excerpt of
    the row (what the user will look for), ``reason`` one sentence.
    """

    line: int
    reason: str
    input: str = ""


Row = FusionRequest | RowError

#: Which side of a breakpoint base the fusion keeps: the bases at lower
#: coordinates (``below``, the base is the segment's high end) or higher ones.
Kept = Literal["below", "above"]


@dataclass(frozen=True, slots=True)
class End:
    """One breakpoint of a row whose 5' partner the file does not state.

    ``kept`` is the side of ``position`` the fusion keeps, when the file says it
    (VCF brackets, BEDPE segments, read alignments); ``gene`` the gene the file
    names at this breakpoint, when it does.
    """

    position: GenomicPosition
    kept: Kept | None = None
    gene: str | None = None


@dataclass(frozen=True, slots=True)
class Unresolved:
    """A row whose gene order is not (reliably) 5' -> 3'.

    The two ends are as the file lists them. ``stated`` is a 5'/3' gene order the
    file states elsewhere in the row (SQUID's ``FusedGenes``) that is not tied to
    the ends; ``why`` says, for the row's note, why the order had to be derived.
    :mod:`fusionviz.callers.orient` decides the 5' partner from the kept sides and
    the genes' strands, or from exon boundaries, and turns the row into a
    FusionRequest or a RowError; it never guesses.
    """

    line: int
    ends: tuple[End, End]
    extra: tuple[tuple[str, str], ...]
    why: str
    meaning: BreakpointMeaning = "rna"
    stated: tuple[str, str] | None = None
    text: str = ""
    #: True when the file says ``ends[0]`` is the 5' partner (Manta's RNA_FIRST)
    #: and only the genes at the ends are missing.
    ordered: bool = False
    #: > 0 when the format's positions are known to be approximate (long-read
    #: alignment): a position within this many bases of exactly one splice site of
    #: its role is read as that site, and the output says so.
    window: int = 0

    def __post_init__(self) -> None:
        # Empty caller fields are not kept (as build_request does for its rows).
        object.__setattr__(self, "extra", tuple((k, v) for k, v in self.extra if v))


@dataclass(frozen=True, slots=True)
class OnTranscripts:
    """A row that places its junction in transcript coordinates only (pizzly).

    ``pairs`` are ``(5' transcript, last kept base, 3' transcript, first kept
    base)``, 1-based cDNA positions, in the file's order; the resolver places the
    junction on the first pair the annotation has with the same versions (MANE
    pairs first) and names those transcripts in the request.
    """

    line: int
    genes: tuple[str, str]
    pairs: tuple[tuple[str, int, str, int], ...]
    extra: tuple[tuple[str, str], ...]
    text: str = ""


_BREAKPOINT = re.compile(r"^\s*(?:chr)?([A-Za-z0-9_.]+?):(\d[\d,]*)(?::([+-]))?\s*$", re.I)


class RowProblem(ValueError):
    """Raised inside a row parser; turned into a RowError by the reader."""


def parse_breakpoint(text: str, strand: str | None = None) -> GenomicPosition:
    """``chr2:29223528:-`` / ``2:29223528`` -> GenomicPosition (contig normalised).

    ``strand`` (``+``/``-``) is used when the text has none.
    """
    m = _BREAKPOINT.match(text or "")
    if not m:
        raise RowProblem(
            f"breakpoint {text!r} is not contig:position[:strand] (e.g. chr2:29223528:-)"
        )
    pos = int(m.group(2).replace(",", ""))
    if pos < 1:
        raise RowProblem(f"breakpoint {text!r} has a position below 1")
    check_position(pos, text)
    s = m.group(3) or (strand if strand in ("+", "-") else None)
    return GenomicPosition(normalise_contig(m.group(1)), pos, s)  # type: ignore[arg-type]


#: Longer than every human chromosome (chr1: 248,956,422 bp on GRCh38, 249,250,621 on
#: GRCh37); the exact contig lengths are checked once the build is known.
MAX_POSITION = 250_000_000


def check_position(pos: int, text: object = None) -> None:
    """RowProblem for a position beyond the end of every human chromosome."""
    if pos > MAX_POSITION:
        shown = text if text is not None else pos
        raise RowProblem(
            f"breakpoint {shown!r} lies beyond the end of every human chromosome "
            "(the longest, chr1, has 249,250,621 bp on GRCh37)"
        )


def position(text: str, what: str = "position") -> int:
    """A 1-based position written as digits (RowProblem otherwise)."""
    t = (text or "").strip().replace(",", "")
    if not t.isdigit():
        raise RowProblem(f"{what} {text!r} is not a whole number")
    pos = int(t)
    if pos < 1:
        raise RowProblem(f"{what} {text!r} is below 1")
    check_position(pos, text)
    return pos


def strand(text: str) -> str | None:
    """``+``/``-`` (also ``1``/``-1``, ``f``/``r``) or None."""
    t = (text or "").strip()
    return {"+": "+", "-": "-", "1": "+", "-1": "-", "f": "+", "r": "-"}.get(t)


def gene_symbol(text: str) -> str:
    """``EML4^ENSG00000143924.14`` -> ``EML4`` (STAR-Fusion writes symbol^gene id)."""
    return (text or "").split("^", 1)[0].strip()


_FRAME_WORDS = {
    "inframe": "in-frame",
    "in-frame": "in-frame",
    "in_frame": "in-frame",
    "frameshift": "out-of-frame",
    "out-of-frame": "out-of-frame",
    "outofframe": "out-of-frame",
    "out_of_frame": "out-of-frame",
}


def normalise_frame(value: str | None) -> str | None:
    """A caller's frame call as ``in-frame``/``out-of-frame``, or None when the
    caller made no frame call we can compare (``.``, ``stop-codon``, UTR/intronic)."""
    if not value:
        return None
    return _FRAME_WORDS.get(value.strip().lower())


def build_request(
    gene5: str,
    bp5: GenomicPosition,
    gene3: str,
    bp3: GenomicPosition,
    line: int,
    extra: Sequence[tuple[str, str]],
    *,
    meaning: BreakpointMeaning = "rna",
    sequence: JunctionSequence | None = None,
) -> FusionRequest:
    """A FusionRequest for a breakpoint-level row. ``meaning`` says whether the
    breakpoints are the exact bases of the fusion RNA or genomic DNA breakpoints;
    ``sequence`` is the caller's assembled junction sequence, when it gives one."""
    text = f"{gene5}--{gene3} {bp5} / {bp3}"
    return FusionRequest(
        five_prime=PartnerSpec(gene=gene5, breakpoint=bp5),
        three_prime=PartnerSpec(gene=gene3, breakpoint=bp3),
        text=text,
        line=line,
        extra=tuple((k, v) for k, v in extra if v not in (None, "")),
        breakpoint_meaning=meaning,
        junction_sequence=sequence,
    )


_GAP = "..."


def junction_sequence(text: str, separator: str, source: str) -> JunctionSequence | None:
    """The caller's fusion sequence split at the junction, in transcription order.

    ``separator`` marks the junction (Arriba ``|``, FusionCatcher ``*``). Arriba
    encloses non-templated bases in a second pair of pipes (``ACG|tc|TTA``), marks
    splice sites inside the sequence with ``___``, mismatches in lower case,
    insertions in brackets and unknown stretches with ``...``: splice marks and
    brackets are dropped, case is normalised, and each side is kept only up to its
    first gap from the junction. None when the text has no single junction.
    """
    raw = (text or "").strip()
    if not raw or raw == "." or raw.count(separator) not in (1, 2):
        return None
    parts = raw.split(separator)
    five, three = parts[0], parts[-1]
    inserted = parts[1] if len(parts) == 3 else ""

    def clean(s: str) -> str:
        return re.sub(r"[^ACGTN]", "", s.replace("___", "").upper())

    five = clean(five.rsplit(_GAP, 1)[-1])
    three = clean(three.split(_GAP, 1)[0])
    if not five or not three:
        return None
    return JunctionSequence(five, three, source, clean(inserted))


def pick(row: Mapping[str, str], *names: str) -> str:
    """The first of ``names`` present in ``row`` (exact header spelling), else ''."""
    for n in names:
        v = row.get(n)
        if v is not None:
            return v.strip()
    return ""


def excerpt(fields: Sequence[str], width: int = 120) -> str:
    """A short one-line rendering of a row for errors.tsv."""
    s = " | ".join(f for f in fields[:8])
    return s if len(s) <= width else s[: width - 3] + "..."


def sniff_layout(lines: Sequence[str], pattern: re.Pattern[str], name: str) -> str | None:
    """``name`` when the first non-empty lines (up to five) all match ``pattern``: how a
    header-less layout is recognised."""
    data = [t for t in lines if t.strip()][:5]
    return name if data and all(pattern.match(t) for t in data) else None


def tab_records(lines, caller: str, parse) -> Iterator:
    """Every non-empty line of a header-less layout through ``parse(fields, line,
    caller)``; a RowProblem becomes that line's RowError."""
    for lineno, text in lines:
        if not text.strip():
            continue
        fields = text.split("\t")
        try:
            yield parse(fields, lineno, caller)
        except RowProblem as exc:
            yield RowError(lineno, str(exc), excerpt(fields))
