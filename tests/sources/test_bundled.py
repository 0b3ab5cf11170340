"""The embedded bundle answers like a pathologist expects (needs only the committed bundle)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pytest

from fusionviz.errors import AnnotationDataError, UnknownGeneError, UnknownTranscriptError
from fusionviz.models import Transcript
from fusionviz.sources import AnnotationSource, BundledSource, default_source, load_bundle
from fusionviz.sources.build import crc64


@pytest.fixture(scope="module")
def src() -> BundledSource:
    return default_source()


def cds_length(t: Transcript) -> int:
    lo, hi = t.cds  # type: ignore[misc]
    return sum(max(0, min(e.end, hi) - max(e.start, lo) + 1) for e in t.exons)


def utr5_exons(t: Transcript) -> list[int]:
    lo, hi = t.cds  # type: ignore[misc]
    return [e.number for e in t.exons if (e.end < lo if t.strand == "+" else e.start > hi)]


def test_default_source_implements_the_protocol_and_is_cached(src):
    assert isinstance(src, AnnotationSource)
    assert default_source() is src


def test_alk_mane_is_enst00000389048_8_with_29_exons_on_the_minus_strand(src):
    alk = src.default_transcript("ALK")
    assert alk.transcript_id == "ENST00000389048.8"
    assert alk.name == "ALK-201"
    assert alk.is_mane_select and alk.is_canonical
    assert alk.n_exons == 29
    assert alk.strand == "-"
    assert alk.contig == "2"
    assert alk.exons[0].exon_id == "ENSE00001794937.2"


def test_alk_cds_is_4863_nt_including_the_stop_codon_so_1620_aa(src):
    alk = src.default_transcript("ALK")
    assert alk.cds == (29193224, 29920659)
    assert cds_length(alk) == 4863
    assert cds_length(alk) // 3 - 1 == 1620


def test_sqstm1_mane_is_enst00000389805_9_coding_440_aa(src):
    sq = src.default_transcript("sqstm1")
    assert sq.transcript_id == "ENST00000389805.9"
    assert cds_length(sq) // 3 - 1 == 440
    assert src.protein_sequence(sq).sequence.startswith("MASLTVKAYLLGKED")


def test_hmbox1_mane_is_enst00000287701_15_with_one_5prime_noncoding_exon(src):
    h = src.default_transcript("HMBOX1")
    assert h.transcript_id == "ENST00000287701.15"
    assert utr5_exons(h) == [1]


def test_hmbox1_203_has_a_704_nt_5utr_in_two_noncoding_exons(src):
    h203 = src.transcript("HMBOX1-203")
    assert h203.gene == "HMBOX1"
    assert utr5_exons(h203) == [1, 2]
    lo = h203.cds[0]  # + strand
    assert sum(min(e.end, lo - 1) - e.start + 1 for e in h203.exons if e.start < lo) == 704
    # Same protein as the MANE transcript, so it gets the same domains.
    assert cds_length(h203) == cds_length(src.default_transcript("HMBOX1"))
    assert src.domains(h203) == src.domains(src.default_transcript("HMBOX1"))


def test_transcripts_list_mane_first_and_name_only_ones_have_no_enst(src):
    txs = src.transcripts("HMBOX1")
    assert txs[0].is_mane_select
    assert {t.name for t in txs} >= {"HMBOX1-201", "HMBOX1-202", "HMBOX1-203"}
    h202 = src.transcript("hmbox1-202", gene="HMBOX1")
    assert h202.transcript_id is None
    assert h202.label == "HMBOX1-202"
    assert all(e.exon_id is None for e in h202.exons)


def test_alk_domains_include_uniprot_transmembrane_and_kinase_and_pfam(src):
    doms = src.domains(src.default_transcript("ALK"))
    spans = {(d.name, d.start, d.end, d.kind) for d in doms}
    assert ("Transmembrane (Helical)", 1039, 1059, "transmembrane") in spans
    assert ("Protein kinase", 1116, 1392, "domain") in spans
    pfam = [d for d in doms if d.accession == "PF07714"]
    assert [d.name for d in pfam] == ["PK_Tyr_Ser-Thr"]
    assert pfam[0].source == "Pfam 37.0"
    assert any(d.source.startswith("UniProtKB/Swiss-Prot Q9UM73") for d in doms)
    assert any(d.source == "InterPro via ideogram 1.53.0 (Ensembl 110)" for d in doms)


def test_disordered_regions_are_not_domains(src):
    assert not [d for d in src.domains(src.default_transcript("ALK")) if d.name == "Disordered"]


def test_an_isoform_of_other_length_gets_no_uniprot_features(src):
    alk207 = src.transcript("ALK-207")
    assert alk207.uniprot is None
    assert all(
        "UniProtKB" not in d.source and "Pfam 37" not in d.source for d in src.domains(alk207)
    )


def test_nm_004304_resolves_to_the_alk_mane_transcript(src):
    for ident in ("NM_004304", "NM_004304.5", "nm_004304.5"):
        assert src.transcript(ident).transcript_id == "ENST00000389048.8"
    assert src.transcript("NM_004304", gene="ALK").refseq == "NM_004304.5"


def test_an_older_refseq_version_is_refused_naming_the_bundled_pair(src):
    with pytest.raises(UnknownTranscriptError, match=r"NM_004304\.5.*ENST00000389048\.8"):
        src.transcript("NM_004304.4")


def test_refseq_without_mane_pair_is_refused(src):
    with pytest.raises(UnknownTranscriptError, match="only MANE Select pairs"):
        src.transcript("NM_020630", gene="RET")


def test_enst_with_and_without_version_and_a_wrong_version(src):
    assert src.transcript("ENST00000389048").name == "ALK-201"
    assert src.transcript("ENST00000389048.8", gene="alk").name == "ALK-201"
    with pytest.raises(UnknownTranscriptError, match=r"ENST00000389048\.8"):
        src.transcript("ENST00000389048.7")


def test_transcript_of_another_gene_says_whose_it_is(src):
    with pytest.raises(UnknownTranscriptError, match="ALK-201 of ALK, not of EML4"):
        src.transcript("ENST00000389048", gene="EML4")


def test_unknown_gene_alkk_suggests_alk(src):
    with pytest.raises(UnknownGeneError, match="did you mean ALK") as e:
        src.transcripts("ALKK")
    assert src.name in str(e.value)
    assert not src.has_gene("ALKK") and src.has_gene("alk")


def test_incomplete_cds_transcripts_are_not_in_the_bundle(src):
    # ALK-202 has a 388-nt CDS in Ensembl 110 (not whole codons): dropped by the build.
    with pytest.raises(UnknownTranscriptError):
        src.transcript("ALK-202")


def test_genefuse_matched_transcript_is_unversioned_and_accepts_its_genefuse_version(src):
    ros = src.transcript("ENST00000368508")
    assert ros.name == "ROS1-202" and ros.transcript_id == "ENST00000368508"
    assert src.transcript("ENST00000368508.7") == ros
    with pytest.raises(UnknownTranscriptError, match="without an Ensembl 110 version"):
        src.transcript("ENST00000368508.9")


def test_alk_protein_is_uniprot_q9um73_complete(src):
    p = src.protein_sequence(src.default_transcript("ALK"))
    assert p.complete and len(p.sequence) == 1620
    assert crc64(p.sequence) == "0733D6C4FD212F41"  # the CRC64 in UniProt's SQ line
    assert "Q9UM73" in p.source


def test_eml4_protein_is_partial_1_to_496(src):
    eml4 = src.default_transcript("EML4")
    p = src.protein_sequence(eml4)
    assert not p.complete
    assert len(p.sequence) == 981
    assert "X" not in p.sequence[:496] and set(p.sequence[496:]) == {"X"}
    assert "1-496" in p.note and "varity" in p.source


def test_no_cdna_is_bundled(src):
    assert src.cdna_sequence(src.default_transcript("TPM3")) is None


def test_genes_at_a_position_inside_alk(src):
    assert src.genes_at("chr2", 29_400_000) == ("ALK",)
    assert src.genes_at("2", 1) == ()


def test_provenance_names_the_bundle_release_and_domain_databases(src):
    prov = {p.name: p for p in src.provenance()}
    bundle = prov[src.name].as_dict()
    assert bundle["ensembl_release"] == "110" and bundle["gencode"] == "v44"
    assert prov["Pfam"].version == "37.0"
    assert "InterPro" in prov and "UniProtKB/Swiss-Prot" in prov


PANEL = ("ALK", "EML4", "SQSTM1", "HMBOX1", "NPM1", "KIF5B", "ROS1", "RET", "BCR", "TACC3")


def test_every_transcript_model_equals_its_bundle_row(src):
    rows = [r for g in (*PANEL, "TP53", "TTN", "HLA-A") for r in src._gene_rows(g)]
    for row in rows:
        t = src.transcript(row.name)
        assert [e.start for e in t.exons] == [int(x) for x in row["exon_starts"].split(",")]
        assert [e.end for e in t.exons] == [int(x) for x in row["exon_ends"].split(",")]
        expected = (int(row["cds_low"]), int(row["cds_high"])) if row["cds_low"] else None
        assert t.cds == expected, row.name


def test_nothing_is_written_inside_the_installed_package(src):
    pkg = Path(str(files("fusionviz_annotations")))
    before = sorted(p.name for p in pkg.iterdir())
    src.transcripts("ALK")
    src.genes_at("2", 29_400_000)
    assert sorted(p.name for p in pkg.iterdir()) == before
    assert (src.index_dir() / "index.sqlite").is_file()
    assert pkg not in src.index_dir().parents


def test_load_bundle_refuses_a_missing_or_incomplete_folder(tmp_path):
    with pytest.raises(AnnotationDataError, match="does not exist"):
        load_bundle(tmp_path / "nope")
    with pytest.raises(AnnotationDataError, match="lacks manifest.json"):
        load_bundle(tmp_path)


def test_ros1_mane_codes_2341_aa_and_ros1_202_codes_uniprot_p08922(src):
    ros1 = src.default_transcript("ROS1")
    assert cds_length(ros1) // 3 - 1 == 2341 and ros1.uniprot is None
    r202 = src.transcript("ROS1-202")
    assert r202.transcript_id == "ENST00000368508"
    assert r202.uniprot == "P08922" and cds_length(r202) // 3 - 1 == 2347
    assert any(d.source == "Pfam 37.0" for d in src.domains(r202))


def test_sqstm1_mane_carries_its_ensembl_name_after_the_ideogram_offset_fix(src):
    assert src.default_transcript("SQSTM1").name == "SQSTM1-202"
    assert src.transcript("SQSTM1-202").transcript_id == "ENST00000389805.9"


def test_canonical_topology_is_not_put_on_an_isoform_of_other_length(src):
    ntrk3_201 = src.transcript("NTRK3-201")
    assert cds_length(ntrk3_201) // 3 - 1 == 612
    assert all(d.end <= 612 for d in src.domains(ntrk3_201))
    assert not [d for d in src.domains(ntrk3_201) if d.kind == "topology"]


def test_any_protein_coding_gene_tp53_has_its_mane_transcript_393_aa_and_domains(src):
    tp53 = src.default_transcript("TP53")
    assert tp53.transcript_id == "ENST00000269305.9" and tp53.is_mane_select
    assert tp53.strand == "-" and tp53.contig == "17"
    assert cds_length(tp53) // 3 - 1 == 393
    assert tp53.uniprot == "P04637"
    assert any(d.source == "Pfam 37.0" for d in src.domains(tp53))
    assert len(src.transcripts("TP53")) > 5  # other Ensembl 110 transcripts for numbering


def test_the_genome_wide_bundle_has_no_sequence_outside_the_panel(src):
    # Structure, frame, length and domains only: sequences need --release (pyensembl).
    assert src.protein_sequence(src.default_transcript("TP53")) is None


def test_genes_at_finds_genes_anywhere_in_the_genome(src):
    assert "TP53" in src.genes_at("chr17", 7_675_000)


def test_every_bundled_cds_is_whole_codons_with_start_and_stop_in_exons(src):
    for row in (r for g in ("TP53", "KRAS", "EGFR", "NRG1") for r in src._gene_rows(g)):
        t = src.transcript(row.name)
        if t.cds is None:
            continue
        assert cds_length(t) % 3 == 0, t.name
        assert any(e.start <= t.cds[0] <= e.end for e in t.exons), t.name
        assert any(e.start <= t.cds[1] <= e.end for e in t.exons), t.name


def test_a_corrupt_index_in_the_cache_is_rebuilt(tmp_path):
    bundle = Path(str(files("fusionviz_annotations")))
    first = BundledSource(bundle, cache_dir=tmp_path)
    index = first.index_dir() / "index.sqlite"
    first.has_gene("ALK")
    index.write_bytes(b"not a database")
    again = BundledSource(bundle, cache_dir=tmp_path)
    assert again.default_transcript("ALK").transcript_id == "ENST00000389048.8"
