"""Memory: the written estimate keeps every GPU recipe under its budget; the measurement's CPU-safe parts work."""
from __future__ import annotations

import dataclasses

import pytest

from training_notebooks.svgtrain.memory import GIB, Architecture, estimate, lora_params
from training_notebooks.svgtrain.recipe import from_dict, load_recipe, shipped_recipes

QWEN_T4 = next(p for p in shipped_recipes() if p.name == "qwen2.5-7b-t4.yaml")


def test_7b_t4_recipe_at_2048_tokens_is_estimated_under_14_5_gib():
    recipe = load_recipe(QWEN_T4)
    arch = Architecture.from_recipe(recipe)
    assert 7.0e9 < arch.linear_params() + arch.embedding_params() < 8.0e9  # really a 7B-class model
    result = estimate(recipe, seq_len=2048)
    assert result.total / GIB <= 14.5
    # 4-bit linears + fp16 embeddings: well under the 15 GB fp16 weights would need.
    assert 4.0 < result.weights / GIB < 6.0
    assert min(dataclasses.astuple(result)) > 0


@pytest.mark.parametrize("path", shipped_recipes(), ids=lambda p: p.name)
def test_every_gpu_recipe_fits_its_profile(path):
    recipe = load_recipe(path)
    if recipe.hardware.budget_gib is None:
        pytest.skip("CPU profile: no GPU budget")
    assert estimate(recipe).total / GIB <= recipe.hardware.budget_gib


def test_estimate_responds_to_the_knobs():
    recipe = load_recipe(QWEN_T4)
    short, long = estimate(recipe, seq_len=512), estimate(recipe, seq_len=2048)
    assert long.logits == pytest.approx(4 * short.logits) and long.activations > short.activations
    no_ckpt = dataclasses.replace(recipe, model=dataclasses.replace(recipe.model, gradient_checkpointing=False))
    assert estimate(no_ckpt).activations > 3 * estimate(recipe).activations
    full = dataclasses.replace(recipe, model=dataclasses.replace(recipe.model, quantize="none"))
    assert estimate(full).weights > 2.5 * estimate(recipe).weights
    assert estimate(full).total / GIB > 14.5  # a 7B model in fp16 does not fit a T4: 4-bit is what makes it fit


def test_lora_parameter_count_by_hand():
    arch = Architecture(hidden_size=8, intermediate_size=16, num_hidden_layers=2, num_attention_heads=2,
                        num_key_value_heads=1, vocab_size=10)
    # head_dim 4: q 8->8, k 8->4, v 8->4, o 8->8, gate/up 8->16, down 16->8; r * (in + out) per layer
    per_layer = 2 * (16 + 12 + 12 + 16 + 24 + 24 + 24)
    assert lora_params(arch, 2, "all-linear") == 2 * per_layer
    assert lora_params(arch, 2, ["q_proj", "v_proj"]) == 2 * 2 * (16 + 12)


def test_architecture_must_be_complete():
    with pytest.raises(ValueError, match="hidden_size"):
        Architecture.from_recipe(from_dict({"model": {"architecture": {"vocab_size": 10}}}))


def test_random_weight_model_materialises_on_cpu():
    torch = pytest.importorskip("torch")
    pytest.importorskip("transformers")
    from transformers import AutoModelForCausalLM

    from training_notebooks.svgtrain.memory import build_config, materialise, random_linear

    recipe = from_dict({"model": {"architecture": {
        "model_type": "gemma3_text", "hidden_size": 32, "intermediate_size": 64, "num_hidden_layers": 2,
        "num_attention_heads": 2, "num_key_value_heads": 1, "head_dim": 16, "vocab_size": 128,
        "tie_word_embeddings": True}}})
    with torch.device("meta"):
        model = AutoModelForCausalLM.from_config(build_config(recipe), dtype=torch.float32)
    replaced = materialise(model, torch.device("cpu"), random_linear(torch.float32))
    assert replaced == 2 * 7  # every decoder linear layer, not the tied head
    assert all(p.device.type == "cpu" for p in model.parameters())
    assert model.get_output_embeddings().weight is model.get_input_embeddings().weight
    ids = torch.randint(0, 128, (1, 12))
    loss = model(input_ids=ids, labels=ids).loss
    assert torch.isfinite(loss)


def test_measure_peak_refuses_without_cuda():
    torch = pytest.importorskip("torch")
    if torch.cuda.is_available():
        pytest.skip("CUDA present: the measurement itself runs in the GPU check")
    from training_notebooks.svgtrain.memory import measure_peak

    with pytest.raises(RuntimeError, match="CUDA"):
        measure_peak(load_recipe(QWEN_T4))
