"""User domain files (``--domains FILE``) mapped onto the transcripts in use.

Formats (recognised by content):

- **GFF3 of protein domains in genomic coordinates** (the format Arriba distributes:
  ``contig . protein_domain start end . strand . Name=..;gene_name=..;gene_id=..``). Each row is
  one genomic piece; pieces of a gene with the same Name are mapped through the transcript's
  CDS to amino acids and merged where they touch.
- **InterProScan TSV** (no header; protein accession, md5, length, analysis, signature
  accession, description, start, end, ...; InterPro accession/description in columns 12-13).
- **TSV with a header**: one of ``transcript``/``transcript_id``, ``protein``/``protein_id``,
  ``uniprot`` or ``gene``; ``start``, ``end``, ``name``; optional ``accession``, ``database``,
  ``kind``, ``length`` (protein length, checked) and ``coordinates`` = ``protein`` (default) or
  ``transcript`` (nt of the spliced transcript incl. the 5'UTR, as FuSViz writes them).

A protein-coordinate row applies to a transcript it names (ENST, ENSP, name, UniProt) or, when
it names a gene, to that gene's default transcript's protein. A stated protein length that
differs from the transcript's protein is an error (the file was made for another annotation).
"""

from __future__ import annotations

import gzip
import hashlib
from collections import defaultdict
from pathlib import Path
from typing import Any

from fusionviz.coordinates import coding_segments
from fusionviz.errors import AnnotationDataError
from fusionviz.models import (
    Domain,
    GeneAlias,
    Locus,
    ProteinSequence,
    SourceInfo,
    Transcript,
)
from fusionviz.sources.domain_file_rows import _key, _Row, read_gff3, read_interproscan, read_tsv


class DomainFile:
    """A parsed domain file (see the module docstring)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            raw = self.path.read_bytes()
            text = (gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw).decode()
        except (OSError, UnicodeDecodeError, EOFError, gzip.BadGzipFile) as e:
            raise AnnotationDataError(
                f"cannot read --domains file '{path}' ({e}); give an InterPro/Pfam TSV or a "
                "GFF3 of protein domains"
            ) from None
        self.sha256 = hashlib.sha256(raw).hexdigest()
        lines = [ln for ln in text.splitlines() if ln.strip()]
        body = [ln for ln in lines if not ln.startswith("#")]
        if not body:
            raise AnnotationDataError(f"--domains file '{path}' has no domain rows")
        first = body[0].split("\t")
        if any(ln.startswith("##gff-version") for ln in lines[:5]) or (
            len(first) == 9 and "=" in first[8]
        ):
            self.format, self.rows = "GFF3 (genomic)", read_gff3(self.path, body)
        elif len(first) >= 11 and first[2].isdigit() and first[6].isdigit():
            self.format, self.rows = "InterProScan TSV", read_interproscan(self.path, body)
        else:
            self.format, self.rows = "TSV", read_tsv(self.path, body)
        if not self.rows:
            raise AnnotationDataError(
                f"--domains file '{path}': no usable rows; give an InterPro/Pfam TSV "
                "(protein or transcript coordinates) or a GFF3 of protein domains"
            )
        self.by_key: dict[str, list[_Row]] = defaultdict(list)
        for r in self.rows:
            self.by_key[r.key].append(r)
        self.databases = tuple(sorted({r.database for r in self.rows}))

    # ------------------------------------------------------------------ mapping
    def label(self) -> str:
        return f"{self.path.name} sha256:{self.sha256[:12]}"

    def domains_for(self, t: Transcript, default_of_gene: bool) -> tuple[Domain, ...]:
        """Features of ``t`` from this file (empty when the file says nothing about it)."""
        if t.cds is None:
            return ()
        keys = [k for k in _keys_of(t) if k in self.by_key]
        gene_rows = self.by_key.get(t.gene.upper(), [])
        out: list[Domain] = []
        plen = _cds_nt(t) // 3 - 1
        for k in keys:
            for r in self.by_key[k]:
                out += self._protein_row(r, t, plen)
        genomic = [r for r in gene_rows if r.coordinates == "genomic"]
        if genomic:
            out += self._genomic(genomic, t, plen)
        if default_of_gene:
            for r in gene_rows:
                if r.coordinates != "genomic":
                    out += self._protein_row(r, t, plen)
        return tuple(sorted(set(out), key=lambda d: (d.start, d.end, d.name)))

    def _src(self, db: str) -> str:
        return f"{db} (--domains {self.label()})"

    def _protein_row(self, r: _Row, t: Transcript, plen: int) -> list[Domain]:
        if r.length is not None and r.length != plen:
            raise AnnotationDataError(
                f"--domains file '{self.path}' describes a {r.length}-aa protein for {r.key}, but "
                f"{t.label} codes {plen} aa; give a domain file made for this annotation"
            )
        s, e = r.start, r.end
        if r.coordinates == "transcript":
            utr5 = _utr5(t)
            s, e = (s - utr5 - 1) // 3 + 1, (e - utr5 - 1) // 3 + 1
        if s < 1 or e > plen or s > e:
            raise AnnotationDataError(
                f"--domains file '{self.path}': {r.name} {r.start}-{r.end} ({r.coordinates} "
                f"coordinates) does not fit {t.label} ({plen} aa); give a domain file made for "
                "this annotation"
            )
        return [Domain(r.name, s, e, self._src(r.database), r.kind, r.accession, "")]

    def _genomic(self, rows: list[_Row], t: Transcript, plen: int) -> list[Domain]:
        pieces: dict[tuple[str, str, str | None], list[tuple[int, int]]] = defaultdict(list)
        touched = False
        for r in rows:
            if r.contig != t.contig:
                continue
            span = _genomic_to_aa(t, r.start, r.end)
            if span is not None:
                touched = True
                pieces[(r.name, r.database, r.accession)].append(span)
        if not touched:
            if not any(r.contig == t.contig for r in rows):
                raise AnnotationDataError(
                    f"--domains file '{self.path}' places {t.gene} domains on another contig "
                    f"than {t.label} (chr{t.contig}); give a GFF3 for the same genome build"
                )
            return []
        out = []
        for (name, db, acc), spans in pieces.items():
            spans.sort()
            merged = [list(spans[0])]
            for a, b in spans[1:]:
                if a <= merged[-1][1] + 1:
                    merged[-1][1] = max(merged[-1][1], b)
                else:
                    merged.append([a, b])
            for a, b in merged:
                out.append(Domain(name, a, min(b, plen), self._src(db), "domain", acc, ""))
        return out


class DomainFileSource:
    """Wraps an AnnotationSource: domains from a ``--domains`` file added to, or replacing,
    the wrapped source's; everything else is the wrapped source's."""

    def __init__(self, inner: Any, domain_file: DomainFile, *, replace_domains: bool) -> None:
        self.inner = inner
        self.file = domain_file
        self.replace_domains = replace_domains

    def __getattr__(self, name: str) -> Any:  # name, version, manifest, where, ...
        return getattr(self.inner, name)

    def provenance(self) -> tuple[SourceInfo, ...]:
        mode = "replacing the embedded domains" if self.replace_domains else "added"
        info = SourceInfo(
            name=f"domain file {self.file.path.name}",
            version=f"sha256:{self.file.sha256[:12]}",
            details=(
                ("format", self.file.format),
                ("databases", ", ".join(self.file.databases)),
                ("use", mode),
            ),
        )
        inner = self.inner.provenance()
        if self.replace_domains:
            domain_dbs = {"InterPro", "Pfam", "UniProtKB/Swiss-Prot"}
            inner = tuple(p for p in inner if p.name not in domain_dbs)
        return (*inner, info)

    def gene_symbols(self) -> tuple[str, ...]:
        return self.inner.gene_symbols()

    def has_gene(self, gene: str) -> bool:
        return self.inner.has_gene(gene)

    def transcripts(self, gene: str) -> tuple[Transcript, ...]:
        return self.inner.transcripts(gene)

    def default_transcript(self, gene: str) -> Transcript:
        return self.inner.default_transcript(gene)

    def transcript(self, identifier: str, gene: str | None = None) -> Transcript:
        return self.inner.transcript(identifier, gene)

    def domains(self, transcript: Transcript) -> tuple[Domain, ...]:
        default = self.inner.default_transcript(transcript.gene)
        same_protein = coding_segments(default) == coding_segments(transcript)
        mine = self.file.domains_for(transcript, default_of_gene=same_protein)
        if self.replace_domains:
            return mine
        return tuple(
            sorted(
                {*self.inner.domains(transcript), *mine},
                key=lambda d: (d.start, d.end, d.source, d.name),
            )
        )

    def protein_sequence(self, transcript: Transcript) -> ProteinSequence | None:
        return self.inner.protein_sequence(transcript)

    def cdna_sequence(self, transcript: Transcript) -> str | None:
        return self.inner.cdna_sequence(transcript)

    def genes_at(self, contig: str, position: int) -> tuple[str, ...]:
        return self.inner.genes_at(contig, position)

    def loci_at(self, contig: str, position: int) -> tuple[Locus, ...]:
        return self.inner.loci_at(contig, position)

    def nearest_loci(self, contig: str, position: int, n: int = 2) -> tuple[tuple[Locus, int], ...]:
        return self.inner.nearest_loci(contig, position, n)

    def locus(self, symbol: str) -> Locus | None:
        return self.inner.locus(symbol)

    def aliases(self, name: str) -> tuple[GeneAlias, ...]:
        return self.inner.aliases(name)


def with_domain_file(source: Any, path: str | Path, *, replace_domains: bool = False) -> Any:
    """``source`` with the domains of ``path`` added (or replacing its own)."""
    return DomainFileSource(source, DomainFile(path), replace_domains=replace_domains)


# ---------------------------------------------------------------------- helpers


def _keys_of(t: Transcript) -> list[str]:
    keys = [t.name.upper()]
    for ident in (t.transcript_id, t.protein_id, t.uniprot, t.refseq):
        if ident:
            keys.append(_key(ident))
            if ident.upper().startswith(("NM_", "NP_")):
                keys.append(ident.upper().split(".")[0])
    return keys


def _cds_nt(t: Transcript) -> int:
    return sum(b - a + 1 for a, b in coding_segments(t))


def _utr5(t: Transcript) -> int:
    lo, hi = t.cds  # type: ignore[misc]
    if t.strand == "+":
        return sum(max(0, min(e.end, lo - 1) - e.start + 1) for e in t.exons)
    return sum(max(0, e.end - max(e.start, hi + 1) + 1) for e in t.exons)


def _genomic_to_aa(t: Transcript, start: int, end: int) -> tuple[int, int] | None:
    """aa span of the CDS bases of ``t`` inside genomic [start, end], or None."""
    done = 0
    first = last = None
    for a, b in coding_segments(t):  # transcription order
        lo, hi = max(a, start), min(b, end)
        if lo <= hi:
            if t.strand == "+":
                n1, n2 = done + lo - a + 1, done + hi - a + 1
            else:
                n1, n2 = done + b - hi + 1, done + b - lo + 1
            first = n1 if first is None else min(first, n1)
            last = n2 if last is None else max(last, n2)
        done += b - a + 1
    if first is None or last is None:
        return None
    return (first - 1) // 3 + 1, (last - 1) // 3 + 1


__all__ = ["DomainFile", "DomainFileSource", "with_domain_file"]
