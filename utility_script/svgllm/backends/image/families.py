"""The text-to-image families the backend knows: which diffusers class loads each, and its fast-sampling defaults.

The defaults are the few-step settings the competition's winners used (SSD-1B at 12 steps, the distilled Turbo /
schnell models at 1-4 steps without guidance); every one can be overridden in `ImageOptions`. A folder's family is
read from its `model_index.json` when the configuration says "auto".
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Family:
    """How to load and call one family of pipelines."""

    name: str
    pipeline: str  # diffusers class that loads the folder
    steps: int  # default denoising steps
    guidance: float  # default classifier-free guidance (0 = off: distilled models)
    negative_prompt: bool  # the pipeline accepts `negative_prompt` (it matters only with guidance > 1)
    denoiser: str  # the pipeline component that runs every step ("unet" or "transformer")
    call_kwargs: dict = field(default_factory=dict)  # extra keyword arguments of every pipeline call


FAMILIES: dict[str, Family] = {
    "sd": Family("sd", "StableDiffusionPipeline", 1, 0.0, True, "unet"),  # SD 1.x/2.x, SD-Turbo
    "sdxl-turbo": Family("sdxl-turbo", "StableDiffusionXLPipeline", 2, 0.0, True, "unet"),
    "ssd-1b": Family("ssd-1b", "StableDiffusionXLPipeline", 12, 7.0, True, "unet"),
    "sd3.5-medium": Family("sd3.5-medium", "StableDiffusion3Pipeline", 20, 4.5, True, "transformer"),
    "flux.1-schnell": Family("flux.1-schnell", "FluxPipeline", 4, 0.0, False, "transformer",
                             {"max_sequence_length": 256}),  # schnell was distilled with 256 T5 tokens
}
# model_index.json `_class_name` -> family, for "auto". SDXL-Turbo and SSD-1B share a class: auto takes Turbo's
# few-step defaults, so name "ssd-1b" explicitly for its 12 guided steps.
BY_CLASS = {"StableDiffusionPipeline": "sd", "StableDiffusionXLPipeline": "sdxl-turbo",
            "StableDiffusion3Pipeline": "sd3.5-medium", "FluxPipeline": "flux.1-schnell"}


def pipeline_class_name(folder: Path) -> str:
    """The `_class_name` of a diffusers folder's model_index.json (FileNotFoundError / ValueError otherwise)."""
    index = Path(folder) / "model_index.json"
    if not index.is_file():
        raise FileNotFoundError(f"{folder} is not a diffusers pipeline folder (no model_index.json)")
    try:
        name = json.loads(index.read_text(encoding="utf-8")).get("_class_name")
    except (json.JSONDecodeError, AttributeError) as error:
        raise ValueError(f"{index} is not a valid model_index.json: {error}") from None
    if not isinstance(name, str) or not name:
        raise ValueError(f"{index} names no pipeline class")
    return name


def family_for(name: str, folder: Path) -> Family:
    """The configured family, or for "auto" the one matching the folder's pipeline class."""
    if name != "auto":
        return FAMILIES[name]
    class_name = pipeline_class_name(folder)
    if class_name not in BY_CLASS:
        raise ValueError(f"{folder}: pipeline class {class_name} is not one of the known families "
                         f"({', '.join(BY_CLASS)}); set image.family explicitly")
    return FAMILIES[BY_CLASS[class_name]]
