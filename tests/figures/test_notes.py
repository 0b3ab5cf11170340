"""What a figure says beyond the annotation: the junction's bases with the fusion's
reading frame (when the source has cDNA: --release / --gtf), and the other readings of
the exon numbers."""

from __future__ import annotations

from pathlib import Path

import pytest
from Bio.Seq import Seq

from fusionviz.annotate import annotate_text
from fusionviz.figures import layout, notes_for
from fusionviz.figures.notes import junction_window
from fusionviz.sources.release import gtf_source
from tests.sources.test_exact_sequences import CDNA, _gtf_rows


@pytest.fixture(scope="module", params=["+", "-"])
def source(request, tmp_path_factory):
    folder: Path = tmp_path_factory.mktemp("figure-notes")
    rows = _gtf_rows("TESTA", request.param, "21", 10_000)
    rows += _gtf_rows("TESTB", "-" if request.param == "+" else "+", "22", 50_000)
    (folder / "s.gtf").write_text("\n".join(rows) + "\n")
    (folder / "c.fa").write_text("".join(f">ENST_{g} cdna\n{s}\n" for g, s in CDNA.items()))
    return gtf_source(folder / "s.gtf", cdna=folder / "c.fa", cache_dir=folder / "cache")


def test_the_junction_bases_and_their_codons_come_from_the_cdna(source):
    af = annotate_text("TESTA e2::TESTB e3", source)
    w = notes_for([af], source)[0].junction
    # TESTA exon 2 ends at cDNA 30; TESTB exon 3 starts at cDNA 31 (exons of 10, 20, 30, 40).
    assert w.five == CDNA["TESTA"][15:30] and w.three == CDNA["TESTB"][30:45]
    fused = w.five + w.three
    assert (
        "".join(w.residues) == str(Seq(fused[w.codon_start :][:27]).translate())[: len(w.residues)]
    )
    # The split codon's residue is the one the engine reports.
    k = (len(w.five) - w.codon_start) // 3
    assert w.residues[k] == af.junction.junction_residue
    assert w.frameshift_from is None


def test_out_of_frame_residues_stop_at_the_premature_stop_and_skip_the_utr(source):
    af = annotate_text("TESTA e1::TESTB e3", source)
    w = notes_for([af], source)[0].junction
    assert w.five.endswith("ATGGC") and w.codon_start == w.five.index("ATG")
    assert w.residues[0] == "M" and w.residues[-1] == "*"
    assert w.frameshift_from == 1


def test_the_junction_sequence_is_drawn_under_the_junction(source):
    af = annotate_text("TESTA e2::TESTB e3", source)
    spec = layout([af], notes=notes_for([af], source))
    bases = [lab for lab in spec.labels if lab.role == "junction-sequence" and lab.mono]
    residues = [lab.text for lab in spec.labels if lab.role == "junction-residue"]
    assert len(bases) == 2 and residues
    cut = spec.panels[0].exon_row("fusion").cut_x
    assert bases[0].bbox[2] <= cut + 0.05 and bases[1].bbox[0] >= cut - 0.05


def test_without_cdna_there_is_no_junction_sequence(sqstm1_alk):
    assert junction_window(sqstm1_alk, None, None) is None
    spec = layout([sqstm1_alk])
    assert not any(lab.role == "junction-sequence" for lab in spec.labels)


def test_readings_name_the_other_transcript_and_the_same_exon_on_the_one_used():
    from fusionviz.sources import default_source

    src = default_source()
    af = annotate_text("CD74 e6::ROS1 e34", src)
    readings = notes_for([af], src)[0].readings
    ros1 = [r for r in readings if r.gene == "ROS1"]
    assert ros1 and ros1[0].exon == 34 and ros1[0].same_as == 35
    assert ros1[0].frame == "in-frame" and "MANE Select" in ros1[0].used
