"""The LLM backend with the real Gemma 3 270M base model on CPU (from the PyPI GGUF packages).

Loaded once per session (conftest). Budgets are small: 64 new tokens per description.
"""
import time

import pytest

pytest.importorskip("peft")  # the llm extra
from svgllm.backends.llm import LLMBackend  # noqa: E402
from svgllm.backends.llm.finish import trivial_close  # noqa: E402
from svgllm.backends.llm.sources import file_sha256  # noqa: E402
from svgllm.config import ModelConfig  # noqa: E402
from svgllm.deadline import Deadline  # noqa: E402
from svgllm.prompt import SVG_CLOSE, SVG_HEADER, format_example  # noqa: E402
from svgllm.rules import check  # noqa: E402

pytestmark = pytest.mark.slow

# Our own descriptions in the competition's style (short scenes, objects, clothing).
DESCRIPTIONS = ["a red barn in a field of sunflowers", "an orange goldfish in a round glass bowl",
                "green silk scarf with white polka dots"]
TOKENS = 64


def test_gguf_is_converted_once_into_a_cached_hf_folder(gguf_file, hf_dir, llm_cache, monkeypatch):
    import json

    from svgllm.backends.llm import sources

    marker = json.loads((hf_dir / "svgllm-conversion.json").read_text())
    assert marker["sha256"] == file_sha256(gguf_file)
    assert (hf_dir / "config.json").is_file() and (hf_dir / "tokenizer.json").is_file()
    assert "quantization_config" not in json.loads((hf_dir / "config.json").read_text())

    def no_second_conversion(*args):
        raise AssertionError("converted twice")

    monkeypatch.setattr(sources, "save_gguf_as_hf", no_second_conversion)
    assert sources.converted_gguf(gguf_file, llm_cache) == hf_dir


def test_training_format_ends_with_svg_close_then_eos(backend):
    tokenizer = backend._loaded.tokenizer
    svg = SVG_HEADER + '\n<rect width="256" height="256" fill="#112233"/>\n</svg>'
    row = format_example("a dark square", svg, tokenizer)
    ids = tokenizer(row["prompt"] + row["completion"]).input_ids
    assert ids[-1] == tokenizer.eos_token_id
    assert tokenizer.decode(ids[-4:-1]).endswith(SVG_CLOSE)
    assert row["prompt"].endswith("SVG:\n")  # the base model has no chat template: plain form


@pytest.mark.parametrize("description", DESCRIPTIONS)
def test_constrained_greedy_output_is_valid_at_the_first_attempt(backend, description):
    result = backend.generate_candidates(description, Deadline(90), max_new_tokens=TOKENS)
    (candidate,) = result.candidates
    assert result.rounds == 1
    assert candidate.new_tokens <= TOKENS
    assert candidate.raw.startswith(SVG_HEADER)
    assert candidate.raw.endswith(SVG_CLOSE) and candidate.raw.count(SVG_CLOSE) == 1  # closed, nothing after
    assert check(trivial_close(candidate.raw)) == ()
    assert candidate.svg == candidate.raw


def test_without_the_constraint_the_base_model_is_not_valid(backend):
    raws = [backend.generate_candidates(d, Deadline(90), constrained=False, max_new_tokens=TOKENS).candidates[0].raw
            for d in DESCRIPTIONS[:2]]
    valid = [not check(trivial_close(raw)) for raw in raws]
    assert sum(valid) < len(raws), raws


def test_model_chain_answers_with_the_llm(backend, monkeypatch):
    import svgllm.model as model_module
    from svgllm.backends import create_backend as real_create

    monkeypatch.setattr(model_module, "create_backend",
                        lambda name, config: backend if name == "llm" else real_create(name, config))
    model = model_module.Model(backend.config)
    info = model.predict_with_info(DESCRIPTIONS[0])
    assert info.backend == "llm", info.attempts
    assert check(info.svg) == ()


def test_deadline_is_respected(backend):
    started = time.monotonic()
    result = backend.generate_candidates(DESCRIPTIONS[1], Deadline(6.0), max_new_tokens=4000)
    elapsed = time.monotonic() - started
    assert elapsed < 6.0 + 1.0  # one decoding step of slack on a busy 2-core machine
    candidate = result.candidates[0]
    assert candidate.valid and candidate.svg.endswith(SVG_CLOSE)
    assert candidate.new_tokens < 4000


def test_batched_sampled_candidates_are_all_valid(backend, monkeypatch):
    model = backend._loaded.model
    seen = []
    original = model.generate

    def spy(*args, **kwargs):
        seen.append((kwargs["input_ids"].shape[0], kwargs["generation_config"].do_sample))
        return original(*args, **kwargs)

    monkeypatch.setattr(model, "generate", spy)
    result = backend.generate_candidates(DESCRIPTIONS[2], Deadline(60), num_candidates=2, max_new_tokens=32)
    assert seen == [(2, True)]  # one batch of two rows, sampled (greedy rows would be copies)
    assert len(result.candidates) == 2
    assert all(c.valid for c in result.candidates)
    assert result.svg == result.candidates[result.best].svg


def test_candidates_for_best_of_n_put_the_backends_pick_first(backend):
    svgs = backend.candidates(DESCRIPTIONS[0], Deadline(60), 2)
    result = backend.last
    assert len(svgs) == len(result.candidates) >= 2
    assert svgs[0] == result.svg  # the backend's own choice leads, so "first valid" keeps it
    assert sorted(svgs) == sorted(c.svg for c in result.candidates)


def test_lora_adapter_round_trip(hf_dir, backend, tmp_path):
    """A fresh random LoRA made with peft on the real model, saved, then loaded (and merged) by the backend."""
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM

    base = AutoModelForCausalLM.from_pretrained(str(hf_dir), dtype=torch.float32)
    lora = LoraConfig(r=4, lora_alpha=8, target_modules=["q_proj", "v_proj"], init_lora_weights=False,
                      task_type="CAUSAL_LM")
    peft_model = get_peft_model(base, lora)
    peft_model.save_pretrained(str(tmp_path / "adapter"))
    expected = peft_model.merge_and_unload().model.layers[0].self_attn.q_proj.weight.detach()

    config = ModelConfig(llm_model=str(hf_dir), llm_adapter=str(tmp_path / "adapter"),
                         extra={"llm": {"max_new_tokens": 20, "max_rounds": 1}})
    adapted = LLMBackend(config)
    loaded = adapted.load()
    assert loaded.adapter == tmp_path / "adapter"
    merged = loaded.model.model.layers[0].self_attn.q_proj.weight.detach()
    original = backend._loaded.model.model.layers[0].self_attn.q_proj.weight.detach()
    assert torch.allclose(merged, expected, atol=1e-5)
    assert not torch.allclose(merged, original, atol=1e-3)
    svg = adapted.generate("a yellow star", Deadline(30))
    assert check(svg) == ()
