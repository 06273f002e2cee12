"""GPU memory of a recipe: a written estimate (weights, LoRA, optimizer, activations, logits) and, on CUDA, the
measured peak of real training steps on a model with random weights of the same architecture (no download).

The logits term counts full logits (half precision, fp32 copy, log-softmax, gradient): an upper bound for trl
1.16, whose fused LM head scores completion tokens in chunks, and exactly what `measure_peak`'s plain loss does.
The estimate uses only `model.architecture` from the recipe, so it runs anywhere (CI checks every CUDA recipe
against its profile's budget, e.g. 14.5 GiB on a 16 GB T4). The measurement builds the model on the meta device and
materialises it layer by layer straight onto the GPU (4-bit layers are quantised on the way), so a 7B model never
needs 15 GB of host memory or a download.

CLI: python -m training_notebooks.svgtrain.memory [--measure] RECIPE...
"""
from __future__ import annotations

import dataclasses
import json
import sys
import time
from dataclasses import dataclass

GIB = 1024 ** 3
# bitsandbytes NF4 with double quantisation: 4 bits per weight + ~0.127 bits of (quantised) block statistics.
NF4_BITS = 4.127
DTYPE_BYTES = {"float32": 4, "float16": 2, "bfloat16": 2}
ADAM_STATE_BYTES = {"paged_adamw_8bit": 2, "adamw_8bit": 2, "adamw_torch": 8, "adamw_torch_fused": 8}
PROFILE_CAPABILITY = {"t4": (7, 5), "p100": (6, 0), "a100": (8, 0)}
CUDA_CONTEXT_GIB = 0.45  # CUDA/cuBLAS context: outside max_memory_allocated but inside the 16 GB
FRAGMENTATION = 1.08  # caching-allocator slack on top of the live tensors
LINEAR_NAMES = ("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj")


@dataclass
class Architecture:
    """The config.json fields that decide memory."""

    hidden_size: int
    intermediate_size: int
    num_hidden_layers: int
    num_attention_heads: int
    num_key_value_heads: int
    vocab_size: int
    head_dim: int | None = None
    tie_word_embeddings: bool = False

    @classmethod
    def from_recipe(cls, recipe) -> Architecture:
        """Read `recipe.model.architecture` (extra keys such as model_type are ignored here)."""
        arch = recipe.model.architecture
        names = {f.name for f in dataclasses.fields(cls)}
        missing = sorted(n for n in names - {"head_dim", "tie_word_embeddings"} if n not in arch)
        if missing:
            raise ValueError(f"recipe {recipe.name}: model.architecture lacks {', '.join(missing)}")
        return cls(**{k: v for k, v in arch.items() if k in names})

    @property
    def dim(self) -> int:
        """Per-head dimension."""
        return self.head_dim or self.hidden_size // self.num_attention_heads

    def linear_shapes(self) -> dict[str, tuple[int, int]]:
        """(in, out) of each linear layer of one decoder block, by module name."""
        h, i, q, kv = self.hidden_size, self.intermediate_size, self.num_attention_heads, self.num_key_value_heads
        d = self.dim
        return {"q_proj": (h, q * d), "k_proj": (h, kv * d), "v_proj": (h, kv * d), "o_proj": (q * d, h),
                "gate_proj": (h, i), "up_proj": (h, i), "down_proj": (i, h)}

    def linear_params(self) -> int:
        """Parameters in all decoder linear layers."""
        return self.num_hidden_layers * sum(a * b for a, b in self.linear_shapes().values())

    def embedding_params(self) -> int:
        """Input embedding + output head (once when tied)."""
        return self.vocab_size * self.hidden_size * (1 if self.tie_word_embeddings else 2)


@dataclass
class MemoryEstimate:
    """Estimated bytes per component and in total (GiB helpers for reports)."""

    weights: float
    lora: float
    optimizer: float
    activations: float
    logits: float
    overhead: float

    @property
    def total(self) -> float:
        """Sum of the components, bytes."""
        return self.weights + self.lora + self.optimizer + self.activations + self.logits + self.overhead

    def gib(self) -> dict[str, float]:
        """Every component and the total in GiB, rounded."""
        parts = dataclasses.asdict(self)
        parts["total"] = self.total
        return {k: round(v / GIB, 3) for k, v in parts.items()}


def lora_params(arch: Architecture, r: int, targets) -> int:
    """Parameters of LoRA rank `r` on `targets` ("all-linear" or a list of module names)."""
    chosen = LINEAR_NAMES if targets == "all-linear" else [n for n in LINEAR_NAMES if n in targets]
    shapes = arch.linear_shapes()
    return arch.num_hidden_layers * sum(r * (shapes[n][0] + shapes[n][1]) for n in chosen)


def precision_for(recipe):
    """The precision plan the recipe gets on its own profile's GPU (CPU profiles: the CPU plan)."""
    from .model import plan_precision

    capability = PROFILE_CAPABILITY.get(recipe.profile)
    return plan_precision(recipe, recipe.hardware.device == "cuda", capability)


def estimate(recipe, seq_len: int | None = None, batch: int | None = None) -> MemoryEstimate:
    """Estimate peak training memory of `recipe` at `seq_len` tokens x `batch` rows (defaults: the recipe's)."""
    arch = Architecture.from_recipe(recipe)
    plan = precision_for(recipe)
    s = seq_len or recipe.data.max_seq_length
    b = batch or recipe.training.per_device_train_batch_size
    h, layers = arch.hidden_size, arch.num_hidden_layers
    wbytes = DTYPE_BYTES[plan.weights_dtype]
    act = 2 if plan.mixed_precision in ("fp16", "bf16") else wbytes  # autocast runs matmuls in half precision

    linear_bytes = arch.linear_params() * (NF4_BITS / 8 if plan.load_in_4bit else wbytes)
    weights = linear_bytes + arch.embedding_params() * wbytes + layers * 4 * h * wbytes  # + norms

    n_lora = lora_params(arch, recipe.lora.r, recipe.lora.target_modules)
    new_rows = len(recipe.model.new_tokens) if recipe.lora.train_new_tokens else 0
    heads = 1 if arch.tie_word_embeddings else 2
    n_tokens = new_rows * h * heads
    lora = (n_lora + n_tokens) * (4 + 4)  # fp32 trainable weights + fp32 gradients
    if new_rows:  # peft builds the merged embedding (and head) matrix every forward pass
        lora += arch.vocab_size * h * wbytes * heads
    optimizer = (n_lora + n_tokens) * ADAM_STATE_BYTES.get(plan.optimizer, 8)

    tokens = b * s
    q, kv, d, inter = arch.num_attention_heads, arch.num_key_value_heads, arch.dim, arch.intermediate_size
    if recipe.model.attn_implementation == "eager":
        attention = b * q * s * s * (2 * act + 4)  # scores, fp32 softmax, probabilities kept for backward
    else:
        attention = tokens * (q + 2 * kv) * d * act * 2  # flash / memory-efficient kernels keep O(s) state
    mlp = tokens * inter * act * 4  # gate, up, activation, product
    block = attention + mlp + tokens * h * act * 8 + tokens * (q + 2 * kv) * d * act
    block += tokens * recipe.lora.r * act * len(LINEAR_NAMES)
    dequant = max(a * b_ for a, b_ in arch.linear_shapes().values()) * 2 if plan.load_in_4bit else 0
    if recipe.model.gradient_checkpointing:
        activations = layers * tokens * h * act + block + dequant  # layer inputs + one block recomputed
    else:
        activations = layers * block + dequant
    # Logits in half precision, their fp32 upcast for the loss, log-softmax kept for backward, fp32 gradient.
    logits = tokens * arch.vocab_size * (act + 4 + 4 + 4)
    live = weights + lora + optimizer + activations + logits
    overhead = live * (FRAGMENTATION - 1) + (CUDA_CONTEXT_GIB * GIB if plan.device == "cuda" else 0)
    return MemoryEstimate(weights, lora, optimizer, activations, logits, overhead)


# ----------------------------------------------------------------------------------------------- measurement
def build_config(recipe):
    """A transformers config from `recipe.model.architecture` (needs its `model_type`); no files read."""
    from transformers import AutoConfig

    arch = dict(recipe.model.architecture)
    model_type = arch.pop("model_type", None)
    if not model_type:
        raise ValueError(f"recipe {recipe.name}: model.architecture needs model_type to build a random model")
    config = AutoConfig.for_model(model_type, **arch)
    config.use_cache = False
    return config


def materialise(model, device, linear_factory, skip=("lm_head",), std: float = 0.02) -> int:
    """Give every meta tensor of `model` real random storage on `device`, module by module.

    Linear layers (except `skip`) are replaced by `linear_factory(linear, device)` (e.g. a 4-bit layer), so only
    one full-precision layer exists at a time. Other parameters get N(0, std) values, float buffers ones. Returns the
    number of linear layers replaced.
    """
    import torch

    replaced = 0
    for parent in list(model.modules()):
        for name, child in list(parent.named_children()):
            if isinstance(child, torch.nn.Linear) and name not in skip:
                setattr(parent, name, linear_factory(child, device))
                replaced += 1
    for module in model.modules():
        for name, param in list(module.named_parameters(recurse=False)):
            if param.device.type == "meta":
                data = torch.empty(param.shape, dtype=param.dtype, device=device).normal_(0.0, std)
                module._parameters[name] = torch.nn.Parameter(data, requires_grad=False)
        for name, buffer in list(module.named_buffers(recurse=False)):
            if buffer is not None and buffer.device.type == "meta":
                # Ones, not zeros: a zero embedding scale or rotary frequency would make every activation zero,
                # the fp16 grad scaler could then skip steps and the optimizer state would never be allocated.
                fill = 1 if buffer.is_floating_point() else 0
                module._buffers[name] = torch.full(buffer.shape, fill, dtype=buffer.dtype, device=device)
    if getattr(model.config, "tie_word_embeddings", False) and hasattr(model, "tie_weights"):
        model.tie_weights()
    return replaced


def random_linear(dtype):
    """A `linear_factory` for unquantised layers: random weights of `dtype`."""
    import torch

    def make(linear, device):
        layer = torch.nn.Linear(linear.in_features, linear.out_features, bias=linear.bias is not None,
                                device=device, dtype=dtype)
        torch.nn.init.normal_(layer.weight, 0.0, 0.02)
        layer.requires_grad_(False)
        return layer
    return make


def nf4_linear(compute_dtype):
    """A `linear_factory` making bitsandbytes NF4 + double-quant layers (quantised when moved to CUDA)."""
    import bitsandbytes as bnb
    import torch

    def make(linear, device):
        layer = bnb.nn.Linear4bit(linear.in_features, linear.out_features, bias=linear.bias is not None,
                                  compute_dtype=compute_dtype, compress_statistics=True, quant_type="nf4",
                                  device="cpu")
        weight = torch.randn(linear.out_features, linear.in_features, dtype=torch.float16) * 0.02
        layer.weight = bnb.nn.Params4bit(weight, requires_grad=False, compress_statistics=True, quant_type="nf4")
        if linear.bias is not None:
            layer.bias = torch.nn.Parameter(torch.zeros(linear.out_features, dtype=compute_dtype),
                                            requires_grad=False)
        return layer.to(device)  # Params4bit quantises on the way to the GPU
    return make


def measure_peak(recipe, steps: int = 3, seq_len: int | None = None, batch: int | None = None) -> dict:
    """Peak `torch.cuda.max_memory_allocated` over `steps` LoRA training steps of a random-weight model.

    Same architecture, precision, quantisation, LoRA, gradient checkpointing and optimizer as `recipe`; random
    token ids of the recipe's sequence length. CUDA only (raises RuntimeError elsewhere).
    """
    import torch

    if not torch.cuda.is_available():
        raise RuntimeError("measuring GPU memory needs CUDA; use estimate() on this machine")
    from peft import get_peft_model
    from transformers import AutoModelForCausalLM

    from .model import detect_precision, lora_config

    plan = detect_precision(recipe)
    dtype = getattr(torch, plan.weights_dtype)
    compute = torch.bfloat16 if plan.mixed_precision == "bf16" else torch.float16
    s = seq_len or recipe.data.max_seq_length
    b = batch or recipe.training.per_device_train_batch_size
    torch.cuda.empty_cache()
    torch.cuda.reset_peak_memory_stats()
    with torch.device("meta"):
        model = AutoModelForCausalLM.from_config(build_config(recipe), dtype=dtype,
                                                 attn_implementation=recipe.model.attn_implementation)
    factory = nf4_linear(compute) if plan.load_in_4bit else random_linear(dtype)
    materialise(model, torch.device("cuda"), factory)
    if plan.load_in_4bit:
        model.is_loaded_in_4bit = True  # what from_pretrained sets; peft then wraps the layers with 4-bit LoRA
    if recipe.model.gradient_checkpointing:
        model.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})
        model.enable_input_require_grads()
    model = get_peft_model(model, lora_config(recipe, model, []))
    trainable = [p for p in model.parameters() if p.requires_grad]
    for p in trainable:
        p.data = p.data.float()
    optimizer = _optimizer(plan.optimizer, trainable, recipe.training.learning_rate)
    scaler = torch.amp.GradScaler("cuda", enabled=plan.mixed_precision == "fp16")
    after_load = torch.cuda.memory_allocated()
    ids = torch.randint(0, model.config.vocab_size, (b, s), device="cuda")
    started = time.monotonic()
    for _ in range(steps):
        with torch.autocast("cuda", dtype=compute, enabled=plan.mixed_precision != "no"):
            loss = model(input_ids=ids, labels=ids).loss
        scaler.scale(loss).backward()
        scaler.step(optimizer)
        scaler.update()
        optimizer.zero_grad(set_to_none=True)
    torch.cuda.synchronize()
    seconds = (time.monotonic() - started) / steps
    peak = torch.cuda.max_memory_allocated()
    del model, optimizer
    torch.cuda.empty_cache()
    return {"recipe": recipe.name, "device": torch.cuda.get_device_name(0), "seq_len": s, "batch": b,
            "peak_gib": round(peak / GIB, 3), "after_load_gib": round(after_load / GIB, 3),
            "seconds_per_step": round(seconds, 3), "tokens_per_second": round(b * s / seconds, 1),
            "estimate_gib": estimate(recipe, s, b).gib()}


def _optimizer(name: str, params, lr: float):
    """The optimizer the trainer would build for `name`."""
    import torch

    if name in ("paged_adamw_8bit", "adamw_8bit"):
        import bitsandbytes as bnb

        cls = bnb.optim.PagedAdamW8bit if name.startswith("paged") else bnb.optim.AdamW8bit
        return cls(params, lr=lr)
    return torch.optim.AdamW(params, lr=lr)


def main(argv: list[str] | None = None) -> int:
    """Print the estimate (and with --measure the CUDA peak) of each recipe as JSON lines."""
    import argparse

    from .recipe import load_recipe

    parser = argparse.ArgumentParser(prog="python -m training_notebooks.svgtrain.memory", description=main.__doc__)
    parser.add_argument("recipes", nargs="+", help="recipe YAML files")
    parser.add_argument("--measure", action="store_true", help="also measure on CUDA with random weights")
    parser.add_argument("--steps", type=int, default=3)
    args = parser.parse_args(argv)
    status = 0
    for path in args.recipes:
        try:
            recipe = load_recipe(path)
            row = {"recipe": recipe.name, "profile": recipe.profile, "estimate_gib": estimate(recipe).gib(),
                   "budget_gib": recipe.hardware.budget_gib}
            if args.measure:
                row["measured"] = measure_peak(recipe, args.steps)
        except (ValueError, FileNotFoundError, RuntimeError) as error:
            row, status = {"recipe": path, "error": str(error)}, 1
        print(json.dumps(row))
    return status


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
