"""Fit a sanitised tree under the byte budget: compact first, then drop the smallest shapes.

Cutting the text is never an option (it breaks the document); instead numbers are rounded harder, unused ids
go, and if that is not enough the shapes with the smallest visible area are removed until it fits.
"""
from __future__ import annotations

import itertools
import math
import re

from .. import values as v
from ..path_data import parse_path
from .content import FRACTIONS, LENGTHS, NON_NEGATIVE_LENGTHS, TRANSFORMS, decimals_for, magnified_decimals
from .structure import url_target
from .tree import Node, attribute_size, serialize

_NUMERIC = LENGTHS | NON_NEGATIVE_LENGTHS | TRANSFORMS | {"d", "points", "stroke-dasharray"}
_SHAPES = frozenset({"rect", "circle", "ellipse", "line", "path", "polygon", "polyline", "use"})
_RELATIVE_OR_SINGLE = re.compile("[mlhvcsqtaHVA]")  # path commands whose arguments are not absolute pairs


def size_of(doc: Node) -> int:
    """UTF-8 bytes of the serialised tree."""
    return len(serialize(doc).encode("utf-8"))


def drop_unused_ids(doc: Node) -> int:
    """Remove ids nothing refers to (they only cost bytes); returns the serialised bytes that saves."""
    referenced: set[str] = set()
    nodes = list(doc.iter())
    for node in nodes:
        for name, value in node.attrs.items():
            if name == "href" and value.startswith("#"):
                referenced.add(value[1:])
            else:
                target = url_target(value)
                if target:
                    referenced.add(target[0])
    unused = [node for node in nodes if "id" in node.attrs and node.attrs["id"] not in referenced]
    saved = sum(attribute_size("id", node.attrs["id"]) for node in unused)  # per place the node is written
    for node in unused:
        node.attrs.pop("id", None)
    return saved


# Which values the byte budget rounds: name -> whether it is a fraction (opacity, offset: kept to at most three
# decimals) rather than a length, coordinate, path or point list (rounded with the magnification's extra decimals).
_ROUNDED = {**dict.fromkeys(_NUMERIC - TRANSFORMS, False), **dict.fromkeys(FRACTIONS, True)}
_ROOT_SIZE = ("viewBox", "width", "height")  # the root's: never rounded


def _rounding_walk(doc: Node):
    """(element, extra decimals of its lengths) for every element under the root, in one fixed order: the
    extra decimals are `magnified_decimals`' for the scale the element is drawn at (an element without a
    transform has its parent's)."""
    stack: list[tuple[Node, float, int]] = [(doc.children[0], 1.0, 0)]
    while stack:
        node, scale, extra = stack.pop()
        if "transform" in node.attrs:
            extra, scale = magnified_decimals(node, scale)
        stack.extend([(child, scale, extra) for child in node.children])
        yield node, extra


def round_all(doc: Node, decimals: int) -> Node:
    """Round every numeric attribute to `decimals` (paths and point lists included), plus the extra decimals
    that lengths inside magnifying transforms need (`magnified_decimals`)."""
    root = doc.children[0]
    for node, extra in _rounding_walk(doc):
        attrs = node.attrs
        for name, value in attrs.items():
            is_fraction = _ROUNDED.get(name)
            if is_fraction is None or (node is root and name in _ROOT_SIZE):
                continue
            attrs[name] = v.round_numbers(value, _fraction_decimals(decimals) if is_fraction else decimals + extra)
    return doc


def _fraction_decimals(decimals: int) -> int:
    return min(decimals + 2, 3)


class _TreeRounding:
    """Rounding by `round_all` on the tree itself, measured by serialising it: the reference, for any tree."""

    def __init__(self, doc: Node):
        self.doc = doc

    def size(self) -> int:
        return size_of(self.doc)

    def round(self, decimals: int) -> None:
        round_all(self.doc, decimals)

    def write(self) -> None:
        """Nothing to do: the tree is rounded as it goes."""


_SEPARATOR = "\x00"  # joins values: not a digit or a point, so `round_numbers` treats each value on its own


class _JoinedRounding:
    """What `_TreeRounding` does, with each value only read once and written once.

    The values `round_all` would round are joined into one string per precision (lengths under each
    magnification, fractions), so a rounding step is one `round_numbers` per string, and the serialised size
    follows from the change in length: rounding only cuts digits and points, which serialise as themselves,
    so the size changes by exactly the bytes cut. `write` puts the last values back into the tree.
    """

    def __init__(self, size: int, groups: dict[tuple[bool, int], tuple[list[tuple[Node, str]], str]]):
        self.total = size
        self.groups = groups

    @classmethod
    def of(cls, doc: Node, size: int) -> _JoinedRounding | None:
        """For a tree that serialises to `size` bytes; None where joining could mix values up (a value holding
        the separator, a node reached twice): `_TreeRounding` then does it."""
        root = doc.children[0]
        sites: dict[tuple[bool, int], list[tuple[Node, str]]] = {}
        texts: dict[tuple[bool, int], list[str]] = {}
        seen: set[int] = set()
        for node, extra in _rounding_walk(doc):  # the walk of round_all
            if id(node) in seen:
                return None
            seen.add(id(node))
            for name, value in node.attrs.items():
                is_fraction = _ROUNDED.get(name)
                if is_fraction is None or (node is root and name in _ROOT_SIZE):
                    continue
                key = (True, 0) if is_fraction else (False, extra)
                if key not in sites:
                    sites[key], texts[key] = [], []
                sites[key].append((node, name))
                texts[key].append(value)
        groups = {}
        for key, values in texts.items():
            joined = _SEPARATOR.join(values)
            if joined.count(_SEPARATOR) != len(values) - 1:
                return None
            groups[key] = (sites[key], joined)
        return cls(size, groups)

    def size(self) -> int:
        return self.total

    def round(self, decimals: int) -> None:
        for key, (sites, text) in self.groups.items():
            is_fraction, extra = key
            rounded = v.round_numbers(text, _fraction_decimals(decimals) if is_fraction else decimals + extra)
            self.total += _utf8_length(rounded) - _utf8_length(text)
            self.groups[key] = (sites, rounded)

    def write(self) -> None:
        """Put the rounded values into the tree."""
        for sites, text in self.groups.values():
            for (node, name), value in zip(sites, text.split(_SEPARATOR), strict=True):
                node.attrs[name] = value


def _utf8_length(text: str) -> int:
    # surrogates (which serialising drops) are counted alike before and after, so the difference is exact
    return len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))


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
        data = node.attrs.get("d", "")
        segments = parse_path(data)
        if _RELATIVE_OR_SINGLE.search(data):
            return _bbox_area(_path_points(segments))
        # absolute commands that take coordinate pairs: their arguments are the points
        return _bbox_area(list(itertools.chain.from_iterable(args for _, args in segments)))
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
    size = size_of(doc)
    if size <= budget:
        return doc
    size -= drop_unused_ids(doc)
    decimals = decimals_for(doc)
    if decimals > 0:
        rounding = _JoinedRounding.of(doc, size) or _TreeRounding(doc)
        while decimals > 0:
            before = rounding.size()
            if before <= budget:
                rounding.write()
                return doc
            # one decimal less saves a similar share each time: when that cannot be enough, go straight to
            # integers
            decimals -= 1
            rounding.round(decimals)
            after = rounding.size()
            if after > budget and decimals > 0 and after - (before - after) * decimals > budget:
                rounding.round(0)
                break
        rounding.write()
        size = rounding.size()
    if size <= budget:
        return doc
    shapes = sorted(_drawn_shapes(doc), key=lambda pair: shape_area(pair[1]))
    # Removing an element removes exactly its own serialised bytes (an emptied parent shrinks further), so
    # the fewest smallest shapes to drop follow from a running sum, without serialising again and again.
    excess = size - budget
    removed: set[int] = set()
    counted_alone = True  # each removed shape counted once, none holding others: the sum is exact
    for _, shape in shapes:
        if excess <= 0:
            break
        counted_alone = counted_alone and not shape.children and id(shape) not in removed
        removed.add(id(shape))
        excess -= len(serialize(shape).encode("utf-8"))
    result = _without(doc, removed)
    # with an exact sum the result fits (emptied parents only shrink it more): no need to serialise it again;
    # otherwise (e.g. huge <defs>) what still does not fit leaves the root and its background only
    if (excess > 0 or not counted_alone) and size_of(result) > budget:
        root = result.children[0]
        root.children = root.children[:1]
    return result


def _without(doc: Node, removed: set[int]) -> Node:
    """A copy of the tree structure without the given nodes (attributes are shared, not copied)."""
    def copy(node: Node) -> Node:
        return Node(node.tag, node.attrs, [copy(c) for c in node.children if id(c) not in removed], node.text)

    return copy(doc)
