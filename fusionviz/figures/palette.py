"""Colours and domain families: a colour-blind-safe palette with a stable colour per family.

The same domain family gets the same colour in every figure, whatever else is drawn
beside it: a few common families have fixed colours, every other family is placed in
the palette by a checksum of its normalised name (not by drawing order). A style file
can override any of them.
"""

from __future__ import annotations

import re
import zlib

# Paul Tol's "muted" scheme: distinguishable under the common colour-vision deficiencies
# and light enough to carry a label.
MUTED = (
    "#CC6677",  # rose
    "#332288",  # indigo
    "#DDCC77",  # sand
    "#117733",  # green
    "#88CCEE",  # cyan
    "#882255",  # wine
    "#44AA99",  # teal
    "#999933",  # olive
    "#AA4499",  # purple
)

# Families that recur in fusion partners get a fixed colour, chosen so that the
# two halves of the classic fusions (kinase + oligomerisation domain) differ clearly.
FIXED_FAMILY_COLOURS = {
    "kinase": "#332288",
    "coiled coil": "#DDCC77",
    "wd40": "#88CCEE",
    "pb1": "#44AA99",
    "zz": "#117733",
    "uba": "#999933",
    "help": "#CC6677",
    "mam": "#AA4499",
    "homeobox": "#882255",
}

# Neutral colours for everything that is not a domain.
BACKBONE_5P = "#E3D3BC"  # warm sand: material from the 5' partner
BACKBONE_3P = "#C4D6E3"  # cool blue-grey: material from the 3' partner
BACKBONE_EDGE = "#5F5F5F"
FRAMESHIFT_EDGE = "#D55E00"  # Okabe-Ito vermillion, also used for "out of frame"
TRANSMEMBRANE = "#3A3A3A"
SIGNAL = "#C8C8C8"  # hatched in the drawing
GUIDE = "#7A7A7A"
EXON_TICK = "#FFFFFF"
TEXT = "#1A1A1A"
MUTED_TEXT = "#5A5A5A"
IN_FRAME = "#117733"
OUT_OF_FRAME = "#D55E00"

# Names that mean the same family, in the order they are tried (lower-case regexes).
_FAMILY_ALIASES = (
    (r"kinase|pk_tyr|pkinase|tyr_?kinase", "kinase"),
    (r"coiled[ -_]?coil", "coiled coil"),
    (r"\bwd(40)?\b|wd[ -]?repeat|wd40", "wd40"),
    (r"\bpb1\b", "pb1"),
    (r"\bzz\b|zz-type", "zz"),
    (r"\buba\b|uba_\d", "uba"),
    (r"\bhelp\b", "help"),
    (r"\bmam\b", "mam"),
    (r"homeobox|homeodomain", "homeobox"),
)


def family_of(name: str) -> str:
    """The family key of a domain name ("MAM 2" -> "mam", "PK_Tyr_Ser-Thr" -> "kinase")."""
    low = name.strip().lower()
    for pattern, family in _FAMILY_ALIASES:
        if re.search(pattern, low):
            return family
    # Numbered copies of one domain ("LIM 1", "Ig-like C2-type 3") share a family.
    low = re.sub(r"[\s_-]*\d+$", "", low)
    low = re.sub(r"\s+(domain|repeat|region|family)$", "", low)
    return low.strip() or name.lower()


def family_colour(family: str, overrides: dict[str, str] | None = None) -> str:
    """The colour of a family: style override, fixed table, else a stable checksum slot."""
    if overrides and family in overrides:
        return overrides[family]
    fixed = FIXED_FAMILY_COLOURS.get(family)
    if fixed:
        return fixed
    return MUTED[zlib.crc32(family.encode("utf-8")) % len(MUTED)]


def text_colour_on(fill: str) -> str:
    """Black or white, whichever reads better on ``fill`` (a #rrggbb colour)."""
    h = fill.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    try:
        r, g, b = (int(h[i : i + 2], 16) / 255 for i in (0, 2, 4))
    except ValueError:
        return TEXT

    # Relative luminance (sRGB, linearised) and the WCAG contrast choice.
    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    lum = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    return "#FFFFFF" if (1.05 / (lum + 0.05)) > ((lum + 0.05) / 0.05) else TEXT
