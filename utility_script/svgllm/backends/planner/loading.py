"""Load the planner's model fast: the LLM backend's loader, minus the parts that cost the most on a CPU start.

Measured on 2 shared cores (benchmarks/REPORT.md, planner section), `llm.loading.load` spent most of the planner's
start on three things that are not the model's weights: importing peft (~5-9 s, for one merge), transformers'
`GemmaTokenizer` wrapper (~7 s against ~3 s for the same `tokenizer.json` read by `PreTrainedTokenizerFast`) and,
afterwards, the token table (~4 s of batch decoding, cached on disk by `table_cache`). Here:
- the tokenizer is `PreTrainedTokenizerFast` over the folder's `tokenizer.json` with the special tokens of its
  `tokenizer_config.json` (falls back to `AutoTokenizer` when either is missing or the adapter ships a tokenizer);
- a plain LoRA adapter (no DoRA, rsLoRA, per-module rank/alpha or extra modules) is merged into the weights
  directly, W += B @ A x alpha / r, which is what peft's `merge_and_unload` computes; any other adapter goes
  through peft (`llm.loading.attach_adapter`).
"""
from __future__ import annotations

import json
import logging
from pathlib import Path

log = logging.getLogger(__name__)

_PEFT_PREFIX = "base_model.model."  # peft's saved names: base_model.model.<module path>.lora_A.weight
_SPECIAL_KEYS = ("bos_token", "eos_token", "unk_token", "pad_token", "mask_token")


def fast_tokenizer(folder: Path):
    """The folder's tokenizer as `PreTrainedTokenizerFast` (None when it has no tokenizer.json + config)."""
    from transformers import PreTrainedTokenizerFast

    config_path, file = folder / "tokenizer_config.json", folder / "tokenizer.json"
    if not (config_path.is_file() and file.is_file()):
        return None
    config = json.loads(config_path.read_text(encoding="utf-8"))
    specials = {key: config[key] for key in _SPECIAL_KEYS if isinstance(config.get(key), str)}
    return PreTrainedTokenizerFast(tokenizer_file=str(file), **specials)


def plain_lora(adapter: Path) -> dict | None:
    """The adapter's config when it is a LoRA that `merge_lora` can merge exactly, else None."""
    config = json.loads((adapter / "adapter_config.json").read_text(encoding="utf-8"))
    plain = (config.get("peft_type") == "LORA" and not config.get("use_dora") and not config.get("use_rslora")
             and not config.get("rank_pattern") and not config.get("alpha_pattern")
             and not config.get("modules_to_save") and not config.get("trainable_token_indices")
             and config.get("bias", "none") == "none" and not config.get("lora_bias")
             and not config.get("fan_in_fan_out") and (adapter / "adapter_model.safetensors").is_file())
    return config if plain else None


def merge_lora(model, adapter: Path, config: dict) -> int:
    """Add the LoRA update of every adapted linear layer to its weight, in place; returns how many were merged.

    Raises ValueError when a tensor names no layer of `model` or has the wrong shape (nothing half-merged is
    used: the caller loads the model again through peft)."""
    import torch
    from safetensors.torch import load_file

    tensors = load_file(str(adapter / "adapter_model.safetensors"))
    scale = float(config["lora_alpha"]) / float(config["r"])
    modules = dict(model.named_modules())
    pairs: dict[str, dict] = {}
    for key, tensor in tensors.items():
        name, _, part = key.removeprefix(_PEFT_PREFIX).rpartition(".lora_")
        if part not in ("A.weight", "B.weight"):
            raise ValueError(f"adapter tensor {key} is not a LoRA A/B weight")
        pairs.setdefault(name, {})[part[0]] = tensor
    updates = []
    for name, pair in pairs.items():
        layer = modules.get(name)
        weight = getattr(layer, "weight", None)
        if weight is None or set(pair) != {"A", "B"}:
            raise ValueError(f"adapter layer {name} has no weight in the model or lacks A or B")
        delta = pair["B"].float() @ pair["A"].float() * scale
        if tuple(delta.shape) != tuple(weight.shape):
            raise ValueError(f"adapter layer {name}: update {tuple(delta.shape)} vs weight {tuple(weight.shape)}")
        updates.append((weight, delta))
    with torch.no_grad():  # every tensor checked first, so a bad adapter leaves the model untouched
        for weight, delta in updates:
            weight.add_(delta.to(device=weight.device, dtype=weight.dtype))
    return len(updates)


def load_planner_model(source, adapter=None, device: str = "auto"):
    """`llm.loading.LoadedModel` for the planner: model from `source`, LoRA `adapter` merged, fast tokenizer."""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from ..llm import sources
    from ..llm.loading import LoadedModel, attach_adapter, detect_plan, model_kwargs

    folder = sources.hf_folder(source)
    adapter_path = sources.resolve_adapter(adapter) if adapter else None
    plan = detect_plan("none", "auto", device)
    own_tokenizer = adapter_path is not None and (adapter_path / "tokenizer_config.json").is_file()
    tokenizer = None if own_tokenizer else fast_tokenizer(folder)
    if tokenizer is None:
        tokenizer = AutoTokenizer.from_pretrained(str(adapter_path if own_tokenizer else folder))
    model = AutoModelForCausalLM.from_pretrained(str(folder), **model_kwargs(plan))
    if adapter_path is not None:
        if len(tokenizer) > model.get_input_embeddings().weight.shape[0]:
            model.resize_token_embeddings(len(tokenizer))
        config = None if own_tokenizer else plain_lora(adapter_path)
        try:
            if config is None:
                raise ValueError("not a plain LoRA adapter")
            log.info("planner: merged %d LoRA layers of %s", merge_lora(model, adapter_path, config), adapter_path)
        except ValueError as error:  # merge_lora changed nothing: peft does it
            log.info("planner: %s; merging through peft", error)
            model = attach_adapter(model, adapter_path, merge=True)
    model.eval()
    if tokenizer.pad_token_id is None:
        tokenizer.pad_token = tokenizer.eos_token
    tokenizer.padding_side = "left"
    return LoadedModel(model, tokenizer, plan, folder, adapter_path)
