"""Resolve: which painter draws a frozen scene, and the scene as that painter draws it.

The choices a painter used to make by changing the scene it was handed (the outfit moves in front of the person
wearing it, shapes take a named palette, a time of day brings a meadow, space brings the stars) are made here
once, as pure functions from one `FrozenScene` to a new one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .patterns import PASTEL, VIVID
from .scene import FrozenScene, Scene

PAINTERS = ("fashion", "abstract", "landscape", "object")
PEOPLE = {"woman", "man", "girl", "boy", "person", "child", "lady", "gentleman", "model", "kid", "people"}
SKYLINE_PARTS = {"window", "light", "streetlight", "lamp", "streetlamp"}
SKYLINE_SETTINGS = ("city", "village")


@dataclass(frozen=True)
class Layout:
    """A resolved scene: the painter that draws it and the scene exactly as that painter draws it."""

    painter: str  # one of PAINTERS
    scene: FrozenScene


def mode(scene: Scene | FrozenScene) -> str:
    """Which painter leads: "fashion", "abstract", "landscape" or "object" (a query: `scene` is not changed)."""
    main = scene.main
    if main is not None and _dressed_person(scene):
        return "fashion"  # "a woman in a red dress": the outfit is what the picture is about
    if main is not None and main.kind == "garment":
        return "fashion"
    if main is not None and main.kind == "shape" and not scene.setting:
        return "abstract"
    if scene.setting or main is None:
        return "landscape"
    return "object"


def resolve(scene: FrozenScene) -> Layout:
    """The painter for `scene` and the scene it paints (a new frozen scene; `scene` itself is unchanged)."""
    painter = mode(scene)
    if painter == "fashion":
        scene = outfit_first(scene)
    elif painter == "abstract":
        scene = palette_colours(scene)
    else:
        scene = skyline_parts_dropped(space_sky(implied_setting(scene, painter)))
    return Layout(painter, scene)


def _dressed_person(scene: Scene | FrozenScene) -> bool:
    """A person first, then a garment, and no setting: the garment is drawn, the person is an accessory."""
    return scene.main.noun in PEOPLE and any(s.kind == "garment" for s in scene.subjects) and not scene.setting


def outfit_first(scene: FrozenScene) -> FrozenScene:
    """For a dressed person, the first garment moves to the front and the relations are dropped (they were
    the person's); any other scene is returned as it is."""
    if scene.main is None or not _dressed_person(scene):
        return scene
    garment = next(s for s in scene.subjects if s.kind == "garment")
    rest = list(scene.subjects)
    rest.remove(garment)
    return replace(scene, subjects=(garment, *rest), relations=())


def palette_colours(scene: FrozenScene) -> FrozenScene:
    """"Colorful tiles", "a swirl of pastel colors": shapes with no colour of their own take the named palette,
    each starting one colour further along it."""
    palette = PASTEL if "pastel" in scene.style_words else VIVID if "colorful" in scene.style_words else None
    if palette is None:
        return scene
    shapes = [s for s in scene.subjects if s.kind == "shape"] or list(scene.subjects)
    coloured = {}
    for offset, shape in enumerate(shapes):
        if not shape.colors:
            coloured[id(shape)] = replace(shape, colors=tuple(palette[offset:] + palette[:offset]))
    return replace(scene, subjects=tuple(coloured.get(id(s), s) for s in scene.subjects))


def implied_setting(scene: FrozenScene, painter: str) -> FrozenScene:
    """An object with a time of day or weather but no setting stands in a meadow ("a red apple at sunset")."""
    if painter == "object" and not scene.setting and (scene.time or scene.weather):
        return replace(scene, setting="meadow")
    return scene


def space_sky(scene: FrozenScene) -> FrozenScene:
    """In space and on the moon it is night and the stars are out; on the moon there is no moon in the sky."""
    if scene.setting not in ("space", "lunar"):
        return scene
    celestial = scene.celestial | {"stars"}
    if scene.setting == "lunar":
        celestial -= {"moon"}
    return replace(scene, celestial=celestial, time=scene.time or "night")


def skyline_parts_dropped(scene: FrozenScene) -> FrozenScene:
    """"Glowing windows", "street lights": a city or village skyline already draws them, so they are not placed
    again as subjects (the relations keep their indices, as they always have)."""
    if scene.setting not in SKYLINE_SETTINGS:
        return scene
    return replace(scene, subjects=tuple(s for s in scene.subjects if s.noun not in SKYLINE_PARTS))
