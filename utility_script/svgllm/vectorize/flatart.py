"""Flat-art path: the exact palette of a flat illustration and a label map with sub-pixel edges.

A flat illustration (emoji, icon, rendered SVG) is a few exact colours whose shapes meet along anti-aliased edges.
k-means there wastes clusters on the anti-aliasing mixtures and blurs distinct colours together, and tracing on
the 384 px canvas puts every edge on a whole pixel. Here instead:
- the palette is every colour that fills a whole 3x3 neighbourhood somewhere ("flat pixels"), exactly;
- the target is upsampled (bilinear) to a finer lattice and each fine pixel takes the nearest palette colour
  among those with flat pixels close by. Across an anti-aliased edge between colours A and B a pixel shows
  alpha A + (1 - alpha) B with alpha its coverage; bilinear interpolation between pixel centres crosses the
  half-way mix exactly where the original edge ran, so the fine labels switch at the true edge, to a fraction
  of a canvas pixel. Limiting candidates to colours present nearby keeps a mix of black and white from being
  read as some unrelated grey of the palette.
The images are not flat art when too few pixels are flat (photos, gradients, noise): `flat_palette` returns None.
"""
from __future__ import annotations

from dataclasses import dataclass

MIN_FLAT_SHARE = 0.5  # at least this share of the pixels must be flat (emoji: > 0.9; photos here: < 0.1)
MAX_COLORS = 256  # more distinct flat colours than this is a photo-like image with flat patches
MIN_FLAT_PIXELS = 2  # a colour needs this many flat pixels to enter the palette (one could be a coincidence)
NEAR = 3  # canvas pixels: a palette colour is a candidate within this distance of its flat pixels


@dataclass
class FlatPalette:
    """Exact colours of a flat illustration and where each one is flat."""

    colors: object  # K x 3 float64 RGB 0..255, most frequent first
    cores: object  # H x W int32: palette index of each flat pixel, -1 elsewhere


def flat_palette(target, min_share: float = MIN_FLAT_SHARE) -> FlatPalette | None:
    """The palette of `target` (H x W x 3 float 0..255) when it is flat art, else None.

    A pixel is flat when its 3x3 neighbourhood (edge-padded) has exactly its colour. The image is flat art when
    at least `min_share` of its pixels are flat and at most MAX_COLORS colours have MIN_FLAT_PIXELS flat pixels.
    """
    import numpy as np

    image = np.rint(np.clip(target, 0, 255)).astype(np.int64)
    codes = (image[..., 0] << 16) | (image[..., 1] << 8) | image[..., 2]
    height, width = codes.shape
    padded = np.pad(codes, 1, mode="edge")
    flat = np.ones(codes.shape, bool)
    for dy in range(3):
        for dx in range(3):
            flat &= padded[dy:dy + height, dx:dx + width] == codes
    if flat.mean() < min_share:
        return None
    values, counts = np.unique(codes[flat], return_counts=True)
    keep = counts >= MIN_FLAT_PIXELS
    values, counts = values[keep], counts[keep]
    if not 1 <= len(values) <= MAX_COLORS:
        return None
    order = np.argsort(-counts, kind="stable")  # most frequent first; ties keep the code order (deterministic)
    values = values[order]
    colors = np.stack([(values >> 16) & 255, (values >> 8) & 255, values & 255], axis=1).astype(np.float64)
    cores = np.full(codes.shape, -1, np.int32)
    sorter = np.argsort(values)
    position = np.clip(np.searchsorted(values, codes, sorter=sorter), 0, len(values) - 1)
    known = flat & (values[sorter[position]] == codes)  # flat pixels of a colour that made the palette
    cores[known] = sorter[position[known]]
    return FlatPalette(colors, cores)


def subpixel_labels(target, palette: FlatPalette, grid: int, near: float = NEAR):
    """grid x grid int32 labels (indices into `palette.colors`) with edges placed from the anti-aliasing.

    `target` is the size x size x 3 picture the palette came from; grid > size gives sub-pixel edges (e.g. 4 x
    size puts them on quarter pixels), grid < size area-averages first. Each fine pixel takes the nearest
    palette colour among those with a flat pixel within `near` canvas pixels; pixels with none nearby (thin
    lines, gradients) take the nearest colour of the whole palette.
    """
    import cv2
    import numpy as np

    size = target.shape[0]
    scale = grid / size
    interpolation = cv2.INTER_LINEAR if grid >= size else cv2.INTER_AREA
    fine = cv2.resize(np.ascontiguousarray(target, np.float32), (grid, grid), interpolation=interpolation)
    best = np.full((grid, grid), np.inf, np.float32)
    labels = np.zeros((grid, grid), np.int32)
    radius = max(1, int(np.ceil(near)))
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * radius + 1, 2 * radius + 1))
    for k, color in enumerate(np.asarray(palette.colors, np.float32)):
        nearby = cv2.dilate((palette.cores == k).astype(np.uint8), kernel)
        rows, cols = np.nonzero(nearby.any(axis=1))[0], np.nonzero(nearby.any(axis=0))[0]
        if not len(rows):
            continue
        # work on the colour's bounding box only: most colours cover a small part of the canvas
        y0, y1 = int(rows[0] * scale), min(grid, int(np.ceil((rows[-1] + 1) * scale)))
        x0, x1 = int(cols[0] * scale), min(grid, int(np.ceil((cols[-1] + 1) * scale)))
        crop = nearby[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]
        allowed = cv2.resize(crop, (x1 - x0, y1 - y0), interpolation=cv2.INTER_NEAREST) > 0
        distance = ((fine[y0:y1, x0:x1] - color) ** 2).sum(axis=2)
        better = allowed & (distance < best[y0:y1, x0:x1])
        best[y0:y1, x0:x1][better] = distance[better]
        labels[y0:y1, x0:x1][better] = k
    orphans = ~np.isfinite(best)
    if orphans.any():
        colors = np.asarray(palette.colors, np.float32)
        distance = ((fine[orphans][:, None, :] - colors[None]) ** 2).sum(axis=2)
        labels[orphans] = distance.argmin(axis=1).astype(np.int32)
    return labels
