"""Draw the three seed fusions and the EML4::ALK variant comparison.

Run from anywhere: ``python examples/draw_seed_fusions.py``. The figures are written
beside this script (PNG for the README, SVG with searchable text), from the annotation
bundle that ships with fusionviz; nothing else is needed. ``examples/before/`` keeps the
figures as fusionviz drew them before the numbered-exon panel (issue 15), for comparison.

All figures of the run share one colour book: a domain family has one colour in all of
them. The date in the footer is fixed so that the files do not change from day to day.
"""

from __future__ import annotations

from pathlib import Path

from fusionviz.annotate import annotate_text
from fusionviz.figures import ColourBook, notes_for, write_figure
from fusionviz.figures.style import Style
from fusionviz.known import load_known_table
from fusionviz.sources import default_source

HERE = Path(__file__).resolve().parent
DATE = "2026-11-27"
VARIANTS = ["EML4 e6::ALK e20", "EML4 e13::ALK e20", "EML4 e20::ALK e20"]

FIGURES = {
    # name: (fusion texts, 5' transcript override, style)
    "sqstm1_alk": (["SQSTM1 e5::ALK e19"], None, Style()),
    # The MANE Select reading of the report's "exon 6" is out of frame ...
    "hmbox1_alk_mane": (["HMBOX1 e6::ALK e20"], None, Style()),
    # ... on HMBOX1-203 (two 5' non-coding exons) the same "exon 6" is in frame.
    "hmbox1_alk_203": (["HMBOX1 e6::ALK e20"], "HMBOX1-203", Style()),
    "eml4_alk": (["EML4 e6::ALK e20"], None, Style()),
    "eml4_alk_variants": (VARIANTS, None, Style()),
    # The same three variants in one column: each fusion and its exons, ALK drawn once.
    "eml4_alk_variants_compact": (VARIANTS, None, Style(width=3.5, compact=True)),
    "sqstm1_alk_single_column": (["SQSTM1 e5::ALK e19"], None, Style(width=3.5)),
}


def main() -> None:
    source = default_source()
    known = load_known_table()
    colours = ColourBook()
    for name, (texts, transcript5, style) in FIGURES.items():
        fusions = [annotate_text(t, source, transcript5=transcript5) for t in texts]
        notes = notes_for(fusions, source, known=known, evidence=True)
        for ext in ("png", "svg"):
            path = write_figure(
                fusions,
                HERE / f"{name}.{ext}",
                style=style,
                dpi=200,
                notes=notes,
                colours=colours,
                date=DATE,
            )
            print(path.relative_to(HERE.parent))


if __name__ == "__main__":
    main()
