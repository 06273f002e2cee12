"""The flat-art path: exact palette detection, sub-pixel edges, and its effect on the whole vectorizer."""
from __future__ import annotations

import re

import numpy as np
import pytest
from svgllm.rules import check
from svgllm.vectorize import vectorize, vectorize_with_info
from svgllm.vectorize.flatart import flat_palette, subpixel_labels
from svgllm.vectorize.search import default_settings, search
from svgllm.vectorize.source import load_rgb
from vectorize_images import antialiased_flat_image, noise_image


@pytest.fixture(scope="module")
def flat_art():
    return antialiased_flat_image()


def test_palette_is_the_exact_colours_of_flat_art(flat_art):
    palette = flat_palette(load_rgb(flat_art))
    assert palette is not None
    expected = {(255, 255, 255), (255, 200, 61), (102, 69, 0), (190, 25, 49), (49, 55, 61)}
    assert {tuple(int(v) for v in c) for c in palette.colors} == expected, "no anti-aliasing mixture gets in"
    assert tuple(palette.colors[0]) == (255, 255, 255), "most frequent first"
    core = palette.cores[192, 192]
    assert tuple(palette.colors[core]) == (255, 200, 61)


def test_photo_like_images_are_not_flat_art():
    assert flat_palette(load_rgb(noise_image())) is None
    ramp = np.repeat(np.linspace(0, 255, 384, dtype=np.float32)[None, :, None], 384, axis=0).repeat(3, axis=2)
    assert flat_palette(ramp) is None, "a gradient has no flat pixels"


@pytest.mark.parametrize("edge", [100.25, 100.5, 100.75, 101.0])
def test_subpixel_labels_put_an_anti_aliased_edge_where_it_was(edge):
    # columns left of `edge` (canvas pixels) are red, right of it blue; the pixel it crosses is a coverage mix
    size = 384
    red, blue = np.array([200.0, 30.0, 40.0]), np.array([20.0, 60.0, 210.0])
    left = np.clip(edge - np.arange(size), 0.0, 1.0)  # share of each pixel column left of the edge
    image = (left[None, :, None] * red + (1 - left[None, :, None]) * blue) * np.ones((size, 1, 1))
    palette = flat_palette(image.astype(np.float32))
    labels = subpixel_labels(image.astype(np.float32), palette, 4 * size)
    red_index = int(np.argmin(np.abs(palette.colors - red).sum(axis=1)))
    switch = int((labels[700] == red_index).sum())  # red fine columns of one row, each a quarter pixel wide
    assert abs(switch / 4 - edge) <= 0.125, "the edge lands on the nearest quarter pixel to the true one"


def flat_and_kmeans(image, budget: int):
    """Best candidates of the flat-art settings and of the k-means settings alone, for one budget."""
    target = load_rgb(image)
    settings = default_settings(budget)
    flat = search(target, budget, [s for s in settings if s.flat])
    kmeans = search(target, budget, [s for s in settings if not s.flat])
    return flat, kmeans


@pytest.mark.parametrize("budget", [10_000, 1_500])
def test_flat_path_beats_kmeans_on_anti_aliased_flat_art(flat_art, budget):
    flat, kmeans = flat_and_kmeans(flat_art, budget)
    assert flat.grid > 384, "traced on a sub-pixel lattice"
    assert len(flat.svg.encode("utf-8")) <= budget and check(flat.svg) == ()
    assert (1 - flat.score) < 0.6 * (1 - kmeans.score), (flat.score, kmeans.score)


def test_vectorize_takes_the_flat_path_on_flat_art_and_keeps_it_valid(flat_art):
    info = vectorize_with_info(flat_art, 3_000)
    assert info.grid > 384 and info.colors == 0
    assert len(info.svg.encode("utf-8")) <= 3_000 and check(info.svg) == ()
    assert re.search(r'fill="#ffc83d"', info.svg), "exact palette colours, six digits where needed"
    assert info.svg == vectorize(flat_art, 3_000), "deterministic"


@pytest.mark.parametrize("budget", [400, 800])
def test_flat_path_respects_tight_budgets(flat_art, budget):
    svg = vectorize(flat_art, budget)
    assert len(svg.encode("utf-8")) <= budget and check(svg) == ()


def test_fixed_colour_count_skips_the_flat_path(flat_art):
    info = vectorize_with_info(flat_art, 3_000, colors=5, tolerance=1.0)
    assert info.colors == 5 and info.grid == 384


def test_photos_skip_the_flat_path():
    info = vectorize_with_info(noise_image(), 2_000, tolerance=2.0)
    assert info.grid <= 384 and info.colors > 0
