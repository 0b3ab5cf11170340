"""Draw the three seed fusions and the EML4::ALK variant comparison.

Run from anywhere: ``python examples/draw_seed_fusions.py``. The figures are written
beside this script (PNG for the README, SVG with searchable text), from the annotation
bundle that ships with fusionviz; nothing else is needed.
"""

from __future__ import annotations

from pathlib import Path

from fusionviz.annotate import annotate_text
from fusionviz.figures import write_figure
from fusionviz.sources import default_source

HERE = Path(__file__).resolve().parent

FIGURES = {
    # name: (fusion texts, 5' transcript override)
    "sqstm1_alk": (["SQSTM1 e5::ALK e19"], None),
    # The MANE Select reading of the report's "exon 6" is out of frame ...
    "hmbox1_alk_mane": (["HMBOX1 e6::ALK e20"], None),
    # ... on HMBOX1-203 (two 5' non-coding exons) the same "exon 6" is in frame.
    "hmbox1_alk_203": (["HMBOX1 e6::ALK e20"], "HMBOX1-203"),
    "eml4_alk": (["EML4 e6::ALK e20"], None),
    "eml4_alk_variants": (["EML4 e6::ALK e20", "EML4 e13::ALK e20", "EML4 e20::ALK e20"], None),
}


def main() -> None:
    source = default_source()
    for name, (texts, transcript5) in FIGURES.items():
        fusions = [annotate_text(t, source, transcript5=transcript5) for t in texts]
        for ext in ("png", "svg"):
            path = write_figure(fusions, HERE / f"{name}.{ext}", dpi=200)
            print(path.relative_to(HERE.parent))


if __name__ == "__main__":
    main()
