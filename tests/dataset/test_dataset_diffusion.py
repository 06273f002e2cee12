"""The diffusion source with a tiny random pipeline: load, seeded batches, GPU-stage shards, CPU vectorisation."""
from __future__ import annotations

import json

import numpy as np
import pytest

pytest.importorskip("diffusers")
pytest.importorskip("accelerate")

from dataset_build.build import build  # noqa: E402
from dataset_build.diffusion import generate_image_shards, image_dir  # noqa: E402
from dataset_build.targets import generate_images, load_pipeline  # noqa: E402


def diffusion_config(make_config, model_dir):
    return make_config(sources={"composer": 0, "motif": 0, "diffusion": 4},
                       diffusion={"model": str(model_dir), "steps": 1, "image_size": 32, "batch_size": 2,
                                  "dtype": "float32", "vectorize_budget": 1500, "vectorize_seconds": 1.0},
                       shard_size=2)


def test_pipeline_loads_locally_and_generation_is_seeded(tiny_pipeline_dir):
    pipe = load_pipeline(str(tiny_pipeline_dir), device="cpu", dtype="float32")
    first = generate_images(pipe, ["a red cat", "blue sky", "a cat"], seed=5, steps=1, size=32, batch_size=2)
    again = generate_images(pipe, ["a red cat", "blue sky", "a cat"], seed=5, steps=1, size=32, batch_size=2)
    assert [im.size for im in first] == [(32, 32)] * 3
    for a, b in zip(first, again, strict=True):
        assert np.array_equal(np.asarray(a), np.asarray(b))
    other = generate_images(pipe, ["a red cat"], seed=6, steps=1, size=32, batch_size=2)
    assert not np.array_equal(np.asarray(first[0]), np.asarray(other[0]))


def test_gpu_stage_then_cpu_stage_builds_diffusion_rows(tiny_pipeline_dir, make_config, tmp_path):
    config = diffusion_config(make_config, tiny_pipeline_dir)
    out = tmp_path / "ds"
    done = generate_image_shards(config, out, progress=False)
    assert done == ["diffusion-00000", "diffusion-00001"]
    assert len(list(image_dir(out, "diffusion-00000").glob("*.png"))) == 2
    assert generate_image_shards(config, out, progress=False) == []  # finished shards are skipped
    summary = build(config, out, progress=False)
    stats = json.loads((out / "stats.json").read_text())
    assert stats["sources"]["diffusion"]["candidates"] == 4
    assert summary["rows"] == stats["sources"]["diffusion"]["rows"] >= 1


def test_cpu_stage_without_images_says_what_to_run(tiny_pipeline_dir, make_config, tmp_path):
    config = diffusion_config(make_config, tiny_pipeline_dir)
    with pytest.raises(RuntimeError, match="GPU stage"):
        build(config, tmp_path / "empty", progress=False)
