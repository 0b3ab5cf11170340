"""Every caller format on its real files (../shared/callers): detection, the base
each column names, the 5' partner and the caller's own calls kept."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from fusionviz.batch import plan_build
from fusionviz.callers import RowError, open_calls
from fusionviz.callers.prepare import prepared_rows
from fusionviz.models import FusionRequest, GenomicPosition
from fusionviz.sources import default_source


@pytest.fixture(scope="module")
def source():
    return default_source()


def _prepared(path: Path, source, **kw):
    table = open_calls(path, **kw)
    rows = list(prepared_rows(table, source, plan_build(table, source)))
    ok = {r.line: r for r in rows if isinstance(r, FusionRequest)}
    bad = {r.line: r for r in rows if isinstance(r, RowError)}
    return table, ok, bad


def _pair(r: FusionRequest):
    return (
        r.five_prime.gene,
        r.five_prime.breakpoint,
        r.three_prime.gene,
        r.three_prime.breakpoint,
    )


def P(contig, pos, strand=None):  # noqa: N802 - reads like the coordinates it builds
    return GenomicPosition(contig, pos, strand)


# --- formats whose rows state the 5' partner -----------------------------------------


def test_jaffa_csv_names_the_junction_bases_and_keeps_its_frame_call(shared_dir, source):
    t, ok, bad = _prepared(shared_dir / "callers/fusion-report/jaffa.csv", source)
    assert (t.format, len(ok), len(bad)) == ("jaffa", 12, 0)
    gopc = ok[2]
    assert _pair(gopc) == ("GOPC", P("6", 117566854, "-"), "ROS1", P("6", 117321394, "-"))
    assert dict(gopc.extra)["caller_frame"] == "in-frame"
    assert dict(ok[3].extra)["caller_frame"] == "out-of-frame"


def test_jaffal_long_read_file_reads_every_row(shared_dir, source):
    path = (
        shared_dir / "callers/LR-FusionBenchmarking/SeraCarev4Fusion.IsoSeq_jaffal_results.csv.gz"
    )
    t, ok, bad = _prepared(path, source)
    assert (t.format, len(ok), len(bad)) == ("jaffa", 964, 0)
    # 11 rows, one of them under a previous symbol (C15orf57, read as CCDC32's donor)
    assert sum("position_read_as" in dict(r.extra) for r in ok.values()) == 11
    assert "CCDC32's donor" in dict(ok[107].extra)["position_read_as"]


def test_jaffal_chry_pseudoautosomal_rows_are_annotated_on_the_chrx_gene(shared_dir, source):
    from fusionviz.annotate import annotate

    path = (
        shared_dir / "callers/LR-FusionBenchmarking/SeraCarev4Fusion.IsoSeq_jaffal_results.csv.gz"
    )
    _, ok, _ = _prepared(path, source)
    row = ok[81]  # P2RY8:NFYB at chrY:1536921 (PAR1)
    assert row.five_prime.breakpoint.contig == "X"
    assert (
        "chrY:1536921:- lies in the pseudoautosomal region PAR1"
        in dict(row.extra)["pseudoautosomal"]
    )
    assert annotate(row, source).five_prime.gene == "P2RY8"


def test_jaffal_long_read_positions_near_one_splice_site_are_read_as_it(shared_dir, source):
    from fusionviz.annotate import annotate

    path = (
        shared_dir / "callers/LR-FusionBenchmarking/SeraCarev4Fusion.IsoSeq_jaffal_results.csv.gz"
    )
    _, ok, _ = _prepared(path, source)
    eml4 = next(r for r in ok.values() if r.five_prime.gene == "EML4")
    # 2:42295512 / 2:29223524 are 4 bp from EML4 exon 13's donor and ALK exon 20's
    # acceptor: SeraCare's EML4::ALK variant 1, E13;A20, 1059 aa
    assert (eml4.five_prime.breakpoint.position, eml4.three_prime.breakpoint.position) == (
        42295516,
        29223528,
    )
    assert "4 bp away" in dict(eml4.extra)["position_read_as"]
    af = annotate(eml4, source)
    assert (af.names.short, af.frame, af.protein.length) == ("E13;A20", "in-frame", 1059)


def test_short_read_jaffa_positions_are_kept_exactly(shared_dir, source):
    _, ok, _ = _prepared(shared_dir / "callers/fusion-report/jaffa.csv", source)
    assert not any("position_read_as" in dict(r.extra) for r in ok.values())


def test_old_grch37_jaffa_is_found_by_coordinates_and_lifted_exactly(shared_dir, source):
    path = shared_dir / "callers/STAR-Fusion_benchmarking_data/H2228/JAFFA_HYBRID/jaffa_results.csv"
    t, ok, bad = _prepared(path, source)
    assert plan_build(t, source).lift
    eml4 = ok[3]
    assert _pair(eml4)[0::2] == ("EML4", "ALK")
    # hg19 chr2:42492091 / chr2:29446394 = GRCh38 2:42264951 / 2:29223528 (PROVENANCE twins)
    assert (eml4.five_prime.breakpoint.position, eml4.three_prime.breakpoint.position) == (
        42264951,
        29223528,
    )
    assert eml4.lifted.five_prime == P("2", 42492091)


def test_ericscript_reads_sequence_and_reports_unpredicted_breakpoints(shared_dir, source):
    _, ok, bad = _prepared(shared_dir / "callers/fusion-report/ericscript.tsv", source)
    fgfr3 = ok[2]
    assert _pair(fgfr3) == ("FGFR3", P("4", 1806934, "+"), "TACC3", P("4", 1727977, "+"))
    seq = fgfr3.junction_sequence
    assert seq.five.endswith("GTCCACCGAC") and seq.three.startswith("ACAGAAGAG")
    _, _, bad = _prepared(
        shared_dir
        / "callers/STAR-Fusion_benchmarking_data/H2228/ERICSCRIPT/MyEric.results.filtered.tsv",
        source,
    )
    assert bad and all("Unable to predict breakpoint position" in e.reason for e in bad.values())


def test_dragen_both_layouts_and_gene_lists(shared_dir, source):
    t, ok, bad = _prepared(shared_dir / "callers/fusion-report/dragen.tsv", source)
    assert (t.caller, len(ok) + len(bad)) == ("DRAGEN (5-column layout)", 5)
    ewsr1 = next(r for r in ok.values() if r.five_prime.gene == "EWSR1")
    assert ewsr1.five_prime.breakpoint == P("22", 29287134, "+")
    t, ok, bad = _prepared(
        shared_dir / "callers/RNAsum/test_sample_WTS.fusion_candidates.final", source
    )
    assert t.caller == "DRAGEN (14-column layout)"
    nrip1 = ok[3]
    assert (nrip1.three_prime.gene, dict(nrip1.extra)["other_genes3"]) == (
        "AF127577.4",
        "LINC02246",
    )
    assert dict(nrip1.extra)["junction_reads"] == "6"


def test_fusionmap_two_character_strand_and_frame(shared_dir, source):
    t, ok, bad = _prepared(
        shared_dir / "callers/EnFusion/FusionDetection.FusionReport.Table.txt", source
    )
    assert (t.format, len(ok) + len(bad)) == ("fusionmap", 32)
    eml4 = next(r for r in ok.values() if r.five_prime.gene == "EML4")
    assert _pair(eml4) == ("EML4", P("2", 42295516, "+"), "ALK", P("2", 29223528, "-"))
    extra = dict(eml4.extra)
    assert extra["caller_frame"] == "in-frame" and extra["caller_exon5"]


def test_mapsplice_has_no_header_and_the_donor_is_5prime(shared_dir, source):
    t, ok, bad = _prepared(shared_dir / "callers/EnFusion/fusions_well_annotated.txt", source)
    assert (t.format, t.header_line, len(ok) + len(bad)) == ("mapsplice", 0, 26)
    assert _pair(ok[2]) == ("TPM3", P("1", 154170400, "-"), "NTRK1", P("1", 156874571, "+"))


def test_pizzly_needs_the_same_transcript_versions(shared_dir, source):
    _, ok, bad = _prepared(shared_dir / "callers/fusion-report/pizzly.tsv", source)
    assert bad and all(
        "same version" in e.reason or "cannot be placed" in e.reason for e in bad.values()
    )


def test_pizzly_transcript_coordinates_are_placed_on_the_named_transcripts(tmp_path, source):
    eml4, alk = source.default_transcript("EML4"), source.default_transcript("ALK")
    last5 = sum(e.length for e in eml4.exons[:6])  # end of EML4 exon 6
    first3 = sum(e.length for e in alk.exons[:19])  # 0-based start of ALK exon 20
    total = sum(e.length for e in alk.exons)
    f = tmp_path / "pizzly.tsv"
    f.write_text(
        "geneA.name\tgeneA.id\tgeneB.name\tgeneB.id\tpaircount\tsplitcount\ttranscripts.list\n"
        f"EML4\tENSG1\tALK\tENSG2\t3\t4\t{eml4.label}_0:{last5}_{alk.label}_{first3}:{total}\n"
    )
    _, ok, bad = _prepared(f, source)
    req = ok[2]
    assert req.five_prime.breakpoint == P("2", 42264731, "+")
    assert req.three_prime.breakpoint == P("2", 29223528, "-")
    assert req.five_prime.transcript == eml4.label


# --- formats whose 5' partner is derived ---------------------------------------------


def test_longgf_log_reverse_gene_order_is_resolved_from_the_reads(shared_dir, source):
    path = shared_dir / "callers/LR-FusionBenchmarking/DepMap_v1v2mrgd_KIJK_longgf.out.gz"
    t, ok, bad = _prepared(path, source)
    assert (t.format, len(ok) + len(bad)) == ("longgf", 1104)
    npm1 = ok[40]  # 'ALK:NPM1 ... chr5:171391797' in the log
    # NPM1 171391797 is 2 bp before MANE exon 4's last base: a long-read position,
    # read as that donor and said so (not kept as a 2 bp-short non-canonical junction)
    assert _pair(npm1) == ("NPM1", P("5", 171391799, "+"), "ALK", P("2", 29223528, "-"))
    extra = dict(npm1.extra)
    assert "derived from the side of each breakpoint" in extra["five_prime_from"]
    assert "chr5:171391797 read as NPM1's donor" in extra["position_read_as"]


def test_longgf_npm1_alk_is_the_in_frame_680_aa_fusion(shared_dir, source):
    from fusionviz.annotate import annotate

    path = shared_dir / "callers/LR-FusionBenchmarking/DepMap_v1v2mrgd_KIJK_longgf.out.gz"
    _, ok, _ = _prepared(path, source)
    af = annotate(ok[40], source)
    assert (af.names.short, af.frame, af.protein.length) == ("N4;A20", "in-frame", 680)


def test_longgf_previous_symbols_are_read_as_their_genes(shared_dir, source):
    # LongGF names genes by an older annotation: TCEB2 is ELOB's previous symbol
    path = shared_dir / "callers/LR-FusionBenchmarking/DepMap_v1v2mrgd_KIJK_longgf.out.gz"
    _, ok, bad = _prepared(path, source)
    assert 632 not in bad
    assert (ok[632].five_prime.gene, ok[632].three_prime.gene) == ("TCEB2", "MSL1")
    unknown = [r.reason for r in bad.values() if "is not in the annotation" in r.reason]
    assert not any(g in " ".join(unknown) for g in ("TCEB2", "SEPT7 ", "H2AFZ", "WHSC1"))


def test_longgf_excerpt_of_gf_lines(shared_dir, source):
    _, ok, _ = _prepared(shared_dir / "callers/AGFusion/fusions_hg38.log", source)
    assert (ok[1].five_prime.gene, ok[1].three_prime.gene) == ("BCAS4", "BCAS3")


def test_enfusion_alk_first_row_is_reported_and_boundary_rows_resolved(shared_dir, source):
    path = (
        shared_dir
        / "callers/EnFusion/collapse_filtered_overlap_knownfusionlist_2callers_test_data.tsv"
    )
    t, ok, bad = _prepared(path, source)
    assert (t.format, t.header_line) == ("enfusion", 8)
    # ALK>>EML4 with both breakpoints inside exons: no order can be derived, none guessed
    assert "cannot be decided" in bad[9].reason
    assert _pair(ok[10])[0::2] == ("FGFR3", "BAIAP2L1")
    assert "exon boundaries" in dict(ok[10].extra)["five_prime_from"]


def test_squid_segments_and_fused_genes(shared_dir, source):
    _, ok, bad = _prepared(shared_dir / "callers/fusion-report/squid.original_ffcf5ea.txt", source)
    # FGFR3:TACC3 lists the TACC3 segment first; BEDPE start 1727976 is base 1727977
    assert _pair(ok[2]) == ("FGFR3", P("4", 1806934, "+"), "TACC3", P("4", 1727977, "+"))
    assert _pair(ok[4])[0::2] == ("TMPRSS2", "ETV1")
    assert 10 in bad  # the non-fusion-gene segment pair in IGH


def test_cicero_contig_strands_give_the_order_checked_against_sv_ort(shared_dir, source):
    t, ok, bad = _prepared(shared_dir / "callers/CICERO/final_fusions.txt", source)
    tcf3 = ok[2]
    assert _pair(tcf3) == ("TCF3", P("19", 1619111, "-"), "PBX1", P("1", 164792494, "+"))
    extra = dict(tcf3.extra)
    assert (extra["caller_frame"], extra["caller_exon5"], extra["caller_exon3"]) == (
        "in-frame",
        "15",
        "3",
    )


def test_defuse_grch37_is_lifted_before_the_order_is_derived(shared_dir, source):
    t, ok, bad = _prepared(shared_dir / "callers/mavis/defuse_output.tsv", source)
    assert plan_build(t, source).lift
    ubc = ok[6]
    assert (ubc.five_prime.gene, ubc.three_prime.gene) == ("UBC", "UBB")
    assert ubc.lifted is not None and ubc.lifted.five_prime.contig == "12"


def test_tophat_fusion_rows_without_orientation_are_reported_not_guessed(shared_dir, source):
    t, ok, bad = _prepared(shared_dir / "callers/AGFusion/tophatfusion_result.txt", source)
    assert (t.format, len(ok) + len(bad)) == ("tophat-fusion", 20)
    assert len(ok) == 13
    assert all(
        "states no strand or orientation" in e.reason or "lift" in e.reason for e in bad.values()
    )


def test_tophat_fusion_positions_are_0_based_and_land_on_exon_boundaries(shared_dir, source):
    from fusionviz.annotate import annotate

    _, ok, _ = _prepared(shared_dir / "callers/AGFusion/tophatfusion_result.txt", source)
    row = ok[2]  # ASTN2 chr9:119976636 / ARHGDIG chr16:331745 (GRCh37, 0-based)
    assert "0-based" in dict(row.extra)["position_convention"]
    af = annotate(row, source)
    assert any("is the last base of ASTN2 exon" in w for w in af.warnings)
    assert any("is the first base of ARHGDIG exon" in w for w in af.warnings)


def test_arriba_vcf_orientation_from_brackets(shared_dir, source):
    t, ok, bad = _prepared(shared_dir / "callers/megSAP/vc_arriba_ref1.vcf", source)
    assert (t.format, t.caller, t.build) == ("vcf", "Arriba VCF", "GRCh38")
    assert _pair(ok[13]) == ("SMAD3", P("15", 67066360, "+"), "PLCXD3", P("5", 41382534, "-"))
    assert ok[13].breakpoint_meaning == "rna"


def test_manta_rna_mate_contig_case_and_rna_first(shared_dir, source):
    t, ok, bad = _prepared(shared_dir / "callers/megSAP/vc_manta_out4.vcf.gz", source)
    assert t.caller == "Manta (RNA mode)" and not bad
    (req,) = ok.values()
    # RNA_FIRST marks chr5:240474 (ALT A[CHR5:225417[) as the 5' breakend
    assert (req.five_prime.breakpoint, req.three_prime.breakpoint) == (
        P("5", 240474, "+"),
        P("5", 225417, "+"),
    )


def test_manta_dna_mode_breakends_are_dna_breakpoints(tmp_path, shared_dir, source):
    raw = (shared_dir / "callers/megSAP/vc_manta_out4.vcf.gz").read_bytes()
    text = gzip.decompress(raw).decode()
    text = text.replace(" --rna", "").replace(";RNA_FIRST", "")
    f = tmp_path / "manta_dna.vcf"
    f.write_text(text)
    t, ok, bad = _prepared(f, source)
    assert t.caller == "Manta (DNA mode)"
    assert all(r.breakpoint_meaning == "dna" for r in ok.values())


def test_vcf_deletion_record_is_the_junction_it_makes(tmp_path, source):
    f = tmp_path / "del.vcf"
    # TMPRSS2 intron 1 to ERG intron 3 by a 3 Mb deletion on chr21 (both genes on -)
    f.write_text(
        "##fileformat=VCFv4.2\n##source=GenerateSVCandidates 1.6.0\n"
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
        "chr21\t38500000\tdel1\tA\t<DEL>\t.\tPASS\tSVTYPE=DEL;END=41500000\n"
    )
    _, ok, bad = _prepared(f, source)
    req = ok[4]
    assert (req.five_prime.gene, req.three_prime.gene) == ("TMPRSS2", "ERG")
    assert req.breakpoint_meaning == "dna"
    assert (req.five_prime.breakpoint.position, req.three_prime.breakpoint.position) == (
        41500001,
        38500000,
    )


def test_a_breakend_without_its_mate_is_a_row_error(tmp_path, source):
    f = tmp_path / "orphan.vcf"
    f.write_text(
        "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
        "chr2\t29223528\tb1\tA\t]chr2:42295516]A\t.\tPASS\tSVTYPE=BND;MATEID=b2\n"
    )
    _, ok, bad = _prepared(f, source)
    assert not ok and "mate b2 is not in the file" in bad[3].reason


# --- detection ----------------------------------------------------------------------


def test_pipeline_preamble_before_a_header_is_still_detected(tmp_path, shared_dir):
    src = (shared_dir / "callers/fusion-report/arriba.tsv").read_text()
    f = tmp_path / "arriba_with_preamble.tsv"
    f.write_text("##source=arriba v2.5.1\n##AnalysisDate=2024-01-01\n# run by lab pipeline\n" + src)
    table = open_calls(f)
    assert (table.format, table.header_line) == ("arriba", 4)


@pytest.mark.parametrize(
    ("alias", "fmt"),
    [
        ("FusionInspector", "star-fusion"),
        ("JAFFAL", "jaffa"),
        ("manta", "vcf"),
        ("tophat", "tophat-fusion"),
    ],
)
def test_format_aliases(alias, fmt):
    from fusionviz.callers import canonical_format

    assert canonical_format(alias) == fmt
