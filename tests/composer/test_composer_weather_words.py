"""Weather words the WordNet build adds (issue 17, fourth pass): kinds of a parent two weather labels share
("sleet", "hail" under precipitation, beside rain and snow), weather nouns whose verb is the weather too
("squall", "hail"), and words whose commonest sense is a figurative synonym of a weather word ("tempest")."""

from __future__ import annotations

import pytest
from svgllm.backends.composer import parse


def _toy_wordnet():
    synsets = {
        "precip": ("19", ["precipitation"], [], ["rain", "snow", "sleet"], False),
        "rain": ("19", ["rain"], ["precip"], [], False),
        "snow": ("19", ["snow"], ["precip"], [], False),
        "sleet": ("19", ["sleet"], ["precip"], [], False),
        "wind": ("19", ["wind"], [], ["squall"], False),
        "squall": ("19", ["squall"], ["wind"], [], False),
        "windstorm": ("19", ["windstorm"], ["storm"], ["tempest"], False),
        "tempest": ("19", ["tempest"], ["windstorm"], [], False),
        "commotion": ("26", ["storm", "tempest"], [], [], False),
        "storm": ("19", ["storm"], [], ["windstorm"], False),
    }
    index = {"precipitation": ["precip"], "rain": ["rain"], "snow": ["snow"], "sleet": ["sleet"], "wind": ["wind"],
             "squall": ["squall"], "windstorm": ["windstorm"], "tempest": ["commotion", "tempest"], "storm": ["storm"]}
    return synsets, index


def test_builder_reads_the_kinds_of_a_parent_two_labels_share():
    from dataset_build.composer_weather_words import shared_parents, weather_and_time_words

    synsets, index = _toy_wordnet()
    starts = {"rain": "rain", "snow": "snow", "wind": "wind"}
    assert shared_parents(starts, {"rain": "rain", "snow": "snow", "wind": "wind"}, synsets) == {
        "precipitation": ("rain", "precip")
    }
    out = weather_and_time_words(synsets, index, {"windy": "wind", "rain": "rain", "snow": "snow"}, {},
                                 lambda word: False)
    assert out["weather"]["sleet"] == "rain"  # beside rain and snow, under precipitation


def test_builder_checks_near_weather_words_with_the_looser_test_only():
    from dataset_build.composer_weather_words import weather_and_time_words

    synsets, index = _toy_wordnet()
    strict = {"squall", "tempest", "sleet"}.__contains__  # more often verbs, say
    out = weather_and_time_words(synsets, index, {"windy": "wind", "storm": "storm"}, {}, strict)
    assert "squall" not in out["weather"]
    out = weather_and_time_words(synsets, index, {"windy": "wind", "storm": "storm"}, {}, strict, lambda w: False)
    assert out["weather"]["squall"] == "wind"  # one step below wind: the looser test
    assert "tempest" not in out["weather"]  # two steps below storm: still the strict one


def test_builder_takes_a_word_whose_commonest_sense_is_a_synonym_of_a_table_word():
    from dataset_build.composer_weather_words import weather_and_time_words

    synsets, index = _toy_wordnet()
    out = weather_and_time_words(synsets, index, {"windy": "wind", "storm": "storm"}, {}, lambda word: False)
    assert out["weather"]["tempest"] == "storm"  # first "a storm" of feelings, whose lemmas include "storm"


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("a farmhouse in driving sleet", {"rain", "snow"}),
        ("a lifeboat battling a squall", {"wind", "storm"}),
        ("a bus stop in hail", {"rain", "snow", "storm"}),
        ("a lone cypress on a ridge in a tempest", {"storm", "wind"}),
    ],
)
def test_weather_nouns_the_build_adds_are_read_as_weather(text, labels):
    scene = parse(text)
    assert scene.weather & labels
    assert not {s.noun for s in scene.subjects} & {"sleet", "squall", "hail", "tempest", "moon"}


@pytest.mark.parametrize("text", ["a puff of smoke over a chimney", "a whiff of lavender"])
def test_words_two_steps_down_keep_the_strict_test(text):
    assert not parse(text).weather


def test_builder_sky_adjectives_are_wordnets_neighbours_of_a_weather_adjective():
    from dataset_build.composer_weather_words import sky_adjectives

    adjectives = {
        "cloudy": ("a", ["cloudy"], ["dull", "heavy"]),
        "dull": ("s", ["dull", "leaden"], ["cloudy"]),
        "heavy": ("s", ["heavy", "lowering"], ["cloudy"]),
        "weighty": ("a", ["weighty"], ["lead"]),
        "lead": ("s", ["leaden", "ponderous"], ["weighty"]),
    }
    out = sky_adjectives(adjectives, {"cloudy": "cloudy", "clear": "clear"})
    assert out == {"dull": "cloudy", "heavy": "cloudy", "leaden": "cloudy", "lowering": "cloudy"}
    assert "ponderous" not in out  # beside "weighty", no weather word


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("a haystack under a leaden sky", "cloudy"),
        ("a gnarled yew in a churchyard under a lowering sky", "cloudy"),
        ("a tugboat in a harbour under leaden skies", "cloudy"),
        ("a cottage on a sullen afternoon", "cloudy"),
    ],
)
def test_sky_adjectives_make_the_weather_of_a_sky_or_a_day(text, label):
    assert label in parse(text).weather


@pytest.mark.parametrize("text", ["a heavy coat", "a sullen child by a window", "a leaden weight on a scale",
                                  "a dull knife on a board"])
def test_sky_adjectives_say_nothing_of_other_things(text):
    assert not parse(text).weather
