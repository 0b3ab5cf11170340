"""Full Ensembl releases (``--release N``) and local annotations (``--gtf/--cdna/--pep``)
through pyensembl, as an :class:`~fusionviz.sources.base.AnnotationSource`.

pyensembl brings what the embedded bundle lacks: cDNA and protein sequences, so junction
residues, fusion proteins and frameshift tails are exact. Nothing is ever downloaded here: a
release that is not installed raises :class:`AnnotationDataError` naming the
``pyensembl install`` command.

Domains come from the embedded bundle (or a ``--domains`` file, see
:mod:`fusionviz.sources.domain_files`): a release transcript gets the bundle's features when it
codes the same protein, i.e. identical coding exons on the bundle's genome build, or (another
build, e.g. GRCh37 / release 75) the same ENST coding a protein of the same length.

Supported pyensembl: 2.x (tested with 2.32). Coordinate conventions changed within 2.x (CDS
ranges sorted and merged, stop codon included, since ~2.3x); :func:`cds_span` in
:mod:`fusionviz.sources.ensembl` takes the CDS span from the union of the coding ranges and the
start/stop codon positions, which gives the fusionviz convention (stop codon included) either
way. ``tests/sources/test_release.py`` checks both conventions.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from typing import Any

from fusionviz.errors import AnnotationDataError
from fusionviz.sources.pyensembl_source import PyensemblSource

# As pinned in pyproject.toml (>=2.3.13,<3); tested with 2.32.3. pyensembl 3 is refused until
# its coordinate conventions are checked (tests/sources/test_release.py).
SUPPORTED_PYENSEMBL = (2, 3, 13)
PYENSEMBL_PIN = "pyensembl>=2.3.13,<3"
SPECIES_DEFAULT = "homo_sapiens"


def check_pyensembl() -> Any:
    """Import pyensembl, refusing a version whose conventions fusionviz was not tested with."""
    try:
        import pyensembl
    except ModuleNotFoundError as e:  # pragma: no cover - a declared dependency
        raise AnnotationDataError(
            f"pyensembl is not installed; pip install '{PYENSEMBL_PIN}'"
        ) from e
    if not pyensembl_supported(pyensembl.__version__):
        raise AnnotationDataError(
            f"pyensembl {pyensembl.__version__} is not supported (fusionviz is tested with "
            f"pyensembl 2.3.13 to 2.x); pip install '{PYENSEMBL_PIN}'"
        )
    logging.getLogger("pyensembl").setLevel(logging.WARNING)
    return pyensembl


def pyensembl_supported(version: str) -> bool:
    """True for the pyensembl versions fusionviz supports (see SUPPORTED_PYENSEMBL)."""
    nums = tuple(int(x) for x in re.findall(r"\d+", version)[:3])
    return nums >= SUPPORTED_PYENSEMBL and nums[0] < 3


def release_source(
    release: int | str,
    species: str | None = None,
    *,
    cache_dir: str | Path | None = None,
    domains_from: Any = None,
) -> PyensemblSource:
    """An installed Ensembl release (``pyensembl install --release N --species S``)."""
    pyensembl = check_pyensembl()
    species = species or SPECIES_DEFAULT
    try:
        n = int(release)
    except (TypeError, ValueError):
        raise AnnotationDataError(
            f"--release must be an Ensembl release number (e.g. 110 for GRCh38, 75 for "
            f"GRCh37), not '{release}'"
        ) from None
    cache = str(cache_dir) if cache_dir else os.environ.get("PYENSEMBL_CACHE_DIR") or None
    try:
        genome = pyensembl.EnsemblRelease(n, species=species, cache_directory_path=cache)
    except ValueError as e:
        raise AnnotationDataError(
            f"Ensembl release {n} / species '{species}' is unknown to pyensembl ({e}); give "
            "e.g. --release 110 (GRCh38) or --release 75 (GRCh37) and --species homo_sapiens"
        ) from None
    install = f"pyensembl install --release {n} --species {species}"
    if cache:
        install += f" --cache-directory {cache}"
    if not genome.required_local_files_exist():
        raise AnnotationDataError(
            f"Ensembl release {n} ({species}) is not installed for pyensembl; install it with "
            f"'{install}' (fusionviz never downloads it by itself)"
        )
    label = f"Ensembl {n}"
    _ensure_index(genome, label)
    return PyensemblSource(
        genome,
        name=label,
        version=str(n),
        details=(
            ("species", species),
            ("genome_build", str(genome.reference_name)),
            ("ensembl_release", str(n)),
            ("pyensembl", pyensembl.__version__),
        ),
        domains_from=domains_from,
    )


def gtf_source(
    gtf: str | Path,
    cdna: str | Path | None = None,
    pep: str | Path | None = None,
    *,
    reference_name: str = "GRCh38",
    cache_dir: str | Path | None = None,
    domains_from: Any = None,
) -> PyensemblSource:
    """Any local GTF (+ optional cDNA / protein FASTA) read through ``pyensembl.Genome``."""
    pyensembl = check_pyensembl()
    paths = {"--gtf": gtf, "--cdna": cdna, "--pep": pep}
    for flag, p in paths.items():
        if p is not None and not Path(p).is_file():
            raise AnnotationDataError(f"{flag} file '{p}' does not exist; give a readable file")
    g = Path(gtf)
    if cache_dir is None:
        from fusionviz.sources.bundled import cache_root

        st = g.stat()
        cache_dir = cache_root() / "gtf" / f"{g.name}-{st.st_size}-{int(st.st_mtime)}"
    try:
        Path(cache_dir).mkdir(parents=True, exist_ok=True)
        genome = pyensembl.Genome(
            reference_name=reference_name,
            annotation_name=g.name.split(".gtf")[0],
            gtf_path_or_url=str(g),
            transcript_fasta_paths_or_urls=[str(cdna)] if cdna else None,
            protein_fasta_paths_or_urls=[str(pep)] if pep else None,
            cache_directory_path=str(cache_dir),
        )
        _ensure_index(genome, f"GTF {g.name}")
    except AnnotationDataError:
        raise
    except Exception as e:  # pyensembl/gtfparse raise many types for a bad file
        raise AnnotationDataError(
            f"cannot read --gtf '{gtf}' with pyensembl ({type(e).__name__}: {e}); give an "
            "Ensembl-style GTF (gene/transcript/exon/CDS rows with gene_name, transcript_id)"
        ) from None
    return PyensemblSource(
        genome,
        name=f"GTF {g.name}",
        version="local",
        details=(
            ("gtf", str(g)),
            ("cdna", str(cdna or "")),
            ("pep", str(pep or "")),
            ("genome_build", reference_name),
        ),
        domains_from=domains_from,
    )


def _ensure_index(genome: Any, label: str) -> None:
    """Index once (with a visible status line) when pyensembl has no database yet."""
    try:
        genome.db.connection  # noqa: B018 - raises ValueError when not yet indexed
        return
    except ValueError:
        pass
    from rich.console import Console

    with Console(stderr=True).status(f"[bold]fusionviz[/]: indexing {label} once (pyensembl)"):
        genome.index()
