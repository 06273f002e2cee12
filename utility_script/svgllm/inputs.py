"""Turn whatever `predict` is given into a short printable description, cheaply and within a time bound.

Hostile input must not cost the deadline: a str is cut to a window before any per-character work, and any other
object is converted by `str()` in a thread that is waited for only briefly (a `__str__` may be slow or huge).
"""
from __future__ import annotations

import unicodedata

from .deadline import call_with_timeout
from .limits import KEPT_DESCRIPTION_CHARS

# Cleaning reads at most this many characters: enough for a description padded with blanks or control characters,
# and it keeps a 10M-character input as cheap as a short one (whatever lies beyond would be cut anyway).
SCAN_CHARS = 8 * KEPT_DESCRIPTION_CHARS
STR_BUDGET_S = 0.5  # longest wait for `str()` of a non-str input; on overrun the description is empty
_DROPPED_CATEGORIES = ("Cc", "Cs", "Zl", "Zp")  # control characters, lone surrogates, line/paragraph separators


def clean_description(description: object) -> str:
    """Make any input a short printable str: non-str converted, control characters dropped, length capped.

    Converts a non-str with `str()` unbounded; `describe` is the time-bounded form `Model` uses.
    """
    if isinstance(description, str):
        return clean_text(description)
    return clean_text("" if description is None else str(description))


def clean_text(text: str) -> str:
    """Cut `text` to `SCAN_CHARS` first (cheap), then drop control characters, squeeze blanks, cap the length."""
    window = str.__getitem__(text, slice(0, SCAN_CHARS))  # a plain str even for a subclass overriding slicing
    kept = "".join(" " if unicodedata.category(ch) in _DROPPED_CATEGORIES else ch for ch in window)
    return " ".join(kept.split())[:KEPT_DESCRIPTION_CHARS]


def describe(description: object, budget_s: float) -> tuple[str, str]:
    """(clean text, "") or ("", why the input could not be read) with `str()` of a non-str bounded by `budget_s`.

    The wait is at most `min(budget_s, STR_BUDGET_S)`; a `str()` that overruns keeps running in a daemon thread
    (Python cannot stop it) but the answer no longer waits for it.
    """
    if description is None:
        return "", ""
    if isinstance(description, str):
        return clean_text(description), ""
    if isinstance(description, (bytes, bytearray)):
        description = bytes(description[:SCAN_CHARS])  # its str() is at most ~4 characters per byte
    outcome, value = call_with_timeout(lambda: str(description), min(budget_s, STR_BUDGET_S), "svgllm-input")
    if outcome != "ok":
        return "", f"str() of the {type(description).__name__} input: {outcome} {value}"[:300]
    if not isinstance(value, str):
        return "", f"str() of the input returned {type(value).__name__}"
    return clean_text(value), ""
