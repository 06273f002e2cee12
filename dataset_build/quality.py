"""Acceptance checks of a normalised target: competition rules, a successful render, not near-blank, faithful.

`assess(svg, reference=None, ...)` returns "" for an accepted target or the reason it is rejected. Fidelity
compares the normalised render with the render of the source SVG (when given): the normaliser rounds to an
integer grid and replaces patterns by one colour, and this guards against a target that no longer shows what
its source showed.
"""
from __future__ import annotations

COMPARE_SIZE = 96  # renders are compared at this size: enough to see a lost shape, cheap to compute


def _pixels(svg: str):
    import numpy as np
    from svgllm.render import render

    return np.asarray(render(svg).resize((COMPARE_SIZE, COMPARE_SIZE)), dtype=np.float32)


def assess(svg: str, reference: str | None = None, max_bytes: int = 10_000, min_std: float = 4.0,
           max_diff: float = 40.0) -> str:
    """"" when `svg` is an acceptable training target, else why not.

    max_bytes: the target's UTF-8 size cap. min_std: the render's pixel standard deviation (0-255) below which
    it counts as near-blank. max_diff: the largest mean absolute pixel difference (0-255) to `reference`'s render.
    """
    from svgllm.rules import check

    size = len(svg.encode("utf-8"))
    if size > max_bytes:
        return f"too large: {size} bytes > {max_bytes}"
    problems = check(svg)
    if problems:
        return "invalid: " + "; ".join(problems[:3])
    try:
        pixels = _pixels(svg)
    except Exception as error:  # cairosvg and PIL raise many types; any of them makes the target unusable
        return f"unreadable render: {type(error).__name__}"
    if float(pixels.std()) < min_std:
        return "near-blank render"
    if reference is not None:
        try:
            expected = _pixels(reference)
        except Exception:  # the source itself does not render: nothing to compare with
            return ""
        difference = float(abs(pixels - expected).mean())
        if difference > max_diff:
            return f"unfaithful: mean pixel difference {difference:.1f} > {max_diff}"
    return ""
