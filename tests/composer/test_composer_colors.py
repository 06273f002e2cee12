"""The colour vocabulary: names, multi-word names, modifiers, and the old behaviour kept."""

from __future__ import annotations

import pytest
from svgllm.colors import find_colors, luminance, mix, shift_lightness, shift_saturation


def only(text: str):
    found = find_colors(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    "word",
    [
        "burgundy",
        "maroon",
        "teal",
        "khaki",
        "azure",
        "crimson",
        "magenta",
        "ivory",
        "charcoal",
        "aubergine",
        "wine-colored",
        "sky-blue",
        "bronze",
        "copper",
        "silver",
        "gold",
        "tan",
        "chestnut",
        "navy blue",
        "off-white",
        "rose gold",
        "periwinkle",
        "mustard",
        "emerald",
        "lavender",
    ],
)
def test_known_names(word):
    assert only(f"a {word} hat").hex.startswith("#")


def test_multi_word_names_are_one_colour():
    assert only("navy blue dress").words == "navy blue"
    assert only("a light sky blue scarf").words == "light sky blue"
    assert [m.words for m in find_colors("red and yellow gingham skirt with a ruffled hem")] == ["red", "yellow"]


def test_modifiers_change_lightness_and_saturation():
    green = only("green").hex
    assert luminance(only("light green").hex) > luminance(green) > luminance(only("dark green").hex)
    assert luminance(only("pale-yellow").hex) > luminance(only("deep yellow").hex)
    assert only("neon green").hex != green
    assert only("dark green").words == "dark green"


def test_position_points_at_the_first_word():
    text = "a hat in dark green"
    mention = only(text)
    assert text[mention.position :].startswith("dark")


def test_readable_overrides():
    # CSS's "darkgray" is lighter than "gray"; the readable value is darker
    assert luminance(only("dark gray").hex) < luminance(only("gray").hex)
    assert luminance(only("azure").hex) < 0.7


def test_unknown_words_are_ignored():
    assert find_colors("a zorblat fribble") == []
    assert find_colors("dark and stormy") == []


def test_helpers():
    assert shift_lightness("#808080", 1.0) == "#ffffff"
    assert shift_lightness("#808080", -1.0) == "#000000"
    assert mix("#000000", "#ffffff", 0.5) == "#808080"
    assert shift_saturation("#808080", -1.0) == "#808080"
