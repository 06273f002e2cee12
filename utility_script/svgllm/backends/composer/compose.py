"""Scene -> SVG: choose the painter (landscape, abstract, fashion, object) and lay the subjects out."""

from __future__ import annotations

from ...colors import luminance, mix, shift_lightness
from .abstract import paint_abstract
from .canvas import SIZE, Canvas, ellipse, rect
from .fashion import paint_fashion
from .landscape import paint_landscape
from .lighting import shade
from .objects import draw_subject, generic, surface_offset
from .parse import parse
from .scene import Scene, Subject
from .terrain import GROUND
from .vocab import CONTAINERS

SKYLINE_PARTS = {"window", "light", "streetlight", "lamp", "streetlamp"}
HOLDERS = {"bowl", "jar", "tank", "aquarium", "glass", "cage", "basket", "nest", "box", "bucket"}

# stay under the competition's 10,000 bytes with room for a sanitiser's small additions
BUDGET_BYTES = 9_600


def compose(description: str, budget: int = BUDGET_BYTES, variant: int = 0) -> str:
    """Draw `description` as a competition-valid SVG string (deterministic for a given text and variant).

    `variant` 0 is the default drawing; other values reseed the random parts (scatter, jitter, stars) so
    best-of-N selection has alternatives to choose from. Painters without random parts give the same SVG.
    """
    return draw(parse(description), budget, variant)


PEOPLE = {"woman", "man", "girl", "boy", "person", "child", "lady", "gentleman", "model", "kid", "people"}


def mode(scene: Scene) -> str:
    """Which painter leads: "fashion", "abstract", "landscape" or "object"."""
    main = scene.main
    garments = [s for s in scene.subjects if s.kind == "garment"]
    if main is not None and main.noun in PEOPLE and garments and not scene.setting:
        # "a woman in a red dress": the outfit is what the picture is about; the person becomes an accessory
        scene.subjects.remove(garments[0])
        scene.subjects.insert(0, garments[0])
        scene.relations.clear()
        return "fashion"
    if main is not None and main.kind == "garment":
        return "fashion"
    if main is not None and main.kind == "shape" and not scene.setting:
        return "abstract"
    if scene.setting or main is None:
        return "landscape"
    return "object"


def draw(scene: Scene, budget: int = BUDGET_BYTES, variant: int = 0) -> str:
    """Paint a parsed scene, within `budget` bytes; `variant` != 0 reseeds the randomness (see `compose`)."""
    # variant 0 keeps the historical seed (the description) so default drawings do not change
    canvas = Canvas(scene.description if not variant else f"{scene.description}\x00variant {variant}")
    kind = mode(scene)
    if kind == "fashion":
        paint_fashion(canvas, scene)
    elif kind == "abstract":
        paint_abstract(canvas, scene)
    else:
        if kind == "landscape" or scene.time or scene.weather or scene.celestial:
            if not scene.setting and kind == "object":
                scene.setting = "meadow" if scene.time or scene.weather else None
            horizon = paint_landscape(canvas, scene) if scene.setting or kind == "landscape" else None
        else:
            horizon = None
        if horizon is None:
            horizon = _studio(canvas, scene)
        if scene.setting_items and scene.setting:
            _setting_items(canvas, scene, horizon)
        _place_subjects(canvas, scene, horizon)
    return fit(canvas, budget)


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


def _studio(canvas: Canvas, scene: Scene) -> float:
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


def _place_subjects(canvas: Canvas, scene: Scene, horizon: float) -> None:
    """Main subject large near the centre; others placed by their relation to it."""
    if scene.setting in ("city", "village"):  # "glowing windows", "street lights" are already in the skyline
        scene.subjects = [s for s in scene.subjects if s.noun not in SKYLINE_PARTS] or []
    subjects = scene.subjects
    if not subjects:
        return
    main = subjects[0]
    landscape = scene.setting is not None
    ground = min(horizon + 70, 340) if landscape else horizon + 20
    size = 180 if landscape else 250
    relation = scene.relation_of(0)
    cx, cy = 192, ground - size / 2
    if relation is not None and relation.target == -1 and relation.kind == "overlooking":
        # on a headland at the left, looking out over the setting
        canvas.add(ellipse(70, ground + 20, 120, 60, shade("#6b8f4e", scene)))
        cx, cy, size = 90, ground - 10 - size * 0.6, size * 1.2
    elif relation is not None and relation.target == -1 and scene.setting == "cliff":
        cx, size = 70, size * 0.9
        cy = 172 - size / 2
    others = [(i, s) for i, s in enumerate(subjects[1:], start=1)]
    placed_main = False
    for index, other in others:
        rel = next((r for r in scene.relations if r.target == index), None)
        kind = rel.kind if rel else "and"
        if kind in ("in", "inside") and other.noun in HOLDERS and _is_creature(main):
            # "a goldfish in a glass bowl": the container large, the creature inside it
            support = size * 1.2
            if _draw(canvas, other, 192, ground - support * 0.45, support, scene):
                size *= 0.45
                cy = ground - support * 0.45 + support * (0.18 if other.noun == "bowl" else 0.0)
        elif kind == "on" or (kind in ("in", "inside") and other.noun in CONTAINERS):
            # the main subject rests on (or rises out of) the other one: draw the support first, larger
            support = min(size * (1.3 if kind == "on" else 1.0), 250.0)
            support_y = _floating_y(other, scene, ground - support * 0.3)
            if _draw(canvas, other, 192, support_y, support, scene):
                size *= 0.6
                top = surface_offset(other) if kind == "on" else 0.2
                cy = max(support_y - support * top - size * 0.42, size / 2 + 6)
        elif kind in ("under", "below"):
            _draw(canvas, other, 192, 100, size * 0.9, scene)
            cy = ground - size * 0.45
        elif kind in ("over", "above"):
            _draw(canvas, other, 192, ground - size * 0.3, size * 0.8, scene)
            cy = 110
            size *= 0.7
        elif kind in ("in_front", "inside", "in", "among"):
            _draw(canvas, other, 192, ground - size * 0.6, size * 1.25, scene)
            size *= 0.6
            cy = ground - size / 2
        elif kind == "behind":
            _draw(canvas, main, 192, ground - size * 0.6, size * 1.1, scene)
            placed_main = True
            _draw(canvas, other, 192, ground - size * 0.3, size * 0.6, scene)
        elif kind == "around":
            placed_main = True
            _draw(canvas, other, 192, 192, 130, scene)
            ring = [
                (192 + 130 * _cos(k, main.count or 6), 192 + 120 * _sin(k, main.count or 6), 70)
                for k in range(max(main.count, 5))
            ]
            _draw(canvas, main, 0, 0, 0, scene, copies=ring)
        else:  # beside / and / with: side by side
            slot = 1 + (len([o for o in others if o[0] < index]))
            x = 192 + (105 if slot % 2 else -105)
            if _draw(canvas, other, x, ground - size * 0.3, size * 0.6, scene):
                cx = 192 - (60 if slot % 2 else -60) if len(others) == 1 else cx
                size *= 0.85
    if not placed_main:
        cy = _floating_y(main, scene, cy)
        copies = None
        if main.count > 1:
            count = min(main.count, 9)
            each = size * (0.62 if count <= 3 else 0.45)
            copies = [
                (
                    cx + (k - (count - 1) / 2) * each * 0.95 * (1 if count <= 4 else 0.6),
                    cy + (0 if count <= 4 else (k % 2) * each * 0.6 - each * 0.3),
                    each,
                )
                for k in range(count)
            ]
        _draw(canvas, main, cx, cy, size, scene, copies=copies)


# things that lie on the water of a lake or pond, and how far down the canvas that water is
FLOATING = {"lily_pad"}
WATER_LINE = {"lake": 312.0, "river": 330.0, "waterfall": 345.0, "ocean": 300.0}


def _floating_y(subject: Subject, scene: Scene, default: float) -> float:
    """Where to centre `subject`: on the water when it floats and the setting has water, else `default`."""
    if subject.name in FLOATING and scene.setting in WATER_LINE:
        return WATER_LINE[scene.setting]
    return default


def _draw(
    canvas: Canvas, subject: Subject, cx: float, cy: float, size: float, scene: Scene, copies=None, main: bool = False
) -> bool:
    if subject.kind == "shape":
        from .abstract import shape_element

        for x, y, s in copies or [(cx, cy, size)]:
            canvas.add(shape_element(canvas, subject.name, x, y, s, subject.color or "#e76f51"))
        return True
    if draw_subject(canvas, subject, cx, cy, size, copies):
        return True
    if main or subject is scene.main:
        # only the main subject gets a stand-in: an unknown support ("a branch") is better left out
        for x, y, s in copies or [(cx, cy, size)]:
            generic(canvas, subject, x, y, s)
        return True
    return False


def _is_creature(subject: Subject) -> bool:
    """True for animals (they sit inside a bowl or cage; flowers stick out of a vase)."""
    from .motifs import find_motif

    motif = find_motif(subject.noun)
    return (
        motif is not None
        and motif.category == "Animals & Nature"
        and not any(
            word in motif.name for word in ("tree", "flower", "blossom", "plant", "leaf", "rose", "tulip", "cactus")
        )
    )


def _setting_items(canvas: Canvas, scene: Scene, horizon: float) -> None:
    """ "A sunflower field": small copies of the item dotted over the ground, smaller towards the horizon."""
    for word in scene.setting_items[:2]:
        item = Subject(noun=word, kind="object", name=word)
        spots = []
        for row, (y, size, count) in enumerate(((horizon + 40, 34, 7), (horizon + 85, 52, 5), (356, 74, 4))):
            if y > 372:
                continue
            for k in range(count):
                spots.append((SIZE * (k + 0.5 + 0.3 * (row % 2)) / count, min(y, 350), size))
        draw_subject(canvas, item, 0, 0, 0, copies=spots)


def _cos(k: int, count: int) -> float:
    import math

    return math.cos(2 * math.pi * k / max(count, 1))


def _sin(k: int, count: int) -> float:
    import math

    return math.sin(2 * math.pi * k / max(count, 1))
