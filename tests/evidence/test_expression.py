"""The bundled GTEx table and the words fusionviz uses for it (thresholds stated)."""

from __future__ import annotations

import gzip

import pytest

from fusionviz.errors import AnnotationDataError
from fusionviz.evidence import expression as ex
from fusionviz.evidence.models import GeneExpression, TissueMedian, tissue_label


def _table(lines: list[str]) -> bytes:
    head = [
        "# dataset: GTEx Analysis V8 (test)",
        "# via: hand-made",
        "# listed_max: 3",
        "#tissue\t0\tAdipose_Subcutaneous\t663",
        "#tissue\t1\tBrain_Cortex\t255",
        "#tissue\t2\tLiver\t226",
        "#tissue\t3\tTestis\t361",
        "gene\tsymbol_in_data\torder\tmedians",
    ]
    return gzip.compress("\n".join(head + lines).encode())


def test_a_gene_row_becomes_its_tissues_highest_first():
    t = ex.parse_expression(_table(["AARS1\tAARS\tordered\t2:150,0:90.5,1:60"]))
    e = t.gene("aars1")
    assert [(m.tissue, m.median_tpm, m.samples) for m in e.tissues] == [
        ("Liver", 150.0, 226),
        ("Adipose_Subcutaneous", 90.5, 663),
        ("Brain_Cortex", 60.0, 255),
    ]
    assert e.symbol_in_data == "AARS" and e.tissues_total == 4 and e.complete
    assert t.gene("NOPE") is None


def test_a_table_without_its_header_lines_is_refused():
    with pytest.raises(AnnotationDataError, match="listed_max"):
        ex.parse_expression(gzip.compress(b"# dataset: x\n# via: y\n"))


def _expr(medians, tissues=None, listed_max=10):
    tissues = tissues or [f"T{i}_x" for i in range(len(medians))]
    return GeneExpression(
        "G",
        "G",
        tuple(TissueMedian(t, m, 100) for t, m in zip(tissues, medians, strict=True)),
        49,
        listed_max,
        "GTEx",
        "test",
    )


@pytest.mark.parametrize(
    ("top", "word"),
    [(155.2, "high"), (100, "high"), (56.1, "moderate"), (3.5, "low"), (0.4, "very low")],
)
def test_level_words_follow_the_stated_thresholds(top, word):
    assert ex.level(_expr([top])) == word


def test_breadth_broad_needs_a_full_list_several_organs_and_no_fourfold_drop():
    organs = [
        "Adipose_A",
        "Artery_B",
        "Brain_C",
        "Liver",
        "Lung",
        "Spleen",
        "Testis",
        "Ovary",
        "Uterus",
        "Thyroid",
    ]
    assert ex.breadth(_expr([155, 140, 135, 134, 131, 125, 115, 101, 96, 95.5], organs)) == "broad"
    assert ex.breadth(_expr([100, 20, 10], organs[:3])) == "dominated by one tissue"
    assert (
        ex.breadth(_expr([3.5, 3.1, 1.7, 1.4, 1.4, 1.3, 1.2, 0.9, 0.9, 0.7], organs))
        == "several tissues"
    )


def test_an_unlisted_tissue_is_never_turned_into_a_number():
    e = _expr([3.53, 3.08, 0.73], ["Pituitary", "Testis", "Brain_Cortex"], listed_max=3)
    assert ex.median_or_rank(e, "Testis") == "3.08 TPM"
    text = ex.median_or_rank(e, "Muscle_Skeletal")
    assert text.startswith("not among its 3 highest-median tissues") and "0.73 TPM" in text
    assert ex.median_or_rank(None, "Liver") == "no data"


@pytest.mark.parametrize(
    ("tissue", "label"),
    [
        ("Brain_Frontal_Cortex_BA9", "Brain - Frontal Cortex BA9"),
        ("Small_Intestine_Terminal_Ileum", "Small Intestine - Terminal Ileum"),
        ("Minor_Salivary_Gland", "Minor Salivary Gland"),
        ("Muscle_Skeletal", "Muscle - Skeletal"),
        ("Liver", "Liver"),
    ],
)
def test_gtex_tissue_ids_read_as_gtex_names(tissue, label):
    assert tissue_label(tissue) == label


def test_the_bundled_table_has_sqstm1_broad_and_high_and_alk_low(bundle):
    s, a = bundle.expression("SQSTM1"), bundle.expression("ALK")
    assert s.tissues[0] == TissueMedian("Muscle_Skeletal", 155.2, 803)
    assert (ex.level(s), ex.breadth(s)) == ("high", "broad")
    assert s.tissues_total == 49 and len(s.tissues) == 10
    assert ex.level(a) == "low" and a.median_in("Muscle_Skeletal") is None
    assert "GTEx Analysis V8" in s.dataset and "ideogram@1.53.0" in s.via


def test_a_renamed_gene_is_found_under_its_former_gtex_symbol(bundle):
    e = bundle.expression("AARS1")
    assert e is not None and e.symbol_in_data == "AARS"
