"""The cpu-tiny recipe on the real Gemma 3 270M: masking, EOS, export, loading by `Model`, resume, added tokens."""
from __future__ import annotations

import json
import shutil

import pytest
from training_rows import tiny_recipe

pytestmark = pytest.mark.slow


def test_prompt_is_masked_and_eos_is_learned(trained, tokenizer):
    row = trained.trainer.train_dataset[0]
    ids, labels = row["input_ids"], row["labels"]
    assert len(ids) == len(labels)
    masked = [i for i, label in enumerate(labels) if label == -100]
    # The prompt (with BOS) is one masked block at the start; the completion is entirely in the labels.
    assert masked == list(range(len(masked))) and len(masked) > 50
    assert labels[-1] == tokenizer.eos_token_id == ids[-1]
    completion = tokenizer.decode(labels[len(masked):])
    assert completion.startswith("<svg") and completion.endswith("</svg>" + tokenizer.eos_token)
    # The evaluation code masks exactly the same positions as the trainer.
    from training_notebooks.svgtrain.evaluate import completion_labels

    prompt = tokenizer.decode(ids[1:len(masked)])  # without BOS: the tokenizer adds it again
    _, eval_labels = completion_labels(tokenizer, prompt, completion)
    assert eval_labels == labels


def test_run_exports_a_complete_adapter_folder(trained):
    out = trained.adapter_dir
    for name in ("adapter_config.json", "adapter_model.safetensors", "tokenizer_config.json", "recipe.yaml",
                 "training_info.json", "loss_curve.png", "model-metadata.json", "model-instance-metadata.json",
                 "README.md", "svgllm-config.json"):
        assert (out / name).is_file(), name
    info = json.loads((out / "training_info.json").read_text())
    assert info["global_step"] == 2 and info["tokens_seen"] > 0 and info["best_eval_loss"] > 0
    assert 0 < info["parameters"]["trainable"] < 0.02 * info["parameters"]["total"]  # LoRA only
    config = json.loads((out / "adapter_config.json").read_text())
    assert set(config["target_modules"]) >= {"q_proj", "v_proj", "gate_proj", "down_proj"}  # all linear layers
    assert (trained.checkpoint_dir / "checkpoint-2" / "trainer_state.json").is_file()
    assert (out / "adapter_model.safetensors").stat().st_size < 20e6


def test_model_loads_the_exported_adapter_and_draws(trained, base_dir):
    from svgllm.config import ModelConfig
    from svgllm.model import Model
    from svgllm.rules import check

    config = ModelConfig(backends=("llm", "palette"), llm_model=str(base_dir), llm_adapter=str(trained.adapter_dir),
                         deadline_s=90, extra={"llm": {"max_new_tokens": 24, "max_rounds": 1}})
    model = Model(config)
    prediction = model.predict_with_info("a red circle on a pale blue background")
    assert prediction.backend == "llm" and check(prediction.svg) == ()
    backend = next(b for b in model.backends if b.name == "llm")
    assert backend.load().adapter == trained.adapter_dir  # the adapter, not just the base model, was loaded


def test_resume_from_checkpoint_through_the_cli(trained, base_dir, dataset_dir, tmp_path):
    """A session that ended at step 2 continues to step 3 from checkpoint-2 (optimizer state and all)."""
    from training_notebooks.svgtrain.train import main

    shutil.copytree(trained.checkpoint_dir, tmp_path / "checkpoints")
    recipe = tiny_recipe(base_dir, tmp_path).to_yaml()
    (tmp_path / "recipe.yaml").write_text(recipe, encoding="utf-8")
    status = main(["--recipe", str(tmp_path / "recipe.yaml"), "--dataset", dataset_dir, "--max-steps", "3",
                   "--resume", "auto"])
    assert status == 0
    info = json.loads((tmp_path / "adapter" / "training_info.json").read_text())
    assert info["resumed_from"].endswith("checkpoint-2") and info["global_step"] == 3
    state = json.loads((tmp_path / "checkpoints" / "checkpoint-2" / "trainer_state.json").read_text())
    history = json.loads((tmp_path / "adapter" / "loss_curve.json").read_text())
    # The resumed run logs only the new step; the earlier ones come from the checkpoint's history.
    steps = [e["step"] for e in history if "loss" in e]
    assert steps == sorted(steps) and steps[-1] == 3 and state["global_step"] == 2


def test_cli_rejects_bad_input(tmp_path, capsys):
    from training_notebooks.svgtrain.train import main

    assert main(["--recipe", str(tmp_path / "missing.yaml")]) == 2
    assert "not found" in capsys.readouterr().err


def test_added_tokens_are_trained_and_reloaded(base_dir, dataset_dir, tmp_path):
    """New SVG tokens: their (tied) embedding rows train, the tokenizer ships with the adapter, reload works."""
    import torch

    from training_notebooks.svgtrain.model import load_trained
    from training_notebooks.svgtrain.train import run

    tokens = ['<rect x="', '" fill="#']
    recipe = tiny_recipe(base_dir, tmp_path, f"model.new_tokens={json.dumps(tokens)}", "training.max_steps=1",
                         "training.eval_steps=50", "training.learning_rate=1.0e-2")
    result = run(recipe, dataset_dir)
    ids = result.info["new_token_ids"]
    assert len(ids) == 2 and min(ids) >= 262144
    model = result.trainer.model
    layer = model.get_input_embeddings()
    delta = layer.token_adapter.trainable_tokens_delta["default"]
    original = layer.token_adapter.trainable_tokens_original["default"]
    assert not torch.allclose(delta, original)  # the rows moved
    row = model(input_ids=torch.tensor([[ids[0]]])).logits
    assert row.shape[-1] == 262144 + 2  # the output head covers the new tokens (tied rows)
    assert (result.adapter_dir / "adapter_model.safetensors").stat().st_size < 20e6  # deltas, not the embedding
    reloaded, tokenizer = load_trained(str(base_dir), result.adapter_dir, device="cpu")
    assert tokenizer.convert_tokens_to_ids(tokens) == ids
    encoded = tokenizer('<rect x="1" fill="#ffffff"/>', add_special_tokens=False)["input_ids"]
    assert ids[0] in encoded and ids[1] in encoded
    emb = reloaded.get_input_embeddings()
    assert torch.allclose(emb(torch.tensor([ids[0]])), layer(torch.tensor([ids[0]])), atol=1e-5)


def test_evaluate_writes_results_and_gallery_next_to_the_adapter(trained, base_dir, dataset_dir):
    import math

    from training_notebooks.svgtrain.evaluate import RESULTS_FILE, evaluate

    recipe = tiny_recipe(base_dir, trained.adapter_dir.parent, "evaluation.max_rows=1",
                         "evaluation.generate_rows=1", "evaluation.max_new_tokens=12")
    results = evaluate(trained.adapter_dir, recipe, dataset_dir)
    ppl = results["perplexity"]
    assert ppl["rows"] == 1 and ppl["completion_tokens"] > 50 and 1.0 < ppl["perplexity"] < 100
    assert math.isclose(math.log(ppl["perplexity"]), ppl["nll_per_token"])
    generation = results["generation"]
    assert generation["rows"] == 1 and 0 < generation["mean_new_tokens"] <= 12
    # 12 tokens cannot hold a closed SVG: the first attempt is honestly counted as invalid
    assert generation["valid_first_attempt"] == 0.0 and generation["closed"] == 0.0
    saved = json.loads((trained.adapter_dir / RESULTS_FILE).read_text())
    assert saved["perplexity"] == ppl
    assert (trained.adapter_dir / "gallery" / "index.html").is_file()
