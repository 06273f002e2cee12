"""Contour simplification under an error budget: Douglas-Peucker with a tolerance in grid pixels."""
from __future__ import annotations


def simplify(contour, tolerance: float, low: int, high: int):
    """Simplify a closed contour (N x 2 int) so no original point lies farther than `tolerance` from it.

    Coordinates are clipped to [low, high]; repeated and collinear vertices are removed.
    Returns an M x 2 int32 array, or None when fewer than 3 distinct vertices (no area) remain.
    """
    import cv2
    import numpy as np

    points = contour.reshape(-1, 1, 2).astype(np.int32)
    if tolerance > 0:
        points = cv2.approxPolyDP(points, float(tolerance), True)
    points = np.clip(points.reshape(-1, 2), low, high)
    points = _clean(points)
    if points is None:
        return None
    # One orientation for every polygon: same-coloured polygons share a path, and under the nonzero fill rule
    # overlapping subpaths of opposite orientations would cancel out.
    x, y = points[:, 0].astype(np.int64), points[:, 1].astype(np.int64)
    twice_area = int(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))
    if twice_area == 0:
        return None
    return points[::-1].copy() if twice_area < 0 else points


def _clean(points):
    """Drop consecutive duplicates and vertices lying on the straight line through their neighbours."""
    import numpy as np

    for _ in range(2):  # a second pass catches collinear runs exposed by the first
        if len(points) < 3:
            return None
        keep = np.any(points != np.roll(points, 1, axis=0), axis=1)
        points = points[keep]
        if len(points) < 3:
            return None
        before, after = np.roll(points, 1, axis=0), np.roll(points, -1, axis=0)
        cross = (points[:, 0] - before[:, 0]) * (after[:, 1] - before[:, 1]) - (
            points[:, 1] - before[:, 1]
        ) * (after[:, 0] - before[:, 0])
        points = points[cross != 0]
    return points if len(points) >= 3 else None
