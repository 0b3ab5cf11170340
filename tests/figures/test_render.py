"""Rendering: every format is written and valid, text stays text, output is deterministic."""

from __future__ import annotations

import os
import struct
import xml.etree.ElementTree as ET

import pytest
from matplotlib.text import Text

from fusionviz.errors import OutputError
from fusionviz.figures import svg_string, write_figure
from fusionviz.figures.render import build_spec, render


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_svg_is_xml_with_searchable_text(sqstm1_alk, tmp_path):
    out = write_figure([sqstm1_alk], tmp_path / "f.svg")
    root = ET.parse(out).getroot()
    texts = " ".join("".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text"))
    for word in ("SQSTM1::ALK", "PB1", "Protein kinase", "in frame", "ENST00000389048.8"):
        assert word in texts


def test_pdf_starts_with_pdf_header_and_has_a_page(sqstm1_alk, tmp_path):
    data = write_figure([sqstm1_alk], tmp_path / "f.pdf").read_bytes()
    assert data.startswith(b"%PDF")
    assert b"/Type /Page" in data
    assert b"FontFile2" in data  # TrueType (pdf.fonttype 42): text is selectable


def test_png_has_the_requested_size_and_is_not_blank(sqstm1_alk, tmp_path):
    spec = build_spec([sqstm1_alk])
    data = write_figure([sqstm1_alk], tmp_path / "f.png", dpi=100).read_bytes()
    w, h = png_size(data)
    assert (w, h) == (round(spec.width * 100), round(spec.height * 100))
    from matplotlib.image import imread

    img = imread(tmp_path / "f.png")
    assert img[..., :3].min() < 0.5  # something dark was drawn
    assert (img[..., :3] < 0.95).mean() > 0.02


def test_same_input_gives_byte_identical_svg_and_pdf(eml4_alk_variants, tmp_path):
    for ext in ("svg", "pdf"):
        a = write_figure(eml4_alk_variants, tmp_path / f"a.{ext}").read_bytes()
        b = write_figure(eml4_alk_variants, tmp_path / f"b.{ext}").read_bytes()
        assert a == b


def test_svg_string_matches_the_file(sqstm1_alk, tmp_path):
    s = svg_string([sqstm1_alk])
    assert s.lstrip().startswith("<?xml") and "SQSTM1::ALK" in s
    assert s == svg_string([sqstm1_alk])


@pytest.mark.parametrize("case", ["sqstm1", "eml4", "hmbox1"])
def test_rendered_labels_do_not_overlap_or_leave_the_canvas(
    case, sqstm1_alk, eml4_alk_variants, hmbox1_alk_mane
):
    fusions = {"sqstm1": [sqstm1_alk], "eml4": eml4_alk_variants, "hmbox1": [hmbox1_alk_mane]}
    fig = render(build_spec(fusions[case], show_exons=True))
    renderer = fig.canvas.get_renderer()
    canvas = fig.bbox
    boxes = [t.get_window_extent(renderer) for t in fig.artists if isinstance(t, Text)]
    assert len(boxes) > 10
    for b in boxes:
        assert b.x0 >= canvas.x0 and b.x1 <= canvas.x1 and b.y0 >= canvas.y0
        assert b.y1 <= canvas.y1
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            overlap_x = min(a.x1, b.x1) - max(a.x0, b.x0)
            overlap_y = min(a.y1, b.y1) - max(a.y0, b.y0)
            assert overlap_x <= 0.5 or overlap_y <= 0.5, (a, b)


def test_unknown_extension_is_an_output_error(sqstm1_alk, tmp_path):
    with pytest.raises(OutputError, match="figure format"):
        write_figure([sqstm1_alk], tmp_path / "f.docx")


def test_missing_folder_is_an_output_error(sqstm1_alk, tmp_path):
    with pytest.raises(OutputError, match="does not exist"):
        write_figure([sqstm1_alk], tmp_path / "nope" / "f.svg")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_read_only_folder_is_an_output_error(sqstm1_alk, tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        with pytest.raises(OutputError, match="permission"):
            write_figure([sqstm1_alk], ro / "f.svg")
    finally:
        ro.chmod(0o700)


def test_inline_svg_for_html_has_no_xml_declaration(sqstm1_alk):
    s = svg_string([sqstm1_alk], inline=True)
    assert s.startswith("<svg") and "<?xml" not in s and "<!DOCTYPE" not in s
