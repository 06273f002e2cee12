"""The whole path on a tiny random pipeline (CPU): K images -> vectorised candidates -> best-of-N inside `Model`."""
from __future__ import annotations

import shutil

import pytest
from svgllm import Model, ModelConfig
from svgllm.backends.image import ImageBackend
from svgllm.backends.image.pipeline import resolve_folder
from svgllm.deadline import Deadline
from svgllm.rules import check


def backend_for(options: dict, **config) -> ImageBackend:
    return ImageBackend(ModelConfig(backends=("image", "composer"), extra={"image": options}, **config))


def test_best_of_n_keeps_one_of_the_vectorised_images(image_options):
    model = Model(ModelConfig(backends=("image", "composer"), candidates=3, deadline_s=60,
                              extra={"image": image_options(images=3)}))
    info = model.predict_with_info("a red cat on a blue sky")
    assert info.backend == "image"
    assert info.choice is not None and info.choice.backends == ["image"] * 3
    assert len(info.choice.scores) == 3 and 0 <= info.choice.index < 3
    assert check(info.svg) == ()
    assert len(info.svg.encode()) <= 2500


def test_best_of_n_by_the_metric_scorer_keeps_the_highest_rated_image(image_options):
    """The winners' path with the local metric as the scorer (tiny random PaliGemma / CLIP / head, on the CPU)."""
    import math

    import torch
    from svgllm.metric.aesthetic import Aesthetic, build_head
    from svgllm.metric.ocr import OCR
    from svgllm.metric.score import MetricScorer
    from svgllm.metric.vqa import VQA, PaliGemma

    from benchmarks.gpu_models import tiny_metric_models

    paligemma, processor, clip, clip_pixels = tiny_metric_models()
    torch.manual_seed(1)
    vqa = PaliGemma(paligemma, processor, "cpu")
    scorer = MetricScorer(VQA(vqa), Aesthetic(clip, clip_pixels, build_head(), "cpu"), OCR(vqa))
    model = Model(ModelConfig(backends=("image", "composer"), candidates=3, deadline_s=120,
                              extra={"image": image_options(images=3)}), scorer=scorer)
    info = model.predict_with_info("a red cat on a blue sky")
    assert info.backend == "image" and info.choice.backends == ["image"] * 3
    scores = info.choice.scores
    assert len(scores) == 3 and all(math.isfinite(value) for value in scores), info.choice
    assert len(set(scores)) == 3  # three different ratings, so keeping the best is a real choice
    assert info.choice.index == max(range(3), key=lambda i: (scores[i], -i))  # the best, ties to the earliest
    assert check(info.svg) == ()


def test_candidates_are_valid_within_budget_and_deterministic_per_seed(image_options):
    first = backend_for(image_options(svg_budget=1500)).candidates("a blue cat", Deadline(60), 3)
    again = backend_for(image_options(svg_budget=1500, vectorize_workers=1)).candidates("a blue cat", Deadline(60), 3)
    other = backend_for(image_options(svg_budget=1500, seed=7)).candidates("a blue cat", Deadline(60), 3)
    assert len(first) == 3 and first == again  # same seeds, same SVGs, however many vectorising threads
    assert other != first
    assert len(set(first)) == 3  # seeds seed..seed+2 draw three different images
    for svg in first:
        assert len(svg.encode()) <= 1500
        assert check(svg) == ()


def test_image_count_is_capped_by_options_and_by_the_time_plan(image_options):
    backend = backend_for(image_options(images=2))
    assert len(backend.candidates("a cat", Deadline(60), 5)) == 2  # images caps n
    backend.plan.seconds_per_image = 1e6  # a (measured) very slow generator: one image, the first, still runs
    assert len(backend.candidates("a cat", Deadline(60), 2)) == 1
    assert backend.plan.done == 2
    assert backend.projection().images_per_description == 1


def test_generate_gives_image_zero(image_options):
    backend = backend_for(image_options())
    assert backend.generate("a red cat", Deadline(60)) == backend.candidates("a red cat", Deadline(60), 2)[0]


def test_pipeline_that_cannot_load_falls_back_to_the_composer(image_options, tmp_path):
    model = Model(ModelConfig(backends=("image", "composer"), candidates=2, deadline_s=30,
                              extra={"image": image_options(model=str(tmp_path / "missing"))}))
    info = model.predict_with_info("a lighthouse on a cliff")
    assert info.backend == "composer"
    image_attempt = info.attempts[0]
    assert image_attempt.backend == "image" and image_attempt.outcome == "error"
    assert "model_index.json" in image_attempt.detail
    assert check(info.svg) == ()


def test_kaggle_handle_resolves_to_the_attached_input(image_options, tiny_pipeline_dir, tmp_path, monkeypatch):
    kaggle_input = tmp_path / "input"
    # Kaggle mounts owner/model/framework/variation/version at <input>/<model>/<framework>/<variation>/<version>
    shutil.copytree(tiny_pipeline_dir, kaggle_input / "tiny-sd" / "diffusers" / "default" / "2")
    (kaggle_input / "tiny-sd" / "diffusers" / "default" / "1").mkdir()  # an older, empty version
    monkeypatch.setenv("SVGLLM_KAGGLE_INPUT", str(kaggle_input))
    handle = "someone/tiny-sd/diffusers/default"
    assert resolve_folder(handle) == kaggle_input / "tiny-sd" / "diffusers" / "default" / "2"
    backend = backend_for(image_options(model=handle, images=1))
    assert check(backend.generate("a cat", Deadline(60))) == ()
    assert backend.load().folder == kaggle_input / "tiny-sd" / "diffusers" / "default" / "2"


def test_folder_one_level_down_is_found(tiny_pipeline_dir, tmp_path):
    outer = tmp_path / "version"
    shutil.copytree(tiny_pipeline_dir, outer / "sd-tiny")
    assert resolve_folder(outer) == outer / "sd-tiny"
    with pytest.raises(FileNotFoundError, match="model_index.json"):
        resolve_folder(tmp_path / "nothing")


def test_tiny_autoencoder_replaces_the_vae_and_step_cache_is_skipped_on_a_unet(image_options, tiny_vae_dir):
    backend = backend_for(image_options(tiny_vae=str(tiny_vae_dir), step_cache=0.1, images=1))
    loaded = backend.load()
    assert type(loaded.pipe.vae).__name__ == "AutoencoderTiny"
    assert loaded.features[0] == "tiny_vae"
    assert "step_cache skipped" in loaded.features[1]
    assert check(backend.generate("a red cat", Deadline(60))) == ()


def test_model_load_loads_the_pipeline_and_warms_up_through_it(image_options):
    model = Model(ModelConfig(backends=("image", "composer"), candidates=2, deadline_s=60,
                              extra={"image": image_options(images=2)}))
    report = model.load()
    assert "load image" in [step for step, _ in report.steps]
    assert report.warm_up is not None and report.warm_up.backend == "image"
    backend = model.backends[0]
    assert backend.loaded and backend.plan.seconds_per_image is not None  # the warm-up measured the speed
    assert "images per description" in str(backend.projection())


def test_model_load_names_the_image_backend_when_it_cannot_load(image_options, tmp_path):
    from svgllm.model import ModelLoadError

    model = Model(ModelConfig(backends=("image", "composer"), extra={"image": image_options(model=str(tmp_path))}))
    with pytest.raises(ModelLoadError, match="image"):
        model.load()


def test_a_call_waits_for_the_drawing_in_progress_then_gives_up_in_time(image_options):
    import threading
    import time

    backend = backend_for(image_options(images=1, reserve_s=0.1))
    backend.load()
    release = threading.Event()
    original = backend._trace

    def slow_trace(*args):  # the first call's images vectorise slowly, as one the chain gave up on would
        release.wait(10)
        return original(*args)

    backend._trace = slow_trace
    first = threading.Thread(target=backend.candidates, args=("a red cat", Deadline(60), 1))
    first.start()
    time.sleep(0.2)
    started = time.monotonic()
    with pytest.raises(TimeoutError, match="still being drawn"):
        backend.candidates("a blue cat", Deadline(1.0), 1)
    assert time.monotonic() - started < 1.0
    release.set()
    first.join(30)
    backend._trace = original
    assert check(backend.generate("a blue cat", Deadline(60))) == ()
