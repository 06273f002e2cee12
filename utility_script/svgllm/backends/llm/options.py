"""Options of the LLM backend: `ModelConfig.llm` (every knob has a default; loaded by `svgllm.dataconfig`)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ...dataconfig import coerce_fields, from_mapping, option
from .loading import DEVICE_HELP, DTYPE_CHOICES, QUANTIZE_CHOICES, parse_device

HEADER_MODES = ("prefill", "generate")
PROFILES = ("compact", "allowlist")
POSITIVE = (1, None)


@dataclass
class LLMOptions:
    """Decoding, candidate and loading options. Unknown keys are rejected (a typo is an error, not a no-op)."""

    max_new_tokens: int = option(2048, bounds=POSITIVE,
                                 help="token budget per candidate; the deadline usually binds first on CPU")
    num_candidates: int = option(1, bounds=POSITIVE, help="rows generated together in one batch (sampled when > 1)")
    max_rounds: int = option(2, bounds=POSITIVE, help="batches tried while no candidate is valid and time remains")
    do_sample: bool | None = option(None, help="None: greedy for one candidate, sampling for several (and after "
                                               "round 1)")
    temperature: float = option(0.7, bounds=(0, None), help="sampling temperature")
    top_p: float = option(0.95, bounds=(0, 1), help="nucleus sampling mass")
    constrained: bool = option(True, help="apply the SVG grammar while decoding (validity at the first attempt)")
    header: str = option("prefill", choices=HEADER_MODES,
                         help='"prefill": the <svg> header is part of the prompt; "generate": the model writes it')
    profile: str = option("compact", choices=PROFILES,
                          help='grammar: "compact" (svgllm.prompt\'s subset) or "allowlist" (every allowed element)')
    decimals: int = option(2, bounds=(0, 4), help="digits allowed after a decimal point in numbers (0: integers)")
    max_bytes: int | None = option(None, bounds=(1, None), help="SVG size cap; None: ModelConfig.budget_bytes")
    candidates_per_step: int = option(32, bounds=POSITIVE, help="top-k tokens checked against the grammar per step")
    reserve_s: float = option(0.5, bounds=(0, None), help="seconds kept before the deadline for closing and "
                                                          "post-processing")
    scorer: str = option("first_valid", help='candidate scorer: built-in name or "module:function"')
    quantize: str = option("none", choices=QUANTIZE_CHOICES,
                           help='"4bit" loads NF4 weights through bitsandbytes (CUDA only)')
    dtype: str = option("auto", choices=DTYPE_CHOICES, help='"auto": fp32 on CPU, bf16 on Ampere+, fp16 on T4/P100')
    device: str = option("auto", help=DEVICE_HELP)
    merge_adapter: bool = option(True, help="merge a LoRA adapter into unquantised weights (faster decoding)")
    seed: int | None = option(None, help="torch seed set before sampling, for reproducible candidates")

    config_label: ClassVar[str] = "llm options"
    config_field_prefix: ClassVar[str] = "llm."

    def __post_init__(self):
        coerce_fields(self)
        parse_device(self.device)  # ValueError naming the accepted forms

    @property
    def sampling(self) -> bool:
        """Whether candidates are sampled (else greedy)."""
        return self.num_candidates > 1 if self.do_sample is None else bool(self.do_sample)

    @classmethod
    def from_dict(cls, values: dict | None) -> LLMOptions:
        """Build from a mapping; unknown keys raise ValueError naming them and the known ones."""
        return from_mapping(cls, values)
