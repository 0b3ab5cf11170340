"""Read fusion notations into :class:`~fusionviz.models.FusionRequest` and write names.

Pure text handling: no annotation is consulted. An optional ``is_gene`` callback
(symbol -> bool, e.g. a case-insensitive lookup in the annotation source) settles
the hyphen ambiguities that text alone cannot (``HLA-A-ALK``, ``ABC-123``).

Accepted fusions (case-insensitive; spaces around ``::``, ``:``, ``;``, ``--``, ``,``
and parentheses are optional)
=====================================================================================

Partner pair -- ``PARTNER SEP PARTNER``, each partner located by an exon or a breakpoint:
    ``SQSTM1 e5::ALK e19``  ``SQSTM1 E5 :: ALK E19``  ``SQSTM1 exon 5 :: ALK exon 19``
    ``HMBOX1 exon 6 to ALK exon 20``  ``SQSTM1:5::ALK:19``
    ``EML4:chr2:42299120::ALK:chr2:29223528``  ``chr2:42299120:+::chr2:29223528:-``
Gene pair + exon pair -- ``GENE SEP GENE[,] EXON PSEP EXON``:
    ``SQSTM1::ALK e5::e19``  ``SQSTM1::ALK, exon 5 to exon 19``  ``EML4::ALK E6;A20``
    ``EML4-ALK E6;A20``  ``EML4::ALK E6:A20``  ``HMBOX1::ALK H6::A20``  ``EML4--ALK E13;A20``

Rules
-----
* A partner is ``GENE``, ``GENE(TRANSCRIPT)``, a bare transcript ID (``ENST...``,
  ``NM_/NR_/XM_/XR_...``, version optional; the gene is then ``None``) or an Ensembl
  transcript name ``GENE-NNN`` (exactly three digits, e.g. ``HMBOX1-203``; the gene is
  the part before the hyphen). ``GENE-NNN`` is read as a gene instead when ``is_gene``
  says the whole text is a gene. Inside ``GENE(...)`` either a transcript ID or name.
* A partner's exon is ``eN``/``exN``/``exon N`` after a space (or right after ``)``),
  ``:N`` / ``:eN``, or in parentheses ``GENE(eN)`` (``EML4(e6)--ALK(e20)``).
  A breakpoint is ``[GENE:]CONTIG:POSITION[:STRAND]`` (1-based; contig
  ``chr1``-``chr22``/X/Y/M/MT with or without ``chr``, ``chr..._...`` alt/unplaced
  contigs, ``GL...``/``KI...`` scaffolds; strand ``+`` or ``-``). A text starting with a
  contig name is a breakpoint, so ``2:42299120`` is chr2, never gene "2".
* Form choice: when the text after the first space or comma (outside parentheses) is
  exactly an exon pair, the text is a gene pair + exon pair; otherwise a partner pair.
* Partner separators, tried in this order, only the first one present is used:
  ``::`` (HGNC), ``--`` (STAR-Fusion), `` to ``, then a single ``-``. A single ``-``
  is never split blindly: gene symbols contain hyphens (NKX2-1, HLA-A). Every hyphen
  is tried; it separates partners only when exactly one cut gives two valid partners
  (partner pair: each side carries its own exon/breakpoint; gene pair: the right half
  starts with a letter and both halves fit the exon tokens' initials). When several
  cuts are valid, ``is_gene`` (if given) picks the one whose halves are both genes;
  otherwise the error asks for ``::``. ``is_gene`` never rejects a unique reading: an
  unknown gene is left to gene resolution, which can suggest spellings.
* An exon token in the gene-pair form is ``[LETTERS]N``; LETTERS is empty, ``e``,
  ``ex``, ``exon`` or the start of that partner's gene symbol (the clinical short form
  ``E13;A20``). ``E6`` therefore always works; ``X5`` for SQSTM1 is an error. Variant
  letters after the number (``E6a``) are rejected: they have no sourced meaning here.
  Exon pair separators: ``::``, ``--``, ``;``, ``:``, ``-``, ``/``, ``,``, ``to`` or a space.
* Exon numbers are integers 1..9999. The same gene on both sides (intragenic) is fine.
* Output: gene symbols as typed (the caller resolves them case-insensitively);
  transcript IDs upper-cased; transcript names as typed.
* Every failure raises :class:`~fusionviz.errors.NotationError` with one line that
  quotes the input and shows accepted forms.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NoReturn

from fusionviz.errors import NotationError
from fusionviz.models import (
    FusionRequest,
    GenomicPosition,
    PartnerSpec,
    Strand,
    normalise_contig,
)

__all__ = [
    "ACCEPTED_FORMS",
    "ACCEPTED_PARTNER_FORMS",
    "MAX_EXON",
    "exon_form",
    "fusion_text",
    "hgnc_name",
    "parse_fusion",
    "parse_partner",
    "partner_text",
    "short_form",
]

GeneCheck = Callable[[str], bool]

#: Examples of every accepted fusion form, for help texts and error messages.
ACCEPTED_FORMS: tuple[str, ...] = (
    "SQSTM1 e5::ALK e19",
    "SQSTM1 exon 5 :: ALK exon 19",
    "HMBOX1 exon 6 to ALK exon 20",
    "SQSTM1::ALK e5::e19",
    "SQSTM1::ALK, exon 5 to exon 19",
    "EML4::ALK E6;A20",
    "EML4-ALK E6;A20",
    "EML4--ALK E13;A20",
    "HMBOX1(ENST00000397358) e6::ALK e20",
    "HMBOX1-203 e6::ALK e20",
    "SQSTM1(NM_003900.5) e5::ALK(NM_004304) e19",
    "EML4:chr2:42299120::ALK:chr2:29223528",
    "chr2:42299120:+::chr2:29223528:-",
)

#: Examples of a single partner (command-line partner options).
ACCEPTED_PARTNER_FORMS: tuple[str, ...] = (
    "SQSTM1:5",
    "HMBOX1-203:6",
    "SQSTM1(ENST00000389805):5",
    "SQSTM1 e5",
    "chr2:42299120:+",
    "EML4:chr2:42299120",
)

MAX_EXON = 9999
_MAX_QUOTE = 60
_FLAGS = re.IGNORECASE | re.ASCII

_BRIEF = "expected e.g. 'SQSTM1 e5::ALK e19', 'EML4::ALK E6;A20', 'HMBOX1 exon 6 :: ALK exon 20'"
_BRIEF_PARTNER = "expected e.g. 'SQSTM1:5', 'SQSTM1(NM_003900.5) e5', 'chr2:42299120:+'"

_GENE_RE = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[.\-][A-Za-z0-9]+)*", _FLAGS)
_TX_ID_RE = re.compile(r"(?:ENST[0-9]+|[NX][MR]_[0-9]+)(?:\.[0-9]+)?", _FLAGS)
# Ensembl transcript names are the gene name, a hyphen and three digits (ALK-201).
_TX_NAME_RE = re.compile(r"(?P<gene>[A-Za-z][A-Za-z0-9.\-]*)-[0-9]{3}", _FLAGS)
_PAREN_RE = re.compile(r"(?P<name>[^()]*)\((?P<inner>[^()]*)\)", _FLAGS)
_EXON_RE = re.compile(r"(?P<kw>exon|ex|e)? ?(?P<num>[+-]?[0-9]+)(?P<suffix>[A-Za-z]*)", _FLAGS)
_EXON_LIKE_RE = re.compile(r"(?:exon|ex|e) ?[0-9]+", _FLAGS)
_EXON_IN_PARENS_RE = re.compile(
    r"(?P<ident>[^() ]+(?:\([^() ]*\))?)\((?P<exon>(?:exon|ex|e) ?[+-]?[0-9]+[A-Za-z]*)\)",
    _FLAGS,
)
_CONTIG_RE = re.compile(
    r"(?:chr)?(?:[1-9]|1[0-9]|2[0-2]|X|Y|M|MT)"
    r"|chr(?:[0-9]{1,2}|X|Y|M|MT|Un)_[A-Za-z0-9_.]+"
    r"|(?:GL|KI)[0-9]+\.[0-9]+",
    _FLAGS,
)
_POSITION_RE = re.compile(r"[0-9]{1,10}", _FLAGS)
_TOKEN = r"[A-Za-z]* ?[+-]?[0-9]+[A-Za-z]*"
_TAIL_RE = re.compile(
    rf"(?P<t1>{_TOKEN})(?: ?(?:::|--|;|:|-|/|,|to) ?| )(?P<t2>{_TOKEN})",
    _FLAGS,
)
_TOKEN_RE = re.compile(r"(?P<letters>[A-Za-z]*) ?(?P<num>[+-]?[0-9]+)(?P<suffix>[A-Za-z]*)", _FLAGS)
_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2212"})


class _Failure(Exception):
    """Internal: one reason a candidate reading failed (turned into NotationError)."""


def _quote(text: str) -> str:
    """``'text'`` on one line, truncated to about 60 characters."""
    flat = "".join(c if c.isprintable() else " " for c in text)
    if len(flat) > _MAX_QUOTE:
        flat = flat[: _MAX_QUOTE - 3] + "..."
    return f"'{flat}'"


def _fail(problem: str) -> NoReturn:
    raise _Failure(problem)


def _normalise(text: str) -> str:
    """Collapse whitespace and the optional spaces around punctuation."""
    s = " ".join(text.translate(_DASHES).split())
    s = re.sub(r" ?: ?", ":", s)
    s = re.sub(r" ?; ?", ";", s)
    s = re.sub(r" ?-- ?", "--", s)
    s = re.sub(r" ?, ?", ",", s)
    s = re.sub(r" ?\( ?", "(", s)
    s = re.sub(r" ?\)", ")", s)
    return s


def _check_parentheses(s: str) -> None:
    depth = 0
    for c in s:
        if c == "(":
            depth += 1
            if depth > 1:
                _fail("nested parentheses; write GENE(TRANSCRIPT)")
        elif c == ")":
            depth -= 1
            if depth < 0:
                _fail("unbalanced parentheses: ')' without '('")
    if depth:
        _fail("unbalanced parentheses: '(' without ')'")


# --------------------------------------------------------------------------- pieces


def _exon_number(num: str, token: str) -> int:
    """Validate the digits of an exon token (``num`` may carry a sign)."""
    if num.startswith("-"):
        _fail(f"exon numbers are positive integers, got {_quote(token)}")
    digits = num.lstrip("+").lstrip("0")
    if not digits:
        _fail(f"exon numbers start at 1, got {_quote(token)}")
    if len(digits) > len(str(MAX_EXON)) or int(digits) > MAX_EXON:
        _fail(f"exon number in {_quote(token)} is too large (at most {MAX_EXON})")
    return int(digits)


def _no_variant(suffix: str, token: str) -> None:
    if suffix:
        _fail(
            f"variant letter '{suffix}' in {_quote(token)} is not supported; give the exon "
            "number only (and a transcript if the variant needs one)"
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


# --------------------------------------------------------------------------- forms


def _split_head(s: str) -> tuple[str, str]:
    """Split at the first space or comma outside parentheses."""
    depth = 0
    for i, c in enumerate(s):
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif depth == 0 and c in " ,":
            return s[:i], s[i:].lstrip(" ,")
    return s, ""


def _occurrences(s: str, sep: str) -> list[int]:
    """Start indexes of ``sep`` outside parentheses (overlapping occurrences too)."""
    found, depth = [], 0
    for i, c in enumerate(s):
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif depth == 0 and s.startswith(sep, i):
            found.append(i)
    return found


def _single_hyphens(s: str) -> list[int]:
    return [
        i
        for i in _occurrences(s, "-")
        if (i == 0 or s[i - 1] != "-") and (i + 1 == len(s) or s[i + 1] != "-")
    ]


def _choose(
    s: str,
    cuts: list[tuple[int, int]],
    read: Callable[[str, str], tuple[PartnerSpec, PartnerSpec]],
    prefer: Callable[[PartnerSpec, PartnerSpec], bool] = lambda a, b: True,
) -> tuple[PartnerSpec, PartnerSpec] | None:
    """Try every cut; return the unique reading, raise if ambiguous, None if none fit.

    ``prefer`` (the ``is_gene`` test) only breaks ties between several readings: a
    single reading is returned even with an unknown gene, so that gene resolution
    can report it with spelling suggestions. When no cut fits, the failure of a lone
    cut is raised (it names the real problem, e.g. a bad exon).
    """
    readings: list[tuple[str, str, tuple[PartnerSpec, PartnerSpec]]] = []
    first_error: _Failure | None = None
    for start, end in cuts:
        left, right = s[:start], s[end:]
        try:
            readings.append((left, right, read(left, right)))
        except _Failure as err:
            first_error = first_error or err
    if len(readings) > 1:
        preferred = [r for r in readings if prefer(*r[2])]
        if len(preferred) == 1:
            return preferred[0][2]
        ways = "; ".join(f"{_quote(a.strip())} + {_quote(b.strip())}" for a, b, _ in readings[:3])
        _fail(f"ambiguous hyphen, the partners could be {ways}; separate them with '::'")
    if readings:
        return readings[0][2]
    if first_error is not None and len(cuts) == 1:
        raise first_error
    return None


def _both_genes(is_gene: GeneCheck | None) -> Callable[[PartnerSpec, PartnerSpec], bool]:
    """Tie-breaker for hyphen cuts: both partners' genes pass ``is_gene``."""

    def check(a: PartnerSpec, b: PartnerSpec) -> bool:
        if is_gene is None:
            return False
        return all(is_gene(g) for g in (a.gene, b.gene) if g is not None)

    return check


def _gene_pair_form(
    head: str, m: re.Match[str], is_gene: GeneCheck | None
) -> tuple[PartnerSpec, PartnerSpec]:
    """``GENE SEP GENE[,] EXON PSEP EXON`` (``EML4::ALK E6;A20``, ``SQSTM1::ALK e5::e19``).

    ``m`` is the match of the exon pair (``_TAIL_RE``).
    """

    def read(left: str, right: str) -> tuple[PartnerSpec, PartnerSpec]:
        five, three = _parse_ident(left, is_gene), _parse_ident(right, is_gene)
        e5 = _exon_token(m["t1"], five, "5'")
        e3 = _exon_token(m["t2"], three, "3'")
        return _with_exon(five, e5), _with_exon(three, e3)

    for sep in ("::", "--"):
        cuts = _occurrences(head, sep)
        if len(cuts) > 1:
            _fail(f"{_quote(head)} names more than two partners; fusions have two")
        if cuts:
            result = _choose(head, [(cuts[0], cuts[0] + len(sep))], read)
            if result is None:  # unreachable: one cut either reads or raises its failure
                _fail(f"cannot read two genes around '{sep}' in {_quote(head)}")
            return result

    # Gene symbols contain hyphens: only cut where the right half starts with a letter.
    cuts = [(i, i + 1) for i in _single_hyphens(head) if head[i + 1 : i + 2].isalpha()]
    if not cuts:
        _fail(f"{_quote(head)} names one partner; join the two genes with '::'")
    result = _choose(head, cuts, read, _both_genes(is_gene))
    if result is None:
        _fail(f"cannot split {_quote(head)} into two genes; separate them with '::'")
    return result


def _partner_pair_form(s: str, is_gene: GeneCheck | None) -> tuple[PartnerSpec, PartnerSpec]:
    """``PARTNER SEP PARTNER`` where each partner has an exon or a breakpoint."""

    def read(left: str, right: str) -> tuple[PartnerSpec, PartnerSpec]:
        return _partner(left, "5'", is_gene), _partner(right, "3'", is_gene)

    if len(_occurrences(s, "::")) > 1:
        _fail("more than two partners; fusions have two, joined by one '::'")
    # ASCII-only lower case keeps indexes aligned with ``s``.
    lowered = "".join(c.lower() if c.isascii() else c for c in s)
    for sep in ("::", "--", " to "):
        cuts = [(i, i + len(sep)) for i in _occurrences(lowered, sep)]
        if cuts:
            result = _choose(s, cuts, read)
            if result is None:
                _fail(f"cannot read two partners around '{sep.strip()}'")
            return result
    cuts = [(i, i + 1) for i in _single_hyphens(s)]
    result = _choose(s, cuts, read, _both_genes(is_gene)) if cuts else None
    if result is None:
        _fail("only one partner found; join the 5' and 3' partners with '::'")
    return result


# --------------------------------------------------------------------------- public


def parse_fusion(
    text: str, *, is_gene: GeneCheck | None = None, line: int | None = None
) -> FusionRequest:
    """Read one fusion notation (see the module docstring for every accepted form).

    ``is_gene`` (optional) says whether a symbol is a known gene; it only settles
    hyphen ambiguities. ``line`` is recorded on the request and prefixed to errors.
    Raises :class:`NotationError` with a one-line message on any unreadable input.
    """
    where = f"line {line}: " if line is not None else ""
    if not isinstance(text, str):
        raise NotationError(f"{where}a fusion notation must be text, got {type(text).__name__}")
    try:
        s = _normalise(text)
        if not s:
            _fail("the notation is empty")
        _check_parentheses(s)
        head, tail = _split_head(s)
        exons = _TAIL_RE.fullmatch(tail) if tail else None
        if exons:
            five, three = _gene_pair_form(head, exons, is_gene)
        else:
            five, three = _partner_pair_form(s, is_gene)
    except _Failure as err:
        raise NotationError(f"{where}cannot read fusion {_quote(text)}: {err}; {_BRIEF}") from None
    return FusionRequest(five_prime=five, three_prime=three, text=text, line=line)


def parse_partner(text: str, *, is_gene: GeneCheck | None = None) -> PartnerSpec:
    """Read one partner: ``SQSTM1:5``, ``HMBOX1-203:6``, ``SQSTM1(ENST00000389805):5``,
    ``SQSTM1 e5``, ``chr2:42299120:+``, ``2:42299120`` or ``EML4:chr2:42299120``.

    Raises :class:`NotationError` with a one-line message on any unreadable input.
    """
    if not isinstance(text, str):
        raise NotationError(f"a partner must be text, got {type(text).__name__}")
    try:
        s = _normalise(text)
        if not s:
            _fail("the partner is empty")
        _check_parentheses(s)
        if "::" in s or "--" in s:
            _fail("this is a whole fusion; give one partner here")
        spec = _partner(s, "", is_gene)
    except _Failure as err:
        msg = " ".join(str(err).split())  # drop the double space of the empty role
        raise NotationError(
            f"cannot read partner {_quote(text)}: {msg}; {_BRIEF_PARTNER}"
        ) from None
    return spec


def hgnc_name(gene5: str, gene3: str) -> str:
    """HGNC fusion name: ``hgnc_name("SQSTM1", "ALK") == "SQSTM1::ALK"``."""
    return f"{gene5}::{gene3}"


def short_form(gene5: str, exon5: int, gene3: str, exon3: int) -> str:
    """Clinical short form from the genes' initials: ``S5;A19`` (``E13;E4`` is fine)."""
    return f"{gene5[:1].upper()}{exon5};{gene3[:1].upper()}{exon3}"


def exon_form(gene5: str, exon5: int, gene3: str, exon3: int) -> str:
    """Explicit form that :func:`parse_fusion` reads back: ``SQSTM1 e5::ALK e19``."""
    return f"{gene5} e{exon5}::{gene3} e{exon3}"


def partner_text(spec: PartnerSpec) -> str:
    """A partner written so that :func:`parse_partner` reads it back.

    ``SQSTM1(NM_003900.5) e5``, ``ENST00000389805 e5``, ``EML4:chr2:42299120:+``.
    """
    if spec.gene and spec.transcript and spec.transcript != _tx_name_of(spec):
        ident = f"{spec.gene}({spec.transcript})"
    else:
        ident = spec.transcript or spec.gene or ""
    if spec.breakpoint is not None:
        bp = str(spec.breakpoint)
        return f"{ident}:{bp}" if ident else bp
    if spec.exon is not None:
        return f"{ident} e{spec.exon}"
    return ident


def fusion_text(request: FusionRequest) -> str:
    """A request written so that :func:`parse_fusion` reads it back (partners joined by ``::``)."""
    return f"{partner_text(request.five_prime)}::{partner_text(request.three_prime)}"


def _tx_name_of(spec: PartnerSpec) -> str | None:
    """The transcript when it is a ``GENE-NNN`` name of the spec's own gene."""
    tx = spec.transcript
    if tx and spec.gene and _TX_NAME_RE.fullmatch(tx) and tx[: tx.rindex("-")] == spec.gene:
        return tx
    return None
