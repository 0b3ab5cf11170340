"""Hand-made annotated fusions for the figure tests.

Every number comes from published or bundled-upstream data, never invented:
MANE Select exon -> amino-acid ranges from GENCODE v44 (Ensembl 110, the derived exon
phase table), UniProt features (SQSTM1 Q13501, ALK Q9UM73), Pfam 37.0 envelopes and
InterPro entries as found in the upstream files. Fusion protein segments follow the
conventions in fusionviz.models (the split junction codon is counted on both sides).
The figure tests do not depend on the annotation engine; tests on real annotations of
the seed fusions live in test_real_annotations.py.
"""

from __future__ import annotations

import pytest

from fusionviz.models import (
    AnnotatedFusion,
    Domain,
    DomainVerdict,
    FusionNames,
    FusionProtein,
    FusionRequest,
    GenomicPosition,
    Junction,
    PartnerResult,
    PartnerSpec,
    ProteinSegment,
    SourceInfo,
    Transcript,
)

# (exon, first aa, last aa) of each MANE Select transcript.
# fmt: off
EXONS = {
    "SQSTM1": ((1, 1, 69), (2, 69, 101), (3, 101, 177), (4, 178, 225), (5, 225, 252),
               (6, 252, 323), (7, 324, 389), (8, 389, 441)),
    "ALK": ((1, 1, 223), (2, 223, 263), (3, 263, 318), (4, 318, 385), (5, 385, 428),
            (6, 428, 472), (7, 472, 516), (8, 516, 549), (9, 550, 606), (10, 606, 638),
            (11, 638, 681), (12, 681, 735), (13, 735, 785), (14, 786, 829), (15, 830, 878),
            (16, 878, 939), (17, 939, 972), (18, 972, 1023), (19, 1023, 1058),
            (20, 1058, 1120), (21, 1120, 1150), (22, 1151, 1172), (23, 1172, 1215),
            (24, 1216, 1248), (25, 1248, 1279), (26, 1279, 1313), (27, 1313, 1358),
            (28, 1358, 1388), (29, 1389, 1621)),
    "EML4": ((1, 1, 9), (2, 9, 70), (3, 70, 113), (4, 113, 171), (5, 171, 214), (6, 214, 223),
             (7, 223, 264), (8, 264, 314), (9, 314, 337), (10, 338, 374), (11, 375, 406),
             (12, 407, 451), (13, 452, 497), (14, 497, 547), (15, 548, 589), (16, 590, 633),
             (17, 634, 656), (18, 656, 686), (19, 686, 718), (20, 719, 748), (21, 748, 781),
             (22, 781, 824), (23, 825, 982)),
    "HMBOX1": ((2, 1, 8), (3, 8, 167), (4, 167, 196), (5, 196, 233), (6, 233, 284),
               (7, 284, 312), (8, 312, 344), (9, 344, 375), (10, 376, 421)),
}
# fmt: on

TRANSCRIPTS = {
    "SQSTM1": ("ENST00000389805.9", "SQSTM1-201", "5", 440),
    "ALK": ("ENST00000389048.8", "ALK-201", "2", 1620),
    "EML4": ("ENST00000318522.10", "EML4-201", "2", 981),
    "HMBOX1": ("ENST00000287701.15", "HMBOX1-201", "8", 420),
}

U, P, IPR = "UniProt", "Pfam 37.0", "InterPro"
DOMAINS = {
    "SQSTM1": (
        Domain("PB1", 3, 102, U),
        Domain("ZZ-type", 123, 173, U, "zinc finger"),
        Domain("UBA", 389, 434, U),
        Domain("PB1", 21, 102, P, accession="PF00564"),
        Domain("ZZ", 122, 165, P, accession="PF00569"),
        Domain("UBA_5", 379, 440, P, accession="PF16577"),
        Domain("PB1 domain", 41, 99, IPR, accession="IPR000270"),
    ),
    "ALK": (
        Domain("Signal", 1, 18, U, "signal"),
        Domain("MAM 1", 264, 427, U),
        Domain("LDL-receptor class A", 437, 473, U),
        Domain("MAM 2", 478, 636, U),
        Domain("Extracellular", 19, 1038, U, "topological domain"),
        Domain("Helical", 1039, 1059, U, "transmembrane"),
        Domain("Cytoplasmic", 1060, 1620, U, "topological domain"),
        Domain("Protein kinase", 1116, 1392, U),
        Domain("MAM", 480, 634, P, accession="PF00629"),
        Domain("Gly_rich", 733, 961, P, "family", accession="PF12810"),
        Domain("PK_Tyr_Ser-Thr", 1116, 1382, P, accession="PF07714"),
        Domain(
            "Serine-threonine/tyrosine-protein kinase, catalytic domain",
            1117,
            1381,
            IPR,
            accession="IPR001245",
        ),
    ),
    "EML4": (
        Domain("HELP", 228, 297, P, "repeat", accession="PF03451"),
        Domain("HELP", 228, 295, IPR, accession="IPR005108"),
        *(
            Domain("WD40", a, b, P, "repeat", accession="PF00400")
            for a, b in ((299, 337), (499, 537), (584, 620), (712, 749), (824, 863))
        ),
    ),
    "HMBOX1": (
        Domain("HNF-1_N", 25, 227, P, "family", accession="PF04814"),
        Domain("Homeodomain", 268, 339, P, accession="PF00046"),
        Domain("Homeobox domain", 269, 338, IPR, accession="IPR001356"),
    ),
}


def verdict(d: Domain, kept: tuple[int, int]) -> DomainVerdict:
    lo, hi = max(d.start, kept[0]), min(d.end, kept[1])
    if lo > hi:
        return DomainVerdict(d, "lost", None, None, 0.0)
    frac = (hi - lo + 1) / d.length
    return DomainVerdict(d, "retained" if frac == 1.0 else "truncated", lo, hi, frac)


def partner(gene: str, role: str, exon: int, kept: tuple[int, int], phase: int) -> PartnerResult:
    tid, name, contig, length = TRANSCRIPTS[gene]
    tx = Transcript(name, gene, contig, "+", (), None, transcript_id=tid, is_mane_select=True)
    return PartnerResult(
        role=role,  # type: ignore[arg-type]
        gene=gene,
        transcript=tx,
        exon=exon,
        region="CDS",
        cds_boundary_nt=None,
        phase=phase,
        genomic_boundary=GenomicPosition(contig, 1),
        protein_length=length,
        kept_aa=kept,
        domains=tuple(verdict(d, kept) for d in DOMAINS[gene]),
        exon_aa_ranges=EXONS[gene],
    )


def in_frame_fusion(
    g5: str, e5: int, last5: int, g3: str, e3: int, first3: int, short: str
) -> AnnotatedFusion:
    """A split-codon in-frame fusion (all three seed junctions are phase 1 :: phase 1)."""
    p5 = partner(g5, "5'", e5, (1, last5), 1)
    p3 = partner(g3, "3'", e3, (first3, TRANSCRIPTS[g3][3]), 1)
    n3 = TRANSCRIPTS[g3][3] - first3  # residues after the split codon
    length = last5 + n3
    segs = (
        ProteinSegment("5'", g5, 1, last5 - 1, 1, last5 - 1),
        ProteinSegment("junction", f"{g5}/{g3}", last5, last5, last5, last5),
        ProteinSegment("3'", g3, first3 + 1, TRANSCRIPTS[g3][3], last5 + 1, length),
    )
    return AnnotatedFusion(
        request=FusionRequest(
            PartnerSpec(g5, exon=e5), PartnerSpec(g3, exon=e3), text=f"{g5} e{e5}::{g3} e{e3}"
        ),
        five_prime=p5,
        three_prime=p3,
        junction=Junction("CDS-CDS", "in-frame", 1, 1, True, 1, 2, None, ()),
        protein=FusionProtein(length, segs, None),
        names=FusionNames(f"{g5}::{g3}", short, ""),
        verdicts=(),
        alternatives=(),
        provenance=(SourceInfo("Ensembl", "110"), SourceInfo("Pfam", "37.0")),
    )


@pytest.fixture(scope="session")
def sqstm1_alk() -> AnnotatedFusion:
    """SQSTM1 exon 5 :: ALK exon 19: 849 aa = SQSTM1 1-252 + ALK 1023-1620 (split codon)."""
    return in_frame_fusion("SQSTM1", 5, 252, "ALK", 19, 1023, "S5:A19")


@pytest.fixture(scope="session")
def eml4_alk_variants() -> list[AnnotatedFusion]:
    """EML4 exons 6, 13, 20 :: ALK exon 20 (variants 3, 1, 2)."""
    return [
        in_frame_fusion("EML4", 6, 223, "ALK", 20, 1058, "E6:A20"),
        in_frame_fusion("EML4", 13, 497, "ALK", 20, 1058, "E13:A20"),
        in_frame_fusion("EML4", 20, 748, "ALK", 20, 1058, "E20:A20"),
    ]


@pytest.fixture(scope="session")
def hmbox1_alk_mane() -> AnnotatedFusion:
    """HMBOX1 exon 6 (MANE, end phase 2) :: ALK exon 20 (start phase 1): out of frame.

    HMBOX1 residues 1-283 are intact; codon 284 is split and the rest is frameshifted.
    The premature stop is not computed here (no cDNA), so the tail has an unknown end.
    """
    p5 = partner("HMBOX1", "5'", 6, (1, 284), 2)
    p3 = partner("ALK", "3'", 20, (1058, 1620), 1)
    segs = (
        ProteinSegment("5'", "HMBOX1", 1, 283, 1, 283),
        ProteinSegment("frameshift", "ALK", None, None, 284, None),
    )
    return AnnotatedFusion(
        request=FusionRequest(
            PartnerSpec("HMBOX1", exon=6), PartnerSpec("ALK", exon=20), text="HMBOX1 e6::ALK e20"
        ),
        five_prime=p5,
        three_prime=p3,
        junction=Junction("CDS-CDS", "out-of-frame", 2, 1, True, 2, 1, None, ()),
        protein=FusionProtein(None, segs, None),
        names=FusionNames("HMBOX1::ALK", "H6:A20", ""),
        verdicts=(),
        alternatives=(),
        provenance=(SourceInfo("Ensembl", "110"), SourceInfo("Pfam", "37.0")),
    )


# ------------------------------------------------------------------ hand-made genes
# Two small genes with real exon structure on opposite strands (tests/handmade.py):
# KINA (+ strand, 5 exons, 5'UTR 9 nt) carries a kinase; CCA (- strand, 6 exons)
# carries a coiled coil. Lengths are arbitrary; the arithmetic is what is tested.


def handmade_source():
    from fusionviz.models import Domain
    from tests.handmade import FakeSource, make_transcript

    cca = make_transcript("CCA", [40, 61, 89, 75, 60, 80], cds_tx=(32, 361), strand="-", contig="3")
    kina = make_transcript("KINA", [30, 90, 120, 90, 100], cds_tx=(10, 420), strand="+", contig="9")
    return FakeSource(
        {"CCA": [cca], "KINA": [kina]},
        domain_map={
            "CCA-201": [Domain("Coiled coil", 5, 60, "UniProt", "coiled-coil")],
            "KINA-201": [
                Domain("Protein kinase", 60, 120, "UniProt"),
                Domain("PK_Tyr_Ser-Thr", 62, 118, "Pfam 37.0", accession="PF07714"),
                Domain("Helical", 20, 40, "UniProt", "transmembrane"),
            ],
        },
    )


@pytest.fixture(scope="session")
def handmade():
    """(source, annotate) for the hand-made genes."""
    from fusionviz.annotate import annotate_text

    src = handmade_source()
    return src, lambda text: annotate_text(text, src)
