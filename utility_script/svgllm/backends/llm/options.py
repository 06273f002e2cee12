"""Options of the LLM backend, read from `ModelConfig.extra["llm"]` (every knob has a default)."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from .loading import DTYPE_CHOICES, QUANTIZE_CHOICES

HEADER_MODES = ("prefill", "generate")
PROFILES = ("compact", "allowlist")


@dataclass
class LLMOptions:
    """Decoding, candidate and loading options. Unknown keys are rejected (a typo is an error, not a no-op)."""

    max_new_tokens: int = 2048  # token budget per candidate; the deadline usually binds first on CPU
    num_candidates: int = 1  # rows generated together in one batch (sampled when > 1)
    max_rounds: int = 2  # batches tried while no candidate is valid and time remains
    do_sample: bool | None = None  # None: greedy for one candidate, sampling for several (and after round 1)
    temperature: float = 0.7  # sampling temperature
    top_p: float = 0.95  # nucleus sampling mass
    constrained: bool = True  # apply the SVG grammar while decoding (validity at the first attempt)
    header: str = "prefill"  # "prefill": the <svg> header is part of the prompt; "generate": the model writes it
    profile: str = "compact"  # grammar: "compact" (svgllm.prompt's subset) or "allowlist" (every allowed element)
    decimals: int = 2  # digits allowed after a decimal point in numbers (0 = integers only)
    max_bytes: int | None = None  # SVG size cap; None = ModelConfig.budget_bytes
    candidates_per_step: int = 32  # top-k tokens checked against the grammar at each step
    reserve_s: float = 0.5  # seconds kept before the deadline for closing and post-processing
    scorer: str = "first_valid"  # candidate scorer: built-in name or "module:function"
    quantize: str = "none"  # "4bit" loads NF4 weights through bitsandbytes (CUDA only)
    dtype: str = "auto"  # "auto": fp32 on CPU, bf16 on Ampere+, fp16 on T4/P100
    device: str = "auto"  # "auto", "cpu" or "cuda"
    merge_adapter: bool = True  # merge a LoRA adapter into unquantised weights (faster decoding)
    seed: int | None = None  # torch seed set before sampling, for reproducible candidates

    def __post_init__(self):
        if self.header not in HEADER_MODES:
            raise ValueError(f"llm.header must be one of {HEADER_MODES}, got {self.header!r}")
        if self.profile not in PROFILES:
            raise ValueError(f"llm.profile must be one of {PROFILES}, got {self.profile!r}")
        if self.quantize not in QUANTIZE_CHOICES:
            raise ValueError(f"llm.quantize must be one of {QUANTIZE_CHOICES}, got {self.quantize!r}")
        if self.dtype not in DTYPE_CHOICES:
            raise ValueError(f"llm.dtype must be one of {DTYPE_CHOICES}, got {self.dtype!r}")
        if self.device not in ("auto", "cpu", "cuda"):
            raise ValueError(f"llm.device must be auto, cpu or cuda, got {self.device!r}")
        for name in ("max_new_tokens", "num_candidates", "max_rounds", "candidates_per_step"):
            if int(getattr(self, name)) < 1:
                raise ValueError(f"llm.{name} must be >= 1, got {getattr(self, name)!r}")
        if not 0 <= int(self.decimals) <= 4:
            raise ValueError(f"llm.decimals must be in [0, 4], got {self.decimals!r}")

    @property
    def sampling(self) -> bool:
        """Whether candidates are sampled (else greedy)."""
        return self.num_candidates > 1 if self.do_sample is None else bool(self.do_sample)

    @classmethod
    def from_dict(cls, values: dict | None) -> LLMOptions:
        """Build from `ModelConfig.extra["llm"]`; unknown keys raise ValueError naming the known ones."""
        values = dict(values or {})
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(f"unknown llm options: {', '.join(unknown)} (known: {', '.join(sorted(known))})")
        return cls(**values)
