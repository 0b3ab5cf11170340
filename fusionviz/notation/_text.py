"""Shared pieces of the notation reader: patterns, one-line failures, normalisation."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NoReturn

GeneCheck = Callable[[str], bool]


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
