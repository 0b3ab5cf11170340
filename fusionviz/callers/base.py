"""Shared pieces of the fusion-caller readers: the per-row failure value and the
small parsers every format needs (breakpoints, gene names, frame calls)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

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
    s = m.group(3) or (strand if strand in ("+", "-") else None)
    return GenomicPosition(normalise_contig(m.group(1)), pos, s)  # type: ignore[arg-type]


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
