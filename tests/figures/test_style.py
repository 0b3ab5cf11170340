"""Style files: every setting optional, bad files give one clear StyleError line."""

from __future__ import annotations

import pytest

from fusionviz.errors import StyleError
from fusionviz.figures import layout, load_style
from fusionviz.figures.drawn import style_warnings_for
from fusionviz.figures.style import Style


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_default_style_needs_no_file():
    st = Style()
    assert st.source_priority == ("UniProt", "Pfam", "InterPro")
    assert 6.5 < st.width < 7.5


def test_toml_style_recolours_renames_hides_and_sets_width(tmp_path, sqstm1_alk):
    p = write(
        tmp_path,
        "s.toml",
        'width = 6.0\nfont_size = 7\nhide = ["UBA"]\n'
        '[colors]\nkinase = "#0072B2"\n[rename]\n"Protein kinase" = "Tyrosine kinase"\n',
    )
    st = load_style(p)
    assert st.width == 6.0 and st.colors == {"kinase": "#0072B2"}
    spec = layout([sqstm1_alk], style=st)
    assert spec.width == 6.0
    t3 = spec.panels[0].track("3'")
    kinase = next(g for g in t3.domains if g.family == "kinase")
    assert kinase.label == "Tyrosine kinase" and kinase.colour == "#0072B2"
    assert "UBA" not in [g.name for g in spec.panels[0].track("5'").domains]


def test_yaml_style_is_read_too(tmp_path):
    p = write(tmp_path, "s.yaml", "colors:\n  PB1: teal\nsource_priority: [Pfam, UniProt]\n")
    st = load_style(p)
    assert st.colors["PB1"] == "#008080"
    assert st.source_priority == ("Pfam", "UniProt")


def test_merge_puts_a_domain_in_another_family(tmp_path, hmbox1_alk_mane):
    st = load_style(write(tmp_path, "m.toml", '[merge]\n"HNF-1_N" = "homeobox"\n'))
    t5 = layout([hmbox1_alk_mane], style=st).panels[0].track("5'")
    fams = {g.name: g.family for g in t5.domains}
    assert fams["HNF-1_N"] == "homeobox"
    colours = {g.family: g.colour for g in t5.domains}
    assert len(set(colours.values())) == 1


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("bad.toml", "width = [", "not valid TOML"),
        ("bad.yaml", "colors: [a, b", "not valid YAML"),
        ("u.toml", "colour = 'red'", "unknown setting 'colour'"),
        ("w.toml", "width = 'wide'", "'width' must be a number"),
        ("r.toml", "width = 100", "outside"),
        ("c.toml", "[colors]\nkinase = 'notacolour'", "is not a colour"),
        ("s.txt", "width = 5", "must end in .toml"),
    ],
)
def test_bad_style_files_raise_one_line_style_error(tmp_path, name, text, message):
    with pytest.raises(StyleError, match=message) as exc:
        load_style(write(tmp_path, name, text))
    assert "\n" not in str(exc.value)


def test_missing_style_file_is_a_style_error(tmp_path):
    with pytest.raises(StyleError, match="cannot read style file"):
        load_style(tmp_path / "nope.toml")


def test_booleans_and_sizes_are_style_keys(tmp_path):
    st = load_style(write(tmp_path, "b.toml", "compact = true\nfooter = false\ndpi = 600\n"))
    assert st.compact and not st.footer and st.dpi == 600
    with pytest.raises(StyleError, match="true or false"):
        load_style(write(tmp_path, "c.toml", "legend = 'no'\n"))


def test_font_sizes_follow_font_size_and_shrink_for_a_single_column():
    assert Style().label_size == 7 and Style(width=3.5).label_size == 6
    st = Style(font_size=8)
    assert (st.label_size, st.heading_size, st.note_size) == (8, 10, 7)


def test_an_unknown_name_in_the_style_warns_with_close_matches(sqstm1_alk):
    st = Style(
        rename={"Protein kinse": "TK"},
        hide=frozenset({"UBA"}),
        colors={"Zz zinc fnger": "#000000"},
        merge={"Nothing like it": "kinase"},
    )
    warnings = style_warnings_for([sqstm1_alk], st)
    assert len(warnings) == 3
    assert any("'Protein kinse'" in w and "Protein kinase" in w for w in warnings)
    assert any("'Zz zinc fnger'" in w and "ZZ zinc finger" in w for w in warnings)
    assert any("'Nothing like it'" in w for w in warnings)
    assert all("\n" not in w for w in warnings)


def test_known_names_from_other_proteins_do_not_warn(sqstm1_alk):
    assert style_warnings_for([sqstm1_alk], Style(hide=frozenset({"SH3", "bromodomain"}))) == ()


def test_hiding_a_feature_hides_it_from_every_source(sqstm1_alk):
    for name in ("Protein kinase", "PK_Tyr_Ser-Thr", "kinase"):
        spec = layout([sqstm1_alk], style=Style(hide=frozenset({name})))
        for track in spec.panels[0].tracks:
            assert not [g for g in track.domains if g.family == "kinase"], name


def test_a_font_that_is_not_installed_is_a_style_error(tmp_path):
    p = write(tmp_path, "f.toml", 'font_family = "No Such Font Sans"\n')
    with pytest.raises(StyleError, match="not installed"):
        load_style(p)


def test_an_installed_font_is_accepted(tmp_path):
    assert load_style(write(tmp_path, "f.toml", 'font_family = "DejaVu Sans"\n')).font_family
