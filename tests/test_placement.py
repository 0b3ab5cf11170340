"""Reading genomic breakpoints (fusionviz.placement via the engine) on hand-made
transcripts of both strands: exact boundaries, microhomology, exact bases off a
splice site, RNA vs DNA meaning, antisense partners, unverified frames and the
caller's junction sequence."""

from __future__ import annotations

import pytest
from Bio.Seq import Seq

from fusionviz.annotate import annotate
from fusionviz.breakpoints import exon_boundary_position
from fusionviz.models import (
    FusionRequest,
    GenomicPosition,
    JunctionSequence,
    Locus,
    PartnerSpec,
    Transcript,
)
from tests.handmade import FakeSource, make_transcript

# GENEA exons 10,20,30,40, CDS cDNA 6..92: exon end phases 2, 1, 1.
# GENEC exons 10,20,30,40, CDS cDNA 6..92: exon start phases -, 2, 1, 1.
# GENEA exon 2 (end phase 1) :: GENEC exon 3 (start phase 1) is in frame.


def along(t: Transcript, pos: int, k: int) -> int:
    """The base k nt further along ``t``'s transcription direction."""
    return pos + k if t.strand == "+" else pos - k


@pytest.fixture(params=[("+", "-"), ("-", "+")], ids=["A+C-", "A-C+"])
def pair(request):
    s5, s3 = request.param
    a = make_transcript("GENEA", [10, 20, 30, 40], cds_tx=(6, 92), strand=s5)
    c = make_transcript("GENEC", [10, 20, 30, 40], cds_tx=(6, 92), strand=s3, origin=50_000)
    return a, c, FakeSource(genes={"GENEA": [a], "GENEC": [c]})


def breakpoint_request(a, c, pos5, pos3, *, strand5=None, strand3=None, meaning="rna", seq=None):
    return FusionRequest(
        PartnerSpec(gene=a.gene, breakpoint=GenomicPosition(a.contig, pos5, strand5)),
        PartnerSpec(gene=c.gene, breakpoint=GenomicPosition(c.contig, pos3, strand3)),
        breakpoint_meaning=meaning,
        junction_sequence=seq,
    )


def ends(a, c, e5=2, e3=3):
    return exon_boundary_position(a, e5, "5'"), exon_boundary_position(c, e3, "3'")


def test_exact_splice_sites_are_read_as_exon_boundaries(pair):
    a, c, src = pair
    af = annotate(breakpoint_request(a, c, *ends(a, c)), src)
    assert (af.five_prime.exon, af.three_prime.exon, af.frame) == (2, 3, "in-frame")
    assert af.five_prime.placement.reading == "exon boundary"
    assert af.junction.verified and af.protein.length is not None


@pytest.mark.parametrize("k", [-3, -1, 2, 5])
def test_the_same_shift_on_both_sides_is_the_canonical_junction(pair, k):
    a, c, src = pair
    p5, p3 = ends(a, c)
    af = annotate(breakpoint_request(a, c, along(a, p5, k), along(c, p3, k)), src)
    exact = annotate(breakpoint_request(a, c, p5, p3), src)
    assert af.five_prime.placement.reading == "microhomology"
    assert (af.names.short, af.frame, af.protein.length) == (
        exact.names.short,
        exact.frame,
        exact.protein.length,
    )
    assert any(f"ambiguous by {abs(k)} nt of microhomology" in w for w in af.warnings)


def test_a_base_off_the_splice_site_on_one_side_keeps_the_exact_bases(pair):
    a, c, src = pair
    p5, p3 = ends(a, c)
    af = annotate(breakpoint_request(a, c, along(a, p5, -1), p3), src)  # 1 nt inside exon 2
    assert af.five_prime.placement.reading == "exact bases"
    assert af.five_prime.cds_boundary_nt == 24  # not 25: the exon's last base is not kept
    assert af.frame == "out-of-frame"
    assert any(
        "at the exon 2 splice site (1 nt away)" in w and "in-frame" in w for w in af.warnings
    )


def test_different_shifts_are_not_microhomology(pair):
    a, c, src = pair
    p5, p3 = ends(a, c)
    af = annotate(breakpoint_request(a, c, along(a, p5, -2), along(c, p3, -1)), src)
    assert af.five_prime.placement.reading == "exact bases"
    assert af.three_prime.placement.reading == "retained intron"


def test_small_intronic_retention_is_in_frame_only_conditionally(pair):
    a, c, src = pair
    p5, p3 = ends(a, c)
    af = annotate(breakpoint_request(a, c, along(a, p5, 3), p3), src)  # 3 intronic nt kept
    assert af.frame == "in-frame"
    assert not af.junction.verified and af.junction.unread_bases == 3
    assert af.protein.length is None and af.protein.conditional_length is not None
    assert af.verdicts[0].startswith("In frame at the junction, unverified")


def test_dna_breakpoint_in_an_intron_splices_to_the_flanking_exons(pair):
    a, c, src = pair
    p5, p3 = ends(a, c)
    far5, far3 = along(a, p5, 40), along(c, p3, -40)
    rna = annotate(breakpoint_request(a, c, far5, far3), src)
    dna = annotate(breakpoint_request(a, c, far5, far3, meaning="dna"), src)
    assert rna.frame == "not-applicable"  # 80 intronic nt of unknown sequence in the RNA
    assert (dna.five_prime.exon, dna.three_prime.exon, dna.frame) == (2, 3, "in-frame")
    assert dna.five_prime.placement.reading == "DNA breakpoint"


def test_dna_breakpoint_inside_an_exon_removes_its_splice_site(pair):
    a, c, src = pair
    p5, p3 = ends(a, c, 3, 3)
    inside = along(a, p5, -5)  # 5 nt before the end of GENEA exon 3
    dna = annotate(breakpoint_request(a, c, inside, along(c, p3, -40), meaning="dna"), src)
    assert dna.five_prime.exon == 2  # exon 3 lost its donor: exon 2's end is joined
    assert any("removes its splice site" in w for w in dna.warnings)


def test_antisense_strand_makes_that_partner_proteinless(pair):
    a, c, src = pair
    p5, p3 = ends(a, c)
    wrong = "+" if c.strand == "-" else "-"
    af = annotate(breakpoint_request(a, c, p5, p3, strand5=a.strand, strand3=wrong), src)
    assert af.frame == "not-applicable"
    assert af.three_prime.region == "antisense"
    assert any("GENEC joined antisense, no GENEC protein" in w for w in af.warnings)
    sense = annotate(breakpoint_request(a, c, p5, p3, strand5=a.strand, strand3=c.strand), src)
    assert sense.frame == "in-frame"


def test_non_templated_bases_shift_the_frame(pair):
    a, c, src = pair
    seq = JunctionSequence("ACGTAC", "GGATCC", "test", inserted="T")
    af = annotate(breakpoint_request(a, c, *ends(a, c), seq=seq), src)
    assert af.junction.inserted_bases == 1
    assert af.frame == "out-of-frame"


# --- the 3' partner joined in its 5' UTR ------------------------------------------

UTR_CDS = "ATG" + "GCTGAAAAA" * 3 + "TAA"  # 33 nt


def utr_source(utr: str):
    """GENEA (+) and GENEU (+): GENEU exon 2 starts len(utr) nt before its ATG."""
    a = make_transcript("GENEA", [10, 20, 30, 40], cds_tx=(6, 92))
    lengths = [10, len(utr) + len(UTR_CDS) + 5]
    u = make_transcript("GENEU", lengths, cds_tx=(11 + len(utr), 10 + len(utr) + 33), origin=60_000)
    a_cdna = "G" * 5 + "ATG" + "GCT" * 27 + "TAA" + "C" * 8
    u_cdna = "C" * 10 + utr + UTR_CDS + "G" * 5
    src = FakeSource(genes={"GENEA": [a], "GENEU": [u]}, cdna={"GENEA-201": a_cdna})
    return a, u, src, u_cdna


def test_cds_into_a_five_prime_utr_is_unverified_without_sequence():
    a, u, src, _ = utr_source("CCA" * 4 + "CA")  # 14 nt: end phase 1 + 14 = 15
    af = annotate(breakpoint_request(a, u, *ends(a, u, 2, 2)), src)
    assert af.junction.junction_class == "CDS::5'UTR"
    assert (af.frame, af.junction.verified) == ("in-frame", False)
    assert af.protein.length is None and af.protein.conditional_length == 8 + 5 + 10


def test_a_stop_in_the_five_prime_utr_ends_the_protein_when_cdna_is_known():
    a, u, src, u_cdna = utr_source("CC" + "TAG" + "CCACCACCA")  # 14 nt, TAG in frame
    src.cdna["GENEU-201"] = u_cdna
    af = annotate(breakpoint_request(a, u, *ends(a, u, 2, 2)), src)
    assert af.frame == "not-applicable"
    assert "stop codon" in af.verdicts[0] and "GENEU protein is not made" in af.verdicts[0]
    fused = src.cdna["GENEA-201"][5:30] + u_cdna[10:]
    fused = fused[: len(fused) - len(fused) % 3]
    assert af.protein.length == len(Seq(fused).translate(to_stop=True)) == 9


def test_the_callers_sequence_verifies_a_utr_reading():
    a, u, src, u_cdna = utr_source("CCA" * 4 + "CA")
    seq = JunctionSequence("GCTGCTGCTG", u_cdna[10:40], "caller test sequence")
    af = annotate(breakpoint_request(a, u, *ends(a, u, 2, 2), seq=seq), src)
    assert (af.frame, af.junction.verified) == ("in-frame", True)
    assert af.protein.length == 23


# --- partners without a coding transcript ------------------------------------------


class LociSource(FakeSource):
    """A FakeSource that also knows non-coding loci."""

    loci: tuple[Locus, ...] = ()

    def locus(self, symbol):
        return next((x for x in self.loci if x.symbol.upper() == symbol.upper()), None)

    def loci_at(self, contig, position):
        return tuple(x for x in self.loci if x.contig == contig and x.start <= position <= x.end)

    def nearest_loci(self, contig, position, n=2):
        near = sorted(
            (x for x in self.loci if x.contig == contig),
            key=lambda x: min(abs(position - x.start), abs(position - x.end)),
        )
        return tuple((x, position - (x.end if position > x.end else x.start)) for x in near[:n])


def test_a_lncrna_partner_is_a_valid_row_with_no_protein_from_it():
    a = make_transcript("GENEA", [10, 20, 30, 40], cds_tx=(6, 92))
    src = LociSource(genes={"GENEA": [a]})
    src.loci = (Locus("LINC01234", "ENSG00000000001.1", "lncRNA", "1", 80_000, 90_000, "+"),)
    req = FusionRequest(
        PartnerSpec(gene="GENEA", breakpoint=GenomicPosition("1", ends(a, a)[0], "+")),
        PartnerSpec(gene="LINC01234", breakpoint=GenomicPosition("1", 85_000, "+")),
    )
    af = annotate(req, src)
    assert af.frame == "not-applicable"
    assert af.three_prime.transcript is None and af.three_prime.locus.biotype == "lncRNA"
    assert af.junction.junction_class == "CDS::non-coding"
    assert any("LINC01234 is a lncRNA" in w for w in af.warnings)


def test_an_intergenic_base_says_where_it_is():
    a = make_transcript("GENEA", [10, 20, 30, 40], cds_tx=(6, 92))
    src = LociSource(genes={"GENEA": [a]})
    src.loci = (Locus("GENEZ", "ENSG00000000002.1", "protein_coding", "1", 200_000, 210_000, "+"),)
    req = FusionRequest(
        PartnerSpec(gene="GENEA", breakpoint=GenomicPosition("1", ends(a, a)[0], "+")),
        PartnerSpec(breakpoint=GenomicPosition("1", 188_000, "+")),
    )
    af = annotate(req, src)
    assert af.three_prime.region == "intergenic"
    assert any("12 kb upstream of GENEZ" in w for w in af.warnings)
