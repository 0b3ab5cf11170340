"""One error hierarchy. Every message is one line that says what was wrong and
what would be valid; the CLI prints it and exits with status 2."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from fusionviz.recency import keep


class FusionvizError(Exception):
    """Root of every error fusionviz raises on purpose."""

    exit_code = 2


class NotationError(FusionvizError):
    """A fusion could not be parsed."""


class GenePairOnlyError(NotationError):
    """A gene pair without exons or breakpoints (``EML4::ALK``): not malformed, but it names
    no single junction. ``five``/``three`` are the genes as written."""

    def __init__(self, five: str, three: str, message: str) -> None:
        super().__init__(message)
        self.five = five
        self.three = three


class UnknownGeneError(FusionvizError):
    """A gene symbol the annotation source does not know.

    Close matches are searched among ``known`` approved symbols and, when given, among
    ``aliases`` ((alias, approved symbol) pairs): an alias match reads ``KMT2A (MLL)``.
    They are searched when the message or ``suggestions`` is first read: code that
    catches the error to try something else (a caller row's gene that may be a lncRNA)
    does not pay for a search among ~75,000 names.
    """

    def __init__(
        self,
        gene: str,
        known: Iterable[str] = (),
        where: str = "",
        aliases: Iterable[tuple[str, str]] = (),
        *,
        message: str | None = None,
    ) -> None:
        super().__init__(*((message,) if message else ()))
        self.gene = gene
        self._message = message
        self._where = where
        self._known = () if message else _kept(known)
        self._aliases = () if message else _kept(aliases)
        self._suggestions: tuple[str, ...] | None = () if message else None

    @property
    def suggestions(self) -> tuple[str, ...]:
        """Close spellings among the known symbols and aliases."""
        if self._suggestions is None:
            self._suggestions = tuple(close_names(self.gene, self._known, self._aliases))
            self._known = self._aliases = ()
        return self._suggestions

    @suggestions.setter
    def suggestions(self, value: Iterable[str]) -> None:
        self._suggestions = tuple(value)

    def __str__(self) -> str:
        if self._message is None:
            close = self.suggestions
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            src = f" in {self._where}" if self._where else ""
            self._message = f"unknown gene '{self.gene}'{src}{hint}"
            self.args = (self._message,)
        return self._message


def _kept(items: Iterable) -> Iterable:
    """``items`` as a collection that can be read later (a generator is read now)."""
    return items if isinstance(items, tuple | list | set | frozenset | dict) else tuple(items)


class AmbiguousGeneError(UnknownGeneError):
    """A previous symbol or alias shared by several genes, with nothing to choose among them."""

    def __init__(self, gene: str, candidates: Iterable[str], why: str = "") -> None:
        self.candidates = tuple(candidates)
        super().__init__(
            gene,
            message=f"'{gene}' is a previous symbol or alias of {len(self.candidates)} genes "
            f"({', '.join(self.candidates)}){why}; give the approved symbol",
        )
        self.suggestions = self.candidates


class NonCodingGeneError(FusionvizError):
    """A known gene that has no protein-coding transcript in the annotation source (a lncRNA,
    a pseudogene, an immunoglobulin segment ...): no protein can come from it."""

    def __init__(self, gene: str, message: str) -> None:
        super().__init__(message)
        self.gene = gene


class UnknownTranscriptError(FusionvizError):
    """A transcript identifier that is unknown or belongs to another gene."""


class ExonOutOfRangeError(FusionvizError):
    """An exon number outside the transcript."""


class BreakpointError(FusionvizError):
    """A genomic breakpoint that cannot be placed on a transcript."""


class AnnotationDataError(FusionvizError):
    """The annotation bundle, release or domain file is missing or unusable."""


class CallerFormatError(FusionvizError):
    """A fusion-caller file that cannot be read."""


class StyleError(FusionvizError):
    """A figure style file that cannot be used."""


class OutputError(FusionvizError):
    """An output path that cannot be written."""


def close_matches(word: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """Closest spellings of ``word`` among ``candidates`` (case-insensitive).

    Only candidates of a similar length (within 3 characters) are compared: a spelling
    that far off cannot reach difflib's 0.6 ratio on short symbols anyway, and the
    pre-filter keeps an error among ~75,000 gene names and aliases fast.
    """
    w = word.upper()
    upper = {c.upper(): c for c in candidates if abs(len(c) - len(w)) <= 3}
    hits = difflib.get_close_matches(w, list(upper), n=n, cutoff=0.6)
    return [upper[h] for h in hits]


#: close_names() answers by (word, n, the identity of the name lists): a source passes
#: the same lists every time, and a caller file repeats its unknown names.
_CLOSE: dict[tuple, tuple[Iterable, Iterable, list[str]]] = {}


def close_names(
    word: str, symbols: Iterable[str], aliases: Iterable[tuple[str, str]] = (), n: int = 3
) -> list[str]:
    """Close matches among approved symbols and aliases: ``KMT2A (MLL)`` for an alias."""
    key = (word.upper(), n, id(symbols), id(aliases))
    hit = _CLOSE.get(key)
    if hit is not None and hit[0] is symbols and hit[1] is aliases:
        return list(hit[2])
    out = _close_names(word, symbols, aliases, n)
    if isinstance(symbols, tuple) and isinstance(aliases, tuple):  # immutable: safe to keep
        keep(_CLOSE, key, (symbols, aliases, list(out)), 1024)
    return out


def _close_names(
    word: str, symbols: Iterable[str], aliases: Iterable[tuple[str, str]], n: int
) -> list[str]:
    pairs = list(aliases)
    label = {s: s for s in symbols}
    for alias, symbol in pairs:
        label.setdefault(alias, f"{symbol} ({alias})")
    out: list[str] = []
    for hit in close_matches(word, label, n=n + 2):
        if label[hit] not in out and hit.upper() != word.upper():
            out.append(label[hit])
    return out[:n]
