"""The steps of benchmarks/gpu_check.py. Each takes the run's `Context` and returns a dict of measurements; it
raises `Skip` for what cannot run here (reported as skipped, with why) and anything else for a failure.

On CUDA the sizes are the real ones; with `ctx.smoke` (CPU) every step runs the same code on shrunk shapes, and
only what needs CUDA (bitsandbytes 4-bit, the CUDA memory counters) is skipped.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

GIB = 1024 ** 3
ROOT = Path(__file__).resolve().parent.parent
RECIPES = ROOT / "training_notebooks" / "recipes"
DESCRIPTION = "a red cabin beside a blue lake under a yellow sun"
# Published dense fp16 tensor throughput (TFLOP/s) per GPU name fragment, for scaling a measured speed to a T4.
PEAK_FP16_TFLOPS = {"H200": 989.0, "H100": 989.0, "A100": 312.0, "L4": 121.0, "T4": 65.0, "P100": 18.7}
PROFILE_GPU = {"t4": "T4", "p100": "P100"}
T4_MEMORY_GIB = 15.0  # a 16 GB T4 as CUDA reports it


class Skip(Exception):
    """This step (or part) cannot run on this machine; the message says why."""


@dataclass
class Context:
    """What every step needs: output folder, scratch folder, device and whether this is the CPU smoke run."""

    out: Path
    scratch: Path
    device: str  # "cuda" or "cpu"
    smoke: bool

    @property
    def cuda(self) -> bool:
        """Whether the steps run on a GPU."""
        return self.device == "cuda"


def cuda_memory() -> dict:
    """Peak allocated / reserved GiB since the last `reset_cuda_peak` (empty dict on the CPU)."""
    import torch

    if not torch.cuda.is_available():
        return {}
    return {"peak_allocated_gib": round(torch.cuda.max_memory_allocated() / GIB, 3),
            "peak_reserved_gib": round(torch.cuda.max_memory_reserved() / GIB, 3)}


def reset_cuda_peak() -> None:
    """Free cached blocks and restart the peak counters (no-op on the CPU)."""
    import torch

    if torch.cuda.is_available():
        torch.cuda.empty_cache()
        torch.cuda.reset_peak_memory_stats()


def scale_speed(per_second: float, target: str) -> dict:
    """`per_second` measured on this GPU scaled to `target` ("T4", "P100") by published fp16 peak throughput."""
    import torch

    name = torch.cuda.get_device_name(0)
    here = next((value for key, value in PEAK_FP16_TFLOPS.items() if key in name), None)
    if here is None:
        return {f"scaled_to_{target}": None, "scaling": f"no published peak known for {name}"}
    ratio = PEAK_FP16_TFLOPS[target] / here
    return {f"scaled_to_{target}": round(per_second * ratio, 3),
            "scaling": f"x{ratio:.4f} = {PEAK_FP16_TFLOPS[target]} / {here} fp16 TFLOP/s ({name})"}


# ------------------------------------------------------------------------------------------------ 1. QLoRA
def qlora(ctx: Context, recipe_file: str, overrides: tuple[str, ...] = ()) -> dict:
    """Training memory and speed of a recipe: the estimate, and on CUDA `measure_peak` (random weights, the recipe's
    precision / 4-bit / LoRA / checkpointing, 2,048 tokens); on the CPU a LoRA step on the shrunk architecture."""
    from training_notebooks.svgtrain.memory import CUDA_CONTEXT_GIB, estimate, measure_peak
    from training_notebooks.svgtrain.recipe import load_recipe

    recipe = load_recipe(RECIPES / recipe_file, list(overrides))
    row = {"recipe": recipe.name, "profile": recipe.profile, "quantize": recipe.model.quantize,
           "estimate_gib": estimate(recipe).gib(), "budget_gib": recipe.hardware.budget_gib}
    if not ctx.cuda:
        row["cpu_tiny"] = cpu_lora_steps(recipe)
        row["skipped"] = ["measure_peak: no CUDA"] + (["4-bit NF4: no CUDA"] if recipe.model.quantize == "4bit" else [])
        return row
    reset_cuda_peak()
    measured = measure_peak(recipe, steps=2)
    row.update(measured)
    row.update(cuda_memory())
    row["fits"] = measured["peak_gib"] + CUDA_CONTEXT_GIB <= recipe.hardware.budget_gib
    row.update(scale_speed(measured["tokens_per_second"], PROFILE_GPU.get(recipe.profile, "T4")))
    return row


def cpu_lora_steps(recipe, seq_len: int = 32, steps: int = 2) -> dict:
    """Two LoRA training steps of the recipe's model type, shrunk (`gpu_models.TINY_LLM`), on the CPU in fp32."""
    import torch
    from peft import get_peft_model
    from transformers import AutoConfig, AutoModelForCausalLM

    from benchmarks.gpu_models import architecture
    from training_notebooks.svgtrain.model import lora_config

    values = architecture(recipe, tiny=True)
    config = AutoConfig.for_model(values.pop("model_type"), **values)
    config.use_cache = False
    torch.manual_seed(0)
    model = AutoModelForCausalLM.from_config(config, attn_implementation=recipe.model.attn_implementation)
    if recipe.model.gradient_checkpointing:
        model.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})
        model.enable_input_require_grads()
    model = get_peft_model(model, lora_config(recipe, model, []))
    trainable = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(trainable, lr=recipe.training.learning_rate)
    ids = torch.randint(0, config.vocab_size, (1, seq_len))
    started = time.monotonic()
    losses = []
    for _ in range(steps):
        loss = model(input_ids=ids, labels=ids).loss
        loss.backward()
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        losses.append(round(float(loss), 4))
    seconds = time.monotonic() - started
    return {"seq_len": seq_len, "steps": steps, "losses": losses, "trainable_params": sum(p.numel() for p in trainable),
            "tokens_per_second": round(steps * seq_len / seconds, 1)}


# ---------------------------------------------------------------------------------------------- 2. LLM backend
def llm_backend(ctx: Context) -> dict:
    """Batched constrained generation (N candidates) through `LLMBackend` with a random-weight Gemma 3 270M shape
    (fp16 on CUDA, as on a T4), then the same batch unconstrained: tokens/s, grammar overhead, peak memory."""
    from svgllm.backends.llm import LLMBackend
    from svgllm.config import ModelConfig
    from svgllm.deadline import Deadline

    from benchmarks.gpu_models import architecture, random_causal_lm
    from training_notebooks.svgtrain.recipe import load_recipe

    recipe = load_recipe(RECIPES / "gemma3-270m-t4.yaml")
    dtype = "float16" if ctx.cuda else "float32"
    n, tokens = (8, 256) if ctx.cuda else (2, 24)
    folder = random_causal_lm(architecture(recipe, tiny=ctx.smoke), ctx.scratch / "llm-270m", device=ctx.device,
                              dtype=dtype)
    options = {"num_candidates": n, "max_new_tokens": tokens, "max_rounds": 1, "do_sample": True, "seed": 0,
               "device": ctx.device, "dtype": dtype}
    backend = LLMBackend(ModelConfig(backends=("llm",), llm_model=str(folder), deadline_s=240,
                                     extra={"llm": options}))
    started = time.monotonic()
    backend.load()
    row = {"shape": "tiny" if ctx.smoke else "gemma3-270m", "dtype": dtype, "candidates": n,
           "max_new_tokens": tokens, "load_s": round(time.monotonic() - started, 2)}
    reset_cuda_peak()
    for mode, constrained in (("constrained", True), ("free", False)):
        result = backend.generate_candidates(DESCRIPTION, Deadline(240), constrained=constrained)
        row[mode] = {"seconds": round(result.seconds, 3), "new_tokens": result.new_tokens,
                     "tokens_per_second": round(result.new_tokens / max(result.seconds, 1e-9), 1),
                     "processor_s": round(result.processor_seconds, 4),
                     "processor_share": round(result.processor_seconds / max(result.seconds, 1e-9), 3),
                     "valid": sum(c.valid for c in result.candidates)}
    row.update(cuda_memory())
    return row


# ----------------------------------------------------------------------------------- 3. planner and metric paths
def metric_paths(ctx: Context) -> dict:
    """The local metric on the device with tiny random PaliGemma / CLIP / head: placement, dtype, one score; on CUDA
    also PaliGemma loaded in 4-bit NF4 from a saved folder (the competition's setting)."""
    import math

    import torch
    from svgllm.metric.aesthetic import Aesthetic, build_head
    from svgllm.metric.loading import default_dtype, pick_devices
    from svgllm.metric.ocr import OCR
    from svgllm.metric.score import MetricScorer
    from svgllm.metric.vqa import VQA, PaliGemma

    from benchmarks.gpu_models import tiny_metric_models

    layout = pick_devices("auto")
    device = layout.vqa
    dtype = default_dtype(device)
    paligemma, processor, clip, clip_pixels = tiny_metric_models()
    vqa = PaliGemma(paligemma.to(device, dtype), processor, device)
    aesthetic = Aesthetic(clip.to(layout.aesthetic, dtype), clip_pixels, build_head().to(layout.aesthetic).eval(),
                          layout.aesthetic)
    scorer = MetricScorer(VQA(vqa), aesthetic, OCR(vqa))
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="384" height="384" viewBox="0 0 384 384">'
           '<rect width="384" height="384" fill="#48c"/><circle cx="192" cy="192" r="90" fill="#fc3"/></svg>')
    started = time.monotonic()
    value = scorer.score(DESCRIPTION, svg)
    row = {"layout": {"vqa": layout.vqa, "aesthetic": layout.aesthetic}, "dtype": str(dtype).replace("torch.", ""),
           "score": round(float(value), 4), "finite": math.isfinite(value),
           "score_seconds": round(time.monotonic() - started, 3)}
    if not ctx.cuda:
        row["skipped"] = ["PaliGemma 4-bit NF4: no CUDA"]
        return row
    folder = ctx.scratch / "paligemma-tiny"
    paligemma.save_pretrained(str(folder))
    processor.save_pretrained(str(folder))
    quantized = PaliGemma.load(str(folder), device, quantize=True)
    row["nf4_linear_layers"] = sum(type(m).__name__ == "Linear4bit" for m in quantized.model.modules())
    row.update(cuda_memory())
    del quantized
    torch.cuda.empty_cache()
    return row


def planner_path(ctx: Context) -> dict:
    """The planner backend (grammar-constrained program decoding, then the composer) on the device with a tiny
    random LM and no adapter, when this tree has one registered."""
    from svgllm.backends import REGISTRY, create_backend
    from svgllm.config import ModelConfig
    from svgllm.deadline import Deadline

    if "planner" not in REGISTRY:
        raise Skip("no planner backend registered in svgllm.backends.REGISTRY in this tree")
    from benchmarks.gpu_models import architecture, random_causal_lm
    from training_notebooks.svgtrain.recipe import load_recipe

    recipe = load_recipe(RECIPES / "gemma3-270m-t4.yaml")
    folder = random_causal_lm(architecture(recipe, tiny=True), ctx.scratch / "planner-tiny", device="cpu")
    options = {"model": str(folder), "adapter": "", "max_new_tokens": 96 if ctx.cuda else 16, "device": ctx.device}
    backend = create_backend("planner", ModelConfig(backends=("planner", "composer"), extra={"planner": options}))
    started = time.monotonic()
    if callable(getattr(backend, "load", None)):
        backend.load()
    loaded_s = time.monotonic() - started
    started = time.monotonic()
    text = backend.generate(DESCRIPTION, Deadline(120))
    return {"load_s": round(loaded_s, 3), "seconds": round(time.monotonic() - started, 3), "chars": len(text),
            "max_new_tokens": options["max_new_tokens"], **cuda_memory()}


# ------------------------------------------------------------------------------------------- 4. diffusion stage
def diffusion(ctx: Context) -> dict:
    """The image backend's generation with a random-weight SDXL of the real size at 384x384 fp16 (CUDA; shrunk on
    the CPU): images/s at Turbo's 2 steps and at SSD-1B's 12, peak memory, then vectorise + proxy-score per image."""
    import torch
    from svgllm.backends.image.devices import Placement
    from svgllm.backends.image.families import FAMILIES
    from svgllm.backends.image.options import ImageOptions
    from svgllm.backends.image.pipeline import LoadedPipeline, generate_images

    from benchmarks.random_pipelines import SDXL_UNET, parameter_count, sdxl

    dtype = torch.float16 if ctx.cuda else torch.float32
    shrink = None if not ctx.smoke else dict(block_out_channels=(32, 64, 64), attention_head_dim=(2, 2, 2),
                                             transformer_layers_per_block=(1, 1, 1), layers_per_block=1,
                                             cross_attention_dim=96, addition_time_embed_dim=8,
                                             projection_class_embeddings_input_dim=64 + 6 * 8, sample_size=8)
    reset_cuda_peak()
    started = time.monotonic()
    pipe = sdxl(ctx.device, dtype, ctx.scratch, shrink)
    size, batch = (384, 4) if ctx.cuda else (64, 2)
    row = {"architecture": "sdxl" if not ctx.smoke else "sdxl-shrunk", "dtype": str(dtype).replace("torch.", ""),
           "size": size, "batch": batch, "build_s": round(time.monotonic() - started, 2),
           "unet_params": parameter_count(pipe)["unet"], "real_unet_blocks": SDXL_UNET["transformer_layers_per_block"]}
    placement = Placement("cuda:0" if ctx.cuda else "cpu", "cuda:0" if ctx.cuda else "cpu",
                          row["dtype"])
    loaded = LoadedPipeline(pipe, FAMILIES["sdxl-turbo"], Path("random-weights"), placement)
    seeds = list(range(batch))
    images = []
    for steps in (2, 12) if ctx.cuda else (1,):
        options = ImageOptions(model="random", family="sdxl-turbo", steps=steps, image_size=size, batch_size=batch)
        generate_images(loaded, DESCRIPTION, seeds[:1], options)  # warm-up: kernels, allocator
        if ctx.cuda:
            torch.cuda.synchronize()
        started = time.monotonic()
        images = generate_images(loaded, DESCRIPTION, seeds, options)
        if ctx.cuda:
            torch.cuda.synchronize()
        seconds = time.monotonic() - started
        row[f"steps_{steps}"] = {"seconds": round(seconds, 3), "images_per_second": round(batch / seconds, 3)}
        if ctx.cuda:
            row[f"steps_{steps}"].update(scale_speed(batch / seconds, "T4"))
    row.update(cuda_memory())
    if ctx.cuda:
        row["fits_t4"] = row["peak_reserved_gib"] <= T4_MEMORY_GIB
    del pipe, loaded
    reset_cuda_peak()
    # noise from random weights is the vectoriser's worst case; one image is enough to check the path on the CPU
    row["per_candidate"] = candidate_overhead(images if ctx.cuda else images[:1])
    return row


def candidate_overhead(images, budget: int = 6000, vectorize_seconds: float = 2.0) -> dict:
    """Seconds per image to vectorise (under `budget` bytes) and proxy-score: the image path's CPU cost."""
    from svgllm.metric.proxy import ProxyScorer
    from svgllm.vectorize import vectorize

    scorer = ProxyScorer()
    vector_s, score_s, sizes = 0.0, 0.0, []
    for index, image in enumerate(images):
        started = time.monotonic()
        svg = vectorize(image, budget=budget, seed=index, time_budget_s=vectorize_seconds)
        vector_s += time.monotonic() - started
        started = time.monotonic()
        scorer.score(DESCRIPTION, svg)
        score_s += time.monotonic() - started
        sizes.append(len(svg.encode()))
    count = max(1, len(images))
    return {"images": len(images), "vectorize_s": round(vector_s / count, 3), "score_s": round(score_s / count, 3),
            "max_bytes": max(sizes, default=0), "budget": budget}


STEPS = {
    "qlora/qwen2.5-7b-t4": lambda ctx: qlora(ctx, "qwen2.5-7b-t4.yaml"),
    "qlora/qwen2.5-7b-p100": lambda ctx: qlora(ctx, "qwen2.5-7b-t4.yaml", ("profile=p100", "name=qwen2.5-7b-p100")),
    "qlora/gemma3-270m-t4": lambda ctx: qlora(ctx, "gemma3-270m-t4.yaml"),
    "qlora/gemma3-270m-p100": lambda ctx: qlora(ctx, "gemma3-270m-p100.yaml"),
    "llm/constrained-batch": llm_backend,
    "metric/tiny-on-device": metric_paths,
    "planner/tiny-on-device": planner_path,
    "diffusion/sdxl-384-fp16": diffusion,
}

