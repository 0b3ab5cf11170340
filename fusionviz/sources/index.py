"""The one-time SQLite index of a bundle (written once per bundle into the user cache).

Rows are stored as JSON lists keyed for every lookup the reader makes; the loci table (every
GENCODE gene, any biotype) also keeps its spans as integer columns, with the longest gene span
in ``meta`` so that "genes covering a base" is one range scan on ``(contig, start)``.
"""

from __future__ import annotations

import gzip
import json
import os
import shlex
import sqlite3
import tempfile
import threading
import weakref
from collections.abc import Callable, Iterator
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from fusionviz.errors import AnnotationDataError

# Bump when the index layout changes, so caches written by another fusionviz are not reused.
INDEX_LAYOUT = 3
#: Steps of :func:`fill_index` (for the progress bar).
INDEX_STEPS = 5


#: Joins a row's fields in the index (a control character no bundle field contains).
FIELD_SEP = "\x1f"


def pack(fields: list[str]) -> str:
    """One stored row: fields joined by :data:`FIELD_SEP` (far faster than JSON)."""
    return FIELD_SEP.join(fields)


def unpack(data: str) -> list[str]:
    return data.split(FIELD_SEP)


def _tsv_rows(data: bytes) -> Iterator[list[str]]:
    """Rows of a bundle TSV (csv QUOTE_NONE with backslash escapes), header first. Files
    without any escape (all of them, as written today) are split directly."""
    import csv
    import io

    text = gzip.decompress(data).decode()
    if "\\" not in text and FIELD_SEP not in text:
        for line in text.splitlines():
            if line:
                yield line.split("\t")
        return
    yield from csv.reader(
        io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\"
    )


def cache_root() -> Path:
    """Where one-time indexes go: ``$FUSIONVIZ_CACHE_DIR`` or the user cache directory."""
    env = os.environ.get("FUSIONVIZ_CACHE_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("fusionviz"))


def fill_index(db: sqlite3.Connection, read: Any, root: Traversable, step: Any) -> None:
    """Tables of the one-time index: rows as JSON lists, keyed for every lookup."""
    # The index is written to a temporary file and renamed into place when complete, so
    # durability of each statement is not needed.
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    db.executescript(
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
        CREATE TABLE genes (up TEXT PRIMARY KEY, gene TEXT, contig TEXT, start INT, end INT);
        CREATE INDEX genes_locus ON genes (contig, start);
        CREATE TABLE tx (ord INT, gene_up TEXT, name_up TEXT, enst_up TEXT, refseq_up TEXT,
                         data TEXT);
        CREATE TABLE dom (ord INT, target TEXT, data TEXT);
        CREATE TABLE prot (key TEXT PRIMARY KEY, meta TEXT, seq TEXT);
        CREATE TABLE cdna (key TEXT PRIMARY KEY, seq TEXT);
        """
    )
    _fill_genes(db, read)
    step()
    _fill_transcripts(db, read)
    step()
    _fill_domains(db, read)
    step()
    if root.joinpath("proteins.fa.gz").is_file():
        text = gzip.decompress(read("proteins.fa.gz")).decode()
        for head, seq in fasta_records(text):
            key, *rest = shlex.split(head)
            meta = dict(kv.split("=", 1) for kv in rest)
            db.execute("INSERT OR REPLACE INTO prot VALUES (?, ?, ?)", (key, json.dumps(meta), seq))
    step()
    if root.joinpath("cdna.fa.gz").is_file():
        text = gzip.decompress(read("cdna.fa.gz")).decode()
        for head, seq in fasta_records(text):
            db.execute("INSERT OR REPLACE INTO cdna VALUES (?, ?)", (shlex.split(head)[0], seq))
    _fill_loci(db, read, root)
    db.commit()
    step()


def _fill_genes(db: sqlite3.Connection, read: Any) -> None:
    """``genes``: each gene's span, keyed by its upper-case symbol."""
    genes = _tsv_rows(read("genes.tsv.gz"))
    cols = next(genes)
    i = {c: n for n, c in enumerate(cols)}
    db.executemany(
        "INSERT OR REPLACE INTO genes VALUES (?, ?, ?, ?, ?)",
        (
            (
                g[i["gene"]].upper(),
                g[i["gene"]],
                g[i["contig"]],
                int(g[i["start"]]),
                int(g[i["end"]]),
            )
            for g in genes
        ),
    )


def _fill_transcripts(db: sqlite3.Connection, read: Any) -> None:
    """``tx``: transcript rows keyed by gene, name, ENST and RefSeq (versions dropped)."""
    rows = _tsv_rows(read("transcripts.tsv.gz"))
    cols = next(rows)
    db.execute("INSERT INTO meta VALUES ('columns:transcripts', ?)", (json.dumps(cols),))
    i = {c: n for n, c in enumerate(cols)}

    def tx_rows():
        for n, r in enumerate(rows):
            enst = r[i["transcript_id"]].split(".")[0].upper()
            refseq = r[i["refseq"]].split(".")[0].upper()
            yield (
                n,
                r[i["gene"]].upper(),
                r[i["transcript_name"]].upper(),
                enst or None,
                refseq or None,
                pack(r),
            )

    db.executemany("INSERT INTO tx VALUES (?, ?, ?, ?, ?, ?)", tx_rows())
    db.executescript(
        """
        CREATE INDEX tx_gene ON tx (gene_up);
        CREATE INDEX tx_name ON tx (name_up);
        CREATE INDEX tx_enst ON tx (enst_up);
        CREATE INDEX tx_refseq ON tx (refseq_up);
        """
    )


def _fill_domains(db: sqlite3.Connection, read: Any) -> None:
    """``dom``: domain rows keyed by their target (transcript or UniProt accession)."""
    doms = _tsv_rows(read("domains.tsv.gz"))
    cols = next(doms)
    db.execute("INSERT INTO meta VALUES ('columns:domains', ?)", (json.dumps(cols),))
    t = cols.index("target")
    db.executemany(
        "INSERT INTO dom VALUES (?, ?, ?)", ((n, d[t], pack(d)) for n, d in enumerate(doms))
    )
    db.execute("CREATE INDEX dom_target ON dom (target)")


def _fill_loci(db: sqlite3.Connection, read: Any, root: Traversable) -> None:
    """``loci`` (spans of every gene) and ``aliases`` (other names); empty in an older bundle."""
    db.executescript(
        """
        CREATE TABLE loci (symbol_up TEXT, symbol TEXT, gene_id TEXT, biotype TEXT, contig TEXT,
                           start INT, end INT, strand TEXT, description TEXT);
        CREATE TABLE aliases (alias_up TEXT, alias TEXT, symbol TEXT, kind TEXT, source TEXT);
        """
    )
    longest = 0
    if root.joinpath("loci.tsv.gz").is_file():
        rows = _tsv_rows(read("loci.tsv.gz"))
        cols = next(rows)
        i = {c: n for n, c in enumerate(cols)}
        batch = []
        for r in rows:
            start, end = int(r[i["start"]]), int(r[i["end"]])
            longest = max(longest, end - start + 1)
            batch.append(
                (
                    r[i["symbol"]].upper(),
                    r[i["symbol"]],
                    r[i["gene_id"]],
                    r[i["biotype"]],
                    r[i["contig"]],
                    start,
                    end,
                    r[i["strand"]],
                    r[i["description"]],
                )
            )
        db.executemany("INSERT INTO loci VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", batch)
    if root.joinpath("aliases.tsv.gz").is_file():
        rows = _tsv_rows(read("aliases.tsv.gz"))
        next(rows)
        db.executemany(
            "INSERT INTO aliases VALUES (?, ?, ?, ?, ?)",
            ((a.upper(), a, s, k, src) for a, s, k, src in rows),
        )
    db.execute("INSERT INTO meta VALUES ('longest_locus', ?)", (str(longest),))
    db.executescript(
        """
        CREATE INDEX loci_pos ON loci (contig, start);
        CREATE INDEX loci_end ON loci (contig, end);
        CREATE INDEX loci_symbol ON loci (symbol_up);
        CREATE INDEX loci_gene ON loci (gene_id);
        CREATE INDEX aliases_up ON aliases (alias_up);
        CREATE INDEX aliases_symbol ON aliases (symbol);
        """
    )


def fasta_records(text: str) -> Iterator[tuple[str, str]]:
    head, seq = None, []
    for line in text.splitlines():
        if line.startswith(">"):
            if head is not None:
                yield head, "".join(seq)
            head, seq = line[1:], []
        elif line:
            seq.append(line.strip())
    if head is not None:
        yield head, "".join(seq)


def write_index(path: Path, label: str, read: Any, root: Traversable) -> None:
    """Write the index atomically (temporary file, renamed when complete), with a progress bar."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".sqlite")
        os.close(fd)
    except OSError as e:
        raise AnnotationDataError(
            f"cannot write the annotation index to {path.parent} ({e.strerror}); set "
            "FUSIONVIZ_CACHE_DIR to a writable folder"
        ) from e
    from rich.console import Console
    from rich.progress import Progress

    try:
        # stderr: stdout carries the command's output (JSON, TSV), even on first use.
        with Progress(console=Console(stderr=True), transient=True) as bar:
            task = bar.add_task(
                f"fusionviz: indexing {label} once, into {path.parent}",
                total=INDEX_STEPS,
            )
            db = sqlite3.connect(tmp)
            fill_index(db, read, root, lambda: bar.advance(task))
            db.close()
        os.chmod(tmp, 0o644)  # mkstemp creates 0600; a shared cache should stay readable
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


class IndexConnection:
    """The read-only connection to one index file, opened on first use (the index is
    written first if missing; an unreadable file is rebuilt once). One connection is
    shared by every thread (the web server): queries are serialised. In a forked child
    (batch workers) the connection is opened again: SQLite connections must not cross
    fork(); the inherited one is kept, unused and never closed."""

    def __init__(self, path_of: Callable[[], Path], write: Callable[[Path], None]) -> None:
        self._path_of, self._write = path_of, write
        self._lock = threading.RLock()
        self._db: sqlite3.Connection | None = None
        self._inherited: list[sqlite3.Connection] = []
        _CONNECTIONS.add(self)

    def query(self, sql: str, params: tuple = ()) -> list[tuple]:
        with self._lock:
            return self._connection().execute(sql, params).fetchall()

    def _connection(self) -> sqlite3.Connection:
        if self._db is None:
            path = self._path_of()
            for attempt in (1, 2):
                if not path.is_file():
                    self._write(path)
                uri = f"{path.as_uri()}?mode=ro"
                db = sqlite3.connect(uri, uri=True, check_same_thread=False)
                try:
                    db.execute("SELECT count(*) FROM meta").fetchone()
                except sqlite3.DatabaseError:
                    # A truncated or foreign file in the cache: rebuild it once.
                    db.close()
                    if attempt == 2:
                        raise AnnotationDataError(
                            f"the annotation index {path} is unreadable; delete it or set "
                            "FUSIONVIZ_CACHE_DIR to another folder"
                        ) from None
                    path.unlink(missing_ok=True)
                    continue
                self._db = db
                break
        return self._db  # type: ignore[return-value]

    def after_fork(self) -> None:
        if self._db is not None:
            self._inherited.append(self._db)
        self._db = None
        self._lock = threading.RLock()


_CONNECTIONS: weakref.WeakSet[IndexConnection] = weakref.WeakSet()


def _reopen_after_fork() -> None:
    for conn in list(_CONNECTIONS):
        conn.after_fork()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_reopen_after_fork)
