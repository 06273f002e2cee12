"""Compact encoding: path data round-trips, colours, and paint-order-preserving grouping."""
from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("cv2")

from svgllm.vectorize.encode import hex_color, layout, path_vertices, polygon_data  # noqa: E402


def square(x, y, side):
    return np.array([[x, y], [x + side, y], [x + side, y + side], [x, y + side]], np.int32)


@pytest.mark.parametrize("points", [
    [[0, 0], [10, 0], [10, 10], [0, 10]],
    [[5, 7], [-1, 3], [12, -1], [30, 30], [30, 2]],
    [[100, 200], [99, 180], [140, 181], [141, 260]],
])
def test_polygon_data_round_trips(points):
    points = np.array(points)
    for previous in (None, (3, 4), (200, 1)):
        data = polygon_data(points, previous)
        if previous is not None:  # a relative first move is measured from the previous subpath's start
            data = f"M{previous[0]} {previous[1]}z" + data
            decoded = path_vertices(data)[1]
        else:
            decoded = path_vertices(data)[0]
        assert np.array_equal(np.array(decoded), points)


def test_polygon_data_is_compact():
    assert polygon_data(square(10, 20, 5)) == "M10 20h5v5h-5z"
    assert polygon_data(np.array([[0, 0], [3, -4], [6, 0]])) == "M0 0l3-4 3 4z"


def test_hex_color():
    assert hex_color((255, 0, 17)) == "#f01"
    assert hex_color((250, 5, 20)) == "#f01"
    assert hex_color((250, 5, 20), short=False) == "#fa0514"
    assert hex_color((255, 0, 17), short=False) == "#f01"


def test_layout_groups_same_colours_only_when_paint_order_is_kept():
    a1, b1 = square(0, 0, 10), square(20, 0, 10)
    far = square(50, 50, 5)  # overlaps neither: may join the first path of its colour
    over_b = square(25, 5, 10)  # overlaps b1: must be painted after it, so it cannot join a1's path
    plan = layout([a1, b1, far, over_b], ["a", "b", "a", "a"])
    assert plan.group_of[2] == plan.group_of[0]
    assert plan.group_of[3] not in (plan.group_of[0], plan.group_of[1])
    # the prefix costs add up to the encoded subpaths plus one path element per opened group
    assert sum(plan.cost) == sum(len(d) for d in plan.data) + 3 * len('<path fill="#abc" d=""/>')
