"""Genomic breakpoints give the same AnnotatedFusion as exon input, plus where
each base fell (embedded bundle, GRCh38)."""

from dataclasses import replace

import pytest

from fusionviz.annotate import annotate, annotate_text
from fusionviz.errors import BreakpointError
from fusionviz.models import FusionRequest, GenomicPosition, PartnerSpec
from fusionviz.notation import parse_fusion
from fusionviz.sources import default_source


def genomic(pos5, pos3, gene5=None, gene3=None):
    return FusionRequest(
        PartnerSpec(gene=gene5, breakpoint=GenomicPosition(*pos5)),
        PartnerSpec(gene=gene3, breakpoint=GenomicPosition(*pos3)),
    )


def test_sqstm1_alk_exon_boundaries_give_the_849_aa_fusion():
    af = annotate(genomic(("5", 179825226), ("2", 29225565)), default_source())
    assert (af.five_prime.gene, af.five_prime.exon) == ("SQSTM1", 5)
    assert (af.three_prime.gene, af.three_prime.exon) == ("ALK", 19)
    assert af.protein.length == 849


def test_genomic_and_exon_input_agree_for_eml4_alk_variant_1():
    g = annotate_text("EML4:chr2:42295516::ALK:chr2:29223528")
    e = annotate_text("EML4 e13::ALK e20")
    assert (g.frame, g.protein.length, g.names.short) == (e.frame, e.protein.length, "E13;A20")


def test_intronic_dna_breakpoint_implies_the_flanking_exons_and_says_so():
    request = replace(parse_fusion("chr2:42299120:+::chr2:29223580:-"), breakpoint_meaning="dna")
    af = annotate(request, default_source())
    assert af.five_prime.exon == 13 and af.three_prime.exon == 20
    assert (af.frame, af.protein.length) == ("in-frame", 1059)
    assert any("DNA breakpoint in intron 13" in w for w in af.warnings)
    assert any("intron 19" in w and "starts at exon 20" in w for w in af.warnings)


def test_intronic_rna_junction_keeps_the_intronic_bases_and_cannot_be_predicted():
    af = annotate_text("chr2:42299120:+::chr2:29223580:-")
    assert af.frame == "not-applicable"
    assert "keeps 3604 nt of EML4 intron 13 and 52 nt of ALK intron 19" in af.verdicts[0]
    assert (af.five_prime.placement.reading, af.five_prime.placement.retained) == (
        "retained intron",
        3604,
    )
    dna = [w for w in af.warnings if w.startswith("alternative reading: as genomic DNA")]
    assert dna and "in-frame" in dna[0]


def test_exonic_breakpoint_computes_frame_from_the_exact_base():
    # 31 bases before the end of EML4 exon 13: CDS nt 1458 (phase 0) vs ALK phase 1.
    af = annotate_text("chr2:42295485::chr2:29223528")
    assert af.five_prime.cds_boundary_nt == 1458
    assert af.frame == "out-of-frame"
    assert any("inside" in w or "exonic" in w or "within" in w for w in af.warnings)


def test_base_off_a_splice_site_on_one_side_only_keeps_the_exact_base():
    # 1 nt before the end of EML4 exon 13 (CDS nt 1489), ALK exon 20 exact: never snapped.
    af = annotate_text("chr2:42295515::chr2:29223528")
    assert af.five_prime.cds_boundary_nt == 1488
    assert af.five_prime.placement.reading == "exact bases"
    assert af.frame == "out-of-frame"
    assert any("not moved to the exon 13 boundary" in w for w in af.warnings)
    assert any(
        "at the exon 13 splice site (1 nt away) the junction would be in-frame" in w
        for w in af.warnings
    )


def test_same_shift_on_both_sides_is_the_canonical_junction_by_microhomology():
    # EML4 exon 13 ends at 42295516 (+), ALK exon 20 starts at 29223528 (-): both bases
    # 2 nt upstream along the RNA describe the same RNA if the bases are identical.
    af = annotate_text("chr2:42295514::chr2:29223530")
    assert af.five_prime.placement.reading == "microhomology"
    assert (af.names.short, af.frame, af.protein.length) == ("E13;A20", "in-frame", 1059)
    assert any("ambiguous by 2 nt of microhomology" in w for w in af.warnings)


def test_genomic_input_never_gets_exon_numbering_alternatives():
    af = annotate_text("chr8:29018913:+::chr2:29223528:-")  # HMBOX1 MANE exon 6 :: ALK e20
    assert af.frame == "out-of-frame"
    assert af.alternatives == ()


def test_breakpoint_far_outside_any_transcript_is_refused():
    # chr2:42,600,000 is 300 kb past EML4, inside MTA3: the gene named does not match.
    with pytest.raises(BreakpointError, match="lies in MTA3, not in EML4"):
        annotate(genomic(("2", 42_600_000), ("2", 29223528), gene5="EML4"), default_source())


def test_breakpoint_in_no_gene_is_an_intergenic_partner_with_the_position():
    af = annotate(genomic(("2", 1000), ("2", 29223528)), default_source())
    assert af.frame == "not-applicable" and af.five_prime.region == "intergenic"
    assert any("intergenic at chr2:1000" in w for w in af.warnings)
