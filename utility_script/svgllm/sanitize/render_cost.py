"""Bound the work a renderer does on a sanitised tree, so that every sanitised SVG renders quickly.

A 1 kB SVG can make cairosvg draw millions of shapes: a marker whose content carries markers multiplies the
work by the vertex count at each level, `use` repeats whole groups, a pattern redraws its content for every
shape it paints, a dash pattern of 0.01 units on a long path asks for millions of dashes. This pass estimates
the painted work in *units* (one unit ~ one simple shape drawn by cairosvg, about 35 microseconds on one core,
measured in `benchmarks/bench_core.py`), following every multiplier and its nesting, and while the estimate is
over `MAX_RENDER_UNITS` it removes the references that account for most of it (a `use`, a marker, a pattern
fill, a dash array), largest first. What remains draws the same picture minus those repeats.

The estimate mirrors cairosvg's behaviour: inherited `fill`, `stroke`, markers and dash arrays flow down the
tree and into `use` content (which inherits from the `use`), while marker and pattern content inherits from
where it is defined; a reference cycle, or nesting deeper than `MAX_NESTING`, counts as infinite work.
"""
from __future__ import annotations

import math

from .. import values as v
from ..path_data import parse_path, subpath_vertices
from .structure import url_target
from .tree import Node

MAX_RENDER_UNITS = 3_000.0  # ~0.1-0.3 s of cairosvg on one core; composer drawings use 10-150 units (tested)
MAX_NESTING = 100  # element nesting plus reference chains deeper than this are treated as bombs
MAX_ROUNDS = 12  # removal rounds before the last resort (every reference dropped)
_VERTICES_PER_UNIT = 8.0  # path vertices cost about an eighth of a shape each
_DASHES_PER_UNIT = 35.0  # a visible dash costs about a microsecond
_GROUP_UNITS = 4.0  # an offscreen group (filter, group opacity) is composited once more
_USE_UNITS = 3.0  # cairosvg builds a new tree for every `use`: about 2.5 shapes' worth before drawing it
_INHERITED = ("fill", "stroke", "marker-start", "marker-mid", "marker-end", "stroke-dasharray")
_PAINT = ("fill", "stroke")
_MARKERS = ("marker-start", "marker-mid", "marker-end")
_SHAPES = frozenset({"rect", "circle", "ellipse", "line", "path", "polygon", "polyline"})
_WITH_VERTICES = frozenset({"line", "path", "polygon", "polyline"})
_NOT_DRAWN = frozenset({"defs", "marker", "pattern", "linearGradient", "radialGradient", "filter", "symbol",
                        "stop", "feBlend", "feFlood", "feOffset"})
_FALLBACK_PAINT = "#808080"  # what a shape painted with a dropped pattern is filled with instead

Site = tuple[int, str]  # (id of the element that holds the attribute, attribute name)


def _number(node: Node, name: str) -> float:
    raw = node.attrs.get(name, "0").strip().rstrip("%").removesuffix("px")
    return abs(v.parse_number(raw) or 0.0)


def _polyline_length(points: list[float]) -> float:
    return sum(math.hypot(points[i + 2] - points[i], points[i + 3] - points[i + 1])
               for i in range(0, len(points) - 3, 2))


class _Geometry:
    """Vertex counts and outline lengths of shapes, cached per element (a shape is visited once per context)."""

    def __init__(self):
        self.cache: dict[int, tuple[int, float]] = {}

    def of(self, node: Node) -> tuple[int, float]:
        """(vertex count, outline length in user units) of a basic shape."""
        cached = self.cache.get(id(node))
        if cached is None:
            cached = self.cache[id(node)] = self._measure(node)
        return cached

    @staticmethod
    def _measure(node: Node) -> tuple[int, float]:
        tag = node.tag
        if tag == "path":
            subpaths = subpath_vertices(parse_path(node.attrs.get("d", "")))
            flat = [[coordinate for point in subpath for coordinate in point] for subpath in subpaths]
            return sum(map(len, subpaths)), sum(map(_polyline_length, flat))
        if tag in ("polygon", "polyline"):
            points = v.numbers_in(node.attrs.get("points", "").replace(",", " ")) or []
            closing = points[:2] if tag == "polygon" else []
            return len(points) // 2 + (tag == "polygon"), _polyline_length(points + closing)
        if tag == "line":
            return 2, math.hypot(_number(node, "x2") - _number(node, "x1"), _number(node, "y2") - _number(node, "y1"))
        if tag == "rect":
            return 4, 2 * (_number(node, "width") + _number(node, "height"))
        if tag == "circle":
            return 4, 2 * math.pi * _number(node, "r")
        return 4, 2 * math.pi * max(_number(node, "rx"), _number(node, "ry"))  # ellipse


def _dash_period(value: str) -> float | None:
    numbers = v.numbers_in(value.replace("px", "")) or []
    period = sum(abs(n) for n in numbers) * (1 if len(numbers) % 2 == 0 else 2)
    return period if period > 0 else None


class _Estimate:
    """One estimate of the painted work, with the share of it that each reference site causes."""

    def __init__(self, doc: Node):
        self.ids = {node.attrs["id"]: node for node in doc.iter() if "id" in node.attrs}
        self.geometry = _Geometry()
        self.memo: dict[tuple, float] = {}
        self.edges: dict[tuple, list[tuple[tuple, float, Site | None, float]]] = {}
        self.order: list[tuple] = []  # states in post-order: children before parents
        self.active: set[tuple] = set()
        self.dash_sites: dict[Site, float] = {}  # dash work per dash array, summed over visits
        self.doc_context: dict[int, tuple] = {}  # what a definition's content inherits from where it stands
        stack: list[tuple[Node, tuple]] = [(doc, ())]
        while stack:
            node, context = stack.pop()
            self.doc_context[id(node)] = context
            inner = self._inherit(context, node)
            stack.extend((child, inner) for child in node.children)
        root = doc.children[0]
        self.root_key = (id(root), (), False)
        self.total = self._visit(root, (), False, 0)
        self.sites = self._attribute()

    def _inherit(self, context: tuple, node: Node) -> tuple:
        if not any(name in node.attrs for name in _INHERITED):
            return context
        values = dict(context)
        for name in _INHERITED:
            if name not in node.attrs:
                continue
            raw = node.attrs[name]
            if name == "stroke-dasharray":
                period = _dash_period(raw)
                values[name] = (period, id(node)) if period else None
            else:
                target = url_target(raw)
                values[name] = (target[0], id(node)) if target and target[0] in self.ids else None
        return tuple(sorted((k, val) for k, val in values.items() if val is not None))

    def _visit(self, node: Node, context: tuple, as_group: bool, depth: int) -> float:
        key = (id(node), context, as_group)
        if key in self.memo:
            return self.memo[key]
        if key in self.active or depth > MAX_NESTING:
            return math.inf
        self.active.add(key)
        inner = self._inherit(context, node)
        edges: list[tuple[tuple, float, Site | None, float]] = []

        def follow(child: Node, child_context: tuple, group: bool, times: float, site: Site | None) -> float:
            cost = self._visit(child, child_context, group, depth + 1)
            edges.append(((id(child), child_context, group), times, site, cost))
            return times * cost

        tag = "g" if as_group else node.tag
        own = 0.0
        if tag in ("g", "svg"):
            own = 1.0 + sum(follow(child, inner, False, 1, None) for child in node.children)
            borrowed = self.ids.get(node.attrs.get("href", "")[1:]) if node.tag == "pattern" else None
            if borrowed is not None and borrowed.tag == "pattern" and not node.children:
                own += follow(borrowed, inner, True, 1, None)  # cairosvg draws the linked pattern's content
        elif tag == "use":
            target = self.ids.get(node.attrs.get("href", "")[1:])
            own = _USE_UNITS
            if target is not None:
                own += follow(target, inner, target.tag == "symbol", 1, (id(node), "href"))
        elif tag in _SHAPES:
            own = self._shape(node, dict(inner), follow)
        if tag not in _NOT_DRAWN and ("filter" in node.attrs or ("opacity" in node.attrs and node.children)):
            own += _GROUP_UNITS
        self.active.discard(key)
        self.memo[key] = own
        self.edges[key] = edges
        self.order.append(key)
        return own

    def _shape(self, node: Node, inherited: dict, follow) -> float:
        vertices, length = self.geometry.of(node)
        cost = 1.0 + (vertices / _VERTICES_PER_UNIT if node.tag in _WITH_VERTICES else 0.0)
        dash = inherited.get("stroke-dasharray")
        if dash:  # counted even when unstroked: the stroke colour may be inherited from anywhere
            dashes = length / dash[0] / _DASHES_PER_UNIT
            cost += dashes
            site = (dash[1], "stroke-dasharray")
            self.dash_sites[site] = self.dash_sites.get(site, 0.0) + dashes
        for paint in _PAINT:
            reference = inherited.get(paint)
            target = self.ids.get(reference[0]) if reference else None
            if target is not None and target.tag == "pattern":
                cost += follow(target, self.doc_context[id(target)], True, 1, (reference[1], paint))
        if node.tag in _WITH_VERTICES:
            for name, times in zip(_MARKERS, (1, max(vertices - 2, 0), 1), strict=True):
                reference = inherited.get(name)
                target = self.ids.get(reference[0]) if reference else None
                if target is not None and target.tag == "marker" and times:
                    cost += follow(target, self.doc_context[id(target)], True, times, (reference[1], name))
        return cost

    def _attribute(self) -> dict[Site, float]:
        """Work caused by each reference site: how often its element is drawn x what the reference costs."""
        counts: dict[tuple, float] = {self.root_key: 1.0}
        sites: dict[Site, float] = {}
        for key in reversed(self.order):  # parents before children
            count = counts.get(key, 0.0)
            if not count:
                continue
            for child_key, times, site, cost in self.edges[key]:
                counts[child_key] = counts.get(child_key, 0.0) + count * times
                if site is not None:
                    sites[site] = sites.get(site, 0.0) + count * times * cost
        for site, units in self.dash_sites.items():  # per visit, not per instance: a lower bound, still large
            sites[site] = max(sites.get(site, 0.0), units)
        return sites


def render_units(doc: Node) -> float:
    """Estimated painted work of `doc` in units (math.inf for reference cycles or runaway nesting)."""
    return _Estimate(doc).total


def _paint_fallback(node: Node, name: str) -> str:
    target = url_target(node.attrs.get(name, ""))
    return target[1] if target and target[1] else _FALLBACK_PAINT


def _remove_sites(doc: Node, sites: list[Site]) -> None:
    by_element: dict[int, list[str]] = {}
    for element_id, name in sites:
        by_element.setdefault(element_id, []).append(name)
    dropped_uses: set[int] = set()
    for node in doc.iter():
        for name in by_element.get(id(node), ()):
            if name == "href":
                dropped_uses.add(id(node))
            elif name in _PAINT:
                node.attrs[name] = _paint_fallback(node, name)
            else:
                node.attrs.pop(name, None)
    if dropped_uses:
        for node in doc.iter():
            node.children = [child for child in node.children if id(child) not in dropped_uses]


def _drop_every_repeat(doc: Node) -> None:
    """Last resort: no use, marker, pattern paint or dash array is left."""
    for node in doc.iter():
        for name in _MARKERS + ("stroke-dasharray",):
            node.attrs.pop(name, None)
        for name in _PAINT:
            if url_target(node.attrs.get(name, "")):
                node.attrs[name] = _paint_fallback(node, name)
        node.children = [child for child in node.children if child.tag != "use"]


def bound_render_cost(doc: Node, max_units: float = MAX_RENDER_UNITS) -> Node:
    """Remove the costliest repeats until the estimated render work is at most `max_units` (in place)."""
    for _ in range(MAX_ROUNDS):
        estimate = _Estimate(doc)
        if estimate.total <= max_units:
            return doc
        excess = estimate.total - max_units
        chosen: list[Site] = []
        # largest first; their shares may overlap (nested repeats), so the next round re-estimates
        for site, units in sorted(estimate.sites.items(), key=lambda item: item[1], reverse=True):
            if excess <= 0:
                break
            chosen.append(site)
            excess -= units
        if not chosen:
            break
        _remove_sites(doc, chosen)
    if render_units(doc) > max_units:
        _drop_every_repeat(doc)
    if render_units(doc) > max_units:  # plain shapes only, but too many (a budget far above 10 kB)
        root = doc.children[0]
        root.children = root.children[:1]
    return doc
