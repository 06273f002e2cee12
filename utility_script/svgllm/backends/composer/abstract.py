"""Abstract art: flat and shaded shapes in arrangements (grid, spiral, concentric, layered, interwoven, ...)."""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass

from ...colors import luminance, shift_lightness
from .canvas import SIZE, Canvas, ellipse, n, pts, rect
from .patterns import PALETTE as _PALETTE
from .patterns import bands, linked_rings, rays
from .patterns import color_at as _color_at
from .scene import FrozenScene, FrozenSubject, Relation
from .shapes import shape_element


def background_for(colors: list[str]) -> str:
    """A calm background that contrasts with the shapes' colours."""
    if not colors:
        return "#f3efe6"
    average = sum(luminance(c) for c in colors) / len(colors)
    return "#1e2433" if average > 0.62 else "#f5f1e8"


@dataclass(frozen=True)
class AbstractPlan:
    """What every arrangement painter reads: the shapes, the main one and how the scene relates them."""

    scene: FrozenScene
    shapes: tuple  # the shape subjects, main first
    relation: Relation | None  # the main shape's relation
    centre: FrozenSubject | None  # the shape the main one surrounds, rests on or is woven with
    centre_drawn: bool  # the centre (a sheet) is already on the canvas
    rng: random.Random

    @property
    def main(self) -> FrozenSubject:
        """The main shape."""
        return self.shapes[0]

    @property
    def main_color(self) -> str:
        """The main shape's colour (a palette colour when none was named)."""
        return self.main.color or _PALETTE[0]

    @property
    def arrangement(self) -> str | None:
        """The scene's arrangement word (grid, spiral, ...)."""
        return self.scene.arrangement

    def related(self, *kinds: str) -> bool:
        """True when the main shape's relation is one of `kinds`."""
        return self.relation is not None and self.relation.kind in kinds


def paint_abstract(canvas: Canvas, scene: FrozenScene) -> None:
    """Lay the scene's shapes out by its arrangement on an opaque background (palette colours already
    resolved by `layout.palette_colours`)."""
    shapes = tuple(s for s in scene.subjects if s.kind == "shape") or scene.subjects
    colors = [s.color for s in shapes if s.color] or list(_PALETTE[:2])
    bg = scene.background_color or background_for(colors)
    canvas.add(rect(0, 0, SIZE, SIZE, canvas.linear([(0, shift_lightness(bg, 0.05)), (1, shift_lightness(bg, -0.05))])))
    relation = scene.relation_of(0)
    surrounds = relation is not None and relation.kind in ("around", "on", "with", "interwoven", "in", "inside")
    centre = shapes[1] if len(shapes) > 1 and surrounds else None
    if _is_pair(scene, shapes, relation):
        _pair(canvas, shapes[0], shapes[1], relation.kind)
        return
    on_sheet = centre is not None and relation.kind == "on"
    if on_sheet:
        _sheet(canvas, centre, scene)
    plan = AbstractPlan(scene, shapes, relation, centre, on_sheet, canvas.rng)
    painter = next(paint for applies, paint in ARRANGEMENTS if applies(plan))
    painter(canvas, plan)


def _is_pair(scene: FrozenScene, shapes, relation) -> bool:
    """Two single shapes in a spatial relation and no arrangement ("a silver sphere above a red cube")."""
    return (
        len(shapes) == 2
        and relation is not None
        and relation.kind in _PAIR
        and shapes[0].count <= 1
        and shapes[1].count <= 1
        and shapes[1].name != "sheet"
        and scene.arrangement is None
    )


def _linked(canvas: Canvas, plan: AbstractPlan) -> None:
    """Interwoven rings of one kind: a chain of linked rings."""
    linked_rings(canvas, plan.main)


def _woven(canvas: Canvas, plan: AbstractPlan) -> None:
    """A solid shape with threads woven behind and in front of it."""
    centre, main, shapes = plan.centre, plan.main, plan.shapes
    thread = centre if centre is not None and centre.name == "thread" else (shapes[1] if len(shapes) > 1 else main)
    _interwoven(canvas, main if thread is not main else None, thread, plan.rng)


def _row(canvas: Canvas, plan: AbstractPlan) -> None:
    """Three to six copies side by side across the middle."""
    main = plan.main
    count = min(max(main.count, 3), 6)
    for k in range(count):
        x = 192 + (k - (count - 1) / 2) * 300 / count
        canvas.add(shape_element(canvas, main.name, x, 192, min(90, 280 / count), _color_at(main, k)))


def _orbit(canvas: Canvas, plan: AbstractPlan) -> None:
    """Copies on a ring, or on a spiral opening outwards, around the centre shape when there is one; other
    shapes scattered over the rest."""
    main, centre, spiral = plan.main, plan.centre, plan.arrangement == "spiral"
    if centre is not None and not plan.centre_drawn:
        canvas.add(shape_element(canvas, centre.name, 192, 192, 150, centre.color or _PALETTE[3]))
    count = max(main.count, 12 if spiral else 9)  # a spiral needs enough steps to read
    start = 105 if centre is not None else 34
    if spiral:  # a faint guide curve under the shapes makes the spiral itself visible
        canvas.add(_spiral_guide(start, plan.main_color))
    for k in range(count):
        if spiral:  # one and a quarter turns, opening outwards
            angle = k * 2.5 * math.pi / count + 0.3
            radius = start + (165 - start) * k / count
            size = 34 + 34 * k / count
        else:
            angle, radius, size = 2 * math.pi * k / count, 135, 60
        x, y = 192 + radius * math.cos(angle), 192 + radius * math.sin(angle)
        canvas.add(shape_element(canvas, main.name, x, y, size, _color_at(main, k), math.degrees(angle) + 90))
    for other in plan.shapes[1:]:
        if other is not centre:
            _scatter(canvas, other, plan.rng, 4, 40)


def _spiral_guide(start: float, color: str) -> str:
    """The faint curve a spiral of shapes follows, from radius `start` out to 165."""
    guide = "".join(
        ("M" if j == 0 else "L")
        + f"{n(192 + (start + (165 - start) * j / 40) * math.cos(j * 2.5 * math.pi / 40 * 11 / 12 + 0.3))} "
        f"{n(192 + (start + (165 - start) * j / 40) * math.sin(j * 2.5 * math.pi / 40 * 11 / 12 + 0.3))}"
        for j in range(41)
    )
    return f'<path d="{guide}" fill="none" stroke="{color}" stroke-width="5" opacity=".3"/>'


def _bands(canvas: Canvas, plan: AbstractPlan) -> None:
    """Lines, stripes, waves or zigzags alone: full-canvas bands (tilted when diagonal)."""
    bands(canvas, plan.main, diagonal=plan.arrangement == "diagonal")


def _rays(canvas: Canvas, plan: AbstractPlan) -> None:
    """Radial lines, stripes or triangles: a starburst."""
    rays(canvas, plan.main)


def _concentric(canvas: Canvas, plan: AbstractPlan) -> None:
    """Five nested copies, alternating the named colours (or the main colour and the second shape's)."""
    main, shapes, main_color = plan.main, plan.shapes, plan.main_color
    for k in range(5):
        if len(main.colors) > 1:  # "concentric circles of teal and coral"
            color = _color_at(main, k)
        elif k % 2 == 0:
            color = main_color
        else:
            color = shapes[1].color if len(shapes) > 1 and shapes[1].color else shift_lightness(main_color, 0.5)
        canvas.add(shape_element(canvas, main.name, 192, 192, 330 - k * 62, color))


def _grid(canvas: Canvas, plan: AbstractPlan) -> None:
    """A 4 x 4 (or 5 x 5) grid, checkered in shade, or jittered and tilted when chaotic."""
    main, rng, main_color = plan.main, plan.rng, plan.main_color
    chaotic = "chaotic" in plan.scene.style_words
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


def _layered(canvas: Canvas, plan: AbstractPlan) -> None:
    """Overlapping translucent copies climbing from bottom left to top right, lighter as they go."""
    main, rng = plan.main, plan.rng
    count = max(main.count, 5)
    for k in range(count):
        x = 110 + k * (170 / max(count - 1, 1))
        y = 250 - k * (120 / max(count - 1, 1))
        color = shift_lightness(plan.main_color, -0.15 + 0.3 * k / count)
        canvas.add(shape_element(canvas, main.name, x, y, 120, color, rng.uniform(-12, 12), ' opacity=".88"'))


def _single(canvas: Canvas, plan: AbstractPlan) -> None:
    """One shape, drawn large in the middle."""
    canvas.add(shape_element(canvas, plan.main.name, 192, 192, 250, plan.main_color))


def _scattered(canvas: Canvas, plan: AbstractPlan) -> None:
    """The default: each single shape in its own quarter, several of a kind scattered over shared cells."""
    rng = plan.rng
    cells = _cells(rng)
    for index, shape in enumerate(plan.shapes):
        if shape.count <= 1:
            x, y = 110 + 164 * (index % 2), 150 + 90 * (index // 2) % 200
            canvas.add(shape_element(canvas, shape.name, x, y, 150, _color_at(shape, 0, index)))
            continue
        size = 84 if shape.count <= 6 else 66
        _scatter(canvas, shape, rng, shape.count, size, band=(index, len(plan.shapes)), cells=cells)


# (applies, painter) in priority order: the first arrangement that applies paints the shapes
ARRANGEMENTS: tuple[tuple[Callable[[AbstractPlan], bool], Callable[[Canvas, AbstractPlan], None]], ...] = (
    (lambda p: p.arrangement == "interwoven" and p.main.name in ("ring", "circle") and len(p.shapes) == 1, _linked),
    (lambda p: p.arrangement == "interwoven" or (p.centre is not None and p.centre.name == "thread"), _woven),
    (lambda p: p.arrangement == "row", _row),
    (lambda p: p.arrangement in ("spiral", "ring") or p.related("around"), _orbit),
    (lambda p: p.main.name in ("wave", "stripe", "zigzag", "line") and p.arrangement in (None, "layered", "diagonal")
     and len(p.shapes) == 1, _bands),
    (lambda p: p.main.name in ("line", "stripe", "triangle") and p.arrangement == "radial", _rays),
    (lambda p: p.arrangement == "concentric", _concentric),
    (lambda p: p.arrangement == "grid", _grid),
    (lambda p: p.arrangement == "layered" or p.related("on"), _layered),
    (lambda p: len(p.shapes) == 1 and p.main.count <= 1, _single),
    (lambda p: True, _scattered),
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


__all__ = ["ARRANGEMENTS", "AbstractPlan", "background_for", "paint_abstract", "pts"]
