"""``fusionviz annotate`` as a user runs it: outputs, exit codes, one-line errors."""

import json

import pytest

from fusionviz.cli import main
from fusionviz.report import JSON_CONTRACT


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_text_report_names_frame_transcripts_and_provenance(capsys):
    code, out, err = run(capsys, "annotate", "SQSTM1 e5::ALK e19")
    assert code == 0, err
    assert "SQSTM1::ALK  (S5;A19)  IN-FRAME" in out
    assert "ENST00000389805.9" in out and "ENST00000389048.8" in out
    assert "849 aa" in out
    assert "provenance" in out and "Ensembl" in out


def test_json_output_follows_the_contract(capsys):
    code, out, _ = run(capsys, "annotate", "EML4::ALK E6;A20", "--json")
    assert code == 0
    data = json.loads(out)
    for key in JSON_CONTRACT:
        assert key in data
    assert data["frame"] == "in-frame"
    assert data["fusion_protein_length"] == 785
    five = data["five_prime"]
    assert {"gene", "transcript_id", "exon", "cds_boundary_nt", "phase", "domains"} <= set(five)
    dom = data["three_prime"]["domains"][0]
    assert {"name", "source", "start", "end", "status", "fraction_retained"} <= set(dom)


def test_several_fusions_give_a_json_list(capsys):
    code, out, _ = run(capsys, "annotate", "SQSTM1 e5::ALK e19", "NPM1 e4::ALK e20", "--json")
    assert code == 0
    assert [d["fusion_protein_length"] for d in json.loads(out)] == [849, 680]


def test_partner_flags_with_an_explicit_transcript(capsys):
    code, out, _ = run(
        capsys,
        "annotate",
        "--5p",
        "SQSTM1:5",
        "--3p",
        "ALK:19",
        "--transcript5",
        "ENST00000389805",
        "--json",
    )
    assert code == 0
    assert json.loads(out)["fusion_protein_length"] == 849


def test_tsv_has_a_header_and_one_row_per_fusion(capsys):
    code, out, _ = run(capsys, "annotate", "SQSTM1 e5::ALK e19", "HMBOX1 e6::ALK e20", "--tsv")
    lines = out.strip().split("\n")
    assert code == 0 and len(lines) == 3
    assert lines[0].startswith("input\tline\tname")


def test_fasta_is_written_with_provenance_in_the_header(capsys, tmp_path):
    fa = tmp_path / "out.fa"
    code, _, err = run(capsys, "annotate", "SQSTM1 e5::ALK e19", "--fasta", str(fa))
    assert code == 0, err
    text = fa.read_text()
    assert text.startswith(">SQSTM1-ALK_S5_A19 ")
    assert "ENST00000389805.9" in text.splitlines()[0]
    assert len("".join(text.splitlines()[1:])) == 849


@pytest.mark.parametrize(
    "argv, expected",
    [
        (["annotate", "ALKK e5::EML4 e19"], "did you mean"),
        (["annotate", "SQSTM1 e55::ALK e19"], "exons 1-"),
        (["annotate", "SQSTM1 e5"], "expected e.g."),
        (["annotate", "SQSTM1 e5::ALK e19", "--transcript5", "ENST00000389048"], "ALK"),
        (["annotate"], "no fusion given"),
        (["annotate", "--bogus"], "unrecognized arguments"),
    ],
)
def test_bad_input_gives_one_line_and_exit_2(capsys, argv, expected):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert expected in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_one_bad_fusion_does_not_stop_the_others(capsys):
    code, out, err = run(capsys, "annotate", "SQSTM1 e5::ALK e19", "NOPE1 e1::ALK e20")
    assert code == 2
    assert "SQSTM1::ALK" in out
    assert "NOPE1" in err


def test_all_transcripts_lists_other_pairs_with_their_frame(capsys):
    code, out, _ = run(capsys, "annotate", "HMBOX1 e6::ALK e20", "--all-transcripts", "--json")
    assert code == 0
    pairs = json.loads(out)["all_transcript_pairs"]
    assert pairs and {"frame", "five_prime_transcript", "three_prime_exon"} <= set(pairs[0])
    assert any(p["frame"] == "in-frame" for p in pairs)


def test_annotate_with_figure_writes_the_report_and_the_drawing(capsys, tmp_path):
    fig = tmp_path / "sqstm1_alk.svg"
    code, out, err = run(capsys, "annotate", "SQSTM1 e5::ALK e19", "--figure", str(fig))
    assert code == 0, err
    assert "IN-FRAME" in out
    svg = fig.read_text()
    assert "SQSTM1::ALK" in svg and "ENST00000389805.9" in svg


def test_known_fusion_line_in_the_text_report(capsys):
    code, out, _ = run(capsys, "annotate", "EML4 e13::ALK e20")
    assert code == 0
    assert "known junction: EML4-ALK variant 1 (E13;A20)" in out


def test_a_bad_known_table_is_one_line_and_exit_2(capsys, tmp_path):
    bad = tmp_path / "lab.tsv"
    bad.write_text("not\ta\tknown\ttable\n")
    code, _, err = run(capsys, "annotate", "EML4 e13::ALK e20", "--known", str(bad))
    assert code == 2 and len(err.strip().splitlines()) == 1


def test_header_says_when_the_exon_numbering_decides_the_frame(capsys):
    # HMBOX1 e6::ALK e20: out of frame on MANE, in frame on HMBOX1-203's numbering
    code, out, _ = run(capsys, "annotate", "HMBOX1 e6::ALK e20")
    assert code == 0
    header = out.splitlines()[0]
    assert "OUT-OF-FRAME ON THESE TRANSCRIPTS (DEPENDS ON EXON NUMBERING" in header


def test_header_says_an_in_frame_call_through_unread_bases_is_unverified(capsys):
    # CDS joined to the 3' partner's 5' UTR: the UTR bases are not in the bundle
    code, out, _ = run(capsys, "annotate", "--5p", "chr12:32107544:+", "--3p", "chr12:14950724:-")
    assert code == 0
    assert out.splitlines()[0].endswith("IN-FRAME, UNVERIFIED")


def test_tsv_says_whether_the_frame_was_verified(capsys):
    code, out, _ = run(
        capsys,
        "annotate",
        "--tsv",
        "SQSTM1 e5::ALK e19",
        "--5p",
        "chr12:32107544:+",
        "--3p",
        "chr12:14950724:-",
    )
    header, *lines = out.splitlines()
    rows = [dict(zip(header.split("\t"), r.split("\t"), strict=True)) for r in lines]
    cells = {
        r["name"]: (
            r["frame_verified"],
            r["fusion_protein_length"],
            r["conditional_protein_length"],
        )
        for r in rows
    }
    assert cells["SQSTM1::ALK"] == ("yes", "849", "")
    assert cells["BICD1::ARHGDIB"][0:2] == ("no", "") and cells["BICD1::ARHGDIB"][2]


def test_header_says_when_other_transcripts_at_the_junction_read_in_frame(capsys):
    # FGFR3::TACC3 (RT4): out of frame on MANE FGFR3-205, in frame on FGFR3-208 at the
    # same bases; FusionCatcher calls it in frame. The in-frame pairs are listed first.
    code, out, _ = run(capsys, "annotate", "--5p", "chr4:1806934:+", "--3p", "chr4:1727977:+")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].endswith("OUT-OF-FRAME ON THESE TRANSCRIPTS (IN FRAME ON OTHERS: SEE VERDICT)")
    assert any(
        x.strip().startswith("The transcripts decide: the same junction is in frame on FGFR3-208")
        for x in lines
    )
    first = lines[lines.index("  same junction on other transcripts") + 1]
    assert "FGFR3-208" in first and "in-frame (CDS::CDS)" in first


def test_an_in_frame_junction_is_not_qualified_by_out_of_frame_isoforms(capsys):
    code, out, _ = run(capsys, "annotate", "--5p", "chr2:42264731:+", "--3p", "chr2:29223528:-")
    assert code == 0
    assert out.splitlines()[0] == "EML4::ALK  (E6;A20)  IN-FRAME"
    assert "The transcripts decide" not in out


@pytest.mark.parametrize(
    "text,words",
    [
        ("SQSTM1 e5::ALK e19", "in frame"),
        ("HMBOX1 e6::ALK e20", "depends on exon numbering"),
        ("FGFR3:chr4:1806934:+::TACC3:chr4:1727977:+", "depends on the transcripts"),
    ],
)
def test_json_and_tsv_carry_the_headline_words_of_the_figure(capsys, text, words):
    _, out, _ = run(capsys, "annotate", text, "--json")
    assert json.loads(out)["headline"] == words
    _, out, _ = run(capsys, "annotate", text, "--tsv")
    header, row = out.splitlines()
    assert dict(zip(header.split("\t"), row.split("\t"), strict=True))["headline"] == words
