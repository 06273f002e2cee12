"""The LLM description generator's prompt and filtering, driven by a scripted stand-in for the model."""
from __future__ import annotations

import random

import pytest

from dataset_build.llm_descriptions import build_prompt, generate_descriptions, parse_generation


def test_prompt_is_a_few_shot_list_for_the_category():
    prompt = build_prompt("fashion", random.Random(0))
    assert "clothing" in prompt and prompt.endswith("\n- ")
    assert prompt.count("\n- ") == 5  # four examples and the open bullet
    with pytest.raises(ValueError):
        build_prompt("spaceships", random.Random(0))


def test_parse_generation_drops_the_cut_off_tail():
    assert parse_generation("a red barn in snow\n- a blue kite\n- a half writ") == ["a red barn in snow",
                                                                                   "a blue kite"]
    assert parse_generation("a green hill at dawn\nSome chatter\n") == ["a green hill at dawn"]
    assert parse_generation("no newline means the limit cut it") == []


def test_generated_phrases_are_filtered_and_deduplicated():
    scripted = iter([
        ["a silver teapot on a shelf\n- Nike shoes on a bench\n", "a silver teapot on a shelf\n",
         "x\n", "a foggy harbor at dawn\n- a" + " very" * 60 + " long line\n"],
        ["a striped scarf with fringed edges\n", "a lone pine tree on a hill\n", "\n", "a quiet pond\n"],
    ])
    calls = []

    def fake_generate(prompts):
        calls.append(prompts)
        return next(scripted)

    pairs = generate_descriptions(4, fake_generate, seed=1, batch_size=4, exclude=["a quiet pond"])
    texts = [text for text, _ in pairs]
    assert texts == ["a silver teapot on a shelf", "a foggy harbor at dawn", "a striped scarf with fringed edges",
                     "a lone pine tree on a hill"]
    assert len(calls) == 2 and all(p.endswith("\n- ") for p in calls[0])
    # each phrase keeps the category its prompt asked for (categories go round robin over the batch)
    assert [category for _, category in pairs] == ["landscape", "animals", "food", "objects"]
