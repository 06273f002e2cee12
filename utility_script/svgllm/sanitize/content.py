"""Tree passes on attribute values and references: numbers, paths, colours, links, background."""
from __future__ import annotations

import functools
import math
import re

from .. import values as v
from ..path_data import clean_path
from .structure import root_view_box, url_target
from .tree import Node

# Which cleaner each attribute gets follows its kind in the one table (`svgllm.values.ATTRIBUTE_KINDS`).
NON_NEGATIVE_LENGTHS = v.attributes_of_kind("length", "positive")
LENGTHS = v.attributes_of_kind("coordinate", "number")
FRACTIONS = v.attributes_of_kind("opacity", "offset")
COLORS = v.attributes_of_kind("paint", "colour")
TRANSFORMS = v.attributes_of_kind("transform")
# Elements that draw nothing without their geometry: dropped when it is malformed.
_NEEDS = {"path": "d", "polygon": "points", "polyline": "points"}
_COLOR = re.compile(
    r"^(#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}|[a-zA-Z]{3,30}|"
    r"(?:rgb|hsl)a?\(\s*[-+.\d%]+\s*(?:[,\s]\s*[-+.\d%]+\s*){2,3}\))$"
)
_REFERENCE_TYPES = {
    "fill": ("linearGradient", "radialGradient", "pattern"),
    "stroke": ("linearGradient", "radialGradient", "pattern"),
    "filter": ("filter",),
    "marker-start": ("marker",), "marker-mid": ("marker",), "marker-end": ("marker",),
    "clip-path": (), "mask": (),  # their targets are never allowed, so these references always go
}
# Attributes whose only meaningful values are a local reference or "none": anything else is dropped.
_REFERENCE_ONLY = frozenset(_REFERENCE_TYPES) - COLORS
_HREF_TYPES = {
    "use": None,  # any element but see _use_target_ok
    "linearGradient": ("linearGradient", "radialGradient"),
    "radialGradient": ("linearGradient", "radialGradient"),
    "pattern": ("pattern",),
}


def decimals_for(doc: Node) -> int:
    """Decimals that keep about a tenth of a 384-pixel render's pixel of precision for this viewBox."""
    size = max(root_view_box(doc)[2:])
    return max(0, min(5, math.ceil(3 - math.log10(size)) + 1))


def _clean_paint(value: str, decimals: int) -> str | None:
    target = url_target(value)
    if target:  # a reference with an optional colour to fall back to; any other tail goes
        fallback = target[1] if target[1] and _COLOR.match(target[1]) else ""
        return f"url(#{target[0]}) {fallback}".rstrip()
    return value if _COLOR.match(value) and "nan" not in value.lower() and "inf" not in value.lower() else None


def _clean_reference(value: str, decimals: int) -> str | None:
    return value if value == "none" or url_target(value) else None


def _clean_dash_array(value: str, decimals: int) -> str | None:
    if value.strip() == "none":
        return "none"
    numbers = v.numbers_in(value.replace("px", ""))
    if not numbers or any(n < 0 for n in numbers) or sum(numbers) <= 0:
        return None
    return " ".join(v.fmt(n, decimals) for n in numbers)


def _clean_view_box(value: str, decimals: int) -> str | None:
    numbers = v.numbers_in(value)
    if not numbers or len(numbers) != 4 or numbers[2] <= 0 or numbers[3] <= 0:
        return None
    return " ".join(v.fmt(n, 3) for n in numbers)


def _clean_non_negative_length(value: str, decimals: int) -> str | None:
    return v.clean_length(value, decimals, non_negative=True)


def _clean_fraction(value: str, decimals: int) -> str | None:
    return v.clean_fraction(value)


# The cleaner of each attribute, `cleaner(value, decimals) -> cleaned value or None` (None: the attribute goes);
# an attribute without one is kept as it is. The name sets are disjoint (one kind per attribute).
_CLEANERS = {
    **dict.fromkeys(NON_NEGATIVE_LENGTHS, _clean_non_negative_length), **dict.fromkeys(LENGTHS, v.clean_length),
    **dict.fromkeys(FRACTIONS, _clean_fraction), **dict.fromkeys(COLORS, _clean_paint),
    **dict.fromkeys(_REFERENCE_ONLY, _clean_reference), "d": clean_path, "points": v.clean_points,
    "stroke-dasharray": _clean_dash_array, "viewBox": _clean_view_box,
}


@functools.lru_cache(maxsize=4096)
def _magnification(transform: str) -> float:
    """How much a transform attribute magnifies (1 when malformed or singular); cached: drawings repeat them."""
    functions = v.parse_transform(transform)
    return (v.transform_scale(functions) or 1.0) if functions else 1.0


def magnified_decimals(node: Node, scale: float) -> tuple[int, float]:
    """(extra decimals, new scale) for the content of `node` drawn at `scale`: inside `scale(1000)` a length
    of 0.004 is 4 pixels, so lengths there keep three more decimals (at most six more)."""
    if "transform" in node.attrs:
        scale *= _magnification(node.attrs["transform"])
    return (min(6, math.ceil(math.log10(scale))) if scale > 1 else 0), scale


def clean_values(doc: Node) -> Node:
    """Validate and round every value; drop malformed attributes, and elements left without their geometry
    or collapsed by a singular transform (cairo refuses non-invertible matrices). Lengths inside magnifying
    transforms keep more decimals (`magnified_decimals`)."""
    decimals = decimals_for(doc)
    root = doc.children[0]
    stack: list[tuple[Node, float]] = [(doc, 1.0)]
    while stack:
        node, scale = stack.pop()
        kept_children = []
        for child in node.children:
            # the element's own lengths are drawn through its own transform too
            extra, child_scale = magnified_decimals(child, scale)
            if _clean_element(child, decimals + extra, is_root=child is root):
                kept_children.append(child)
                stack.append((child, child_scale))
        node.children = kept_children
    return doc


def _clean_element(node: Node, decimals: int, is_root: bool) -> bool:
    """Clean one element's attributes in place; False when the element should go."""
    attrs = node.attrs
    for name, value in list(attrs.items()):
        if is_root and name in ("width", "height", "viewBox", "xmlns"):
            continue
        if name in TRANSFORMS:
            cleaned = _clean_transform(value, decimals)
            if cleaned is _SINGULAR and name == "transform":
                return False  # collapsed to nothing: the element cannot be seen anyway
            if cleaned is None or cleaned is _SINGULAR:
                del attrs[name]
            else:
                attrs[name] = cleaned
            continue
        cleaner = _CLEANERS.get(name)
        if cleaner is None:
            continue
        cleaned = cleaner(value, decimals)
        if cleaned is None:
            del attrs[name]
        else:
            attrs[name] = cleaned
    needed = _NEEDS.get(node.tag)
    return not needed or needed in node.attrs


_SINGULAR = object()  # what `_clean_transform` returns for a transform that collapses everything to nothing


@functools.lru_cache(maxsize=4096)
def _clean_transform(value: str, decimals: int):
    """A transform list written back at `decimals`; None when malformed, `_SINGULAR` when its determinant is
    zero (cairo refuses non-invertible matrices). Cached: drawings repeat the same transforms."""
    functions = v.parse_transform(value)
    if functions is None:
        return None
    if abs(v.transform_determinant(functions)) < 1e-12:
        return _SINGULAR
    return v.format_transform(functions, decimals)


def _drop_reference(node: Node, name: str) -> None:
    """Remove a reference; keep a paint fallback (`url(#x) red` -> `red`) where one was given."""
    target = url_target(node.attrs.get(name, ""))
    fallback = target[1] if target else ""
    if fallback and name in ("fill", "stroke") and _COLOR.match(fallback):
        node.attrs[name] = fallback
    else:
        node.attrs.pop(name, None)


def resolve_references(doc: Node) -> Node:
    """Keep only references cairosvg can follow safely: to an existing element of a fitting type, never to
    the element itself or an ancestor, no `use` of something that holds a `use` (no exponential expansion),
    no reference cycles; duplicate ids lose their id."""
    ids: dict[str, Node] = {}
    for node in doc.iter():
        element_id = node.attrs.get("id")
        if element_id is not None:
            if element_id in ids or not element_id:
                del node.attrs["id"]
            else:
                ids[element_id] = node
    contains_use = {id(n): any(d.tag == "use" for d in n.iter()) for n in ids.values()}
    edges: dict[str, set[str]] = {}
    references: list[tuple[Node, str, str, tuple[Node, ...]]] = []
    use_parents: dict[int, Node] = {}  # the elements with a `use` among their children
    for node, ancestors in doc.walk_with_parents():
        if node.tag == "use" and ancestors:
            use_parents[id(ancestors[-1])] = ancestors[-1]
        for name, value in list(node.attrs.items()):
            target_id = value[1:] if name == "href" else (url_target(value) or (None,))[0]
            if target_id is None:
                continue
            target = ids.get(target_id)
            if not _reference_ok(node, name, target, ancestors, contains_use):
                _drop_reference(node, name)
                continue
            references.append((node, name, target_id, ancestors))
            for ancestor in ancestors + (node,):
                if "id" in ancestor.attrs:
                    edges.setdefault(ancestor.attrs["id"], set()).add(target_id)
    cyclic = _cyclic_ids(edges)
    for node, name, target_id, ancestors in references:
        inside = {a.attrs.get("id") for a in ancestors + (node,)} & cyclic
        if target_id in cyclic and inside:
            _drop_reference(node, name)
    # cairosvg fails on a <use> that references nothing (it tries to instantiate the whole document)
    for parent in use_parents.values():
        parent.children = [c for c in parent.children if c.tag != "use" or "href" in c.attrs]
    return doc


def _reference_ok(node: Node, name: str, target: Node | None, ancestors, contains_use) -> bool:
    if target is None or target is node or any(target is a for a in ancestors):
        return False
    if name == "href":
        allowed = _HREF_TYPES.get(node.tag, ())
        if allowed is None:  # <use>
            return target.tag != "svg" and not contains_use[id(target)]
        return target.tag in allowed and "href" not in target.attrs
    return target.tag in _REFERENCE_TYPES.get(name, ())


def _cyclic_ids(edges: dict[str, set[str]]) -> set[str]:
    """Ids on a reference cycle (iterative Tarjan-free check: an id is cyclic when it can reach itself)."""
    cyclic: set[str] = set()
    for start in edges:
        seen: set[str] = set()
        frontier = list(edges.get(start, ()))
        while frontier:
            current = frontier.pop()
            if current == start:
                cyclic.add(start)
                break
            if current not in seen:
                seen.add(current)
                frontier.extend(edges.get(current, ()))
    return cyclic


def _is_opaque_cover(node: Node, box: tuple[float, float, float, float]) -> bool:
    if node.tag != "rect" or "transform" in node.attrs:
        return False
    fill = node.attrs.get("fill", "#000").strip().lower()
    if fill in ("none", "transparent") or fill.startswith("url(") or fill.startswith(("rgba", "hsla")):
        return False
    for opacity in ("opacity", "fill-opacity"):
        if opacity in node.attrs and node.attrs[opacity] not in ("1", "100%"):
            return False

    def number(name: str, default: float, full: float) -> float:
        raw = node.attrs.get(name)
        if raw is None:
            return default
        if raw.endswith("%"):
            return full * (v.parse_number(raw[:-1]) or 0.0) / 100.0
        return v.parse_number(raw.rstrip("px")) or 0.0

    x, y = number("x", 0.0, box[2]), number("y", 0.0, box[3])
    width, height = number("width", 0.0, box[2]), number("height", 0.0, box[3])
    return x <= box[0] and y <= box[1] and x + width >= box[0] + box[2] and y + height >= box[1] + box[3]


def ensure_background(doc: Node) -> Node:
    """Put an opaque full-size rect first unless the drawing already starts with one: the metric converts to
    RGB, where transparent pixels turn black."""
    root = doc.children[0]
    box = root_view_box(doc)
    first = next((child for child in root.children if child.tag != "defs"), None)
    if first is None or not _is_opaque_cover(first, box):
        attrs = {}
        if box[0] or box[1]:
            attrs.update(x=v.fmt(box[0], 3), y=v.fmt(box[1], 3))
        attrs.update(width=v.fmt(box[2], 3), height=v.fmt(box[3], 3), fill="#fff")
        root.children.insert(0, Node("rect", attrs))
    return doc
