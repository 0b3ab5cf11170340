"""One partner: a gene or transcript with an exon, or a genomic breakpoint."""

from __future__ import annotations

from fusionviz.models import (
    GenomicPosition,
    PartnerSpec,
    Strand,
    normalise_contig,
)
from fusionviz.notation._text import (
    _CONTIG_RE,
    _EXON_IN_PARENS_RE,
    _EXON_LIKE_RE,
    _EXON_RE,
    _GENE_RE,
    _PAREN_RE,
    _POSITION_RE,
    _TOKEN_RE,
    _TX_ID_RE,
    _TX_NAME_RE,
    GeneCheck,
    _exon_number,
    _fail,
    _no_variant,
    _quote,
)


def _parse_exon(token: str) -> int:
    """``e5``, ``E5``, ``ex 5``, ``exon 5``, ``5`` -> 5."""
    m = _EXON_RE.fullmatch(token)
    if not m:
        _fail(f"{_quote(token)} is not an exon; write e.g. 'e5' or 'exon 5'")
    _no_variant(m["suffix"], token)
    return _exon_number(m["num"], token)


def _is_tx_name(name: str, is_gene: GeneCheck | None) -> bool:
    if not _TX_NAME_RE.fullmatch(name) or not _GENE_RE.fullmatch(name):
        return False
    return not (is_gene is not None and is_gene(name))


def _parse_ident(ident: str, is_gene: GeneCheck | None) -> PartnerSpec:
    """A gene, ``GENE(TRANSCRIPT)``, a transcript ID or an Ensembl transcript name."""
    if not ident:
        _fail("a partner is missing")
    m = _PAREN_RE.fullmatch(ident)
    if m:
        name, inner = m["name"], m["inner"]
        if not inner:
            _fail(f"empty parentheses in {_quote(ident)}; write GENE(TRANSCRIPT)")
        if not name:
            _fail(f"no gene before the parentheses in {_quote(ident)}")
        if _TX_ID_RE.fullmatch(name):
            _fail(f"{_quote(name)} is a transcript ID; write GENE(TRANSCRIPT)")
        if not _GENE_RE.fullmatch(name):
            _fail(f"{_quote(name)} is not a gene symbol")
        if _is_tx_name(name, is_gene):
            _fail(f"{_quote(ident)} gives two transcripts; give a transcript name or an ID")
        if _TX_ID_RE.fullmatch(inner):
            return PartnerSpec(gene=name, transcript=inner.upper())
        if _TX_NAME_RE.fullmatch(inner) and _GENE_RE.fullmatch(inner):
            return PartnerSpec(gene=name, transcript=inner)
        _fail(f"{_quote(inner)} in {_quote(ident)} is not a transcript ID or name")
    if "(" in ident or ")" in ident:
        _fail(f"misplaced parentheses in {_quote(ident)}; write GENE(TRANSCRIPT)")
    if _TX_ID_RE.fullmatch(ident):
        return PartnerSpec(transcript=ident.upper())
    if _is_tx_name(ident, is_gene):
        return PartnerSpec(gene=ident[: ident.rindex("-")], transcript=ident)
    if _GENE_RE.fullmatch(ident):
        return PartnerSpec(gene=ident)
    _fail(f"{_quote(ident)} is not a gene symbol or transcript")


def _breakpoint(fields: list[str], text: str) -> GenomicPosition:
    """``[contig, position]`` or ``[contig, position, strand]``."""
    if len(fields) not in (2, 3):
        _fail(f"a breakpoint is CONTIG:POSITION[:STRAND], got {_quote(text)}")
    contig, pos = fields[0], fields[1]
    if not _POSITION_RE.fullmatch(pos) or int(pos) < 1:
        _fail(f"breakpoint position must be a positive integer, got {_quote(pos)}")
    strand: Strand | None = None
    if len(fields) == 3:
        if fields[2] == "+":
            strand = "+"
        elif fields[2] == "-":
            strand = "-"
        else:
            _fail(f"breakpoint strand must be '+' or '-', got {_quote(fields[2])}")
    return GenomicPosition(normalise_contig(contig), int(pos), strand)


def _partner(text: str, role: str, is_gene: GeneCheck | None) -> PartnerSpec:
    """One located partner: ``GENE e5``, ``GENE:5``, ``[GENE:]CONTIG:POS[:STRAND]``."""
    t = text.strip()
    if not t:
        _fail(f"the {role} partner is missing")
    if ":" in t:
        fields = t.split(":")
        if _CONTIG_RE.fullmatch(fields[0]):
            return PartnerSpec(breakpoint=_breakpoint(fields, t))
        spec = _parse_ident(fields[0], is_gene)
        rest = fields[1:]
        if len(rest) == 1:
            return _with_exon(spec, _parse_exon(rest[0]))
        if len(rest) in (2, 3) and _CONTIG_RE.fullmatch(rest[0]):
            bp = _breakpoint(rest, t)
            return PartnerSpec(spec.gene, spec.transcript, None, bp)
        _fail(f"cannot read the {role} partner {_quote(t)}")
    exon_in_parens = _EXON_IN_PARENS_RE.fullmatch(t)
    if exon_in_parens:  # EML4(e6), written by some tools as EML4(e6)--ALK(e20)
        ident, rest = exon_in_parens["ident"], exon_in_parens["exon"]
    elif " " in t:
        ident, rest = t.split(" ", 1)
    elif ")" in t and not t.endswith(")"):
        cut = t.rindex(")") + 1
        ident, rest = t[:cut], t[cut:]
    else:
        if _EXON_LIKE_RE.fullmatch(t):
            _fail(f"the {role} partner {_quote(t)} is an exon without a gene")
        _parse_ident(t, is_gene)  # a bad identifier is the more useful message
        _fail(f"no exon or breakpoint for the {role} partner {_quote(t)}")
    spec = _parse_ident(ident, is_gene)
    return _with_exon(spec, _parse_exon(rest))


def _with_exon(spec: PartnerSpec, exon: int) -> PartnerSpec:
    return PartnerSpec(gene=spec.gene, transcript=spec.transcript, exon=exon)


def _exon_token(token: str, spec: PartnerSpec, role: str) -> int:
    """An exon token of the gene-pair form; letters are 'e'/'exon' or the gene's initial(s)."""
    m = _TOKEN_RE.fullmatch(token)
    if not m:  # unreachable: _TAIL_RE only captures tokens
        _fail(f"{_quote(token)} is not an exon")
    letters = m["letters"]
    if letters and letters.lower() not in ("e", "ex", "exon"):
        if spec.gene is None:
            _fail(
                f"{_quote(token)}: a short-form initial needs a gene symbol for the {role} "
                "partner; write e.g. 'e5'"
            )
        if not spec.gene.lower().startswith(letters.lower()):
            _fail(
                f"initial '{letters}' in {_quote(token)} does not match the {role} gene "
                f"{_quote(spec.gene)} (expected '{spec.gene[0].upper()}{m['num']}')"
            )
    _no_variant(m["suffix"], token)
    return _exon_number(m["num"], token)
