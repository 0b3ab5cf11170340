"""fusionviz: exon-level gene-fusion annotation and publication-quality fusion diagrams."""

__version__ = "0.1.0"
