"""Best-of-N inside `Model`: gather up to N valid candidates across the backends, keep the best by a scorer.

Time plan for one description (deadline D, `selection_reserve_s` R, capped at half the deadline):
- the first valid candidate is looked for under the plain chain's time rules (each backend but the last leaves
  `fallback_reserve_s` for the next one), so the fallbacks keep their turn;
- once one is in hand, more are drawn only until D - R, then the backends are no longer asked;
- candidates are scored as they arrive (`metric.selection.best_of` pulls them lazily), each scoring call in a
  thread that must end shortly before D: a slow or failing scorer costs its candidate, never the answer.
When nothing could be scored the first valid candidate is returned; when no candidate is valid, the emergency SVG.

A backend offers several candidates through an optional `candidates(description, deadline, n) -> list[str]`
method (composer: reseeded drawings; llm: one sampled batch); others are asked once with `generate`.
"""
from __future__ import annotations

import math
import threading
import time
from collections.abc import Iterator

from .deadline import Deadline
from .model import EMERGENCY_SVG, Attempt, Choice, Model, Prediction, call_with_timeout, link_budget

SCORE_MARGIN_S = 0.1  # a scoring call must end this long before the deadline (thread hand-off, bookkeeping)


class ScorerSlot:
    """The configured scorer, resolved once in a background thread so a slow factory cannot cost a deadline."""

    def __init__(self, spec, ready=None):
        self.spec = spec
        self.value = ready
        self.error: Exception | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        """Begin resolving (once); later calls do nothing."""
        with self._lock:
            if self.value is not None or self.error is not None or self._thread is not None:
                return
            self._thread = threading.Thread(target=self._resolve, name="svgllm-scorer-load", daemon=True)
            self._thread.start()

    def _resolve(self) -> None:
        from .metric.selection import resolve_scorer

        try:
            self.value = resolve_scorer(self.spec)
        except Exception as error:  # noqa: BLE001 - kept and reported on every use; predict never raises
            self.error = error

    def get(self, timeout: float):
        """The scorer; raises the resolution error, or TimeoutError while it is still loading."""
        self.start()
        if self.value is None and self.error is None and self._thread is not None:
            self._thread.join(max(0.0, timeout))
        if self.value is not None:
            return self.value
        if self.error is not None:
            raise RuntimeError(f"scorer {self.spec!r} unavailable: {self.error!r}"[:300])
        raise TimeoutError(f"scorer {self.spec!r} still loading")


class TimedScorer:
    """A `Scorer` whose every call must finish `SCORE_MARGIN_S` before `deadline` (else TimeoutError)."""

    def __init__(self, slot: ScorerSlot, deadline: Deadline):
        self.slot = slot
        self.deadline = deadline

    def score(self, description: str, svg: str) -> float:
        """The slot's scorer on one candidate, cut off before the deadline."""
        scorer = self.slot.get(self.deadline.remaining() - SCORE_MARGIN_S)
        budget = self.deadline.remaining() - SCORE_MARGIN_S
        if budget <= 0:
            raise TimeoutError("no time left to score")
        outcome, value = call_with_timeout(lambda: scorer.score(description, svg), budget, "svgllm-scorer")
        if outcome == "timeout":
            raise TimeoutError(value)
        if outcome == "error":
            raise RuntimeError(value)
        return value


def scorer_slot(model: Model) -> ScorerSlot:
    """The model's scorer slot, created on first use (given scorer, else `config.scorer`)."""
    with model._lock:
        if model._scorer_slot is None:
            model._scorer_slot = ScorerSlot(model.config.scorer, ready=model._scorer)
        return model._scorer_slot


def gather(model: Model, backends: list, text: str, deadline: Deadline, drawing: Deadline,
           attempts: list[Attempt], found: list[tuple[str, str]], timing: dict) -> Iterator[str]:
    """Yield valid, distinct candidate SVGs (also appended to `found` as (backend, svg)) up to `candidates`.

    Every raw answer goes through `model._finish`; failures and repeats are recorded in `attempts`.
    `timing["backend_seconds"]` accumulates the time spent inside backends.
    """
    wanted = model.config.candidates
    for index, backend in enumerate(backends):
        if len(found) >= wanted:
            return
        if found:  # an answer is in hand: more only while drawing time remains
            budget = drawing.remaining()
        else:  # the plain chain's rule: leave the later links their turn
            budget = link_budget(deadline, model.config.fallback_reserve_s, is_last=index == len(backends) - 1)
        if budget <= 0:
            attempts.append(Attempt(backend.name, "timeout", 0.0, "no time left"))
            continue
        started = time.monotonic()
        outcome, raws = _ask(backend, text, deadline.sub(budget), budget, wanted - len(found))
        spent = time.monotonic() - started
        timing["backend_seconds"] += spent
        if outcome != "ok":
            attempts.append(Attempt(backend.name, outcome, spent, raws))
            continue
        for position, raw in enumerate(raws[: wanted - len(found)]):
            if found and drawing.expired():
                break  # finishing costs a render each; the time left is for scoring
            seconds = spent if position == 0 else 0.0  # the backend call's time is booked on its first answer
            svg, problem = model._finish(raw) if isinstance(raw, str) else ("", f"{type(raw).__name__}, not str")
            if problem:
                attempts.append(Attempt(backend.name, "invalid", seconds, problem))
            elif any(svg == kept for _, kept in found):
                attempts.append(Attempt(backend.name, "duplicate", seconds, "same as an earlier candidate"))
            else:
                attempts.append(Attempt(backend.name, "ok", seconds))
                found.append((backend.name, svg))
                yield svg


def _ask(backend, text: str, deadline: Deadline, budget: float, wanted: int) -> tuple[str, object]:
    """("ok", [raw, ...]) from `candidates` when the backend has it and more than one is wanted, else `generate`."""
    offer = getattr(backend, "candidates", None)
    if callable(offer) and wanted > 1:
        outcome, value = call_with_timeout(lambda: offer(text, deadline, wanted), budget, f"svgllm-{backend.name}")
        if outcome == "ok" and not isinstance(value, (list, tuple)):
            return "error", f"candidates() returned {type(value).__name__}, not a list"
        if outcome == "ok" and not value:
            return "error", "candidates() returned no candidate"
        return outcome, list(value) if outcome == "ok" else value
    outcome, value = call_with_timeout(lambda: backend.generate(text, deadline), budget, f"svgllm-{backend.name}")
    return outcome, [value] if outcome == "ok" else value


def predict_best_of(model: Model, text: str, backends: list, deadline: Deadline) -> Prediction:
    """`Model.predict_with_info` for `candidates` > 1 (see the module docstring); never raises."""
    from .metric.selection import best_of

    attempts: list[Attempt] = []
    found: list[tuple[str, str]] = []
    timing = {"backend_seconds": 0.0}
    scorer_name = model.config.scorer if model._scorer is None else type(model._scorer).__name__
    reserve = min(model.config.selection_reserve_s, model.config.deadline_s / 2)
    drawing = deadline.sub(deadline.remaining() - reserve)
    detail = ""
    try:
        slot = scorer_slot(model)
        slot.start()  # a scorer that loads weights does so while the backends draw
        candidates = gather(model, backends, text, deadline, drawing, attempts, found, timing)
        selection = best_of(candidates, TimedScorer(slot, deadline), text, deadline=drawing)
        index, scores = selection.index, selection.scores
        if selection.errors:
            detail = _summarise_errors(selection.errors)
    except Exception as error:  # noqa: BLE001 - no candidate at all (ValueError), or a bug: keep what was found
        index, scores = 0, [math.nan] * len(found)
        detail = f"selection failed: {error!r}"[:300]
    total = deadline.elapsed()
    overhead = total - timing["backend_seconds"]
    if not found:
        return Prediction(EMERGENCY_SVG, "emergency", total, attempts, overhead)
    index = index if 0 <= index < len(found) else 0
    choice = Choice([name for name, _ in found], scores, index, scorer_name, detail)
    return Prediction(found[index][1], found[index][0], total, attempts, overhead, choice)


def _summarise_errors(errors: dict[int, str]) -> str:
    """"#1, #2: reason; #3: other reason" (candidates numbered from 1), identical reasons merged."""
    by_reason: dict[str, list[int]] = {}
    for index, why in sorted(errors.items()):
        by_reason.setdefault(why, []).append(index + 1)
    return "; ".join(f"{', '.join(f'#{i}' for i in indices)}: {why}" for why, indices in by_reason.items())[:500]
