"""Fusions as reports write them, rewritten into the standard forms before reading.

- ``EML4-ALK fusion (E13;A20)``, ``EML4(NM_019063)-ALK(NM_004304) fusion (E13; A20)``,
  ``ETV6-NTRK3 (E5;N15)``: the words "fusion", "fusion gene/transcript", "rearrangement" and
  the parentheses around an exon pair are dropped.
- ``5' EML4 exon 13 fused to 3' ALK exon 20``: the 5'/3' markers are dropped and "fused to",
  "fused with", "joined to" join the partners.
- ``EML4 ex13 - ALK ex20``: a spaced hyphen after an exon joins the partners.
- Introns, as DNA-based reports write them (``EML4 intron 13::ALK intron 19``): a genomic DNA
  breakpoint in intron N of the 5' partner keeps exon N; in intron N of the 3' partner the
  first exon kept is N + 1 (splicing joins the exons flanking the breakpoints). Each is
  stated in the reading.
- A gene pair alone (``EML4::ALK``, ``EML4--ALK``, Mitelman's ``EML4/ALK``, the VICC gene
  components ``BCR(hgnc:1014)::ABL1(hgnc:76)``) names no junction: :func:`gene_pair_only`.
"""

from __future__ import annotations

import re

from fusionviz.notation._text import _EXON_LIKE_RE, _GENE_RE, _fail

# Report wording after the partners ("EML4-ALK fusion (E13;A20)"), never a partner itself.
_WORDS = re.compile(
    r"(?<=\S)\s+(?:gene\s+)?(?:fusions?|rearrangements?|translocations?)"
    r"(?:\s+(?:genes?|transcripts?))?\b(?!\s*:?\s*(?:e|ex|exon|intron)?\s?\d+\s*(?:::|--|to\b))",
    re.IGNORECASE,
)
_MARKER = re.compile(r"(?:(?<=\s)|^)[35](?:'|′|’| prime)\s*", re.IGNORECASE)
_FUSED = re.compile(r"\s+(?:fused|joined)\s+(?:to|with)\s+", re.IGNORECASE)
_PAREN_PAIR = re.compile(r"\(\s*([A-Za-z]*\s*\d+\s*[;:/,]\s*[A-Za-z]*\s*\d+)\s*\)", re.IGNORECASE)
_SPACED_HYPHEN = re.compile(r"((?:exon|ex|e|intron|int)\s?\d+)\s+-\s+", re.IGNORECASE)
_INTRON = re.compile(r"\b(?:intron|int|in)\s?(\d{1,4})\b", re.IGNORECASE)
_SEPARATORS = ("::", "--", " to ")
_HGNC = re.compile(r"\((?:hgnc|HGNC):\d+\)")


def rewrite_report_text(s: str) -> str:
    """``s`` with report wording dropped (see the module docstring); unchanged otherwise."""
    out = _WORDS.sub(" ", s)
    out = _PAREN_PAIR.sub(r" \1", out)
    out = _MARKER.sub("", out)
    out = _FUSED.sub("::", out)
    out = _SPACED_HYPHEN.sub(r"\1::", out)
    return " ".join(out.split()).strip(" ,;")


def _split_sides(s: str) -> tuple[str, str, str] | None:
    low = s.lower()
    for sep in _SEPARATORS:
        i = low.find(sep)
        if i >= 0:
            return s[:i], sep, s[i + len(sep) :]
    return None


def rewrite_introns(s: str) -> tuple[str, tuple[str, ...]]:
    """Introns -> the exons a DNA breakpoint there implies, with one reading per intron."""
    if not _INTRON.search(s):
        return s, ()
    sides = _split_sides(s)
    if sides is None:
        _fail("with introns, join the 5' and 3' partners with '::'")
    left, sep, right = sides
    notes: list[str] = []

    def five(m: re.Match[str]) -> str:
        n = int(m[1])
        notes.append(
            f"5' intron {n}: a genomic DNA breakpoint in intron {n} keeps exon {n} of the 5' "
            "partner (splicing joins the exons flanking the breakpoints)"
        )
        return f"exon {n}"

    def three(m: re.Match[str]) -> str:
        n = int(m[1])
        notes.append(
            f"3' intron {n}: a genomic DNA breakpoint in intron {n} makes exon {n + 1} the "
            "first exon kept of the 3' partner"
        )
        return f"exon {n + 1}"

    return _INTRON.sub(five, left) + sep + _INTRON.sub(three, right), tuple(notes)


def gene_pair_only(s: str) -> tuple[str, str] | None:
    """The two genes of a bare gene pair (``EML4::ALK``, ``EML4--ALK``, ``EML4/ALK``,
    ``BCR(hgnc:1014)::ABL1(hgnc:76)``), or None when ``s`` says more than a pair."""
    t = _HGNC.sub("", s).strip()
    for sep in ("::", "--", "/"):
        parts = [p.strip() for p in t.split(sep)]
        if len(parts) == 2 and all(
            _GENE_RE.fullmatch(p) and not _EXON_LIKE_RE.fullmatch(p) for p in parts
        ):
            return parts[0], parts[1]
    return None
