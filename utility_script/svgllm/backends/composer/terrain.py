"""Ground painters, one per terrain: plains, forests, mountains, water, cities, and the rest."""

from __future__ import annotations

import math

from ...colors import shift_lightness
from .canvas import SIZE, Canvas, circle, ellipse, n, path, polygon, rect
from .lighting import shade
from .scene import FrozenScene

GROUND = {
    "grass": "#5aa646",
    "snow": "#f2f6fb",
    "sand": "#e8c98a",
    "rock": "#8b7f76",
    "lava": "#d9480f",
    "mud": "#7a5a3a",
    "flowers": "#6bb24f",
}
TREE_GREEN = "#2f7d4a"
WATER_BLUE = "#2b7bbf"


def cloud(cx: float, cy: float, scale: float, fill: str, opacity: float = 1.0) -> str:
    """A cumulus cloud of overlapping circles on a flat base."""
    s = scale
    extra = f' opacity="{opacity:g}"' if opacity < 1 else ""
    return (
        f'<g fill="{fill}"{extra}>'
        + "".join(
            f'<circle cx="{n(cx + dx * s)}" cy="{n(cy + dy * s)}" r="{n(r * s)}"/>'
            for dx, dy, r in ((-34, 4, 20), (-12, -10, 26), (16, -4, 24), (38, 6, 17))
        )
        + f'<rect x="{n(cx - 52 * s)}" y="{n(cy + 2 * s)}" width="{n(104 * s)}" height="{n(21 * s)}" '
        f'rx="{n(10 * s)}"/></g>'
    )


def horizon_for(terrain: str | None) -> float:
    """Where sky meets ground for each terrain (mountains and cities leave more sky)."""
    return {
        "lunar": 270,
        "ocean": 230,
        "beach": 220,
        "mountain": 250,
        "city": 270,
        "space": SIZE,
        "sky": 330,
        "underwater": 0,
        "lake": 236,
        "desert": 250,
        "plain": 250,
        "cave": 0,
        "waterfall": 150,
    }.get(terrain or "", 255)


def paint_ground(canvas: Canvas, scene: FrozenScene, terrain: str | None, horizon: float) -> None:
    """Ground, water or skyline for `terrain`, coloured by the setting colour and ground cover."""
    painter = _TERRAINS.get(terrain or "", _plain)
    painter(canvas, scene, horizon)


def _cover_color(scene: FrozenScene, default: str) -> str:
    if scene.cover in GROUND:
        return GROUND[scene.cover]
    return default


def hills(canvas: Canvas, y: float, amplitude: float, color: str, waves: int = 2, phase: float = 0.0) -> None:
    """A band of rolling hills whose crest oscillates around `y`, filled down to the bottom edge."""
    steps = 16
    points = [
        (i * SIZE / steps, y - amplitude * (0.5 + 0.5 * math.sin(phase + i / steps * math.pi * waves)))
        for i in range(steps + 1)
    ]
    canvas.add(polygon(points + [(SIZE, SIZE), (0, SIZE)], color))


def _plain(canvas: Canvas, scene: FrozenScene, horizon: float) -> None:
    base = scene.setting_color or _cover_color(scene, "#8cbf5a")
    far, near = shade(shift_lightness(base, 0.25), scene), shade(base, scene)
    canvas.add(rect(0, horizon, SIZE, SIZE - horizon, canvas.linear([(0, far), (1, near)])))
    if scene.cover == "snow":  # soft drifts so a snow-covered field reads as snow, not as a white block
        for i in range(3):
            canvas.add(ellipse(60 + i * 140, horizon + 70 + i * 25, 110, 16, shade("#dfe8f3", scene)))
    elif scene.cover in (None, "grass", "flowers"):
        d = "".join(
            f"M{n(canvas.rng.uniform(0, SIZE))} {n(canvas.rng.uniform(horizon + 20, 380))}l3 -10l3 10"
            for _ in range(24)
        )
        canvas.add(f'<path d="{d}" fill="none" stroke="{shade(shift_lightness(base, -0.3), scene)}" stroke-width="2"/>')
    if scene.cover == "flowers":
        _flowers(canvas, horizon + 30, scene)


def _flowers(canvas: Canvas, top: float, scene: FrozenScene) -> None:
    for _ in range(14):
        x, y = canvas.rng.uniform(10, 374), canvas.rng.uniform(top, 378)
        color = canvas.rng.choice(("#ff6b9a", "#ffd43b", "#ffffff", "#c77dff"))
        canvas.add(circle(x, y, 5, shade(color, scene)), circle(x, y, 2, "#f59f00"))


def _meadow(canvas: Canvas, scene: FrozenScene, horizon: float) -> None:
    base = scene.setting_color or _cover_color(scene, "#6cb34f")
    hills(canvas, horizon, 30, shade(shift_lightness(base, 0.2), scene), 2, 0.5)
    hills(canvas, horizon + 50, 26, shade(base, scene), 3, 2.0)
    if scene.cover != "snow":
        _flowers(canvas, horizon + 60, scene)


def _hills_terrain(canvas: Canvas, scene: FrozenScene, horizon: float) -> None:
    base = scene.setting_color or _cover_color(scene, "#5fa84a")
    hills(canvas, horizon - 10, 50, shade(shift_lightness(base, 0.3), scene), 2, 0.0)
    hills(canvas, horizon + 40, 40, shade(base, scene), 2, 2.2)
    hills(canvas, horizon + 95, 24, shade(shift_lightness(base, -0.2), scene), 3, 1.0)


def conifer(x: float, base: float, height: float, color: str) -> str:
    """A fir tree of three stacked triangles on a trunk."""
    w = height * 0.42
    trunk = rect(x - height * 0.04, base - height * 0.12, height * 0.08, height * 0.12, "#5b3a29")
    tiers = "".join(
        polygon(
            [
                (x, base - height + i * height * 0.22),
                (x + w * (0.6 + i * 0.2), base - height * 0.1 - (2 - i) * height * 0.2),
                (x - w * (0.6 + i * 0.2), base - height * 0.1 - (2 - i) * height * 0.2),
            ],
            color,
        )
        for i in range(3)
    )
    return trunk + tiers


def _forest(canvas: Canvas, scene: FrozenScene, horizon: float) -> None:
    tree = scene.setting_color or TREE_GREEN
    ground = _cover_color(scene, shift_lightness(tree, -0.2) if scene.setting_color else "#3f7d3a")
    hills(canvas, horizon + 10, 40, shade(shift_lightness(tree, 0.35), scene), 2, 1.0)
    canvas.add(rect(0, horizon + 40, SIZE, SIZE - horizon - 40, shade(ground, scene)))
    rows = ((horizon + 30, 70, 0.25, 12), (horizon + 70, 100, 0.0, 9), (horizon + 130, 140, -0.25, 6))
    # one tree outline reused by <use>: the fill set on each <use> colours it (the shape has no fill itself)
    snowy = scene.cover == "snow"
    caps = '<path d="M0 -100L24 -58H14L8 -52L0 -60L-8 -52L-14 -58H-24Z" fill="#f8fbff"/>' if snowy else ""
    tid = canvas.symbol('<path d="M0 -100L24 -58H14L34 -26H20L42 6H-42L-20 -26H-34L-14 -58H-24Z"/>' + caps)
    for base, height, light, count in rows:
        color = shade(shift_lightness(tree, light), scene)
        for i in range(count):
            x = (i + 0.5) * SIZE / count + canvas.rng.uniform(-10, 10)
            s = height / 106 * canvas.rng.uniform(0.85, 1.1)
            canvas.add(
                f'<use href="#{tid}" fill="{color}" transform="translate({n(x)} '
                f'{n(base + canvas.rng.uniform(-6, 6) - 6 * s)}) scale({s:.2f})"/>'
            )


def _jungle(canvas: Canvas, scene: FrozenScene, horizon: float) -> None:
    leaf = scene.setting_color or "#2d8a3e"
    canvas.add(rect(0, horizon, SIZE, SIZE - horizon, shade("#3c6e2f", scene)))
    for row, (y, r, light) in enumerate(((horizon + 10, 40, 0.25), (horizon + 70, 50, 0.0), (horizon + 140, 60, -0.2))):
        color = shade(shift_lightness(leaf, light), scene)
        for i in range(7 - row):
            x = i * SIZE / (6 - row) + canvas.rng.uniform(-12, 12)
            canvas.add(
                rect(x - 5, y, 10, 90, shade("#6b4226", scene)),
                circle(x, y, r, color),
                circle(x + r * 0.6, y + 10, r * 0.7, color),
            )


def _mountain(canvas: Canvas, scene: FrozenScene, horizon: float) -> None:
    rock = scene.setting_color or ("#7d8aa0" if scene.cover != "lava" else "#5a3a32")
    snowy = scene.cover == "snow" or scene.time == "night" and scene.cover is None
    peaks = ((70, 120, 150, 0.3), (230, 95, 170, 0.15), (340, 140, 120, 0.25), (150, 175, 130, -0.05))
    for x, top, half, light in peaks:
        color = shade(shift_lightness(rock, light), scene)
        canvas.add(polygon([(x - half, horizon + 40), (x, top), (x + half, horizon + 40)], color))
        canvas.add(
            polygon(
                [(x, top), (x + half, horizon + 40), (x + half * 0.2, horizon + 40)],
                shade(shift_lightness(rock, light - 0.15), scene),
                ' opacity=".6"',
            )
        )
        if snowy or scene.cover is None:
            cap = 0.32 if snowy else 0.18
            sx, sy = half * cap, (horizon + 40 - top) * cap
            canvas.add(
                polygon(
                    [
                        (x, top),
                        (x + sx, top + sy),
                        (x + sx * 0.35, top + sy * 0.8),
                        (x, top + sy),
                        (x - sx * 0.4, top + sy * 0.75),
                        (x - sx, top + sy),
                    ],
                    shade("#f8fbff", scene),
                )
            )
    ground = _cover_color(scene, "#6a9a4c")
    canvas.add(rect(0, horizon + 36, SIZE, SIZE - horizon - 36, shade(shift_lightness(ground, -0.08), scene)))
    hills(canvas, horizon + 60, 18, shade(ground, scene), 2, 1.3)


def _desert(canvas: Canvas, scene: FrozenScene, horizon: float) -> None:
    sand = scene.setting_color or _cover_color(scene, "#e9c46a") if scene.cover != "sand" else "#e9c46a"
    hills(canvas, horizon, 22, shade(shift_lightness(sand, 0.2), scene), 1, 0.3)
    hills(canvas, horizon + 55, 36, shade(sand, scene), 2, 1.8)
    hills(canvas, horizon + 110, 30, shade(shift_lightness(sand, -0.15), scene), 1, 3.0)


def _canyon(canvas: Canvas, scene: FrozenScene, horizon: float) -> None:
    """Red-rock walls with strata on both sides, a far mesa and a sandy floor between them."""
    rock = scene.setting_color or "#c0623a"
    canvas.add(
        polygon(
            [(60, horizon), (110, horizon - 60), (250, horizon - 60), (300, horizon)],
            shade(shift_lightness(rock, 0.3), scene),
        )
    )
    canvas.add(polygon([(0, horizon), (SIZE, horizon), (SIZE, SIZE), (0, SIZE)], shade("#d9a066", scene)))
    for points, light in (
        (((0, 150), (90, 150), (110, 200), (140, 200), (150, SIZE), (0, SIZE)), 0.0),
        (((SIZE, 130), (280, 130), (260, 190), (230, 195), (220, SIZE), (SIZE, SIZE)), -0.15),
    ):
        canvas.add(polygon(points, shade(shift_lightness(rock, light), scene)))
    strata = "".join(
        f"M0 {y}H{92 + (y - 160) * 0.4:.0f}M{SIZE} {y - 20}H{272 - (y - 160) * 0.4:.0f}" for y in range(175, SIZE, 34)
    )
    canvas.add(
        path(strata, "none", f' stroke="{shade(shift_lightness(rock, -0.3), scene)}" stroke-width="6" opacity=".5"')
    )


def _water(canvas: Canvas, scene: FrozenScene, top: float, bottom: float, color: str) -> None:
    canvas.add(
        rect(
            0,
            top,
            SIZE,
            bottom - top,
            canvas.linear(
                [(0, shade(shift_lightness(color, 0.25), scene)), (1, shade(shift_lightness(color, -0.2), scene))]
            ),
        )
    )
    d = "".join(
        f"M{n(canvas.rng.uniform(0, 340))} {n(top + 14 + i * (bottom - top - 20) / 9)}q12 -6 24 0t24 0"
        for i in range(9)
    )
    canvas.add(
        f'<path d="{d}" fill="none" stroke="{shade(shift_lightness(color, 0.55), scene)}" '
        f'stroke-width="2.5" stroke-linecap="round" opacity=".8"/>'
    )


def _ocean(canvas: Canvas, scene: FrozenScene, horizon: float) -> None:
    _water(canvas, scene, horizon, SIZE, scene.setting_color or WATER_BLUE)


def _beach(canvas: Canvas, scene: FrozenScene, horizon: float) -> None:
    water = scene.setting_color if scene.setting_word in ("sea", "ocean", "bay") and scene.setting_color else None
    _water(canvas, scene, horizon, 300, water or "#2a9df4")
    sand = scene.setting_color if scene.setting_color and not water else "#f1d49a"
    canvas.add(path(f"M0 290Q96 270 192 288T{SIZE} 282V{SIZE}H0Z", shade(sand, scene)))
    canvas.add(path(f"M0 290Q96 270 192 288T{SIZE} 282", "none", ' stroke="#ffffff" stroke-width="5" opacity=".8"'))


def _lake(canvas: Canvas, scene: FrozenScene, horizon: float) -> None:
    hills(canvas, horizon, 26, shade("#6fae5a", scene), 2, 0.8)
    canvas.add(rect(0, horizon + 10, SIZE, SIZE - horizon, shade(_cover_color(scene, "#69a64f"), scene)))
    color = scene.setting_color or "#3c8dbc"
    canvas.add(
        ellipse(
            192,
            318,
            190,
            60,
            canvas.linear(
                [(0, shade(shift_lightness(color, 0.2), scene)), (1, shade(shift_lightness(color, -0.15), scene))]
            ),
        )
    )
    canvas.add(
        path(
            "M80 310q14 -5 28 0M220 330q14 -5 28 0M150 345q14 -5 28 0",
            "none",
            f' stroke="{shift_lightness(color, 0.6)}" stroke-width="3" stroke-linecap="round"',
        )
    )


def _river(canvas: Canvas, scene: FrozenScene, horizon: float) -> None:
    _meadow(canvas, scene, horizon) if scene.setting_color is None else canvas.add(
        rect(0, horizon, SIZE, SIZE - horizon, shade("#69a64f", scene))
    )
    color = scene.setting_color or "#3f8fd2"
    canvas.add(
        path(f"M180 {n(horizon)}Q150 300 230 330T170 {SIZE}H300Q260 340 290 300T200 {n(horizon)}Z", shade(color, scene))
    )


def _waterfall(canvas: Canvas, scene: FrozenScene, horizon: float) -> None:
    """Water falling from a rock ledge between two cliffs into a foaming pool."""
    _hills_terrain(canvas, scene, horizon)
    rock, water, grass = shade("#7d7168", scene), scene.setting_color or "#4aa3df", shade("#5f9e45", scene)
    canvas.add(
        polygon([(96, horizon - 6), (288, horizon - 6), (300, 312), (84, 312)], shift_lightness(rock, -0.12)),
        polygon([(0, horizon - 20), (112, horizon - 12), (142, 318), (0, 344)], rock),
        polygon([(SIZE, horizon - 24), (272, horizon - 10), (244, 318), (SIZE, 340)], rock),
        polygon([(0, horizon - 20), (112, horizon - 12), (108, horizon + 2), (0, horizon - 4)], grass),
        polygon([(SIZE, horizon - 24), (272, horizon - 10), (276, horizon + 4), (SIZE, horizon - 8)], grass),
        rect(0, 330, SIZE, SIZE - 330, shade("#69a64f", scene)),
        ellipse(192, 338, 172, 40, shade(shift_lightness(water, -0.1), scene)),
        path(f"M142 {n(horizon - 8)}H242L236 322H148Z", shade(water, scene)),
    )
    streaks = "".join(f"M{x} {n(horizon)}V{310 - (x % 3) * 14}" for x in range(156, 236, 12))
    canvas.add(
        path(streaks, "none", f' stroke="{shade(shift_lightness(water, 0.55), scene)}" stroke-width="3" opacity=".8"'),
        ellipse(192, 322, 70, 14, shade("#f1f8ff", scene)),
        ellipse(150, 328, 26, 9, shade("#f1f8ff", scene)),
        ellipse(236, 328, 26, 9, shade("#f1f8ff", scene)),
    )


def _city(canvas: Canvas, scene: FrozenScene, horizon: float) -> None:
    rng = canvas.rng
    night = scene.time in ("night", "dusk")
    base = scene.setting_color or "#4b5d78"
    x = -6
    while x < SIZE:
        width, height = rng.uniform(34, 60), rng.uniform(70, 190)
        color = shade(shift_lightness(base, rng.uniform(-0.2, 0.3)), scene)
        canvas.add(rect(x, horizon - height, width - 3, height + 10, color))
        window = "#ffd86b" if night else "#cfe6f7"
        d = "".join(
            f"M{n(x + 7 + c * 12)} {n(horizon - height + 12 + r * 18)}h6v9h-6z"
            for r in range(int(height // 18) - 1)
            for c in range(int((width - 10) // 12))
            if rng.random() < (0.55 if night else 0.8)
        )
        if d:
            canvas.add(path(d, window))
        x += width
    canvas.add(rect(0, horizon, SIZE, SIZE - horizon, shade("#3d4452", scene)))
    lane = ' stroke="#f2d36b" stroke-width="4" stroke-dasharray="22 16"'
    canvas.add(path(f"M0 {n(horizon + 57)}h{SIZE}", "none", lane))


def _village(canvas: Canvas, scene: FrozenScene, horizon: float) -> None:
    _meadow(canvas, scene, horizon)
    for i, x in enumerate((60, 150, 250, 330)):
        y = horizon + 20 + (i % 2) * 16
        wall = shade(("#f4e1c1", "#e8c39e", "#f7f3e8", "#e4b98c")[i], scene)
        canvas.add(
            rect(x - 24, y, 48, 36, wall),
            polygon([(x - 30, y), (x, y - 26), (x + 30, y)], shade("#b5452d", scene)),
            rect(x - 6, y + 16, 12, 20, shade("#6b4226", scene)),
        )


def _island(canvas: Canvas, scene: FrozenScene, horizon: float) -> None:
    _ocean(canvas, scene, horizon)
    canvas.add(
        ellipse(192, horizon + 70, 120, 36, shade("#f1d49a", scene)),
        ellipse(192, horizon + 58, 80, 24, shade("#6cb34f", scene)),
    )


def _snowfield(canvas: Canvas, scene: FrozenScene, horizon: float) -> None:
    ice = scene.setting_color or "#dcefff"
    canvas.add(rect(0, horizon, SIZE, SIZE - horizon, shade(ice, scene)))
    canvas.add(
        polygon([(40, horizon), (90, horizon - 70), (150, horizon)], shade("#bfe0fa", scene)),
        polygon([(220, horizon), (290, horizon - 95), (350, horizon)], shade("#a9d3f5", scene)),
    )


def _volcano(canvas: Canvas, scene: FrozenScene, horizon: float) -> None:
    rock = scene.setting_color or "#5a4a4a"
    canvas.add(polygon([(20, horizon + 60), (160, 120), (224, 120), (364, horizon + 60)], shade(rock, scene)))
    canvas.add(polygon([(160, 120), (224, 120), (210, 170), (196, 150), (180, 185)], "#ff6a1a"))
    canvas.add(cloud(192, 80, 1.1, "#8a8a8a", 0.8))
    canvas.add(rect(0, horizon + 50, SIZE, SIZE, shade("#3d3535", scene)))


def _space(canvas: Canvas, scene: FrozenScene, horizon: float) -> None:
    color = scene.setting_color or "#7b5ea7"
    canvas.add(circle(90, 290, 60, canvas.radial([(0, shift_lightness(color, 0.3)), (1, color)], 0.35, 0.35, 0.7)))
    canvas.add(ellipse(90, 290, 95, 16, "none", f' stroke="{shift_lightness(color, 0.5)}" stroke-width="6"'))


def _underwater(canvas: Canvas, scene: FrozenScene, horizon: float) -> None:
    color = scene.setting_color or "#1b6fa8"
    canvas.add(
        rect(0, 0, SIZE, SIZE, canvas.linear([(0, shift_lightness(color, 0.3)), (1, shift_lightness(color, -0.4))]))
    )
    canvas.add(path(f"M0 340Q100 320 200 340T{SIZE} 335V{SIZE}H0Z", "#d8c08a"))
    for x in (40, 330, 360):
        canvas.add(
            path(f"M{x} {SIZE}q-14 -40 0 -80t0 -80", "none",
                 ' stroke="#2f9e44" stroke-width="8" stroke-linecap="round"')
        )


def _cave(canvas: Canvas, scene: FrozenScene, horizon: float) -> None:
    canvas.add(
        rect(0, 0, SIZE, SIZE, "#2a2420"),
        path(f"M40 {SIZE}Q40 90 192 80T344 {SIZE}Z", canvas.linear([(0, "#8fb3d9"), (1, "#d9c7a3")])),
    )


def _cliff(canvas: Canvas, scene: FrozenScene, horizon: float) -> None:
    _ocean(canvas, scene, horizon)
    canvas.add(
        polygon([(0, 170), (120, 175), (150, 230), (170, SIZE), (0, SIZE)], shade("#8a7a66", scene)),
        polygon([(0, 165), (125, 170), (118, 182), (0, 180)], shade("#6cb34f", scene)),
    )


def _road(canvas: Canvas, scene: FrozenScene, horizon: float) -> None:
    _meadow(canvas, scene, horizon) if scene.cover != "snow" else _plain(canvas, scene, horizon)
    canvas.add(
        polygon(
            [(176, horizon), (208, horizon), (330, SIZE), (54, SIZE)], shade(scene.setting_color or "#5c5f66", scene)
        )
    )
    canvas.add(
        polygon(
            [(190, horizon + 8), (194, horizon + 8), (198, SIZE), (186, SIZE)], shade("#f1f3f5", scene), ' opacity=".8"'
        )
    )


def _lunar(canvas: Canvas, scene: FrozenScene, horizon: float) -> None:
    grey = scene.setting_color or "#b8b8c0"
    canvas.add(
        circle(300, 80, 34, canvas.radial([(0, "#6fb7ff"), (0.7, "#2f6fd0"), (1, "#1d3f8a")], 0.4, 0.4, 0.6)),
        ellipse(292, 72, 12, 8, "#5cb85c"),
    )
    ridge = f"M0 {n(horizon)}Q120 {n(horizon - 24)} 220 {n(horizon - 6)}T{SIZE} {n(horizon - 12)}V{SIZE}H0Z"
    canvas.add(path(ridge, grey))
    for x, y, r in ((70, horizon + 50, 26), (250, horizon + 80, 34), (160, horizon + 20, 14), (330, horizon + 30, 16)):
        canvas.add(
            ellipse(x, y, r, r * 0.35, shift_lightness(grey, -0.25)),
            ellipse(x, y - r * 0.06, r * 0.8, r * 0.25, shift_lightness(grey, -0.1)),
        )


_TERRAINS = {
    "road": _road,
    "lunar": _lunar,
    "plain": _plain,
    "meadow": _meadow,
    "hills": _hills_terrain,
    "forest": _forest,
    "jungle": _jungle,
    "mountain": _mountain,
    "desert": _desert,
    "canyon": _canyon,
    "ocean": _ocean,
    "beach": _beach,
    "lake": _lake,
    "river": _river,
    "waterfall": _waterfall,
    "city": _city,
    "village": _village,
    "island": _island,
    "snowfield": _snowfield,
    "volcano": _volcano,
    "space": _space,
    "underwater": _underwater,
    "cave": _cave,
    "cliff": _cliff,
}
