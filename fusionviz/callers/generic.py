"""A plain tab-separated table the user writes by hand or exports from a LIMS.

Column names are matched case-insensitively, ignoring spaces, underscores, dashes
and quotes (``5'_gene`` == ``gene5`` == ``Gene 5p``). Each row gives each partner
either as a gene (+ optional transcript) and exon, as a genomic breakpoint (+
optional gene), or the whole fusion in one ``fusion`` column in any notation
fusionviz reads. Every other column is kept beside the result. The accepted names
are listed in docs/batch.md and in :data:`ALIASES`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from fusionviz.callers.base import Row, RowProblem, normalise_frame, parse_breakpoint
from fusionviz.models import FusionRequest, PartnerSpec

NAME = "generic"

#: canonical field -> accepted (normalised) column names
ALIASES: dict[str, tuple[str, ...]] = {
    "gene5": ("gene5", "gene5p", "5pgene", "5gene", "5primegene", "fiveprimegene", "gene5prime"),
    "gene3": ("gene3", "gene3p", "3pgene", "3gene", "3primegene", "threeprimegene", "gene3prime"),
    "exon5": ("exon5", "exon5p", "5pexon", "5exon", "5primeexon", "fiveprimeexon"),
    "exon3": ("exon3", "exon3p", "3pexon", "3exon", "3primeexon", "threeprimeexon"),
    "transcript5": (
        "transcript5",
        "transcript5p",
        "5ptranscript",
        "5transcript",
        "tx5",
        "fiveprimetranscript",
    ),
    "transcript3": (
        "transcript3",
        "transcript3p",
        "3ptranscript",
        "3transcript",
        "tx3",
        "threeprimetranscript",
    ),
    "breakpoint5": ("breakpoint5", "breakpoint5p", "5pbreakpoint", "5breakpoint", "bp5"),
    "breakpoint3": ("breakpoint3", "breakpoint3p", "3pbreakpoint", "3breakpoint", "bp3"),
    "fusion": ("fusion", "fusionname", "notation"),
    "build": ("build", "genome", "assembly", "genomebuild"),
    "sample": ("sample", "sampleid"),
    "frame": ("frame", "readingframe", "callerframe"),
}
_LOOKUP = {alias: field for field, names in ALIASES.items() for alias in names}
_KEYS = ("gene5", "breakpoint5", "fusion", "exon5", "transcript5")


def norm(column: str) -> str:
    """Column name as matched: lower case without spaces, _ - ' # or quotes."""
    return re.sub(r"[\s_\-'\"#`]+", "", column.lower())


def field_map(columns: Sequence[str]) -> dict[str, str]:
    """canonical field -> the column name used in this file."""
    out: dict[str, str] = {}
    for c in columns:
        f = _LOOKUP.get(norm(c))
        if f and f not in out:
            out[f] = c
    return out


def matches(columns: Sequence[str]) -> bool:
    """True when the header names partners in a way this reader understands."""
    f = field_map(columns)
    return "fusion" in f or (
        ("gene5" in f or "breakpoint5" in f or "transcript5" in f)
        and ("gene3" in f or "breakpoint3" in f or "transcript3" in f)
    )


def caller_name(columns: Sequence[str]) -> str:
    return "generic TSV"


_EXON = re.compile(r"^\s*(?:e|ex|exon)?\s*(\d+)\s*$", re.I)


def parse_exon(text: str) -> int | None:
    """``6`` / ``e6`` / ``exon 6`` -> 6; empty -> None."""
    if not text or text.strip() in (".", "-", "NA", "na"):
        return None
    m = _EXON.match(text)
    if not m or int(m.group(1)) < 1:
        raise RowProblem(f"exon {text!r} is not an exon number (e.g. 6, e6, exon 6)")
    return int(m.group(1))


_TX_NAME = re.compile(r"^(ENST\d+(\.\d+)?|NM_\d+(\.\d+)?|[A-Za-z0-9.]+-2\d\d)$")
_PARTNER = re.compile(
    r"^\s*(?P<id>[A-Za-z0-9._-]+?)\s*(?:[(:_\s]\s*(?:e|ex|exon)\s*(?P<exon>\d+)\s*\)?)?\s*$",
    re.I,
)


def _fallback_fusion(text: str) -> tuple[PartnerSpec, PartnerSpec]:
    """Minimal notation reader (``SQSTM1 e5::ALK e19``, ``EML4(e6)--ALK(e20)``,
    ``HMBOX1-203 exon 6::ALK exon 20``) used when fusionviz.notation is absent."""
    parts = re.split(r"::|--|/", text)
    if len(parts) != 2:
        raise RowProblem(f"fusion {text!r} is not 'GENE eN::GENE eM'")
    specs = []
    for p in parts:
        m = _PARTNER.match(p)
        if not m:
            raise RowProblem(f"partner {p.strip()!r} is not 'GENE eN' or 'TRANSCRIPT eN'")
        ident, exon = m.group("id"), m.group("exon")
        is_tx = bool(_TX_NAME.match(ident))
        specs.append(
            PartnerSpec(
                gene=None if is_tx else ident,
                transcript=ident if is_tx else None,
                exon=int(exon) if exon else None,
            )
        )
    return specs[0], specs[1]


def parse_fusion_text(text: str) -> tuple[PartnerSpec, PartnerSpec]:
    """A fusion written in any notation fusionviz reads -> the two partner specs."""
    try:
        from fusionviz.notation import parse_fusion
    except ImportError:  # the notation module is optional for this reader
        return _fallback_fusion(text)
    from fusionviz.errors import FusionvizError

    try:
        req = parse_fusion(text)
    except FusionvizError as exc:
        raise RowProblem(str(exc)) from None
    return req.five_prime, req.three_prime


def _partner(row: Mapping[str, str], f: Mapping[str, str], side: str) -> PartnerSpec | None:
    def get(key: str) -> str:
        col = f.get(key + side)
        v = row.get(col, "").strip() if col else ""
        return "" if v in (".", "NA") else v

    gene, tx, exon, bp = get("gene"), get("transcript"), get("exon"), get("breakpoint")
    if not (gene or tx or bp):
        return None
    return PartnerSpec(
        gene=gene or None,
        transcript=tx or None,
        exon=parse_exon(exon),
        breakpoint=parse_breakpoint(bp) if bp else None,
    )


def parse(row: Mapping[str, str], line: int, caller: str, columns: Sequence[str]) -> Row:
    """One data row -> FusionRequest (RowProblem for a malformed row)."""
    f = field_map(columns)
    p5, p3 = _partner(row, f, "5"), _partner(row, f, "3")
    fusion_text = row.get(f["fusion"], "").strip() if "fusion" in f else ""
    if (p5 is None or p3 is None) and fusion_text:
        p5, p3 = parse_fusion_text(fusion_text)
    if p5 is None or p3 is None:
        raise RowProblem("row names neither both partners nor a fusion")
    for p, side in ((p5, "5'"), (p3, "3'")):
        if p.exon is None and p.breakpoint is None:
            raise RowProblem(f"the {side} partner has neither an exon nor a breakpoint")
    used = set(f.values())
    extra: list[tuple[str, str]] = [("caller", "generic TSV")]
    if "frame" in f and row.get(f["frame"]):
        extra.append(("caller_frame", normalise_frame(row[f["frame"]]) or ""))
        extra.append((f["frame"], row[f["frame"]].strip()))
    for key in ("sample", "build"):
        if key in f and row.get(f[key]):
            extra.append((key, row[f[key]].strip()))
    extra += [(c, row[c]) for c in columns if c not in used and c in row and row[c] != ""]
    text = fusion_text or f"{_describe(p5)}::{_describe(p3)}"
    return FusionRequest(
        five_prime=p5,
        three_prime=p3,
        text=text,
        line=line,
        extra=tuple((k, v) for k, v in extra if v),
    )


def _describe(p: PartnerSpec) -> str:
    who = p.transcript or p.gene or "?"
    if p.transcript and p.gene:
        who = f"{p.gene}({p.transcript})"
    if p.exon is not None:
        return f"{who} e{p.exon}"
    return f"{who} {p.breakpoint}"
