"""The two sentence forms: a partner pair, and a gene pair followed by an exon pair."""

from __future__ import annotations

import re
from collections.abc import Callable

from fusionviz.models import (
    PartnerSpec,
)
from fusionviz.notation._partners import _exon_token, _parse_ident, _partner, _with_exon
from fusionviz.notation._text import GeneCheck, _fail, _Failure, _quote


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
