"""Names, versions and column layouts of the bundle the build writes."""

from __future__ import annotations

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
