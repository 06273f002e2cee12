"""The shipped planner adapter on the real Gemma 3 270M: programs that parse, differ and name the subject."""
from __future__ import annotations

import pytest
from svgllm.backends.composer.program import from_program
from svgllm.deadline import Deadline
from svgllm.rules import check

# our own descriptions, written for this test (none is in the training pairs or the held-out set)
CASES = [
    ("a red apple on a wooden table", "red-apple"),
    ("a navy wool coat with a plaid pattern", "coat"),
    ("blue circles in a grid on a white background", "circle"),
    ("a snowy pine forest at night", "forest"),
]


@pytest.fixture(scope="module")
def plans(planner):
    return [planner.plan(description, Deadline(60)) for description, _ in CASES]


def test_programs_come_from_the_planner_and_parse(plans):
    for result in plans:
        assert result.path == "planner", result.error
        assert result.new_tokens > 0
        from_program(result.program)


def test_programs_differ_between_descriptions(plans):
    assert len({r.program for r in plans}) == len(plans)


def test_programs_name_the_main_subject(plans):
    for (description, want), result in zip(CASES, plans, strict=True):
        scene = from_program(result.program)
        named = scene.main.name if scene.main is not None else scene.setting
        assert named == want or (want == "forest" and scene.setting == "forest"), (description, result.program)


def test_the_backend_draws_a_valid_svg_from_the_program(planner):
    svg = planner.generate("a yellow lighthouse on a rocky cliff", Deadline(60))
    assert check(svg) == () and planner.last.path == "planner"
