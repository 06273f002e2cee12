"""Description -> SVG, one way through: parse -> freeze -> resolve (layout) -> paint -> fit the byte budget.

`parse` reads the description into a `Scene`; `scene.freeze` makes it a `FrozenScene`; `layout.resolve` picks the
painter and returns the scene as that painter draws it; the painter (landscape, abstract, fashion, or an object
on a backdrop) writes onto a `Canvas`; `fit` serialises the canvas within the byte budget. No step changes the
data it was given.
"""

from __future__ import annotations

from ...colors import luminance, mix, shift_lightness
from .abstract import paint_abstract
from .canvas import SIZE, Canvas, rect
from .fashion import paint_fashion
from .landscape import paint_landscape
from .layout import mode, resolve
from .objects import draw_subject
from .parse import parse
from .placement import place_subjects
from .scene import FrozenScene, FrozenSubject, Scene, freeze
from .terrain import GROUND

__all__ = ["BUDGET_BYTES", "compose", "draw", "fit", "mode"]

# stay under the competition's 10,000 bytes with room for a sanitiser's small additions
BUDGET_BYTES = 9_600


def compose(description: str, budget: int = BUDGET_BYTES, variant: int = 0) -> str:
    """Draw `description` as a competition-valid SVG string (deterministic for a given text and variant).

    `variant` 0 is the default drawing; other values reseed the random parts (scatter, jitter, stars) so
    best-of-N selection has alternatives to choose from. Painters without random parts give the same SVG.
    """
    return draw(parse(description), budget, variant)


def draw(scene: Scene | FrozenScene, budget: int = BUDGET_BYTES, variant: int = 0) -> str:
    """Paint a parsed scene, within `budget` bytes; `variant` != 0 reseeds the randomness (see `compose`).

    `scene` may be the parser's `Scene` or a `FrozenScene`; it is not changed.
    """
    layout = resolve(freeze(scene))
    scene = layout.scene
    # variant 0 keeps the historical seed (the description) so default drawings do not change
    canvas = Canvas(scene.description if not variant else f"{scene.description}\x00variant {variant}")
    if layout.painter == "fashion":
        paint_fashion(canvas, scene)
    elif layout.painter == "abstract":
        paint_abstract(canvas, scene)
    else:
        paint_with_backdrop(canvas, scene, landscape=layout.painter == "landscape")
    return fit(canvas, budget)


def paint_with_backdrop(canvas: Canvas, scene: FrozenScene, landscape: bool) -> None:
    """The setting (or a studio backdrop when there is none), the items dotted over it, then the subjects."""
    horizon = paint_landscape(canvas, scene) if scene.setting or landscape else None
    if horizon is None:
        horizon = _studio(canvas, scene)
    if scene.setting_items and scene.setting:
        _setting_items(canvas, scene, horizon)
    place_subjects(canvas, scene, horizon)


def fit(canvas: Canvas, budget: int) -> str:
    """The canvas as SVG, dropping its largest decorative parts (never the background) until it fits."""
    svg = canvas.svg()
    while len(svg.encode("utf-8")) > budget and len(canvas.parts) > 1:
        largest = max(range(1, len(canvas.parts)), key=lambda i: len(canvas.parts[i]))
        del canvas.parts[largest]
        svg = canvas.svg()
    if len(svg.encode("utf-8")) > budget:  # only defs left to blame: keep the background, drop the rest
        canvas.defs.clear()
        canvas.parts[:] = [f'<rect width="{SIZE}" height="{SIZE}" fill="#dfe7ee"/>']
        svg = canvas.svg()
    return svg


def _studio(canvas: Canvas, scene: FrozenScene) -> float:
    """A soft backdrop with a floor for a subject without a setting; returns the floor line."""
    main = scene.main
    color = main.color if main and main.color else "#f4a261"
    light = luminance(color) > 0.72
    wall = mix(color, "#1d2b3a", 0.78) if light else mix(shift_lightness(color, 0.85), "#fdf8ef", 0.5)
    if scene.background_color:
        wall = scene.background_color
    floor = shift_lightness(wall, -0.12) if not light else shift_lightness(wall, 0.1)
    if scene.cover in GROUND:  # "sunglasses on the sand", "a sled in the snow": the floor is that ground
        floor = GROUND[scene.cover]
    canvas.add(rect(0, 0, SIZE, SIZE, canvas.radial([(0, shift_lightness(wall, 0.25)), (1, wall)], 0.5, 0.4, 0.75)))
    canvas.add(rect(0, 292, SIZE, 92, floor))
    return 292.0


def _setting_items(canvas: Canvas, scene: FrozenScene, horizon: float) -> None:
    """ "A sunflower field": small copies of the item dotted over the ground, smaller towards the horizon."""
    for word in scene.setting_items[:2]:
        item = FrozenSubject(noun=word, kind="object", name=word)
        spots = []
        for row, (y, size, count) in enumerate(((horizon + 40, 34, 7), (horizon + 85, 52, 5), (356, 74, 4))):
            if y > 372:
                continue
            for k in range(count):
                spots.append((SIZE * (k + 0.5 + 0.3 * (row % 2)) / count, min(y, 350), size))
        draw_subject(canvas, item, 0, 0, 0, copies=spots)
