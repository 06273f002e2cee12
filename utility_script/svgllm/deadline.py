"""A monotonic-clock deadline passed to every backend so each can stop in time, and the timing helpers around it."""
from __future__ import annotations

import time


class Deadline:
    """A point in time `seconds` from now; backends poll `remaining()` and stop before it passes."""

    def __init__(self, seconds: float, clock=time.monotonic):
        self._clock = clock
        self.started = clock()
        self.seconds = max(0.0, float(seconds))  # the whole span, fixed at creation
        self.at = self.started + self.seconds

    def remaining(self) -> float:
        """Seconds left (never negative)."""
        return max(0.0, self.at - self._clock())

    def elapsed(self) -> float:
        """Seconds since the deadline was created."""
        return self._clock() - self.started

    def expired(self) -> bool:
        """True once no time is left."""
        return self.remaining() <= 0.0

    def sub(self, seconds: float) -> Deadline:
        """A deadline at most `seconds` from now and never later than this one (a budget for one step)."""
        return Deadline(min(seconds, self.remaining()), clock=self._clock)


def call_with_timeout(function, budget: float, name: str = "svgllm-call") -> tuple[str, object]:
    """Run `function()` in a daemon thread and wait at most `budget` seconds.

    Returns ("ok", its result), ("error", repr of what it raised) or ("timeout", detail). Python cannot kill a
    thread: a call that overruns keeps running in the background, but the caller gets its answer in time
    (work that must really stop runs in `svgllm.isolation`'s killable worker instead).
    """
    import threading

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
