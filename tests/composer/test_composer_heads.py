"""Which word of a phrase is its subject (issue 17, fourth pass): "<thing> of <material>", "-ing" nouns ending a
phrase, direction words that are no motif, and polygon names the shape table lacks."""

from __future__ import annotations

import pytest
from svgllm.backends.composer import parse
from svgllm.backends.composer.phrases import polygon_sides


def _main(text):
    return parse(text).main


@pytest.mark.parametrize(
    ("text", "noun", "material"),
    [
        ("a gatehouse of honey-coloured stone", "house", "stone"),
        ("a statue of marble", "statue", "stone"),
        ("a bowl of polished brass", "bowl", None),
    ],
)
def test_a_thing_of_a_material_is_the_thing(text, noun, material):
    main = _main(text)
    assert main.noun == noun
    assert material is None or main.material == material


def test_of_before_a_thing_still_names_the_contents():
    assert _main("a cup of coffee").noun == "coffee"  # contents, not a material: as before


@pytest.mark.parametrize("text", ["an adobe dwelling in the desert at noon", "a humble dwelling"])
def test_an_ing_noun_ending_its_phrase_is_the_subject(text):
    assert _main(text).noun == "house"


def test_an_ing_word_after_a_noun_is_still_a_verb():
    scene = parse("a giraffe eating leaves")
    assert [s.noun for s in scene.subjects] == ["giraffe", "leaf"]


def test_a_direction_word_names_no_motif():
    assert _main("a rowing skiff drawn up on a pebbly shore").noun == "boat"  # not the "pointed up" triangle


@pytest.mark.parametrize(("word", "sides"), [("dodecagons", 12), ("heptagon", 7), ("enneagon", 9),
                                             ("hexagon", None), ("wagon", None), ("paragon", None)])
def test_polygon_sides_from_the_name(word, sides):
    assert polygon_sides(word) == sides


def test_a_counted_polygon_name_draws_that_polygon():
    main = _main("a jumble of dodecagons in cobalt")
    assert main.kind == "shape" and main.name == "polygon-12"
    assert _main("eight hexagons").name == "hexagon"


@pytest.mark.parametrize(
    ("form", "lexfile", "fits"),
    [("coat", "06", True), ("coat", "17", False), ("ram", "05", True), ("ram", "06", False),
     ("kiwi", "05", False), ("house", "06", True)],
)
def test_builder_a_drawing_fits_only_senses_of_its_kind(form, lexfile, fits):
    from dataset_build.composer_words import drawing_fits

    assert drawing_fits(form, lexfile) is fits  # a garment is an artifact; a kiwi bird is no kiwi fruit


def test_a_strip_of_land_is_not_drawn_as_a_garment():
    scene = parse("a shingle spit at low tide")
    assert all(subject.kind != "garment" for subject in scene.subjects)


@pytest.mark.parametrize("text", ["a cat on the left", "a rowing boat drawn up on the sand"])
def test_direction_words_are_no_subject(text):
    assert not {s.noun for s in parse(text).subjects} & {"left", "up", "magnifying-glass-tilted-left"}
