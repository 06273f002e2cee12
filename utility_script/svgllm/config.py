"""`ModelConfig`: every knob of `Model`, with defaults, from code, a JSON file, environment variables or flags.

Loaded and checked by `svgllm.dataconfig` (unknown keys are an error; values converted one way, from strings
too); each field's help text is written once, below, and the command line's model options are made from it.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import ClassVar

from . import dataconfig
from .backends.llm.options import LLMOptions
from .dataconfig import option

# The competition allows 5 minutes per description and ~60 s on average over 9 hours; stay well below both.
COMPETITION_LIMIT_S = 300.0
ENV_PREFIX = "SVGLLM_"
MAX_CANDIDATES = 64  # best-of-N beyond this spends the deadline on drawing, not on choosing


@dataclass
class ModelConfig:
    """Configuration of `Model`. Unknown keys are rejected so a typo in a config file is an error, not a no-op."""

    deadline_s: float = option(
        60.0, env="DEADLINE_S", cli="--deadline", metavar="SECONDS", bounds=(0, COMPETITION_LIMIT_S),
        open_bounds=(True, True), help="seconds per description, below the competition's limit")
    backends: tuple[str, ...] = option(
        ("composer", "palette"), env="BACKENDS", cli="--backends", metavar="A,B",
        help="backend chain, tried in order; the last link should be cheap and reliable")
    budget_bytes: int = option(
        10_000, env="BUDGET_BYTES", cli="--budget-bytes", metavar="N", bounds=(200, 10_000),
        help="size cap of an answer in bytes (the competition's is 10000)")
    render_check: bool = option(True, help="render each answer before returning it (an unrenderable SVG fails "
                                           "scoring)")
    isolate_finish: bool = option(
        True, help="after Model.load(), sanitise and render in a killable worker process (a hard time limit)")
    fallback_reserve_s: float = option(
        2.0, bounds=(0, None), help="seconds kept back from a slow backend so later links still get a turn")
    candidates: int = option(
        1, env="CANDIDATES", cli="--candidates", metavar="N", bounds=(1, MAX_CANDIDATES),
        help="best-of-N: gather up to N valid drawings across the backends within the deadline and keep the one "
             "the scorer rates best (1: the first valid drawing)")
    scorer: str = option(
        "proxy", env="SCORER", cli="--scorer",
        help="best-of-N scorer: 'proxy' (CPU) or a 'module:attribute' path to a Scorer class, zero-argument "
             "factory or score(description, svg) function")
    selection_reserve_s: float = option(
        1.0, env="SELECTION_RESERVE_S", bounds=(0, None),
        help="best-of-N: seconds kept back from drawing to score (at most half the deadline)")
    llm_model: str | None = option(
        None, env="MODEL", cli="--model", metavar="PATH_OR_HANDLE",
        help="LLM: local HF folder, .gguf file or kagglehub handle (puts 'llm' first in the chain)")
    llm_adapter: str | None = option(
        None, env="ADAPTER", cli="--adapter", metavar="PATH_OR_HANDLE",
        help="LLM: LoRA adapter folder or kagglehub handle")
    llm: LLMOptions = option(
        factory=LLMOptions, env="LLM_OPTIONS",
        help="LLM backend options (svgllm.backends.llm.options.LLMOptions), a JSON object from the environment")
    extra: dict = option(factory=dict, help='options of other backends by backend name, e.g. {"image": {...}}')

    config_label: ClassVar[str] = "ModelConfig keys"

    def __post_init__(self):
        self._take_llm_from_extra()
        dataconfig.coerce_fields(self)
        if not self.backends:
            raise ValueError("ModelConfig.backends must name at least one backend")
        if self.llm_model and "llm" not in self.backends:
            self.backends = ("llm",) + self.backends  # a configured LLM is the main path; the rest are fallbacks
        from .metric.selection import check_scorer_spec

        self.scorer = check_scorer_spec(self.scorer)

    def _take_llm_from_extra(self):
        """`extra={"llm": {...}}` (the older spelling) means `llm={...}`; both at once is an error."""
        if isinstance(self.extra, dict) and "llm" in self.extra:
            self.extra = dict(self.extra)
            given = self.extra.pop("llm")
            if self.llm not in (LLMOptions(), {}):
                raise ValueError("LLM options given twice: use ModelConfig.llm, not extra['llm']")
            self.llm = given

    @classmethod
    def from_dict(cls, values: dict) -> ModelConfig:
        """Build from a mapping; unknown keys raise ValueError naming them."""
        return dataconfig.from_mapping(cls, values)

    @classmethod
    def from_file(cls, path: str | os.PathLike) -> ModelConfig:
        """Read a JSON config file (same keys as the dataclass; a .yaml one needs PyYAML)."""
        return dataconfig.from_file(cls, path)

    @classmethod
    def from_env(cls, environ: dict | None = None) -> ModelConfig:
        """Defaults, overridden by SVGLLM_CONFIG (a JSON file) and then by single SVGLLM_* variables.

        The variables are the fields' `env` names (`dataconfig.env_names(ModelConfig, ENV_PREFIX)`):
        SVGLLM_DEADLINE_S, SVGLLM_BACKENDS (comma-separated), SVGLLM_BUDGET_BYTES, SVGLLM_CANDIDATES,
        SVGLLM_SCORER, SVGLLM_SELECTION_RESERVE_S, SVGLLM_MODEL, SVGLLM_ADAPTER, SVGLLM_LLM_OPTIONS (JSON).
        A value that does not convert is a ValueError naming its variable.
        """
        env = os.environ if environ is None else environ
        values: dict = {}
        if env.get(ENV_PREFIX + "CONFIG"):
            values = cls.from_file(env[ENV_PREFIX + "CONFIG"]).to_dict()
        return dataconfig.from_env(cls, env, ENV_PREFIX, base=values)

    def to_dict(self) -> dict:
        """A JSON-ready copy (saved next to outputs so a run can be reproduced)."""
        return dataconfig.to_dict(self)
