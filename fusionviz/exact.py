"""The fusion protein from nucleotide sequence: an exact translation from the
partners' cDNA, or a premature stop read in the unread bases of an in-frame
junction (pure; :mod:`fusionviz.sequence_check` reads the bases)."""

from __future__ import annotations

from dataclasses import replace

from fusionviz.frame import Side
from fusionviz.models import FusionProtein, Junction, ProteinSegment, Transcript
from fusionviz.sequence_check import SequenceCheck, check_cdna, translate_fusion

CDNA_SOURCE = "the partners' cDNA"


def exact_protein(
    t5: Transcript,
    last5: int,
    cdna5: str,
    t3: Transcript,
    first3: int,
    cdna3: str,
    inserted: str,
    s5: Side,
    s3: Side,
    junction: Junction,
    protein: FusionProtein,
) -> tuple[FusionProtein, Junction]:
    """Replace what the annotation could not say with the translated cDNA."""
    exact = translate_fusion(t5, last5, cdna5, t3, first3, cdna3, inserted)
    if exact is None:
        return protein, junction
    if junction.frame == "in-frame":
        check = check_cdna(s5, s3, exact, CDNA_SOURCE)
        if check.status == "stop":
            return premature_stop(protein, junction, check, t5.gene, t3.gene, s5)
        if not junction.verified:
            expl = (
                *junction.explanation[:-1],
                f"verified: no stop codon in the {check.read} nt before the {t3.gene} start "
                f"codon ({CDNA_SOURCE})",
            )
            junction = replace(junction, verified=True, explanation=expl)
    if junction.split_codon and s5.cds_nt is not None:
        pos = s5.cds_nt // 3
        if pos < len(exact):
            junction = replace(junction, junction_residue=exact[pos])
    return _translated(protein, exact, t5.gene, t3.gene), junction


def _translated(protein: FusionProtein, exact: str, g5: str, g3: str) -> FusionProtein:
    """``protein`` with the translated sequence, its length and notes, and the
    frameshifted tail (if any) ending at the stop found."""
    notes = [
        n
        for n in protein.notes
        if "junction residue shown as X" not in n
        and not n.startswith(("out of frame:", f"{g5} residues 1-", "length given only if"))
        and not n.startswith("unknown residues are X")
        and "shown as X" not in n
    ]
    notes.append("sequence translated from the partners' cDNA (Biopython)")
    segments = list(protein.segments)
    if segments and segments[-1].kind == "frameshift":
        fs = segments[-1]
        segments[-1] = replace(fs, fusion_end=len(exact))
        tail = len(exact) - fs.fusion_start + 1
        notes.append(
            f"after {g5} residue {fs.fusion_start - 1}, {tail} residue(s) of frameshifted {g3} "
            "sequence up to a premature stop"
        )
    return replace(
        protein,
        length=len(exact),
        sequence=exact,
        segments=tuple(segments),
        notes=tuple(notes),
        conditional_length=None,
    )


def premature_stop(
    protein: FusionProtein, junction: Junction, check: SequenceCheck, g5: str, g3: str, s5: Side
) -> tuple[FusionProtein, Junction]:
    """An in-phase junction whose unread bases hold a stop codon: the protein ends
    there and the 3' partner's protein is not made."""
    where = f"{check.stop_offset} nt after the junction" if check.stop_offset is not None else ""
    codon = f" ({check.stop_codon})" if check.stop_codon else ""
    said = (
        f"a stop codon{codon} {where}, before the {g3} coding sequence, read from "
        f"{check.source}: the protein ends after residue {check.residues}; {g3} protein is not "
        "made"
    )
    expl = (said, *junction.explanation[:-1])
    junction = replace(junction, frame="not-applicable", verified=True, explanation=expl)
    full5 = (s5.cds_nt or 0) // 3
    segments = [s for s in protein.segments if s.kind == "5'"]
    if check.residues and check.residues > full5:
        segments.append(ProteinSegment("frameshift", g3, None, None, full5 + 1, check.residues))
    seq = protein.sequence[:full5] if protein.sequence else None
    protein = FusionProtein(
        check.residues,
        tuple(segments),
        seq if check.residues == full5 else None,
        (said,),
    )
    return protein, junction
