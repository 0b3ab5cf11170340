"""frame_check on hand-made fusions: a caller call that fusionviz does not make is
always flagged, with the class of its cause."""

from __future__ import annotations

from dataclasses import replace

from fusionviz.annotate import annotate
from fusionviz.batch.framecheck import REASON_CLASSES, frame_check
from fusionviz.breakpoints import exon_boundary_position
from fusionviz.models import FusionRequest, GenomicPosition, PartnerSpec
from tests.handmade import FakeSource, make_transcript

A = make_transcript("GENEA", [10, 20, 30, 40], cds_tx=(6, 92))
C = make_transcript("GENEC", [10, 20, 30, 40], cds_tx=(6, 92), origin=50_000)
SRC = FakeSource(genes={"GENEA": [A], "GENEC": [C]})


def checked(e5: int, e3: int, caller_frame: str, strand3: str | None = None):
    req = FusionRequest(
        PartnerSpec(
            gene="GENEA", breakpoint=GenomicPosition("1", exon_boundary_position(A, e5, "5'"))
        ),
        PartnerSpec(
            gene="GENEC",
            breakpoint=GenomicPosition("1", exon_boundary_position(C, e3, "3'"), strand3),
        ),
        extra=(("caller", "TestCaller"), ("caller_frame", caller_frame)),
    )
    af = annotate(req, SRC)
    return af, frame_check(replace(af, extra=req.extra))


def test_the_same_call_agrees():
    af, check = checked(2, 3, "in-frame")
    assert af.frame == "in-frame" and check.status == "agrees"


def test_a_not_applicable_answer_is_flagged_with_its_cause():
    af, check = checked(2, 3, "in-frame", strand3="-")  # GENEC is on +: antisense
    assert af.frame == "not-applicable"
    assert (check.status, check.reason_class) == ("differs", "antisense orientation")


def test_a_frame_no_transcript_reads_as_the_caller_is_named_as_such():
    af, check = checked(2, 2, "in-frame")  # end phase 1 :: start phase 2
    assert af.frame == "out-of-frame"
    assert (check.status, check.reason_class) == (
        "differs",
        "caller's frame on no annotated transcript pair",
    )
    assert "every Ensembl transcript pair" in check.reason


def test_no_comparable_caller_call_is_not_checked():
    _, check = checked(2, 3, "")
    assert check.status == "" and check.reason_class == ""


def test_every_class_is_named_once():
    assert len(REASON_CLASSES) == len(set(REASON_CLASSES)) and REASON_CLASSES[-1] == "unexplained"
