"""ImageOptions: defaults, validation, unknown keys named; the backend's configuration errors."""
from __future__ import annotations

import pytest
from svgllm import ModelConfig
from svgllm.backends.image import ImageBackend
from svgllm.backends.image.options import ImageOptions


def test_defaults_are_valid_and_within_the_competition_budget():
    options = ImageOptions.from_dict({})
    assert options.family == "auto" and options.dtype == "auto"
    assert 6_000 <= options.svg_budget <= 10_000
    assert options.image_size == 384


def test_unknown_key_is_rejected_by_name():
    with pytest.raises(ValueError, match="unknown image options: stpes") as error:
        ImageOptions.from_dict({"stpes": 4, "images": 2})
    assert "steps" in str(error.value)  # the known keys are listed


@pytest.mark.parametrize("values, word", [
    ({"family": "dall-e"}, "family"),
    ({"dtype": "bfloat16"}, "image.dtype"),
    ({"device": "tpu"}, "device"),
    ({"svg_budget": 500}, "svg_budget"),
    ({"svg_budget": 12_000}, "svg_budget"),
    ({"image_size": 100}, "multiple of 8"),
    ({"images": 0}, "images"),
    ({"steps": 0}, "steps"),
    ({"time_share": 1.5}, "time_share"),
    ({"time_share": 0}, "time_share"),
    ({"steps": "four"}, "image.steps must be an integer"),
    ({"model": 3}, "image.model must be a string"),
    ({"vectorize_seconds": float("nan")}, "vectorize_seconds"),
    ({"vectorize_colors": 0}, "vectorize_colors"),
    ({"vectorize_tolerance": -1.0}, "vectorize_tolerance"),
    ({"vectorize_workers": 0}, "vectorize_workers"),
])
def test_bad_values_are_errors(values, word):
    with pytest.raises(ValueError, match=word):
        ImageOptions.from_dict(values)


def test_values_convert_one_way_as_every_dataconfig_option_does():
    # from JSON / an environment string: "4" -> 4, "none" -> None, ints where floats are declared -> float
    options = ImageOptions.from_dict({"steps": "4", "guidance": "none", "vectorize_seconds": 3,
                                      "vectorize_colors": "6", "family": "ssd-1b"})
    assert (options.steps, options.guidance, options.vectorize_colors, options.family) == (4, None, 6, "ssd-1b")
    assert isinstance(options.vectorize_seconds, float)


def test_every_option_has_its_help_in_the_field():
    import dataclasses

    fields = dataclasses.fields(ImageOptions)
    assert len(fields) > 20 and all(item.metadata["help"] for item in fields)


def test_backend_needs_a_model_and_caps_the_budget_by_the_model_config():
    with pytest.raises(ValueError, match="needs a model"):
        ImageBackend(ModelConfig(backends=("image", "composer")))
    config = ModelConfig(backends=("image", "composer"), budget_bytes=4000,
                         extra={"image": {"model": "/nowhere", "svg_budget": 8000}})
    backend = ImageBackend(config)
    assert backend.svg_budget == 4000
    assert not backend.loaded  # construction loads nothing
