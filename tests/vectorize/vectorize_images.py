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


def antialiased_flat_image(size: int = 384, supersample: int = 8):
    """Flat art with anti-aliased edges, as a rendered emoji looks: exact colours inside the shapes and area
    coverage mixes along their edges (drawn `supersample` times larger, then area-averaged)."""
    import cv2

    big = size * supersample
    image = np.empty((big, big, 3), np.uint8)
    image[:] = (255, 255, 255)
    scale = big / 100.0  # shapes in a 100-unit square, off the pixel grid on purpose

    def point(x, y):
        return int(round(x * scale)), int(round(y * scale))

    cv2.circle(image, point(48.3, 51.7), int(37.1 * scale), (255, 200, 61), -1)
    cv2.ellipse(image, point(35.2, 42.6), (int(4.3 * scale), int(7.9 * scale)), 12, 0, 360, (102, 69, 0), -1)
    cv2.ellipse(image, point(61.7, 42.1), (int(4.3 * scale), int(7.9 * scale)), -9, 0, 360, (102, 69, 0), -1)
    mouth = np.array([point(30.4, 63.3), point(66.9, 61.2), point(49.6, 76.8)], np.int32)
    cv2.fillPoly(image, [mouth], (190, 25, 49))
    box = cv2.boxPoints(((point(80.2, 20.9)), (int(22.3 * scale), int(6.1 * scale)), 33.0))
    cv2.fillPoly(image, [np.round(box).astype(np.int32)], (49, 55, 61))
    return cv2.resize(image, (size, size), interpolation=cv2.INTER_AREA)
