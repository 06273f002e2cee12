"""Choosing among candidate SVGs: a scorer maps (description, svgs) to one score per SVG; highest wins.

The default prefers valid SVGs and, among equals, the earliest (so with greedy decoding it is "first valid").
Other scorers (aesthetic predictor, VQA, similarity) plug in by name, as "module:function", or as a callable.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence

Scorer = Callable[[str, Sequence[str]], Sequence[float]]


def first_valid(description: str, svgs: Sequence[str]) -> list[float]:
    """1.0 for an SVG that passes `svgllm.rules.check`, 0.0 otherwise (ties go to the earliest)."""
    from ...rules import check

    return [0.0 if check(svg) else 1.0 for svg in svgs]


def compact_valid(description: str, svgs: Sequence[str]) -> list[float]:
    """Valid first; among valid SVGs prefer the one with more drawing (more bytes), a cheap proxy for detail."""
    from ...rules import check

    return [(1.0 + len(svg) / 1e6) if not check(svg) else 0.0 for svg in svgs]


BUILTIN: dict[str, Scorer] = {"first_valid": first_valid, "compact_valid": compact_valid}


def get_scorer(spec) -> Scorer:
    """A scorer from a callable, a built-in name, or "module:function"; ValueError otherwise."""
    if callable(spec):
        return spec
    if not isinstance(spec, str) or not spec:
        raise ValueError(f"scorer must be a callable or a name, got {spec!r}")
    if spec in BUILTIN:
        return BUILTIN[spec]
    if ":" not in spec:
        raise ValueError(f"unknown scorer {spec!r}; built-in: {', '.join(BUILTIN)}, or give 'module:function'")
    module_name, attribute = spec.split(":", 1)
    scorer = getattr(importlib.import_module(module_name), attribute, None)
    if not callable(scorer):
        raise ValueError(f"scorer {spec!r} is not a callable")
    return scorer


def pick(description: str, svgs: Sequence[str], scorer: Scorer) -> tuple[int, list[float]]:
    """Index of the best SVG under `scorer` (earliest among ties) and all scores."""
    if not svgs:
        raise ValueError("no candidates to choose from")
    scores = [float(s) for s in scorer(description, svgs)]
    if len(scores) != len(svgs):
        raise ValueError(f"scorer returned {len(scores)} scores for {len(svgs)} candidates")
    best = max(range(len(svgs)), key=lambda i: (scores[i], -i))
    return best, scores
