"""The embedded annotation bundle as an :class:`~fusionviz.sources.base.AnnotationSource`.

The bundle (``annotations/``, installed as ``fusionviz_annotations``) holds gzip TSVs written
by :mod:`fusionviz.sources.build`. Small tables (genes, transcript identifiers, domains,
proteins) are read directly; transcript *structures* are answered through pyensembl: on first
use a GTF generated from ``transcripts.tsv.gz`` is written to the user cache directory
(``$FUSIONVIZ_CACHE_DIR`` or ``platformdirs.user_cache_dir("fusionviz")``), keyed by bundle
name, version and content hash, and indexed once by ``pyensembl.Genome``. Nothing is written
inside the installed package.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import logging
import os
import shlex
import tempfile
import threading
from collections import defaultdict
from collections.abc import Iterator
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from fusionviz.errors import AnnotationDataError, UnknownGeneError, UnknownTranscriptError
from fusionviz.models import Domain, ProteinSequence, SourceInfo, Transcript, normalise_contig

REQUIRED_FILES = ("manifest.json", "genes.tsv.gz", "transcripts.tsv.gz", "domains.tsv.gz")
SUPPORTED_FORMAT = 1
# Bump when gtf_lines() changes, so caches written by another fusionviz are not reused.
GTF_LAYOUT = 1


class _Row(dict):
    """One ``transcripts.tsv.gz`` row (column name -> text)."""

    @property
    def internal_id(self) -> str:
        """The id used inside the generated GTF: the ENST without version, else the name."""
        return self["transcript_id"].split(".")[0] if self["transcript_id"] else self.name

    @property
    def name(self) -> str:
        return self["transcript_name"]


def _read_tsv_gz(data: bytes) -> list[dict[str, str]]:
    text = gzip.decompress(data).decode()
    return list(
        csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\")
    )


def cache_root() -> Path:
    """Where one-time indexes go: ``$FUSIONVIZ_CACHE_DIR`` or the user cache directory."""
    env = os.environ.get("FUSIONVIZ_CACHE_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("fusionviz"))


class BundledSource:
    """Annotation source over a bundle folder (the installed one by default).

    Lookups are case-insensitive for gene symbols and transcript names. Converted
    :class:`Transcript` objects, domains and sequences are cached in memory.
    """

    def __init__(self, bundle: Traversable | Path | str, cache_dir: Path | None = None) -> None:
        self._root: Traversable = Path(bundle) if isinstance(bundle, str | Path) else bundle
        for name in REQUIRED_FILES:
            if not self._root.joinpath(name).is_file():
                raise AnnotationDataError(
                    f"annotation bundle at {self._root} lacks {name}; rebuild it with "
                    "'python -m fusionviz.sources.build --upstream ../shared/upstream --out DIR'"
                )
        self.manifest: dict[str, Any] = json.loads(self._read("manifest.json"))
        fmt = self.manifest.get("format_version")
        if fmt != SUPPORTED_FORMAT:
            raise AnnotationDataError(
                f"annotation bundle format {fmt} is not supported (this fusionviz reads format "
                f"{SUPPORTED_FORMAT}); install a matching fusionviz or rebuild the bundle"
            )
        self.name: str = self.manifest["name"]
        self.version: str = self.manifest["version"]
        self._cache_dir = cache_dir
        self._lock = threading.RLock()
        self._genome: Any = None
        self._models: dict[str, Transcript] = {}
        self._domain_cache: dict[tuple, tuple[Domain, ...]] = {}
        self._cdna: dict[str, str] | None = None
        self._domain_rows: dict[str, list[dict[str, str]]] | None = None
        self._proteins: dict[str, tuple[dict[str, str], str]] | None = None
        self._genes = {r["gene"].upper(): r for r in _read_tsv_gz(self._read_bytes("genes.tsv.gz"))}
        self._rows: list[_Row] = [
            _Row(r) for r in _read_tsv_gz(self._read_bytes("transcripts.tsv.gz"))
        ]
        self._by_gene: dict[str, list[_Row]] = defaultdict(list)
        self._by_enst: dict[str, _Row] = {}
        self._by_name: dict[str, _Row] = {}
        self._by_refseq: dict[str, _Row] = {}
        self._by_internal: dict[str, _Row] = {}
        for r in self._rows:
            self._by_gene[r["gene"].upper()].append(r)
            self._by_name[r.name.upper()] = r
            self._by_internal[r.internal_id] = r
            if r["transcript_id"]:
                self._by_enst[r["transcript_id"].split(".")[0].upper()] = r
            if r["refseq"]:
                self._by_refseq[r["refseq"].split(".")[0].upper()] = r
        for rows in self._by_gene.values():
            rows.sort(key=lambda r: "MANE_Select" not in r["tags"])  # stable: MANE first

    # ------------------------------------------------------------------ files
    def _read_bytes(self, name: str) -> bytes:
        return self._root.joinpath(name).read_bytes()

    def _read(self, name: str) -> str:
        return self._read_bytes(name).decode()

    @property
    def where(self) -> str:
        return f"bundle {self.name} {self.version} (Ensembl {self.manifest['ensembl_release']})"

    # ------------------------------------------------------------------ protocol
    def provenance(self) -> tuple[SourceInfo, ...]:
        """The bundle (Ensembl release / GENCODE) and each annotation database with version."""
        m = self.manifest
        out = [
            SourceInfo(
                name=self.name,
                version=self.version,
                details=(
                    ("genome_build", m["genome_build"]),
                    ("ensembl_release", m["ensembl_release"]),
                    ("gencode", m["gencode"]),
                    ("format_version", str(m["format_version"])),
                ),
            )
        ]
        for s in m["sources"]:
            out.append(
                SourceInfo(name=s["name"], version=s["version"], details=(("via", s["via"]),))
            )
        return tuple(out)

    def gene_symbols(self) -> tuple[str, ...]:
        return tuple(sorted(r["gene"] for r in self._genes.values()))

    def has_gene(self, gene: str) -> bool:
        return gene.strip().upper() in self._genes

    def transcripts(self, gene: str) -> tuple[Transcript, ...]:
        """Every transcript of ``gene``, MANE Select first."""
        return tuple(self._model(r) for r in self._gene_rows(gene))

    def default_transcript(self, gene: str) -> Transcript:
        rows = self._gene_rows(gene)
        for tag in ("MANE_Select", "Ensembl_canonical"):
            for r in rows:
                if tag in r["tags"].split(","):
                    return self._model(r)
        return self._model(rows[0])

    def transcript(self, identifier: str, gene: str | None = None) -> Transcript:
        """ENST (with/without version), Ensembl name (HMBOX1-203) or RefSeq NM_ (MANE pairs)."""
        if gene is not None:
            self._gene_rows(gene)  # raises UnknownGeneError
        row = self._find_row(identifier.strip(), gene)
        if gene is not None and row["gene"].upper() != gene.strip().upper():
            raise UnknownTranscriptError(
                f"transcript '{identifier}' is {row.name} of {row['gene']}, not of {gene}; "
                f"transcripts of {self._genes[gene.strip().upper()]['gene']}: "
                f"{self._list_ids(gene)}"
            )
        return self._model(row)

    def domains(self, transcript: Transcript) -> tuple[Domain, ...]:
        """Features of ``transcript``'s protein; empty unless a source describes a protein of
        exactly this length (CDS/3 - 1)."""
        key = (transcript.name, transcript.uniprot, transcript.cds, transcript.exons)
        cached = self._domain_cache.get(key)
        if cached is None:
            cached = self._domain_cache[key] = self._find_domains(transcript)
        return cached

    def _find_domains(self, transcript: Transcript) -> tuple[Domain, ...]:
        row = self._row_of(transcript)
        if row is None or transcript.cds is None:
            return ()
        plen = _protein_length(transcript)
        rows = self._load_domain_rows()
        picked: list[dict[str, str]] = []
        if transcript.uniprot:
            picked += rows.get(f"uniprot:{transcript.uniprot}", [])
        own = rows.get(f"transcript:{row.name}", [])
        if not own:
            # Same coding exons = same protein: use a sibling's ideogram row.
            segs = _coding_segments(transcript)
            for sib in self._by_gene[row["gene"].upper()]:
                if sib is row or f"transcript:{sib.name}" not in rows or not sib["cds_low"]:
                    continue
                if _row_coding_segments(sib) == segs:
                    own = rows[f"transcript:{sib.name}"]
                    break
        picked += own
        out = [
            Domain(
                name=d["name"],
                start=int(d["start"]),
                end=int(d["end"]),
                source=d["source"],
                kind=d["kind"],
                accession=d["accession"] or None,
                description=d["description"],
            )
            for d in picked
            if int(d["protein_length"]) == plen
        ]
        return tuple(sorted(out, key=lambda d: (d.start, d.end, d.source, d.name)))

    def protein_sequence(self, transcript: Transcript) -> ProteinSequence | None:
        """UniProt sequence when its length matches; else a partial one (X = unknown)."""
        if transcript.cds is None:
            return None
        plen = _protein_length(transcript)
        prots = self._load_proteins()
        keys = []
        if transcript.uniprot:
            keys.append(f"uniprot:{transcript.uniprot}")
        if transcript.transcript_id:
            keys.append(f"partial:{transcript.transcript_id}")
        for k in keys:
            if k in prots:
                meta, seq = prots[k]
                if int(meta["length"]) == plen == len(seq):
                    return ProteinSequence(
                        sequence=seq,
                        source=meta["source"],
                        complete=meta["complete"] == "yes",
                        note=meta.get("note", ""),
                    )
        return None

    def cdna_sequence(self, transcript: Transcript) -> str | None:
        """The spliced transcript sequence when the bundle has one that matches this transcript
        exactly (none in the panel bundle: see its PROVENANCE.md)."""
        if self._cdna is None:
            self._cdna = {}
            if self._root.joinpath("cdna.fa.gz").is_file():
                text = gzip.decompress(self._read_bytes("cdna.fa.gz")).decode()
                for head, seq in _fasta(text):
                    self._cdna[shlex.split(head)[0]] = seq
        seq = self._cdna.get(transcript.transcript_id or "")
        exon_total = sum(e.length for e in transcript.exons)
        return seq if seq is not None and len(seq) == exon_total else None

    def genes_at(self, contig: str, position: int) -> tuple[str, ...]:
        """Symbols of bundle genes whose span (any transcript) covers contig:position."""
        genome = self._pyensembl()
        with self._lock:
            names = genome.gene_names_at_locus(normalise_contig(contig), int(position))
        known = {n.upper() for n in names} & set(self._genes)
        return tuple(sorted(self._genes[k]["gene"] for k in known))

    # ------------------------------------------------------------------ lookups
    def _gene_rows(self, gene: str) -> list[_Row]:
        rows = self._by_gene.get(gene.strip().upper())
        if not rows:
            raise UnknownGeneError(gene, self.gene_symbols(), where=self.where)
        return rows

    def _list_ids(self, gene: str) -> str:
        return ", ".join(
            f"{r['transcript_id']} ({r.name})" if r["transcript_id"] else r.name
            for r in self._gene_rows(gene)
        )

    def _find_row(self, ident: str, gene: str | None) -> _Row:
        up = ident.upper()
        acc, _, ver = up.partition(".")
        if up.startswith("ENST"):
            row = self._by_enst.get(acc)
            if row is None:
                raise UnknownTranscriptError(self._unknown(ident, gene))
            have = row["transcript_id"]
            aliases = [a.upper() for a in row["aliases"].split(",") if a]
            if ver and "." in have and have.upper() != up:
                raise UnknownTranscriptError(
                    f"transcript '{ident}' is not in {self.where}: it has {have} ({row.name}); "
                    f"give {have} or {acc} without version"
                )
            if ver and "." not in have and up not in aliases:
                known = (
                    f" (its exons equal {', '.join(row['aliases'].split(','))})" if aliases else ""
                )
                raise UnknownTranscriptError(
                    f"transcript '{ident}': {self.where} knows {have} ({row.name}) without an "
                    f"Ensembl {self.manifest['ensembl_release']} version{known}; give {have}"
                )
            return row
        if up.startswith(("NM_", "NR_")):
            row = self._by_refseq.get(acc)
            if row is None:
                pairs = ", ".join(
                    f"{r['refseq']}={r['transcript_id']}"
                    for r in (gene and self._gene_rows(gene) or [])
                    if r["refseq"]
                )
                hint = f"; it maps {pairs}" if pairs else ""
                raise UnknownTranscriptError(
                    f"RefSeq '{ident}' has no Ensembl equivalent in {self.where} (only MANE "
                    f"Select pairs are mapped){hint}; give an ENST id or transcript name instead"
                )
            have = row["refseq"]
            if ver and "." in have and have.upper() != up:
                raise UnknownTranscriptError(
                    f"RefSeq '{ident}' is not in {self.where}: it maps {have} to "
                    f"{row['transcript_id']} ({row.name}, MANE Select); give {have} or {acc}"
                )
            return row
        row = self._by_name.get(up)
        if row is None:
            raise UnknownTranscriptError(self._unknown(ident, gene))
        return row

    def _unknown(self, ident: str, gene: str | None) -> str:
        if gene is not None:
            return (
                f"unknown transcript '{ident}' in {self.where}; transcripts of "
                f"{self._genes[gene.strip().upper()]['gene']}: {self._list_ids(gene)}"
            )
        from fusionviz.errors import close_matches

        names = [r.name for r in self._rows]
        close = [] if ident.upper().startswith("ENS") else close_matches(ident, names, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        return (
            f"unknown transcript '{ident}' in {self.where} (give an ENST id, a name like "
            f"ALK-201 or a MANE RefSeq NM_){hint}"
        )

    def _row_of(self, t: Transcript) -> _Row | None:
        row = self._by_name.get(t.name.upper())
        if row is not None and row["gene"] == t.gene:
            return row
        if t.transcript_id:
            return self._by_enst.get(t.transcript_id.split(".")[0].upper())
        return None

    # ------------------------------------------------------------------ models
    def _model(self, row: _Row) -> Transcript:
        key = row.internal_id
        model = self._models.get(key)
        if model is None:
            from fusionviz.sources.ensembl import transcript_from_pyensembl

            tags = row["tags"].split(",")
            ids = tuple(i or None for i in row["exon_ids"].split(",")) if row["exon_ids"] else None
            genome = self._pyensembl()
            # One sqlite connection is shared by every thread (web server): serialise queries.
            with self._lock:
                pt = genome.transcript_by_id(key)
                model = transcript_from_pyensembl(
                    pt,
                    gene=row["gene"],
                    name=row.name,
                    transcript_id=row["transcript_id"] or None,
                    gene_id=row["gene_id"] or None,
                    exon_ids=ids if ids and len(ids) == len(pt.exons) else None,
                    is_mane_select="MANE_Select" in tags,
                    is_canonical="Ensembl_canonical" in tags,
                    refseq=row["refseq"] or None,
                    protein_id=row["protein_id"] or None,
                    uniprot=row["uniprot"] or None,
                    source=f"{self.name} {self.version}: {row['source']}",
                )
            self._models[key] = model
        return model

    def _load_domain_rows(self) -> dict[str, list[dict[str, str]]]:
        if self._domain_rows is None:
            rows: dict[str, list[dict[str, str]]] = defaultdict(list)
            for d in _read_tsv_gz(self._read_bytes("domains.tsv.gz")):
                rows[d["target"]].append(d)
            self._domain_rows = dict(rows)
        return self._domain_rows

    def _load_proteins(self) -> dict[str, tuple[dict[str, str], str]]:
        if self._proteins is None:
            out: dict[str, tuple[dict[str, str], str]] = {}
            if self._root.joinpath("proteins.fa.gz").is_file():
                text = gzip.decompress(self._read_bytes("proteins.fa.gz")).decode()
                for head, seq in _fasta(text):
                    key, *rest = shlex.split(head)
                    out[key] = (dict(kv.split("=", 1) for kv in rest), seq)
            self._proteins = out
        return self._proteins

    # ------------------------------------------------------------------ pyensembl
    def _pyensembl(self) -> Any:
        """The pyensembl Genome over the generated GTF, indexed once per bundle version."""
        with self._lock:
            if self._genome is None:
                self._genome = self._open_genome()
            return self._genome

    def index_dir(self) -> Path:
        """Cache folder of this bundle's generated GTF and pyensembl index."""
        sha = self.manifest["files"]["transcripts.tsv.gz"][:12]
        root = self._cache_dir or cache_root()
        return root / f"{self.name}-{self.version}-{sha}-g{GTF_LAYOUT}"

    def _open_genome(self) -> Any:
        logging.getLogger("pyensembl").setLevel(logging.WARNING)
        import pyensembl

        folder = self.index_dir()
        gtf = folder / "bundle.gtf"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            if not gtf.is_file():
                _atomic_write(gtf, "".join(gtf_lines(self._rows)))
        except OSError as e:
            raise AnnotationDataError(
                f"cannot write the annotation index to {folder} ({e.strerror}); set "
                "FUSIONVIZ_CACHE_DIR to a writable folder"
            ) from e
        genome = pyensembl.Genome(
            reference_name=self.manifest["genome_build"],
            annotation_name=folder.name,
            annotation_version=self.manifest["ensembl_release"],
            gtf_path_or_url=str(gtf),
            cache_directory_path=str(folder),
        )
        try:
            genome.db.connection  # noqa: B018 - raises ValueError when not yet indexed
        except ValueError:
            from rich.console import Console

            console = Console(stderr=True)
            with console.status(
                f"[bold]fusionviz[/]: indexing annotation bundle {self.name} {self.version} "
                f"(one time, into {folder})"
            ):
                genome.index()
        return genome


def _atomic_write(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".gtf")
    with os.fdopen(fd, "w") as fh:
        fh.write(text)
    os.chmod(tmp, 0o644)  # mkstemp creates 0600; a shared cache should stay readable
    os.replace(tmp, path)


def _fasta(text: str) -> Iterator[tuple[str, str]]:
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


def _coding_segments(t: Transcript) -> tuple[tuple[int, int], ...]:
    if t.cds is None:
        return ()
    lo, hi = t.cds
    return tuple(
        (max(e.start, lo), min(e.end, hi)) for e in t.exons if max(e.start, lo) <= min(e.end, hi)
    )


def _row_coding_segments(r: _Row) -> tuple[tuple[int, int], ...]:
    lo, hi = int(r["cds_low"]), int(r["cds_high"])
    starts = [int(x) for x in r["exon_starts"].split(",")]
    ends = [int(x) for x in r["exon_ends"].split(",")]
    return tuple(
        (max(s, lo), min(e, hi))
        for s, e in zip(starts, ends, strict=True)
        if max(s, lo) <= min(e, hi)
    )


def _protein_length(t: Transcript) -> int:
    return sum(b - a + 1 for a, b in _coding_segments(t)) // 3 - 1


# ---------------------------------------------------------------------- GTF generation


def _attrs(pairs: list[tuple[str, str]]) -> str:
    return " ".join(f'{k} "{v}";' for k, v in pairs)


def gtf_lines(rows: list[_Row]) -> Iterator[str]:
    """An Ensembl-style GTF for pyensembl: CDS rows exclude the stop codon, which gets its own
    ``stop_codon`` row (as in Ensembl GTFs). Transcripts without an ENST use their name as
    ``transcript_id``; exons without an ENSE id get ``<name>:<n>``."""
    by_gene: dict[str, list[_Row]] = defaultdict(list)
    for r in rows:
        by_gene[r["gene"]].append(r)
    yield "#!genome-build GRCh38\n#!generated from a fusionviz annotation bundle\n"
    for gene in sorted(by_gene):
        rs = by_gene[gene]
        gid, gver = _split_version(rs[0]["gene_id"] or f"{gene}")
        contig, strand = rs[0]["contig"], rs[0]["strand"]
        lo = min(int(x) for r in rs for x in r["exon_starts"].split(","))
        hi = max(int(x) for r in rs for x in r["exon_ends"].split(","))
        gattrs = [("gene_id", gid)] + ([("gene_version", gver)] if gver else [])
        gattrs += [("gene_name", gene), ("gene_biotype", "protein_coding")]
        yield _gtf(contig, "gene", lo, hi, strand, ".", gattrs)
        for r in rs:
            tid = r.internal_id
            _, tver = _split_version(r["transcript_id"])
            starts = [int(x) for x in r["exon_starts"].split(",")]
            ends = [int(x) for x in r["exon_ends"].split(",")]
            tattrs = gattrs[:-1] + [("transcript_id", tid)]
            tattrs += [("transcript_version", tver)] if tver else []
            tattrs += [("transcript_name", r.name), ("transcript_biotype", r["biotype"])]
            yield _gtf(contig, "transcript", min(starts), max(ends), strand, ".", tattrs)
            # Sub-features carry only the keys (pyensembl reads names/biotypes from the gene
            # and transcript rows); this halves the GTF that pyensembl hashes on each start.
            slim = [("gene_id", gid), ("transcript_id", tid)]
            ids = r["exon_ids"].split(",") if r["exon_ids"] else [""] * len(starts)
            for n, (s, e, eid) in enumerate(zip(starts, ends, ids, strict=True), 1):
                ex_id, ex_ver = _split_version(eid) if eid else (f"{r.name}:{n}", "")
                ea = slim + [("exon_number", str(n)), ("exon_id", ex_id)]
                ea += [("exon_version", ex_ver)] if ex_ver else []
                yield _gtf(contig, "exon", s, e, strand, ".", ea)
            if not r["cds_low"]:
                continue
            yield from _coding_lines(r, contig, strand, starts, ends, slim)


def _coding_lines(r, contig, strand, starts, ends, tattrs) -> Iterator[str]:
    lo, hi = int(r["cds_low"]), int(r["cds_high"])
    segs = []  # (exon number, a, b) in transcription order
    for n, (s, e) in enumerate(zip(starts, ends, strict=True), 1):
        a, b = max(s, lo), min(e, hi)
        if a <= b:
            segs.append((n, a, b))

    # Split off the last 3 coding nt (stop codon) and the first 3 (start codon).
    def take(segments, k, from_end):
        out, rest = [], []
        need = k
        seq = segments if not from_end else list(reversed(segments))
        for n, a, b in seq:
            ln = b - a + 1
            if need <= 0:
                rest.append((n, a, b))
                continue
            use = min(need, ln)
            # Transcription order: "+" moves up the genome, "-" down.
            if (strand == "+") != from_end:
                piece, left = (a, a + use - 1), (a + use, b)
            else:
                piece, left = (b - use + 1, b), (a, b - use)
            out.append((n, *piece))
            if left[0] <= left[1]:
                rest.append((n, *left))
            need -= use
        if from_end:
            rest.reverse()
        return out, rest

    stop, cds_only = take(segs, 3, from_end=True)
    start, _ = take(segs, 3, from_end=False)
    pa = [("protein_id", r["protein_id"])] if r["protein_id"] else []
    done = 0
    for n, a, b in cds_only:
        frame = (3 - done % 3) % 3
        yield _gtf(contig, "CDS", a, b, strand, str(frame), tattrs + [("exon_number", str(n))] + pa)
        done += b - a + 1
    for n, a, b in start:
        yield _gtf(contig, "start_codon", a, b, strand, "0", tattrs + [("exon_number", str(n))])
    for n, a, b in stop:
        yield _gtf(contig, "stop_codon", a, b, strand, "0", tattrs + [("exon_number", str(n))])


def _split_version(ident: str) -> tuple[str, str]:
    acc, _, ver = ident.partition(".")
    return acc, ver


def _gtf(contig, feature, start, end, strand, frame, attrs) -> str:
    return (
        f"{contig}\tfusionviz_bundle\t{feature}\t{start}\t{end}\t.\t{strand}\t{frame}\t"
        f"{_attrs(attrs)}\n"
    )
