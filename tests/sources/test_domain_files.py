"""``--domains FILE``: user domain files mapped onto the transcripts in use.

The files here are written from the embedded bundle's own ALK annotation (UniProt Q9UM73
protein kinase domain, aa 1116-1392, and its genomic pieces computed from the MANE
transcript), so every coordinate is real.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fusionviz.cli import main
from fusionviz.errors import AnnotationDataError
from fusionviz.models import Transcript
from fusionviz.sources import default_source
from fusionviz.sources.domain_files import DomainFile, with_domain_file

KINASE = (1116, 1392)


def aa_to_genomic(t: Transcript, aa_start: int, aa_end: int) -> list[tuple[int, int]]:
    """Genomic pieces (one per exon) of CDS nt 3*aa_start-2 .. 3*aa_end of ``t``."""
    lo, hi = t.cds
    first, last = 3 * aa_start - 2, 3 * aa_end
    pieces, done = [], 0
    for e in t.exons:
        a, b = max(e.start, lo), min(e.end, hi)
        if a > b:
            continue
        n = b - a + 1
        s, f = max(first, done + 1), min(last, done + n)
        if s <= f:
            if t.strand == "+":
                pieces.append((a + s - done - 1, a + f - done - 1))
            else:
                pieces.append((b - (f - done - 1), b - (s - done - 1)))
        done += n
    return pieces


@pytest.fixture(scope="module")
def alk() -> Transcript:
    return default_source().default_transcript("ALK")


def test_arriba_style_gff3_maps_genomic_pieces_back_to_the_kinase_domain(alk, tmp_path):
    rows = [
        f"chr2\tPfam\tprotein_domain\t{s}\t{e}\t.\t-\t.\t"
        "Name=Protein%20tyrosine%20kinase;gene_name=ALK;gene_id=ENSG00000171094;"
        "Dbxref=Pfam:PF07714"
        for s, e in aa_to_genomic(alk, *KINASE)
    ]
    assert len(rows) > 1  # the domain spans several exons
    gff = tmp_path / "domains.gff3"
    gff.write_text("##gff-version 3\n" + "\n".join(rows) + "\n")
    src = with_domain_file(default_source(), gff, replace_domains=True)
    doms = src.domains(alk)
    assert [(d.name, d.start, d.end, d.accession) for d in doms] == [
        ("Protein tyrosine kinase", *KINASE, "PF07714")
    ]
    assert "domains.gff3" in doms[0].source


def test_protein_coordinate_tsv_is_added_to_the_embedded_domains(alk, tmp_path):
    tsv = tmp_path / "mine.tsv"
    tsv.write_text("gene\tstart\tend\tname\tdatabase\nALK\t1116\t1392\tmy kinase\tlab\n")
    src = with_domain_file(default_source(), tsv)
    doms = src.domains(alk)
    assert ("my kinase", 1116, 1392) in {(d.name, d.start, d.end) for d in doms}
    assert len(doms) == len(default_source().domains(alk)) + 1
    prov = {p.name: p for p in src.provenance()}
    assert prov["domain file mine.tsv"].version.startswith("sha256:")


def test_transcript_coordinates_are_converted_through_the_5utr(alk, tmp_path):
    utr5 = sum(max(0, e.end - max(e.start, alk.cds[1] + 1) + 1) for e in alk.exons)
    s, e = utr5 + 3 * KINASE[0] - 2, utr5 + 3 * KINASE[1]
    tsv = tmp_path / "fusviz_like.tsv"
    tsv.write_text(
        "transcript\tstart\tend\tname\tcoordinates\n"
        f"ENST00000389048\t{s}\t{e}\tkinase\ttranscript\n"
    )
    doms = with_domain_file(default_source(), tsv, replace_domains=True).domains(alk)
    assert [(d.start, d.end) for d in doms] == [KINASE]


def test_a_domain_file_for_another_protein_length_is_refused(alk, tmp_path):
    tsv = tmp_path / "old.tsv"
    tsv.write_text("protein\tstart\tend\tname\tlength\nQ9UM73\t1116\t1392\tkinase\t1600\n")
    src = with_domain_file(default_source(), tsv)
    with pytest.raises(AnnotationDataError, match="1600-aa protein.*codes 1620 aa"):
        src.domains(alk)


def test_a_gff3_on_another_contig_says_genome_build(alk, tmp_path):
    gff = tmp_path / "hg19.gff3"
    gff.write_text("chr5\tPfam\tprotein_domain\t100\t200\t.\t-\t.\tName=x;gene_name=ALK\n")
    with pytest.raises(AnnotationDataError, match="same genome build"):
        with_domain_file(default_source(), gff).domains(alk)


def test_unreadable_or_headerless_files_are_one_clear_error(tmp_path):
    with pytest.raises(AnnotationDataError, match="cannot read --domains file"):
        DomainFile(tmp_path / "missing.tsv")
    bad = tmp_path / "bad.tsv"
    bad.write_text("foo\tbar\n1\t2\n")
    with pytest.raises(AnnotationDataError, match="header needs"):
        DomainFile(bad)


def test_cli_bad_domain_file_exits_2_with_one_line(capsys, tmp_path):
    code = main(
        [
            "draw",
            "SQSTM1 e5::ALK e19",
            "-o",
            str(tmp_path / "x.svg"),
            "--domains",
            str(tmp_path / "missing.tsv"),
        ]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "--domains" in err


def test_cli_release_not_installed_names_the_install_command(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("PYENSEMBL_CACHE_DIR", str(tmp_path))
    code = main(["draw", "SQSTM1 e5::ALK e19", "-o", str(tmp_path / "x.svg"), "--release", "75"])
    err = capsys.readouterr().err
    assert code == 2
    assert "pyensembl install --release 75 --species homo_sapiens" in err


def test_cli_source_options_that_do_not_go_together(capsys, tmp_path):
    code = main(["draw", "SQSTM1 e5::ALK e19", "-o", str(tmp_path / "x.svg"), "--pep", "x.fa"])
    assert code == 2 and "--cdna/--pep go with --gtf" in capsys.readouterr().err


def test_domain_file_rows_of_another_database_stay_separate(tmp_path: Path):
    f = tmp_path / "ips.tsv"
    f.write_text(
        "ENSP00000373700\tmd5\t1620\tPfam\tPF07714\tPK_Tyr_Ser-Thr\t1116\t1392\t1e-50\tT\t"
        "01-01-2024\tIPR001245\tSer-Thr/Tyr kinase\n"
    )
    df = DomainFile(f)
    assert df.format == "InterProScan TSV" and df.databases == ("Pfam",)
