"""End to end in headless Chromium: what a pathologist does on the page.

Screenshots of every state go to ``FUSIONVIZ_SCREENSHOTS`` (or pytest's temporary
folder) for a human to look at; the path is printed with ``-s`` and recorded as a
test property.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CALLERS = REPO / "tests" / "data" / "callers"

SEEDS = [
    ("SQSTM1 e5::ALK e19", "sqstm1_alk", "in frame", "849 aa"),
    ("EML4::ALK E6;A20", "eml4_alk", "in frame", "785 aa"),
    # Out of frame on MANE Select, in frame on HMBOX1-203: the headline says so.
    ("HMBOX1 exon 6 :: ALK exon 20", "hmbox1_alk", "depends on exon numbering", None),
]


def shoot(page, screenshot_dir: Path, name: str, record_property) -> Path:
    path = screenshot_dir / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    record_property(f"screenshot_{name}", str(path))
    print(f"screenshot: {path}")
    return path


def annotate(page, text: str) -> None:
    page.goto(page.base + "/")
    page.fill("#q", text)
    page.click("button[type=submit]")
    page.wait_for_selector("#frame-badge, #error-message")


@pytest.mark.parametrize("text,name,frame,length", SEEDS, ids=[s[1] for s in SEEDS])
def test_typing_a_seed_fusion_shows_its_verdict_and_figure(
    page, screenshot_dir, record_property, text, name, frame, length
):
    annotate(page, text)
    assert page.inner_text("#frame-badge").strip().lower() == frame
    if length:
        assert length in page.inner_text(".headline")
    svg = page.locator("#figure svg")
    assert svg.count() == 1 and svg.is_visible()
    box = svg.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 50
    # The address is the permalink: loading it again gives the same answer.
    assert "q=" in page.url
    shoot(page, screenshot_dir, name, record_property)
    again = page.context.new_page()
    again.goto(page.url)
    assert again.inner_text("#frame-badge").strip().lower() == frame
    again.close()
    assert not page.problems


def test_hmbox1_alk_page_shows_the_in_frame_reading_on_hmbox1_203(
    page, screenshot_dir, record_property
):
    annotate(page, "HMBOX1 exon 6 :: ALK exon 20")
    check = page.inner_text("#exon-check")
    assert "Out of frame on HMBOX1-201 (MANE Select)" in check
    assert "HMBOX1-203" in check
    # Switching the 5' transcript redraws in place and keeps the rest of the form.
    value = page.eval_on_selector(
        "#t5", "s => [...s.options].find(o => o.text.includes('HMBOX1-203')).value"
    )
    page.select_option("#t5", value)
    page.wait_for_function(
        "() => document.querySelector('#frame-badge') && "
        "document.querySelector('#frame-badge').textContent.trim() === 'in frame'"
    )
    assert page.input_value("#q") == "HMBOX1 exon 6 :: ALK exon 20"
    assert "t5=" in page.url
    shoot(page, screenshot_dir, "hmbox1_203_alk", record_property)
    assert not page.problems


def test_switching_an_exon_redraws_without_losing_the_form(page):
    annotate(page, "SQSTM1 e5::ALK e19")
    assert page.input_value("#g5") == "SQSTM1" and page.input_value("#e5") == "5"
    page.fill("#e3", "20")
    page.dispatch_event("#e3", "change")
    page.wait_for_function(
        "() => document.querySelector('#fusion-name') && "
        "document.querySelector('#fusion-name').textContent.includes('S5;A20')"
    )
    assert page.input_value("#g5") == "SQSTM1"
    assert page.input_value("#g3") == "ALK"
    assert "e3=20" in page.url
    assert not page.problems


def test_partner_fields_and_autocompletion(page, screenshot_dir, record_property):
    page.goto(page.base + "/")
    page.fill("#g5", "EML")
    page.wait_for_function("() => document.querySelectorAll('#gene-list option').length > 0")
    options = page.eval_on_selector_all("#gene-list option", "os => os.map(o => o.value)")
    assert "EML4" in options
    page.fill("#g5", "EML4")
    page.dispatch_event("#g5", "change")
    page.wait_for_function("() => document.querySelectorAll('#t5 option').length > 1")
    assert "MANE Select" in page.inner_text("#t5")
    page.fill("#e5", "13")
    page.fill("#g3", "ALK")
    page.fill("#e3", "20")
    page.click("button[type=submit]")
    page.wait_for_selector("#frame-badge")
    assert page.inner_text("#frame-badge").strip().lower() == "in frame"
    shoot(page, screenshot_dir, "partner_fields_eml4_alk_e13", record_property)


FORMATS = {
    "svg": lambda data: data.lstrip().startswith(b"<?xml") and b"<svg" in data,
    "pdf": lambda data: data.startswith(b"%PDF-"),
    "png": lambda data: data.startswith(b"\x89PNG\r\n\x1a\n"),
    "fasta": lambda data: (
        data.startswith(b">SQSTM1-ALK") and len(b"".join(data.splitlines()[1:])) == 849
    ),
    "json": lambda data: json.loads(data)["fusion_protein_length"] == 849,
    "tsv": lambda data: data.split(b"\t", 1)[0] == b"input",
    "txt": lambda data: b"IN-FRAME" in data,
}


def test_every_download_of_sqstm1_alk_is_a_valid_file(page, tmp_path):
    annotate(page, "SQSTM1 e5::ALK e19")
    for fmt, valid in FORMATS.items():
        with page.expect_download() as info:
            page.click(f"#downloads a[data-format={fmt}]")
        download = info.value
        assert download.suggested_filename.endswith("." + fmt)
        target = tmp_path / download.suggested_filename
        download.save_as(str(target))
        assert valid(target.read_bytes()), fmt


def test_uploading_a_star_fusion_file_gives_a_sortable_table(page, screenshot_dir, record_property):
    page.goto(page.base + "/batch")
    page.set_input_files("#file", str(CALLERS / "star-fusion.fusion_predictions.abridged.tsv"))
    page.click("#upload-form button[type=submit]")
    page.wait_for_selector("#batch-summary")
    rows = page.locator("#batch-table tbody tr")
    assert rows.count() >= 1
    assert "EML4::ALK" in page.inner_text("#batch-table")
    page.locator("#batch-table img.thumb").first.scroll_into_view_if_needed()
    page.wait_for_function(
        "() => [...document.querySelectorAll('#batch-table img.thumb')]"
        ".every(i => i.complete && i.naturalWidth > 0)"
    )
    shoot(page, screenshot_dir, "batch_star_fusion", record_property)
    with page.expect_download() as info:
        page.click("text=Download table (TSV)")
    table = Path(info.value.path()).read_text(encoding="utf-8").splitlines()
    assert table[0].startswith("input\t") and len(table) == rows.count() + 1
    # Sorting by line, descending then ascending.
    header = page.locator("#batch-table thead th", has_text="Line")
    header.click()
    header.click()
    lines = [
        int(x)
        for x in page.eval_on_selector_all(
            "#batch-table tbody tr td:first-child", "cs => cs.map(c => c.textContent.trim())"
        )
    ]
    assert lines == sorted(lines, reverse=True)
    assert not page.problems


def test_uploading_a_file_with_bad_rows_lists_them_with_the_reason(
    page, screenshot_dir, record_property
):
    page.goto(page.base + "/batch")
    page.set_input_files("#file", str(CALLERS / "generic_exons.tsv"))
    page.click("#upload-form button[type=submit]")
    page.wait_for_selector("#batch-summary")
    assert page.locator("#failure-table tbody tr").count() >= 1
    assert "is not an exon number" in page.inner_text("#failure-table")
    assert "differs" in page.inner_text("#batch-table")  # the caller's frame call is checked
    page.wait_for_function(
        "() => [...document.querySelectorAll('#batch-table img.thumb')]"
        ".every(i => i.complete && i.naturalWidth > 0)"
    )
    shoot(page, screenshot_dir, "batch_generic", record_property)


def test_bad_input_shows_the_cli_message_in_the_page(page, screenshot_dir, record_property):
    annotate(page, "SQSTM1 e5::ALK e99")
    message = page.inner_text("#error-message")
    assert "exon 99 is out of range" in message
    assert "Traceback" not in page.content()
    # The form keeps what was typed.
    assert page.input_value("#q") == "SQSTM1 e5::ALK e99"
    shoot(page, screenshot_dir, "bad_input", record_property)


def test_a_script_in_a_gene_field_comes_back_as_text(page):
    page.goto(page.base + "/")
    page.fill("#g5", "<script>window.pwned=1</script>")
    page.fill("#e5", "5")
    page.fill("#g3", "ALK")
    page.fill("#e3", "19")
    page.click("button[type=submit]")
    page.wait_for_selector("#error-message")
    assert "<script>window.pwned=1</script>" in page.inner_text("#error-message")
    assert page.evaluate("() => window.pwned === undefined")


def test_the_page_works_without_javascript(browser, live_server, screenshot_dir, record_property):
    context = browser.browser.new_context(java_script_enabled=False) if browser.browser else None
    if context is None:
        pytest.skip("a persistent Chromium context cannot open a JavaScript-free context")
    tab = context.new_page()
    tab.goto(live_server + "/")
    tab.fill("#q", "EML4::ALK E6;A20")
    tab.click("button[type=submit]")
    tab.wait_for_selector("#frame-badge")
    assert tab.inner_text("#frame-badge").strip().lower() == "in frame"
    shoot(tab, screenshot_dir, "no_javascript", record_property)
    context.close()


def test_the_transcript_list_shows_the_transcript_in_use_and_keeps_it(page):
    page.goto(page.base + "/?q=HMBOX1+e6::ALK+e20&t5=HMBOX1-203")
    assert page.inner_text("#frame-badge").strip().lower() == "in frame"
    chosen = page.eval_on_selector("#t5", "s => s.options[s.selectedIndex].text")
    assert "HMBOX1-203" in chosen
    # Annotate again: the choice stays, and so does the in-frame reading.
    page.click("button[type=submit]")
    page.wait_for_function("() => location.search.includes('t5=')")
    page.wait_for_selector("#frame-badge")
    assert page.inner_text("#frame-badge").strip().lower() == "in frame"
    assert "HMBOX1-203" in page.eval_on_selector("#t5", "s => s.options[s.selectedIndex].text")
    assert not page.problems


def test_a_misspelt_gene_offers_its_close_matches_as_links(page):
    annotate(page, "SQSTMI e5::ALK e19")
    links = page.locator("#suggestions a")
    assert links.count() >= 1 and links.first.inner_text() == "SQSTM1"
    page.problems.clear()  # the misspelt query's own 400 answer
    links.first.click()
    page.wait_for_selector("#frame-badge")
    assert page.inner_text("#frame-badge").strip().lower() == "in frame"
    assert not page.problems


def test_on_a_phone_the_answer_comes_first_and_the_figure_text_is_readable(
    browser, live_server, screenshot_dir, record_property
):
    tab = browser.new_page()
    tab.set_viewport_size({"width": 400, "height": 800})
    try:
        tab.goto(live_server + "/?q=SQSTM1+e5::ALK+e19")
        verdict = tab.locator(".verdict").bounding_box()
        form = tab.locator("#fusion-form").bounding_box()
        assert verdict and form and verdict["y"] < form["y"]
        # The figure keeps a readable size and scrolls sideways instead of shrinking.
        box = tab.locator("#figure svg").bounding_box()
        assert box and box["width"] >= 700
        sizes = tab.eval_on_selector_all(
            "#figure svg text",
            "ts => ts.map(t => t.getBoundingClientRect().height).filter(h => h > 0)",
        )
        assert sizes and min(sorted(sizes)[len(sizes) // 10 :]) >= 7
        assert tab.locator("#figure").evaluate("e => e.scrollWidth > e.clientWidth")
        assert tab.locator(".figure-hint a").is_visible()
        shoot(tab, screenshot_dir, "phone_sqstm1_alk", record_property)
    finally:
        tab.close()


def test_batch_thumbnails_are_compact_single_column_figures(page):
    page.goto(page.base + "/batch")
    page.set_input_files("#file", str(CALLERS / "star-fusion.fusion_predictions.abridged.tsv"))
    page.click("button[type=submit]")
    page.wait_for_selector("#batch-table")
    src = page.get_attribute("img.thumb", "src")
    assert "thumb=1" in src
    svg = page.request.get(page.base + src).text()
    assert 'width="252pt"' in svg  # 3.5 in
    assert "fusionviz 0" not in svg  # no footer in a thumbnail
    width = page.eval_on_selector("img.thumb", "i => i.getBoundingClientRect().width")
    assert width >= 300
    assert not page.problems
