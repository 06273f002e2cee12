"""Compact SVG encoding of painted polygons, with exact byte accounting for every prefix of the paint order.

Encoding choices (each saves bytes without changing the picture):
- integer coordinates on a grid scaled to 384 px by the viewBox; relative moves (`l`, `h`, `v`, `m`) with the
  command letter written only when it changes, and no separator before a minus sign;
- one `<path>` per run of same-coloured polygons: a polygon may join an earlier path of its colour when no polygon
  painted in between overlaps its bounding box, so painting order (and thus the picture) is unchanged;
- 3-digit colours (`#abc`), `fill` left out for black (its default), the background one `<rect>`.
All polygons share one orientation, so overlapping subpaths of one path never cancel under the nonzero rule.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..path_data import parse_path, subpath_vertices
from ..values import CANVAS_SIZE

SVG_NS = "http://www.w3.org/2000/svg"


def hex_color(rgb, short: bool = True) -> str:
    """RGB (0..255 floats) -> `#abc` (when `short`, channels snapped to the nearest of 16 levels) or `#aabbcc`."""
    values = [int(min(255, max(0, round(float(c))))) for c in rgb]
    if short:
        return "#" + "".join("0123456789abcdef"[round(v / 17)] for v in values)
    if all(v % 17 == 0 for v in values):
        return "#" + "".join("0123456789abcdef"[v // 17] for v in values)
    return "#" + "".join(f"{v:02x}" for v in values)


def _pair(dx: int, dy: int) -> str:
    """Two integers as SVG path numbers: a space only where the second is not negative."""
    return f"{dx}{dy}" if dy < 0 else f"{dx} {dy}"


def polygon_data(points, previous_start=None) -> str:
    """Path data of one closed polygon, starting with `M` (absolute) or `m` (relative to `previous_start`,
    the start of the preceding subpath, which is where `z` leaves the current point), whichever is shorter."""
    x0, y0 = int(points[0][0]), int(points[0][1])
    start = "M" + _pair(x0, y0)
    if previous_start is not None:
        relative = "m" + _pair(x0 - previous_start[0], y0 - previous_start[1])
        if len(relative) < len(start):
            start = relative
    parts = [start]
    command = "m"  # after a move, further pairs are implicit line-tos: the letter for `l` is still written
    px, py = x0, y0
    for x, y in points[1:]:
        dx, dy = int(x) - px, int(y) - py
        px, py = int(x), int(y)
        if dy == 0:
            token, letter = str(dx), "h"
        elif dx == 0:
            token, letter = str(dy), "v"
        else:
            token, letter = _pair(dx, dy), "l"
        if letter != command:
            parts.append(letter + token)
            command = letter
        else:
            parts.append(token if token.startswith("-") else " " + token)
    parts.append("z")
    return "".join(parts)


@dataclass
class Layout:
    """Paint-order polygons assigned to paths. `cost[i]` = bytes that polygon i adds to the SVG (its subpath,
    plus the `<path>` element around it when it opens a new path), so any prefix's size is a cumulative sum."""

    group_of: list = field(default_factory=list)  # polygon index -> path index
    data: list = field(default_factory=list)  # polygon index -> its subpath text
    cost: list = field(default_factory=list)


PATH_OVERHEAD = len('<path fill="#abc" d=""/>')


def layout(polygons, color_keys) -> Layout:
    """Assign polygons (painted in list order) to paths; polygons with equal `color_keys` may share a path.

    A polygon joins the most recent path of its colour that comes at or after the last path holding any
    polygon whose bounding box overlaps its own; otherwise it opens a new path.
    """
    import numpy as np

    count = len(polygons)
    boxes = np.array([[p[:, 0].min(), p[:, 1].min(), p[:, 0].max(), p[:, 1].max()] for p in polygons]
                     or np.zeros((0, 4)), dtype=np.int64).reshape(-1, 4)
    group_of = np.zeros(count, np.int64)
    group_keys: list = []
    group_last_start: list = []
    result = Layout()
    for i in range(count):
        box = boxes[i]
        if i:
            placed = boxes[:i]
            hits = (placed[:, 0] <= box[2]) & (placed[:, 2] >= box[0]) & (placed[:, 1] <= box[3]) & (
                placed[:, 3] >= box[1])
            floor = int(group_of[:i][hits].max()) if hits.any() else 0
        else:
            floor = 0
        target = -1
        for g in range(len(group_keys) - 1, floor - 1, -1):
            if group_keys[g] == color_keys[i]:
                target = g
                break
        if target < 0:
            target = len(group_keys)
            group_keys.append(color_keys[i])
            group_last_start.append(None)
            text = polygon_data(polygons[i])
            cost = len(text) + PATH_OVERHEAD
        else:
            text = polygon_data(polygons[i], group_last_start[target])
            cost = len(text)
        group_last_start[target] = (int(polygons[i][0][0]), int(polygons[i][0][1]))
        group_of[i] = target
        result.data.append(text)
        result.cost.append(cost)
    result.group_of = group_of.tolist()
    return result


def header(grid: int, size: int = CANVAS_SIZE) -> str:
    """The `<svg>` start tag: `size` px square; the viewBox maps grid pixel centres 0..grid-1 onto the canvas."""
    return f'<svg xmlns="{SVG_NS}" width="{size}" height="{size}" viewBox="-.5 -.5 {grid} {grid}">'


def background(grid: int, color: str) -> str:
    """One opaque rect covering the whole canvas (a pixel beyond it on every side)."""
    return f'<rect x="-1" y="-1" width="{grid + 2}" height="{grid + 2}" fill="{color}"/>'


def fixed_cost(grid: int) -> int:
    """Bytes of everything but the paths: header, background rect (3-digit colour) and `</svg>`."""
    return len(header(grid)) + len(background(grid, "#abc")) + len("</svg>")


def render_svg(grid: int, background_color: str, plan: Layout, count: int, group_colors: dict) -> str:
    """The SVG text of the first `count` polygons of `plan`; `group_colors` maps path index -> colour text."""
    members: dict[int, list[str]] = {}
    for i in range(count):
        members.setdefault(plan.group_of[i], []).append(plan.data[i])
    parts = [header(grid), background(grid, background_color)]
    for group in sorted(members):
        color = group_colors[group]
        fill = "" if color in ("#000", "#000000") else f' fill="{color}"'
        parts.append(f'<path{fill} d="{"".join(members[group])}"/>')
    parts.append("</svg>")
    return "".join(parts)


def path_vertices(d: str) -> list[list[tuple[float, float]]]:
    """Absolute vertices of each subpath of path data (for tests and tools that post-process targets).

    Returns a list of lists of (x, y) floats; read by the one path parser, `svgllm.path_data.parse_path`.
    """
    return subpath_vertices(parse_path(d))
