"""Parser tables: description -> scene spec."""

from __future__ import annotations

import pytest
from svgllm.backends.composer.parse import parse
from svgllm.colors import find_colors


def hex_of(word: str) -> str:
    return find_colors(word)[0].hex


@pytest.mark.parametrize(
    "text, setting, time",
    [
        ("a teal spruce woodland at twilight", "forest", "dusk"),
        ("a frozen tundra stretching to the horizon", "plain", None),
        ("frosty alpine summits under a moonlit sky", "mountain", "night"),
        ("heavy clouds over a turquoise marsh", "lake", None),
        ("an orange sunset over the ocean", "ocean", "sunset"),
        ("a quiet village at dawn", "village", "dawn"),
        ("a red car in the city at midnight", "city", "night"),
        ("sand dunes in the desert at noon", "desert", "midday"),
    ],
)
def test_setting_and_time(text, setting, time):
    scene = parse(text)
    assert scene.setting == setting
    assert scene.time == time


@pytest.mark.parametrize(
    "text, cover, weather",
    [
        ("a frozen tundra stretching to the horizon", "snow", set()),
        ("frosty alpine summits under a moonlit sky", "snow", set()),
        ("heavy clouds over a turquoise marsh", None, {"cloudy"}),
        ("a thunderstorm over a dark ocean", None, {"storm"}),
        ("a foggy morning in a pine forest", None, {"fog"}),
        ("rain falling on a grassy meadow", "grass", {"rain"}),
    ],
)
def test_cover_and_weather(text, cover, weather):
    scene = parse(text)
    assert scene.cover == cover
    assert scene.weather == weather


def test_setting_takes_its_colour():
    assert parse("a teal spruce woodland at twilight").setting_color == hex_of("teal")
    assert parse("heavy clouds over a turquoise marsh").setting_color == hex_of("turquoise")


@pytest.mark.parametrize(
    "text, kind, name, colors, material, pattern",
    [
        ("a chestnut tweed blazer with velvet lapels", "garment", "jacket", ["chestnut"], "wool", None),
        (
            "sage cotton shorts with copper buttons and side pockets",
            "garment",
            "shorts",
            ["sage"],
            "cotton",
            None,
        ),
        ("a sleeveless mustard velvet jumpsuit", "garment", "overalls", ["mustard"], "velvet", None),
        ("a chunky jade knit scarf with striped ends", "garment", "scarf", ["jade"], "knit", None),
        ("red and yellow gingham skirt with a ruffled hem", "garment", "skirt", ["red", "yellow"], None, "checkered"),
        ("navy blue polka dot dress", "garment", "dress", ["navy blue"], None, "dotted"),
        ("a messy lattice of lime squares", "shape", "square", ["lime"], None, None),
        ("a gold octahedron caught in tangled violet ribbons", "shape", "polyhedron", ["gold"], None, None),
        ("three red apples on a wooden table", "object", "apple", ["red"], None, None),
        ("a blue whale in the deep ocean", "object", "whale", ["blue"], None, None),
    ],
)
def test_main_subject(text, kind, name, colors, material, pattern):
    main = parse(text).main
    assert (main.kind, main.name) == (kind, name)
    assert main.colors == [hex_of(c) for c in colors]
    assert main.material == material
    assert main.pattern == pattern


def test_garment_details_attach_to_the_garment():
    shorts = parse("sage cotton shorts with copper buttons and side pockets").main
    nouns = [detail.noun for detail in shorts.details]
    assert nouns == ["button", "pocket"]
    assert shorts.details[0].color == hex_of("copper")
    lapel = parse("a chestnut tweed blazer with velvet lapels").main.details[0]
    assert lapel.noun == "lapel" and lapel.material == "velvet"


@pytest.mark.parametrize(
    "text, count",
    [
        ("three red apples on a wooden table", 3),
        ("two brown horses in a green meadow", 2),
        ("a single white swan", 1),
        ("a dozen eggs", 12),
        ("7 blue circles", 7),
        ("emerald cubes", 7),
    ],
)
def test_counts(text, count):
    assert parse(text).main.count == count


@pytest.mark.parametrize(
    "text, relation, target",
    [
        ("a red cabin overlooking a misty lake", "overlooking", -1),
        ("emerald cubes whirling in a spiral around a white cylinder", "around", 1),
        ("overlapping olive hexagons on a frosted panel", "on", 1),
        ("a cat sitting on a blue sofa", "on", 1),
        ("a silver sphere floating above a red cube", "over", 1),
        ("a dog next to a red bicycle", "beside", 1),
        ("a bench in front of a fountain", "in_front", 1),
        ("a cat under a tree", "under", 1),
    ],
)
def test_relations(text, relation, target):
    found = parse(text).relations[0]
    assert (found.subject, found.kind, found.target) == (0, relation, target)


@pytest.mark.parametrize(
    "text, arrangement",
    [
        ("a messy lattice of lime squares", "grid"),
        ("emerald cubes whirling in a spiral around a white cylinder", "spiral"),
        ("overlapping olive hexagons on a frosted panel", "layered"),
        ("a gold octahedron caught in tangled violet ribbons", "interwoven"),
        ("blue circles arranged in concentric rings", "concentric"),
        ("orange triangles scattered on a black background", "scattered"),
    ],
)
def test_arrangements(text, arrangement):
    assert parse(text).arrangement == arrangement


def test_style_words_and_background():
    scene = parse("overlapping olive hexagons on a frosted panel")
    assert "translucent" in scene.style_words
    assert "chaotic" in parse("a messy lattice of lime squares").style_words
    assert parse("orange triangles scattered on a black background").background_color == hex_of("black")


def test_second_shape_and_colours():
    scene = parse("coral pentagons with indigo stars")
    assert [(s.name, s.color) for s in scene.subjects] == [("pentagon", hex_of("coral")), ("star", hex_of("indigo"))]


def test_verbs_are_not_subjects():
    assert parse("three yellow ducks swimming in a blue pond").main.noun == "duck"
    assert parse("a pink flamingo standing in a lagoon").main.noun == "flamingo"


def test_compound_and_colour_nouns():
    assert parse("a tall palm tree on a tropical island").main.noun == "palm-tree"
    orange = parse("an orange on a plate").main
    assert orange.noun == "orange" and orange.color is None


@pytest.mark.parametrize("text", ["", "   ", "!!!", "zxqv blorp", "the and of with", "123 456", "a a a a"])
def test_odd_text_never_fails(text):
    scene = parse(text)
    assert scene.description == text


@pytest.mark.parametrize(
    "text, arrangement",
    [
        ("blue and orange squares in a grid", "grid"),
        ("red hearts arranged in a circle", "ring"),
        ("yellow circles in a row", "row"),
    ],
)
def test_arrangement_nouns(text, arrangement):
    scene = parse(text)
    assert scene.arrangement == arrangement and len(scene.subjects) == 1


def test_sky_clouds_and_moon_settings():
    assert parse("an orange sunset over the ocean").sky_color == hex_of("orange")
    assert parse("gray clouds over a wheat field").cloud_color == hex_of("gray")
    assert parse("a lone astronaut on the moon").setting == "lunar"
    assert parse("a tent under the stars").time == "night"
    assert parse("a sunflower field under a blue sky").setting_items == ["sunflower"]


def test_celestial_words_with_colours_are_shapes():
    scene = parse("yellow stars around a purple moon")
    assert [(s.kind, s.name) for s in scene.subjects] == [("shape", "star"), ("shape", "crescent")]


@pytest.mark.parametrize(
    "text, main, others",
    [
        ("a tall giraffe eating leaves from an acacia tree", "giraffe", ["leaf", "tree"]),
        ("a red panda climbing a tree", "panda", ["tree"]),
        ("a golden retriever catching a frisbee in a park", "retriever", ["frisbee"]),
        ("a red fire truck parked outside a brick station", "fire-truck", ["station"]),
        # before the noun the same forms are adjectives, and words the vocabulary reads stay put
        ("a knitted wool beanie", "beanie", []),
        ("hot air balloons drifting over a canyon", "hot_air_balloon", []),
    ],
)
def test_verb_forms_after_a_noun_end_its_phrase(text, main, others):
    scene = parse(text)
    assert [s.name for s in scene.subjects] == [main] + others


@pytest.mark.parametrize("word, motif", [("toad", "frog"), ("retriever", "dog"), ("hawk", "eagle"),
                                          ("fire-truck", "fire-engine"), ("frisbee", "flying-disc")])
def test_everyday_names_reach_a_motif(word, motif):
    from svgllm.backends.composer.motifs import find_motif

    assert find_motif(word).name == motif


@pytest.mark.parametrize(
    "text, subjects, part, colors",
    [
        ("a snowman with a carrot nose in a snowy yard", ["snowman"], "nose", []),
        ("a stack of pancakes with maple syrup", ["pancake"], "syrup", []),
        ("a parrot with red and blue feathers", ["parrot"], "feather", ["red", "blue"]),  # feathers colour it
        ("a black cat with green eyes", ["cat"], "eye", ["black"]),  # eyes do not
    ],
)
def test_parts_after_with_belong_to_the_subject(text, subjects, part, colors):
    scene = parse(text)
    assert [s.name for s in scene.subjects] == subjects
    assert [d.name for d in scene.main.details] == [part]
    assert scene.main.colors == [hex_of(c) for c in colors]


def test_a_tray_is_drawn_as_a_surface_not_an_inbox_icon():
    from svgllm.backends.composer import compose

    assert "tray" in [s.name for s in parse("a teapot and two cups on a tray").subjects]
    svg = compose("a teapot on a silver tray")
    assert svg.count("<ellipse") >= 2  # the plate painter's rim and face


@pytest.mark.parametrize("text", ["a lighthouse on a foggy bay", "a misty pine forest", "a rainy harbor at night"])
def test_weather_words_before_a_setting_are_weather_not_scattered_items(text):
    scene = parse(text)
    assert scene.weather and scene.setting_items == []


# --- colours named through things, read where the words around them say so (context_colors) ---


def test_a_thing_before_a_colour_word_gives_its_shade_and_never_becomes_a_subject():
    scene = parse("a cropped bolero in lobster red")
    assert [s.kind for s in scene.subjects] == ["garment"]
    assert scene.main.color_words == ["lobster red"] and scene.main.color != hex_of("red")
    robot = parse("a gunmetal grey robot").main
    assert robot.noun == "robot" and robot.color_words == ["gunmetal grey"] and len(robot.colors) == 1


def test_an_unknown_word_before_a_colour_after_in_is_a_modifier():
    scene = parse("a headscarf in zorbly blue")  # no colour is known for "zorbly": the plain blue, one subject
    assert len(scene.subjects) == 1 and scene.main.colors == [hex_of("blue")]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("a harmonica in chrome", ["chrome"]),
        ("eleven-sided tiles in spruce and frost", ["spruce", "frost"]),
        ("half a dozen ovoids in ginger and bone", ["ginger", "bone"]),
        ("tiles in teal, frost and bone", ["teal", "frost", "bone"]),
    ],
)
def test_thing_names_alone_after_in_are_colours(text, words):
    scene = parse(text)
    assert scene.main.color_words == words and len(scene.subjects) == 1


def test_a_thing_before_background_colours_the_background():
    assert parse("a dozen lozenges on a pebble background").background_color is not None


@pytest.mark.parametrize(
    ("text", "noun"),
    [
        ("a cup of coffee on a wooden table", "coffee"),  # contents, not a colour
        ("a duck in water", "duck"),
        ("a fox in winter", "fox"),
        ("a cat in a basket", "cat"),
        ("striped pyjamas in bluish cotton", "trousers"),  # the colour before "cotton" describes the cotton
    ],
)
def test_things_that_are_no_colour_here_stay_uncoloured(text, noun):
    main = parse(text).main
    assert main.noun == noun
    assert main.color_words in ([], ["bluish"])


# --- phrases ---


def test_a_hyphenated_adjective_does_not_split_off_a_subject():
    assert [s.noun for s in parse("a ring-tailed lemur in a tree").subjects][0] != "ring"
    assert "tree" not in {s.noun for s in parse("a tree-lined avenue in the late afternoon").subjects}
    assert parse("snow-covered peaks").cover == "snow"  # ground cover and weather words still split off


def test_a_setting_word_describing_what_the_subject_is_on_is_the_setting():
    scene = parse("a seagull on a harbour wall")
    assert scene.setting == "ocean" and scene.main.name == "bird"
    assert parse("a cat on a kitchen table").setting is None


def test_a_boat_the_text_puts_nowhere_is_at_sea_and_a_grey_sky_is_overcast():
    assert parse("a fishing trawler battling a gale").setting == "ocean"
    assert parse("a boat on a lake").setting == "lake"  # a named setting wins
    assert parse("a red car").setting is None
    assert "cloudy" in parse("a loch under grey skies").weather
    assert not parse("a bright blue sky over a barn").weather


def test_a_shade_far_from_its_colour_falls_back_to_the_colour():
    # the sourced value of "gooseberry" is a brown: "gooseberry green" stays green
    assert parse("a gooseberry green teapot").main.colors == [hex_of("green")]
