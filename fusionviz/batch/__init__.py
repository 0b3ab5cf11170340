"""Annotate every fusion of a caller file and write the results into one folder.

:mod:`~fusionviz.batch.run` drives a run; :mod:`~fusionviz.batch.engine` annotates
rows (repeated junctions once); :mod:`~fusionviz.batch.framecheck` compares our
frame call with the caller's; :mod:`~fusionviz.batch.build_check` refuses files on
another build; :mod:`~fusionviz.batch.html_page` writes index.html.
The caller's own fields are kept beside ours, and rows where the caller's frame
call differs from fusionviz's are flagged with the reason.
"""

from fusionviz.batch.build_check import BUNDLE_BUILD, check_build, plan_build, source_build
from fusionviz.batch.engine import Annotated, AnnotateFn, annotate_request, annotate_rows
from fusionviz.batch.framecheck import FrameCheck, frame_check
from fusionviz.batch.run import CALLER_COLUMNS, OUTPUT_FILES, BatchSummary, run_batch

__all__ = [
    "BUNDLE_BUILD",
    "CALLER_COLUMNS",
    "OUTPUT_FILES",
    "AnnotateFn",
    "Annotated",
    "BatchSummary",
    "FrameCheck",
    "annotate_request",
    "annotate_rows",
    "check_build",
    "plan_build",
    "frame_check",
    "run_batch",
    "source_build",
]
