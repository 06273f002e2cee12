"""Shared helpers for the composer tests: colour coverage on the metric's render."""

from __future__ import annotations

import pytest


def coverage(image, hex_color: str, tolerance: float = 60.0) -> float:
    """Share of pixels of a PIL RGB image within `tolerance` (RGB distance) of `hex_color`."""
    import numpy as np

    pixels = np.asarray(image, dtype=np.float32).reshape(-1, 3)
    target = np.array([int(hex_color[i : i + 2], 16) for i in (1, 3, 5)], dtype=np.float32)
    return float((np.linalg.norm(pixels - target, axis=1) <= tolerance).mean())


@pytest.fixture(scope="session")
def coverage_of():
    """The `coverage` helper as a fixture."""
    return coverage
