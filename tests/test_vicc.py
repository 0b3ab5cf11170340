"""VICC Gene Fusion Specification output: nomenclature, structure, coordinates on
both strands, reading frame, regulatory element and domains; every shape checked
against fusor's own pydantic models where fusor is installed."""

from __future__ import annotations

import dataclasses

import pytest

from fusionviz.annotate import annotate, annotate_text
from fusionviz.models import Domain, FusionRequest, GenomicPosition, PartnerSpec
from fusionviz.vicc import (
    GRCH38_CHROMOSOMES,
    exon_offset,
    is_assayed,
    reading_frame_preserved,
    to_vicc,
    vicc_nomenclature,
)
from tests.handmade import FakeSource, make_transcript

try:
    from fusor import models as fusor_models
except ImportError:  # the vicc extra is optional
    fusor_models = None

requires_fusor = pytest.mark.skipif(fusor_models is None, reason="fusor (fusionviz[vicc]) absent")


def fusor_validate(data: dict):
    cls = (
        fusor_models.AssayedFusion
        if data["type"] == "AssayedFusion"
        else fusor_models.CategoricalFusion
    )
    return cls.model_validate(data)


# --------------------------------------------------------------------------- seed fusions


SEEDS = {
    "SQSTM1 e5::ALK e19": "ENST00000389805.9(SQSTM1):e.5::ENST00000389048.8(ALK):e.19",
    "EML4 e6::ALK e20": "ENST00000318522.10(EML4):e.6::ENST00000389048.8(ALK):e.20",
    "HMBOX1 e6::ALK e20": "ENST00000287701.15(HMBOX1):e.6::ENST00000389048.8(ALK):e.20",
}


@pytest.mark.parametrize("text", SEEDS)
def test_seed_fusions_have_junction_component_nomenclature(text):
    af = annotate_text(text)
    assert vicc_nomenclature(af) == SEEDS[text]
    assert to_vicc(af)["viccNomenclature"] == SEEDS[text]


def test_exon_level_input_is_a_categorical_fusion_with_frame_and_domains():
    af = annotate_text("SQSTM1 e5::ALK e19")
    v = to_vicc(af)
    assert v["type"] == "CategoricalFusion" and not is_assayed(af)
    assert v["readingFramePreserved"] is True
    five, three = v["structure"]
    assert five["type"] == three["type"] == "TranscriptSegmentElement"
    assert (five["exonEnd"], five["exonEndOffset"]) == (5, 0)
    assert (three["exonStart"], three["exonStartOffset"]) == (19, 0)
    assert "exonStart" not in five and "exonEnd" not in three
    assert five["transcript"] == "ensembl:ENST00000389805.9"
    assert five["transcriptStatus"] == three["transcriptStatus"] == "mane_select"
    assert (five["strand"], three["strand"]) == (1, -1)
    assert three["gene"]["primaryCoding"]["id"] == "ensembl:ENSG00000171094"
    kinase = [
        d
        for d in v["criticalFunctionalDomains"]
        if d["associatedGene"]["name"] == "ALK" and "kinase" in d["label"].lower()
    ]
    assert kinase and all(d["status"] == "preserved" for d in kinase)


def test_out_of_frame_seed_reads_false_and_its_other_transcript_true():
    assert to_vicc(annotate_text("HMBOX1 e6::ALK e20"))["readingFramePreserved"] is False
    alt = annotate_text("HMBOX1-203 e6::ALK e20")
    v = to_vicc(alt)
    assert v["readingFramePreserved"] is True
    # Not MANE Select: fusor's value for any other transcript.
    assert v["structure"][0]["transcriptStatus"] == "longest_compatible_remaining"
    assert vicc_nomenclature(alt).startswith(f"{alt.five_prime.transcript.label}(HMBOX1):e.6::")


def test_junction_bases_are_inter_residue_on_the_transcribed_side():
    af = annotate_text("SQSTM1 e5::ALK e19")
    five, three = to_vicc(af)["structure"]
    # SQSTM1 (+): the last kept base b ends the segment at b; ALK (-): the first kept
    # base b (its highest coordinate) starts the segment, interval (b-1, b] -> end b.
    assert five["elementGenomicEnd"]["end"] == af.five_prime.genomic_boundary.position
    assert three["elementGenomicStart"]["end"] == af.three_prime.genomic_boundary.position
    assert "start" not in three["elementGenomicStart"]
    assert five["elementGenomicEnd"]["name"] == "NC_000005.10"
    assert three["elementGenomicStart"]["name"] == "NC_000002.12"


def test_promoter_fusion_carries_a_regulatory_element_first():
    af = annotate_text("TMPRSS2 e1::ERG e4")
    assert af.five_prime.region == "5'UTR"
    v = to_vicc(af)
    reg = v["regulatoryElement"]
    assert reg["regulatoryClass"] == "promoter"
    assert reg["associatedGene"]["name"] == "TMPRSS2"
    assert v["readingFramePreserved"] is None  # frame does not apply
    assert vicc_nomenclature(af).startswith("reg_p@TMPRSS2(ensembl:ENSG00000184012)::")


def test_grch38_chromosome_accessions_are_the_refseq_ones():
    assert GRCH38_CHROMOSOMES["2"] == "NC_000002.12"
    assert GRCH38_CHROMOSOMES["X"] == "NC_000023.11"
    assert len(GRCH38_CHROMOSOMES) == 24


# --------------------------------------------------------------------------- hand-made


def _source(strand5: str, strand3: str) -> FakeSource:
    a = make_transcript("AAA", [100, 100, 100], cds_tx=(11, 290), strand=strand5)
    b = make_transcript("BBB", [100, 100, 100], cds_tx=(11, 290), strand=strand3, contig="2")
    a = dataclasses.replace(a, transcript_id="ENST00000000001.1", gene_id="ENSG00000000001.3")
    b = dataclasses.replace(b, transcript_id="ENST00000000002.4", gene_id="ENSG00000000002.1")
    domains = {
        "BBB-201": [
            Domain("Kinase", 40, 90, "UniProtKB/Swiss-Prot", accession="PF00069"),
            Domain("Head", 1, 30, "UniProtKB/Swiss-Prot", kind="domain"),
            Domain("Middle", 30, 44, "UniProtKB/Swiss-Prot", kind="domain"),
        ]
    }
    return FakeSource({"AAA": [a], "BBB": [b]}, domain_map=domains)


def _exon_request(e5: int, e3: int) -> FusionRequest:
    return FusionRequest(PartnerSpec(gene="AAA", exon=e5), PartnerSpec(gene="BBB", exon=e3))


@pytest.mark.parametrize(("strand5", "strand3"), [("+", "-"), ("-", "+"), ("+", "+"), ("-", "-")])
def test_junction_locations_follow_each_strand(strand5, strand3):
    src = _source(strand5, strand3)
    af = annotate(_exon_request(2, 2), src)
    five, three = to_vicc(af)["structure"]
    a, b = src.genes["AAA"][0].exons[1], src.genes["BBB"][0].exons[1]
    last5 = a.end if strand5 == "+" else a.start
    first3 = b.start if strand3 == "+" else b.end
    want5 = {"end": last5} if strand5 == "+" else {"start": last5 - 1}
    want3 = {"start": first3 - 1} if strand3 == "+" else {"end": first3}
    got5 = {
        k: five["elementGenomicEnd"][k] for k in ("start", "end") if k in five["elementGenomicEnd"]
    }
    got3 = {
        k: three["elementGenomicStart"][k]
        for k in ("start", "end")
        if k in three["elementGenomicStart"]
    }
    assert (got5, got3) == (want5, want3)
    assert five["strand"] == (1 if strand5 == "+" else -1)
    assert three["elementGenomicStart"]["name"] == "NC_000002.12"


@pytest.mark.parametrize("strand", ["+", "-"])
def test_exonic_breakpoints_become_exon_offsets(strand):
    src = _source(strand, strand)
    a, b = src.genes["AAA"][0].exons[1], src.genes["BBB"][0].exons[1]
    # 5' partner: its last base 30 nt before the end of exon 2; 3' partner: its first
    # base 25 nt after the start of exon 2 (transcript direction); beyond the 10 bp the
    # engine reads as the splice site, so the RNA junction is these exact bases.
    bp5 = a.end - 30 if strand == "+" else a.start + 30
    bp3 = b.start + 25 if strand == "+" else b.end - 25
    req = FusionRequest(
        PartnerSpec(gene="AAA", breakpoint=GenomicPosition("1", bp5, strand)),
        PartnerSpec(gene="BBB", breakpoint=GenomicPosition("2", bp3, strand)),
    )
    af = annotate(req, src)
    assert (af.five_prime.exon, af.three_prime.exon) == (2, 2)
    assert af.five_prime.genomic_boundary.position == bp5
    assert (exon_offset(af.five_prime), exon_offset(af.three_prime)) == (-30, 25)
    v = to_vicc(af)
    assert v["type"] == "AssayedFusion"
    assert v["structure"][0]["exonEndOffset"] == -30
    assert v["structure"][1]["exonStartOffset"] == 25
    assert vicc_nomenclature(af) == "ENST00000000001.1(AAA):e.2-30::ENST00000000002.4(BBB):e.2+25"


def test_domains_map_to_preserved_and_lost_and_partial_ones_are_kept_apart():
    src = _source("+", "+")
    # AAA exon 1 ends at CDS nt 90 (phase 0); BBB exon 2 starts at CDS nt 91: in frame,
    # BBB residues 31.. kept: Head (1-30) lost, Middle (30-44) 14/15 kept, Kinase kept.
    af = annotate(_exon_request(1, 2), src)
    assert af.frame == "in-frame"
    v = to_vicc(af)
    status = {d["label"]: d["status"] for d in v["criticalFunctionalDomains"]}
    assert status == {"Head": "lost", "Kinase": "preserved"}
    kinase = next(d for d in v["criticalFunctionalDomains"] if d["label"] == "Kinase")
    assert kinase["id"] == "pfam:PF00069"
    (ext,) = v["extensions"]
    assert [p["label"] for p in ext["value"]] == ["Middle"]


def test_a_transcript_no_registry_knows_is_described_at_gene_level():
    src = _source("+", "+")
    a = dataclasses.replace(src.genes["AAA"][0], transcript_id=None)
    src.genes["AAA"] = [a]
    five = to_vicc(annotate(_exon_request(2, 2), src))["structure"][0]
    assert five == {"type": "GeneElement", "gene": five["gene"]}


def test_an_unverified_frame_makes_no_frame_claim():
    # e.g. a junction into the 3' partner's 5' UTR: in frame only if the UTR bases
    # hold no stop codon, which the annotation cannot check
    af = annotate_text("SQSTM1 e5::ALK e19")
    unverified = dataclasses.replace(af, junction=dataclasses.replace(af.junction, verified=False))
    assert reading_frame_preserved(af) is True
    assert reading_frame_preserved(unverified) is None
    assert to_vicc(unverified)["readingFramePreserved"] is None


# --------------------------------------------------------------------------- assayed input


def test_dna_breakpoints_are_an_inferred_rearrangement():
    req = FusionRequest(
        PartnerSpec(gene="EML4", breakpoint=GenomicPosition("2", 42299120, "+")),
        PartnerSpec(gene="ALK", breakpoint=GenomicPosition("2", 29223528, "-")),
        breakpoint_meaning="dna",
    )
    from fusionviz.sources import default_source

    v = to_vicc(annotate(req, default_source()))
    assert v["type"] == "AssayedFusion"
    assert v["causativeEvent"]["eventType"] == "rearrangement"
    assert v["assay"]["fusionDetection"] == "inferred"


# --------------------------------------------------------------------------- fusor


@requires_fusor
@pytest.mark.parametrize(
    "text",
    [
        *SEEDS,
        "HMBOX1-203 e6::ALK e20",
        "TMPRSS2 e1::ERG e4",
        "EML4:chr2:42299120::ALK:chr2:29223528",
    ],
)
def test_bundle_fusions_validate_against_fusor(text):
    v = to_vicc(annotate_text(text))
    model = fusor_validate(v)
    assert model.viccNomenclature == v["viccNomenclature"]
    assert model.type.value == v["type"]


@requires_fusor
@pytest.mark.parametrize(("strand5", "strand3"), [("+", "-"), ("-", "+")])
def test_hand_made_fusions_validate_against_fusor(strand5, strand3):
    src = _source(strand5, strand3)
    for e5, e3 in ((1, 2), (2, 2), (2, 3)):
        fusor_validate(to_vicc(annotate(_exon_request(e5, e3), src)))


@requires_fusor
def test_fusor_model_keeps_every_field_we_write():
    from fusionviz.vicc import to_fusor

    v = to_vicc(annotate_text("SQSTM1 e5::ALK e19"))
    dumped = to_fusor(annotate_text("SQSTM1 e5::ALK e19")).model_dump(
        mode="json", exclude_none=True, exclude_unset=True
    )
    # Nothing we write is silently dropped by fusor (its models ignore unknown keys).
    assert dumped == _without_none(v)


def _without_none(x):
    if isinstance(x, dict):
        return {k: _without_none(v) for k, v in x.items() if v is not None}
    if isinstance(x, list):
        return [_without_none(v) for v in x]
    return x


def test_cached_lines_equal_the_objects_and_keep_each_rows_reads():
    import json

    from fusionviz.vicc import VICCLines

    lines = VICCLines()
    af = annotate_text("EML4:chr2:42299120::ALK:chr2:29223528")
    rows = [
        dataclasses.replace(
            af,
            request=dataclasses.replace(
                af.request, extra=(("caller", "STAR-Fusion"), ("junction_reads", str(n)))
            ),
        )
        for n in (3, 40)
    ]
    for x in [annotate_text("SQSTM1 e5::ALK e19"), annotate_text("TMPRSS2 e1::ERG e4"), *rows]:
        assert lines.line(x) == json.dumps(to_vicc(x), ensure_ascii=False) + "\n"
    reads = [json.loads(lines.line(r))["readData"]["split"]["splitReads"] for r in rows]
    assert reads == [3, 40]


@pytest.mark.parametrize("strand", ["+", "-"])
def test_an_rna_junction_keeping_intron_bases_has_a_positive_intronic_offset(strand):
    src = _source(strand, strand)
    a, b = src.genes["AAA"][0].exons[1], src.genes["BBB"][0].exons[1]
    req = FusionRequest(
        PartnerSpec(
            gene="AAA",
            breakpoint=GenomicPosition("1", a.end + 20 if strand == "+" else a.start - 20, strand),
        ),
        PartnerSpec(
            gene="BBB", breakpoint=GenomicPosition("2", b.start if strand == "+" else b.end, strand)
        ),
    )
    af = annotate(req, src)
    assert af.five_prime.placement.reading == "retained intron"
    five = to_vicc(af)["structure"][0]
    assert five["exonEndOffset"] == 20
    assert five["elementGenomicEnd"]["extensions"] == [{"name": "is_exonic", "value": False}]
    assert vicc_nomenclature(af).startswith("ENST00000000001.1(AAA):e.2+20::")


def _without_transcript(p, locus):
    return dataclasses.replace(p, transcript=None, exon=None, region="non-coding", locus=locus)


def test_a_partner_no_transcript_holds_is_a_gene_or_an_unknown_gene():
    from fusionviz.models import Locus

    af = annotate_text("EML4:chr2:42299120::ALK:chr2:29223528")
    lnc = Locus("LINC00001", "ENSG00000999999.1", "lncRNA", "2", 100, 900, "+")
    with_lnc = dataclasses.replace(af, three_prime=_without_transcript(af.three_prime, lnc))
    intergenic = dataclasses.replace(af, three_prime=_without_transcript(af.three_prime, None))
    assert to_vicc(with_lnc)["structure"][1] == {
        "type": "GeneElement",
        "gene": {
            "conceptType": "Gene",
            "name": "LINC00001",
            "primaryCoding": {
                "id": "ensembl:ENSG00000999999",
                "code": "ENSG00000999999",
                "system": "https://www.ensembl.org/id/",
            },
        },
    }
    assert vicc_nomenclature(with_lnc).endswith("::LINC00001")
    assert to_vicc(intergenic)["structure"][1] == {"type": "UnknownGeneElement"}
    assert vicc_nomenclature(intergenic).endswith("::?")
    if fusor_models is not None:
        fusor_validate(to_vicc(with_lnc))
        fusor_validate(to_vicc(intergenic))
