"""Procedural subjects no emoji draws (hot-air balloons, lily pads) and the waterfall setting."""

from __future__ import annotations

import numpy as np
import pytest
from svgllm.backends.composer import compose
from svgllm.backends.composer.parse import parse
from svgllm.render import render, render_problem
from svgllm.rules import check


def _pixels(text: str) -> np.ndarray:
    svg = compose(text)
    assert check(svg) == () and render_problem(svg) == "", text
    return np.asarray(render(svg)).astype(int)


@pytest.mark.parametrize(
    "text, name, plural",
    [
        ("a crimson hot air balloon above rolling farmland", "hot_air_balloon", False),
        ("hot air balloons drifting over a canyon", "hot_air_balloon", True),
        ("a toad resting on a lily pad", "toad", False),
        ("lily pads on a still pond", "lily_pad", True),
    ],
)
def test_several_word_names_are_one_subject(text, name, plural):
    main = parse(text).main
    assert main.name == name
    assert (main.count > 1) == plural  # a plural without a number is drawn as a small group


def test_hot_air_balloon_is_drawn_in_its_colour_in_the_sky():
    pixels = _pixels("a crimson hot air balloon above rolling farmland")
    crimson = (pixels[..., 0] > 150) & (pixels[..., 1] < 60) & (pixels[..., 2] < 90)
    rows = np.nonzero(crimson)[0]
    assert crimson.mean() > 0.03  # a balloon, not a speck
    assert np.median(rows) < 230  # it floats: most of it above the ground line
    # the second colour of the striped envelope shows too (gores), and a basket hangs below
    assert ((pixels[..., 0] > 200) & (pixels[..., 1] > 170) & (pixels[..., 2] < 140)).mean() > 0.005


def test_waterfall_setting_draws_falling_water_between_rock():
    scene = parse("a waterfall plunging into a jade pool")
    assert scene.setting == "waterfall"
    pixels = _pixels("a waterfall plunging into a jade pool")
    column = pixels[170:290, 175:210]  # the falling water, middle of the canvas
    rock_left, rock_right = pixels[200:280, 30:80], pixels[200:280, 310:360]
    water_like = column[..., 2] > column[..., 0] + 40
    assert water_like.mean() > 0.6
    for rock in (rock_left, rock_right):  # grey-brown cliffs on both sides, not sky or grass
        spread = rock.max(axis=-1) - rock.min(axis=-1)
        assert np.median(spread) < 40 and 60 < np.median(rock) < 160


def test_waterfall_takes_the_named_water_colour():
    default = _pixels("a waterfall in the hills")[200:280, 175:210].mean(axis=(0, 1))
    green = _pixels("a green waterfall in the hills")[200:280, 175:210].mean(axis=(0, 1))
    assert green[1] > green[2] and default[2] > default[1]


def test_lily_pads_float_on_the_water():
    pixels = _pixels("lily pads on a still pond")
    green = (pixels[..., 1] > pixels[..., 0] + 30) & (pixels[..., 1] > pixels[..., 2] + 20)
    pond_band, sky_band = green[290:335], green[120:200]
    assert pond_band.mean() > 0.3  # the pads lie on the pond ...
    assert sky_band.mean() < 0.05  # ... not above the horizon
