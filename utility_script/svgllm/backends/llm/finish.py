"""Turning generated text into a document: complete a grammar prefix, or close plain text trivially."""
from __future__ import annotations

from ...prompt import SVG_CLOSE
from .grammar import SvgGrammar


def trivial_close(text: str) -> str:
    """Keep text up to the first `</svg>` (inclusive), or append `</svg>` when there is none.

    The same cheap step for constrained and unconstrained output, so validity comparisons are fair.
    """
    end = text.find(SVG_CLOSE)
    return text[: end + len(SVG_CLOSE)] if end >= 0 else text + SVG_CLOSE


def complete(text: str, grammar: SvgGrammar) -> tuple[str, bool]:
    """(`text` completed into a document, True) when `text` is a prefix of `grammar`'s language.

    Otherwise (`trivial_close(text)`, False). `grammar` must start at the document's first character (built with
    the header it expects).
    """
    state = grammar.feed(grammar.initial(), text)
    if state is None:
        return trivial_close(text), False
    return text + grammar.closing(state), True
