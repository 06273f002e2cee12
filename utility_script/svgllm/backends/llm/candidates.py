"""Choosing among one batch of LLM candidates with the project's one scorer protocol (`svgllm.metric.selection`).

A scorer rates one SVG at a time (`score(description, svg) -> float`, higher is better); the LLM options name one
of `selection.SCORERS` (default "first_valid": valid SVGs first, ties to the earliest, so with greedy decoding it
is "first valid"), a "module:attribute" path, or pass an object or a function.
"""
from __future__ import annotations

from collections.abc import Sequence

from ...metric.selection import Scorer, best_of, resolve_scorer

get_scorer = resolve_scorer  # the LLM backend's name for the one resolver


def pick(description: str, svgs: Sequence[str], scorer: Scorer) -> tuple[int, list[float]]:
    """Index of the best SVG under `scorer` (earliest among ties; NaN for one it failed on) and all scores."""
    if not svgs:
        raise ValueError("no candidates to choose from")
    selection = best_of(svgs, scorer, description)
    return selection.index, selection.scores
