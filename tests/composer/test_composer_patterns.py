"""Abstract patterns read from wording: diagonal stripes, starbursts, bent lines, linked rings, backgrounds."""

from __future__ import annotations

import math

import numpy as np
import pytest
from svgllm.backends.composer import compose
from svgllm.backends.composer.parse import parse
from svgllm.colors import find_colors
from svgllm.render import render, render_problem
from svgllm.rules import check


def _pixels(text: str) -> np.ndarray:
    svg = compose(text)
    assert check(svg) == () and render_problem(svg) == "", text
    return np.asarray(render(svg)).astype(int)


def _changes(line: np.ndarray) -> int:
    """How often the colour along a line of pixels jumps (anti-aliasing steps are small and ignored)."""
    return int((np.abs(np.diff(line, axis=0)).max(axis=1) > 60).sum())


def _share(pixels: np.ndarray, word: str, tolerance: int = 40) -> float:
    target = np.array([int(find_colors(word)[0].hex[i:i + 2], 16) for i in (1, 3, 5)])
    return float((np.abs(pixels - target).max(axis=-1) <= tolerance).mean())


@pytest.mark.parametrize(
    "text, name, arrangement, colors",
    [
        ("diagonal stripes of mustard and plum", "stripe", "diagonal", ["mustard", "plum"]),
        ("a starburst of gold rays from the center", "line", "radial", ["gold"]),
        ("zigzag lines in neon pink on a dark background", "zigzag", None, ["neon pink"]),
        ("wavy horizontal bands of blue and white", "wave", None, ["blue", "white"]),
        ("interlocking blue and orange rings", "ring", "interwoven", ["blue", "orange"]),
        ("concentric rings in shades of teal", "ring", "concentric", ["teal"]),
    ],
)
def test_pattern_wording_is_read(text, name, arrangement, colors):
    scene = parse(text)
    assert [s.name for s in scene.subjects] == [name]  # no "center", "background" or "shade" subject
    assert scene.arrangement == arrangement
    assert scene.main.colors == [find_colors(c)[0].hex for c in colors]


def test_diagonal_stripes_cross_both_axes():
    pixels = _pixels("diagonal stripes of mustard and plum")
    assert _changes(pixels[192]) >= 4 and _changes(pixels[:, 192]) >= 4  # horizontal bands would give 0 across
    assert _share(pixels, "mustard") > 0.1 and _share(pixels, "plum") > 0.1


def test_a_starburst_alternates_around_its_centre():
    pixels = _pixels("a starburst of gold rays from the center")
    ring = np.array([pixels[int(192 + 150 * math.sin(a)), int(192 + 150 * math.cos(a))]
                     for a in np.linspace(0, 2 * math.pi, 720, endpoint=False)])
    assert _changes(ring) >= 24  # 16 wedges with gaps between them: many colour changes on one circle
    assert _share(pixels, "gold", 60) > 0.1


def test_zigzag_lines_take_their_colour_and_the_background_its_tone():
    pixels = _pixels("zigzag lines in neon pink on a dark background")
    assert _share(pixels, "neon pink") > 0.15
    assert np.percentile(pixels.mean(axis=-1), 20) < 80  # the gaps between the lines show a dark background


def test_interlocking_rings_show_both_colours():
    pixels = _pixels("interlocking blue and orange rings")
    assert _share(pixels, "blue") > 0.02 and _share(pixels, "orange") > 0.02


def test_a_tutu_is_a_skirt():
    main = parse("a pink tutu with a satin waistband").main
    assert (main.kind, main.name) == ("garment", "skirt")
