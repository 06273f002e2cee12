"""Recipes: every shipped one parses, typos and impossible settings fail, the precision plan fits the GPU."""
from __future__ import annotations

import pytest
import yaml

from training_notebooks.svgtrain.model import plan_precision
from training_notebooks.svgtrain.recipe import PROFILES, from_dict, load_recipe, shipped_recipes


def test_shipped_recipes_cover_the_profiles():
    recipes = [load_recipe(path) for path in shipped_recipes()]
    names = {(r.model.architecture.get("model_type"), r.profile) for r in recipes}
    assert {("gemma3_text", "cpu-tiny"), ("gemma3_text", "t4"), ("gemma3_text", "p100")} <= names
    big = [r for r in recipes if r.model.architecture.get("hidden_size", 0) >= 3584 and r.profile == "t4"]
    assert big and all(r.model.quantize == "4bit" and r.data.max_seq_length >= 2048 for r in big)


@pytest.mark.parametrize("path", shipped_recipes(), ids=lambda p: p.name)
def test_every_recipe_parses_and_round_trips(path):
    recipe = load_recipe(path)
    assert recipe.profile in PROFILES
    assert recipe.lora.target_modules == "all-linear"  # the default the issue asks for
    again = from_dict(yaml.safe_load(recipe.to_yaml()))
    assert again == recipe


@pytest.mark.parametrize("bad, message", [
    ({"trainig": {}}, "unknown key"),
    ({"training": {"learning_rat": 1e-4}}, "training.learning_rat"),
    ({"lora": {"r": "sixteen"}}, "lora.r must be int"),
    ({"profile": "tpu"}, "profile must be one of"),
    ({"profile": "t4", "training": {"mixed_precision": "bf16"}}, "no bf16"),
    ({"profile": "cpu-tiny", "model": {"quantize": "4bit"}}, "runs on CPU"),
    ({"model": "gemma"}, "must be a mapping"),
])
def test_bad_recipes_fail_with_the_key_named(bad, message):
    with pytest.raises(ValueError, match=message):
        from_dict(bad)


def test_unknown_key_in_a_file_names_the_file(tmp_path):
    path = tmp_path / "typo.yaml"
    path.write_text("name: x\nlora:\n  rank: 8\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"typo\.yaml.*lora\.rank"):
        load_recipe(path)


def test_yaml_floats_without_a_dot_and_overrides(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text("training:\n  learning_rate: 2e-4\n", encoding="utf-8")  # YAML 1.1 reads this as a string
    recipe = load_recipe(path, ["training.max_steps=7", "model.new_tokens=['<path d=\"']"])
    assert recipe.training.learning_rate == pytest.approx(2e-4)
    assert recipe.training.max_steps == 7 and recipe.model.new_tokens == ['<path d="']
    with pytest.raises(ValueError, match="section.key=value"):
        load_recipe(path, ["training.max_steps"])


def test_precision_plan_never_uses_bf16_on_t4_or_p100():
    t4 = load_recipe(next(p for p in shipped_recipes() if p.name == "qwen2.5-7b-t4.yaml"))
    for capability in ((7, 5), (6, 0)):
        plan = plan_precision(t4, cuda=True, capability=capability)
        assert (plan.mixed_precision, plan.weights_dtype, plan.load_in_4bit) == ("fp16", "float16", True)
        assert plan.optimizer == "paged_adamw_8bit"
    auto = from_dict({"profile": "a100"})
    assert plan_precision(auto, cuda=True, capability=(8, 0)).mixed_precision == "bf16"
    assert plan_precision(auto, cuda=True, capability=(7, 5)).mixed_precision == "fp16"
    with pytest.raises(ValueError, match="bf16 needs"):
        plan_precision(from_dict({"profile": "a100", "training": {"mixed_precision": "bf16"}}), True, (7, 5))
    cpu = plan_precision(t4, cuda=False)
    assert (cpu.device, cpu.weights_dtype, cpu.mixed_precision, cpu.load_in_4bit, cpu.optimizer) == \
        ("cpu", "float32", "no", False, "adamw_torch")
