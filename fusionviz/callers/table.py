"""Opening a caller file: finding its header (or recognising a header-less
layout), its format and stated build, and reading its rows in file order."""

from __future__ import annotations

import csv
import dataclasses
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from fusionviz.callers.base import OnTranscripts, Row, RowError, RowProblem, Unresolved, excerpt
from fusionviz.callers.lines import Capped, check_gzip, physical_lines
from fusionviz.errors import CallerFormatError
from fusionviz.models import FusionRequest

#: Lines examined for a header or a header-less layout (comment blocks, pipeline
#: preambles and the progress messages of a LongGF log come before it).
HEAD_LINES = 400

_BUILD_WORDS = re.compile(r"(?<![A-Za-z0-9])(GRCh3[78]|hg19|hg38|hs37d5|b37)(?![0-9])", re.I)
_BUILD_NAMES = {"grch37": "GRCh37", "hg19": "GRCh37", "hs37d5": "GRCh37", "b37": "GRCh37"}
_BUILD_NAMES.update({"grch38": "GRCh38", "hg38": "GRCh38"})

Resolver = Callable[["Unresolved | OnTranscripts"], "FusionRequest | RowError"]


def normalise_build(text: str) -> str | None:
    """``hg19`` / ``GRCh37`` / ``b37`` -> ``GRCh37``; ``hg38`` -> ``GRCh38``; else None."""
    m = _BUILD_WORDS.search(text or "")
    return _BUILD_NAMES.get(m.group(1).lower()) if m else None


@dataclass(frozen=True, slots=True)
class CallerTable:
    """One caller file: where it is, its format and header, and what it says about
    its build. ``build`` is None when nothing in the file or its path names one;
    ``build_evidence`` says where a stated build came from. ``header_line`` is 0
    for a header-less format. ``max_bytes`` caps how much (decompressed) text is
    read; the row at the cap says where reading stopped."""

    path: Path
    format: str
    caller: str
    columns: tuple[str, ...]
    header_line: int
    build: str | None
    build_evidence: str
    metadata: tuple[tuple[str, str], ...] = ()
    max_bytes: int | None = None

    def rows(self, resolver: Resolver | None = None) -> Iterator[Row]:
        """Every data row as a FusionRequest or a RowError, in file order.

        Rows whose 5' partner the file does not state go through ``resolver``
        (:class:`fusionviz.callers.orient.Orienter`); without one they are
        RowErrors saying that the annotation is needed to decide.
        """
        for out in self.items():
            if isinstance(out, (Unresolved, OnTranscripts)):
                out = resolver(out) if resolver else _unresolved_error(out)
            yield out

    def items(self) -> Iterator[Row | Unresolved | OnTranscripts]:
        """The rows as the reader gives them, before any 5' partner is decided."""
        from fusionviz.callers.registry import READERS

        reader = READERS[self.format]
        stated = self.build if self.build_evidence.startswith("file") else None
        lines = physical_lines(self.path, self.max_bytes)
        if getattr(reader, "KIND", "table") == "stream":
            items = _stream(reader, lines, self.caller)
        else:
            items = _table(reader, lines, self)
        for out in items:
            if stated and not isinstance(out, RowError):
                out = _with_extra(out, ("build", stated))
            yield out


def _unresolved_error(u: Unresolved | OnTranscripts) -> RowError:
    if isinstance(u, OnTranscripts):
        return RowError(u.line, "transcript coordinates need the annotation to be placed", u.text)
    return RowError(
        u.line,
        f"the 5' partner must be decided with the annotation ({u.why})",
        u.text,
    )


def _capped(c: Capped) -> RowError:
    return RowError(
        c.line,
        f"reading stopped here: the file holds more than {c.limit // (1024 * 1024)} MB of "
        "(uncompressed) text, the most accepted here; this line and the ones after it "
        "were not read",
        "",
    )


def _stream(reader: ModuleType, lines: Iterator, caller: str) -> Iterator:
    cap: list[Capped] = []

    def plain() -> Iterator[tuple[int, str]]:
        for item in lines:
            if isinstance(item, Capped):
                cap.append(item)
                return
            yield item

    yield from reader.records(plain(), caller)
    if cap:
        yield _capped(cap[0])


def split_fields(text: str, separator: str) -> list[str]:
    """Fields of one line: tab-separated, or CSV with quotes."""
    if separator == ",":
        try:
            return next(csv.reader([text]))
        except (csv.Error, StopIteration):
            return text.split(",")
    return text.split(separator)


def _table(reader: ModuleType, lines: Iterator, table: CallerTable) -> Iterator:
    sep = getattr(reader, "SEPARATOR", "\t")
    columns = table.columns
    ncol = len(columns)
    for item in lines:
        if isinstance(item, Capped):
            yield _capped(item)
            return
        lineno, line = item
        if lineno <= table.header_line or not line.strip():
            continue
        if line.startswith("#"):
            yield RowError(
                lineno,
                "line starts with '#' after the header, so it is a commented-out row, not "
                "a fusion; remove the '#' to have it annotated",
                excerpt([line[:120]]),
            )
            continue
        fields = split_fields(line, sep)
        if len(fields) < ncol and not _only_trailing_missing(fields, ncol):
            yield RowError(
                lineno,
                f"row has {len(fields)} {_sep_name(sep)}-separated fields, the header has {ncol}",
                excerpt(fields),
            )
            continue
        row = dict(zip(columns, fields, strict=False))
        try:
            yield reader.parse(row, lineno, table.caller, columns)
        except RowProblem as exc:
            yield RowError(lineno, str(exc), excerpt(fields))
        except (KeyError, ValueError, IndexError) as exc:
            yield RowError(lineno, f"row is malformed ({exc})", excerpt(fields))


def _sep_name(sep: str) -> str:
    return "comma" if sep == "," else "tab"


def _only_trailing_missing(fields: list[str], ncol: int) -> bool:
    # Some writers drop empty trailing columns; accept rows missing only the
    # optional tail (at most a quarter of the columns).
    return len(fields) >= max(1, ncol - max(1, ncol // 4))


def _with_extra(req, item: tuple[str, str]):  # noqa: ANN001, ANN202 - any row value
    if any(k == item[0] for k, _ in req.extra):
        return req
    return dataclasses.replace(req, extra=(*req.extra, item))


def _head(path: Path) -> list[tuple[int, str]]:
    head: list[tuple[int, str]] = []
    for item in physical_lines(path, 4 << 20):
        if isinstance(item, Capped):
            break
        # A VCF's '##' block (thousands of contig lines) is read whole.
        if len(head) >= HEAD_LINES and not item[1].startswith("##"):
            break
        head.append(item)
        if "\x00" in item[1]:
            from fusionviz.callers.registry import FORMATS

            raise CallerFormatError(
                f"{path.name} is a binary file, not a fusion-caller file fusionviz reads "
                f"(valid formats: {', '.join(FORMATS)})"
            )
    return head


def _meta(line: str) -> tuple[str, str] | None:
    body = line.lstrip("#").strip()
    for sep in ("=", ":"):
        key, found, value = body.partition(sep)
        if found and key.strip() and " " not in key.strip() and value.strip():
            return key.strip(), value.strip().strip("\t ")
    return None


def open_calls(
    path: str | Path, format: str | None = None, *, max_bytes: int | None = None
) -> CallerTable:
    """Read the head of a caller file and detect its format and build.

    Raises CallerFormatError for a missing, unreadable, empty, truncated (gzip) or
    unrecognised file or an unknown ``format``.
    """
    from fusionviz.callers.registry import FORMATS, READERS, canonical_format

    p = Path(path)
    wanted = canonical_format(format) if format is not None else None
    check_gzip(p, max_bytes)
    head = _head(p)
    if not any(t.strip() for _, t in head):
        raise CallerFormatError(f"{p} is empty: expected a header line and fusion rows")
    found = _find_layout(head, wanted)
    if found is None:
        if wanted:
            raise CallerFormatError(
                f"{p.name}: header does not have the columns of format '{wanted}' "
                "(nor its header-less layout)"
            )
        first = next(t for _, t in head if t.strip())
        shown = ", ".join(split_fields(first, "\t" if "\t" in first else ",")[:6])
        raise CallerFormatError(
            f"{p.name}: its first line ({shown[:100]}) is not one fusionviz reads; "
            f"valid formats: {', '.join(FORMATS)} (see docs/batch.md)"
        )
    name, columns, header_line = found
    reader = READERS[name]
    meta = [m for n, t in head if n < max(header_line, 1) and t.startswith("#") for m in [_meta(t)]]
    metadata = [m for m in meta if m]
    if getattr(reader, "KIND", "table") == "stream":
        caller = reader.sniff([t for _, t in head]) or reader.caller_name(())
        metadata += list(getattr(reader, "metadata", lambda h: [])([t for _, t in head]))
    else:
        caller = reader.caller_name(columns)
    build, evidence = _stated_build(p, metadata)
    return CallerTable(
        path=p,
        format=name,
        caller=caller,
        columns=columns,
        header_line=header_line,
        build=build,
        build_evidence=evidence,
        metadata=tuple(metadata),
        max_bytes=max_bytes,
    )


def _find_layout(
    head: list[tuple[int, str]], wanted: str | None
) -> tuple[str, tuple[str, ...], int] | None:
    """(format, header columns, header line) of the first header any table reader
    recognises, else a stream reader whose layout the head has."""
    from fusionviz.callers.registry import READERS

    tables = [(n, r) for n, r in READERS.items() if getattr(r, "KIND", "table") == "table"]
    streams = [(n, r) for n, r in READERS.items() if getattr(r, "KIND", "table") == "stream"]
    if wanted:
        tables = [(n, r) for n, r in tables if n == wanted]
        streams = [(n, r) for n, r in streams if n == wanted]
    texts = [t for _, t in head]
    # A VCF says so on its first line; nothing else is tried on it.
    for n, r in streams:
        if getattr(r, "FIRST", False) and r.sniff(texts):
            return n, (), 0
    generic = [(n, r) for n, r in tables if n == "generic"]
    tables = [(n, r) for n, r in tables if n != "generic"]
    found = _header(head, tables)
    if found:
        return found
    for n, r in streams:
        if not getattr(r, "FIRST", False) and r.sniff(texts):
            return n, (), 0
    return _header(head, generic)


def _header(head: list[tuple[int, str]], tables: list) -> tuple[str, tuple[str, ...], int] | None:
    for lineno, text in head:
        if not text.strip() or text.startswith("##"):
            continue
        for n, r in tables:
            sep = getattr(r, "SEPARATOR", "\t")
            cols = tuple(c.strip() for c in split_fields(text, sep))
            if r.matches(cols):
                return n, cols, lineno
    return None


def _stated_build(path: Path, meta: Sequence[tuple[str, str]]) -> tuple[str | None, str]:
    """The build a file states in '#' metadata or that its path names."""
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
