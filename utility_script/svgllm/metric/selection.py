"""Best-of-N: score candidate SVGs for one description and keep the best. The project's one scorer protocol.

`Scorer` is anything with `score(description, svg) -> float` (higher is better): the CPU `ProxyScorer`,
the model-based `MetricScorer`, the validity scorers below (the LLM backend's per-batch choice), or a test
double. `resolve_scorer` is the one way a name or "module:attribute" path becomes a scorer. `best_of` pulls
candidates lazily, so a generator that draws them one at a time stops being asked once the deadline has passed.
Light on purpose: no heavy imports.
"""
from __future__ import annotations

import math
import pkgutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable


@runtime_checkable
class Scorer(Protocol):
    """Rates an SVG for a description; higher is better. May raise on an SVG it cannot rate."""

    def score(self, description: str, svg: str) -> float:
        """Return a finite float."""
        ...


# Scorers `Model` can build from a name alone (no arguments; "metric" loads weights): name -> "module:attribute".
# Anything else is given as "module:attribute" (a class or zero-argument factory, an object with `score`, or a
# plain function `(description, svg) -> float`), or passed to `Model(config, scorer=...)` ready-made.
SCORERS: dict[str, str] = {
    "proxy": "svgllm.metric.proxy:ProxyScorer",
    "metric": "svgllm.metric.score:metric_from_env",  # the models of SVGLLM_METRIC_OPTIONS (metric.options)
    "first_valid": "svgllm.metric.selection:FirstValid",
    "compact_valid": "svgllm.metric.selection:CompactValid",
}


class FirstValid:
    """1.0 for an SVG that passes `svgllm.rules.check`, 0.0 otherwise (ties go to the earliest: "first valid")."""

    name = "first_valid"

    def score(self, description: str, svg: str) -> float:
        from ..rules import check

        return 0.0 if check(svg) else 1.0


class CompactValid:
    """Valid first; among valid SVGs the one with more drawing (more bytes), a cheap proxy for detail."""

    name = "compact_valid"

    def score(self, description: str, svg: str) -> float:
        from ..rules import check

        return 0.0 if check(svg) else 1.0 + len(svg) / 1e6


def check_scorer_spec(spec: object) -> str:
    """Validate a scorer name without importing anything; returns it, or raises ValueError saying what is allowed."""
    if isinstance(spec, str) and (spec in SCORERS or _looks_like_import_path(spec)):
        return spec
    raise ValueError(f"scorer must be one of {', '.join(SCORERS)} or a 'module:attribute' path, got {spec!r}")


def _looks_like_import_path(spec: str) -> bool:
    module, _, attribute = spec.partition(":")
    return bool(module and attribute) and all(part.isidentifier() for part in module.split(".") + attribute.split("."))


class _FunctionScorer:
    """Adapts a plain `(description, svg) -> float` function to the `Scorer` protocol."""

    def __init__(self, function):
        self.function = function
        self.name = getattr(function, "__name__", "function")

    def score(self, description: str, svg: str) -> float:
        return self.function(description, svg)


def resolve_scorer(spec) -> Scorer:
    """A `Scorer` from an object with `score`, a `(description, svg) -> float` function, a registered name or a
    "module:attribute" path (imported now, by `pkgutil.resolve_name`).

    Raises ValueError for a bad name and ImportError/AttributeError when the path does not resolve.
    """
    if not isinstance(spec, str):
        if callable(getattr(spec, "score", None)):
            return spec
        if callable(spec) and not isinstance(spec, type):
            return _FunctionScorer(spec)
        raise ValueError(f"a scorer needs a score(description, svg) method, got {type(spec).__name__}")
    found = pkgutil.resolve_name(SCORERS.get(check_scorer_spec(spec), spec))
    if isinstance(found, type) or (callable(found) and not callable(getattr(found, "score", None))
                                   and _takes_no_arguments(found)):
        found = found()  # a class or a zero-argument factory (e.g. one that loads MetricScorer's weights)
    if callable(getattr(found, "score", None)):
        return found
    if callable(found):
        return _FunctionScorer(found)
    raise ValueError(f"scorer {spec!r} resolved to {type(found).__name__}, which has no score method")


def _takes_no_arguments(function) -> bool:
    import inspect

    try:
        parameters = inspect.signature(function).parameters.values()
    except (TypeError, ValueError):  # some builtins have no signature: treat them as scoring functions
        return False
    return all(p.default is not p.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD) for p in parameters)


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
