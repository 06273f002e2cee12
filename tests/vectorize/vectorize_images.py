"""Small synthetic images for the vectorizer tests (written here; no external data)."""
from __future__ import annotations

import numpy as np


def disc_image(size: int = 96, fg=(220, 40, 40), bg=(250, 240, 200)):
    """A filled disc on a plain background (uint8 RGB)."""
    yy, xx = np.mgrid[:size, :size]
    inside = (xx - size * 0.45) ** 2 + (yy - size * 0.55) ** 2 <= (size * 0.3) ** 2
    image = np.empty((size, size, 3), np.uint8)
    image[:] = bg
    image[inside] = fg
    return image


def scene_image(size: int = 128, seed: int = 3):
    """Flat-art scene: sky, ground, a sun, a house with a door (several colours and nested shapes)."""
    import cv2

    image = np.empty((size, size, 3), np.uint8)
    image[:] = (120, 180, 240)
    image[int(size * 0.7):] = (70, 150, 60)
    cv2.circle(image, (int(size * 0.8), int(size * 0.2)), int(size * 0.1), (250, 210, 40), -1, cv2.LINE_AA)
    cv2.rectangle(image, (int(size * 0.2), int(size * 0.45)), (int(size * 0.55), int(size * 0.8)), (190, 90, 60), -1)
    cv2.rectangle(image, (int(size * 0.33), int(size * 0.6)), (int(size * 0.42), int(size * 0.8)), (90, 50, 20), -1)
    triangle = np.array([[size * 0.15, size * 0.46], [size * 0.375, size * 0.25], [size * 0.6, size * 0.46]], np.int32)
    cv2.fillPoly(image, [triangle], (200, 40, 50), cv2.LINE_AA)
    return image


def noise_image(size: int = 64, seed: int = 0):
    """Uniform colour noise: the worst case for a vectorizer's byte budget."""
    return np.random.default_rng(seed).integers(0, 256, (size, size, 3), dtype=np.uint8)
