"""The pipeline steps on their own: tracing, sliver absorption, selection, colour fitting, quantisation."""
from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("cv2")
pytest.importorskip("sklearn")

from svgllm.vectorize.quantize import quantize  # noqa: E402
from svgllm.vectorize.raster import index_map  # noqa: E402
from svgllm.vectorize.refine import fit_colors, visible_counts  # noqa: E402
from svgllm.vectorize.regions import absorb_slivers, trace_regions  # noqa: E402
from svgllm.vectorize.select import choose, colour_change  # noqa: E402
from svgllm.vectorize.simplify import simplify  # noqa: E402


def test_patch_inside_a_hole_of_its_own_colour_is_traced():
    # white page (0), a face (1) on it, a white eye (0) inside the face: the eye must become its own region
    labels = np.zeros((40, 40), np.int32)
    labels[8:32, 8:32] = 1
    labels[15:20, 15:22] = 0
    regions = trace_regions(labels)
    eye = [r for r in regions if r.label == 0 and r.area < 100]
    assert len(eye) == 1
    xs, ys = eye[0].contour[:, 0], eye[0].contour[:, 1]
    # grown by half a pixel on every side: the contour runs along the eye's outer pixel edges
    assert (xs.min(), xs.max(), ys.min(), ys.max()) == (14, 22, 14, 20)
    assert [r.label for r in regions][:2] == [0, 1], "largest first"


def test_absorb_slivers_gives_thin_fringes_to_neighbours():
    labels = np.zeros((30, 30), np.int32)
    labels[:, 15:] = 2
    labels[:, 14] = 1  # a one-pixel fringe between the two halves
    labels[5:25, 3:9] = 3  # a thick patch: stays
    out = absorb_slivers(labels, 1.25)
    assert not (out == 1).any()
    assert (out[:, :14] == labels[:, :14]).all() and (out[:, 15:] == 2).all()
    assert (out == 3).sum() == (labels == 3).sum()
    assert absorb_slivers(labels, 0) is labels


def test_simplify_respects_tolerance_and_orientation():
    yy, xx = np.mgrid[:200, :200]
    import cv2

    mask = (((xx - 100) ** 2 + (yy - 100) ** 2) < 80 ** 2).astype(np.uint8)
    contour = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)[0][0].reshape(-1, 2)
    coarse, fine = simplify(contour, 3.0, 0, 199), simplify(contour, 0.5, 0, 199)
    assert len(coarse) < len(fine) < len(contour)
    for polygon in (coarse, fine, simplify(contour[::-1], 3.0, 0, 199)):
        x, y = polygon[:, 0].astype(float), polygon[:, 1].astype(float)
        assert np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)) > 0, "one orientation for all"
    assert simplify(np.array([[0, 0], [5, 5], [10, 10]]), 0.5, 0, 20) is None, "no area, no polygon"


def test_choose_prefers_value_per_byte():
    keep = choose(values=[100, 90, 5, 0], costs=[100, 10, 10, 1], room=25)
    assert keep.tolist() == [False, True, True, False]


def test_colour_change_values_contrast_and_visibility():
    big = np.array([[0, 0], [20, 0], [20, 20], [0, 20]])
    same = np.array([[2, 2], [8, 2], [8, 8], [2, 8]])
    contrast = np.array([[12, 12], [18, 12], [18, 18], [12, 18]])
    colors = [(200, 0, 0), (200, 0, 0), (0, 0, 255)]
    values = colour_change([big, same, contrast], colors, (255, 255, 255), grid=32, size=64)
    assert values[1] == 0 and values[2] > 0 and values[0] > 0


def test_fit_colors_takes_the_mean_of_owned_pixels():
    target = np.zeros((16, 16, 3), np.float32)
    target[:, 8:] = (100, 150, 200)
    square = np.array([[8, 0], [15, 0], [15, 15], [8, 15]])
    owner = index_map([square], grid=16, size=16)
    assert visible_counts(owner, 1)[0] == 16 * 8
    colors, back = fit_colors(target, owner, [0], {0: (0, 0, 0)}, (9, 9, 9))
    assert np.allclose(colors[0], (100, 150, 200)) and np.allclose(back, 0)


def test_quantize_is_deterministic_and_caps_clusters():
    rng = np.random.default_rng(0)
    image = rng.integers(0, 255, (40, 40, 3)).astype(np.float32)
    first, second = quantize(image, 5, seed=3), quantize(image, 5, seed=3)
    assert np.array_equal(first[0], second[0]) and np.allclose(first[1], second[1])
    assert first[1].shape == (5, 3)
    two = np.zeros((10, 10, 3), np.float32)
    two[:, 5:] = 255
    labels, palette = quantize(two, 8)
    assert len(palette) == 2 and sorted(palette[:, 0].tolist()) == [0, 255]
