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

from fusionviz.errors import GenePairOnlyError, NotationError
from fusionviz.models import FusionRequest, PartnerSpec
from fusionviz.notation._forms import _gene_pair_form, _partner_pair_form, _split_head
from fusionviz.notation._partners import _partner, _with_exon
from fusionviz.notation._text import (
    _BRIEF,
    _BRIEF_PARTNER,
    _TAIL_RE,
    MAX_EXON,
    GeneCheck,
    _check_parentheses,
    _fail,
    _Failure,
    _normalise,
    _quote,
)
from fusionviz.notation.hgvs import looks_positional, read_positional
from fusionviz.notation.report_forms import (
    _INTRON,
    gene_pair_only,
    rewrite_introns,
    rewrite_report_text,
)
from fusionviz.notation.short_forms import is_short_form, read_short_form
from fusionviz.notation.writers import exon_form, fusion_text, hgnc_name, partner_text, short_form

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


def parse_fusion(
    text: str, *, is_gene: GeneCheck | None = None, line: int | None = None
) -> FusionRequest:
    """Read one fusion notation (see the module docstring for every accepted form).

    ``is_gene`` (optional) says whether a symbol is a known gene; it only settles
    hyphen ambiguities. ``line`` is recorded on the request and prefixed to errors.
    Forms that need interpreting (short forms, introns, positions) say how they were read
    in ``FusionRequest.reading``. Raises :class:`NotationError` with a one-line message on
    any unreadable input, and its subclass :class:`GenePairOnlyError` for a gene pair
    without exons.
    """
    where = f"line {line}: " if line is not None else ""
    if not isinstance(text, str):
        raise NotationError(f"{where}a fusion notation must be text, got {type(text).__name__}")
    try:
        s = _normalise(text)
        if not s:
            _fail("the notation is empty")
        _check_parentheses(s)
        five, three, reading = _read(s, is_gene)
    except _Failure as err:
        raise NotationError(f"{where}cannot read fusion {_quote(text)}: {err}; {_BRIEF}") from None
    except GenePairOnlyError as err:
        raise GenePairOnlyError(err.five, err.three, f"{where}{err}") from None
    return FusionRequest(five_prime=five, three_prime=three, text=text, line=line, reading=reading)


def _read(s: str, is_gene: GeneCheck | None) -> tuple[PartnerSpec, PartnerSpec, tuple[str, ...]]:
    """Dispatch to the form the normalised text ``s`` is written in."""
    if looks_positional(s):
        return read_positional(s)
    s = rewrite_report_text(s)
    pair = gene_pair_only(s)
    if pair is not None:
        raise GenePairOnlyError(
            *pair,
            f"{pair[0]}::{pair[1]} names a gene pair without exons or breakpoints: exons are "
            f"needed for a specific answer (e.g. '{pair[0]} e5::{pair[1]} e19'); "
            f"'fusionviz known --pair {pair[0]} {pair[1]}' lists its known junctions",
        )
    head, tail = _split_head(s)
    if tail and is_short_form(tail):
        five, three = _gene_pair_form(head, _TAIL_RE.fullmatch("1;1"), is_gene)  # type: ignore[arg-type]
        if not (five.gene and three.gene):
            _fail(f"{_quote(tail)} needs the two gene symbols before it")
        e5, e3, note = read_short_form((five.gene, three.gene), tail)
        return _with_exon(five, e5), _with_exon(three, e3), (note,)
    s, notes = rewrite_introns(s)
    head, tail = _split_head(s)
    exons = _TAIL_RE.fullmatch(tail) if tail else None
    if exons:
        five, three = _gene_pair_form(head, exons, is_gene)
    else:
        five, three = _partner_pair_form(s, is_gene)
    return five, three, notes


def parse_partner(text: str, *, is_gene: GeneCheck | None = None) -> PartnerSpec:
    """Read one partner: ``SQSTM1:5``, ``HMBOX1-203:6``, ``SQSTM1(ENST00000389805):5``,
    ``SQSTM1 e5``, ``chr2:42299120:+``, ``2:42299120`` or ``EML4:chr2:42299120``.

    Raises :class:`NotationError` with a one-line message on any unreadable input.
    """
    return read_partner(text, is_gene=is_gene)[0]


def read_partner(
    text: str, *, is_gene: GeneCheck | None = None, role: str | None = None
) -> tuple[PartnerSpec, tuple[str, ...]]:
    """:func:`parse_partner` that also reads introns (``EML4 intron 13``) when ``role``
    (``5'`` or ``3'``) says which side the partner is on, and says how it read them."""
    if not isinstance(text, str):
        raise NotationError(f"a partner must be text, got {type(text).__name__}")
    try:
        s = _normalise(text)
        if not s:
            _fail("the partner is empty")
        _check_parentheses(s)
        if "::" in s or "--" in s:
            _fail("this is a whole fusion; give one partner here")
        notes: tuple[str, ...] = ()
        if _INTRON.search(s):
            if role not in ("5'", "3'"):
                _fail("an intron needs the partner's side (--5p or --3p)")
            sides = f"{s}::X e1" if role == "5'" else f"X e1::{s}"
            rewritten, notes = rewrite_introns(sides)
            s = rewritten.split("::")[0 if role == "5'" else 1]
            notes = tuple(n for n in notes if n.startswith(role))
        spec = _partner(s, "", is_gene)
    except _Failure as err:
        msg = " ".join(str(err).split())  # drop the double space of the empty role
        raise NotationError(
            f"cannot read partner {_quote(text)}: {msg}; {_BRIEF_PARTNER}"
        ) from None
    return spec, notes
