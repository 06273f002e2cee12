"""`sanitize(text)`: any string in, a competition-valid, renderable SVG out.

An ordered list of small named passes. Text passes run on the raw string (find the SVG, drop noise, mend a
truncated tag); the document is then read by a forgiving parser and tree passes run in order (root, styles,
allowlist, values, references, background); finally the tree is fitted to the byte budget, its render work
is bounded (`render_cost`), and it is written.
Each pass is importable and tested on its own.
"""
from __future__ import annotations

from ..rules import forbidden_text
from .budget import fit_budget
from .content import clean_values, ensure_background, resolve_references
from .render_cost import bound_render_cost
from .render_guard import ensure_renderable
from .structure import (
    inline_styles,
    normalize_root,
    remove_forbidden_attributes,
    remove_forbidden_elements,
    select_root,
)
from .text_passes import close_truncated_tag, extract_svg, strip_noise
from .tree import Node, parse, serialize

TEXT_PASSES = (extract_svg, strip_noise, close_truncated_tag)
TREE_PASSES = (select_root, inline_styles, remove_forbidden_elements, remove_forbidden_attributes, normalize_root,
               clean_values, resolve_references, ensure_background)
MAX_INPUT_CHARS = 2_000_000  # beyond this the input is cut before parsing: no drawing needs more

__all__ = ["sanitize", "TEXT_PASSES", "TREE_PASSES", "run_tree_pass", "Node", "parse", "serialize"]


def sanitize(text: object, budget: int = 10_000, verify_render: bool = True) -> str:
    """Turn any input into a valid SVG of at most `budget` bytes, keeping as much of the drawing as possible.

    With `verify_render` (the default) the result is rendered once with cairosvg and plainer versions are
    tried until one renders; turn it off only where the caller renders anyway.
    """
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    # lone surrogates cannot be encoded as UTF-8: replace them rather than fail later
    text = text[:MAX_INPUT_CHARS].encode("utf-8", "replace").decode("utf-8")
    for text_pass in TEXT_PASSES:
        text = text_pass(text)
    doc = parse(text)
    for tree_pass in TREE_PASSES:
        doc = tree_pass(doc)
    doc = bound_render_cost(fit_budget(doc, budget))
    if verify_render:
        doc = ensure_renderable(doc, serialize)
    svg = serialize(doc)
    if forbidden_text(svg):  # a backstop on the text that ships: the passes above are meant to make this unreachable
        root = doc.children[0]
        root.children = [child for child in root.children[:1] if not forbidden_text(serialize(child))]
        root.attrs = {name: value for name, value in root.attrs.items() if not forbidden_text(value)}
        svg = serialize(doc)
    return svg


def run_tree_pass(tree_pass, svg: str) -> str:
    """Parse `svg`, apply one tree pass, serialise: how each pass is tested alone on golden pairs."""
    return serialize(tree_pass(parse(svg)))
