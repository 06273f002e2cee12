"""Shapes by name: flat figures and lit 3-D solids, each drawn by its own small function (`SHAPES`)."""

from __future__ import annotations

import math
from collections.abc import Callable

from ...colors import mix, shift_lightness
from .canvas import Canvas, circle, ellipse, n, polygon, rect

# (canvas, cx, cy, r, colour) -> SVG markup of the shape centred at (cx, cy) in a box of half-width r
ShapePainter = Callable[[Canvas, float, float, float, str], str]


def regular(cx: float, cy: float, r: float, sides: int, rotation: float = -90.0) -> list[tuple[float, float]]:
    """The corners of a regular polygon of `sides` around (cx, cy), the first one at `rotation` degrees."""
    return [
        (
            cx + r * math.cos(math.radians(rotation + 360 * k / sides)),
            cy + r * math.sin(math.radians(rotation + 360 * k / sides)),
        )
        for k in range(sides)
    ]


def _lit(color: str) -> tuple[str, str]:
    """The lit and the shaded face colours of a solid."""
    return shift_lightness(color, 0.3), shift_lightness(color, -0.3)


def _circle(canvas, cx, cy, r, color):
    return circle(cx, cy, r, color)


def _ring(canvas, cx, cy, r, color):
    return circle(cx, cy, r * 0.8, "none", f' stroke="{color}" stroke-width="{n(r * 0.3)}"')


def _ellipse(canvas, cx, cy, r, color):
    return ellipse(cx, cy, r, r * 0.6, color)


def _sphere(canvas, cx, cy, r, color):
    _, dark = _lit(color)
    return circle(
        cx, cy, r, canvas.radial([(0, shift_lightness(color, 0.45)), (0.6, color), (1, dark)], 0.35, 0.35, 0.7)
    )


def _square(canvas, cx, cy, r, color):
    return rect(cx - r * 0.8, cy - r * 0.8, r * 1.6, r * 1.6, color)


def _rectangle(canvas, cx, cy, r, color):
    return rect(cx - r, cy - r * 0.6, 2 * r, r * 1.2, color)


def _triangle(canvas, cx, cy, r, color):
    return polygon(regular(cx, cy + r * 0.15, r, 3), color)


def _pyramid(canvas, cx, cy, r, color):
    light, dark = _lit(color)
    apex, left, right, front = (cx, cy - r), (cx - r, cy + r * 0.7), (cx + r, cy + r * 0.7), (cx + r * 0.2, cy + r)
    return polygon([apex, left, front], light) + polygon([apex, front, right], dark)


def _trapezoid(canvas, cx, cy, r, color):
    corners = [(cx - r * 0.55, cy - r * 0.5), (cx + r * 0.55, cy - r * 0.5), (cx + r, cy + r * 0.5),
               (cx - r, cy + r * 0.5)]
    return polygon(corners, color)


def _parallelogram(canvas, cx, cy, r, color):
    corners = [(cx - r * 0.5, cy - r * 0.5), (cx + r, cy - r * 0.5), (cx + r * 0.5, cy + r * 0.5),
               (cx - r, cy + r * 0.5)]
    return polygon(corners, color)


def _diamond(canvas, cx, cy, r, color):
    return polygon([(cx, cy - r), (cx + r * 0.7, cy), (cx, cy + r), (cx - r * 0.7, cy)], color)


def _sided(sides: int) -> ShapePainter:
    """A painter of the regular polygon with `sides` sides."""
    return lambda canvas, cx, cy, r, color: polygon(regular(cx, cy, r, sides), color)


def _star(canvas, cx, cy, r, color):
    points = []
    for k in range(10):
        radius = r if k % 2 == 0 else r * 0.45
        angle = math.radians(-90 + 36 * k)
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return polygon(points, color)


def _crescent(canvas, cx, cy, r, color):
    # outer half circle to the left, back along a flatter arc: a crescent opening to the right
    return (
        f'<path d="M{n(cx + r * 0.2)} {n(cy - r)}A{n(r)} {n(r)} 0 0 0 {n(cx + r * 0.2)} {n(cy + r)}'
        f'A{n(r * 1.3)} {n(r * 1.3)} 0 0 1 {n(cx + r * 0.2)} {n(cy - r)}Z" fill="{color}"/>'
    )


def _heart(canvas, cx, cy, r, color):
    return (
        f'<path d="M{n(cx)} {n(cy + r * 0.9)}C{n(cx - r * 1.4)} {n(cy)} {n(cx - r * 0.6)} {n(cy - r)} '
        f"{n(cx)} {n(cy - r * 0.35)}C{n(cx + r * 0.6)} {n(cy - r)} {n(cx + r * 1.4)} {n(cy)} {n(cx)} "
        f'{n(cy + r * 0.9)}Z" fill="{color}"/>'
    )


def _cube(canvas, cx, cy, r, color):
    light, dark = _lit(color)
    s = r * 0.75
    top = [(cx, cy - s * 1.1), (cx + s, cy - s * 0.55), (cx, cy), (cx - s, cy - s * 0.55)]
    left = [(cx - s, cy - s * 0.55), (cx, cy), (cx, cy + s * 1.15), (cx - s, cy + s * 0.6)]
    right = [(cx + s, cy - s * 0.55), (cx, cy), (cx, cy + s * 1.15), (cx + s, cy + s * 0.6)]
    return polygon(top, light) + polygon(left, color) + polygon(right, dark)


def _cone(canvas, cx, cy, r, color):
    light, dark = _lit(color)
    return polygon(
        [(cx, cy - r), (cx + r * 0.7, cy + r * 0.7), (cx - r * 0.7, cy + r * 0.7)],
        canvas.linear([(0, dark), (0.45, light), (1, dark)], x2=1, y2=0),
    ) + ellipse(cx, cy + r * 0.7, r * 0.7, r * 0.2, dark)


def _cylinder(canvas, cx, cy, r, color):
    light, dark = _lit(color)
    side = canvas.linear([(0, dark), (0.45, light), (1, dark)], x2=1, y2=0)
    return (
        rect(cx - r * 0.6, cy - r * 0.7, r * 1.2, r * 1.4, side)
        + ellipse(cx, cy + r * 0.7, r * 0.6, r * 0.18, dark)
        + ellipse(cx, cy - r * 0.7, r * 0.6, r * 0.18, light)
    )


def _prism(canvas, cx, cy, r, color):
    light, dark = _lit(color)
    front = [(cx - r * 0.8, cy + r * 0.6), (cx - r * 0.2, cy - r * 0.8), (cx + r * 0.1, cy + r * 0.8)]
    side = [(cx - r * 0.2, cy - r * 0.8), (cx + r * 0.8, cy - r * 0.5), (cx + r * 0.9, cy + r * 0.5),
            (cx + r * 0.1, cy + r * 0.8)]
    return polygon(front, light) + polygon(side, dark)


def _polyhedron(canvas, cx, cy, r, color):
    light, dark = _lit(color)
    outer = regular(cx, cy, r, 10, -90)
    inner = regular(cx, cy, r * 0.5, 5, -90)
    faces = polygon(outer, dark) + polygon(inner, light)
    for k in range(5):  # five kite faces around the central pentagon
        a, b = inner[k], inner[(k + 1) % 5]
        o = outer[(2 * k + 1) % 10]
        faces += polygon(
            [a, outer[(2 * k) % 10], o, outer[(2 * k + 2) % 10], b],
            mix(color, "#ffffff" if k % 2 else "#000000", 0.12),
            f' stroke="{light}" stroke-width="{n(max(1.0, r * 0.03))}"',
        )
    return faces


def _spiral(canvas, cx, cy, r, color):
    d = "".join(
        ("M" if k == 0 else "L") + f"{n(cx + r * k / 60 * math.cos(k * 0.32))} "
        f"{n(cy + r * k / 60 * math.sin(k * 0.32))}"
        for k in range(61)
    )
    return (
        f'<path d="{d}" fill="none" stroke="{color}" stroke-width="{n(max(3.0, r * 0.12))}" '
        f'stroke-linecap="round"/>'
    )


def _line(canvas, cx, cy, r, color):
    return (
        f'<path d="M{n(cx - r)} {n(cy)}q{n(r / 2)} {n(-r / 2)} {n(r)} 0t{n(r)} 0" fill="none" '
        f'stroke="{color}" stroke-width="{n(max(3.0, r * 0.1))}" stroke-linecap="round"/>'
    )


def _cross(canvas, cx, cy, r, color):
    return rect(cx - r * 0.2, cy - r, r * 0.4, 2 * r, color) + rect(cx - r, cy - r * 0.2, 2 * r, r * 0.4, color)


def _arrow(canvas, cx, cy, r, color):
    corners = [(cx - r, cy - r * 0.2), (cx + r * 0.2, cy - r * 0.2), (cx + r * 0.2, cy - r * 0.5), (cx + r, cy),
               (cx + r * 0.2, cy + r * 0.5), (cx + r * 0.2, cy + r * 0.2), (cx - r, cy + r * 0.2)]
    return polygon(corners, color)


def _unknown(canvas, cx, cy, r, color):
    """ "Mixed" and anything unknown: a circle reads as a shape of that colour."""
    return circle(cx, cy, r * 0.85, color)


SHAPES: dict[str, ShapePainter] = {
    "circle": _circle, "dot": _circle, "ring": _ring, "ellipse": _ellipse, "sphere": _sphere,
    "square": _square, "rectangle": _rectangle, "stripe": _rectangle, "sheet": _rectangle,
    "triangle": _triangle, "pyramid": _pyramid, "trapezoid": _trapezoid, "parallelogram": _parallelogram,
    "diamond": _diamond, "pentagon": _sided(5), "hexagon": _sided(6), "octagon": _sided(8),
    "star": _star, "crescent": _crescent, "heart": _heart,
    "cube": _cube, "cone": _cone, "cylinder": _cylinder, "prism": _prism, "polyhedron": _polyhedron,
    "spiral": _spiral, "line": _line, "thread": _line, "wave": _line, "zigzag": _line, "arc": _line,
    "cross": _cross, "arrow": _arrow,
}


def _polygon_sides(name: str) -> int | None:
    """The side count of a counted-polygon name ("polygon-12", from "a twelve-sided polygon"), else None."""
    return int(name[8:]) if name.startswith("polygon-") and name[8:].isdigit() else None


def knows_shape(name: str) -> bool:
    """True when a painter of its own draws shape `name` (not the generic circle every unknown name gets)."""
    return name in SHAPES or _polygon_sides(name) is not None


def painter_of(name: str) -> ShapePainter:
    """The painter for shape `name`; "polygon-12" (from "a twelve-sided polygon") draws 3 to 40 sides."""
    if name in SHAPES:
        return SHAPES[name]
    sides = _polygon_sides(name)
    return _sided(max(3, min(sides, 40))) if sides is not None else _unknown


def shape_element(
    canvas: Canvas, name: str, cx: float, cy: float, size: float, color: str, rotation: float = 0.0, extra: str = ""
) -> str:
    """One shape centred at (cx, cy) fitting a `size` box; 3-D solids get lit and shaded faces."""
    out = painter_of(name)(canvas, cx, cy, size / 2, color)
    if rotation or extra:
        rot = f' transform="rotate({rotation:.0f} {n(cx)} {n(cy)})"' if rotation else ""
        return f"<g{rot}{extra}>{out}</g>"
    return out
