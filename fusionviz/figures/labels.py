"""Where feature names and exon numbers go (pure placement, inches).

Rules, in order of preference, for a feature's name:

1. inside its box, full name, when it fits (on the kept part of a cut feature);
2. inside, its standard short form ("Fibronectin type III" -> "FN3");
3. above the track on the lowest free row, with a leader line to the box. A run of
   neighbours with the same name gets one label ("WD40 ×5").

A label above never overlaps another label, never sits on the breakpoint guide, and its
leader crosses no other label; leaders attach anywhere along the box top, so a label can
sit beside a wide neighbour and still reach its box. Names are never cut mid-word: a
name too long even for a row is written in its short form.

Exon numbers go inside their exon when they fit, else on stacked rows above it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fusionviz.figures.canvas import PAD, Box, boxes_overlap, overlaps, segment_hits

INSIDE_PAD = 0.025  # between a label and the ends of the box it sits in
LEADER_ROOM = 0.06  # inches of a box top a label above must leave free for the box's leader


@dataclass
class Target:
    """One box that wants a label (inches on x; y relative to the box row)."""

    full: str
    short: str
    x0: float
    x1: float
    faded: bool
    lane: int = 0
    pieces: list[tuple[float, float, bool]] = field(default_factory=list)  # (a, z, solid)
    ref: object = None  # what the label names (the caller's box)


@dataclass(frozen=True)
class Inside:
    target: Target
    text: str
    x: float
    solid: bool


@dataclass(frozen=True)
class Above:
    targets: tuple[Target, ...]
    text: str
    x: float
    row: int
    width: float
    leaders: tuple = ()  # (x0, y0, x1, y1) segments, y relative as in RowPlacer
    strict: bool = True  # every rule held (else a rule had to give way)


def inside_spot(t: Target, w: float) -> tuple[float, bool] | None:
    """``(centre x, on a solid part)`` where a label of width ``w`` fits inside the box."""
    for a, z, solid in t.pieces:
        if w + 2 * INSIDE_PAD <= z - a:
            return (a + z) / 2, solid
    return None


def split_inside(
    targets: list[Target], width_of, fits_height: bool
) -> tuple[list[Inside], list[list[Target]]]:
    """Labels that go inside their boxes, and runs of the rest grouped by name."""
    inside: list[Inside] = []
    groups: list[list[Target]] = []
    for t in sorted(targets, key=lambda t: t.x0):
        spot = None
        text = t.full
        if fits_height:
            for text in dict.fromkeys((t.full, t.short)):
                spot = inside_spot(t, width_of(text))
                if spot is not None:
                    break
        if spot is not None:
            inside.append(Inside(t, text, spot[0], spot[1]))
        elif groups and groups[-1][-1].full == t.full and groups[-1][-1].faded == t.faded:
            groups[-1].append(t)  # a run of repeats gets one label
        else:
            groups.append([t])
    return inside, groups


@dataclass
class RowPlacer:
    """Places labels on rows above a track; y is relative: row r's centre is at
    ``-(r + 0.5) * row_h`` and box tops at ``box_top(lane)`` (>= 0)."""

    row_h: float
    lo: float  # leftmost allowed label edge
    hi: float  # rightmost
    guide: float | None  # x of the breakpoint guide through the rows, if any
    box_top: object  # lane -> y of the box top (relative)
    fixed: list[Box] = field(default_factory=list)  # inside labels etc. (relative)
    rows: list[list[tuple[float, float]]] = field(default_factory=list)
    placed: list[tuple[Box, list[tuple[float, float, float, float]]]] = field(default_factory=list)

    def _bbox(self, cx: float, w: float, row: int) -> Box:
        yc = -(row + 0.5) * self.row_h
        return (cx - w / 2, yc - self.row_h * 0.45, cx + w / 2, yc + self.row_h * 0.45)

    def _leaders(self, cx: float, row: int, group: list[Target], where: str = "near") -> list:
        """Leader segments from a label at ``cx`` down to each box of its group, attached
        to the box top nearest the label (``near``), at its middle or at its far end."""
        y0 = -row * self.row_h - self.row_h * 0.05
        out = []
        for t in group:
            inset = min(PAD, (t.x1 - t.x0) / 3)
            near = min(max(cx, t.x0 + inset), t.x1 - inset)
            far = t.x1 - inset if near - t.x0 < t.x1 - near else t.x0 + inset
            ax = {"near": near, "middle": (t.x0 + t.x1) / 2, "far": far}[where]
            if len(group) > 1:
                ax = (t.x0 + t.x1) / 2
            out.append((cx, y0, ax, self.box_top(t.lane)))
        return out

    def _valid(
        self, cx: float, w: float, row: int, group: list[Target], pending: list[Target]
    ) -> list | None:
        """The leaders of a label at ``cx`` on ``row`` when every rule holds, else None."""
        box = self._bbox(cx, w, row)
        for t in pending:
            # Never cover the top of a box still waiting for its label: its leader would
            # have nowhere to come down.
            inset = min(PAD, (t.x1 - t.x0) / 3)
            a, b = t.x0 + inset, t.x1 - inset
            free = max(min(b, box[0] - PAD) - a, b - max(a, box[2] + PAD))
            if free < min(LEADER_ROOM, b - a):
                return None
        if box[0] < self.lo - 1e-9 or box[2] > self.hi + 1e-9:
            return None
        if overlaps((box[0], box[2]), self.rows[row]):
            return None
        if self.guide is not None and box[0] - PAD < self.guide < box[2] + PAD:
            return None
        others = [b for b, _ in self.placed] + self.fixed
        if any(boxes_overlap(box, b, PAD / 2) for b in others):
            return None
        grown = (box[0] - PAD / 2, box[1], box[2] + PAD / 2, box[3])
        for p, q, r, s in (seg for _, segs in self.placed for seg in segs):
            if segment_hits((p, q), (r, s), [grown]):
                return None
        padded = [(b[0] - PAD / 2, b[1], b[2] + PAD / 2, b[3]) for b in others]
        for where in ("near", "middle", "far"):
            leaders = self._leaders(cx, row, group, where)
            if not any(segment_hits((p, q), (r, s), padded) for p, q, r, s in leaders):
                return leaders
        return None

    @property
    def n_rows(self) -> int:
        return max((k + 1 for k, row in enumerate(self.rows) if row), default=0)

    def place(
        self,
        group: list[Target],
        texts: list[tuple[str, float]],
        pending: list[Target] | None = None,
    ) -> Above:
        """The lowest row and the x nearest the group's centre where a text is valid.

        ``texts`` are ``(text, width)`` in order of preference (name, short form): the
        name is kept when it fits within the first rows, else the short form is tried
        there, then higher rows. ``pending`` are the boxes whose labels come later.
        """
        centre = (group[0].x0 + group[-1].x1) / 2
        # Name, then short form, on the box's side of the guide within three rows; then
        # across the guide; then higher rows.
        attempts = [(t, w, 3, False) for t, w in texts] + [(t, w, 3, True) for t, w in texts]
        attempts += [(t, w, 10, True) for t, w in texts]
        for strict, waiting in ((True, pending or []), (False, [])):
            for text, w, depth, across in attempts:
                for row in range(depth):
                    while row >= len(self.rows):
                        self.rows.append([])
                    reach = 1.0 if strict else 2.5  # farther only when nothing is near
                    for cx in self._candidates(centre, w, row, waiting, across, reach):
                        leaders = self._valid(cx, w, row, group, waiting)
                        if leaders is not None:
                            return self._commit(group, text, cx, row, w, leaders, strict)
        # Nowhere: no label rather than a leader through text (the feature keeps its
        # colour, and the text report names it).
        return Above(tuple(group), "", centre, -1, 0.0, (), False)

    def _candidates(
        self,
        centre: float,
        w: float,
        row: int,
        pending: list[Target] = (),
        across: bool = True,
        scale: float = 1.0,
    ) -> list[float]:
        # Near the box only: a higher row beats a label far from what it names.
        reach = scale * max(0.35, 1.3 * w)
        cands = [centre]
        edges = list(self.rows[row])
        if self.guide is not None:
            edges.append((self.guide, self.guide))
        edges += [(b[0], b[2]) for b, _ in self.placed]
        edges += [(t.x0, t.x1) for t in pending]
        for a, z in edges:
            cands += [z + PAD * 1.5 + w / 2, a - PAD * 1.5 - w / 2]
        lo, hi = self.lo + w / 2, self.hi - w / 2
        cands = [min(max(c, lo), hi) for c in cands if abs(c - centre) <= reach]

        def crosses(c: float) -> bool:
            # On the other side of the breakpoint guide from the box: the leader would
            # cross the guide, and take the other side's room.
            return self.guide is not None and (c < self.guide) != (centre < self.guide)

        cands = [c for c in cands if across or not crosses(c)]
        return sorted(dict.fromkeys(round(c, 6) for c in cands), key=lambda c: abs(c - centre))

    def _commit(
        self,
        group: list[Target],
        text: str,
        cx: float,
        row: int,
        w: float,
        leaders: list,
        strict: bool = True,
    ) -> Above:
        self.rows[row].append((cx - w / 2, cx + w / 2))
        self.placed.append((self._bbox(cx, w, row), leaders))
        return Above(tuple(group), text, cx, row, w, tuple(leaders), strict)


def stack_numbers(
    items: list[tuple[float, float, float]], lo: float, hi: float
) -> list[tuple[float, int]]:
    """Exon numbers that do not fit inside their exons, on stacked rows above.

    ``items`` are ``(centre x, width, exon left)`` sorted by x; returns ``(x, row)`` for
    each, row 0 nearest the exons. A number may slide sideways by up to half its width.
    """
    rows: list[list[tuple[float, float]]] = []
    out = []
    for cx, w, _ in items:
        x = min(max(cx, lo + w / 2), hi - w / 2)
        row = 0
        while True:
            if row == len(rows):
                rows.append([])
            spot = None
            for dx in (0.0, w / 2, -w / 2, 0.8 * w, -0.8 * w):
                iv = (x + dx - w / 2, x + dx + w / 2)
                if iv[0] >= lo and iv[1] <= hi and not overlaps(iv, rows[row], PAD / 3):
                    spot = x + dx
                    break
            if spot is not None:
                rows[row].append((spot - w / 2, spot + w / 2))
                out.append((spot, row))
                break
            row += 1
    return out


def place_all(make_placer, groups: list[list[Target]], texts_of) -> tuple[RowPlacer, list[Above]]:
    """Every group's label above the track. Left to right first; when a label had to
    break a rule, again with the labels that broke one placed first (a few rounds),
    keeping the placement with fewest broken rules."""
    order = list(range(len(groups)))
    best: tuple[int, RowPlacer, list[Above]] | None = None
    for _ in range(4):
        placer = make_placer()
        placed: dict[int, Above] = {}
        for k, i in enumerate(order):
            pending = [t for j in order[k + 1 :] for t in groups[j]]
            placed[i] = placer.place(groups[i], texts_of(groups[i]), pending)
        broken = [i for i in order if not placed[i].strict]
        if best is None or len(broken) < best[0]:
            best = (len(broken), placer, [placed[i] for i in range(len(groups))])
        if not broken:
            break
        order = broken + [i for i in order if i not in broken]
    assert best is not None
    return best[1], best[2]
