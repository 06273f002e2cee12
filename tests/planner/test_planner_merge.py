"""The hybrid scene: the planner's setting and stand-in subjects, the parser's colours and the rest."""
from __future__ import annotations

import copy

import pytest
from svgllm.backends.composer import parse
from svgllm.backends.composer.compose import draw
from svgllm.backends.composer.program import from_program
from svgllm.backends.planner.merge import DEFAULT_RULE, MergeRule, merge_scenes
from svgllm.rules import check

DESCRIPTION = "a crimson fox beside a river at dusk"


def planned(program: str, description: str = DESCRIPTION):
    return from_program(program, description)


def test_default_keeps_a_drawable_parsed_subject_and_its_colours_takes_the_planner_setting():
    parsed = parse(DESCRIPTION)
    assert parsed.main.name == "fox" and parsed.main.colors and parsed.setting == "river" and parsed.time == "dusk"
    merged = merge_scenes(planned("object dog #00ff00\nsetting forest\ntime night\nend"), parsed)
    assert merged.main.name == "fox" and merged.main.colors == parsed.main.colors
    assert merged.setting == "forest" and merged.settings == ["forest"]
    assert merged.time == "dusk"  # times stay the parser's
    assert merged.colors == parsed.colors


def test_planner_subjects_get_the_parsers_colours_and_drop_their_own():
    parsed = parse(DESCRIPTION)
    rule = MergeRule(subjects="planner")
    merged = merge_scenes(planned("object dog #00ff00\nobject house #0000ff\nrelation 0 beside 1\nend"), parsed, rule)
    assert [s.name for s in merged.subjects] == ["dog", "house"]
    assert merged.subjects[0].colors == parsed.main.colors
    assert merged.subjects[1].colors == []  # no parsed twin: painter's own colours, not the planner's guess
    assert [(r.subject, r.kind, r.target) for r in merged.relations] == [(0, "beside", 1)]


def test_a_stand_in_subject_is_replaced_by_the_planners():
    description = "a crimson florp beside a river"
    parsed = parse(description)
    merged = merge_scenes(planned("object fox\nend", description), parsed)
    if parsed.main is not None and parsed.main.name == "fox":
        pytest.skip("the parser maps this word now")
    assert merged.main.name == "fox"


def test_planner_first_falls_back_to_the_parser_and_parser_rules_ignore_the_planner():
    parsed = parse(DESCRIPTION)
    without = planned("object fox\nend")
    assert merge_scenes(without, parsed).setting == "river"
    rule = MergeRule(setting="parser", time="planner", weather="planner-first")
    merged = merge_scenes(planned("setting forest\ntime night\nweather fog\nend"), parsed, rule)
    assert merged.setting == "river" and merged.time == "night" and merged.weather == {"fog"}


def test_merge_leaves_both_inputs_unchanged_and_draws_a_valid_svg():
    parsed, plan = parse(DESCRIPTION), planned("object dog #00ff00\nsetting forest\nend")
    before = (copy.deepcopy(parsed), copy.deepcopy(plan))
    merged = merge_scenes(plan, parsed, MergeRule(subjects="planner"))
    assert (parsed, plan) == before and merged is not parsed
    assert check(draw(merged)) == ()


def test_unknown_rule_values_are_errors():
    with pytest.raises(ValueError, match="subjects"):
        MergeRule(subjects="both")
    with pytest.raises(ValueError, match="time"):
        MergeRule(time="llm")
    assert MergeRule() == DEFAULT_RULE


def test_a_counted_polygon_the_program_cannot_name_stays_the_parsers():
    """The program language has no "polygon-N", but the composer has a painter for it: it is no stand-in."""
    description = "a twelve-sided polygon in teal on a white background"
    parsed = parse(description)
    assert parsed.main.kind == "shape" and parsed.main.name == "polygon-12"
    merged = merge_scenes(planned("shape circle #ff0000\nend", description), parsed)
    assert merged.main.name == "polygon-12" and merged.main.colors == parsed.main.colors


def test_knows_shape_means_a_painter_of_its_own():
    from svgllm.backends.composer.shapes import knows_shape, painter_of

    assert knows_shape("hexagon") and knows_shape("polygon-7")
    assert not knows_shape("florp") and not knows_shape("polygon-") and not knows_shape("polygon-x")
    assert painter_of("florp") is painter_of("blob")  # both the generic stand-in
    assert painter_of("polygon-7") is not painter_of("florp")
