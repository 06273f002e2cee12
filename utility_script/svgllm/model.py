"""`Model`: a chain of backends under a deadline, with a last link that cannot fail.

Every answer is sanitised, checked against the competition's rules and (by default) rendered before it is
returned, inside the deadline (`svgllm.finish`); a backend that raises, runs out of time or yields an invalid SVG
hands over to the next one (`svgllm.chain`). With `ModelConfig.candidates` > 1 the chain gathers several valid
answers and the model's scorer keeps the best.

`Model(config)` loads nothing; the first `predict` creates the backends. `Model(config).load()` does all of it
up front (backends, their weights, the finishing worker, one warm-up drawing) and says how long each step took;
after it `predict` loads nothing.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from .backends import Backend, create_backend
from .chain import EMERGENCY_SVG, Attempt, Choice, Finished, Prediction, ScorerSlot, Tally, draw
from .config import ModelConfig
from .deadline import Deadline
from .finish import Finisher
from .inputs import describe

__all__ = ["EMERGENCY_SVG", "Attempt", "Choice", "LoadReport", "Model", "ModelLoadError", "Prediction"]

WARM_UP_DESCRIPTION = "a red barn beside a calm blue lake at sunset"  # our own; exercises every step once
INPUT_SHARE = 0.25  # at most this share of the deadline may go to reading a non-str input (`inputs.describe`)
SCORER_LOAD_TIMEOUT_S = 600.0  # `load` waits this long for a best-of-N scorer that loads weights


class ModelLoadError(RuntimeError):
    """`Model.load` could not make a part of the model ready; the message names the part and the cause."""


@dataclass
class LoadReport:
    """What `Model.load` did: the backends made ready and the seconds each step took, in order."""

    backends: list[str]
    steps: list[tuple[str, float]] = field(default_factory=list)  # (step, seconds)
    isolated: bool = False  # whether finishing runs in the killable worker from now on
    warm_up: Prediction | None = None  # the warm-up drawing, when one was asked for

    @property
    def seconds(self) -> float:
        """Total seconds spent loading."""
        return sum(seconds for _, seconds in self.steps)

    def summary(self) -> str:
        """One line for a log: every step with its time."""
        return ", ".join(f"{step} {seconds:.2f} s" for step, seconds in self.steps) + f" (total {self.seconds:.2f} s)"


class Model:
    """Text-to-SVG with a guaranteed valid answer. `Model(config).predict(description) -> str`.

    `scorer`: for best-of-N, any object with `score(description, svg) -> float` (e.g. a loaded `MetricScorer`);
    it replaces the one `config.scorer` names. `backends`: ready-made backend objects instead of the ones
    `config.backends` names (tests, benchmarks, embedding).
    """

    def __init__(self, config: ModelConfig | None = None, scorer=None, backends: list[Backend] | None = None):
        self.config = config if config is not None else ModelConfig.from_env()
        self._backends: list[Backend] | None = None if backends is None else list(backends)
        self._lock = threading.Lock()
        self._load_lock = threading.Lock()
        self._report: LoadReport | None = None
        self.scorer = ScorerSlot(self.config.scorer if scorer is None else scorer)  # ValueError without `score`
        self.finisher = Finisher(self.config.budget_bytes, self.config.render_check,
                                 isolate=self.config.isolate_finish)

    @property
    def backends(self) -> list[Backend]:
        """The backend chain, created on first access."""
        with self._lock:
            if self._backends is None:
                self._backends = [create_backend(name, self.config) for name in self.config.backends]
            return self._backends

    def load(self, warm_up: str | None = WARM_UP_DESCRIPTION) -> LoadReport:
        """Make everything ready now; returns the report of the first call on every later call.

        Creates every backend and calls its optional `load()` (weights, adapters, motif library), resolves the
        best-of-N scorer, boots the finishing worker, then draws `warm_up` (None: skip) through the chain.
        Raises `ModelLoadError` naming the backend (or part) that failed and why.
        """
        with self._load_lock:
            if self._report is not None:
                return self._report
            steps: list[tuple[str, float]] = []
            backends = self._create_backends(steps)
            for backend in backends:
                loader = getattr(backend, "load", None)
                if callable(loader):
                    started = time.monotonic()
                    try:
                        loader()
                    except Exception as error:
                        raise ModelLoadError(f"backend {backend.name!r} could not load: {error!r}") from error
                    steps.append((f"load {backend.name}", time.monotonic() - started))
            if self.config.candidates > 1:
                started = time.monotonic()
                if not self.scorer.wait(SCORER_LOAD_TIMEOUT_S):
                    raise ModelLoadError(f"scorer {self.scorer.name!r} could not load: {self.scorer.error!r}")
                steps.append((f"load scorer {self.scorer.name}", time.monotonic() - started))
            started = time.monotonic()
            isolated = self.finisher.warm_up()  # imports the sanitizer and renderer here, and in the worker
            if self.config.isolate_finish and not isolated:
                raise ModelLoadError("the finishing worker process (svgllm.isolation) did not start")
            steps.append(("start finishing worker" if isolated else "prepare finishing", time.monotonic() - started))
            report = LoadReport([b.name for b in backends], steps, isolated)
            if warm_up is not None:
                started = time.monotonic()
                report.warm_up = self.predict_with_info(warm_up)
                steps.append(("warm-up drawing", time.monotonic() - started))
            self._report = report
            return report

    def _create_backends(self, steps: list[tuple[str, float]]) -> list[Backend]:
        """The chain's backends, created now unless they exist; each creation timed into `steps`."""
        with self._lock:
            if self._backends is not None:
                return self._backends
        backends = []
        for name in self.config.backends:
            started = time.monotonic()
            try:
                backends.append(create_backend(name, self.config))
            except Exception as error:
                raise ModelLoadError(f"backend {name!r} could not be created: {error!r}") from error
            steps.append((f"create {name}", time.monotonic() - started))
        with self._lock:
            self._backends = backends
        return backends

    def finish(self, raw: str, deadline: Deadline | None = None) -> Finished:
        """Sanitise, check and render-check one raw backend answer, done before `deadline` (default: a fresh
        `deadline_s`). `outcome` "ok" carries the valid SVG; "invalid" or "timeout" say why not."""
        return self.finisher(raw, deadline if deadline is not None else Deadline(self.config.deadline_s))

    def predict(self, description: str) -> str:
        """Return a competition-valid SVG for `description`; never raises."""
        return self.predict_with_info(description).svg

    def predict_with_info(self, description: object) -> Prediction:
        """Like `predict`, with the backend that drew the answer and the timings."""
        deadline = Deadline(self.config.deadline_s)  # first: reading the input counts against it too
        tally = Tally()
        text, problem = describe(description, deadline.remaining() * INPUT_SHARE)
        if problem:  # the description is empty then: backends still draw something valid
            tally.attempts.append(Attempt("input", "error", deadline.elapsed(), problem))
        try:
            backends = self.backends
        except Exception as error:  # a broken backend factory must not cost the answer
            tally.attempts.append(Attempt("setup", "error", deadline.elapsed(), repr(error)))
            return tally.prediction(deadline)
        config = self.config
        return draw(backends, text, deadline, self.finish, wanted=config.candidates,
                    fallback_reserve_s=config.fallback_reserve_s, selection_reserve_s=config.selection_reserve_s,
                    scorer=self.scorer, tally=tally)
