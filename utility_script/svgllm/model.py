"""`Model`: a chain of backends under a deadline, with a last link that cannot fail.

Every answer is sanitised, checked against the competition's rules and (by default) rendered before it is
returned; a backend that raises, runs out of time or yields an invalid SVG hands over to the next one.
With `ModelConfig.candidates` > 1 the chain gathers several valid answers and a scorer keeps the best
(`svgllm.best_of_n`).
"""
from __future__ import annotations

import threading
import time
import unicodedata
from dataclasses import dataclass, field

from .backends import Backend, create_backend
from .config import ModelConfig
from .deadline import Deadline

MAX_DESCRIPTION_CHARS = 1_000  # competition descriptions are <= 200 characters; longer input is cut, not refused

# The answer of last resort: constant, valid, opaque, renderable (tested). Used only if every backend and the
# sanitiser itself failed, which the tests say never happens.
EMERGENCY_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="384" height="384" viewBox="0 0 384 384">'
    '<rect width="384" height="384" fill="#87ceeb"/><rect y="256" width="384" height="128" fill="#6b8e23"/>'
    '<circle cx="300" cy="80" r="36" fill="#ffd700"/></svg>'
)


@dataclass
class Attempt:
    """One backend's try: `outcome` is "ok", "error", "timeout", "invalid" or (best-of-N) "duplicate"."""

    backend: str
    outcome: str
    seconds: float
    detail: str = ""


@dataclass
class Choice:
    """How best-of-N picked the answer: the valid candidates, their scores and the kept one."""

    backends: list[str]  # who drew each valid candidate, in the order they were gathered
    scores: list[float]  # the scorer's value per candidate looked at; NaN where it failed or ran out of time
    index: int  # the kept candidate; 0 (the first valid one) whenever the scores could not decide
    scorer: str = ""
    detail: str = ""  # why scoring did not decide, or the scorer's errors, if any

    @property
    def considered(self) -> int:
        """How many candidates the scorer looked at."""
        return len(self.scores)


@dataclass
class Prediction:
    """An answer with where it came from and what it cost (for logs and benchmarks)."""

    svg: str
    backend: str
    seconds: float
    attempts: list[Attempt] = field(default_factory=list)
    overhead_seconds: float = 0.0  # time spent outside backends: cleaning the input, sanitising, checking
    choice: Choice | None = None  # best-of-N only (ModelConfig.candidates > 1)


def clean_description(description: object) -> str:
    """Make any input a short printable str: non-str converted, control characters dropped, length capped."""
    if not isinstance(description, str):
        description = "" if description is None else str(description)
    description = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp") else ch for ch in description
    )
    return " ".join(description.split())[:MAX_DESCRIPTION_CHARS]


class Model:
    """Text-to-SVG with a guaranteed valid answer. `Model(config).predict(description) -> str`.

    `scorer`: for best-of-N, any object with `score(description, svg) -> float` (e.g. a loaded `MetricScorer`);
    it replaces the one `config.scorer` names.
    """

    def __init__(self, config: ModelConfig | None = None, scorer=None):
        from .metric.selection import resolve_scorer

        self.config = config if config is not None else ModelConfig.from_env()
        self._backends: list[Backend] | None = None  # created on first use: heavy loading happens lazily
        self._lock = threading.Lock()
        self._scorer = None if scorer is None else resolve_scorer(scorer)  # ValueError without a score method
        self._scorer_slot = None  # best-of-N: the scorer being resolved in the background (svgllm.best_of_n)

    @property
    def backends(self) -> list[Backend]:
        """The backend chain, created on first access."""
        with self._lock:
            if self._backends is None:
                self._backends = [create_backend(name, self.config) for name in self.config.backends]
            return self._backends

    def predict(self, description: str) -> str:
        """Return a competition-valid SVG for `description`; never raises."""
        return self.predict_with_info(description).svg

    def predict_with_info(self, description: object) -> Prediction:
        """Like `predict`, with the backend that drew the answer and the timings."""
        deadline = Deadline(self.config.deadline_s)
        attempts: list[Attempt] = []
        backend_seconds = 0.0
        try:
            text = clean_description(description)
            backends = self.backends
        except Exception as error:  # a broken backend factory must not cost the answer
            attempts.append(Attempt("setup", "error", deadline.elapsed(), repr(error)))
            return Prediction(EMERGENCY_SVG, "emergency", deadline.elapsed(), attempts, deadline.elapsed())
        if self.config.candidates > 1:
            from .best_of_n import predict_best_of

            return predict_best_of(self, text, backends, deadline)
        for index, backend in enumerate(backends):
            budget = link_budget(deadline, self.config.fallback_reserve_s, is_last=index == len(backends) - 1)
            if budget <= 0:
                attempts.append(Attempt(backend.name, "timeout", 0.0, "no time left"))
                continue
            started = time.monotonic()
            outcome, raw = _run_with_timeout(backend, text, deadline.sub(budget), budget)
            spent = time.monotonic() - started
            backend_seconds += spent
            if outcome != "ok":
                attempts.append(Attempt(backend.name, outcome, spent, raw))
                continue
            svg, problem = self._finish(raw)
            if problem:
                attempts.append(Attempt(backend.name, "invalid", spent, problem))
                continue
            attempts.append(Attempt(backend.name, "ok", spent))
            total = deadline.elapsed()
            return Prediction(svg, backend.name, total, attempts, total - backend_seconds)
        total = deadline.elapsed()
        return Prediction(EMERGENCY_SVG, "emergency", total, attempts, total - backend_seconds)

    def _finish(self, raw: str) -> tuple[str, str]:
        """Sanitise, check and render-check raw backend text; returns (svg, "") or ("", why it failed)."""
        from .rules import check
        from .sanitize import sanitize

        try:
            # with render_check, sanitize renders the result once and degrades it until cairosvg accepts it
            svg = sanitize(raw, budget=self.config.budget_bytes, verify_render=self.config.render_check)
        except Exception as error:  # sanitize is fuzzed never to raise; this keeps predict total anyway
            return "", f"sanitize raised {error!r}"
        problems = check(svg)
        if problems:
            return "", "; ".join(problems[:3])
        return svg, ""


def call_with_timeout(function, budget: float, name: str = "svgllm-call") -> tuple[str, object]:
    """Run `function()` in a daemon thread and wait at most `budget` seconds.

    Returns ("ok", its result), ("error", repr of what it raised) or ("timeout", detail). Python cannot kill a
    thread: a call that overruns keeps running in the background, but the caller gets its answer in time.
    """
    box: dict[str, object] = {}

    def work():
        try:
            box["value"] = function()
        except BaseException as error:  # noqa: BLE001 - report anything, including SystemExit from a backend
            box["error"] = error

    worker = threading.Thread(target=work, name=name, daemon=True)
    worker.start()
    worker.join(timeout=max(0.0, budget))
    if worker.is_alive():
        return "timeout", f"still running after {budget:.1f} s"
    if "error" in box:
        return "error", repr(box["error"])[:300]
    return "ok", box.get("value")


def link_budget(deadline: Deadline, fallback_reserve_s: float, is_last: bool) -> float:
    """Seconds one link of the backend chain may take: what is left, minus a reserve for the later links."""
    return deadline.remaining() - (0.0 if is_last else fallback_reserve_s)


def _run_with_timeout(backend: Backend, description: str, deadline: Deadline, budget: float) -> tuple[str, str]:
    """`backend.generate` under `call_with_timeout`; a result that is not a str counts as an error."""
    outcome, value = call_with_timeout(lambda: backend.generate(description, deadline), budget,
                                       f"svgllm-{backend.name}")
    if outcome == "ok" and not isinstance(value, str):
        return "error", f"backend returned {type(value).__name__}, not str"
    return outcome, value
