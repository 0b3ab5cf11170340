"""`fusionviz draw`: one command line -> one figure file; bad input -> one line, exit 2."""

from __future__ import annotations

import pytest

from fusionviz.cli import main
from fusionviz.sources import default_source


def bundle_available() -> bool:
    try:
        default_source()
    except Exception:
        return False
    return True


needs_bundle = pytest.mark.skipif(not bundle_available(), reason="annotation bundle missing")


@needs_bundle
def test_draw_sqstm1_alk_writes_an_svg(tmp_path, capsys):
    out = tmp_path / "sqstm1_alk.svg"
    assert main(["draw", "SQSTM1 e5::ALK e19", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "SQSTM1::ALK" in text and "Protein kinase" in text


@needs_bundle
def test_draw_three_eml4_variants_into_one_png(tmp_path):
    out = tmp_path / "eml4.png"
    args = ["draw", "EML4 e6::ALK e20", "EML4 e13::ALK e20", "EML4 e20::ALK e20"]
    assert main([*args, "-o", str(out), "--dpi", "100"]) == 0
    assert out.read_bytes()[:4] == b"\x89PNG"


@needs_bundle
def test_draw_with_transcript_override_and_exons_writes_a_pdf(tmp_path):
    out = tmp_path / "hmbox1.pdf"
    argv = ["draw", "HMBOX1 e6::ALK e20", "-o", str(out), "--transcript5", "HMBOX1-203"]
    assert main([*argv, "--exons"]) == 0
    assert out.read_bytes().startswith(b"%PDF")


def test_bad_style_file_is_one_line_and_exit_2(tmp_path, capsys):
    style = tmp_path / "s.toml"
    style.write_text("width = [", encoding="utf-8")
    rc = main(["draw", "SQSTM1 e5::ALK e19", "-o", str(tmp_path / "f.svg"), "--style", str(style)])
    err = capsys.readouterr().err.strip()
    assert rc == 2 and len(err.splitlines()) == 1 and "not valid TOML" in err


@pytest.mark.parametrize("name", ["missing/f.svg", "f.docx", "."])
def test_unwritable_output_is_one_line_and_exit_2(tmp_path, capsys, name):
    out = tmp_path / name
    rc = main(["draw", "SQSTM1 e5::ALK e19", "-o", str(out)])
    err = capsys.readouterr().err.strip()
    assert rc == 2 and len(err.splitlines()) == 1 and err.startswith("fusionviz: error:")


def test_output_option_is_required(capsys):
    assert main(["draw", "SQSTM1 e5::ALK e19"]) == 2


@needs_bundle
def test_known_flag_puts_the_known_fusion_status_under_the_subtitle(tmp_path):
    out = tmp_path / "v1.svg"
    assert main(["draw", "EML4 e13::ALK e20", "-o", str(out), "--known"]) == 0
    assert "EML4-ALK variant 1" in out.read_text()


@needs_bundle
def test_width_font_size_and_parts_are_flags(tmp_path):
    out = tmp_path / "narrow.svg"
    args = ["draw", "SQSTM1 e5::ALK e19", "-o", str(out), "--width", "3.5", "--font-size", "6"]
    assert main([*args, "--no-footer", "--no-legend", "--no-title"]) == 0
    text = out.read_text()
    assert 'width="252pt"' in text and "SQSTM1::ALK · " not in text and "Transcripts:" not in text


@needs_bundle
def test_compact_draws_five_variants_in_less_than_half_the_height(tmp_path):
    variants = [
        "EML4 e6::ALK e20",
        "EML4 e13::ALK e20",
        "EML4 e20::ALK e20",
        "EML4 e2::ALK e20",
        "EML4 e6::ALK e19",
    ]
    heights = []
    for flag in ([], ["--compact"]):
        out = tmp_path / f"v{len(flag)}.svg"
        assert main(["draw", *variants, "-o", str(out), *flag]) == 0
        heights.append(float(out.read_text().split('height="')[1].split("pt")[0]))
    assert heights[1] < 0.5 * heights[0]


@needs_bundle
def test_a_style_name_that_matches_nothing_warns_with_close_matches(tmp_path, capsys):
    style = tmp_path / "s.toml"
    style.write_text('[rename]\n"Protein kinse" = "TK"\n', encoding="utf-8")
    out = tmp_path / "f.svg"
    assert main(["draw", "SQSTM1 e5::ALK e19", "-o", str(out), "--style", str(style)]) == 0
    err = capsys.readouterr().err
    assert "warning: style 'rename': 'Protein kinse'" in err and "Protein kinase" in err


def test_a_bad_width_is_one_line_and_exit_2(tmp_path, capsys):
    rc = main(["draw", "SQSTM1 e5::ALK e19", "-o", str(tmp_path / "f.svg"), "--width", "99"])
    err = capsys.readouterr().err.strip()
    assert rc == 2 and len(err.splitlines()) == 1 and "width" in err


@needs_bundle
def test_draw_frames_the_kept_oligomerization_domain_and_adds_the_summary(tmp_path):
    plain, framed = tmp_path / "plain.svg", tmp_path / "evidence.svg"
    assert main(["draw", "SQSTM1 e5::ALK e19", "-o", str(plain), "--no-evidence"]) == 0
    assert main(["draw", "SQSTM1 e5::ALK e19", "-o", str(framed)]) == 0
    text = framed.read_text()
    assert "Evidence: Holds: in frame" in text  # issue 13's one-line summary
    assert text.count('id="oligomerization-') == 2  # the 5' partner and fusion tracks
    assert "oligomerization" not in plain.read_text()
