"""The :class:`PyensemblSource`: an AnnotationSource over a pyensembl Genome or
EnsemblRelease (built by :func:`fusionviz.sources.release.release_source` and
:func:`~fusionviz.sources.release.gtf_source`)."""

from __future__ import annotations

import threading
from typing import Any

from fusionviz.coordinates import coding_segments
from fusionviz.errors import UnknownGeneError, UnknownTranscriptError
from fusionviz.models import (
    Domain,
    GeneAlias,
    Locus,
    ProteinSequence,
    SourceInfo,
    Transcript,
    normalise_contig,
)


class PyensemblSource:
    """AnnotationSource over a pyensembl Genome / EnsemblRelease."""

    def __init__(
        self,
        genome: Any,
        *,
        name: str,
        version: str,
        details: tuple[tuple[str, str], ...] = (),
        domains_from: Any = None,
    ) -> None:
        self.genome = genome
        self.name = name
        self.version = version
        self._details = details
        self._bundle = domains_from
        self._lock = threading.RLock()
        self._names: dict[str, str] | None = None
        self._models: dict[str, Transcript] = {}
        build = dict(details).get("genome_build", "")
        self._same_build = bool(
            domains_from is not None and build == domains_from.manifest.get("genome_build")
        )

    @property
    def where(self) -> str:
        return self.name

    # ------------------------------------------------------------------ protocol
    def provenance(self) -> tuple[SourceInfo, ...]:
        out = [SourceInfo(name=self.name, version=self.version, details=self._details)]
        if self._bundle is not None:
            b = self._bundle
            out.append(
                SourceInfo(
                    name=f"domains from {b.name}",
                    version=b.version,
                    details=(("matched by", "identical coding exons, or same ENST and length"),),
                )
            )
            out += [p for p in b.provenance()[1:] if p.name not in _STRUCTURE_SOURCES]
        return tuple(out)

    def _gene_names(self) -> dict[str, str]:
        if self._names is None:
            with self._lock:
                self._names = {n.upper(): n for n in self.genome.gene_names() if n}
        return self._names

    def gene_symbols(self) -> tuple[str, ...]:
        return tuple(sorted(self._gene_names().values()))

    def has_gene(self, gene: str) -> bool:
        return gene.strip().upper() in self._gene_names()

    def transcripts(self, gene: str) -> tuple[Transcript, ...]:
        """Every transcript of ``gene``: the default first, then coding before non-coding."""
        symbol = self._symbol(gene)
        with self._lock:
            pts = [t for g in self.genome.genes_by_name(symbol) for t in g.transcripts]
        default = self._default_pt(symbol, pts)
        pts.sort(key=lambda t: (t is not default, not _coding(t), t.transcript_name or ""))
        return tuple(self._model(t, symbol) for t in pts)

    def default_transcript(self, gene: str) -> Transcript:
        return self.transcripts(gene)[0]

    def transcript(self, identifier: str, gene: str | None = None) -> Transcript:
        """ENST (with or without version), transcript name, or a RefSeq NM_ that the embedded
        bundle pairs with an ENST (MANE Select)."""
        ident = identifier.strip()
        up = ident.upper()
        acc, _, ver = up.partition(".")
        with self._lock:
            if up.startswith("ENS"):
                try:
                    pt = self.genome.transcript_by_id(acc)
                except ValueError:
                    pt = None
            elif up.startswith(("NM_", "NR_")):
                pt = self._by_refseq(ident, gene)
            else:
                ids = []
                try:
                    ids = self.genome.transcript_ids_of_transcript_name(ident)
                except ValueError:
                    for name in self.genome.transcript_names():
                        if name.upper() == up:
                            ids = self.genome.transcript_ids_of_transcript_name(name)
                            break
                pt = self.genome.transcript_by_id(ids[0]) if ids else None
        if pt is None:
            raise UnknownTranscriptError(
                f"unknown transcript '{identifier}' in {self.name} (give an ENST id or a name "
                "like ALK-201)"
            )
        if up.startswith("ENS") and ver:
            have = _versioned(pt)
            if have and have.upper() != up:
                raise UnknownTranscriptError(
                    f"transcript '{identifier}' is not in {self.name}: it has {have}; give "
                    f"{have} or {acc} without version"
                )
        model = self._model(pt, pt.gene_name)
        if gene is not None and model.gene.upper() != gene.strip().upper():
            raise UnknownTranscriptError(
                f"transcript '{identifier}' is {model.label} of {model.gene}, not of {gene}"
            )
        return model

    def domains(self, transcript: Transcript) -> tuple[Domain, ...]:
        """The bundle's features of the same protein (see the module docstring)."""
        twin = self._bundle_twin(transcript)
        return self._bundle.domains(twin) if twin is not None else ()

    # Evidence data come from the bundle (curated tables, GTEx expression by symbol);
    # curated features only for a transcript coding the same protein as a bundle one.
    def domain_classes(self) -> tuple:
        return self._bundle.domain_classes() if self._bundle is not None else ()

    def curated_features(self, transcript: Transcript) -> tuple:
        twin = self._bundle_twin(transcript)
        return self._bundle.curated_features(twin) if twin is not None else ()

    def expression(self, gene: str):
        return self._bundle.expression(gene) if self._bundle is not None else None

    def evidence_provenance(self) -> tuple[SourceInfo, ...]:
        return self._bundle.evidence_provenance() if self._bundle is not None else ()

    def protein_sequence(self, transcript: Transcript) -> ProteinSequence | None:
        pt = self._pt(transcript)
        if pt is None or not _coding(pt):
            return None
        with self._lock:
            try:
                seq = pt.protein_sequence
            except (ValueError, KeyError, OSError):
                seq = None
        if not seq:
            return None
        return ProteinSequence(
            sequence=seq.rstrip("*"),
            source=f"{self.name} protein FASTA ({pt.protein_id})",
            complete=True,
        )

    def cdna_sequence(self, transcript: Transcript) -> str | None:
        pt = self._pt(transcript)
        if pt is None:
            return None
        with self._lock:
            try:
                seq = pt.sequence
            except (ValueError, KeyError, OSError):
                return None
        exon_total = sum(e.length for e in transcript.exons)
        return seq if seq and len(seq) == exon_total else None

    def genes_at(self, contig: str, position: int) -> tuple[str, ...]:
        with self._lock:
            names = self.genome.gene_names_at_locus(normalise_contig(contig), int(position))
        return tuple(sorted({n for n in names if n}))

    def loci_at(self, contig: str, position: int) -> tuple[Locus, ...]:
        """Every gene of the release covering the base, any biotype."""
        with self._lock:
            genes = self.genome.genes_at_locus(normalise_contig(contig), int(position))
        return tuple(sorted((self._locus(g) for g in genes), key=lambda x: (x.start, x.symbol)))

    def nearest_loci(self, contig: str, position: int, n: int = 2) -> tuple[tuple[Locus, int], ...]:
        """The nearest genes either side of a base no gene covers (searched up to 25.6 Mb away)."""
        from fusionviz.sources.loci import nearest_of

        c, pos = normalise_contig(contig), int(position)
        left: list[Locus] = []
        right: list[Locus] = []
        window = 100_000
        while window <= 25_600_000 and (len(left) < n or len(right) < n):
            with self._lock:
                genes = self.genome.genes_at_locus(c, max(1, pos - window), pos + window)
            loci = [self._locus(g) for g in genes]
            left = sorted((x for x in loci if x.end < pos), key=lambda x: -x.end)
            right = sorted((x for x in loci if x.start > pos), key=lambda x: x.start)
            window *= 4
        return nearest_of(left, right, pos, n)

    def locus(self, symbol: str) -> Locus | None:
        """The release's gene of this symbol (case-insensitive), any biotype, or None."""
        name = self._gene_names().get(symbol.strip().upper())
        if name is None:
            return None
        with self._lock:
            genes = self.genome.genes_by_name(name)
        loci = sorted(
            (self._locus(g) for g in genes),
            key=lambda x: (not x.is_protein_coding, x.contig, x.start),
        )
        return loci[0] if loci else None

    def aliases(self, name: str) -> tuple[GeneAlias, ...]:
        """The embedded bundle's alias table (Ensembl 110 / GENCODE v24 names), when given."""
        return self._bundle.aliases(name) if self._bundle is not None else ()

    def _locus(self, g: Any) -> Locus:
        version = getattr(g, "gene_version", None)
        gene_id = f"{g.gene_id}.{version}" if version else g.gene_id
        desc = ""
        if self._bundle is not None and self._same_build:
            twin = self._bundle.loci_index.by_gene_id(g.gene_id)
            desc = twin.description if twin is not None else ""
        return Locus(
            symbol=g.gene_name or g.gene_id,
            gene_id=gene_id,
            biotype=g.biotype,
            contig=normalise_contig(g.contig),
            start=g.start,
            end=g.end,
            strand=g.strand,
            description=desc,
        )

    # ------------------------------------------------------------------ helpers
    def _symbol(self, gene: str) -> str:
        symbol = self._gene_names().get(gene.strip().upper())
        if symbol is None:
            raise UnknownGeneError(gene, self.gene_symbols(), where=self.name)
        return symbol

    def _bundle_mane(self, symbol: str) -> Transcript | None:
        b = self._bundle
        if b is None or not b.has_gene(symbol):
            return None
        return b.default_transcript(symbol)

    def _default_pt(self, symbol: str, pts: list) -> Any:
        """The bundle's MANE Select ENST when this release has it, else the longest CDS."""
        mane = self._bundle_mane(symbol)
        if mane is not None and mane.transcript_id:
            acc = mane.transcript_id.split(".")[0]
            for t in pts:
                if t.transcript_id == acc:
                    return t
        coding = [t for t in pts if _coding(t)]
        pool = coding or pts
        return max(pool, key=lambda t: (_cds_len(t), t.transcript_id)) if pool else None

    def _model(self, pt: Any, symbol: str) -> Transcript:
        key = pt.transcript_id
        model = self._models.get(key)
        if model is None:
            from fusionviz.sources.ensembl import transcript_from_pyensembl

            with self._lock:
                base = transcript_from_pyensembl(pt, gene=symbol, source=self.name)
            mane = self._bundle_mane(symbol) if self._same_build else None
            is_mane = bool(
                mane is not None
                and mane.transcript_id
                and mane.transcript_id.split(".")[0] == pt.transcript_id
                and tuple((e.start, e.end) for e in mane.exons)
                == tuple((e.start, e.end) for e in base.exons)
                and mane.cds == base.cds
            )
            if is_mane:
                from dataclasses import replace

                base = replace(
                    base,
                    is_mane_select=True,
                    is_canonical=mane.is_canonical,  # type: ignore[union-attr]
                    refseq=mane.refseq,  # type: ignore[union-attr]
                    uniprot=mane.uniprot,  # type: ignore[union-attr]
                    source=f"{self.name}; MANE Select per {self._bundle.name}",
                )
            model = self._models[key] = base
        return model

    def _pt(self, t: Transcript) -> Any:
        tid = (t.transcript_id or "").split(".")[0]
        with self._lock:
            try:
                return self.genome.transcript_by_id(tid) if tid else None
            except ValueError:
                return None

    def _by_refseq(self, ident: str, gene: str | None) -> Any:
        b = self._bundle
        if b is None:
            return None
        try:
            twin = b.transcript(ident, gene)
        except UnknownTranscriptError as e:
            raise UnknownTranscriptError(f"{e} (RefSeq ids are mapped by {b.name})") from None
        try:
            return self.genome.transcript_by_id((twin.transcript_id or "").split(".")[0])
        except ValueError:
            return None

    def _bundle_twin(self, t: Transcript) -> Transcript | None:
        """The bundle transcript coding the same protein as ``t``, if any."""
        b = self._bundle
        if b is None or t.cds is None or not b.has_gene(t.gene):
            return None
        segs = coding_segments(t)
        acc = (t.transcript_id or "").split(".")[0]
        for bt in b.transcripts(t.gene):
            if self._same_build and coding_segments(bt) == segs:
                return bt
        for bt in b.transcripts(t.gene):
            same_id = acc and (bt.transcript_id or "").split(".")[0] == acc
            if same_id and bt.cds is not None and _cds_nt(bt) == _cds_nt(t):
                return bt
        return None


# Structure sources of the bundle: not used by a release source (only its domains are).
_STRUCTURE_SOURCES = {"GENCODE/Ensembl MANE Select", "Ensembl gene structures", "GeneFuse"}


def _coding(pt: Any) -> bool:
    try:
        return bool(pt.coding_sequence_position_ranges)
    except ValueError:
        return False


def _cds_len(pt: Any) -> int:
    try:
        return sum(b - a + 1 for a, b in pt.coding_sequence_position_ranges)
    except ValueError:
        return 0


def _versioned(pt: Any) -> str | None:
    v = getattr(pt, "transcript_version", None)
    return f"{pt.transcript_id}.{v}" if v else None


def _cds_nt(t: Transcript) -> int:
    return sum(b - a + 1 for a, b in coding_segments(t))
