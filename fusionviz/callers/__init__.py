"""Readers for fusion-caller output files.

``open_calls(path)`` reads the header, detects the format (STAR-Fusion family,
Arriba 1.x/2.x, FusionCatcher, generic TSV; ``format=`` overrides) and what the
file says about its genome build; ``CallerTable.rows()`` then yields, for every
data row, a :class:`~fusionviz.models.FusionRequest` (``line`` = 1-based line in
the file, ``extra`` = the caller's own fields) or a :class:`RowError` value for a
row that cannot be read, so one bad row never stops the others. A file that cannot
be read at all raises :class:`~fusionviz.errors.CallerFormatError`. Input files
are only ever opened for reading; ``.gz`` files are read transparently.
"""

from __future__ import annotations

import dataclasses
import gzip
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from fusionviz.callers import arriba, fusioncatcher, generic, star_fusion
from fusionviz.callers.base import Row, RowError, RowProblem, excerpt
from fusionviz.errors import CallerFormatError
from fusionviz.models import FusionRequest

__all__ = [
    "FORMATS",
    "CallerTable",
    "Row",
    "RowError",
    "detect_format",
    "open_calls",
]

#: format name -> reader module, in detection order
_READERS = {
    star_fusion.NAME: star_fusion,
    arriba.NAME: arriba,
    fusioncatcher.NAME: fusioncatcher,
    generic.NAME: generic,
}
FORMATS: tuple[str, ...] = tuple(_READERS)
_ALIASES = {"starfusion": "star-fusion", "star_fusion": "star-fusion", "tsv": "generic"}

_BUILD_WORDS = re.compile(r"(?<![A-Za-z0-9])(GRCh3[78]|hg19|hg38|hs37d5|b37)(?![0-9])", re.I)
_BUILD_NAMES = {"grch37": "GRCh37", "hg19": "GRCh37", "hs37d5": "GRCh37", "b37": "GRCh37"}
_BUILD_NAMES.update({"grch38": "GRCh38", "hg38": "GRCh38"})


def normalise_build(text: str) -> str | None:
    """``hg19`` / ``GRCh37`` / ``b37`` -> ``GRCh37``; ``hg38`` -> ``GRCh38``; else None."""
    m = _BUILD_WORDS.search(text or "")
    return _BUILD_NAMES.get(m.group(1).lower()) if m else None


@dataclass(frozen=True, slots=True)
class CallerTable:
    """One caller file: where it is, its format and header, and what it says about
    its build. ``build`` is None when nothing in the file or its path names one;
    ``build_evidence`` says where a stated build came from."""

    path: Path
    format: str
    caller: str
    columns: tuple[str, ...]
    header_line: int
    build: str | None
    build_evidence: str
    metadata: tuple[tuple[str, str], ...] = ()

    def rows(self) -> Iterator[Row]:
        """Every data row as a FusionRequest or a RowError, in file order."""
        reader = _READERS[self.format]
        ncol = len(self.columns)
        stated = self.build if self.build_evidence.startswith("file") else None
        with _open_text(self.path) as fh:
            for lineno, raw in enumerate(fh, start=1):
                if lineno <= self.header_line:
                    continue
                line = raw.rstrip("\r\n")
                if not line.strip() or line.startswith("#"):
                    continue
                fields = line.split("\t")
                if len(fields) < ncol and not _only_trailing_missing(fields, ncol):
                    yield RowError(
                        lineno,
                        f"row has {len(fields)} tab-separated fields, the header has {ncol}",
                        excerpt(fields),
                    )
                    continue
                row = dict(zip(self.columns, fields, strict=False))
                try:
                    if reader is generic:
                        out = generic.parse(row, lineno, self.caller, self.columns)
                    else:
                        out = reader.parse(row, lineno, self.caller)
                except RowProblem as exc:
                    yield RowError(lineno, str(exc), excerpt(fields))
                    continue
                except (KeyError, ValueError) as exc:
                    yield RowError(lineno, f"row is malformed ({exc})", excerpt(fields))
                    continue
                if stated and isinstance(out, FusionRequest):
                    out = _with_extra(out, ("build", stated))
                yield out


def _only_trailing_missing(fields: list[str], ncol: int) -> bool:
    # Some writers drop empty trailing columns; accept rows missing only the
    # optional tail (at most a quarter of the columns).
    return len(fields) >= max(1, ncol - max(1, ncol // 4))


def _with_extra(req: FusionRequest, item: tuple[str, str]) -> FusionRequest:
    if any(k == item[0] for k, _ in req.extra):
        return req
    return dataclasses.replace(req, extra=(*req.extra, item))


def _open_text(path: Path) -> io.TextIOBase:
    """Open plain or gzip-compressed text (by magic bytes, not by extension)."""
    try:
        with open(path, "rb") as fh:
            magic = fh.read(2)
    except IsADirectoryError:
        raise CallerFormatError(f"{path} is a directory, not a fusion-caller file") from None
    except OSError as exc:
        raise CallerFormatError(f"cannot read {path}: {exc.strerror or exc}") from None
    if magic == b"\x1f\x8b":
        return gzip.open(path, "rt", encoding="utf-8", errors="replace", newline="")  # type: ignore[return-value]
    return open(path, encoding="utf-8", errors="replace", newline="")


def detect_format(columns: tuple[str, ...] | list[str]) -> str | None:
    """The format whose header these columns are, or None."""
    for name, reader in _READERS.items():
        if reader.matches(columns):
            return name
    return None


def open_calls(path: str | Path, format: str | None = None) -> CallerTable:
    """Read the header of a caller file and detect its format and build.

    Raises CallerFormatError for a missing, unreadable, empty or unrecognised file
    or an unknown ``format``.
    """
    p = Path(path)
    if format is not None:
        key = _ALIASES.get(format.lower(), format.lower())
        if key not in _READERS:
            raise CallerFormatError(
                f"unknown format '{format}'; valid formats: {', '.join(FORMATS)}"
            )
        format = key
    meta: list[tuple[str, str]] = []
    header: list[str] | None = None
    header_line = 0
    try:
        with _open_text(p) as fh:
            for lineno, raw in enumerate(fh, start=1):
                if "\x00" in raw:
                    raise CallerFormatError(f"{p} is a binary file, not a fusion-caller table")
                line = raw.rstrip("\r\n")
                if not line.strip():
                    continue
                if line.startswith("##"):
                    key, _, value = line.lstrip("#").strip().partition("=")
                    if not value:
                        key, _, value = line.lstrip("#").strip().partition(":")
                    meta.append((key.strip(), value.strip()))
                    continue
                header, header_line = line.split("\t"), lineno
                break
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise CallerFormatError(f"cannot read {p}: {exc}") from None
    if header is None:
        raise CallerFormatError(f"{p} is empty: expected a header line and fusion rows")
    columns = tuple(c.strip() for c in header)
    found = format or detect_format(columns)
    if found is None:
        shown = ", ".join(columns[:6]) + (", ..." if len(columns) > 6 else "")
        raise CallerFormatError(
            f"{p.name}: header ({shown}) is not one fusionviz reads; valid formats: "
            f"{', '.join(FORMATS)} (see docs/batch.md for the generic TSV columns)"
        )
    reader = _READERS[found]
    if not reader.matches(columns):
        raise CallerFormatError(f"{p.name}: header does not have the columns of format '{found}'")
    build, evidence = _stated_build(p, meta)
    return CallerTable(
        path=p,
        format=found,
        caller=reader.caller_name(columns),
        columns=columns,
        header_line=header_line,
        build=build,
        build_evidence=evidence,
        metadata=tuple(meta),
    )


def _stated_build(path: Path, meta: list[tuple[str, str]]) -> tuple[str | None, str]:
    """The build a file states in '##' metadata or that its path names."""
    for key, value in meta:
        if key.lower() in ("build", "genome", "assembly", "genome_build", "reference"):
            b = normalise_build(value)
            if b:
                return b, f"file header '##{key}: {value}'"
    b = normalise_build(str(path.resolve()))
    if b:
        m = _BUILD_WORDS.search(str(path.resolve()))
        return b, f"path names '{m.group(1) if m else b}'"
    return None, ""
