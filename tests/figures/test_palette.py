"""Colours: one colour-blind-safe colour per family in a figure; kinase colour reserved."""

from __future__ import annotations

from fusionviz.figures.palette import KINASE, PALETTE, ColourBook, Fill


def test_kinase_colour_goes_to_kinases_only():
    fills = ColourBook().assign(["kinase", "kinesin motor", "wd40", "rrm", "aws"])
    assert fills["kinase"] == Fill(KINASE)
    assert all(f.colour != KINASE for fam, f in fills.items() if fam != "kinase")
    assert KINASE not in PALETTE


def test_every_family_of_a_figure_gets_its_own_fill_even_beyond_the_palette():
    families = [f"family {i}" for i in range(len(PALETTE) + 5)] + ["kinase"]
    fills = ColourBook().assign(families)
    assert len(set(fills.values())) == len(families)
    assert len({fills[f].colour for f in families[: len(PALETTE)]}) == len(PALETTE)


def test_a_family_keeps_its_colour_across_the_figures_of_one_run():
    book = ColourBook()
    first = book.assign(["sh3", "sh2", "pb1"])  # sh3 and pb1 prefer the same teal
    second = book.assign(["pb1", "uba"])
    assert second["pb1"] == first["pb1"]
    assert first["sh3"] != first["pb1"]


def test_a_style_colour_overrides_the_family_colour():
    assert ColourBook().assign(["kinase"], {"kinase": "#0072B2"})["kinase"].colour == "#0072B2"


def test_without_a_shared_book_the_same_families_give_the_same_colours():
    assert ColourBook().assign(["ets", "pointed"]) == ColourBook().assign(["ets", "pointed"])
