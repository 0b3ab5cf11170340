"""One error hierarchy. Every message is one line that says what was wrong and
what would be valid; the CLI prints it and exits with status 2."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class FusionvizError(Exception):
    """Root of every error fusionviz raises on purpose."""

    exit_code = 2


class NotationError(FusionvizError):
    """A fusion could not be parsed."""


class UnknownGeneError(FusionvizError):
    """A gene symbol the annotation source does not know."""

    def __init__(self, gene: str, known: Iterable[str] = (), where: str = "") -> None:
        close = close_matches(gene, known)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        src = f" in {where}" if where else ""
        super().__init__(f"unknown gene '{gene}'{src}{hint}")
        self.gene = gene
        self.suggestions = tuple(close)


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
    """Closest spellings of ``word`` among ``candidates`` (case-insensitive)."""
    cands = list(candidates)
    upper = {c.upper(): c for c in cands}
    hits = difflib.get_close_matches(word.upper(), list(upper), n=n, cutoff=0.6)
    return [upper[h] for h in hits]
