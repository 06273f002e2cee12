"""The planner link of the chain: a planner that fails or has no time hands over to the composer's parser."""
from __future__ import annotations

import pytest
from svgllm.backends import create_backend
from svgllm.backends.composer import compose, parse
from svgllm.backends.composer.program import to_program
from svgllm.backends.planner import PlannerBackend
from svgllm.config import ModelConfig
from svgllm.deadline import Deadline
from svgllm.rules import check


def broken(tmp_path) -> PlannerBackend:
    return PlannerBackend(ModelConfig(extra={"planner": {"model": str(tmp_path / "no-model-here")}}))


def test_registered_in_the_backend_registry():
    assert isinstance(create_backend("planner", ModelConfig()), PlannerBackend)


def test_unknown_options_are_an_error():
    with pytest.raises(ValueError, match="unknown planner option"):
        PlannerBackend(ModelConfig(extra={"planner": {"modle": "x"}}))


def test_a_planner_that_cannot_load_hands_over_to_the_parser(tmp_path):
    backend = broken(tmp_path)
    description = "a red cabin overlooking a misty lake"
    result = backend.plan(description, Deadline(20))
    assert result.path == "parser" and result.error
    assert result.program == to_program(parse(description))
    svg = backend.generate(description, Deadline(20))
    assert svg == compose(description) and check(svg) == ()


def test_no_time_left_goes_straight_to_the_parser(tmp_path):
    backend = broken(tmp_path)
    result = backend.plan("teal circles in a grid", Deadline(0.2))  # under the drawing reserve
    assert result.path == "parser" and "TimeoutError" in result.error and result.seconds < 0.2


def test_model_chain_with_a_failing_planner_still_draws(tmp_path):
    from svgllm import Model

    config = ModelConfig(backends=("planner", "composer"), deadline_s=30,
                         extra={"planner": {"model": str(tmp_path / "missing")}})
    svg = Model(config).predict("a yellow lighthouse on a rocky cliff")
    assert check(svg) == () and "<svg" in svg


def test_non_str_description_is_a_type_error(tmp_path):
    with pytest.raises(TypeError):
        broken(tmp_path).plan(42)
