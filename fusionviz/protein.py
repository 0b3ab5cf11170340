"""The fusion protein: its segments, length and, where sequence allows, residues.

Pure: works on the two :class:`~fusionviz.frame.Side` objects, the junction and
the partners' protein sequences (possibly None). Residues are numbered as in
:mod:`fusionviz.models`; a residue counts as kept by a partner that gives at least
one base of its codon. Junction residues are those whose codons hold bases of
both partners, retained intronic/flanking bases or non-templated bases (unknown
without nucleotide sequence: shown as X).
"""

from __future__ import annotations

from dataclasses import dataclass

from fusionviz import coordinates as co
from fusionviz.frame import NO_PROTEIN, Side
from fusionviz.models import FusionProtein, Junction, ProteinSegment, ProteinSequence, Transcript


@dataclass(frozen=True, slots=True)
class Partners:
    """What protein composition needs of the two partners."""

    gene5: str
    gene3: str
    t5: Transcript | None
    t3: Transcript | None
    seq5: ProteinSequence | None
    seq3: ProteinSequence | None


@dataclass(frozen=True, slots=True)
class Composition:
    """The fusion protein and the residues each partner keeps."""

    protein: FusionProtein
    kept5: tuple[int, int] | None
    kept3: tuple[int, int] | None


def compose(s5: Side, s3: Side, junction: Junction, p: Partners) -> Composition:
    """Segments, length and (from protein sequences) residues of the fusion protein."""
    if s5.region == "CDS":
        return _five_coding(s5, s3, junction, p)
    if s5.region == "3'UTR":
        len5 = _plen(p.t5)
        assert len5 is not None
        seq = p.seq5.sequence[:len5] if p.seq5 else None
        protein = FusionProtein(
            len5,
            (ProteinSegment("5'", p.gene5, 1, len5, 1, len5),),
            seq,
            (f"the full {p.gene5} protein is made; {p.gene3} is not translated",),
        )
        return Composition(protein, (1, len5), None)
    return _promoter(s5, s3, p)


def _plen(t: Transcript | None) -> int | None:
    return co.protein_length(t) if t is not None else None


def _five_coding(s5: Side, s3: Side, junction: Junction, p: Partners) -> Composition:
    assert s5.cds_nt is not None
    len5 = _plen(p.t5)
    full5 = s5.cds_nt // 3
    kept5 = (1, min(co.codon_of_cds(s5.cds_nt), len5 or s5.cds_nt))
    head = [ProteinSegment("5'", p.gene5, 1, full5, 1, full5)] if full5 else []
    if junction.frame == "in-frame":
        return _in_frame(s5, s3, junction, p, head, full5, kept5)
    label = p.gene3 if junction.frame == "out-of-frame" else f"{p.gene3} (untranslated)"
    tail = ProteinSegment("frameshift", label, None, None, full5 + 1, None)
    if junction.frame == "out-of-frame":
        note = (
            f"out of frame: after {p.gene5} residue {full5} the {p.gene3} sequence is read in "
            "another frame up to a premature stop; its length and residues need nucleotide "
            "sequence, which the annotation used does not give"
        )
    else:
        note = (
            f"{p.gene5} residues 1-{full5} continue into sequence that encodes no {p.gene3} "
            "protein, up to an unknown stop codon"
        )
    protein = FusionProtein(None, (*head, tail), None, (note,))
    return Composition(protein, kept5, None)


def _in_frame(
    s5: Side,
    s3: Side,
    junction: Junction,
    p: Partners,
    head: list[ProteinSegment],
    full5: int,
    kept5: tuple[int, int],
) -> Composition:
    len3 = _plen(p.t3)
    assert len3 is not None and s5.cds_nt is not None
    pieces = (s5.cds_nt % 3) + s5.retained + junction.inserted_bases
    if s3.region == "CDS":
        assert s3.cds_nt is not None
        b3 = (3 - (s3.cds_nt - 1) % 3) % 3
        n_junction = (pieces + s3.retained + b3) // 3
        codon3 = co.codon_of_cds(s3.cds_nt)
        start3 = codon3 + 1 if b3 else codon3
        kept3 = (codon3, len3)
        partner_end: int | None = codon3 if b3 else None
    else:  # 3' joined in its 5' UTR: the UTR bases are read in frame up to its ATG
        n_junction = (pieces + s3.utr5_gap) // 3
        start3, kept3, partner_end = 1, (1, len3), None
    segments = list(head)
    pos = full5 + 1
    if n_junction:
        segments.append(
            ProteinSegment(
                "junction",
                f"{p.gene5}/{p.gene3}",
                full5 + 1,
                partner_end,
                pos,
                pos + n_junction - 1,
            )
        )
        pos += n_junction
    n3 = len3 - start3 + 1
    segments.append(ProteinSegment("3'", p.gene3, start3, len3, pos, pos + n3 - 1))
    length = pos + n3 - 1
    notes = _junction_notes(s5, s3, junction, p, n_junction)
    seq = None
    if p.seq5 and p.seq3:
        seq = p.seq5.sequence[:full5] + "X" * n_junction + p.seq3.sequence[start3 - 1 : len3]
    if not junction.verified:
        protein = FusionProtein(None, tuple(segments), seq, tuple(notes), conditional_length=length)
    else:
        protein = FusionProtein(length, tuple(segments), seq, tuple(notes))
    return Composition(protein, kept5, kept3)


def _junction_notes(
    s5: Side, s3: Side, junction: Junction, p: Partners, n_junction: int
) -> list[str]:
    notes = []
    if s3.region == "5'UTR" and n_junction:
        notes.append(
            f"{n_junction} residue(s) are read from the {p.gene3} 5' UTR before its start codon "
            "(unknown, shown as X)"
        )
    elif n_junction and (s5.retained or s3.retained or junction.inserted_bases):
        notes.append(
            f"{n_junction} junction residue(s) are encoded by retained or non-templated bases "
            "(unknown without their sequence, shown as X)"
        )
    elif n_junction and p.seq5 and p.seq3:
        notes.append(
            "junction residue shown as X: it is encoded by the split codon "
            f"({junction.bases_from_5p} nt {p.gene5} + {junction.bases_from_3p} nt {p.gene3}) "
            "and the annotation used has no nucleotide sequence for it"
        )
    if not junction.verified:
        notes.append(
            f"length given only if the {junction.unread_bases} unread nt hold no stop codon: "
            "not verified"
        )
    return notes


def _promoter(s5: Side, s3: Side, p: Partners) -> Composition:
    """No 5' protein (UTR, non-coding, antisense, intergenic): what the 3' partner can make."""
    len3 = _plen(p.t3)
    if s3.region == "5'UTR" and len3 is not None:
        seq = p.seq3.sequence[:len3] if p.seq3 else None
        note = f"{p.gene3} keeps its own start codon: full-length {p.gene3} protein ({len3} aa)"
        protein = FusionProtein(
            len3, (ProteinSegment("3'", p.gene3, 1, len3, 1, len3),), seq, (note,)
        )
        return Composition(protein, None, (1, len3))
    if s3.region == "CDS" and len3 is not None:
        assert s3.cds_nt is not None
        first_full = co.codon_of_cds(s3.cds_nt) + (1 if (s3.cds_nt - 1) % 3 else 0)
        met = _first_met(p.seq3, first_full, len3)
        if met is not None:
            n = len3 - met + 1
            seq = p.seq3.sequence[met - 1 : len3] if p.seq3 else None
            note = (
                f"{p.gene3} protein from its first Met after the junction (M{met}), {n} aa, "
                "if translation starts there"
            )
            segment = ProteinSegment("3'", p.gene3, met, len3, 1, n)
            return Composition(FusionProtein(n, (segment,), seq, (note,)), None, (met, len3))
        note = (
            f"{p.gene3} could be made only from an internal ATG at or after codon {first_full}; "
            "where it lies needs the protein sequence, which the annotation used does not give"
            if p.seq3 is None
            else f"no Met in {p.gene3} after codon {first_full}: no protein expected"
        )
        return Composition(FusionProtein(None, (), None, (note,)), None, (first_full, len3))
    what = "is joined antisense" if s3.region == "antisense" else "keeps no coding sequence"
    note = f"no coding sequence is kept from {p.gene5}, and {p.gene3} {what}: no fusion protein"
    if s5.region in NO_PROTEIN and s3.region not in NO_PROTEIN | {"3'UTR", "CDS"}:
        note = "no coding sequence is kept on either side: no fusion protein"
    return Composition(FusionProtein(None, (), None, (note,)), None, None)


def _first_met(seq: ProteinSequence | None, start: int, end: int) -> int | None:
    if seq is None:
        return None
    for i in range(start, end + 1):
        if i - 1 < len(seq.sequence) and seq.sequence[i - 1] == "M":
            return i
    return None
