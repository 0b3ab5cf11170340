"""Label placement rules: no overlaps, leaders that cross no text, nothing on the
breakpoint guide, exon numbers stacked without overlaps."""

from __future__ import annotations

from fusionviz.figures.canvas import boxes_overlap, cut_around, segment_hits
from fusionviz.figures.labels import RowPlacer, Target, stack_numbers


def placer(guide=None):
    return RowPlacer(row_h=0.12, lo=0.0, hi=6.0, guide=guide, box_top=lambda lane: 0.03)


def boxes_of(targets):
    return [Target(f"Domain {i}", f"D{i}", x0, x1, False) for i, (x0, x1) in enumerate(targets)]


def check(p: RowPlacer):
    labels = [b for b, _ in p.placed]
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            assert not boxes_overlap(a, b)
    for k, (own, segs) in enumerate(p.placed):
        others = [b for j, (b, _) in enumerate(p.placed) if j != k]
        for x0, y0, x1, y1 in segs:
            assert not segment_hits((x0, y0), (x1, y1), others), (own, segs)


def test_crowded_labels_go_up_in_rows_and_their_leaders_cross_no_label():
    targets = boxes_of([(1.0 + 0.1 * i, 1.05 + 0.1 * i) for i in range(8)])
    p = placer()
    for k, t in enumerate(targets):
        p.place([t], [(t.full, 0.5), (t.short, 0.15)], targets[k + 1 :])
    check(p)
    assert p.n_rows >= 2


def test_a_label_never_sits_on_the_breakpoint_guide():
    t = Target("Protein kinase", "Kinase", 2.9, 3.3, False)
    p = placer(guide=3.1)
    above = p.place([t], [(t.full, 0.8)])
    x0, x1 = above.x - above.width / 2, above.x + above.width / 2
    assert not x0 <= 3.1 <= x1


def test_a_label_is_not_allowed_to_hide_the_top_of_a_box_still_waiting():
    wide, narrow = (
        Target("A very long name here", "A", 2.0, 2.4, False),
        Target("B", "B", 2.42, 2.5, False),
    )
    p = placer()
    first = p.place([wide], [(wide.full, 1.2)], [narrow])
    assert not (first.x - 0.6 <= narrow.x0 and narrow.x1 <= first.x + 0.6)


def test_exon_numbers_stack_without_overlapping():
    items = [(1.0 + 0.03 * i, 0.07, 0.0) for i in range(20)]
    spots = stack_numbers(items, 0.0, 6.0)
    rows: dict[int, list[float]] = {}
    for x, row in spots:
        rows.setdefault(row, []).append(x)
    for xs in rows.values():
        xs.sort()
        assert all(b - a >= 0.07 for a, b in zip(xs, xs[1:], strict=False))


def test_a_guide_is_cut_around_labels():
    pieces = cut_around((1.0, 0.0), (1.0, 1.0), [(0.9, 0.4, 1.1, 0.5)], pad=0.0)
    assert pieces == [((1.0, 0.0), (1.0, 0.4)), ((1.0, 0.5), (1.0, 1.0))]
