"""How many images each description gets: the competition's 9 hours, less the measured start-up, shared by the
descriptions still to come, divided by the measured seconds per image (generation + vectorising).

The plan adapts as it goes: a slow start-up or slow images lower the count for the rest, time saved raises it
(never above the configured maximum). `projection()` is the line the notebook prints before the run.
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass

SMOOTHING = 0.3  # weight of the newest measurement in the running seconds-per-image estimate


@dataclass(frozen=True)
class Projection:
    """What the plan expects for the whole test set at its current measurements."""

    startup_s: float
    seconds_per_image: float | None
    seconds_per_description: float
    images_per_description: int
    projected_hours: float | None  # start-up + every description at that image count; None before a measurement
    limit_hours: float

    def __str__(self) -> str:
        if self.seconds_per_image is None:
            return (f"image backend: start-up {self.startup_s:.0f} s, {self.seconds_per_description:.1f} s per "
                    f"description available; no image measured yet")
        return (f"image backend: start-up {self.startup_s:.0f} s, {self.seconds_per_image:.2f} s per image, "
                f"{self.images_per_description} images per description -> {self.projected_hours:.2f} h projected "
                f"of {self.limit_hours:.1f} h")


class TimePlan:
    """The running time plan of one backend instance (one submission run)."""

    def __init__(self, total_hours: float, descriptions: int, time_share: float = 1.0, max_images: int = 8,
                 clock=time.monotonic):
        self.limit_s = float(total_hours) * 3600.0
        self.planned_s = self.limit_s * float(time_share)
        self.descriptions = int(descriptions)
        self.max_images = int(max_images)
        self.clock = clock
        self.started = clock()  # the backend is created when the submission's Model is, i.e. at start-up
        self.startup_s = 0.0
        self.done = 0
        self.seconds_per_image: float | None = None

    def loaded(self) -> None:
        """Record the end of start-up (the pipeline is in memory)."""
        self.startup_s = self.clock() - self.started

    def seconds_per_description(self) -> float:
        """Planned time left, shared equally by the descriptions not yet drawn."""
        left = self.planned_s - (self.clock() - self.started)
        return max(0.0, left / max(1, self.descriptions - self.done))

    def images_within(self, seconds: float) -> int:
        """Images that fit in `seconds` at the measured speed (the maximum before any measurement), >= 0."""
        if self.seconds_per_image is None:
            return self.max_images
        return max(0, min(self.max_images, math.floor(seconds / self.seconds_per_image)))

    def record(self, images: int, seconds: float) -> None:
        """Fold one batch's measured time into the seconds-per-image estimate."""
        if images <= 0:
            return
        measured = seconds / images
        previous = self.seconds_per_image
        self.seconds_per_image = measured if previous is None else (1 - SMOOTHING) * previous + SMOOTHING * measured

    def finished(self) -> None:
        """One more description drawn."""
        self.done += 1

    def projection(self) -> Projection:
        """The whole run at the current measurements (see `Projection`)."""
        per_description = self.seconds_per_description()
        images = max(1, self.images_within(per_description))
        hours = None
        if self.seconds_per_image is not None:
            hours = (self.startup_s + self.descriptions * images * self.seconds_per_image) / 3600.0
        return Projection(self.startup_s, self.seconds_per_image, per_description, images, hours,
                          self.limit_s / 3600.0)
