"""The composer's one-way flow: parse -> freeze -> resolve -> paint; no step changes the scene it is given."""

from __future__ import annotations

import copy
import dataclasses

import pytest
from svgllm.backends.composer import compose, parse
from svgllm.backends.composer.compose import draw, mode
from svgllm.backends.composer.layout import resolve
from svgllm.backends.composer.program import from_program, to_program
from svgllm.backends.composer.scene import FrozenScene, FrozenSubject, Scene, Subject, freeze

# each of these used to be changed by drawing it (outfit reordered, palette filled in, meadow, night and stars)
CHANGED_BY_PAINTERS = [
    "a woman in a red dress",
    "colorful triangles and circles",
    "a swirl of pastel colors",
    "a red apple at sunset",
    "a rover on the moon",
    "an astronaut floating in space",
    "a city at night with glowing windows and a red car",
    "a goldfish in a glass bowl on a wooden table",
]


def test_the_canvas_size_is_the_one_svg_values_constant():
    from svgllm.backends.composer.canvas import SIZE, Canvas
    from svgllm.values import CANVAS_SIZE

    assert SIZE == CANVAS_SIZE
    assert f'width="{CANVAS_SIZE}" height="{CANVAS_SIZE}"' in Canvas().svg()


def test_frozen_forms_have_the_same_fields_as_the_parsers():
    for mutable, frozen in ((Scene, FrozenScene), (Subject, FrozenSubject)):
        assert [f.name for f in dataclasses.fields(mutable)] == [f.name for f in dataclasses.fields(frozen)]


def test_freeze_copies_into_immutable_values_and_leaves_the_scene_alone():
    scene = parse("a man in a plaid shirt with brass buttons under a cloudy sky")
    before = copy.deepcopy(scene)
    frozen = freeze(scene)
    assert scene == before
    assert isinstance(frozen.subjects, tuple) and isinstance(frozen.weather, frozenset)
    assert all(isinstance(s, FrozenSubject) for s in frozen.subjects)
    assert [s.noun for s in frozen.subjects] == [s.noun for s in scene.subjects]
    assert tuple(frozen.subjects[1].colors) == tuple(scene.subjects[1].colors)
    assert all(isinstance(d, FrozenSubject) for s in frozen.subjects for d in s.details)
    assert freeze(frozen) is frozen
    with pytest.raises(dataclasses.FrozenInstanceError):
        frozen.time = "night"
    with pytest.raises(dataclasses.FrozenInstanceError):
        frozen.subjects[0].colors = ()


@pytest.mark.parametrize("description", CHANGED_BY_PAINTERS)
def test_mode_and_draw_leave_the_parsed_scene_unchanged(description):
    scene = parse(description)
    before = copy.deepcopy(scene)
    painter = mode(scene)
    assert scene == before
    svg = draw(scene)
    assert scene == before
    assert mode(scene) == painter
    assert draw(scene) == svg == compose(description)  # drawing twice gives the same picture
    assert draw(freeze(scene)) == svg


def test_resolve_puts_the_outfit_in_front_of_the_person_wearing_it():
    scene = freeze(parse("a woman in a red dress"))
    layout = resolve(scene)
    assert layout.painter == "fashion"
    assert [s.noun for s in layout.scene.subjects] == ["dress", "woman"] and layout.scene.relations == ()
    assert [s.noun for s in scene.subjects] == ["woman", "dress"] and scene.relations  # a new scene, not a change


def test_resolve_fills_in_a_named_palette_only_where_no_colour_was_named():
    layout = resolve(freeze(parse("colorful triangles and blue circles")))
    triangles, circles = layout.scene.subjects
    assert layout.painter == "abstract"
    assert len(triangles.colors) == 6 and circles.colors == ("#0000ff",)
    assert resolve(freeze(parse("triangles and circles"))).scene.subjects[0].colors == ()


def test_resolve_gives_a_timed_object_a_meadow_and_space_its_night():
    apple = resolve(freeze(parse("a red apple at sunset")))
    assert (apple.painter, apple.scene.setting, apple.scene.time) == ("object", "meadow", "sunset")
    assert resolve(freeze(parse("a red apple"))).scene.setting is None
    moon = resolve(freeze(parse("a rover on the moon")))
    assert moon.scene.time == "night" and moon.scene.celestial == {"stars"}
    space = resolve(freeze(parse("an astronaut floating in space at dawn")))
    assert space.scene.time == "dawn" and "stars" in space.scene.celestial


def test_resolve_drops_subjects_the_skyline_already_draws():
    layout = resolve(freeze(parse("a city at night with glowing windows and a red car")))
    assert [s.noun for s in layout.scene.subjects] == ["car"]


def test_a_program_scene_draws_through_the_same_flow():
    description = "three red apples on a wooden table"
    program = to_program(parse(description))
    scene = from_program(program, description)
    before = copy.deepcopy(scene)
    assert draw(scene) == draw(freeze(scene))
    assert scene == before and to_program(scene) == program == to_program(freeze(scene))


def test_backend_candidates_draw_one_frozen_scene_as_compose_would():
    from svgllm.backends.composer import ComposerBackend

    description = "scattered pastel triangles under a starry sky"
    drawings = ComposerBackend().candidates(description, None, n=3)
    variants = [compose(description, 9_600, variant=k) for k in range(6)]
    assert drawings[0] == variants[0] and len(drawings) == len(set(drawings)) >= 2
    assert set(drawings) <= set(variants)
