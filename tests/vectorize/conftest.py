"""Fixtures for the vectorizer tests; skipped where the `vectorize` extra is not installed."""
from __future__ import annotations

import pytest

pytest.importorskip("numpy")
pytest.importorskip("cv2")
pytest.importorskip("skimage")
pytest.importorskip("sklearn")

from vectorize_images import disc_image, noise_image, scene_image  # noqa: E402


@pytest.fixture
def disc():
    return disc_image()


@pytest.fixture
def scene():
    return scene_image()


@pytest.fixture
def noise():
    return noise_image()
