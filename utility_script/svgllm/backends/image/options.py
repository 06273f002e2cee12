"""Options of the image backend, read from `ModelConfig.extra["image"]` (every knob has a default)."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from .families import FAMILIES

DTYPES = ("auto", "float16", "float32")  # no bfloat16: T4 (sm 7.5) and P100 have no bf16 kernels
DEVICES = ("auto", "cpu", "cuda")
MIN_SVG_BUDGET = 1_000  # below this the vectoriser keeps too few shapes to show an object
DEFAULT_SUFFIX = ", flat vector illustration, simple geometric shapes, solid colours, clean edges, minimal"
DEFAULT_NEGATIVE = "photo, realistic, text, letters, watermark, signature, blurry, noisy, gradient, 3d render"


@dataclass
class ImageOptions:
    """Loading, generation, vectorising and time-plan options. Unknown keys are rejected (a typo is an error)."""

    model: str = ""  # local diffusers folder or Kaggle Models handle (owner/model/framework/variation[/version])
    family: str = "auto"  # one of FAMILIES, or "auto": read from the folder's model_index.json
    steps: int | None = None  # denoising steps; None = the family's default
    guidance: float | None = None  # classifier-free guidance scale; None = the family's default
    image_size: int = 384  # generated square size (the metric sees 384x384); a multiple of 8
    images: int = 8  # most images drawn per description (best-of-N asks for at most ModelConfig.candidates)
    batch_size: int = 4  # images per pipeline call
    seed: int = 0  # image i of every description uses generator seed `seed + i` (reproducible candidates)
    prompt_suffix: str = DEFAULT_SUFFIX  # appended to the description: flat art vectorises well under 10 kB
    negative_prompt: str = DEFAULT_NEGATIVE  # used only by families that take one, and only with guidance > 1
    dtype: str = "auto"  # "auto": fp16 on CUDA, fp32 on CPU
    device: str = "auto"  # "auto"/"cuda": needs a GPU (else the backend reports itself unavailable); "cpu": tests
    tiny_vae: str = ""  # folder or handle of an AutoencoderTiny (taesd/taesdxl/taesd3/taef1) decoding faster
    step_cache: float = 0.0  # first-block cache threshold (e.g. 0.08) for denoisers that support it; 0 = off
    svg_budget: int = 6_000  # bytes per vectorised candidate (capped by ModelConfig.budget_bytes)
    vectorize_seconds: float = 2.0  # time given to the vectoriser's settings search per image
    vectorize_workers: int = 4  # images vectorised at once (threads; Kaggle's GPU machines have 4 CPU cores)
    vectorize_colors: int | None = None  # fix the colour count (1st place: 6) instead of searching; None = search
    vectorize_tolerance: float | None = None  # fix the simplification tolerance (px). With both fixed the search
    # is a few quick settings: given the time to finish them, candidates are reproducible per seed (else the
    # result depends on how many settings the time allowed)
    total_hours: float = 9.0  # the competition's limit for the whole test set
    descriptions: int = 500  # test descriptions expected in that time
    time_share: float = 0.85  # part of the limit planned for; the rest absorbs start-up noise and slow items
    reserve_s: float = 1.0  # seconds kept before the per-call deadline for the chain's own checks

    def __post_init__(self):
        if self.family != "auto" and self.family not in FAMILIES:
            raise ValueError(f"image.family must be auto or one of {', '.join(FAMILIES)}, got {self.family!r}")
        if self.dtype not in DTYPES:
            raise ValueError(f"image.dtype must be one of {DTYPES} (no bf16 on T4), got {self.dtype!r}")
        if self.device not in DEVICES:
            raise ValueError(f"image.device must be one of {DEVICES}, got {self.device!r}")
        for name in ("images", "batch_size", "descriptions", "vectorize_workers"):
            if int(getattr(self, name)) < 1:
                raise ValueError(f"image.{name} must be >= 1, got {getattr(self, name)!r}")
        if self.vectorize_colors is not None and int(self.vectorize_colors) < 1:
            raise ValueError(f"image.vectorize_colors must be >= 1, got {self.vectorize_colors!r}")
        if self.vectorize_tolerance is not None and not float(self.vectorize_tolerance) >= 0:
            raise ValueError(f"image.vectorize_tolerance must be >= 0, got {self.vectorize_tolerance!r}")
        if self.steps is not None and int(self.steps) < 1:
            raise ValueError(f"image.steps must be >= 1, got {self.steps!r}")
        if self.image_size < 16 or self.image_size % 8:
            raise ValueError(f"image.image_size must be a multiple of 8 and >= 16, got {self.image_size!r}")
        if not MIN_SVG_BUDGET <= int(self.svg_budget) <= 10_000:
            raise ValueError(f"image.svg_budget must be in [{MIN_SVG_BUDGET}, 10000] bytes, got {self.svg_budget!r}")
        if not 0.0 < float(self.time_share) <= 1.0:
            raise ValueError(f"image.time_share must be in (0, 1], got {self.time_share!r}")
        for name in ("vectorize_seconds", "total_hours", "reserve_s", "step_cache"):
            if not float(getattr(self, name)) >= 0:  # also rejects NaN
                raise ValueError(f"image.{name} must be >= 0, got {getattr(self, name)!r}")

    @classmethod
    def from_dict(cls, values: dict | None) -> ImageOptions:
        """Build from `ModelConfig.extra["image"]`; unknown keys raise ValueError naming them and the known ones."""
        values = dict(values or {})
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(f"unknown image options: {', '.join(unknown)} (known: {', '.join(sorted(known))})")
        return cls(**values)
