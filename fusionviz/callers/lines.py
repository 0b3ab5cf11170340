"""Physical lines of a caller file, numbered as an editor numbers them.

A line ends with LF; a CR right before the LF belongs to the ending (CRLF files).
A CR anywhere else is part of the line, so a stray CR inside a row neither splits
the row nor shifts the numbers of later lines. A file with CR endings and no LF at
all (classic Mac) is split at its CRs. gzip is detected from the content; a
truncated or corrupt gzip file is a :class:`~fusionviz.errors.CallerFormatError`
that says where the data ends, never a traceback.
"""

from __future__ import annotations

import codecs
import gzip
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from fusionviz.errors import CallerFormatError

_CHUNK = 1 << 16
_GZIP_ERRORS = (EOFError, gzip.BadGzipFile, zlib.error, OSError)


@dataclass(frozen=True, slots=True)
class Capped:
    """Where reading stopped because the file is larger than the cap."""

    line: int
    limit: int


def is_gzip(path: Path) -> bool:
    """True when the file starts with the gzip magic bytes."""
    try:
        with open(path, "rb") as fh:
            return fh.read(2) == b"\x1f\x8b"
    except IsADirectoryError:
        raise CallerFormatError(f"{path} is a directory, not a fusion-caller file") from None
    except OSError as exc:
        raise CallerFormatError(f"cannot read {path}: {exc.strerror or exc}") from None


def _open(path: Path) -> BinaryIO:
    if is_gzip(path):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")


def _corrupt(path: Path, line: int, exc: BaseException) -> CallerFormatError:
    what = "truncated" if isinstance(exc, EOFError) else "corrupt"
    return CallerFormatError(
        f"{path.name} is a {what} gzip file: its data ends inside line {line} "
        f"({exc}); nothing was annotated - copy or compress the file again"
    )


def check_gzip(path: Path, limit: int | None = None) -> None:
    """Decompress the whole file (up to ``limit`` bytes) once, so that a truncated
    or corrupt gzip is refused before any row is annotated or any output written."""
    if not is_gzip(path):
        return
    lines = 1
    size = 0
    try:
        with gzip.open(path, "rb") as fh:
            while chunk := fh.read(_CHUNK):
                size += len(chunk)
                lines += chunk.count(b"\n")
                if limit is not None and size > limit:
                    return
    except _GZIP_ERRORS as exc:
        raise _corrupt(path, lines, exc) from None


def physical_lines(path: Path, limit: int | None = None) -> Iterator[tuple[int, str] | Capped]:
    """``(line number, text without its ending)`` for every line of the file.

    With ``limit`` (decompressed bytes), reading stops once that many bytes were
    read and a :class:`Capped` marker with the next line number is yielded.
    """
    number = 0
    size = 0
    rest = ""
    sep: str | None = None
    # Incremental decoding: a UTF-8 character split across two chunks stays whole.
    decode = codecs.getincrementaldecoder("utf-8")(errors="replace").decode
    try:
        with _open(path) as fh:
            while chunk := fh.read(_CHUNK):
                size += len(chunk)
                if sep is None:
                    sep = "\n" if (b"\n" in chunk or b"\r" not in chunk) else "\r"
                parts = (rest + decode(chunk)).split(sep)
                rest = parts.pop()
                for raw in parts:
                    number += 1
                    yield number, raw[:-1] if raw.endswith("\r") else raw
                if limit is not None and size > limit:
                    yield Capped(number + 1, limit)
                    return
            rest += decode(b"", True)
    except _GZIP_ERRORS as exc:
        plain_os_error = isinstance(exc, OSError) and not isinstance(exc, gzip.BadGzipFile)
        if plain_os_error and not is_gzip(path):
            raise CallerFormatError(f"cannot read {path}: {exc.strerror or exc}") from None
        raise _corrupt(path, number + 1, exc) from None
    if rest:
        yield number + 1, rest[:-1] if rest.endswith("\r") else rest
