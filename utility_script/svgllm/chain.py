"""The backend chain: gather up to N valid answers from the backends under one deadline, keep the best.

`gather` walks the backends in order and yields valid, distinct SVGs. Each raw answer goes through a `finish`
callable (`Model.finish`: sanitise + check + render check, under a time limit). The time rules:
- the first valid answer is looked for with each backend but the last leaving the later links their share of
  `fallback_reserve_s` (`deadline.link_budget`); a link's budget covers both its drawing and the finishing of what
  it drew;
- with `wanted` = 1 (the plain path) the first valid answer is the answer;
- with `wanted` > 1 (best-of-N), once one answer is in hand more are drawn only until the deadline minus the
  selection reserve, and candidates are scored as they arrive by a scorer whose every call ends shortly before
  the deadline: a slow or failing scorer costs its candidate, never the answer.
When nothing valid was found the constant `EMERGENCY_SVG` is the answer; nothing here raises for a backend's sake.

A backend offers several candidates through an optional `candidates(description, deadline, n) -> list[str]`
method (composer: reseeded drawings; llm: one sampled batch); others are asked once with `generate`.
"""
from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from .deadline import Deadline, call_with_timeout, link_budget
from .values import CANVAS_SIZE

SCORE_MARGIN_S = 0.1  # a scoring call must end this long before the deadline (thread hand-off, bookkeeping)

# The answer of last resort: constant, valid, opaque, renderable (tested). Used only when no backend gave a valid
# answer in time. Sky, ground from two thirds down, sun: positions in canvas pixels.
EMERGENCY_SVG = (
    f'<svg xmlns="http://www.w3.org/2000/svg" width="{CANVAS_SIZE}" height="{CANVAS_SIZE}" '
    f'viewBox="0 0 {CANVAS_SIZE} {CANVAS_SIZE}"><rect width="{CANVAS_SIZE}" height="{CANVAS_SIZE}" fill="#87ceeb"/>'
    f'<rect y="{CANVAS_SIZE * 2 // 3}" width="{CANVAS_SIZE}" height="{CANVAS_SIZE // 3}" fill="#6b8e23"/>'
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


@dataclass(frozen=True)
class Finished:
    """What `finish` made of one raw answer: `outcome` "ok" (then `svg` is valid), "invalid" or "timeout"."""

    svg: str
    outcome: str
    detail: str = ""


Finish = Callable[[str, Deadline], Finished]


@dataclass
class Tally:
    """What one call of the chain did: every attempt, the valid answers (backend, svg), time inside backends."""

    attempts: list[Attempt] = field(default_factory=list)
    found: list[tuple[str, str]] = field(default_factory=list)
    backend_seconds: float = 0.0

    def prediction(self, deadline: Deadline, index: int = 0, choice: Choice | None = None) -> Prediction:
        """The answer `found[index]` (the emergency SVG when nothing was found), with timings."""
        total = deadline.elapsed()
        overhead = total - self.backend_seconds
        if not self.found:
            return Prediction(EMERGENCY_SVG, "emergency", total, self.attempts, overhead)
        backend, svg = self.found[index]
        return Prediction(svg, backend, total, self.attempts, overhead, choice)


def gather(backends: list, text: str, deadline: Deadline, finish: Finish, tally: Tally, *, wanted: int,
           fallback_reserve_s: float, drawing: Deadline | None = None) -> Iterator[str]:
    """Yield valid, distinct SVGs (also appended to `tally.found`) until `wanted` are found or the backends end.

    `drawing`: once an answer is in hand, further backends are asked, and further answers finished, only
    while it has time left (best-of-N keeps the rest of the deadline for scoring); default: `deadline`.
    """
    drawing = deadline if drawing is None else drawing
    for index, backend in enumerate(backends):
        if len(tally.found) >= wanted:
            return
        if tally.found:  # an answer is in hand: more only while drawing time remains
            budget = drawing.remaining()
        else:  # leave the later links their turn
            budget = link_budget(deadline, fallback_reserve_s, links_after=len(backends) - 1 - index,
                                 fallbacks=len(backends) - 1)
        name = getattr(backend, "name", type(backend).__name__)
        if budget <= 0:
            tally.attempts.append(Attempt(name, "timeout", 0.0, "no time left"))
            continue
        link = deadline.sub(budget)
        started = time.monotonic()
        outcome, raws = ask(backend, text, link, budget, wanted - len(tally.found))
        spent = time.monotonic() - started
        tally.backend_seconds += spent
        if outcome != "ok":
            tally.attempts.append(Attempt(name, outcome, spent, raws))
            continue
        for position, raw in enumerate(raws[: wanted - len(tally.found)]):
            if tally.found and drawing.expired():
                break  # finishing costs a render each; the time left is for scoring
            seconds = spent if position == 0 else 0.0  # the backend call's time is booked on its first answer
            done = finish(raw, link) if isinstance(raw, str) else Finished("", "invalid",
                                                                              f"{type(raw).__name__}, not str")
            if done.outcome != "ok":
                tally.attempts.append(Attempt(name, done.outcome, seconds, done.detail))
            elif any(done.svg == kept for _, kept in tally.found):
                tally.attempts.append(Attempt(name, "duplicate", seconds, "same as an earlier candidate"))
            else:
                tally.attempts.append(Attempt(name, "ok", seconds))
                tally.found.append((name, done.svg))
                yield done.svg


def ask(backend, text: str, deadline: Deadline, budget: float, wanted: int) -> tuple[str, object]:
    """("ok", [raw, ...]) from `candidates` when the backend has it and more than one is wanted, else `generate`.

    Runs under `call_with_timeout(budget)`; a `generate` that returns a non-str is an "error".
    """
    thread_name = f"svgllm-{getattr(backend, 'name', 'backend')}"
    offer = getattr(backend, "candidates", None)
    if callable(offer) and wanted > 1:
        outcome, value = call_with_timeout(lambda: offer(text, deadline, wanted), budget, thread_name)
        if outcome == "ok" and not isinstance(value, (list, tuple)):
            return "error", f"candidates() returned {type(value).__name__}, not a list"
        if outcome == "ok" and not value:
            return "error", "candidates() returned no candidate"
        return outcome, list(value) if outcome == "ok" else value
    outcome, value = call_with_timeout(lambda: backend.generate(text, deadline), budget, thread_name)
    if outcome == "ok" and not isinstance(value, str):
        return "error", f"backend returned {type(value).__name__}, not str"
    return outcome, [value] if outcome == "ok" else value


class ScorerSlot:
    """A best-of-N scorer, resolved once in a background thread so a slow factory cannot cost a deadline.

    `spec`: a name or "module:attribute" (resolved on `start`), or a ready object with `score`.
    """

    def __init__(self, spec):
        from .metric.selection import resolve_scorer

        ready = isinstance(spec, str)
        self.spec = spec
        self.name = spec if ready else type(spec).__name__
        self.value = None if ready else resolve_scorer(spec)  # ValueError now for an object without `score`
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

    def wait(self, timeout: float) -> bool:
        """Start resolving and wait up to `timeout` seconds; True once the scorer is ready."""
        self.start()
        thread = self._thread
        if self.value is None and self.error is None and thread is not None:
            thread.join(max(0.0, timeout))
        return self.value is not None

    def get(self, timeout: float):
        """The scorer; raises the resolution error, or TimeoutError while it is still loading."""
        if self.wait(timeout):
            return self.value
        if self.error is not None:
            raise RuntimeError(f"scorer {self.spec!r} unavailable: {self.error!r}"[:300])
        raise TimeoutError(f"scorer {self.spec!r} still loading")


class TimedScorer:
    """A scorer whose every call must finish `SCORE_MARGIN_S` before `deadline` (else TimeoutError)."""

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


def draw(backends: list, text: str, deadline: Deadline, finish: Finish, *, wanted: int = 1,
         fallback_reserve_s: float, selection_reserve_s: float = 0.0, scorer: ScorerSlot | None = None,
         tally: Tally | None = None) -> Prediction:
    """The chain's answer for `text`: the first valid answer (`wanted` = 1) or the best of up to `wanted`.

    `selection_reserve_s` (best-of-N) is kept back from drawing for scoring, at most half the deadline.
    Never raises.
    """
    tally = Tally() if tally is None else tally
    if wanted <= 1 or scorer is None:
        for _ in gather(backends, text, deadline, finish, tally, wanted=1, fallback_reserve_s=fallback_reserve_s):
            break
        return tally.prediction(deadline)
    from .metric.selection import best_of

    reserve = min(selection_reserve_s, deadline.seconds / 2)
    drawing = deadline.sub(deadline.remaining() - reserve)
    detail = ""
    try:
        scorer.start()  # a scorer that loads weights does so while the backends draw
        candidates = gather(backends, text, deadline, finish, tally, wanted=wanted,
                            fallback_reserve_s=fallback_reserve_s, drawing=drawing)
        selection = best_of(candidates, TimedScorer(scorer, deadline), text, deadline=drawing)
        index, scores = selection.index, selection.scores
        if selection.errors:
            detail = summarise_errors(selection.errors)
    except Exception as error:  # noqa: BLE001 - no candidate at all (ValueError), or a bug: keep what was found
        index, scores = 0, [math.nan] * len(tally.found)
        detail = f"selection failed: {error!r}"[:300]
    if not tally.found:
        return tally.prediction(deadline)
    index = index if 0 <= index < len(tally.found) else 0
    choice = Choice([name for name, _ in tally.found], scores, index, scorer.name, detail)
    return tally.prediction(deadline, index, choice)


def summarise_errors(errors: dict[int, str]) -> str:
    """"#1, #2: reason; #3: other reason" (candidates numbered from 1), identical reasons merged."""
    by_reason: dict[str, list[int]] = {}
    for index, why in sorted(errors.items()):
        by_reason.setdefault(why, []).append(index + 1)
    return "; ".join(f"{', '.join(f'#{i}' for i in indices)}: {why}" for why, indices in by_reason.items())[:500]
