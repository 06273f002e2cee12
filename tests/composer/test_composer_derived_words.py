"""Issue 17, third pass: weather read from words built on weather words, weather nouns as phrase heads,
"<x>land" places, and animal groups ("a mule train") whose animal is the subject."""

import pytest
from svgllm.backends.composer import parse, vocab
from svgllm.backends.composer.meaning import land_setting, tables
from svgllm.backends.composer.weather import weather_of


@pytest.mark.parametrize(
    ("word", "label"),
    [("windswept", "wind"), ("snowbound", "snow"), ("rain-lashed", "rain"), ("fogbound", "fog"),
     ("stormswept", "storm"), ("mizzly", "rain"), ("gusty", "wind"), ("wind", "wind")],
)
def test_words_built_on_weather_words_name_that_weather(word, label):
    assert weather_of(word) == label


@pytest.mark.parametrize("word", ["snowy", "snow-capped", "rusty", "salty", "shady", "sunny", "weathered", "clear"])
def test_words_that_only_look_built_on_weather_name_none(word):
    # "a snowy owl" is a kind of owl, "snow-capped peaks" lie under snow; "clear" draws nothing over a scene
    assert weather_of(word) in (None, "clear") and (word != "clear" or weather_of(word) == "clear")


def test_weather_labels_are_weather_words_except_ground_covers():
    assert vocab.WEATHER["wind"] == "wind"
    assert "snow" not in vocab.WEATHER and "snow" in vocab.COVERS  # "deep snow" is ground, not snowfall


@pytest.mark.parametrize(
    ("text", "weather"),
    [("a beagle in a blustering wind", {"wind"}), ("a squat hut on a windswept headland", {"wind"}),
     ("a snowbound log cabin", {"snow"}), ("a red kite in the wind", {"wind"})],
)
def test_weather_heads_and_derived_adjectives_reach_the_scene(text, weather):
    scene = parse(text)
    assert weather <= scene.weather
    assert all(subject.noun != "wind" for subject in scene.subjects)  # the wind is weather, not a drawn thing


def test_snow_words_that_are_no_snowfall_stay_out_of_the_weather():
    assert not parse("snow-capped peaks").weather
    assert not parse("a snowy owl").weather
    assert not parse("a snowman in deep snow").weather


def test_land_compounds_name_a_terrain_when_their_first_part_grows_or_lies_there():
    table, _ = tables()
    assert land_setting("heathland", table) == "meadow"
    assert land_setting("bushland", table) == "meadow"
    assert land_setting("fenland", table) in vocab.SETTINGS
    assert land_setting("garland", table) is None  # a wreath: the table's answer stands
    assert land_setting("island", table) is None  # too short to be a compound
    assert parse("a gorse bush on a heathland").setting == "meadow"


@pytest.mark.parametrize(("text", "noun"), [("a mule train crossing a mesa", "mule"), ("a camel caravan", "camel")])
def test_a_group_of_animals_draws_the_animals(text, noun):
    main = parse(text).main
    assert main.noun == noun and main.count > 1  # several of them, not one


@pytest.mark.parametrize("text", ["a steam train", "a goods train at dusk", "a toy train"])
def test_a_train_that_is_no_group_of_animals_stays_a_train(text):
    assert parse(text).main.noun == "train"
