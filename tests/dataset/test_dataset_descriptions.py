"""The description sampler and its filters."""
from __future__ import annotations

import statistics
from collections import Counter

import pytest

from dataset_build.descriptions import (
    CATEGORY_NAMES,
    MAX_CHARS,
    clean_description,
    dedupe,
    guess_category,
    sample_descriptions,
)


@pytest.fixture(scope="module")
def sample():
    return sample_descriptions(2000, seed=7)


def test_length_limits_and_competition_style(sample):
    lengths = [len(text) for text, _ in sample]
    assert max(lengths) <= MAX_CHARS
    assert min(lengths) >= 8
    assert 35 <= statistics.mean(lengths) <= 70  # the competition's descriptions average about 50 characters
    for text, _ in sample:
        assert text == text.lower() and text == " ".join(text.split())
        assert not text.endswith(".")


def test_unique_and_every_category_balanced(sample):
    texts = [text for text, _ in sample]
    assert len(set(texts)) == len(texts)
    counts = Counter(category for _, category in sample)
    assert set(counts) == set(CATEGORY_NAMES)
    assert max(counts.values()) - min(counts.values()) <= 1  # round robin over the categories
    assert len(CATEGORY_NAMES) >= 10 and {"landscape", "abstract", "fashion"} <= set(CATEGORY_NAMES)


def test_deterministic_per_seed():
    assert sample_descriptions(50, seed=1) == sample_descriptions(50, seed=1)
    assert sample_descriptions(50, seed=1) != sample_descriptions(50, seed=2)


def test_category_subset_and_bad_arguments():
    pairs = sample_descriptions(20, seed=0, categories=["fashion"])
    assert {category for _, category in pairs} == {"fashion"}
    with pytest.raises(ValueError, match="unknown category"):
        sample_descriptions(5, categories=["spaceships"])
    with pytest.raises(ValueError):
        sample_descriptions(-1)
    with pytest.raises(ValueError, match="unique"):
        sample_descriptions(10_000, seed=0, categories=["sky_weather"], max_tries_per_item=2)


@pytest.mark.parametrize("text, expected", [
    ("  A Red Kite over the hills. ", None),  # capitalised words mid-phrase read as proper nouns
    ("A red kite over the hills.", "a red kite over the hills"),
    ("- a blue barn in the snow", "a blue barn in the snow"),
    ("3. a quiet lake at dawn", "a quiet lake at dawn"),
    ('"a green fern"', "a green fern"),
    ("nike sneakers in white", None),  # brand
    ("a painting in the style of picasso", None),  # personal name
    ("John's red bicycle", None),
    ("cat", None),  # too short
    ("a " + "very " * 60 + "long phrase", None),  # over 200 characters
    ("a <b>bold</b> move", None),  # markup
    ("the year 2024 in neon", None),  # numbers beyond a small count
])
def test_clean_description(text, expected):
    assert clean_description(text) == expected


def test_dedupe_compares_cleaned_forms():
    assert dedupe(["A red kite", "a red kite.", "a blue kite", "x"]) == ["a red kite", "a blue kite"]


def test_guess_category_uses_content_words():
    assert guess_category("a crocodile") == "objects"  # no vocabulary word: the default, not "a" matching
    assert guess_category("a penguin on the ice") == "animals"
    assert guess_category("denim jacket with silver buttons") == "fashion"
