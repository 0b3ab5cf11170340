"""The progress bar of a batch run: lines of the input file done, rate and time left.

The bar counts physical lines of the input (the rows' own line numbers), so its total
comes from counting newlines, which is fast even for a large or gzip file, instead of
parsing the file twice.
"""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

_GZIP_MAGIC = b"\x1f\x8b"


def count_lines(path: Path) -> int | None:
    """Newlines in the (decompressed) file; None when it cannot be read (the reader
    reports that)."""
    try:
        with open(path, "rb") as raw:
            gz = raw.read(2) == _GZIP_MAGIC
        opener: Any = gzip.open if gz else open
        n = 0
        with opener(path, "rb") as fh:
            while block := fh.read(1 << 20):
                n += block.count(b"\n")
        return n
    except (OSError, EOFError, gzip.BadGzipFile):
        return None


class Progress:
    """A rich progress bar on stderr (lines done, rows per second, time left), or
    nothing when not shown."""

    def __init__(self, show: bool, name: str, lines: int | None) -> None:
        self.show = show and lines is not None
        self.name = name
        self.total = lines or 0
        self._p: Any = None
        self._task: Any = None

    def __enter__(self) -> Progress:
        if self.show:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                TaskProgressColumn,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )
            from rich.progress import Progress as RichProgress

            self._p = RichProgress(
                TextColumn("{task.description}"),
                BarColumn(),
                TaskProgressColumn(),
                MofNCompleteColumn(),
                TextColumn("lines"),
                TimeElapsedColumn(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=False,
            )
            self._p.__enter__()
            self._task = self._p.add_task(f"annotating {self.name}", total=self.total)
        return self

    def at(self, line: int | None) -> None:
        """The rows up to physical line ``line`` are done."""
        if self._p is not None and line:
            self._p.update(self._task, completed=min(line, self.total))

    def __exit__(self, *exc: object) -> None:
        if self._p is not None:
            if exc[0] is None:
                self._p.update(self._task, completed=self.total)
            self._p.__exit__(*exc)
