"""Scene programs: canonical writing, exact reading, round trips for every painter's scenes, drawing."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest
from svgllm.backends.composer import parse
from svgllm.backends.composer.compose import draw, mode
from svgllm.backends.composer.program import ProgramError, from_program, to_program, vocabulary
from svgllm.rules import check

ROOT = Path(__file__).resolve().parents[2]
# one family of scenes per painter: landscape, abstract, fashion, object
PAINTER_SCENES = {
    "landscape": ["a snowy mountain range at night under a starry sky", "a misty lagoon at dawn",
                  "a turquoise lake beside a pine forest under a purple sky", "a stormy ocean with a rainbow"],
    "abstract": ["teal and coral circles in a spiral on a black background", "a grid of orange squares",
                 "concentric rings of gold and navy", "scattered purple triangles"],
    "fashion": ["a checkered sage silk scarf", "a navy wool coat with brass buttons", "red leather boots",
                "a striped cotton shirt"],
    "object": ["three red apples on a wooden table", "a lighthouse beside a bench",
               "a white cat sleeping on a blue sofa", "two hot air balloons above a bowl"],
}


def sample_descriptions() -> list[str]:
    with (ROOT / "samples" / "descriptions.csv").open(encoding="utf-8", newline="") as handle:
        return [row["description"] for row in csv.DictReader(handle)]


@pytest.mark.parametrize("painter", sorted(PAINTER_SCENES))
def test_every_painter_round_trips_and_draws(painter):
    assert {mode(parse(d)) for d in PAINTER_SCENES[painter]} == {painter}
    for description in PAINTER_SCENES[painter]:
        program = to_program(parse(description))
        scene = from_program(program, description)
        assert to_program(scene) == program
        # the program's scene goes to the same painter as the parsed one
        assert mode(from_program(program, description)) == mode(parse(description)), (description, program)
        assert check(draw(scene)) == ()


def test_sample_descriptions_round_trip():
    for description in sample_descriptions():
        program = to_program(parse(description))
        assert to_program(from_program(program)) == program, description


def test_canonical_form_of_a_rich_scene():
    program = to_program(parse("three red apples on a wooden table in a misty forest at dusk"))
    lines = program.split("\n")
    assert lines[0] == "object red-apple #ff0000 x3"
    assert lines[1] == "object table wood"
    assert {"setting forest", "time dusk", "weather fog", "relation 0 on 1"} <= set(lines)
    assert lines[-1] == "end"


def test_reading_fills_the_scene():
    scene = from_program("garment coat #000080 #ffd700 wool plaid\nsetting city #333333\ncover snow\ntime night\n"
                         "weather fog snow\ncelestial moon stars\nsky #101030\nbackground #000000\n"
                         "arrangement row\nrelation 0 in setting\nend", "d")
    main = scene.main
    assert (main.kind, main.name, main.colors, main.material, main.pattern) == (
        "garment", "coat", ["#000080", "#ffd700"], "wool", "plaid")
    assert (scene.setting, scene.setting_color, scene.cover, scene.time) == ("city", "#333333", "snow", "night")
    assert scene.weather == {"fog", "snow"} and scene.celestial == {"moon", "stars"}
    assert (scene.sky_color, scene.background_color, scene.arrangement) == ("#101030", "#000000", "row")
    assert scene.relations[0].target == -1 and scene.description == "d"
    assert scene.colors == ["#000080", "#ffd700", "#333333", "#101030", "#000000"]


@pytest.mark.parametrize("text", [
    "", "end\n", "object cat", "object nosuchthing\nend", "object cat #FF0000\nend", "object cat #ff00\nend",
    "object cat x1\nend", "object cat x13\nend", "object cat plaid wool\nend", "object cat  #ff0000\nend",
    "setting forest\nobject cat\nend", "time dusk\ntime night\nend", "weather rain fog\nend",
    "weather fog fog\nend", "relation 0 on setting\nend", "object cat\nrelation 0 on 0\nend",
    "object cat\nrelation 1 on setting\nend", "object a\nobject b\nend",
    "object cat\nobject dog\nobject cow\nobject pig\nend", "sky red\nend", "celestial stars moon\nend",
    "object cat\nend\nend",
])
def test_invalid_programs_are_rejected(text):
    with pytest.raises(ProgramError):
        from_program(text)


def test_vocabulary_covers_the_shipped_tables():
    v = vocabulary()
    assert len(v.objects) > 900 and "red-apple" in v.objects and "lighthouse" in v.objects
    assert {"coat", "scarf", "boots"} <= set(v.garments) and {"circle", "ring", "star"} <= set(v.shapes)
    assert {"forest", "ocean", "snowfield"} <= set(v.settings) and "night" in v.times
