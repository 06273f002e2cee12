"""Fixtures of the image-backend tests: a tiny random diffusion pipeline saved once per session (no download).

It draws noise, not pictures, but runs the backend's real path: offline loading, seeded batches, vectorising,
best-of-N inside `Model`.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")


def needs_diffusion_stack() -> None:
    """Skip a test when the image extra (diffusers, the vectorizer's OpenCV) is not installed."""
    pytest.importorskip("diffusers")
    pytest.importorskip("cv2")


@pytest.fixture(scope="session")
def tiny_pipeline_dir(tmp_path_factory) -> Path:
    """A saved tiny StableDiffusionPipeline folder."""
    needs_diffusion_stack()
    from benchmarks.random_pipelines import tiny_sd

    return tiny_sd(tmp_path_factory.mktemp("image-tiny") / "pipeline")


@pytest.fixture(scope="session")
def tiny_vae_dir(tmp_path_factory) -> Path:
    """A saved tiny AutoencoderTiny folder."""
    needs_diffusion_stack()
    from benchmarks.random_pipelines import tiny_autoencoder

    return tiny_autoencoder(tmp_path_factory.mktemp("image-tiny-vae") / "vae")


@pytest.fixture
def image_options(tiny_pipeline_dir):
    """`image_options(**overrides)` -> the `extra["image"]` dict of a fast CPU run of the tiny pipeline."""
    def make(**overrides):
        # A fixed colour count and tolerance leave the vectoriser a few settings, and a time limit that never
        # binds lets it try them all: the SVGs then do not depend on how loaded the machine is.
        values = {"model": str(tiny_pipeline_dir), "device": "cpu", "image_size": 32, "images": 4,
                  "batch_size": 2, "vectorize_seconds": 30.0, "svg_budget": 2500, "reserve_s": 0.5,
                  "vectorize_colors": 6, "vectorize_tolerance": 1.0}
        values.update(overrides)
        return values
    return make
