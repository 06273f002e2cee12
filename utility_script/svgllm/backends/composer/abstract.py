"""Abstract art: flat and shaded shapes in arrangements (grid, spiral, concentric, layered, interwoven, ...)."""

from __future__ import annotations

import math

from ...colors import luminance, mix, shift_lightness
from .canvas import SIZE, Canvas, circle, ellipse, n, polygon, pts, rect
from .patterns import PALETTE as _PALETTE
from .patterns import bands, linked_rings, rays
from .patterns import color_at as _color_at
from .scene import FrozenScene


def _regular(cx, cy, r, sides, rotation=-90.0):
    return [
        (
            cx + r * math.cos(math.radians(rotation + 360 * k / sides)),
            cy + r * math.sin(math.radians(rotation + 360 * k / sides)),
        )
        for k in range(sides)
    ]


def shape_element(
    canvas: Canvas, name: str, cx: float, cy: float, size: float, color: str, rotation: float = 0.0, extra: str = ""
) -> str:
    """One shape centred at (cx, cy) fitting a `size` box; 3-D solids get lit and shaded faces."""
    r = size / 2
    light, dark = shift_lightness(color, 0.3), shift_lightness(color, -0.3)
    if name in ("circle", "dot"):
        out = circle(cx, cy, r, color)
    elif name == "ring":
        out = circle(cx, cy, r * 0.8, "none", f' stroke="{color}" stroke-width="{n(r * 0.3)}"')
    elif name == "ellipse":
        out = ellipse(cx, cy, r, r * 0.6, color)
    elif name == "sphere":
        out = circle(
            cx, cy, r, canvas.radial([(0, shift_lightness(color, 0.45)), (0.6, color), (1, dark)], 0.35, 0.35, 0.7)
        )
    elif name == "square":
        out = rect(cx - r * 0.8, cy - r * 0.8, r * 1.6, r * 1.6, color)
    elif name in ("rectangle", "stripe", "sheet"):
        out = rect(cx - r, cy - r * 0.6, 2 * r, r * 1.2, color)
    elif name == "triangle":
        out = polygon(_regular(cx, cy + r * 0.15, r, 3), color)
    elif name == "pyramid":
        apex, left, right, front = (cx, cy - r), (cx - r, cy + r * 0.7), (cx + r, cy + r * 0.7), (cx + r * 0.2, cy + r)
        out = polygon([apex, left, front], light) + polygon([apex, front, right], dark)
    elif name == "trapezoid":
        out = polygon(
            [
                (cx - r * 0.55, cy - r * 0.5),
                (cx + r * 0.55, cy - r * 0.5),
                (cx + r, cy + r * 0.5),
                (cx - r, cy + r * 0.5),
            ],
            color,
        )
    elif name == "parallelogram":
        out = polygon(
            [
                (cx - r * 0.5, cy - r * 0.5),
                (cx + r, cy - r * 0.5),
                (cx + r * 0.5, cy + r * 0.5),
                (cx - r, cy + r * 0.5),
            ],
            color,
        )
    elif name == "diamond":
        out = polygon([(cx, cy - r), (cx + r * 0.7, cy), (cx, cy + r), (cx - r * 0.7, cy)], color)
    elif name in ("pentagon", "hexagon", "octagon"):
        out = polygon(_regular(cx, cy, r, {"pentagon": 5, "hexagon": 6, "octagon": 8}[name]), color)
    elif name.startswith("polygon-") and name[8:].isdigit():  # "a twelve-sided polygon" -> polygon-12
        out = polygon(_regular(cx, cy, r, max(3, min(int(name[8:]), 40))), color)
    elif name == "star":
        points = []
        for k in range(10):
            radius = r if k % 2 == 0 else r * 0.45
            angle = math.radians(-90 + 36 * k)
            points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
        out = polygon(points, color)
    elif name == "crescent":
        # outer half circle to the left, back along a flatter arc: a crescent opening to the right
        out = (
            f'<path d="M{n(cx + r * 0.2)} {n(cy - r)}A{n(r)} {n(r)} 0 0 0 {n(cx + r * 0.2)} {n(cy + r)}'
            f'A{n(r * 1.3)} {n(r * 1.3)} 0 0 1 {n(cx + r * 0.2)} {n(cy - r)}Z" fill="{color}"/>'
        )
    elif name == "heart":
        out = (
            f'<path d="M{n(cx)} {n(cy + r * 0.9)}C{n(cx - r * 1.4)} {n(cy)} {n(cx - r * 0.6)} {n(cy - r)} '
            f"{n(cx)} {n(cy - r * 0.35)}C{n(cx + r * 0.6)} {n(cy - r)} {n(cx + r * 1.4)} {n(cy)} {n(cx)} "
            f'{n(cy + r * 0.9)}Z" fill="{color}"/>'
        )
    elif name == "cube":
        s = r * 0.75
        top = [(cx, cy - s * 1.1), (cx + s, cy - s * 0.55), (cx, cy), (cx - s, cy - s * 0.55)]
        left = [(cx - s, cy - s * 0.55), (cx, cy), (cx, cy + s * 1.15), (cx - s, cy + s * 0.6)]
        right = [(cx + s, cy - s * 0.55), (cx, cy), (cx, cy + s * 1.15), (cx + s, cy + s * 0.6)]
        out = polygon(top, light) + polygon(left, color) + polygon(right, dark)
    elif name == "cone":
        out = polygon(
            [(cx, cy - r), (cx + r * 0.7, cy + r * 0.7), (cx - r * 0.7, cy + r * 0.7)],
            canvas.linear([(0, dark), (0.45, light), (1, dark)], x2=1, y2=0),
        ) + ellipse(cx, cy + r * 0.7, r * 0.7, r * 0.2, dark)
    elif name == "cylinder":
        out = (
            rect(
                cx - r * 0.6,
                cy - r * 0.7,
                r * 1.2,
                r * 1.4,
                canvas.linear([(0, dark), (0.45, light), (1, dark)], x2=1, y2=0),
            )
            + ellipse(cx, cy + r * 0.7, r * 0.6, r * 0.18, dark)
            + ellipse(cx, cy - r * 0.7, r * 0.6, r * 0.18, light)
        )
    elif name == "prism":
        out = polygon(
            [(cx - r * 0.8, cy + r * 0.6), (cx - r * 0.2, cy - r * 0.8), (cx + r * 0.1, cy + r * 0.8)], light
        ) + polygon(
            [
                (cx - r * 0.2, cy - r * 0.8),
                (cx + r * 0.8, cy - r * 0.5),
                (cx + r * 0.9, cy + r * 0.5),
                (cx + r * 0.1, cy + r * 0.8),
            ],
            dark,
        )
    elif name == "polyhedron":
        outer = _regular(cx, cy, r, 10, -90)
        inner = _regular(cx, cy, r * 0.5, 5, -90)
        faces = polygon(outer, dark) + polygon(inner, light)
        for k in range(5):  # five kite faces around the central pentagon
            a, b = inner[k], inner[(k + 1) % 5]
            o = outer[(2 * k + 1) % 10]
            faces += polygon(
                [a, outer[(2 * k) % 10], o, outer[(2 * k + 2) % 10], b],
                mix(color, "#ffffff" if k % 2 else "#000000", 0.12),
                f' stroke="{light}" stroke-width="{n(max(1.0, r * 0.03))}"',
            )
        out = faces
    elif name == "spiral":
        d = "".join(
            ("M" if k == 0 else "L") + f"{n(cx + r * k / 60 * math.cos(k * 0.32))} "
            f"{n(cy + r * k / 60 * math.sin(k * 0.32))}"
            for k in range(61)
        )
        out = (
            f'<path d="{d}" fill="none" stroke="{color}" stroke-width="{n(max(3.0, r * 0.12))}" '
            f'stroke-linecap="round"/>'
        )
    elif name in ("line", "thread", "wave", "zigzag", "arc"):
        out = (
            f'<path d="M{n(cx - r)} {n(cy)}q{n(r / 2)} {n(-r / 2)} {n(r)} 0t{n(r)} 0" fill="none" '
            f'stroke="{color}" stroke-width="{n(max(3.0, r * 0.1))}" stroke-linecap="round"/>'
        )
    elif name == "cross":
        out = rect(cx - r * 0.2, cy - r, r * 0.4, 2 * r, color) + rect(cx - r, cy - r * 0.2, 2 * r, r * 0.4, color)
    elif name == "arrow":
        out = polygon(
            [
                (cx - r, cy - r * 0.2),
                (cx + r * 0.2, cy - r * 0.2),
                (cx + r * 0.2, cy - r * 0.5),
                (cx + r, cy),
                (cx + r * 0.2, cy + r * 0.5),
                (cx + r * 0.2, cy + r * 0.2),
                (cx - r, cy + r * 0.2),
            ],
            color,
        )
    else:  # "mixed" and anything unknown: a circle reads as a shape of that colour
        out = circle(cx, cy, r * 0.85, color)
    if rotation or extra:
        rot = f' transform="rotate({rotation:.0f} {n(cx)} {n(cy)})"' if rotation else ""
        return f"<g{rot}{extra}>{out}</g>"
    return out


def background_for(colors: list[str]) -> str:
    """A calm background that contrasts with the shapes' colours."""
    if not colors:
        return "#f3efe6"
    average = sum(luminance(c) for c in colors) / len(colors)
    return "#1e2433" if average > 0.62 else "#f5f1e8"


def paint_abstract(canvas: Canvas, scene: FrozenScene) -> None:
    """Lay the scene's shapes out by its arrangement on an opaque background (palette colours already
    resolved by `layout.palette_colours`)."""
    rng = canvas.rng
    shapes = [s for s in scene.subjects if s.kind == "shape"] or scene.subjects
    colors = [s.color for s in shapes if s.color] or list(_PALETTE[:2])
    bg = scene.background_color or background_for(colors)
    canvas.add(rect(0, 0, SIZE, SIZE, canvas.linear([(0, shift_lightness(bg, 0.05)), (1, shift_lightness(bg, -0.05))])))
    arrangement = scene.arrangement
    relation = scene.relation_of(0)
    chaotic = "chaotic" in scene.style_words
    main = shapes[0]
    main_color = main.color or _PALETTE[0]
    centre = (
        shapes[1]
        if len(shapes) > 1
        and relation is not None
        and relation.kind in ("around", "on", "with", "interwoven", "in", "inside")
        else None
    )
    if (
        len(shapes) == 2
        and relation is not None
        and relation.kind in _PAIR
        and main.count <= 1
        and shapes[1].count <= 1
        and shapes[1].name != "sheet"
        and arrangement is None
    ):
        _pair(canvas, main, shapes[1], relation.kind)
        return
    if centre is not None and relation and relation.kind == "on":
        _sheet(canvas, centre, scene)
        centre_drawn = True
    else:
        centre_drawn = False
    if arrangement == "interwoven" and main.name in ("ring", "circle") and len(shapes) == 1:
        linked_rings(canvas, main)
        return
    if arrangement == "interwoven" or (centre is not None and centre.name == "thread"):
        thread = centre if centre is not None and centre.name == "thread" else (shapes[1] if len(shapes) > 1 else main)
        solid = main if thread is not main else None
        _interwoven(canvas, solid, thread, rng)
        return
    if arrangement == "row":
        count = min(max(main.count, 3), 6)
        for k in range(count):
            canvas.add(
                shape_element(
                    canvas,
                    main.name,
                    192 + (k - (count - 1) / 2) * 300 / count,
                    192,
                    min(90, 280 / count),
                    _color_at(main, k),
                )
            )
        return
    if arrangement in ("spiral", "ring") or (relation is not None and relation.kind == "around"):
        if centre is not None and not centre_drawn:
            canvas.add(shape_element(canvas, centre.name, 192, 192, 150, centre.color or _PALETTE[3]))
        count = max(main.count, 12 if arrangement == "spiral" else 9)  # a spiral needs enough steps to read
        if arrangement == "spiral":  # a faint guide curve under the shapes makes the spiral itself visible
            start = 105 if centre is not None else 34
            guide = "".join(
                ("M" if j == 0 else "L")
                + f"{n(192 + (start + (165 - start) * j / 40) * math.cos(j * 2.5 * math.pi / 40 * 11 / 12 + 0.3))} "
                f"{n(192 + (start + (165 - start) * j / 40) * math.sin(j * 2.5 * math.pi / 40 * 11 / 12 + 0.3))}"
                for j in range(41)
            )
            canvas.add(f'<path d="{guide}" fill="none" stroke="{main_color}" stroke-width="5" opacity=".3"/>')
        for k in range(count):
            if arrangement == "spiral":  # one and a quarter turns, opening outwards
                start = 105 if centre is not None else 34
                angle = k * 2.5 * math.pi / count + 0.3
                radius = start + (165 - start) * k / count
                size = 34 + 34 * k / count
            else:
                angle, radius, size = 2 * math.pi * k / count, 135, 60
            canvas.add(
                shape_element(
                    canvas,
                    main.name,
                    192 + radius * math.cos(angle),
                    192 + radius * math.sin(angle),
                    size,
                    _color_at(main, k),
                    math.degrees(angle) + 90,
                )
            )
        for other in shapes[1:]:
            if other is not centre:
                _scatter(canvas, other, rng, 4, 40)
        return
    if main.name in ("wave", "stripe", "zigzag", "line") and arrangement in (None, "layered", "diagonal") \
            and len(shapes) == 1:
        bands(canvas, main, diagonal=arrangement == "diagonal")
        return
    if main.name in ("line", "stripe", "triangle") and arrangement == "radial":
        rays(canvas, main)
        return
    if arrangement == "concentric":
        for k in range(5):
            if len(main.colors) > 1:  # "concentric circles of teal and coral"
                color = _color_at(main, k)
            elif k % 2 == 0:
                color = main_color
            else:
                color = shapes[1].color if len(shapes) > 1 and shapes[1].color else shift_lightness(main_color, 0.5)
            canvas.add(shape_element(canvas, main.name, 192, 192, 330 - k * 62, color))
        return
    if arrangement == "grid":
        cells = 4 if main.count <= 16 else 5
        step = 300 / cells
        for row in range(cells):
            for col in range(cells):
                jitter = (rng.uniform(-14, 14), rng.uniform(-14, 14), rng.uniform(-35, 35)) if chaotic else (0, 0, 0)
                shade = rng.uniform(-0.18, 0.18) if chaotic else ((row + col) % 2) * 0.12
                color = _color_at(main, row * cells + col + row) if len(main.colors) > 1 else main_color
                canvas.add(
                    shape_element(
                        canvas,
                        main.name,
                        42 + step * (col + 0.5) + jitter[0],
                        42 + step * (row + 0.5) + jitter[1],
                        step * (0.78 if not chaotic else rng.uniform(0.55, 0.95)),
                        shift_lightness(color, shade),
                        jitter[2],
                    )
                )
        return
    if arrangement == "layered" or (relation is not None and relation.kind == "on"):
        count = max(main.count, 5)
        for k in range(count):
            x = 110 + k * (170 / max(count - 1, 1))
            y = 250 - k * (120 / max(count - 1, 1))
            canvas.add(
                shape_element(
                    canvas,
                    main.name,
                    x,
                    y,
                    120,
                    shift_lightness(main_color, -0.15 + 0.3 * k / count),
                    rng.uniform(-12, 12),
                    ' opacity=".88"',
                )
            )
        return
    # default: each shape type gets scattered copies; a single shape is drawn large in the middle
    if len(shapes) == 1 and main.count <= 1:
        canvas.add(shape_element(canvas, main.name, 192, 192, 250, main_color))
        return
    cells = _cells(rng)
    for index, shape in enumerate(shapes):
        if shape.count <= 1:
            canvas.add(
                shape_element(
                    canvas,
                    shape.name,
                    110 + 164 * (index % 2),
                    150 + 90 * (index // 2) % 200,
                    150,
                    _color_at(shape, 0, index),
                )
            )
            continue
        _scatter(
            canvas, shape, rng, shape.count, 84 if shape.count <= 6 else 66, band=(index, len(shapes)), cells=cells
        )


def _scatter(canvas: Canvas, shape, rng, count: int, size: float, band=(0, 1), cells=None) -> None:
    """`count` copies on free cells of a jittered 5 x 5 grid (shared by all shape types through `cells`)."""
    index, _ = band
    if cells is None:
        cells = _cells(rng)
    for k in range(count):
        if not cells:
            cells.extend(_cells(rng))
        col, row = cells.pop()
        x = 46 + col * 73 + rng.uniform(-12, 12)
        y = 46 + row * 73 + rng.uniform(-12, 12)
        canvas.add(
            shape_element(
                canvas,
                shape.name,
                x,
                y,
                size * rng.uniform(0.85, 1.15),
                _color_at(shape, k, index),
                rng.uniform(-25, 25),
            )
        )


def _cells(rng) -> list[tuple[int, int]]:
    cells = [(col, row) for row in range(5) for col in range(5)]
    rng.shuffle(cells)
    return cells


_PAIR = {
    "over": ((192, 110, 150), (192, 272, 170)),
    "under": ((192, 282, 150), (192, 112, 170)),
    "beside": ((112, 200, 150), (276, 200, 150)),
    "in_front": ((170, 230, 170), (220, 150, 200)),
    "behind": ((220, 150, 150), (170, 230, 190)),
    "inside": ((192, 192, 110), (192, 192, 290)),
    "in": ((192, 192, 110), (192, 192, 290)),
    "on": ((192, 130, 150), (192, 270, 190)),
}


def _pair(canvas: Canvas, first, second, kind: str) -> None:
    """Two single shapes related in space ("a silver sphere above a red cube")."""
    (x1, y1, s1), (x2, y2, s2) = _PAIR[kind]
    if kind in ("in_front", "over", "on"):
        canvas.add(shape_element(canvas, second.name, x2, y2, s2, _color_at(second, 0, 1)))
        canvas.add(shape_element(canvas, first.name, x1, y1, s1, _color_at(first, 0, 0)))
    else:
        canvas.add(shape_element(canvas, second.name, x2, y2, s2, _color_at(second, 0, 1)))
        canvas.add(shape_element(canvas, first.name, x1, y1, s1, _color_at(first, 0, 0)))
    if kind in ("over", "on"):
        canvas.add(ellipse(x2, y2 + s2 * 0.55, s2 * 0.45, s2 * 0.07, "#000000", ' opacity=".15"'))


def _sheet(canvas: Canvas, sheet, scene: FrozenScene) -> None:
    color = sheet.color or "#c0c0c0"
    translucent = "translucent" in scene.style_words or sheet.material == "glass"
    fill = canvas.linear(
        [(0, shift_lightness(color, 0.4)), (0.5, color), (1, shift_lightness(color, -0.15))], x2=1, y2=1
    )
    extra = ' opacity=".62"' if translucent else ""
    canvas.add(
        f'<g transform="rotate(-8 192 200)"{extra}>'
        + rect(46, 90, 292, 230, fill, ' rx="6"')
        + rect(56, 100, 272, 30, "#ffffff", ' opacity=".35"')
        + "</g>"
    )


def _interwoven(canvas: Canvas, solid, thread, rng) -> None:
    color = thread.color or "#2a9d8f"
    strands = []
    for k in range(6):
        y0, y1 = 40 + k * 60, 344 - k * 50
        strands.append(
            f"M-10 {n(y0)}C120 {n(y0 + rng.uniform(-90, 90))} 260 {n(y1 + rng.uniform(-90, 90))} 394 {n(y1)}"
        )
    behind = "".join(strands[0::2])
    front = "".join(strands[1::2])
    style = f'fill="none" stroke="{color}" stroke-width="9" stroke-linecap="round"'
    canvas.add(f'<path d="{behind}" {style} opacity=".85"/>')
    if solid is not None:
        canvas.add(shape_element(canvas, solid.name, 192, 192, 220, solid.color or "#800000"))
    canvas.add(f'<path d="{front}" {style}/>')
    canvas.add(
        f'<path d="M40 300C140 150 240 350 350 90" fill="none" stroke="{shift_lightness(color, 0.3)}" '
        f'stroke-width="6" stroke-linecap="round"/>'
    )


__all__ = ["background_for", "paint_abstract", "pts", "shape_element"]
