"""The curated tables: every row cited, parsed strictly, and classes that match the
features fusionviz reports for the seed genes."""

from __future__ import annotations

import pytest

from fusionviz.errors import AnnotationDataError
from fusionviz.evidence.tables import (
    ClassIndex,
    cds_genomic_segments,
    classify,
    features_for,
    has_citation,
    parse_domain_classes,
    parse_gene_features,
)
from fusionviz.models import Domain
from tests.handmade import make_transcript

HEADER = "match\tclass\tfamily\tentry_name\tcitation\tread_at\tnote\n"
GOOD = (
    "PF00564\toligomerization\tPB1 domain\tPB1\t"
    "Sumimoto H et al. Sci STKE 2007. PMID 17726178\tPubMed\t\n"
)


def test_a_row_without_a_doi_pmid_or_pmcid_is_refused_with_its_line():
    text = (
        HEADER
        + GOOD
        + "PF00651\toligomerization\tBTB\tBTB\tStead MA et al., J Mol Biol 2007\tweb\t\n"
    )
    with pytest.raises(AnnotationDataError, match="line 3: the citation has no DOI, PMID or PMCID"):
        parse_domain_classes(text)


def test_a_row_that_does_not_say_where_it_was_read_is_refused():
    text = HEADER + GOOD.replace("\tPubMed\t", "\t\t")
    with pytest.raises(AnnotationDataError, match="read_at is empty"):
        parse_domain_classes(text)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (GOOD.replace("oligomerization", "pathogenic"), "class 'pathogenic' is not one of"),
        (GOOD.replace("PF00564", "PB1"), "is not PF00000, IPR000000"),
    ],
)
def test_a_row_with_an_unknown_class_or_match_is_refused(row, message):
    with pytest.raises(AnnotationDataError, match=message):
        parse_domain_classes(HEADER + row)


def test_citation_ids_are_recognised():
    assert has_citation("Richards MW et al. Biochem J 2015. doi:10.1042/BJ20150039")
    assert has_citation("PMID 7768349") and has_citation("PMCID PMC3823288")
    assert not has_citation("Richards MW et al., Biochem J 2015")


def test_every_shipped_row_has_a_citation_and_a_source(bundle):
    classes = bundle.domain_classes()
    assert len(classes) >= 30
    for c in classes:
        assert has_citation(c.citation) and c.read_at, c.match


def test_the_eml4_trimerization_domain_is_residues_6_to_64_of_the_mane_protein(bundle):
    t = bundle.default_transcript("EML4")
    (f,) = bundle.curated_features(t)
    assert (f.start, f.end, f.functional_class) == (6, 64, "oligomerization")
    assert "10.1042/BJ20150039" in f.citation and "Richards MW" in f.citation
    assert bundle.protein_sequence(t).sequence[37] == "I"  # the construct's I38M site


def test_a_gene_feature_outside_its_protein_is_refused():
    header = (
        "gene\tfeature\tstart\tend\treference_transcript\treference_length\tclass\tfamily\t"
        "check_residues\tcitation\tread_at\tnote\n"
    )
    row = (
        "EML4\tTD\t6\t990\tENST00000318522\t981\toligomerization\tcoiled coil\t\t"
        "doi:10.1042/X\tweb\t\n"
    )
    with pytest.raises(AnnotationDataError, match="not a residue range of a 981-aa protein"):
        parse_gene_features(header + row)


def _domain(name, acc, source, kind="domain"):
    return Domain(name, 1, 10, source, kind, acc)


@pytest.fixture(scope="module")
def index(bundle):
    return ClassIndex.of(bundle.domain_classes())


@pytest.mark.parametrize(
    ("domain", "cls"),
    [
        (_domain("PK_Tyr_Ser-Thr", "PF07714", "Pfam 37.0"), "kinase"),
        (_domain("Protein kinase", "DOMAIN", "UniProtKB/Swiss-Prot Q9UM73"), "kinase"),
        (
            _domain("Transmembrane (Helical)", "TRANSMEM", "UniProt topology via ideogram"),
            "receptor-transmembrane",
        ),
        (
            _domain("Extracellular", "TOPO_DOM", "UniProtKB/Swiss-Prot Q9UM73"),
            "receptor-extracellular",
        ),
        (
            _domain("Coiled coil", "COILED", "UniProtKB/Swiss-Prot P33176", "coiled-coil"),
            "oligomerization",
        ),
        (_domain("Tropomyosin", "PF00261", "Pfam 37.0", "coiled-coil"), "oligomerization"),
        # an explicit accession wins over the Pfam-type fallback: bZIP is DNA-binding
        (_domain("bZIP_1", "PF00170", "Pfam 37.0", "coiled-coil"), "DNA-binding"),
    ],
)
def test_features_are_classified_by_accession_uniprot_type_or_pfam_type(index, domain, cls):
    assert classify(domain, index).functional_class == cls


def test_unclassified_features_and_cytoplasmic_topology_have_no_class(index):
    assert (
        classify(_domain("Cytoplasmic", "TOPO_DOM", "UniProtKB/Swiss-Prot Q9UM73"), index) is None
    )
    assert classify(_domain("WD40", "PF00400", "Pfam 37.0", "repeat"), index) is None


@pytest.mark.parametrize(
    ("gene", "cls", "sources"),
    [
        ("ALK", "kinase", {"UniProtKB", "Pfam", "InterPro"}),
        ("SQSTM1", "oligomerization", {"UniProtKB", "Pfam", "InterPro"}),
        ("FLI1", "DNA-binding", {"Pfam", "InterPro"}),
        ("KIF5B", "oligomerization", {"UniProtKB"}),
        ("TPM3", "oligomerization", {"UniProtKB", "Pfam"}),
        ("ALK", "receptor-transmembrane", {"UniProtKB"}),
        ("BRAF", "RAS-binding", {"Pfam", "InterPro"}),
    ],
)
def test_the_classes_match_the_features_fusionviz_reports_for_the_seed_genes(
    bundle, index, gene, cls, sources
):
    t = bundle.default_transcript(gene)
    found = {
        d.source.split("/")[0].split(" ")[0]
        for d in bundle.domains(t)
        if (c := classify(d, index)) is not None and c.functional_class == cls
    }
    assert sources <= found, found


def test_a_feature_moves_to_an_isoform_only_when_its_codons_are_the_same(bundle):
    (row,) = bundle.curated_features(bundle.default_transcript("EML4"))
    ref = bundle.transcript("EML4-201")
    same_start = bundle.transcript("EML4-202")  # other 5'UTR, same first coding exons
    assert features_for(same_start, [row], lambda *_: ref) == (row,)
    other = make_transcript("EML4", [60, 300, 200], cds_tx=(10, 500), name="EML4-999")
    assert features_for(other, [row], lambda *_: ref) == ()


@pytest.mark.parametrize("strand", ["+", "-"])
def test_cds_segments_follow_the_exons_on_both_strands(strand):
    t = make_transcript("G", [30, 20, 40], cds_tx=(11, 78), strand=strand)
    segs = cds_genomic_segments(t, 1, 30)  # 20 nt in exon 1, 10 nt in exon 2
    assert [b - a + 1 for a, b in segs] == [20, 10]
    assert cds_genomic_segments(t, 1, 999) is None
