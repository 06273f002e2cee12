"""Label map -> regions: the outer contour of every connected patch of each colour, largest first.

Regions are painted in order (painter's algorithm), so only outer contours are traced: a hole is filled by the
smaller regions painted later on top of it, which keeps every boundary traced once instead of twice.
Each colour mask is grown by one pixel before tracing: OpenCV's contours run through the centres of the boundary
pixels, so the contour of the grown mask runs along the true pixel edges of the original one and neighbouring
regions meet without hairline gaps.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Region:
    """One traced patch: `contour` (N x 2 int32, grid coordinates of pixel centres), its colour label and area."""

    contour: object
    label: int
    area: float
    thickness: float  # 2 x area / perimeter: about the width of a strip, the radius of a disc



def absorb_slivers(labels, min_radius: float):
    """Give the pixels of thin patches to their nearest neighbouring patch.

    A patch whose inscribed radius (largest distance from a pixel to the patch edge) is at most `min_radius`
    pixels is a sliver: an anti-aliasing fringe between two colours or noise. Its pixels take the label of the
    nearest pixel outside any sliver, so the fringe splits between the colours on either side (the edge lands
    where the anti-aliased edge was) instead of leaving a gap or a ragged strip of its own.
    """
    import cv2
    import numpy as np
    from scipy import ndimage

    if min_radius <= 0:
        return labels
    thin = np.zeros(labels.shape, bool)
    for label in np.unique(labels):
        mask = (labels == label).astype(np.uint8)
        # padded with the same label so a patch is not called thin just for touching the border
        distance = cv2.distanceTransform(np.pad(mask, 1, mode="edge"), cv2.DIST_L2, 3)[1:-1, 1:-1]
        count, patches = cv2.connectedComponents(mask, connectivity=8)
        radius = ndimage.maximum(distance, patches, index=np.arange(1, count))
        thin_patches = np.concatenate([[False], np.asarray(radius) <= min_radius])
        thin |= thin_patches[patches] & (mask > 0)
    if thin.all() or not thin.any():
        return labels
    _, (rows, cols) = ndimage.distance_transform_edt(thin, return_indices=True)
    return labels[rows, cols]


def trace_regions(labels, min_area: float = 0.0) -> list[Region]:
    """Trace the outer contour of every connected patch of every label in `labels` (HxW int).

    Coordinates are pixel indices of `labels`, possibly -1 or W/H (one pixel beyond the border, so the traced
    shapes reach the canvas edge). Regions with an enclosed area below `min_area` pixels are dropped.
    Returned largest first (ties broken by label, then position, so the order is deterministic).
    """
    import cv2
    import numpy as np

    padded = np.pad(labels, 1, mode="edge")  # regions touching the border extend past it
    kernel = cv2.getStructuringElement(cv2.MORPH_CROSS, (3, 3))
    regions: list[Region] = []
    for label in np.unique(labels):
        mask = cv2.dilate((padded == label).astype(np.uint8), kernel)
        # Two-level hierarchy: every patch's outer boundary is top level, even a patch lying inside a hole of
        # another patch of the same colour (an eye's white inside a face on a white page); holes are skipped.
        contours, hierarchy = cv2.findContours(mask, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
        for contour, links in zip(contours, hierarchy[0] if hierarchy is not None else (), strict=True):
            if links[3] != -1:
                continue
            points = contour.reshape(-1, 2).astype(np.int32) - 1  # undo the padding
            area = float(cv2.contourArea(contour))
            if area >= min_area and len(points) >= 3:
                thickness = 2.0 * area / max(cv2.arcLength(contour, True), 1e-9)
                regions.append(Region(points, int(label), area, thickness))
    regions.sort(key=lambda r: (-r.area, r.label, int(r.contour[0, 1]), int(r.contour[0, 0])))
    return regions
