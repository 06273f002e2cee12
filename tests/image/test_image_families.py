"""Families: the class each loads, auto-detection from model_index.json, the shared call settings."""
from __future__ import annotations

import json

import pytest
from svgllm.backends.image.families import FAMILIES, family_for
from svgllm.backends.image.options import ImageOptions
from svgllm.backends.image.pipeline import call_settings


def write_index(folder, class_name):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "model_index.json").write_text(json.dumps({"_class_name": class_name}), encoding="utf-8")
    return folder


@pytest.mark.parametrize("class_name, family", [("StableDiffusionXLPipeline", "sdxl-turbo"),
                                                ("StableDiffusion3Pipeline", "sd3.5-medium"),
                                                ("FluxPipeline", "flux.1-schnell"),
                                                ("StableDiffusionPipeline", "sd")])
def test_auto_reads_the_pipeline_class(tmp_path, class_name, family):
    assert family_for("auto", write_index(tmp_path / family, class_name)).name == family


def test_explicit_family_wins_and_unknown_classes_are_errors(tmp_path):
    folder = write_index(tmp_path / "m", "StableDiffusionXLPipeline")
    assert family_for("ssd-1b", folder).steps == 12
    with pytest.raises(ValueError, match="KandinskyPipeline"):
        family_for("auto", write_index(tmp_path / "k", "KandinskyPipeline"))
    with pytest.raises(FileNotFoundError, match="model_index.json"):
        family_for("auto", tmp_path / "empty")


def test_every_family_names_a_diffusers_class():
    diffusers = pytest.importorskip("diffusers")
    for family in FAMILIES.values():
        assert hasattr(diffusers, family.pipeline), family.pipeline


def test_negative_prompt_only_where_guidance_uses_it():
    turbo = call_settings(ImageOptions(), FAMILIES["sdxl-turbo"])
    assert "negative_prompt" not in turbo and turbo["guidance_scale"] == 0.0 and turbo["num_inference_steps"] == 2
    ssd = call_settings(ImageOptions(negative_prompt="blurry"), FAMILIES["ssd-1b"])
    assert ssd["negative_prompt"] == "blurry" and ssd["guidance_scale"] == 7.0
    flux = call_settings(ImageOptions(guidance=3.5, steps=6, image_size=512), FAMILIES["flux.1-schnell"])
    assert "negative_prompt" not in flux  # FLUX takes no negative prompt at any guidance
    assert flux["max_sequence_length"] == 256 and flux["num_inference_steps"] == 6 and flux["height"] == 512
