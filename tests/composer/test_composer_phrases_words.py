"""Issue 17: colour words (sourced table, British spellings, compounds, "the colour of"), times, weather,
arrangements and counted polygons read from words; the subject is never replaced by a modifier."""

from __future__ import annotations

import pytest
from svgllm.backends.composer import compose, parse
from svgllm.colors import find_colors, hex_to_rgb


def _close(a: str, b: str, tolerance: float = 60.0) -> bool:
    return sum((x - y) ** 2 for x, y in zip(hex_to_rgb(a), hex_to_rgb(b), strict=True)) ** 0.5 <= tolerance


@pytest.mark.parametrize(
    ("text", "words", "near"),
    [
        ("a duck-egg blue dinghy", "duck-egg blue", "#c3fbf4"),  # three-word name of the xkcd survey
        ("a bottle green lorry", "bottle green", "#006a4e"),
        ("a greyish coat", "greyish", "#a8a495"),  # British spelling
        ("a bluish shirt", "bluish", "#2976bb"),
        ("a copper-toned saucepan", "copper-toned", "#b87333"),
        ("a bronze-coloured coupe", "bronze-coloured", "#cd7f32"),
        ("a saffron-yellow kettle", "saffron-yellow", "#f4c430"),  # shade + colour: mostly the shade
        ("a mushroom-coloured rug", "mushroom-coloured", "#ba9e88"),  # a thing's colour when the text says so
        ("a mackintosh the colour of old straw", "straw", "#fcf679"),
        ("a flamingo-pink cocktail", "flamingo-pink", "#ea7f74"),  # a named shade (color-name-list), not plain pink
    ],
)
def test_colour_words(text, words, near):
    mentions = find_colors(text)
    assert [m.words for m in mentions] == [words]
    assert _close(mentions[0].hex, near)


@pytest.mark.parametrize("text", ["a straw hat", "an ocean at dusk", "a mushroom on a log", "a fish", "a radish"])
def test_things_are_not_colours(text):
    assert find_colors(text) == []


def test_a_colour_compound_never_replaces_the_subject():
    scene = parse("a cherry-red convertible on a coastal road")
    assert [m.words for m in find_colors("a cherry-red convertible")] == ["cherry-red"]
    assert scene.main.noun != "cherry" and scene.main.colors


def test_the_background_takes_a_sourced_colour():
    scene = parse("octagons on a bluish background")
    assert scene.background_color is not None and _close(scene.background_color, "#2976bb", 40)


@pytest.mark.parametrize(
    ("text", "time"),
    [
        ("a farm as evening falls", "dusk"),
        ("a quay at the crack of dawn", "dawn"),
        ("a courtyard after dark", "night"),
        ("the foothills at the end of the day", "dusk"),
        ("a village at nightfall", "night"),
    ],
)
def test_times_in_words(text, time):
    assert parse(text).time == time


@pytest.mark.parametrize(
    ("text", "weather"),
    [("a lighthouse on a drizzly day", "rain"), ("an overcast harbour", "cloudy"), ("a thundery sky", "storm")],
)
def test_weather_in_words(text, weather):
    assert weather in parse(text).weather


@pytest.mark.parametrize(
    "text", ["triangles strewn on a black ground", "a haphazard heap of squares", "circles in a disordered array"]
)
def test_disorder_reads_as_scattered(text):
    assert parse(text).arrangement == "scattered"


def test_counted_polygons_draw_that_many_sides():
    scene = parse("a seven-sided shape in glaucous blue")
    assert scene.main.name == "polygon-7" and scene.main.count == 1  # sides, not seven copies
    svg = compose("a seven-sided shape in glaucous blue")
    assert any(p.count(",") == 7 or p.count(" ") >= 7 for p in svg.split("<polygon")[1:])


def test_a_dozen_and_half_a_dozen_count():
    assert parse("a dozen red circles").main.count == 12
    assert parse("half a dozen red circles").main.count == 6
