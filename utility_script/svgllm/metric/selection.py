"""Best-of-N: score candidate SVGs for one description and keep the best.

`Scorer` is anything with `score(description, svg) -> float` (higher is better): the CPU `ProxyScorer`,
the model-based `MetricScorer`, or a test double. `best_of` pulls candidates lazily, so a generator that
draws them one at a time stops being asked once the deadline has passed. Light on purpose: no heavy imports.
"""
from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable


@runtime_checkable
class Scorer(Protocol):
    """Rates an SVG for a description; higher is better. May raise on an SVG it cannot rate."""

    def score(self, description: str, svg: str) -> float:
        """Return a finite float."""
        ...


@dataclass
class Selection:
    """The outcome of `best_of`: the kept SVG, its score and index, and every candidate's score.

    `scores[i]` is NaN for a candidate whose scoring raised or returned a non-finite value (its reason is in
    `errors[i]`). When no candidate could be scored, the first candidate is kept and `score` is NaN.
    """

    svg: str
    score: float
    index: int
    scores: list[float] = field(default_factory=list)
    errors: dict[int, str] = field(default_factory=dict)

    @property
    def considered(self) -> int:
        """How many candidates were looked at before the end or the deadline."""
        return len(self.scores)


def best_of(candidates: Iterable[str], scorer: Scorer, description: str, deadline=None) -> Selection:
    """Keep the best-scoring candidate for `description`; ties go to the earliest.

    `deadline` (an `svgllm.deadline.Deadline`, optional): once expired, no further candidate is pulled or
    scored, but at least one candidate is always taken. Raises ValueError when `candidates` is empty.
    """
    scores: list[float] = []
    errors: dict[int, str] = {}
    kept: list[str] = []
    best_index, best_score = -1, -math.inf
    for index, svg in enumerate(candidates):
        kept.append(svg)
        try:
            value = float(scorer.score(description, svg))
        except Exception as error:  # noqa: BLE001 - one candidate failing must not lose the others
            value, errors[index] = math.nan, f"{type(error).__name__}: {error}"[:300]
        if not math.isfinite(value):
            errors.setdefault(index, f"non-finite score {value}")
            value = math.nan
        scores.append(value)
        if not math.isnan(value) and value > best_score:
            best_index, best_score = index, value
        if deadline is not None and deadline.expired():
            break
    if not kept:
        raise ValueError("best_of needs at least one candidate")
    if best_index < 0:
        return Selection(kept[0], math.nan, 0, scores, errors)
    return Selection(kept[best_index], best_score, best_index, scores, errors)
