"""Read the junction's nucleotides where they are known: the partners' cDNA (an
installed Ensembl release) or the caller's assembled junction sequence.

An in-frame call that crosses bases the annotation does not give (retained
intronic bases, the 3' partner's 5' UTR) is only conditional; these functions
read those bases in the 5' reading frame and say whether a stop codon ends the
protein before the 3' coding sequence. Biopython does the translation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from fusionviz import coordinates as co
from fusionviz.frame import Side
from fusionviz.models import JunctionSequence, Transcript

STOPS = frozenset({"TAA", "TAG", "TGA"})


@dataclass(frozen=True, slots=True)
class SequenceCheck:
    """What reading the unread bases found.

    ``status``: ``verified`` (no stop before the 3' coding sequence), ``stop`` (a
    stop codon ``stop_codon`` starting ``stop_offset`` nt after the junction, i.e.
    after the 5' partner's last base; the protein then has ``residues`` residues),
    ``short`` (the sequence ends before the 3' coding sequence: not decided) or
    ``inconsistent`` (the sequence does not match the annotation's reading frame).
    """

    status: Literal["verified", "stop", "short", "inconsistent"]
    source: str
    stop_offset: int | None = None
    stop_codon: str = ""
    residues: int | None = None
    read: int = 0


def check_caller_sequence(s5: Side, s3: Side, seq: JunctionSequence) -> SequenceCheck:
    """Read the caller's junction sequence in the 5' frame up to the 3' coding sequence.

    The sequence's junction must be the junction placed (the caller's exact bases).
    """
    assert s5.cds_nt is not None
    five, fused = seq.five, seq.five + seq.inserted + seq.three
    n5 = s5.cds_nt + s5.retained  # 5' frame position of five's last base (1 = A of ATG)
    last = len(five) - 1
    j0 = next(j for j in range(3) if (n5 - (last - j) - 1) % 3 == 0)
    lead = s3.utr5_gap if s3.region == "5'UTR" else s3.retained
    coding3 = len(five) + len(seq.inserted) + lead  # index of the 3' coding anchor
    known5 = len(five) - s5.retained  # indices before this are 5' annotated CDS
    residue = (n5 - (last - j0) - 1) // 3  # 5' residues before the codon at j0
    for j in range(j0, coding3, 3):
        codon = fused[j : j + 3]
        if len(codon) < 3:
            return SequenceCheck("short", seq.source, read=max(0, j - len(five)))
        if codon in STOPS:
            if j + 3 <= known5:
                return SequenceCheck("inconsistent", seq.source)
            return SequenceCheck(
                "stop", seq.source, j - len(five), codon, residue, read=j + 3 - len(five)
            )
        residue += 1
    return SequenceCheck("verified", seq.source, read=max(0, coding3 - len(five)))


def translate_fusion(
    t5: Transcript,
    last5: int,
    cdna5: str,
    t3: Transcript,
    first3: int,
    cdna3: str,
    inserted: str = "",
) -> str | None:
    """Translate the fusion cDNA from the 5' start codon to the first stop."""
    from Bio.Seq import Seq  # Biopython does the translation; imported only when used

    b5 = co.cds_tx_bounds(t5)
    if b5 is None:
        return None
    fused = cdna5[b5[0] - 1 : last5] + inserted + cdna3[first3 - 1 :]
    fused = fused[: len(fused) - len(fused) % 3]
    return str(Seq(fused).translate(to_stop=True))


def check_cdna(s5: Side, s3: Side, exact: str, source: str) -> SequenceCheck:
    """Whether an exact translation reaches the 3' coding sequence in frame."""
    assert s5.cds_nt is not None
    full5 = s5.cds_nt // 3
    lead = s3.utr5_gap if s3.region == "5'UTR" else 0
    before3 = full5 + ((s5.cds_nt % 3) + lead) // 3  # residues before the 3' CDS codons
    if len(exact) < before3:
        stop_offset = 3 * len(exact) - s5.cds_nt
        return SequenceCheck("stop", source, stop_offset, "", len(exact), read=lead)
    return SequenceCheck("verified", source, read=lead)


def first_stop(cds_nt5: int, retained5: int, seq: JunctionSequence) -> tuple[int, str] | None:
    """The first stop codon after the junction when the caller's sequence is read in
    the 5' partner's frame: (nt after the 5' partner's last base, codon), or None."""
    five, fused = seq.five, seq.five + seq.inserted + seq.three
    n5 = cds_nt5 + retained5
    last = len(five) - 1
    j0 = next(j for j in range(3) if (n5 - (last - j) - 1) % 3 == 0)
    for j in range(j0, len(fused) - 2, 3):
        codon = fused[j : j + 3]
        if codon in STOPS and j + 3 > len(five) - retained5:
            return j - len(five), codon
    return None
