"""One feature, one name: records from several databases grouped into the features a
reader sees, under curated names, with every source kept."""

from __future__ import annotations

from fusionviz.features import abbreviate, curated, group_features, readable, record_text
from fusionviz.models import Domain, DomainVerdict

U, P, IPR = (
    "UniProtKB/Swiss-Prot Q9UM73 (entry version 238)",
    "Pfam 37.0",
    "InterPro via x (Ensembl 110)",
)


def kept(*domains: Domain) -> list[DomainVerdict]:
    return [DomainVerdict(d, "retained", d.start, d.end, 1.0) for d in domains]


def test_one_kinase_from_three_databases_is_one_feature_named_protein_kinase():
    features = group_features(
        kept(
            Domain("Protein kinase", 1116, 1392, U),
            Domain("PK_Tyr_Ser-Thr", 1116, 1383, P, accession="PF07714"),
            Domain(
                "Serine-threonine/tyrosine-protein kinase, catalytic domain",
                1117,
                1382,
                IPR,
                accession="IPR001245",
            ),
        )
    )
    assert len(features) == 1
    f = features[0]
    assert (f.name, f.short, f.family, f.kind) == ("Protein kinase", "Kinase", "kinase", "domain")
    assert (f.start, f.end) == (1116, 1392)  # the UniProt record's extent
    assert [m.domain.source for m in f.members] == [U, P, IPR]
    assert "PF07714" in f.sources_text() and "IPR001245" in f.sources_text()


def test_pb1_from_three_sources_is_one_row():
    f = group_features(
        kept(
            Domain("PB1", 3, 102, U),
            Domain("PB1", 21, 102, P, accession="PF00564"),
            Domain("PB1 domain", 41, 100, IPR, accession="IPR000270"),
        )
    )
    assert [x.name for x in f] == ["PB1"]


def test_numbers_in_names_are_not_copy_numbers():
    # The old normaliser turned "SH2" into "sh" and "C2" into "c".
    assert readable(Domain("SH2", 1, 9, P, accession="PF00017")).family == "sh2"
    assert readable(Domain("C2", 1, 9, P)).family == "c2"
    assert readable(Domain("SH3_1", 1, 9, P)).name == "SH3"
    assert readable(Domain("PH_19", 1, 9, P)).name == "PH"
    mam2 = readable(Domain("MAM 2", 1, 9, U))
    assert (mam2.name, mam2.family) == ("MAM 2", "mam")


def test_distinct_families_in_one_database_stay_distinct():
    f = group_features(
        kept(Domain("Kinesin motor", 8, 325, U), Domain("Coiled coil", 300, 914, U, "coiled-coil"))
    )
    assert [x.name for x in f] == ["Kinesin motor", "Coiled coil"]


def test_pfam_transmembrane_families_join_the_transmembrane_mark():
    f = group_features(
        kept(
            Domain("Transmembrane (Helical)", 646, 668, U, "transmembrane"),
            Domain("TM_ErbB1", 646, 681, P, accession="PF21314"),
        )
    )
    assert [(x.name, x.kind, len(x.members)) for x in f] == [
        ("Transmembrane segment", "transmembrane", 2)
    ]


def test_topology_and_regions_are_kept_but_not_drawn():
    f = group_features(
        kept(
            Domain("Extracellular", 19, 1038, U, "topology"),
            Domain("Interaction with LCK", 2, 50, U, "region"),
        )
    )
    assert {x.kind for x in f} == {"other"}


def test_kinase_family_is_only_for_catalytic_kinase_domains():
    assert curated(Domain("Protein kinase domain", 1, 9, IPR)).family == "kinase"
    assert curated(Domain("Kinase associated domain 1", 1, 9, IPR)) is None
    assert curated(Domain("Kinesin", 1, 9, P, accession="PF00225")).family == "kinesin motor"


def test_abbreviations_never_cut_a_word():
    for name in (
        "Nuclear pore complex protein Nup98-Nup96-like, autopeptidase S59 domain",
        "Hepatocyte nuclear factor 1, N-terminal",
        "MHC class II-associated invariant chain/CLIP, MHC II-interacting",
    ):
        short = abbreviate(name)
        assert len(short) < len(name)
        assert all(word.lower() in name.lower().replace(",", "") for word in short.split())


def test_record_text_names_the_database_and_the_entry():
    text = record_text(Domain("PK_Tyr_Ser-Thr", 1116, 1383, P, accession="PF07714"))
    assert text == "Pfam 37.0 PF07714 PK_Tyr_Ser-Thr 1116-1383"
    assert record_text(Domain("Protein kinase", 1, 2, U)).startswith("UniProt Q9UM73 v238")
