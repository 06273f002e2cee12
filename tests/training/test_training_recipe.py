"""Recipes: every shipped one parses, typos and impossible settings fail, the precision plan fits the GPU."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import svgllm
import yaml
from svgllm import dataconfig

from training_notebooks.svgtrain.model import plan_precision
from training_notebooks.svgtrain.recipe import (
    PROFILES,
    DataSection,
    Recipe,
    from_dict,
    load_recipe,
    shipped_recipes,
)


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
    ({"trainig": {}}, r"unknown recipe keys: trainig \(known: data, evaluation,"),
    ({"training": {"learning_rat": 1e-4}}, r"unknown keys in training: training\.learning_rat"),
    ({"lora": {"r": "sixteen"}}, "lora.r must be an integer, got 'sixteen'"),
    ({"lora": {"r": 0}}, r"lora\.r must be an integer in \[1, \.\.\.\], got 0"),
    ({"lora": {"dropout": 1}}, r"lora\.dropout must be a number in \[0, 1\), got 1\.0"),
    ({"lora": {"target_modules": 3}}, "lora.target_modules must be a string or a list, got 3"),
    ({"model": {"new_tokens": ["ok", 5]}}, r"model\.new_tokens\[1\] must be a string, got 5"),
    ({"model": {"new_tokens": [""]}}, "new_tokens must be a list of non-empty strings"),
    ({"model": {"quantize": "8bit"}}, "model.quantize must be one of none, 4bit, got '8bit'"),
    ({"data": {"max_train_rows": 2.5}}, "data.max_train_rows must be an integer, got 2.5"),
    ({"data": {"validation_fraction": 1}}, r"data\.validation_fraction must be a number in \(0, 1\)"),
    ({"training": {"learning_rate": 0}}, r"training\.learning_rate must be a number in \(0, \.\.\.\]"),
    ({"training": {"eval_steps": 0}}, "training.eval_steps must be an integer in"),
    ({"evaluation": {"constrained": "maybe"}}, "evaluation.constrained must be true or false, got 'maybe'"),
    ({"profile": "tpu"}, "profile must be one of cpu-tiny, t4, p100, a100, got 'tpu'"),
    ({"profile": "t4", "training": {"mixed_precision": "bf16"}}, "no bf16"),
    ({"profile": "cpu-tiny", "model": {"quantize": "4bit"}}, "runs on CPU"),
    ({"model": "gemma"}, "model must be a mapping"),
])
def test_bad_recipes_fail_with_the_key_named(bad, message):
    with pytest.raises(ValueError, match=message):
        from_dict(bad)


def test_the_packaged_planner_recipe_loads_and_round_trips():
    path = Path(svgllm.__file__).parent / "data" / "planner" / "recipe.yaml"
    recipe = load_recipe(path)
    assert recipe.data.task == "planner" and recipe.training.mixed_precision == "no"
    assert load_recipe(path) == from_dict(yaml.safe_load(recipe.to_yaml())) == recipe


def test_training_cli_options_are_made_from_the_fields(tmp_path, capsys):
    from training_notebooks.svgtrain.train import main, parse_args

    with pytest.raises(SystemExit):
        parse_args(["--help"])
    text = " ".join(capsys.readouterr().out.split())
    for section, name in (("data", "dataset"), ("training", "output_dir"), ("training", "max_steps")):
        item = next(f for f in dataclasses.fields(type(getattr(Recipe(), section))) if f.name == name)
        assert f"{item.metadata['cli']} {item.metadata['metavar']} {item.metadata['help']}" in text
    path = tmp_path / "r.yaml"
    path.write_text("training:\n  max_steps: 5\n  output_dir: runs/file\n", encoding="utf-8")
    _, args = parse_args(["--recipe", str(path), "--max-steps", "7", "--dataset", "data.jsonl",
                          "--set", "training.max_steps=6", "--set", "lora.r=4"])
    recipe = load_recipe(args.recipe, args.overrides, dataconfig.overrides_from_args(args, Recipe))
    # flags win over --set, which wins over the file; the rest of the file stays
    assert (recipe.training.max_steps, recipe.data.dataset, recipe.lora.r) == (7, "data.jsonl", 4)
    assert recipe.training.output_dir == "runs/file"
    assert main(["--recipe", str(path), "--max-steps", "seven"]) == 2
    assert "--max-steps: training.max_steps must be an integer, got 'seven'" in capsys.readouterr().err


def test_evaluate_cli_takes_the_dataset_flag_from_the_field(capsys):
    from training_notebooks.svgtrain.evaluate import main

    with pytest.raises(SystemExit):
        main(["--help"])
    text = " ".join(capsys.readouterr().out.split())
    dataset = next(f for f in dataclasses.fields(DataSection) if f.name == "dataset")
    assert f"--dataset PATH {dataset.metadata['help']}" in text and "--max-steps" not in text


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
