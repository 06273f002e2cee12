"""Load a causal LM (+ optional LoRA adapter) for inference, choosing device, dtype and quantisation.

The decision (`plan_device`) is pure and unit-tested without a GPU: fp32 on CPU; on CUDA bf16 where the GPU
supports it (compute capability >= 8.0) and fp16 otherwise (Kaggle's T4 is 7.5, P100 6.0); 4-bit NF4 through
bitsandbytes only on CUDA and only when asked. The loading code works with the pinned transformers and with the
older releases of Kaggle's image (`dtype` replaced `torch_dtype` in transformers 4.56).
"""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from . import sources

log = logging.getLogger(__name__)

QUANTIZE_CHOICES = ("none", "4bit")
DTYPE_CHOICES = ("auto", "float32", "float16", "bfloat16")
# "cuda" is "cuda:0": one whole model per GPU (Kaggle's 2x T4: the drawing model on one, a scorer or a second
# replica on the other). "balanced" spreads one model over every visible GPU, for models too big for one card.
DEVICE_HELP = '"auto", "cpu", "cuda" (= "cuda:0"), "cuda:N" (the whole model on GPU N) or "balanced" (spread over GPUs)'


def parse_device(text: str) -> tuple[str, int | None]:
    """("auto"|"cpu"|"cuda"|"balanced", GPU index or None) from a device option; ValueError naming the forms."""
    value = str(text).strip().lower()
    if value in ("auto", "cpu", "balanced"):
        return value, None
    if value == "cuda":
        return "cuda", 0
    head, _, index = value.partition(":")
    if head == "cuda" and index.isdigit():
        return "cuda", int(index)
    raise ValueError(f"device must be {DEVICE_HELP}; got {text!r}")


@dataclass(frozen=True)
class DevicePlan:
    """How to place the model: `device` ("cpu" or "cuda"), torch dtype name, whether to load in 4-bit, and the
    GPU that holds the whole model (`gpu`; None on CUDA spreads it over every visible GPU)."""

    device: str
    dtype: str
    load_in_4bit: bool = False
    gpu: int | None = 0

    @property
    def device_map(self):
        """What to pass as `device_map`: the whole model on GPU `gpu`, or "auto" (spread) when `gpu` is None;
        none on CPU."""
        if self.device != "cuda":
            return None
        return "auto" if self.gpu is None else {"": self.gpu}


def plan_device(cuda: bool, capability: tuple[int, int] | None = None, quantize: str = "none",
                dtype: str = "auto", bitsandbytes: bool = False, gpu: int | None = 0) -> DevicePlan:
    """Choose device, dtype and quantisation.

    `cuda`: whether a CUDA device is usable; `capability`: its compute capability; `quantize`: "none" or "4bit";
    `dtype`: "auto" or an explicit dtype name; `bitsandbytes`: whether bitsandbytes imports; `gpu`: the GPU index
    that holds the model (None: spread over all). Asking for 4-bit on CPU falls back to full precision (logged),
    asking for it without bitsandbytes is an error.
    """
    if quantize not in QUANTIZE_CHOICES:
        raise ValueError(f"quantize must be one of {QUANTIZE_CHOICES}, got {quantize!r}")
    if dtype not in DTYPE_CHOICES:
        raise ValueError(f"dtype must be one of {DTYPE_CHOICES}, got {dtype!r}")
    if not cuda:
        if quantize == "4bit":
            log.warning("4-bit quantisation needs CUDA; loading in float32 on CPU")
        # Half precision on CPU is slow and bf16 matmuls lose accuracy for no speed gain here.
        return DevicePlan("cpu", "float32" if dtype == "auto" else dtype, False)
    bf16_ok = capability is not None and capability >= (8, 0)
    chosen = dtype if dtype != "auto" else ("bfloat16" if bf16_ok else "float16")
    if chosen == "bfloat16" and not bf16_ok:
        log.warning("bfloat16 is not supported by this GPU (capability %s); using float16", capability)
        chosen = "float16"
    if quantize == "4bit" and not bitsandbytes:
        raise ImportError("4-bit loading needs bitsandbytes (pip install bitsandbytes) on a CUDA machine")
    return DevicePlan("cuda", chosen, quantize == "4bit", gpu)


def detect_plan(quantize: str = "none", dtype: str = "auto", device: str = "auto") -> DevicePlan:
    """`plan_device` for this machine (`device="cpu"` forces CPU even when CUDA is present; see `parse_device`)."""
    import torch

    kind, gpu = parse_device(device)
    cuda = kind != "cpu" and torch.cuda.is_available()
    if kind in ("cuda", "balanced") and not cuda:
        raise RuntimeError(f"device {device!r} was asked for but CUDA is not available")
    if cuda and kind == "auto":
        gpu = 0  # a model that fits one GPU runs fastest on one; the other stays free for a scorer or replica
    if cuda and gpu is not None and gpu >= torch.cuda.device_count():
        raise RuntimeError(f"device {device!r} was asked for but only {torch.cuda.device_count()} GPU(s) are visible")
    capability = torch.cuda.get_device_capability(gpu or 0) if cuda else None
    return plan_device(cuda, capability, quantize, dtype, bitsandbytes=cuda and _has_bitsandbytes(), gpu=gpu)


def _has_bitsandbytes() -> bool:
    try:
        import bitsandbytes  # noqa: F401
    except ImportError:
        return False
    return True


def dtype_keyword() -> str:
    """The keyword `from_pretrained` takes for the dtype: "dtype" since transformers 4.56, "torch_dtype" before."""
    import transformers

    return "dtype" if _version(transformers.__version__) >= (4, 56) else "torch_dtype"


def _version(text: str) -> tuple[int, ...]:
    """Leading numeric parts of a version string ("4.56.0.dev0" -> (4, 56, 0))."""
    numbers = []
    for part in text.split("."):
        digits = "".join(ch for ch in part if ch.isdigit()) if part[:1].isdigit() else ""
        if not digits:
            break
        numbers.append(int(digits))
    return tuple(numbers)


def model_kwargs(plan: DevicePlan) -> dict:
    """Keyword arguments of `AutoModelForCausalLM.from_pretrained` for `plan`."""
    import torch

    kwargs: dict = {dtype_keyword(): getattr(torch, plan.dtype), "low_cpu_mem_usage": True}
    if plan.device_map is not None:
        kwargs["device_map"] = plan.device_map
    if plan.load_in_4bit:
        from ...weights import nf4_config

        kwargs["quantization_config"] = nf4_config(plan.dtype, double_quant=True)
    return kwargs


@dataclass
class LoadedModel:
    """A model ready for `generate`, with its tokenizer and where it came from."""

    model: object
    tokenizer: object
    plan: DevicePlan
    folder: Path
    adapter: Path | None = None

    @property
    def device(self):
        """Where inputs must go (the first device of a sharded model)."""
        return next(self.model.parameters()).device


def load(source: str | os.PathLike, adapter: str | os.PathLike | None = None, quantize: str = "none",
         dtype: str = "auto", device: str = "auto", merge_adapter: bool = True,
         cache: Path | None = None) -> LoadedModel:
    """Load tokenizer and model from `source` (see `sources.resolve`), then the LoRA `adapter` if given.

    The tokenizer comes from the adapter folder when it has one (training may add tokens).

    The adapter is merged into the weights when the model is not quantised (faster generation); on a 4-bit
    model it stays a separate module, as peft requires.
    """
    from transformers import AutoModelForCausalLM, AutoTokenizer

    folder = sources.hf_folder(source, cache)
    adapter_path = sources.resolve_adapter(adapter) if adapter else None
    plan = detect_plan(quantize, dtype, device)
    log.info("loading %s on %s as %s%s", folder, plan.device, plan.dtype, " (4-bit)" if plan.load_in_4bit else "")
    # An adapter trained with added tokens ships its tokenizer; the base embeddings then grow to match it.
    has_tokenizer = adapter_path is not None and (adapter_path / "tokenizer_config.json").is_file()
    tokenizer = AutoTokenizer.from_pretrained(str(adapter_path if has_tokenizer else folder))
    model = AutoModelForCausalLM.from_pretrained(str(folder), **model_kwargs(plan))
    if adapter_path is not None:
        if len(tokenizer) > model.get_input_embeddings().weight.shape[0]:
            model.resize_token_embeddings(len(tokenizer))
        model = attach_adapter(model, adapter_path, merge=merge_adapter and not plan.load_in_4bit)
    model.eval()
    if tokenizer.pad_token_id is None:  # batched generation pads; reuse EOS where a model has no pad token
        tokenizer.pad_token = tokenizer.eos_token
    tokenizer.padding_side = "left"  # decoder-only models generate after the prompt: pad on the left
    return LoadedModel(model, tokenizer, plan, folder, adapter_path)


def attach_adapter(model, adapter_path: Path, merge: bool = True):
    """Wrap `model` with the peft LoRA adapter at `adapter_path`; merge it into the weights when `merge`."""
    try:
        from peft import PeftModel
    except ImportError as error:
        raise ImportError("loading a LoRA adapter needs peft (pip install 'svgllm[llm]')") from error
    model = PeftModel.from_pretrained(model, str(adapter_path))
    if merge:
        model = model.merge_and_unload()
    return model
