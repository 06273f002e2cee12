"""Fixtures of the dataset-builder tests: small build configs and a tiny diffusion pipeline.

The pipeline is `benchmarks.random_pipelines.tiny_sd`: a randomly initialised Stable Diffusion built from
configs (nothing is downloaded). It draws noise, not pictures, but it runs the real diffusers code path of the
GPU stage: saving, loading with `AutoPipelineForText2Image.from_pretrained(..., local_files_only=True)`,
batched seeded generation.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from dataset_build.config import from_dict


@pytest.fixture(scope="session")
def tiny_pipeline_dir(tmp_path_factory) -> Path:
    """A saved tiny diffusion pipeline (built once per test session, ~1 s)."""
    pytest.importorskip("diffusers")
    from benchmarks.random_pipelines import tiny_sd

    return tiny_sd(tmp_path_factory.mktemp("tiny-sd") / "pipeline")


def small_config(**overrides):
    """A build config small enough for a test: 12 composer scenes and 8 motifs in shards of 5, in-process."""
    data = {"name": "test", "seed": 3, "shard_size": 5, "num_proc": 1,
            "sources": {"composer": 12, "motif": 8, "diffusion": 0},
            "split": {"validation": 0.2, "test": 0.2}}
    for key, value in overrides.items():
        if isinstance(value, dict):
            data.setdefault(key, {}).update(value)
        else:
            data[key] = value
    return from_dict(data)


@pytest.fixture(scope="session")
def make_config():
    """`make_config(**overrides)` -> a small validated BuildConfig."""
    return small_config
