"""Knowledgebase and standard notations that name transcripts and positions.

- HGVS adjoined transcripts (HGVS nomenclature, RNA recommendations, proposal SVD-WG007):
  ``NM_152263.2:r.-115_775::NM_002609.3:r.1580_*1924``, also ``NM_…(GENE):r.…`` and
  fusionviz's own HGVS-style output (``ENST00000389805.9(SQSTM1):r.-…_1152::…``). The 5'
  partner ends at the last position of its segment, the 3' partner starts at the first; the
  positions become exon boundaries of the transcript named (see :mod:`fusionviz.names`).
- COSMIC fusion syntax ``GENE{ENST…}:r.A_B_GENE{ENST…}:r.C_D``: COSMIC counts mRNA bases
  from the transcript's first base (r.1 = first base of exon 1, COSMIC fusion help), on its
  own transcript version; they are read on this annotation's version of that transcript and
  accepted only where r.B and r.C fall on exon boundaries there (the reading says so).
  ``r.1_3551+364`` / ``r.1202-1794_2480`` (a DNA breakpoint that many nt into the intron) keep
  the exon ending at r.3551 / start at the exon beginning at r.1202.
- VICC Gene Fusion Specification transcript components: segments
  ``<transcript>(<gene>):e.<start exon>_<end exon>`` and junctions ``…:e.<exon>``, with
  optional offsets (``NM_004327.3(BCR):e.14::NM_005157.5(ABL1):e.2``,
  ``…:e.2+182::…:e.2-173``). An offset into the flanking intron is a genomic DNA breakpoint:
  the fusion RNA keeps the exon (5') or starts at it (3'); an offset into the exon itself is
  not an exon junction and is refused. A linker sequence (``::ACTAAAGCG::``) adds bases whose
  number changes the frame, which an exon-level reading cannot include: refused.
"""

from __future__ import annotations

import re

from fusionviz.models import PartnerSpec
from fusionviz.notation._text import _fail, _quote

_TX = r"(?:ENST\d+|[NX][MR]_\d+)(?:\.\d+)?|[A-Za-z][A-Za-z0-9.\-]*-\d{3}"
_POS = r"[-*]?\d+(?:[+-]\d+)?"
_HGVS_PART = re.compile(
    rf"(?P<tx>{_TX})(?:\((?P<gene>[A-Za-z0-9.\-]+)\))?:r\.\(?(?P<a>{_POS})_(?P<b>{_POS})\)?",
    re.IGNORECASE,
)
_CTX = r"(?:ENST\d+|[NX][MR]_\d+)(?:\.\d+)?"
_CPOS = r"\d+(?:[+-]\d+)?"
_COSMIC = re.compile(
    rf"(?P<g1>[A-Za-z0-9.\-]+)\{{(?P<t1>{_CTX})\}}:r\.(?P<a>{_CPOS})_(?P<b>{_CPOS})_"
    rf"(?P<g2>[A-Za-z0-9.\-]+)\{{(?P<t2>{_CTX})\}}:r\.(?P<c>{_CPOS})_(?P<d>{_CPOS})",
    re.IGNORECASE,
)
_VICC_PART = re.compile(
    rf"(?P<tx>{_TX})(?:\((?P<gene>[A-Za-z0-9.\-]+)\))?:e\.(?P<a>\d+)(?P<ao>[+-]\d+)?"
    r"(?:_(?P<b>\d+)(?P<bo>[+-]\d+)?)?",
    re.IGNORECASE,
)
_LINKER = re.compile(r"[ACGTacgt]+")

#: Readings of these forms, for the accepted-forms table and errors.
EXAMPLES = (
    "NM_152263.2:r.-115_775::NM_002609.3:r.1580_*1924",
    "ENST00000389805.9(SQSTM1):r.1_1152::ENST00000389048.8(ALK):r.3171_6220",
    "EML4{ENST00000318522}:r.1_1748_ALK{ENST00000389048}:r.4100_6220",
    "NM_004327.3(BCR):e.14::NM_005157.5(ABL1):e.2",
)


_POSITIONAL = re.compile(r"(?<!:):[re]\.\(?[-*]?\d|\{ENST", re.IGNORECASE)


def looks_positional(s: str) -> bool:
    """True when ``s`` uses r. positions, e. exons (``TX:r.775``, ``TX:e.14``) or COSMIC
    braces (``GENE{ENST…}``)."""
    return bool(_POSITIONAL.search(s))


def read_positional(s: str) -> tuple[PartnerSpec, PartnerSpec, tuple[str, ...]]:
    """The two partners of an HGVS, COSMIC or VICC notation, and its reading."""
    m = _COSMIC.fullmatch(s)
    if m:
        return _cosmic(m)
    parts = [p.strip() for p in s.split("::")]
    if len(parts) == 2 and all(_HGVS_PART.fullmatch(p) for p in parts):
        return _hgvs(*(_HGVS_PART.fullmatch(p) for p in parts))  # type: ignore[arg-type]
    if re.search(r"(?<!:):e\.", s, re.IGNORECASE):
        return _vicc(parts)
    _fail("cannot read these positions; write e.g. " + ", ".join(_quote(x) for x in EXAMPLES[:2]))


def _hgvs(five: re.Match[str], three: re.Match[str]) -> tuple[PartnerSpec, PartnerSpec, tuple]:
    p5 = PartnerSpec(gene=five["gene"], transcript=five["tx"], rna_position=five["b"])
    p3 = PartnerSpec(gene=three["gene"], transcript=three["tx"], rna_position=three["a"])
    note = (
        f"HGVS adjoined transcripts: the 5' partner ends at {five['tx']} r.{five['b']}, the 3' "
        f"partner starts at {three['tx']} r.{three['a']}"
    )
    return p5, p3, (note,)


def _cosmic(m: re.Match[str]) -> tuple[PartnerSpec, PartnerSpec, tuple]:
    t1, t2 = m["t1"].split(".")[0], m["t2"].split(".")[0]
    # "tx:" = counted from the transcript's first base (COSMIC), not from the ATG (HGVS).
    p5 = PartnerSpec(gene=m["g1"], transcript=t1, rna_position=f"tx:{m['b']}")
    p3 = PartnerSpec(gene=m["g2"], transcript=t2, rna_position=f"tx:{m['c']}")
    note = (
        f"COSMIC fusion syntax: {m['g1']} r.{m['a']}_{m['b']} :: {m['g2']} r.{m['c']}_{m['d']}; "
        f"COSMIC counted these on its versions of {m['t1']} and {m['t2']}: read on this "
        "annotation's versions, accepted only where the junction positions are exon "
        "boundaries there"
    )
    return p5, p3, (note,)


def _vicc_side(part: str, role: str) -> tuple[PartnerSpec, str | None]:
    m = _VICC_PART.fullmatch(part)
    if not m:
        _fail(f"{_quote(part)} is not a VICC transcript component (TRANSCRIPT(GENE):e.N)")
    # 5': the segment's end exon (or the only exon); 3': its start exon.
    if role == "5'":
        exon, off = (m["b"], m["bo"]) if m["b"] else (m["a"], m["ao"])
    else:
        exon, off = m["a"], m["ao"]
    n = int(exon)
    note = None
    if off:
        k = int(off)
        into_intron = (k > 0) if role == "5'" else (k < 0)
        if not into_intron:
            _fail(
                f"{_quote(part)}: offset {off} lies inside exon {n}, not in the intron beside "
                "the junction; give the genomic breakpoint for a junction inside an exon"
            )
        where = "after" if role == "5'" else "before"
        keeps = "keeps" if role == "5'" else "starts at"
        note = (
            f"VICC {part}: a genomic DNA breakpoint {abs(k)} nt {where} exon {n} (in the "
            f"intron); the fusion RNA {keeps} exon {n}"
        )
    return PartnerSpec(gene=m["gene"], transcript=m["tx"], exon=n), note


def _vicc(parts: list[str]) -> tuple[PartnerSpec, PartnerSpec, tuple]:
    if len(parts) > 2:
        middle = parts[1:-1]
        if any(_LINKER.fullmatch(p) for p in middle):
            n = sum(len(p) for p in middle if _LINKER.fullmatch(p))
            effect = (
                f"shifts the reading frame by {n % 3} nt"
                if n % 3
                else f"keeps the frame but adds {n // 3} codon(s)"
            )
            _fail(
                f"a linker sequence of {n} nt joins the partners: it {effect}, which an "
                "exon-level reading cannot include; give the fusion's genomic breakpoints"
            )
        _fail("a fusion here has two partners (5'::3'); more components are not read")
    if len(parts) != 2:
        _fail("a VICC fusion joins a 5' and a 3' component with '::'")
    five, n5 = _vicc_side(parts[0], "5'")
    three, n3 = _vicc_side(parts[1], "3'")
    notes = [
        f"VICC nomenclature: {five.transcript} exon {five.exon} :: {three.transcript} exon "
        f"{three.exon}"
    ]
    notes += [n for n in (n5, n3) if n]
    return five, three, tuple(notes)
