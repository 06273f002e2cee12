"""`ModelConfig`: every knob of `Model`, with defaults, from code, a JSON file or environment variables."""
from __future__ import annotations

import dataclasses
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

# The competition allows 5 minutes per description and ~60 s on average over 9 hours; stay well below both.
COMPETITION_LIMIT_S = 300.0
ENV_PREFIX = "SVGLLM_"
MAX_CANDIDATES = 64  # best-of-N beyond this spends the deadline on drawing, not on choosing


@dataclass
class ModelConfig:
    """Configuration of `Model`. Unknown keys are rejected so a typo in a config file is an error, not a no-op."""

    deadline_s: float = 60.0  # wall-clock budget per predict call; always capped below COMPETITION_LIMIT_S
    backends: tuple[str, ...] = ("composer", "palette")  # tried in order; the last link should be cheap and reliable
    budget_bytes: int = 10_000  # the competition's size cap; lower it for compact outputs
    render_check: bool = True  # render each answer before returning it (an unrenderable SVG fails scoring)
    isolate_finish: bool = True  # after Model.load(), sanitise + render in a killable worker process (hard limit)
    fallback_reserve_s: float = 2.0  # time kept back from a slow backend so later links still get a turn
    candidates: int = 1  # best-of-N: valid candidates gathered across the backends; 1 = first valid answer wins
    scorer: str = "proxy"  # best-of-N scorer: a name in svgllm.metric.selection.SCORERS or "module:attribute"
    selection_reserve_s: float = 1.0  # best-of-N: seconds kept back from drawing to score (at most half the deadline)
    llm_model: str | None = None  # LLM backend: local HF folder, .gguf file or kagglehub handle
    llm_adapter: str | None = None  # LLM backend: optional LoRA adapter folder or handle
    extra: dict = field(default_factory=dict)  # backend-specific options, e.g. {"composer": {...}}

    def __post_init__(self):
        if isinstance(self.backends, str):
            self.backends = tuple(name.strip() for name in self.backends.split(",") if name.strip())
        self.backends = tuple(self.backends)
        if not self.backends:
            raise ValueError("ModelConfig.backends must name at least one backend")
        if self.llm_model and "llm" not in self.backends:
            self.backends = ("llm",) + self.backends  # a configured LLM is the main path; the rest are fallbacks
        self.deadline_s = float(self.deadline_s)
        if not 0 < self.deadline_s < COMPETITION_LIMIT_S:
            raise ValueError(f"deadline_s must be in (0, {COMPETITION_LIMIT_S:.0f}) seconds, got {self.deadline_s}")
        self.budget_bytes = int(self.budget_bytes)
        if not 200 <= self.budget_bytes <= 10_000:
            raise ValueError(f"budget_bytes must be in [200, 10000], got {self.budget_bytes}")
        self._check_selection()

    def _check_selection(self):
        """Validate (and convert, for values read from the environment) the best-of-N knobs."""
        from .metric.selection import check_scorer_spec

        number = _as_int(self.candidates)
        if number is None or not 1 <= number <= MAX_CANDIDATES:
            raise ValueError(f"candidates must be an integer in [1, {MAX_CANDIDATES}], got {self.candidates!r}")
        self.candidates = number
        try:
            reserve = float(self.selection_reserve_s)
        except (TypeError, ValueError):
            reserve = -1.0
        if not 0 <= reserve < float("inf"):  # also rejects NaN
            raise ValueError(f"selection_reserve_s must be a number of seconds >= 0, got {self.selection_reserve_s!r}")
        self.selection_reserve_s = reserve
        self.scorer = check_scorer_spec(self.scorer)

    @classmethod
    def from_dict(cls, values: dict) -> ModelConfig:
        """Build from a mapping; unknown keys raise ValueError naming them."""
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(f"unknown ModelConfig keys: {', '.join(unknown)} (known: {', '.join(sorted(known))})")
        return cls(**values)

    @classmethod
    def from_file(cls, path: str | os.PathLike) -> ModelConfig:
        """Read a JSON config file (same keys as the dataclass)."""
        text = Path(path).read_text(encoding="utf-8")
        try:
            values = json.loads(text)
        except json.JSONDecodeError as error:
            raise ValueError(f"config file {path} is not valid JSON: {error}") from None
        if not isinstance(values, dict):
            raise ValueError(f"config file {path} must hold a JSON object")
        return cls.from_dict(values)

    @classmethod
    def from_env(cls, environ: dict | None = None) -> ModelConfig:
        """Defaults, overridden by SVGLLM_CONFIG (a JSON file) and then by single SVGLLM_* variables.

        SVGLLM_DEADLINE_S, SVGLLM_BACKENDS (comma-separated), SVGLLM_BUDGET_BYTES, SVGLLM_MODEL, SVGLLM_ADAPTER,
        SVGLLM_CANDIDATES, SVGLLM_SCORER, SVGLLM_SELECTION_RESERVE_S.
        """
        env = os.environ if environ is None else environ
        values: dict = {}
        if env.get(ENV_PREFIX + "CONFIG"):
            values = dataclasses.asdict(cls.from_file(env[ENV_PREFIX + "CONFIG"]))
        simple = {"DEADLINE_S": "deadline_s", "BACKENDS": "backends", "BUDGET_BYTES": "budget_bytes",
                  "MODEL": "llm_model", "ADAPTER": "llm_adapter", "CANDIDATES": "candidates", "SCORER": "scorer",
                  "SELECTION_RESERVE_S": "selection_reserve_s"}
        for suffix, key in simple.items():
            if env.get(ENV_PREFIX + suffix):
                values[key] = env[ENV_PREFIX + suffix]
        return cls.from_dict(values)

    def to_dict(self) -> dict:
        """A JSON-ready copy (saved next to outputs so a run can be reproduced)."""
        values = dataclasses.asdict(self)
        values["backends"] = list(self.backends)
        return values


def _as_int(value: object) -> int | None:
    """An int from an int or a string of digits (environment variables), else None (bools and floats too)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lstrip("+-").isdigit():
        return int(value.strip())
    return None
