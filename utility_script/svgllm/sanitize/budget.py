"""Fit a sanitised tree under the byte budget: compact first, then drop the smallest shapes.

Cutting the text is never an option (it breaks the document); instead numbers are rounded harder, unused ids
go, and if that is not enough the shapes with the smallest visible area are removed until it fits.
"""
from __future__ import annotations

import math

from .. import values as v
from .content import FRACTIONS, LENGTHS, NON_NEGATIVE_LENGTHS, TRANSFORMS, decimals_for, magnified_decimals
from .structure import url_target
from .tree import Node, serialize

_NUMERIC = LENGTHS | NON_NEGATIVE_LENGTHS | TRANSFORMS | {"d", "points", "stroke-dasharray"}
_SHAPES = frozenset({"rect", "circle", "ellipse", "line", "path", "polygon", "polyline", "use"})


def size_of(doc: Node) -> int:
    """UTF-8 bytes of the serialised tree."""
    return len(serialize(doc).encode("utf-8"))


def drop_unused_ids(doc: Node) -> Node:
    """Remove ids nothing refers to (they only cost bytes)."""
    referenced: set[str] = set()
    for node in doc.iter():
        for name, value in node.attrs.items():
            if name == "href" and value.startswith("#"):
                referenced.add(value[1:])
            else:
                target = url_target(value)
                if target:
                    referenced.add(target[0])
    for node in doc.iter():
        if "id" in node.attrs and node.attrs["id"] not in referenced:
            del node.attrs["id"]
    return doc


def round_all(doc: Node, decimals: int) -> Node:
    """Round every numeric attribute to `decimals` (paths and point lists included), plus the extra decimals
    that lengths inside magnifying transforms need (`magnified_decimals`)."""
    root = doc.children[0]
    stack: list[tuple[Node, float]] = [(root, 1.0)]
    while stack:
        node, scale = stack.pop()
        extra, scale = magnified_decimals(node, scale)
        stack.extend((child, scale) for child in node.children)
        for name, value in node.attrs.items():
            if node is root and name in ("viewBox", "width", "height"):
                continue
            if name in _NUMERIC and name not in TRANSFORMS:
                node.attrs[name] = v.round_numbers(value, decimals + extra)
            elif name in FRACTIONS:
                node.attrs[name] = v.round_numbers(value, min(decimals + 2, 3))
    return doc


def _bbox_area(numbers: list[float]) -> float:
    xs, ys = numbers[0::2], numbers[1::2]
    if not xs or not ys:
        return 0.0
    return (max(xs) - min(xs) + 1e-3) * (max(ys) - min(ys) + 1e-3)


def _path_points(segments) -> list[float]:
    """Absolute end and control points of path segments (enough for a bounding box)."""
    points: list[float] = []
    x = y = start_x = start_y = 0.0
    for command, args in segments:
        relative = command.islower()
        kind = command.lower()
        if kind == "z":
            x, y = start_x, start_y
            continue
        if kind == "h":
            x = x + args[0] if relative else args[0]
        elif kind == "v":
            y = y + args[0] if relative else args[0]
        elif kind == "a":
            x, y = (x + args[5], y + args[6]) if relative else (args[5], args[6])
        else:
            base_x, base_y = (x, y) if relative else (0.0, 0.0)
            for i in range(0, len(args), 2):
                points += [base_x + args[i], base_y + args[i + 1]]
            x, y = points[-2], points[-1]
        points += [x, y]
        if kind == "m":
            start_x, start_y = x, y
    return points


def shape_area(node: Node) -> float:
    """Approximate painted area of a shape in user units (bounding box; strokes by length x width)."""
    def number(name: str) -> float:
        return abs(v.parse_number(node.attrs.get(name, "0").rstrip("px%")) or 0.0)

    if node.tag == "rect" or node.tag == "use":
        return number("width") * number("height") if node.tag == "rect" or "width" in node.attrs else math.inf
    if node.tag == "circle":
        return math.pi * number("r") ** 2
    if node.tag == "ellipse":
        return math.pi * number("rx") * number("ry")
    if node.tag == "line":
        return math.hypot(number("x2") - number("x1"), number("y2") - number("y1")) * max(number("stroke-width"), 1)
    if node.tag == "path":
        return _bbox_area(_path_points(v.parse_path(node.attrs.get("d", ""))))
    if node.tag in ("polygon", "polyline"):
        return _bbox_area(v.numbers_in(node.attrs.get("points", "").replace(",", " ")) or [])
    return math.inf


def _drawn_shapes(doc: Node) -> list[tuple[Node, Node]]:
    """(parent, shape) pairs of every droppable shape: not the background, not inside <defs>."""
    root = doc.children[0]
    pairs: list[tuple[Node, Node]] = []
    stack = [root]
    while stack:
        node = stack.pop()
        for index, child in enumerate(node.children):
            if child.tag == "defs":
                continue
            if child.tag in _SHAPES and not (node is root and index == 0):
                pairs.append((node, child))
            stack.append(child)
    return pairs


def fit_budget(doc: Node, budget: int) -> Node:
    """Shrink `doc` in place until it serialises to at most `budget` bytes."""
    if size_of(doc) <= budget:
        return doc
    drop_unused_ids(doc)
    decimals = decimals_for(doc)
    while decimals > 0:
        before = size_of(doc)
        if before <= budget:
            return doc
        # one decimal less saves a similar share each time: when that cannot be enough, go straight to integers
        decimals -= 1
        round_all(doc, decimals)
        after = size_of(doc)
        if after > budget and decimals > 0 and after - (before - after) * decimals > budget:
            round_all(doc, 0)
            break
    if size_of(doc) <= budget:
        return doc
    shapes = sorted(_drawn_shapes(doc), key=lambda pair: shape_area(pair[1]))
    # Removing an element removes exactly its own serialised bytes (an emptied parent shrinks further), so
    # the fewest smallest shapes to drop follow from a running sum, without serialising again and again.
    excess = size_of(doc) - budget
    removed: set[int] = set()
    for _, shape in shapes:
        if excess <= 0:
            break
        removed.add(id(shape))
        excess -= len(serialize(shape).encode("utf-8"))
    result = _without(doc, removed)
    if size_of(result) > budget:  # e.g. huge <defs>: keep the root and its background only
        root = result.children[0]
        root.children = root.children[:1]
    return result


def _without(doc: Node, removed: set[int]) -> Node:
    """A copy of the tree structure without the given nodes (attributes are shared, not copied)."""
    def copy(node: Node) -> Node:
        return Node(node.tag, node.attrs, [copy(c) for c in node.children if id(c) not in removed], node.text)

    return copy(doc)
