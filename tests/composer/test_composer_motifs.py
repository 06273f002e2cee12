"""The shipped motif library: licence, validity of every motif, lookup and recolouring."""

from __future__ import annotations

from importlib import resources

import pytest
from svgllm.backends.composer.motifs import find_motif, known_word, load_library, recolor
from svgllm.rules import check


def test_library_ships_with_its_licence():
    data = resources.files("svgllm").joinpath("data")
    text = data.joinpath("motifs_LICENSE.txt").read_text(encoding="utf-8")
    assert "MIT" in text and "CC BY 4.0" in text
    size = len(data.joinpath("motifs.json").read_bytes())
    assert size < 3_000_000
    assert len(load_library()) > 500


def test_every_motif_is_valid():
    problems = {}
    for name, motif in load_library().items():
        svg = (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="384" height="384" viewBox="0 0 {motif.size} '
            f'{motif.size}">{motif.body}</svg>'
        )
        found = check(svg)
        if found or len(motif.body) > 6000:
            problems[name] = found or ("too large",)
    assert problems == {}


@pytest.mark.parametrize(
    "word, name",
    [
        ("cat", "cat"),
        ("kittens", "cat"),
        ("car", "automobile"),
        ("apples", "red-apple"),
        ("whale", "spouting-whale"),
        ("pancake", "pancakes"),
        ("blueberry", "blueberries"),
        ("bicycles", "bicycle"),
        ("puppy", "dog"),
    ],
)
def test_lookup_by_name_plural_and_synonym(word, name):
    assert find_motif(word).name == name


@pytest.mark.parametrize("word", ["tropical", "face", "snow", "zzzz", ""])
def test_words_that_name_no_motif(word):
    assert find_motif(word) is None


def test_verb_forms_are_not_subject_words():
    assert find_motif("swimming") is not None  # "person-swimming" exists ...
    assert not known_word("swimming")  # ... but the parser never reads the verb as a subject
    assert known_word("ducks") and known_word("car")


def test_recolor_moves_the_dominant_family():
    motif = find_motif("cat")
    body = recolor(motif, "#1e90ff")
    assert "#1e90ff" in body and motif.dominant not in body
    for other in motif.family:
        assert other not in body or other == "#1e90ff"
    assert recolor(motif, None) == motif.body
