"""End-to-end behaviour of `svgllm.vectorize.vectorize`: budget, validity, rendering, determinism, options."""
from __future__ import annotations

import re

import numpy as np
import pytest
from svgllm.render import render
from svgllm.rules import check
from svgllm.vectorize import vectorize, vectorize_with_info
from svgllm.vectorize.encode import path_vertices
from vectorize_images import disc_image, noise_image, scene_image

FAST = dict(colors=6, tolerance=1.5)  # one setting, no search: keeps each call well under a second


def ssim(svg: str, image) -> float:
    from skimage.metrics import structural_similarity
    from svgllm.vectorize.source import load_rgb

    rendered = np.asarray(render(svg), dtype=np.float64)
    return structural_similarity(rendered, load_rgb(image).astype(np.float64), channel_axis=2, data_range=255)


def assert_valid(svg: str, budget: int) -> None:
    assert len(svg.encode("utf-8")) <= budget
    assert check(svg) == ()
    assert render(svg).size == (384, 384)
    assert re.search(r"<rect [^>]*fill=\"#[0-9a-f]{3,6}\"", svg), "an opaque background rect comes first"


@pytest.mark.parametrize("budget", [300, 1_000, 3_000, 10_000])
@pytest.mark.parametrize("make", [scene_image, noise_image, disc_image])
def test_budget_is_respected_and_output_is_valid(make, budget):
    svg = vectorize(make(), budget, **FAST)
    assert_valid(svg, budget)


def test_noise_fills_a_tight_budget_without_exceeding_it(noise):
    info = vectorize_with_info(noise, 2_000, **FAST)
    size = len(info.svg.encode("utf-8"))
    assert 1_500 < size <= 2_000, "the budget is used, not wasted"
    assert info.polygons >= 1


def test_searching_vectorize_is_valid_and_deterministic(scene):
    first = vectorize(scene, 3_000, seed=7)
    assert first == vectorize(scene, 3_000, seed=7)
    assert_valid(first, 3_000)


def test_solid_colour_gives_a_trivial_svg():
    image = np.full((50, 70, 3), (12, 200, 90), np.uint8)
    svg = vectorize(image, 10_000)
    assert "<path" not in svg and len(svg) < 250
    pixel = np.asarray(render(svg))[100, 100]
    assert np.abs(pixel.astype(int) - (12, 200, 90)).max() <= 9  # 3-digit colour: 17 levels per channel


def test_two_colour_image_is_reproduced_with_high_ssim():
    disc = disc_image(384)  # canvas size: no resampling, so exactly two colours reach the quantiser
    svg = vectorize(disc, 2_000)
    assert ssim(svg, disc) > 0.97
    assert len(re.findall(r"<path", svg)) == 1, "one disc on a background rect"


def test_flat_scene_is_reproduced_well(scene):
    svg = vectorize(scene, 5_000)
    assert ssim(svg, scene) > 0.9


def test_more_bytes_buy_more_fidelity(scene):
    small, large = (vectorize_with_info(scene, b, colors=8) for b in (500, 6_000))
    assert large.score > small.score


@pytest.mark.parametrize("grid", [16, 64, 256])
def test_grid_gives_integer_coordinates_in_range(scene, grid):
    svg = vectorize(scene, 4_000, grid=grid, **FAST)
    assert_valid(svg, 4_000)
    assert f'viewBox="-.5 -.5 {grid} {grid}"' in svg
    paths = re.findall(r' d="([^"]+)"', svg)
    assert paths
    for data in paths:
        assert "." not in data, "integer coordinates only"
        for subpath in path_vertices(data):
            for x, y in subpath:
                assert 0 <= x <= grid - 1 and 0 <= y <= grid - 1


def test_tiny_budget_for_llm_targets(scene):
    svg = vectorize(scene, 600, grid=128)
    assert_valid(svg, 600)
    assert ssim(svg, scene) > 0.6


@pytest.mark.parametrize(
    "image",
    [
        np.zeros((1, 1, 3), np.uint8),
        np.full((1, 1), 200, np.uint8),
        np.linspace(0, 1, 40 * 30).reshape(40, 30),  # float grayscale gradient
        np.random.default_rng(1).integers(0, 65535, (20, 20, 3), dtype=np.uint16),
        np.zeros((8, 8, 4), np.uint8),  # fully transparent
        np.ones((5, 9, 1), bool),
    ],
    ids=["1x1", "1x1-gray", "float-gray", "uint16", "transparent", "bool"],
)
def test_degenerate_images_give_valid_svgs(image):
    assert_valid(vectorize(image, 1_000, **FAST), 1_000)


def test_huge_image_is_resampled(scene):
    import cv2

    huge = cv2.resize(scene, (2400, 1800), interpolation=cv2.INTER_NEAREST)
    assert_valid(vectorize(huge, 2_000, **FAST), 2_000)


def test_transparent_pixels_are_composited_on_the_background():
    rgba = np.zeros((32, 32, 4), np.uint8)  # fully transparent black
    svg = vectorize(rgba, 1_000, **FAST)
    assert np.asarray(render(svg))[5, 5].tolist() == [255, 255, 255]
    svg = vectorize(rgba, 1_000, background=(0, 0, 255), **FAST)
    assert np.asarray(render(svg))[5, 5].tolist() == [0, 0, 255]


def test_pil_image_and_path_inputs(tmp_path, disc):
    from PIL import Image

    image = Image.fromarray(disc)
    path = tmp_path / "disc.png"
    image.save(path)
    from_array = vectorize(disc, 1_500, **FAST)
    assert vectorize(image, 1_500, **FAST) == from_array
    assert vectorize(path, 1_500, **FAST) == from_array
    assert vectorize(str(path), 1_500, **FAST) == from_array
    assert_valid(vectorize(image.convert("L"), 1_500, **FAST), 1_500)
    assert_valid(vectorize(image.convert("P"), 1_500, **FAST), 1_500)


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: vectorize("/no/such/image.png"), FileNotFoundError, "no image file"),
        (lambda: vectorize(42), TypeError, "PIL image, a numpy array or a path"),
        (lambda: vectorize(np.zeros((0, 5, 3), np.uint8)), ValueError, "no pixels"),
        (lambda: vectorize(np.zeros((4, 4, 2), np.uint8)), ValueError, "shape"),
        (lambda: vectorize(np.full((4, 4), np.nan)), ValueError, "NaN"),
        (lambda: vectorize(np.array([["a"]])), TypeError, "numeric"),
        (lambda: vectorize(disc_image(), 50), ValueError, "background-only"),
        (lambda: vectorize(disc_image(), 2_000.0), TypeError, "budget"),
        (lambda: vectorize(disc_image(), grid=1), ValueError, "grid"),
        (lambda: vectorize(disc_image(), colors=0), ValueError, "colors"),
        (lambda: vectorize(disc_image(), tolerance=-1), ValueError, "tolerance"),
    ],
)
def test_bad_inputs_give_clear_errors(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_time_budget_stops_the_search_early(scene):
    import time

    start = time.perf_counter()
    quick = vectorize_with_info(scene, 3_000, time_budget_s=0.0)
    quick_seconds = time.perf_counter() - start
    assert_valid(quick.svg, 3_000)
    start = time.perf_counter()
    full = vectorize_with_info(scene, 3_000)
    assert time.perf_counter() - start > quick_seconds
    assert full.score >= quick.score
