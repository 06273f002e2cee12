"""How the time of day lights the scene: a dimming factor and the colour cast applied to the ground."""

from __future__ import annotations

from ...colors import luminance, mix
from .scene import FrozenScene


def darkness(scene: FrozenScene) -> float:
    """0 for broad daylight, 1 for night: how much the ground and objects are dimmed."""
    return {"night": 0.62, "dusk": 0.35, "sunset": 0.2, "dawn": 0.25, "sunrise": 0.1}.get(scene.time or "", 0.0)


def shade(color: str, scene: FrozenScene) -> str:
    """`color` as lit by the scene's time of day (night keeps a blue cast, dusk a violet one)."""
    amount = darkness(scene)
    if not amount:
        return color
    if luminance(color) > 0.88:  # snow and ice catch the moonlight: keep them clearly white
        amount *= 0.45
    tint = {"night": "#0b1640", "dusk": "#3a2a5c"}.get(scene.time or "", "#40304a")
    return mix(color, tint, amount * 0.75)
