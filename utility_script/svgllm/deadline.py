"""A monotonic-clock deadline passed to every backend so each can stop in time."""
from __future__ import annotations

import time


class Deadline:
    """A point in time `seconds` from now; backends poll `remaining()` and stop before it passes."""

    def __init__(self, seconds: float, clock=time.monotonic):
        self._clock = clock
        self.started = clock()
        self.at = self.started + max(0.0, float(seconds))

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
