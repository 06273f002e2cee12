"""Options of the image backend, read from `ModelConfig.extra["image"]` (every knob has a default).

Loaded by `svgllm.dataconfig`, as `ModelConfig` and `LLMOptions` are: unknown keys are an error naming the key,
values convert one way ("4" -> 4, "none" -> None), choices and ranges are checked with the field's name
("image.steps"), and each field's help is declared here once.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ...dataconfig import coerce_fields, from_mapping, option
from ...values import CANVAS_SIZE
from .families import FAMILIES

DTYPES = ("auto", "float16", "float32")  # no bfloat16: T4 (sm 7.5) and P100 have no bf16 kernels
DEVICES = ("auto", "cpu", "cuda")
FAMILY_CHOICES = ("auto", *FAMILIES)
MIN_SVG_BUDGET = 1_000  # below this the vectoriser keeps too few shapes to show an object
MAX_SVG_BUDGET = 10_000  # the competition's limit per SVG
DEFAULT_SUFFIX = ", flat vector illustration, simple geometric shapes, solid colours, clean edges, minimal"
DEFAULT_NEGATIVE = "photo, realistic, text, letters, watermark, signature, blurry, noisy, gradient, 3d render"
AT_LEAST_ONE = (1, None)
NOT_NEGATIVE = (0, None)


@dataclass
class ImageOptions:
    """Loading, generation, vectorising and time-plan options. Unknown keys are rejected (a typo is an error)."""

    model: str = option("", help="local diffusers folder or Kaggle Models handle "
                                 "(owner/model/framework/variation[/version])")
    family: str = option("auto", choices=FAMILY_CHOICES,
                         help='pipeline family (which diffusers class, default steps and guidance); "auto": read '
                              "from the folder's model_index.json (SDXL-class folders get sdxl-turbo's defaults)")
    steps: int | None = option(None, bounds=AT_LEAST_ONE, help="denoising steps; None: the family's default")
    guidance: float | None = option(None, bounds=NOT_NEGATIVE,
                                    help="classifier-free guidance scale; None: the family's default")
    image_size: int = option(CANVAS_SIZE, bounds=(16, None),
                             help="generated square size in pixels, a multiple of 8 (the metric sees 384x384)")
    images: int = option(8, bounds=AT_LEAST_ONE, help="most images drawn per description (best-of-N asks for at "
                                                      "most ModelConfig.candidates)")
    batch_size: int = option(4, bounds=AT_LEAST_ONE, help="images per pipeline call")
    seed: int = option(0, help="image i of every description uses generator seed seed + i (reproducible)")
    prompt_suffix: str = option(DEFAULT_SUFFIX, help="appended to the description: flat art vectorises well "
                                                     "under 10 kB")
    negative_prompt: str = option(DEFAULT_NEGATIVE, help="used only by families that take one, and only with "
                                                         "guidance > 1")
    dtype: str = option("auto", choices=DTYPES, help='"auto": fp16 on CUDA, fp32 on the CPU; never bf16 (T4, P100 '
                                                     "lack it)")
    device: str = option("auto", choices=DEVICES, help='generator device: "auto"/"cuda" need a GPU (cuda:0; '
                                                       'without one the backend reports itself unavailable), '
                                                       '"cpu" for tests')
    tiny_vae: str = option("", help="folder or handle of an AutoencoderTiny (taesd/taesdxl/taesd3/taef1) that "
                                    "decodes faster")
    step_cache: float = option(0.0, bounds=NOT_NEGATIVE, help="first-block cache threshold (e.g. 0.08) for "
                                                              "denoisers that support it; 0: off")
    svg_budget: int = option(6_000, bounds=(MIN_SVG_BUDGET, MAX_SVG_BUDGET),
                             help="bytes per vectorised candidate (capped by ModelConfig.budget_bytes)")
    vectorize_seconds: float = option(2.0, bounds=NOT_NEGATIVE,
                                      help="time given to the vectoriser's settings search per image")
    vectorize_workers: int = option(4, bounds=AT_LEAST_ONE, help="images vectorised at once (threads; Kaggle's "
                                                                 "GPU machines have 4 CPU cores)")
    vectorize_colors: int | None = option(None, bounds=AT_LEAST_ONE,
                                          help="fix the colour count (1st place: 6) instead of searching it")
    vectorize_tolerance: float | None = option(
        None, bounds=NOT_NEGATIVE,
        help="fix the simplification tolerance (px); with the colour count also fixed the search is a few quick "
             "settings, and given the time to finish them the candidates are reproducible per seed")
    total_hours: float = option(9.0, bounds=NOT_NEGATIVE, help="the competition's limit for the whole test set")
    descriptions: int = option(500, bounds=AT_LEAST_ONE, help="test descriptions expected in that time")
    time_share: float = option(0.85, bounds=(0, 1), help="part of the limit planned for, in (0, 1]; the rest "
                                                         "absorbs start-up noise and slow items")
    reserve_s: float = option(1.0, bounds=NOT_NEGATIVE,
                              help="seconds kept before the per-call deadline for the chain's own checks")

    config_label: ClassVar[str] = "image options"
    config_field_prefix: ClassVar[str] = "image."

    def __post_init__(self):
        coerce_fields(self)  # types, choices and ranges, errors naming "image.<field>"
        if self.image_size % 8:
            raise ValueError(f"image.image_size must be a multiple of 8, got {self.image_size!r}")
        if self.time_share <= 0:
            raise ValueError(f"image.time_share must be in (0, 1], got {self.time_share!r}")

    @classmethod
    def from_dict(cls, values: dict | None) -> ImageOptions:
        """Build from `ModelConfig.extra["image"]`; unknown keys raise ValueError naming them and the known ones."""
        return from_mapping(cls, values)
