"""Colour fitting for a fixed geometry: each path gets the mean colour of the target pixels it shows.

With the geometry fixed, painting order decides which path owns each pixel; the colour minimising the squared
error of a path is then the mean of the target over the pixels it owns. This also corrects for small regions the
budget left out (their pixels now belong to whatever is painted beneath them). Paths that end up owning
(almost) no pixels are reported so the search can drop them and spend their bytes elsewhere.
"""
from __future__ import annotations


def visible_counts(owner, count: int):
    """Pixels owned by each of `count` polygons in an index map from `raster.index_map`."""
    import numpy as np

    flat = owner.ravel()
    return np.bincount(flat[flat >= 0], minlength=count)[:count]


def fit_colors(target, owner, group_of, fallback, background_fallback):
    """Least-squares colours: per path (group) the mean target colour over the pixels its polygons own.

    `target` is size x size x 3, `owner` the polygon index map, `group_of[i]` the path of polygon i,
    `fallback[g]` the colour for a path owning no pixel. Returns (dict path -> RGB, background RGB).
    """
    import numpy as np

    pixels = target.reshape(-1, 3).astype(np.float64)
    flat = owner.ravel()
    groups = np.asarray(group_of, np.int64)
    # pixel -> path index, with the background as one extra bucket at the end
    bucket = np.where(flat >= 0, groups[np.maximum(flat, 0)] if len(groups) else 0, -1)
    bins = (int(groups.max()) + 2) if len(groups) else 1
    bucket = np.where(bucket < 0, bins - 1, bucket)
    totals = np.stack([np.bincount(bucket, weights=pixels[:, c], minlength=bins) for c in range(3)], axis=1)
    counts = np.bincount(bucket, minlength=bins).astype(np.float64)
    colors = {}
    for g in set(groups.tolist()):
        colors[g] = totals[g] / counts[g] if counts[g] > 0 else np.asarray(fallback[g], np.float64)
    back = totals[-1] / counts[-1] if counts[-1] > 0 else np.asarray(background_fallback, np.float64)
    return colors, back
