"""Every route of the web app through Starlette's test client, over the embedded
bundle: the page answers with the CLI's engine and wording, escapes user text,
refuses oversized uploads and never shows a traceback."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the web dependencies are not installed")
pytest.importorskip("httpx", reason="the web dependencies are not installed")
pytest.importorskip("jinja2", reason="the web dependencies are not installed")
pytest.importorskip("multipart", reason="the web dependencies are not installed")

from fusionviz import report  # noqa: E402
from fusionviz.annotate import annotate_text  # noqa: E402
from fusionviz.web.app import create_app  # noqa: E402
from fusionviz.web.query import Query  # noqa: E402

CALLERS = Path(__file__).resolve().parents[1] / "data" / "callers"


def test_the_empty_page_is_the_form(client):
    r = client.get("/")
    assert r.status_code == 200
    assert '<form id="fusion-form"' in r.text and 'name="q"' in r.text
    assert "frame-badge" not in r.text


def test_every_page_loads_only_its_own_assets(client):
    html = client.get("/?q=SQSTM1+e5::ALK+e19").text
    for url in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert not url.startswith(("http:", "https:", "//")), url
    assert "default-src 'self'" in client.get("/").headers["content-security-policy"]


@pytest.mark.parametrize(
    "text,frame,length",
    [
        ("SQSTM1 e5::ALK e19", "in-frame", 849),
        ("EML4::ALK E6;A20", "in-frame", 785),
        ("HMBOX1 exon 6 :: ALK exon 20", "out-of-frame", None),
    ],
)
def test_seed_fusions_are_answered_on_the_page_as_by_the_cli(client, text, frame, length):
    r = client.get("/", params={"q": text})
    assert r.status_code == 200
    assert f'data-frame="{frame}"' in r.text
    assert "<svg" in r.text
    af = annotate_text(text)
    for line in af.verdicts:
        assert _escaped(line) in r.text
    assert _escaped(report.provenance_line(af)) in r.text
    if length:
        assert f"{length} aa" in r.text


def test_hmbox1_alk_page_names_the_in_frame_hmbox1_203_reading(client):
    r = client.get("/", params={"q": "HMBOX1 exon 6 :: ALK exon 20"})
    text = " ".join(r.text.split())
    assert "Out of frame on HMBOX1-201 (MANE Select) / ALK-201 (MANE Select)" in text
    assert "in frame if exons are numbered on HMBOX1-203" in text


def test_choosing_hmbox1_203_reads_in_frame_and_shows_the_mane_reading(client):
    r = client.get("/", params={"q": "HMBOX1 exon 6 :: ALK exon 20", "t5": "HMBOX1-203"})
    assert 'data-frame="in-frame"' in r.text
    assert 'id="default-reading"' in r.text
    reading = " ".join(r.text.split('id="default-reading"')[1].split("</p>")[0].split())
    assert "HMBOX1-201 (MANE Select)" in reading and "<strong>out of frame</strong>" in reading


def test_partner_fields_give_the_same_answer_as_the_free_text(client):
    a = client.get("/api/annotate", params={"q": "SQSTM1 e5::ALK e19"}).json()
    b = client.get(
        "/api/annotate", params={"g5": "SQSTM1", "e5": "exon 5", "g3": "ALK", "e3": "19"}
    ).json()
    assert a["frame"] == b["frame"] == "in-frame"
    assert a["fusion_protein_length"] == b["fusion_protein_length"] == 849


def test_a_genomic_breakpoint_is_accepted_in_the_exon_field(client):
    r = client.get(
        "/api/annotate",
        params={"g5": "EML4", "e5": "chr2:42264731:+", "g3": "ALK", "e3": "chr2:29223528:-"},
    )
    assert r.status_code == 200, r.text
    assert r.json()["name"] == "EML4::ALK"


def test_the_fragment_route_returns_the_answer_alone(client):
    r = client.get("/result", params={"q": "EML4::ALK E6;A20"})
    assert r.status_code == 200
    assert "<html" not in r.text and 'id="frame-badge"' in r.text


def test_api_annotate_is_the_cli_json(client, capsys):
    from fusionviz.cli import main

    assert main(["annotate", "EML4::ALK E6;A20", "--json"]) == 0
    cli = json.loads(capsys.readouterr().out)
    r = client.get("/api/annotate", params={"q": "EML4::ALK E6;A20"})
    assert r.json() == cli
    assert cli["known_fusion"] and cli["assessment"]["criteria"]


def test_the_json_download_is_the_api_answer(client):
    api = client.get("/api/annotate", params={"q": "HMBOX1 e6::ALK e20"}).json()
    r = client.get("/download/json", params={"q": "HMBOX1 e6::ALK e20"})
    assert r.status_code == 200, r.text
    assert json.loads(r.text) == api


def test_bad_input_gives_the_cli_message_with_status_400(client):
    from fusionviz.errors import FusionvizError

    with pytest.raises(FusionvizError) as err:
        annotate_text("SQSTM1 e5::ALK e99")
    r = client.get("/", params={"q": "SQSTM1 e5::ALK e99"})
    assert r.status_code == 400
    assert _escaped(str(err.value)) in r.text
    assert "Traceback" not in r.text
    api = client.get("/api/annotate", params={"q": "SQSTM1 e5::ALK e99"})
    assert api.status_code == 400 and api.json() == {"error": str(err.value)}


@pytest.mark.parametrize(
    "params,words",
    [
        ({"q": "SQSTM1 ALK"}, "cannot read fusion"),
        ({"q": "NOSUCHGENE e5::ALK e19"}, "unknown gene"),
        ({"g5": "SQSTM1", "e5": "5"}, "no 3' partner given"),
        ({"g5": "SQSTM1", "g3": "ALK", "e3": "19"}, "no exon or breakpoint"),
        ({"q": "x" * 400}, "at most 300"),
        ({"t5": "HMBOX1-203"}, "no 5' partner given"),
    ],
)
def test_bad_input_messages_say_what_was_wrong(client, params, words):
    import html

    r = client.get("/", params=params)
    assert r.status_code == 400
    assert words in html.unescape(r.text)


def test_a_script_in_a_gene_field_comes_back_escaped(client):
    evil = "<script>alert(1)</script>"
    for params in ({"g5": evil, "e5": "5", "g3": "ALK", "e3": "19"}, {"q": f"{evil} e5::ALK e19"}):
        r = client.get("/", params=params)
        assert evil not in r.text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text
    r = client.get("/api/transcripts", params={"gene": evil})
    assert r.status_code == 404 and r.headers["content-type"].startswith("application/json")


FORMATS = {
    "svg": lambda r: r.content.lstrip().startswith(b"<?xml") and b"<svg" in r.content,
    "pdf": lambda r: r.content.startswith(b"%PDF-"),
    "png": lambda r: r.content.startswith(b"\x89PNG\r\n\x1a\n"),
    "fasta": lambda r: r.text.startswith(">") and len("".join(r.text.splitlines()[1:])) == 849,
    "json": lambda r: r.json()["fusion_protein_length"] == 849,
    "tsv": lambda r: r.text.split("\t", 1)[0] == "input",
    "txt": lambda r: "IN-FRAME" in r.text,
}


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_each_download_of_sqstm1_alk(client, fmt):
    r = client.get(f"/download/{fmt}", params={"q": "SQSTM1 e5::ALK e19"})
    assert r.status_code == 200
    assert r.headers["content-disposition"] == f'attachment; filename="SQSTM1_ALK_S5_A19.{fmt}"'
    assert FORMATS[fmt](r)


def test_download_errors_are_plain_messages(client):
    assert client.get("/download/exe", params={"q": "SQSTM1 e5::ALK e19"}).status_code == 404
    assert client.get("/download/svg").status_code == 400
    r = client.get("/download/fasta", params={"q": "HMBOX1 exon 6 :: ALK exon 20"})
    assert r.status_code in (200, 400)
    if r.status_code == 400:
        assert "no protein sequence" in r.text or "FASTA" in r.text


def test_gene_autocompletion(client):
    genes = client.get("/api/genes", params={"prefix": "al"}).json()["genes"]
    assert genes and all(g.upper().startswith("AL") for g in genes)
    assert client.get("/api/genes", params={"prefix": "alk"}).json()["genes"][0] == "ALK"
    assert client.get("/api/genes", params={"prefix": "zzzz"}).json() == {"genes": []}


def test_transcript_list_marks_mane_and_puts_the_default_first(client):
    data = client.get("/api/transcripts", params={"gene": "HMBOX1"}).json()
    first = data["transcripts"][0]
    assert first["default"] and first["mane"] and "MANE Select" in first["label"]
    assert any("HMBOX1-203" in t["label"] for t in data["transcripts"])
    assert client.get("/api/transcripts").status_code == 400


def test_upload_form_and_star_fusion_upload(client):
    assert 'enctype="multipart/form-data"' in client.get("/batch").text
    path = CALLERS / "star-fusion.fusion_predictions.abridged.tsv"
    r = client.post("/batch", files={"file": (path.name, path.read_bytes())})
    assert r.status_code == 200
    assert 'id="batch-table"' in r.text and "EML4::ALK" in r.text
    assert 'id="failures"' in r.text  # the file's deliberately bad rows
    assert "/download/svg?" in r.text  # a figure per row


@pytest.mark.parametrize(
    "name", sorted(p.name for p in CALLERS.glob("*") if p.is_file() and p.suffix != ".md")
)
def test_every_test_caller_file_gives_a_table_or_a_clear_message(client, name):
    data = (CALLERS / name).read_bytes()
    r = client.post("/batch", files={"file": (name, data)})
    assert r.status_code in (200, 400), r.text[:300]
    assert "Traceback" not in r.text
    if r.status_code == 400:
        assert 'id="error-message"' in r.text
    else:
        assert 'id="batch-summary"' in r.text
    assert "fusionviz-upload-" not in r.text  # never the server's temporary path


def test_unreadable_upload_gives_the_reader_message(client):
    r = client.post("/batch", files={"file": ("notes.txt", b"hello\tworld\n1\t2\n")})
    assert r.status_code == 400
    assert "is not one fusionviz reads" in r.text
    r = client.post("/batch", files={"file": ("scan.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00")})
    assert r.status_code == 400
    assert (
        "scan.png" in r.text and "fusionviz reads" in r.text and "fusionviz-upload-" not in r.text
    )
    r = client.post("/batch", data={"format": ""})
    assert r.status_code == 400 and "no file chosen" in r.text


def test_uploads_over_the_limit_are_refused_with_a_message():
    from starlette.testclient import TestClient

    app = create_app(max_upload_bytes=1024 * 1024)
    with TestClient(app) as small:
        big = b"#FusionName\tJunctionReadCount\n" + b"A--B\t1\n" * 300_000
        r = small.post("/batch", files={"file": ("big.tsv", big)})
    assert r.status_code == 413
    assert "larger than 1 MB" in r.text


def test_health_static_and_unknown_routes(client):
    assert client.get("/healthz").text.strip() == "ok"
    assert client.get("/static/style.css").status_code == 200
    assert client.get("/static/app.js").status_code == 200
    r = client.get("/no/such/page")
    assert r.status_code == 404 and "Not found" in r.text


def test_served_app_refuses_foreign_host_names():
    from starlette.testclient import TestClient

    app = create_app(allowed_hosts=["127.0.0.1", "localhost"])
    with TestClient(app, base_url="http://127.0.0.1") as c:
        assert c.get("/healthz").status_code == 200
        assert c.get("/healthz", headers={"host": "evil.example"}).status_code == 400


def test_permalink_of_a_batch_row_reproduces_it():
    af = annotate_text("EML4::ALK E6;A20")
    q = Query.for_fusion(af)
    assert (q.g5, q.e5, q.g3, q.e3) == ("EML4", "6", "ALK", "20")
    assert q.t5 == af.five_prime.transcript.label


def test_an_internal_error_is_a_page_not_a_traceback():
    from starlette.testclient import TestClient

    class Broken:
        def has_gene(self, gene):
            raise RuntimeError("boom")

    app = create_app(source=Broken())
    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.get("/", params={"q": "SQSTM1 e5::ALK e19"})
    assert r.status_code == 500
    assert "internal error" in r.text and "boom" not in r.text and "Traceback" not in r.text


def _escaped(text: str) -> str:
    import html

    return html.escape(text, quote=True)


def test_concurrent_requests_get_their_own_answers(app):
    """Ten clients at once, each asking for a different fusion, each get theirs."""
    from concurrent.futures import ThreadPoolExecutor

    from starlette.testclient import TestClient

    texts = [f"EML4 e{n}::ALK e20" for n in range(2, 12)]

    def ask(text: str) -> tuple[str, str, str]:
        with TestClient(app) as c:
            page = c.get("/", params={"q": text})
            data = c.get("/api/annotate", params={"q": text}).json()
        return text, page.text, data["short_name"]

    with ThreadPoolExecutor(max_workers=10) as pool:
        results = list(pool.map(ask, texts))
    for text, page, short in results:
        exon = text.split()[1][1:].split(":")[0]
        assert short == f"E{exon};A20"
        assert f'EML4::ALK <span class="short">E{exon};A20</span>' in page
        assert "<svg" in page


@pytest.mark.parametrize("q", ["chr8:127900000:+::chr2:29223528:-", "ALK e20::chr8:127900000:+"])
def test_a_partner_no_coding_transcript_holds_gets_a_whole_page(client, q):
    # PVT1 is a lncRNA: no transcript, exon or protein to show, and none is invented.
    r = client.get("/", params={"q": q})
    assert r.status_code == 200
    page = re.sub(r"<svg.*?</svg>", "", r.text, flags=re.S)
    assert "None" not in page and "no protein-coding transcript (lncRNA)" in page
    assert "PVT1 (lncRNA" in r.text  # the figure's subtitle names it
    assert client.get("/download/png", params={"q": q}).status_code == 200


def test_a_misspelt_gene_gets_its_close_matches_as_links_to_the_fixed_query(client):
    r = client.get("/", params={"q": "SQSTMI e5::ALK e19"})
    assert r.status_code == 400
    links = re.findall(r'<a href="/\?([^"]+)" class="suggestion">([^<]+)</a>', r.text)
    assert links and links[0][1] == "SQSTM1"
    assert "SQSTM1" in links[0][0] and "SQSTMI" not in links[0][0]
    assert all(" (" not in gene for _, gene in links)  # symbols, not "SULT1A3 (STM)"


def test_genomic_breakpoints_read_as_rna_junctions_or_as_dna_breakpoints(client):
    q = "chr2:42299120:+::chr2:29223580:-"  # EML4 intron 13, ALK intron 19
    rna = client.get("/api/annotate", params={"q": q}).json()
    dna = client.get("/api/annotate", params={"q": q, "bp": "dna"}).json()
    assert rna["frame"] == "not-applicable"  # the RNA keeps intronic bases
    assert (dna["frame"], dna["fusion_protein_length"]) == ("in-frame", 1059)
    page = client.get("/", params={"q": q, "bp": "dna"}).text
    assert 'value="dna" selected' in page
    assert client.get("/", params={"q": q, "bp": "sideways"}).status_code == 400


def test_a_gene_pair_lists_its_known_junctions_each_a_link_to_its_answer(client):
    r = client.get("/", params={"q": "EML4::ALK"})
    assert r.status_code == 200 and 'id="gene-pair"' in r.text
    table = r.text.split('id="pair-junctions"')[1].split("</table>")[0]
    assert table.count("<tr>") == 1 + 4  # header + the table's four EML4::ALK junctions
    assert "EML4::ALK E6;A20" in table and "785 aa" in table
    link = re.search(r'href="/\?([^"]+)">EML4::ALK E13;A20', table).group(1)
    one = client.get("/api/annotate?" + link.replace("&amp;", "&")).json()
    assert (one["short_name"], one["fusion_protein_length"]) == ("E13;A20", 1059)


def test_api_gene_pair_is_the_cli_json_list(client, capsys):
    from fusionviz.cli import main

    assert main(["annotate", "EML4::ALK", "--json"]) == 0
    cli = json.loads(capsys.readouterr().out)
    assert client.get("/api/annotate", params={"q": "EML4::ALK"}).json() == cli


def test_a_gene_pair_with_no_known_junction_is_a_400_that_asks_for_exons(client):
    r = client.get("/api/annotate", params={"q": "SQSTM1::NOTCH1"})
    assert r.status_code == 400
    assert "exons are needed" in r.json()["error"]
