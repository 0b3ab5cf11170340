"""Full Ensembl releases through pyensembl, tested offline.

The fixture is a pyensembl cache for Ensembl release 110 in a temporary folder, with the file
names pyensembl expects (gzip): a GTF written from the embedded bundle's rows of the seed genes
(``fusionviz.sources.gtf``), a protein FASTA holding the two UniProt sequences the bundle carries
for them (ALK Q9UM73, SQSTM1 Q13501; same length as the MANE CDS, CRC64-checked by the build)
and an empty cDNA FASTA (no real cDNA of these genes is available offline). Nothing is invented:
every row and residue comes from the bundle.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from fusionviz.annotate import annotate_text
from fusionviz.errors import AnnotationDataError
from fusionviz.sources import default_source
from fusionviz.sources.ensembl import cds_span
from fusionviz.sources.gtf import gtf_lines
from fusionviz.sources.release import PyensemblSource, gtf_source, release_source

SEED_GENES = ("ALK", "EML4", "SQSTM1", "HMBOX1")
SEEDS = ("SQSTM1 e5::ALK e19", "EML4::ALK E6;A20", "HMBOX1 exon 6 :: ALK exon 20")


def _write_release_cache(folder: Path) -> None:
    import pyensembl

    bundle = default_source()
    rows = [r for g in SEED_GENES for r in bundle._gene_rows(g)]
    gtf = "".join(gtf_lines(rows))
    pep = []
    for g in ("ALK", "SQSTM1"):
        t = bundle.default_transcript(g)
        seq = bundle.protein_sequence(t).sequence
        pep.append(f">{t.protein_id} pep transcript:{t.transcript_id} gene_symbol:{g}\n{seq}\n")
    genome = pyensembl.EnsemblRelease(110, species="homo_sapiens", cache_directory_path=str(folder))
    gtf_path, cdna_path, ncrna_path, pep_path = (Path(p) for p in genome.required_local_files())
    folder.mkdir(parents=True, exist_ok=True)
    gtf_path.write_bytes(gzip.compress(gtf.encode(), mtime=0))
    pep_path.write_bytes(gzip.compress("".join(pep).encode(), mtime=0))
    for p in (cdna_path, ncrna_path):
        p.write_bytes(gzip.compress(b"", mtime=0))


@pytest.fixture(scope="module")
def release_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pyensembl") / "GRCh38" / "ensembl110"
    _write_release_cache(folder)
    return folder


@pytest.fixture(scope="module")
def release(release_cache: Path) -> PyensemblSource:
    try:
        return release_source(110, cache_dir=release_cache, domains_from=default_source())
    except AnnotationDataError as e:
        pytest.skip(f"this pyensembl does not accept the fixture cache: {e}")


def test_release_and_embedded_paths_agree_on_frame_length_and_domains(release):
    bundle = default_source()
    for text in SEEDS:
        a = annotate_text(text, bundle)
        b = annotate_text(text, release)
        assert b.frame == a.frame, text
        assert b.protein.length == a.protein.length, text
        for side in ("five_prime", "three_prime"):
            pa, pb = getattr(a, side), getattr(b, side)
            assert (
                pb.transcript.transcript_id.split(".")[0]
                == (pa.transcript.transcript_id.split(".")[0])
            )
            assert pb.protein_length == pa.protein_length, text
            assert pb.domains == pa.domains, text


def test_release_marks_the_bundle_mane_transcript_and_its_refseq(release):
    alk = release.default_transcript("ALK")
    assert alk.transcript_id.startswith("ENST00000389048")
    assert alk.is_mane_select and alk.refseq == "NM_004304.5"
    assert release.transcript("NM_004304").transcript_id == alk.transcript_id


def test_release_gives_the_protein_sequence_from_its_pep_fasta(release):
    p = release.protein_sequence(release.default_transcript("SQSTM1"))
    assert p.complete and len(p.sequence) == 440
    assert p.sequence.startswith("MASLTVKAYLLGKED")
    assert "Ensembl 110" in p.source


def test_release_provenance_names_the_release_and_the_domain_databases(release):
    prov = {p.name: p for p in release.provenance()}
    assert prov["Ensembl 110"].as_dict()["species"] == "homo_sapiens"
    assert "Pfam" in prov and "InterPro" in prov


def test_pyensembl_coding_ranges_of_alk_include_the_stop_codon(release):
    # pyensembl 2.32 convention (sorted, merged, stop codon included); the adapter does not
    # depend on it, but this test says so if a pyensembl upgrade changes it again.
    pt = release.genome.transcript_by_id("ENST00000389048")
    assert sum(b - a + 1 for a, b in pt.coding_sequence_position_ranges) == 4863


class _OldStyle:
    """pyensembl <= 2.3-style ranges: unsorted, unmerged, stop codon excluded."""

    coding_sequence_position_ranges = [(200, 260), (100, 150)]
    start_codon_positions = [258, 259, 260]
    stop_codon_positions = [97, 98, 99]


def test_cds_span_includes_the_stop_codon_under_either_pyensembl_convention():
    assert cds_span(_OldStyle()) == (97, 260)


def test_a_release_that_is_not_installed_names_the_install_command(tmp_path):
    with pytest.raises(AnnotationDataError, match=r"pyensembl install --release 75 --species"):
        release_source(75, cache_dir=tmp_path)


def test_an_unknown_release_says_which_releases_to_give(tmp_path):
    with pytest.raises(AnnotationDataError, match="--release 110"):
        release_source(9999, cache_dir=tmp_path)
    with pytest.raises(AnnotationDataError, match="release number"):
        release_source("latest", cache_dir=tmp_path)


def test_gtf_path_reads_any_local_gtf_with_the_same_structures(tmp_path):
    bundle = default_source()
    gtf = tmp_path / "seed.gtf"
    gtf.write_text("".join(gtf_lines(bundle._gene_rows("HMBOX1"))))
    src = gtf_source(gtf, cache_dir=tmp_path / "idx", domains_from=bundle)
    h203 = src.transcript("ENST00000397358")
    assert h203.exons == bundle.transcript("HMBOX1-203").exons
    assert h203.cds == bundle.transcript("HMBOX1-203").cds


def test_a_missing_gtf_is_one_clear_error(tmp_path):
    with pytest.raises(AnnotationDataError, match="--gtf file .* does not exist"):
        gtf_source(tmp_path / "nope.gtf")


def test_on_another_genome_build_domains_follow_the_same_enst_and_protein_length(tmp_path):
    # As for GRCh37 (release 75): coordinates differ from the bundle's, so a transcript gets
    # the bundle's domains only through the same ENST coding a protein of the same length.
    bundle = default_source()
    gtf = tmp_path / "seed.gtf"
    gtf.write_text("".join(gtf_lines(bundle._gene_rows("ALK"))))
    src = gtf_source(gtf, reference_name="GRCh37", cache_dir=tmp_path / "idx", domains_from=bundle)
    alk = src.transcript("ENST00000389048")
    assert not alk.is_mane_select  # MANE Select is a GRCh38 statement
    assert src.domains(alk) == bundle.domains(bundle.default_transcript("ALK"))


def test_supported_pyensembl_versions_are_2_3_13_up_to_3():
    from fusionviz.sources.release import pyensembl_supported

    assert pyensembl_supported("2.32.3") and pyensembl_supported("2.3.13")
    assert not pyensembl_supported("2.2.9") and not pyensembl_supported("3.0.0")


def test_gtf_and_pep_options_make_the_fusion_protein_sequence_exact(tmp_path):
    import argparse

    from fusionviz.cli.common import source_from_args

    bundle = default_source()
    gtf = tmp_path / "seed.gtf"
    gtf.write_text("".join(gtf_lines([r for g in ("SQSTM1", "ALK") for r in bundle._gene_rows(g)])))
    pep = tmp_path / "seed.pep.fa"
    pep.write_text(
        "".join(
            f">{t.protein_id}\n{bundle.protein_sequence(t).sequence}\n"
            for t in (bundle.default_transcript(g) for g in ("SQSTM1", "ALK"))
        )
    )
    args = argparse.Namespace(gtf=str(gtf), pep=str(pep), cdna=None, release=None, species=None)
    src = source_from_args(args)
    af = annotate_text("SQSTM1 e5::ALK e19", src)
    assert af.protein.length == 849 and af.protein.sequence is not None
    assert af.protein.sequence.startswith("MASLTVKAYLLGKED")
    assert af.protein.sequence.endswith(
        bundle.protein_sequence(bundle.default_transcript("ALK")).sequence[-50:]
    )


def test_release_answers_loci_with_the_bundle_descriptions_and_aliases(release):
    (alk,) = release.loci_at("chr2", 29_500_000)
    assert (alk.symbol, alk.biotype, alk.strand) == ("ALK", "protein_coding", "-")
    assert alk.gene_id.startswith("ENSG00000171094")
    assert alk.description == "ALK receptor tyrosine kinase"
    assert release.locus("eml4").symbol == "EML4"
    assert release.locus("MALAT1") is None  # not in this small release fixture
    # Between ALK and EML4, 12 Mb apart: both found, with signed distances.
    near = release.nearest_loci("2", 30_000_000)
    assert [(x.symbol, d) for x, d in near] == [
        ("ALK", 29_921_586 - 30_000_000),
        ("EML4", 42_169_353 - 30_000_000),  # the fixture gene spans its bundle transcripts
    ]
    assert release.aliases("MLL")[0].symbol == "KMT2A"
