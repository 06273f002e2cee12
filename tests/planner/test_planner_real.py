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


def test_the_fast_load_reads_what_the_llm_loader_reads(planner, base_dir):
    """The planner's loader (fast tokenizer, cached token table) matches AutoTokenizer and a freshly built table."""
    from svgllm.backends.llm.tokens import build_table
    from svgllm.backends.planner.prompt import few_shot_prompt
    from transformers import AutoTokenizer

    decoder = planner.load()
    reference = AutoTokenizer.from_pretrained(str(base_dir))
    for text in (few_shot_prompt("two teal kites over a harbour"), "object red-apple #ff0000 x3\nend"):
        assert decoder.loaded.tokenizer(text)["input_ids"] == reference(text)["input_ids"]
    assert decoder.table == build_table(reference, decoder.loaded.model.config.vocab_size)
    assert set(decoder.stages) == {"model", "table", "grammar"}


def test_the_hybrid_draws_the_parsers_colour_with_the_planners_program(planner):
    from svgllm.backends.composer import parse

    description = "a crimson lighthouse on a rocky cliff"
    result = planner.plan(description, Deadline(60))
    scene = planner.scene(description, result)
    assert result.path == "planner" and planner.options["merge"] == "hybrid"
    assert scene.colors == parse(description).colors and scene.colors
