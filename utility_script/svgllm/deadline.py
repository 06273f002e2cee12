"""A monotonic-clock deadline passed to every backend so each can stop in time, and the timing helpers around it."""
from __future__ import annotations

import atexit
import threading
import time

# At interpreter exit, wait this long for calls that overran their budget: a native library (torch) torn down
# under a thread still inside one of its ops aborts the process ("terminate called without an active exception").
EXIT_WAIT_S = 30.0
_overrunning: set[threading.Thread] = set()  # call_with_timeout threads still running
_overrunning_lock = threading.Lock()


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
    (work that must really stop runs in `svgllm.isolation`'s killable worker instead). Interpreter exit waits
    for such threads (`wait_for_overruns`), so they should watch a deadline of their own and end soon after it.
    """
    box: dict[str, object] = {}

    def work():
        try:
            box["value"] = function()
        except BaseException as error:  # noqa: BLE001 - report anything, including SystemExit from a backend
            box["error"] = error
        finally:
            with _overrunning_lock:
                _overrunning.discard(threading.current_thread())

    worker = threading.Thread(target=work, name=name, daemon=True)
    with _overrunning_lock:
        _overrunning.add(worker)
    worker.start()
    worker.join(timeout=max(0.0, budget))
    if worker.is_alive():
        return "timeout", f"still running after {budget:.1f} s"
    if "error" in box:
        return "error", repr(box["error"])[:300]
    return "ok", box.get("value")


def link_budget(deadline: Deadline, fallback_reserve_s: float, links_after: int, fallbacks: int) -> float:
    """Seconds one link of the backend chain may take: what is left, minus its later links' share of the reserve.

    `fallbacks` is how many links the chain has after its first one, `links_after` how many follow this one. The
    first link keeps back the whole `fallback_reserve_s`; each later link keeps back only the shares of those still
    after it, so in a chain llm -> composer -> palette the composer gets half the reserve instead of nothing when the
    LLM used all its time, and the last link gets all that is left.
    """
    share = fallback_reserve_s * links_after / fallbacks if fallbacks else 0.0
    return deadline.remaining() - share


def wait_for_overruns(timeout_s: float = EXIT_WAIT_S) -> int:
    """Wait up to `timeout_s` in all for `call_with_timeout` threads still running; returns how many still are.

    Registered with `atexit` (which runs before the interpreter tears down native libraries), so a backend call
    that overran its budget finishes its current step instead of being cut off inside native code.
    """
    until = time.monotonic() + timeout_s
    with _overrunning_lock:
        threads = list(_overrunning)
    for thread in threads:
        thread.join(max(0.0, until - time.monotonic()))
    return sum(thread.is_alive() for thread in threads)


atexit.register(wait_for_overruns)
