"""The embedded annotation bundle as an :class:`~fusionviz.sources.base.AnnotationSource`.

The bundle (``annotations/``, installed as ``fusionviz_annotations``) holds gzip TSVs written
by :mod:`fusionviz.sources.build`. On first use they are indexed once into an SQLite file in
the user cache directory (``$FUSIONVIZ_CACHE_DIR`` or ``platformdirs.user_cache_dir
("fusionviz")``), keyed by bundle name, version and content hash, with a progress bar; every
later process opens that index and reads only the rows it needs. Nothing is written inside the
installed package.

Why not pyensembl for the embedded bundle (measured with ``benchmarks/bench_source.py``, the
genome-wide bundle written as a GTF, ~89,000 transcripts, pyensembl 2.32.3): its one-time index
took 55 s at 1.16 GB peak RSS (the target is < 400 MB), against 3.5 s / 213 MB for this index;
a cold first annotation then took 0.23 s / 36 MB through pyensembl and 0.08 s / 23 MB here.
pyensembl stays the reader of full Ensembl releases and user GTFs
(:mod:`fusionviz.sources.release`); :mod:`fusionviz.sources.gtf` writes bundle rows as a GTF,
and ``tests/sources/test_release.py`` checks that pyensembl reads the same structures back.
"""

from __future__ import annotations

import json
import logging
import threading
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fusionviz.errors import AnnotationDataError, UnknownGeneError, UnknownTranscriptError
from fusionviz.models import (
    Domain,
    GeneAlias,
    Locus,
    ProteinSequence,
    SourceInfo,
    Transcript,
    normalise_contig,
)
from fusionviz.sources.bundle_lookups import BundleRowLookups
from fusionviz.sources.index import (
    INDEX_LAYOUT,
    IndexConnection,
    cache_root,
    unpack,
    write_index,
)
from fusionviz.sources.loci import LociIndex
from fusionviz.sources.memory import GeneMemory
from fusionviz.sources.rows import (
    _coding_segments,
    _protein_length,
    _Row,
    _row_coding_segments,
    transcript_from_row,
)

if TYPE_CHECKING:
    from fusionviz.evidence.data import EvidenceData
    from fusionviz.evidence.models import CuratedFeature, DomainClass, GeneExpression

REQUIRED_FILES = ("manifest.json", "genes.tsv.gz", "transcripts.tsv.gz", "domains.tsv.gz")
SUPPORTED_FORMAT = 1
log = logging.getLogger(__name__)


class BundledSource(BundleRowLookups):
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
        self._index = IndexConnection(lambda: self.index_dir() / "index.sqlite", self._write_index)
        self._columns: dict[str, list[str]] = {}
        # What every row asks again (the annotation does not change), bounded.
        self._memory = GeneMemory()
        self._memoised = self._memory.memoised
        self._provenance: tuple[SourceInfo, ...] | None = None
        self._longest: int | None = None
        self._symbols: tuple[str, ...] | None = None
        self._loci = LociIndex(self._query)

    def __reduce__(self) -> tuple:
        # Spawned batch workers (platforms without fork) get a fresh source: the
        # connection, lock and memory are not sent.
        return (BundledSource, (self._root, self._cache_dir))

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
        if self._provenance is None:
            self._provenance = self._read_provenance()
        return self._provenance

    def _read_provenance(self) -> tuple[SourceInfo, ...]:
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
        if self._symbols is None:
            rows = self._query("SELECT gene FROM genes ORDER BY gene")
            self._symbols = tuple(r[0] for r in rows)
        return self._symbols

    def has_gene(self, gene: str) -> bool:
        return self._gene_info(gene) is not None

    def transcripts(self, gene: str) -> tuple[Transcript, ...]:
        """Every transcript of ``gene``, MANE Select first."""
        rows = self._gene_rows(gene)
        key = gene.strip().upper()
        return self._memory.transcripts(key, lambda: tuple(self._model(r) for r in rows))

    def default_transcript(self, gene: str) -> Transcript:
        key = gene.strip().upper()
        return self._memoised("default", key, lambda: self._default_transcript(gene))

    def _default_transcript(self, gene: str) -> Transcript:
        rows = self._gene_rows(gene)
        for tag in ("MANE_Select", "Ensembl_canonical", "longest_CDS"):
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
                f"transcripts of {self._symbol(gene)}: "
                f"{self._list_ids(gene)}"
            )
        return self._model(row)

    def domains(self, transcript: Transcript) -> tuple[Domain, ...]:
        """Features of ``transcript``'s protein; empty unless a source describes a protein of
        exactly this length (CDS/3 - 1)."""
        # Keyed by the transcript (equal transcripts, equal domains): hashing it is cheap.
        return self._memoised("domains", transcript, lambda: self._find_domains(transcript))

    def _find_domains(self, transcript: Transcript) -> tuple[Domain, ...]:
        row = self._row_of(transcript)
        if row is None or transcript.cds is None:
            return ()
        plen = _protein_length(transcript)
        picked: list[dict[str, str]] = []
        if transcript.uniprot:
            picked += self._domain_rows(f"uniprot:{transcript.uniprot}")
        own = self._domain_rows(f"transcript:{row.name}")
        if not own:
            # Same coding exons = same protein: use a sibling's ideogram row.
            segs = _coding_segments(transcript)
            for sib in self._gene_rows(row["gene"]):
                if sib is row or not sib["cds_low"] or _row_coding_segments(sib) != segs:
                    continue
                own = self._domain_rows(f"transcript:{sib.name}")
                if own:
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
        return self._memoised("protein", transcript, lambda: self._protein_sequence(transcript))

    def _protein_sequence(self, transcript: Transcript) -> ProteinSequence | None:
        if transcript.cds is None:
            return None
        plen = _protein_length(transcript)
        keys = []
        if transcript.uniprot:
            keys.append(f"uniprot:{transcript.uniprot}")
        if transcript.transcript_id:
            keys.append(f"partial:{transcript.transcript_id}")
        for k in keys:
            hit = self._protein(k)
            if hit is not None:
                meta, seq = hit
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
        return self._memoised("cdna", transcript, lambda: self._cdna_sequence(transcript))

    def _cdna_sequence(self, transcript: Transcript) -> str | None:
        hit = self._query("SELECT seq FROM cdna WHERE key = ?", (transcript.transcript_id or "",))
        seq = hit[0][0] if hit else None
        exon_total = sum(e.length for e in transcript.exons)
        return seq if seq is not None and len(seq) == exon_total else None

    def genes_at(self, contig: str, position: int) -> tuple[str, ...]:
        """Symbols of bundle genes whose span (any transcript) covers contig:position."""
        pos = int(position)
        # A gene covering the base starts at most its span before it: one range scan on
        # the (contig, start) index instead of every gene of the contig.
        rows = self._query(
            "SELECT gene FROM genes WHERE contig = ? AND start BETWEEN ? AND ? AND end >= ?",
            (normalise_contig(contig), pos - self._longest_gene(), pos, pos),
        )
        return tuple(sorted(r[0] for r in rows))

    def _longest_gene(self) -> int:
        if self._longest is None:
            hit = self._query("SELECT max(end - start) FROM genes")
            self._longest = int(hit[0][0] or 0) if hit else 0
        return self._longest

    # ------------------------------------------------------------------ evidence
    # Curated tables and expression (fusionviz.evidence); absent files mean "no data".
    def _evidence(self) -> EvidenceData:
        with self._lock:
            data = getattr(self, "_evidence_data", None)
            if data is None:
                from fusionviz.evidence.data import EvidenceData

                data = self._evidence_data = EvidenceData(self._root)
        return data

    def domain_classes(self) -> tuple[DomainClass, ...]:
        return self._evidence().domain_classes()

    def curated_features(self, transcript: Transcript) -> tuple[CuratedFeature, ...]:
        from fusionviz.evidence.tables import features_for

        def reference(enst: str, gene: str) -> Transcript | None:
            try:
                return self.transcript(enst, gene)
            except (UnknownTranscriptError, UnknownGeneError):
                return None

        return features_for(transcript, self._evidence().features(), reference)

    def expression(self, gene: str) -> GeneExpression | None:
        return self._evidence().expression(gene)

    def evidence_provenance(self) -> tuple[SourceInfo, ...]:
        return self._evidence().provenance()

    def loci_at(self, contig: str, position: int) -> tuple[Locus, ...]:
        """Every gene of any biotype covering contig:position (the bundle's loci table)."""
        return self._loci.loci_at(contig, position)

    def nearest_loci(self, contig: str, position: int, n: int = 2) -> tuple[tuple[Locus, int], ...]:
        """The nearest genes either side of a base, with signed distances."""
        return self._loci.nearest_loci(contig, position, n)

    def locus(self, symbol: str) -> Locus | None:
        """The gene with this approved symbol, any biotype, or None."""
        return self._loci.locus(symbol)

    def aliases(self, name: str) -> tuple[GeneAlias, ...]:
        """Approved symbols ``name`` is a previous symbol or alias of."""
        return self._loci.aliases(name)

    @property
    def loci_index(self) -> LociIndex:
        """The loci/aliases tables (also used by pyensembl sources for descriptions)."""
        return self._loci

    # ------------------------------------------------------------------ models
    def _model(self, row: _Row) -> Transcript:
        return self._memory.model(
            row, lambda r: transcript_from_row(r, f"{self.name} {self.version}")
        )

    def _domain_rows(self, target: str) -> list[dict[str, str]]:
        cols = self._cols("domains")
        hits = self._query("SELECT data FROM dom WHERE target = ? ORDER BY ord", (target,))
        return [dict(zip(cols, unpack(d), strict=True)) for (d,) in hits]

    def _protein(self, key: str) -> tuple[dict[str, str], str] | None:
        hit = self._query("SELECT meta, seq FROM prot WHERE key = ?", (key,))
        return (json.loads(hit[0][0]), hit[0][1]) if hit else None

    # ------------------------------------------------------------------ index
    def _cols(self, table: str) -> list[str]:
        if table not in self._columns:
            hit = self._query("SELECT value FROM meta WHERE key = ?", (f"columns:{table}",))
            self._columns[table] = json.loads(hit[0][0])
        return self._columns[table]

    def _query(self, sql: str, params: tuple = ()) -> list[tuple]:
        return self._index.query(sql, params)

    def index_dir(self) -> Path:
        """Cache folder of this bundle's one-time index."""
        digest = json.dumps(self.manifest["files"], sort_keys=True).encode()
        import hashlib

        sha = hashlib.sha256(digest).hexdigest()[:12]
        root = self._cache_dir or cache_root()
        return root / f"{self.name}-{self.version}-{sha}-i{INDEX_LAYOUT}"

    def _write_index(self, path: Path) -> None:
        write_index(path, f"{self.name} {self.version}", self._read_bytes, self._root)
