"""Loading a diffusers text-to-image pipeline offline and drawing seeded batches with it.

Sources: a local diffusers folder (holding model_index.json, or one folder below it as Kaggle Model versions often
do) or a Kaggle Models handle, resolved by `svgllm.weights` to the attached `/kaggle/input` copy or
kagglehub's cache; nothing downloads from a model hub (`local_files_only=True`). torch and diffusers are imported
inside the functions.
"""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from .devices import Placement
from .families import Family, family_for
from .options import ImageOptions

log = logging.getLogger(__name__)


@dataclass
class LoadedPipeline:
    """A pipeline on its device, with its family, where it came from and what was switched on."""

    pipe: object
    family: Family
    folder: Path
    placement: Placement
    features: list[str] = field(default_factory=list)  # e.g. "tiny_vae", "step_cache"; or why one was skipped


def resolve_folder(source: str | os.PathLike, marker: str = "model_index.json") -> Path:
    """A local folder holding `marker`, from a path or a Kaggle Models handle (offline)."""
    from ...weights import download_handle, is_kaggle_handle

    text = str(source).strip()
    if not text:
        raise ValueError("no image model configured: set extra['image']['model'] to a folder or a Kaggle handle")
    path = Path(text).expanduser()
    if not path.exists() and is_kaggle_handle(text):
        path = download_handle(text)
    if (path / marker).is_file():
        return path
    inner = sorted(p.parent for p in path.glob(f"*/{marker}")) if path.is_dir() else []
    if len(inner) == 1:
        return inner[0]
    raise FileNotFoundError(f"image model {text!r}: no {marker} in {path} or one folder below it")


def load_pipeline(options: ImageOptions, placement: Placement) -> LoadedPipeline:
    """Load `options.model` with its family's class in `placement.dtype` onto `placement.generator`."""
    import diffusers
    import torch

    folder = resolve_folder(options.model)
    family = family_for(options.family, folder)
    dtype = getattr(torch, placement.dtype)
    # torch_dtype, not dtype: every diffusers since 0.27 (Kaggle's image may be older) takes it; 0.42 only warns
    pipe = getattr(diffusers, family.pipeline).from_pretrained(str(folder), torch_dtype=dtype,
                                                               local_files_only=True)
    features: list[str] = []
    if options.tiny_vae:
        from diffusers import AutoencoderTiny

        vae_folder = resolve_folder(options.tiny_vae, marker="config.json")
        pipe.vae = AutoencoderTiny.from_pretrained(str(vae_folder), torch_dtype=dtype, local_files_only=True)
        features.append("tiny_vae")
    if options.step_cache > 0:
        features.append(enable_step_cache(pipe, family, options.step_cache))
    pipe.set_progress_bar_config(disable=True)
    pipe = pipe.to(placement.generator)
    return LoadedPipeline(pipe, family, folder, placement, features)


def enable_step_cache(pipe, family: Family, threshold: float) -> str:
    """Switch on diffusers' first-block cache (later steps reuse a block's output when it barely changes).

    Only denoisers built on diffusers' CacheMixin support it (FLUX's transformer does, the SDXL / SD UNets and
    the SD3 transformer do not in diffusers 0.42): elsewhere it is skipped and the returned note says so.
    """
    denoiser = getattr(pipe, family.denoiser, None)
    if not callable(getattr(denoiser, "enable_cache", None)):
        log.info("step cache skipped: the %s %s has no enable_cache", family.name, family.denoiser)
        return f"step_cache skipped ({family.denoiser} of {family.name} does not support it)"
    try:
        from diffusers.hooks import FirstBlockCacheConfig
    except ImportError:  # diffusers older than the first-block cache (0.34)
        return "step_cache skipped (this diffusers has no FirstBlockCacheConfig)"
    denoiser.enable_cache(FirstBlockCacheConfig(threshold=threshold))
    return "step_cache"


def call_settings(options: ImageOptions, family: Family) -> dict:
    """The keyword arguments every pipeline call shares (steps, guidance, size, negative prompt, family extras)."""
    guidance = family.guidance if options.guidance is None else float(options.guidance)
    settings = {"num_inference_steps": options.steps or family.steps, "guidance_scale": guidance,
                "height": options.image_size, "width": options.image_size, **family.call_kwargs}
    if family.negative_prompt and guidance > 1.0 and options.negative_prompt:
        settings["negative_prompt"] = options.negative_prompt
    return settings


def generate_images(loaded: LoadedPipeline, prompt: str, seeds: list[int], options: ImageOptions) -> list:
    """One PIL image per seed for `prompt` (the suffix appended), in one pipeline call.

    Generators live on the CPU: diffusers draws the initial noise there and moves it, so a seed gives the same
    image on any device of the same kind.
    """
    import torch

    settings = call_settings(options, loaded.family)
    count = len(seeds)
    if "negative_prompt" in settings:
        settings["negative_prompt"] = [settings["negative_prompt"]] * count
    generators = [torch.Generator(device="cpu").manual_seed(seed) for seed in seeds]
    with torch.inference_mode():
        result = loaded.pipe(prompt=[prompt + options.prompt_suffix] * count, generator=generators,
                             output_type="pil", **settings)
    return list(result.images)
