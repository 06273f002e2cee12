"""Fast rasterisation of the painted polygons into an ownership map (which polygon shows at each pixel).

Used for colour fitting and for finding hidden polygons, where pixel-level agreement with cairo is enough;
candidates are scored on the real cairosvg render (see `search`).
"""
from __future__ import annotations

SHIFT = 4  # fixed-point bits for sub-pixel vertex positions in cv2.fillPoly


def to_canvas(points, grid: int, size: int):
    """Grid pixel-centre coordinates -> cv2 fixed-point canvas coordinates (see `encode.header` for the viewBox)."""
    import numpy as np

    scale = size / grid
    # grid index p covers [p, p+1) * scale on the canvas, centre (p + 0.5) * scale; cv2 puts pixel centres at
    # integer coordinates, hence the -0.5.
    canvas = (points.astype(np.float64) + 0.5) * scale - 0.5
    return np.round(canvas * (1 << SHIFT)).astype(np.int32).reshape(-1, 1, 2)


def index_map(polygons, grid: int, size: int):
    """size x size int32 map: which polygon (index in paint order) is visible at each pixel; -1 = background."""
    import cv2
    import numpy as np

    owner = np.full((size, size), -1, np.int32)
    for i, polygon in enumerate(polygons):
        cv2.fillPoly(owner, [to_canvas(polygon, grid, size)], int(i), lineType=cv2.LINE_8, shift=SHIFT)
    return owner
