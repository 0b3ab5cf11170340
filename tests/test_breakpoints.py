"""Genomic breakpoints placed on transcripts (fusionviz.breakpoints)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from fusionviz.breakpoints import exon_boundary_position, locate
from fusionviz.errors import BreakpointError, ExonOutOfRangeError
from fusionviz.models import Exon, Transcript

# Hand-made transcripts. Plus strand: exon 1 = 100-199 (cDNA 1-100), exon 2 = 300-349
# (cDNA 101-150), exon 3 = 500-599 (cDNA 151-250). The minus-strand twin mirrors it:
# exon 1 = 500-599 (cDNA 1-100 from 599 down), exon 2 = 300-349, exon 3 = 100-199.
PLUS = Transcript(
    name="PLUS-201",
    gene="PLUS",
    contig="1",
    strand="+",
    exons=(Exon(1, 100, 199), Exon(2, 300, 349), Exon(3, 500, 599)),
    cds=(150, 550),
    transcript_id="ENSTPLUS.1",
)
MINUS = Transcript(
    name="MINUS-201",
    gene="MINUS",
    contig="1",
    strand="-",
    exons=(Exon(1, 500, 599), Exon(2, 300, 349), Exon(3, 100, 199)),
    cds=(150, 550),
    transcript_id="ENSTMINUS.1",
)


def _fields(loc):
    return loc.kind, loc.exon, loc.tx_position, loc.exact, loc.offset


# --- plus strand -------------------------------------------------------------------


def test_plus_5p_last_base_of_exon_is_an_exact_boundary():
    loc = locate(PLUS, 199, "5'")
    assert _fields(loc) == ("exon_boundary", 1, 100, True, 0)
    assert loc.note == "chr1:199 is the last base of PLUS exon 1 (ENSTPLUS.1)"


def test_plus_5p_one_base_either_side_of_the_boundary_is_a_splice_site():
    after = locate(PLUS, 200, "5'")
    assert _fields(after) == ("splice_site", 1, 100, False, 1)
    assert after.intron == 1 and after.base_tx_position is None
    before = locate(PLUS, 198, "5'")
    assert _fields(before) == ("splice_site", 1, 100, False, -1)
    assert before.base_tx_position == 99


def test_plus_5p_intronic_implies_the_preceding_exon_end():
    loc = locate(PLUS, 250, "5'")
    assert _fields(loc) == ("intronic", 1, 100, False, 51)
    assert loc.boundary == 199 and loc.intron == 1


def test_plus_5p_near_the_next_acceptor_still_implies_the_preceding_exon():
    assert _fields(locate(PLUS, 295, "5'")) == ("intronic", 1, 100, False, 96)


def test_plus_5p_inside_an_exon_keeps_the_exact_base():
    loc = locate(PLUS, 150, "5'")
    assert _fields(loc) == ("exonic", 1, 51, False, -49)
    assert "non-canonical" in loc.note


def test_plus_5p_outside_the_transcript():
    up = locate(PLUS, 50, "5'")
    assert (up.kind, up.exon, up.tx_position) == ("upstream", None, None)
    down = locate(PLUS, 700, "5'")
    assert _fields(down) == ("downstream", 3, 250, False, 101)


def test_plus_5p_last_exon_end_is_a_boundary():
    assert _fields(locate(PLUS, 599, "5'")) == ("exon_boundary", 3, 250, True, 0)


def test_plus_3p_first_base_of_exon_is_an_exact_boundary():
    loc = locate(PLUS, 300, "3'")
    assert _fields(loc) == ("exon_boundary", 2, 101, True, 0)
    assert loc.note == "chr1:300 is the first base of PLUS exon 2 (ENSTPLUS.1)"


def test_plus_3p_splice_site_and_intronic_and_exonic():
    assert _fields(locate(PLUS, 299, "3'")) == ("splice_site", 2, 101, False, -1)
    assert _fields(locate(PLUS, 290, "3'")) == ("splice_site", 2, 101, False, -10)
    assert _fields(locate(PLUS, 289, "3'")) == ("intronic", 2, 101, False, -11)
    assert _fields(locate(PLUS, 250, "3'")) == ("intronic", 2, 101, False, -50)
    inside = locate(PLUS, 303, "3'")
    assert _fields(inside) == ("splice_site", 2, 101, False, 3)
    assert inside.base_tx_position == 104
    assert _fields(locate(PLUS, 320, "3'")) == ("exonic", 2, 121, False, 20)


def test_plus_3p_outside_the_transcript():
    assert _fields(locate(PLUS, 50, "3'")) == ("upstream", 1, 1, False, -50)
    down = locate(PLUS, 700, "3'")
    assert (down.kind, down.exon, down.tx_position) == ("downstream", None, None)


def test_plus_3p_transcript_start_is_a_boundary():
    assert _fields(locate(PLUS, 100, "3'")) == ("exon_boundary", 1, 1, True, 0)


# --- minus strand ------------------------------------------------------------------


def test_minus_5p_last_kept_base_is_the_exon_low_end():
    loc = locate(MINUS, 500, "5'")
    assert _fields(loc) == ("exon_boundary", 1, 100, True, 0)
    assert loc.note == "chr1:500 is the last base of MINUS exon 1 (ENSTMINUS.1)"


def test_minus_5p_off_by_one_around_the_boundary():
    assert _fields(locate(MINUS, 499, "5'")) == ("splice_site", 1, 100, False, 1)
    inside = locate(MINUS, 501, "5'")
    assert _fields(inside) == ("splice_site", 1, 100, False, -1)
    assert inside.base_tx_position == 99


def test_minus_5p_intronic_exonic_and_outside():
    assert _fields(locate(MINUS, 400, "5'")) == ("intronic", 1, 100, False, 100)
    assert _fields(locate(MINUS, 550, "5'")) == ("exonic", 1, 50, False, -50)
    up = locate(MINUS, 700, "5'")
    assert (up.kind, up.exon) == ("upstream", None)
    assert _fields(locate(MINUS, 50, "5'")) == ("downstream", 3, 250, False, 50)


def test_minus_3p_first_kept_base_is_the_exon_high_end():
    assert _fields(locate(MINUS, 349, "3'")) == ("exon_boundary", 2, 101, True, 0)
    assert _fields(locate(MINUS, 350, "3'")) == ("splice_site", 2, 101, False, -1)
    assert _fields(locate(MINUS, 348, "3'")) == ("splice_site", 2, 101, False, 1)
    assert _fields(locate(MINUS, 400, "3'")) == ("intronic", 2, 101, False, -51)
    assert _fields(locate(MINUS, 320, "3'")) == ("exonic", 2, 130, False, 29)


def test_minus_3p_outside_the_transcript():
    assert _fields(locate(MINUS, 700, "3'")) == ("upstream", 1, 1, False, -101)
    down = locate(MINUS, 50, "3'")
    assert (down.kind, down.exon, down.tx_position) == ("downstream", None, None)


# --- exon_boundary_position --------------------------------------------------------


def test_exon_boundary_position_on_both_strands():
    assert exon_boundary_position(PLUS, 2, "5'") == 349
    assert exon_boundary_position(PLUS, 2, "3'") == 300
    assert exon_boundary_position(MINUS, 2, "5'") == 300
    assert exon_boundary_position(MINUS, 2, "3'") == 349


@pytest.mark.parametrize("t", [PLUS, MINUS])
@pytest.mark.parametrize("role", ["5'", "3'"])
def test_every_boundary_position_locates_back_to_its_exon(t, role):
    for e in t.exons:
        loc = locate(t, exon_boundary_position(t, e.number, role), role)
        assert (loc.kind, loc.exon, loc.exact) == ("exon_boundary", e.number, True)


def test_exon_out_of_range_is_an_error():
    with pytest.raises(ExonOutOfRangeError, match="no exon 4 .*exons 1-3"):
        exon_boundary_position(PLUS, 4, "5'")


def test_bad_role_and_position_are_errors():
    with pytest.raises(BreakpointError):
        locate(PLUS, 199, "5")  # type: ignore[arg-type]
    with pytest.raises(BreakpointError):
        locate(PLUS, 0, "5'")


# --- real MANE transcripts (GRCh38, from the shared phase table) --------------------


def _mane(shared: Path, gene: str) -> Transcript:
    with open(shared / "upstream/derived/panel_MANE_exon_phase_table.tsv") as fh:
        rows = [r for r in csv.DictReader(fh, delimiter="\t") if r["gene_name"] == gene]
    exons = tuple(
        Exon(int(r["exon_number"]), int(r["exon_start"]), int(r["exon_end"])) for r in rows
    )
    contig = {"ALK": "2", "EML4": "2", "SQSTM1": "5", "HMBOX1": "8"}[gene]
    return Transcript(
        name=f"{gene}-MANE",
        gene=gene,
        contig=contig,
        strand=rows[0]["strand"],
        exons=exons,
        cds=None,
        transcript_id=rows[0]["transcript_id"],
    )


def test_alk_exon20_acceptor_and_the_synthetic_intronic_spike_in(shared_dir):
    alk = _mane(shared_dir, "ALK")
    loc = locate(alk, 29223528, "3'")
    assert (loc.kind, loc.exon, loc.exact) == ("exon_boundary", 20, True)
    assert loc.note == "chr2:29223528 is the first base of ALK exon 20 (ENST00000389048.8)"
    assert exon_boundary_position(alk, 19, "3'") == 29225565
    spike = locate(alk, 29223584, "3'")  # 56 bp 5' of exon 20 (PROVENANCE)
    assert (spike.kind, spike.exon, spike.offset, spike.intron) == ("intronic", 20, -56, 19)


def test_eml4_donors_exact_intronic_and_splice_site(shared_dir):
    eml4 = _mane(shared_dir, "EML4")
    assert locate(eml4, 42264731, "5'").kind == "exon_boundary"
    v3b = locate(eml4, 42264951, "5'")  # H2228: 220 bp after MANE exon 6
    assert (v3b.kind, v3b.exon, v3b.offset) == ("intronic", 6, 220)
    spike = locate(eml4, 42301394, "5'")  # +2 after exon 14
    assert (spike.kind, spike.exon, spike.offset) == ("splice_site", 14, 2)
    fc = locate(eml4, 42301391, "5'")  # FusionCatcher's microhomology shift: 1 bp inside
    assert (fc.kind, fc.exon, fc.offset) == ("splice_site", 14, -1)


def test_the_seed_junctions_of_the_test_caller_files_are_bundle_exon_boundaries():
    """tests/data/callers holds the seeds at these bases; check them on the bundle."""
    from fusionviz.sources import default_source

    src = default_source()
    cases = [
        (src.default_transcript("SQSTM1"), 5, "5'", 179825226),
        (src.transcript("HMBOX1-203", gene="HMBOX1"), 6, "5'", 29009182),
        (src.default_transcript("HMBOX1"), 5, "5'", 29009182),
        (src.default_transcript("EML4"), 6, "5'", 42264731),
        (src.default_transcript("ALK"), 19, "3'", 29225565),
        (src.default_transcript("ALK"), 20, "3'", 29223528),
    ]
    for t, exon, role, pos in cases:
        assert exon_boundary_position(t, exon, role) == pos
        loc = locate(t, pos, role)
        assert (loc.kind, loc.exon, loc.exact) == ("exon_boundary", exon, True)
