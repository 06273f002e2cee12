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
    assert set(decoder.stages) == {"model", "table", "grammar", "head"}


def test_the_hybrid_draws_the_parsers_colour_with_the_planners_program(planner):
    from svgllm.backends.composer import parse

    description = "a crimson lighthouse on a rocky cliff"
    result = planner.plan(description, Deadline(60))
    scene = planner.scene(description, result)
    assert result.path == "planner" and planner.options["merge"] == "hybrid"
    assert scene.colors == parse(description).colors and scene.colors


def test_the_cut_head_scores_program_tokens_as_the_full_head_does(planner):
    """The output head keeps the full width and the tied embedding's scores for program tokens, -inf elsewhere."""
    import torch
    from svgllm.backends.planner.prompt import planner_prompt

    decoder = planner.load()
    model, head = decoder.loaded.model, decoder.loaded.model.lm_head
    vocabulary = model.config.vocab_size
    assert head.out_features == vocabulary and 1_000 < len(head.ids) < vocabulary // 10
    ids = decoder.loaded.tokenizer(planner_prompt("a red fox"), return_tensors="pt")["input_ids"]
    with torch.inference_mode():
        hidden = model.model(input_ids=ids).last_hidden_state[:, -1]
        cut = head(hidden)
        full = torch.nn.functional.linear(hidden, model.get_input_embeddings().weight)  # the tied matrix
    kept = torch.zeros(vocabulary, dtype=torch.bool)
    kept[head.ids] = True
    assert cut.shape == full.shape
    assert torch.allclose(cut[:, kept], full[:, kept], atol=1e-4)
    assert torch.isneginf(cut[:, ~kept]).all()


def test_the_cut_head_writes_the_programs_the_full_head_writes(planner):
    import torch

    decoder = planner.load()
    model = decoder.loaded.model
    cut = model.lm_head
    full = torch.nn.Linear(model.config.hidden_size, model.config.vocab_size, bias=False)
    full.weight = model.get_input_embeddings().weight
    try:
        for description in ("two teal kites over a harbour at dusk", "a mustard cardigan with wooden buttons"):
            model.lm_head = full
            expected, _ = decoder.generate(description, Deadline(60))
            model.lm_head = cut
            assert decoder.generate(description, Deadline(60))[0] == expected
    finally:
        model.lm_head = cut
