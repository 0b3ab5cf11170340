"""The pseudoautosomal regions: chrY bases whose sequence is the chrX copy's.

GRCh38 defines two pseudoautosomal regions (PAR1, PAR2) where chrY holds the same
sequence as chrX. Ensembl, and so the bundle, annotates the genes there (P2RY8, CRLF2,
CSF2RA, SHOX, ...) on chrX only, while aligners may place a read on either copy. A
chrY breakpoint inside a PAR is therefore the same base of the chrX copy, and is read
there, with a statement. Coordinates: Ensembl, "Pseudoautosomal regions in human"
(https://www.ensembl.org/info/genome/genebuild/human_PARS.html): Y:10001-2781479 is
X:10001-2781479 (PAR1); Y:56887903-57217415 is X:155701383-156030895 (PAR2).
"""

from __future__ import annotations

from dataclasses import replace

from fusionviz.models import GenomicPosition

#: (name, first chrY base, last chrY base, first chrX base), GRCh38.
PARS = (
    ("PAR1", 10_001, 2_781_479, 10_001),
    ("PAR2", 56_887_903, 57_217_415, 155_701_383),
)


def on_x(pos: GenomicPosition) -> tuple[GenomicPosition, str] | None:
    """The chrX copy of a GRCh38 chrY base in a pseudoautosomal region, with the
    sentence that says so; None for any other base."""
    if pos.contig != "Y":
        return None
    for name, lo, hi, x_lo in PARS:
        if lo <= pos.position <= hi:
            x = replace(pos, contig="X", position=x_lo + pos.position - lo)
            return x, (
                f"{pos} lies in the pseudoautosomal region {name}, whose sequence is "
                f"chrX's: read as {x} (the annotation holds {name} genes on chrX)"
            )
    return None
