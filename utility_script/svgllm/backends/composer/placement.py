"""Subjects on the backdrop: the main one large near the centre, the others placed by their relation to it.

Each relation kind has its own placer; a placer draws the other subject and returns where the main subject
goes now (a new `Spot`), so the main subject is drawn last, in front of what supports or surrounds it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace

from . import vocab
from .canvas import Canvas, ellipse
from .lighting import shade
from .motifs import find_motif
from .objects import draw_subject, generic, surface_offset
from .scene import FrozenScene, FrozenSubject
from .shapes import shape_element

HOLDERS = {"bowl", "jar", "tank", "aquarium", "glass", "cage", "basket", "nest", "box", "bucket"}
# things that lie on the water of a lake or pond, and how far down the canvas that water is
FLOATING = {"lily_pad"}
WATER_LINE = {"lake": 312.0, "river": 330.0, "waterfall": 345.0, "ocean": 300.0}
PLANT_WORDS = ("tree", "flower", "blossom", "plant", "leaf", "rose", "tulip", "cactus")


@dataclass(frozen=True)
class Spot:
    """Where the main subject goes: centre and box size, and whether it has been drawn already."""

    cx: float
    cy: float
    size: float
    drawn: bool = False


def place_subjects(canvas: Canvas, scene: FrozenScene, horizon: float) -> None:
    """Draw the scene's subjects standing on the line `horizon` (the floor of a studio or the setting's ground)."""
    if not scene.subjects:
        return
    main = scene.main
    landscape = scene.setting is not None
    ground = min(horizon + 70, 340) if landscape else horizon + 20
    spot = _main_spot(canvas, scene, ground, 180 if landscape else 250)
    for index, other in enumerate(scene.subjects[1:], start=1):
        rel = next((r for r in scene.relations if r.target == index), None)
        placer = PLACERS[_placer_name(rel.kind if rel else "and", main, other)]
        spot = placer(canvas, scene, other, spot, ground, index)
    if not spot.drawn:
        _draw_main(canvas, scene, spot)


def _main_spot(canvas: Canvas, scene: FrozenScene, ground: float, size: float) -> Spot:
    """The main subject's spot before the others are placed: standing on the ground in the middle, or where
    its relation to the setting puts it."""
    relation = scene.relation_of(0)
    cx, cy = 192, ground - size / 2
    if relation is not None and relation.target == -1 and relation.kind == "overlooking":
        # on a headland at the left, looking out over the setting
        canvas.add(ellipse(70, ground + 20, 120, 60, shade("#6b8f4e", scene)))
        cx, cy, size = 90, ground - 10 - size * 0.6, size * 1.2
    elif relation is not None and relation.target == -1 and scene.setting == "cliff":
        cx, size = 70, size * 0.9
        cy = 172 - size / 2
    return Spot(cx, cy, size)


def _placer_name(kind: str, main: FrozenSubject, other: FrozenSubject) -> str:
    """Which placer handles `other`, related to the main subject by `kind`."""
    if kind in ("in", "inside") and other.noun in HOLDERS and _is_creature(main):
        return "held"
    if kind == "on":
        return "on"
    if kind in ("in", "inside") and other.noun in vocab.CONTAINERS:
        return "out_of"
    if kind in ("under", "below"):
        return "under"
    if kind in ("over", "above"):
        return "over"
    if kind in ("in_front", "inside", "in", "among"):
        return "in_front"
    if kind in ("behind", "around"):
        return kind
    return "beside"  # beside / and / with


def _held(canvas, scene, other, spot: Spot, ground: float, index: int) -> Spot:
    """"A goldfish in a glass bowl": the container large, the creature inside it."""
    support = spot.size * 1.2
    if not _draw(canvas, other, 192, ground - support * 0.45, support, scene):
        return spot
    cy = ground - support * 0.45 + support * (0.18 if other.noun == "bowl" else 0.0)
    return replace(spot, cy=cy, size=spot.size * 0.45)


def _on(canvas, scene, other, spot: Spot, ground: float, index: int) -> Spot:
    """The main subject rests on the other one: the support first, larger, the main one on its top surface."""
    return _supported(canvas, scene, other, spot, ground, on_top=True)


def _out_of(canvas, scene, other, spot: Spot, ground: float, index: int) -> Spot:
    """The main subject rises out of a container ("flowers in a vase"): the container first."""
    return _supported(canvas, scene, other, spot, ground, on_top=False)


def _supported(canvas, scene, other, spot: Spot, ground: float, on_top: bool) -> Spot:
    """Draw the support (a table, a vase) and put the main subject on it, or in its mouth."""
    support = min(spot.size * (1.3 if on_top else 1.0), 250.0)
    support_y = _floating_y(other, scene, ground - support * 0.3)
    if not _draw(canvas, other, 192, support_y, support, scene):
        return spot
    size = spot.size * 0.6
    top = surface_offset(other) if on_top else 0.2
    return replace(spot, cy=max(support_y - support * top - size * 0.42, size / 2 + 6), size=size)


def _under(canvas, scene, other, spot: Spot, ground: float, index: int) -> Spot:
    """The other subject hangs above, the main one stands on the ground."""
    _draw(canvas, other, 192, 100, spot.size * 0.9, scene)
    return replace(spot, cy=ground - spot.size * 0.45)


def _over(canvas, scene, other, spot: Spot, ground: float, index: int) -> Spot:
    """The other subject on the ground, the main one smaller above it."""
    _draw(canvas, other, 192, ground - spot.size * 0.3, spot.size * 0.8, scene)
    return replace(spot, cy=110, size=spot.size * 0.7)


def _in_front(canvas, scene, other, spot: Spot, ground: float, index: int) -> Spot:
    """The other subject large behind, the main one smaller in front of it."""
    _draw(canvas, other, 192, ground - spot.size * 0.6, spot.size * 1.25, scene)
    size = spot.size * 0.6
    return replace(spot, cy=ground - size / 2, size=size)


def _behind(canvas, scene, other, spot: Spot, ground: float, index: int) -> Spot:
    """The main subject large at the back, the other one smaller in front of it."""
    _draw(canvas, scene.main, 192, ground - spot.size * 0.6, spot.size * 1.1, scene)
    _draw(canvas, other, 192, ground - spot.size * 0.3, spot.size * 0.6, scene)
    return replace(spot, drawn=True)


def _around(canvas, scene, other, spot: Spot, ground: float, index: int) -> Spot:
    """The other subject in the middle, copies of the main one in a ring around it."""
    main = scene.main
    _draw(canvas, other, 192, 192, 130, scene)
    steps = max(main.count or 6, 1)
    ring = [
        (192 + 130 * math.cos(2 * math.pi * k / steps), 192 + 120 * math.sin(2 * math.pi * k / steps), 70)
        for k in range(max(main.count, 5))
    ]
    _draw(canvas, main, 0, 0, 0, scene, copies=ring)
    return replace(spot, drawn=True)


def _beside(canvas, scene, other, spot: Spot, ground: float, index: int) -> Spot:
    """Side by side: the others alternate right and left of the middle; a single one nudges the main aside."""
    x = 192 + (105 if index % 2 else -105)
    if not _draw(canvas, other, x, ground - spot.size * 0.3, spot.size * 0.6, scene):
        return spot
    cx = 192 - (60 if index % 2 else -60) if len(scene.subjects) == 2 else spot.cx
    return replace(spot, cx=cx, size=spot.size * 0.85)


Placer = Callable[[Canvas, FrozenScene, FrozenSubject, Spot, float, int], Spot]
PLACERS: dict[str, Placer] = {
    "held": _held,
    "on": _on,
    "out_of": _out_of,
    "under": _under,
    "over": _over,
    "in_front": _in_front,
    "behind": _behind,
    "around": _around,
    "beside": _beside,
}


def _draw_main(canvas: Canvas, scene: FrozenScene, spot: Spot) -> None:
    """The main subject at its spot; several of it ("three apples") in a row, or two staggered rows."""
    main = scene.main
    cx, size = spot.cx, spot.size
    cy = _floating_y(main, scene, spot.cy)
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


def _floating_y(subject: FrozenSubject, scene: FrozenScene, default: float) -> float:
    """Where to centre `subject`: on the water when it floats and the setting has water, else `default`."""
    if subject.name in FLOATING and scene.setting in WATER_LINE:
        return WATER_LINE[scene.setting]
    return default


def _draw(canvas: Canvas, subject: FrozenSubject, cx: float, cy: float, size: float, scene: FrozenScene,
          copies=None) -> bool:
    """Draw `subject` (or its `copies`); False when nothing was drawn (an unknown subject that is not the main
    one: an unknown support, "a branch", is better left out than drawn as a stand-in)."""
    if subject.kind == "shape":
        for x, y, s in copies or [(cx, cy, size)]:
            canvas.add(shape_element(canvas, subject.name, x, y, s, subject.color or "#e76f51"))
        return True
    if draw_subject(canvas, subject, cx, cy, size, copies):
        return True
    if subject is scene.main:
        for x, y, s in copies or [(cx, cy, size)]:
            generic(canvas, subject, x, y, s)
        return True
    return False


def _is_creature(subject: FrozenSubject) -> bool:
    """True for animals (they sit inside a bowl or cage; flowers stick out of a vase)."""
    motif = find_motif(subject.noun)
    return (
        motif is not None
        and motif.category == "Animals & Nature"
        and not any(word in motif.name for word in PLANT_WORDS)
    )
