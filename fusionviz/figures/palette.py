"""Colours: one colour-blind-safe colour per feature family in a figure, kinase reserved.

* The kinase colour (Paul Tol's indigo) is only ever given to kinase domains.
* Every other family drawn in one figure gets its own colour: first its preferred one
  (a fixed colour for families that recur in fusion partners, else a slot chosen by a
  checksum of the family name, so the same family tends to keep its colour in every
  figure), else the first colour no other family of the figure uses. Beyond the palette,
  colours repeat with a hatch so that fills still differ.
* A :class:`ColourBook` shared by several figures (one run of the CLI, one batch page)
  keeps each family's first colour for all of them.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

KINASE = "#332288"  # Tol indigo: kinase domains only

# Paul Tol's "muted" scheme without indigo (distinguishable under the common
# colour-vision deficiencies), then lighter Tol colours far from those.
PALETTE = (
    "#CC6677",  # rose
    "#DDCC77",  # sand
    "#117733",  # green
    "#88CCEE",  # cyan
    "#882255",  # wine
    "#44AA99",  # teal
    "#999933",  # olive
    "#AA4499",  # purple
    "#EE8866",  # orange (Tol light)
    "#BBCC33",  # pear (Tol light)
    "#FFAABB",  # pink (Tol light)
    "#997700",  # ochre (Tol medium contrast)
    "#77AADD",  # light blue (Tol light)
)
#: Hatches that tell apart families beyond the palette (repeat 1, 2, ...).
EXTRA_HATCHES = ("....", "xxxx", "\\\\\\\\", "++++")

# Families that recur in fusion partners keep a fixed colour, chosen so that the
# classic pairs (kinase + oligomerisation domain) differ clearly.
FIXED = {
    "coiled coil": "#DDCC77",
    "wd40": "#88CCEE",
    "pb1": "#44AA99",
    "zz": "#117733",
    "uba": "#999933",
    "help": "#CC6677",
    "mam": "#AA4499",
    "homeobox": "#882255",
    "sh3": "#44AA99",
    "sh2": "#117733",
    "ph": "#CC6677",
    "bcr oligomerization": "#DDCC77",
}

# Neutral colours for everything that is not a domain.
BACKBONE_5P = "#E3D3BC"  # warm sand: material from the 5' partner
BACKBONE_3P = "#C4D6E3"  # cool blue-grey: material from the 3' partner
EXON_5P = "#B89968"  # exon boxes of the 5' partner (darker than its backbone)
EXON_3P = "#7FA3C0"
BACKBONE_EDGE = "#5F5F5F"
FRAMESHIFT_EDGE = "#D55E00"  # Okabe-Ito vermillion, also used for "out of frame"
TRANSMEMBRANE = "#3A3A3A"
SIGNAL = "#C8C8C8"  # hatched in the drawing
GUIDE = "#7A7A7A"
TEXT = "#1A1A1A"
MUTED_TEXT = "#5A5A5A"
IN_FRAME = "#117733"
OUT_OF_FRAME = "#D55E00"
DEPENDS = "#8A5A00"  # "depends on exon numbering": neither verdict's colour
OLIGOMER = "#222222"


@dataclass(frozen=True, slots=True)
class Fill:
    """A family's fill: a colour and, past the palette, a hatch."""

    colour: str
    hatch: str | None = None


def preferred_slot(family: str) -> int:
    """The palette index a family prefers (fixed colour, else a stable checksum)."""
    fixed = FIXED.get(family)
    if fixed is not None:
        return PALETTE.index(fixed)
    return zlib.crc32(family.encode("utf-8")) % len(PALETTE)


@dataclass
class ColourBook:
    """Family -> fill, assigned once and kept for every later figure that uses the book."""

    assigned: dict[str, Fill] = field(default_factory=dict)

    def assign(self, families: Iterable[str], overrides: Mapping[str, str] | None = None) -> dict:
        """Fills for the families of one figure: distinct within the figure, kinase only
        for kinases, a style's ``overrides`` (family -> colour) first."""
        overrides = overrides or {}
        ordered = list(dict.fromkeys(families))
        out: dict[str, Fill] = {}
        used: set[Fill] = set()
        # A fixed colour belongs to its family whenever that family is in the figure.
        fixed = {Fill(FIXED[f]) for f in ordered if f in FIXED}
        # Families that already have a fill (from this book) keep it when they can.
        for fam in sorted(ordered, key=lambda f: (f not in FIXED, f not in self.assigned)):
            taken = used if fam in FIXED else used | fixed
            fill = self._choose(fam, taken, overrides)
            out[fam] = fill
            if fam != "kinase":
                used.add(fill)
            self.assigned.setdefault(fam, fill)
        return out

    def _choose(self, fam: str, used: set[Fill], overrides: Mapping[str, str]) -> Fill:
        if fam in overrides:
            return Fill(overrides[fam])
        if fam == "kinase":
            return Fill(KINASE)
        known = self.assigned.get(fam)
        if known is not None and known not in used:
            return known
        start = preferred_slot(fam)
        for round_ in range(len(EXTRA_HATCHES) + 1):
            hatch = EXTRA_HATCHES[round_ - 1] if round_ else None
            for k in range(len(PALETTE)):
                fill = Fill(PALETTE[(start + k) % len(PALETTE)], hatch)
                if fill not in used:
                    return fill
        return Fill(PALETTE[start], EXTRA_HATCHES[-1])


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
