"""Genomic breakpoints placed on transcripts (fusionviz.breakpoints)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from fusionviz.breakpoints import classify, exon_boundary_position
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


def _fields(site):
    return site.kind, site.exon, site.anchor_tx, site.retained, site.splice_offset


# --- plus strand -------------------------------------------------------------------


def test_plus_5p_last_base_of_exon_is_an_exact_boundary():
    site = classify(PLUS, 199, "5'")
    assert _fields(site) == ("boundary", 1, 100, 0, 0)
    assert site.is_boundary
    assert site.describe() == "chr1:199 is the last base of PLUS exon 1 (ENSTPLUS.1)"


def test_plus_5p_one_base_either_side_of_the_boundary_is_near_the_splice_site():
    after = classify(PLUS, 200, "5'")
    assert _fields(after) == ("intronic", 1, 100, 1, 1)
    assert after.intron == 1 and after.near_splice_site
    before = classify(PLUS, 198, "5'")
    assert _fields(before) == ("exonic", 1, 99, 0, -1)
    assert before.near_splice_site and not before.is_boundary


def test_plus_5p_intronic_base_keeps_its_intronic_neighbours():
    assert _fields(classify(PLUS, 250, "5'")) == ("intronic", 1, 100, 51, 51)
    assert _fields(classify(PLUS, 295, "5'")) == ("intronic", 1, 100, 96, 96)


def test_plus_5p_exonic_base_is_measured_from_the_nearest_donor():
    assert _fields(classify(PLUS, 150, "5'")) == ("exonic", 1, 51, 0, -49)


def test_plus_5p_outside_the_transcript():
    up = classify(PLUS, 50, "5'")
    assert (up.kind, up.exon, up.anchor_tx) == ("upstream", None, None)
    assert _fields(classify(PLUS, 700, "5'")) == ("downstream", 3, 250, 101, None)


def test_plus_5p_end_of_last_exon_is_a_transcript_end_not_a_splice_site():
    site = classify(PLUS, 599, "5'")
    assert _fields(site) == ("exonic", 3, 250, 0, 100)
    assert site.splice_exon == 2


def test_plus_3p_first_base_of_exon_is_an_exact_boundary():
    assert _fields(classify(PLUS, 300, "3'")) == ("boundary", 2, 101, 0, 0)


def test_plus_3p_intronic_and_exonic_bases_near_the_acceptor():
    assert _fields(classify(PLUS, 299, "3'")) == ("intronic", 2, 101, 1, -1)
    assert _fields(classify(PLUS, 290, "3'")) == ("intronic", 2, 101, 10, -10)
    assert _fields(classify(PLUS, 250, "3'")) == ("intronic", 2, 101, 50, -50)
    assert _fields(classify(PLUS, 303, "3'")) == ("exonic", 2, 104, 0, 3)
    assert _fields(classify(PLUS, 320, "3'")) == ("exonic", 2, 121, 0, 20)


def test_plus_3p_outside_the_transcript():
    assert _fields(classify(PLUS, 50, "3'")) == ("upstream", 1, 1, 50, None)
    down = classify(PLUS, 700, "3'")
    assert (down.kind, down.exon) == ("downstream", None)


def test_plus_3p_start_of_exon_one_is_a_transcription_start_not_a_splice_site():
    site = classify(PLUS, 100, "3'")
    assert _fields(site) == ("exonic", 1, 1, 0, -100)
    assert not site.is_boundary


# --- minus strand ------------------------------------------------------------------


def test_minus_5p_boundary_and_neighbours():
    assert _fields(classify(MINUS, 500, "5'")) == ("boundary", 1, 100, 0, 0)
    assert _fields(classify(MINUS, 499, "5'")) == ("intronic", 1, 100, 1, 1)
    assert _fields(classify(MINUS, 501, "5'")) == ("exonic", 1, 99, 0, -1)
    assert _fields(classify(MINUS, 400, "5'")) == ("intronic", 1, 100, 100, 100)
    assert _fields(classify(MINUS, 550, "5'")) == ("exonic", 1, 50, 0, -50)
    assert classify(MINUS, 700, "5'").kind == "upstream"
    assert _fields(classify(MINUS, 50, "5'")) == ("downstream", 3, 250, 50, None)


def test_minus_3p_boundary_and_neighbours():
    assert _fields(classify(MINUS, 349, "3'")) == ("boundary", 2, 101, 0, 0)
    assert _fields(classify(MINUS, 350, "3'")) == ("intronic", 2, 101, 1, -1)
    assert _fields(classify(MINUS, 348, "3'")) == ("exonic", 2, 102, 0, 1)
    assert _fields(classify(MINUS, 400, "3'")) == ("intronic", 2, 101, 51, -51)
    assert _fields(classify(MINUS, 320, "3'")) == ("exonic", 2, 130, 0, -21)  # nearer exon 3
    assert _fields(classify(MINUS, 700, "3'")) == ("upstream", 1, 1, 101, None)
    assert classify(MINUS, 50, "3'").kind == "downstream"


@pytest.mark.parametrize("t", [PLUS, MINUS])
@pytest.mark.parametrize("role", ["5'", "3'"])
def test_every_splice_site_classifies_back_to_its_exon(t, role):
    numbers = [e.number for e in t.exons]
    sites = numbers[:-1] if role == "5'" else numbers[1:]
    for n in sites:
        site = classify(t, exon_boundary_position(t, n, role), role)
        assert (site.kind, site.exon, site.splice_offset) == ("boundary", n, 0)


def test_bad_role_and_position_are_breakpoint_errors():
    with pytest.raises(BreakpointError):
        classify(PLUS, 199, "5")  # type: ignore[arg-type]
    with pytest.raises(BreakpointError):
        classify(PLUS, 0, "5'")
    with pytest.raises(ExonOutOfRangeError):
        exon_boundary_position(PLUS, 9, "5'")


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
    site = classify(alk, 29223528, "3'")
    assert (site.kind, site.exon) == ("boundary", 20)
    assert site.describe() == "chr2:29223528 is the first base of ALK exon 20 (ENST00000389048.8)"
    assert exon_boundary_position(alk, 19, "3'") == 29225565
    spike = classify(alk, 29223584, "3'")  # 56 bp 5' of exon 20 (PROVENANCE)
    assert (spike.kind, spike.exon, spike.splice_offset, spike.intron) == ("intronic", 20, -56, 19)


def test_eml4_donors_exact_intronic_and_near_the_splice_site(shared_dir):
    eml4 = _mane(shared_dir, "EML4")
    assert classify(eml4, 42264731, "5'").kind == "boundary"
    v3b = classify(eml4, 42264951, "5'")  # H2228: 220 bp after MANE exon 6
    assert (v3b.kind, v3b.exon, v3b.retained) == ("intronic", 6, 220)
    spike = classify(eml4, 42301394, "5'")  # +2 after exon 14
    assert (spike.kind, spike.exon, spike.splice_offset) == ("intronic", 14, 2)
    fc = classify(eml4, 42301391, "5'")  # FusionCatcher's shifted base: 1 bp inside
    assert (fc.kind, fc.exon, fc.splice_offset) == ("exonic", 14, -1)


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
        site = classify(t, pos, role)
        assert (site.kind, site.exon) == ("boundary", exon)
