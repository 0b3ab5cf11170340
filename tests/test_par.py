"""chrY pseudoautosomal bases are read as their chrX copies, and said so."""

from __future__ import annotations

import pytest

from fusionviz.annotate import annotate
from fusionviz.models import FusionRequest, GenomicPosition, PartnerSpec
from fusionviz.par import on_x
from fusionviz.sources import default_source


def test_par1_base_on_y_is_the_same_number_on_x():
    x, note = on_x(GenomicPosition("Y", 1_536_921, "-"))
    assert x == GenomicPosition("X", 1_536_921, "-")
    assert "PAR1" in note and "chrX:1536921:-" in note


@pytest.mark.parametrize(
    "y,x",
    [(56_887_903, 155_701_383), (57_217_415, 156_030_895), (57_000_000, 155_813_480)],
)
def test_par2_bases_are_shifted_onto_x(y, x):
    assert on_x(GenomicPosition("Y", y))[0] == GenomicPosition("X", x)


@pytest.mark.parametrize(
    "pos",
    [
        GenomicPosition("Y", 10_000),  # before PAR1: Y-specific Ns
        GenomicPosition("Y", 2_781_480),  # first Y-specific base after PAR1
        GenomicPosition("Y", 57_217_416),
        GenomicPosition("X", 1_536_921),
        GenomicPosition("12", 1_536_921),
    ],
)
def test_bases_outside_the_pars_are_left_alone(pos):
    assert on_x(pos) is None


def test_a_par_breakpoint_on_y_is_annotated_with_the_x_gene_and_a_statement():
    # P2RY8 (PAR1, annotated on chrX) as a long-read caller reported it on chrY
    req = FusionRequest(
        five_prime=PartnerSpec(breakpoint=GenomicPosition("Y", 1_536_921, "-")),
        three_prime=PartnerSpec(breakpoint=GenomicPosition("12", 104_135_532, "-")),
        text="chrY:1536921:- :: chr12:104135532:-",
    )
    af = annotate(req, default_source())
    assert af.five_prime.gene == "P2RY8"
    assert af.five_prime.genomic_boundary.contig == "X"
    assert any("pseudoautosomal region PAR1" in w for w in af.warnings)
