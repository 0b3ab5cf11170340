"""Genomic breakpoints give the same AnnotatedFusion as exon input, plus where
each base fell (embedded bundle, GRCh38)."""

import pytest

from fusionviz.annotate import annotate, annotate_text
from fusionviz.errors import BreakpointError
from fusionviz.models import FusionRequest, GenomicPosition, PartnerSpec
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


def test_intronic_breakpoint_implies_the_exon_boundary_and_says_so():
    af = annotate_text("chr2:42299120:+::chr2:29223580:-")
    assert af.five_prime.exon == 13 and af.three_prime.exon == 20
    assert any("intron 13" in w for w in af.warnings)
    assert any("intron 19" in w and "exon 20" in w for w in af.warnings)


def test_exonic_breakpoint_computes_frame_from_the_exact_base():
    # 31 bases before the end of EML4 exon 13: CDS nt 1458 (phase 0) vs ALK phase 1.
    af = annotate_text("chr2:42295485::chr2:29223528")
    assert af.five_prime.cds_boundary_nt == 1458
    assert af.frame == "out-of-frame"
    assert any("inside" in w or "exonic" in w or "within" in w for w in af.warnings)


def test_base_a_few_bp_off_a_splice_site_is_read_as_that_boundary_with_the_offset():
    af = annotate_text("chr2:42295515::chr2:29223528")
    assert af.five_prime.cds_boundary_nt == 1489
    assert any("splice site" in w for w in af.warnings)


def test_breakpoint_far_outside_any_transcript_is_refused():
    with pytest.raises(BreakpointError):
        annotate(genomic(("2", 42_600_000), ("2", 29223528), gene5="EML4"), default_source())


def test_breakpoint_in_no_gene_is_refused_with_the_position():
    with pytest.raises(BreakpointError, match="chr2:1000"):
        annotate(genomic(("2", 1000), ("2", 29223528)), default_source())
