"""Garment paint: fabric patterns as <pattern> tiles, material textures, and the colour a material implies."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ...colors import luminance, shift_lightness
from .canvas import Canvas, circle, ellipse, path, rect
from .scene import FrozenSubject

# a material implies a colour when none is named ("a leather jacket" is brown, "a straw hat" is tan)
MATERIAL_COLORS = {
    "leather": "#8b5a2b",
    "denim": "#3b6db3",
    "straw": "#e0bf6e",
    "fur": "#d9c7ad",
    "wool": "#8d8d8d",
    "corduroy": "#a0522d",
    "gold": "#d4af37",
    "silver": "#c0c0c0",
    "bronze": "#cd7f32",
    "velvet": "#7b1e3a",
    "cotton": "#f1f3f5",
    "silk": "#d6336c",
}
SHEEN = {"silk": 0.5, "leather": 0.5, "metal": 0.5, "silver": 0.5, "gold": 0.5,  # how far the highlight lightens
         "velvet": 0.2, "nylon": 0.2, "glass": 0.2, "bronze": 0.2}


def garment_color(subject: FrozenSubject) -> str:
    """The garment's main colour: named, implied by its material, or a friendly blue."""
    return subject.color or MATERIAL_COLORS.get(subject.material or "", "#5c7cfa")


@dataclass(frozen=True)
class Cloth:
    """The colours a fabric is woven from: the base, a second colour if one was named, a shade and a light."""

    base: str
    second: str | None
    dark: str
    light: str
    material: str | None


def fabric(canvas: Canvas, subject: FrozenSubject) -> str:
    """The garment's paint: a pattern when it has one, a material texture, or a soft shaded fill."""
    base = garment_color(subject)
    cloth = Cloth(base, subject.colors[1] if len(subject.colors) > 1 else None, shift_lightness(base, -0.3),
                  shift_lightness(base, 0.35), subject.material)
    weave = PATTERNS.get(subject.pattern) or TEXTURES.get(subject.material) or _plain
    return weave(canvas, cloth)


def _checkered(canvas: Canvas, c: Cloth) -> str:
    other = c.second or ("#ffffff" if luminance(c.base) < 0.5 else "#222222")
    return canvas.pattern(36, 36, rect(0, 0, 36, 36, c.base) + rect(0, 0, 18, 18, other) + rect(18, 18, 18, 18, other))


def _plaid(canvas: Canvas, c: Cloth) -> str:
    other = c.second or shift_lightness(c.base, -0.45)
    return canvas.pattern(
        48,
        48,
        rect(0, 0, 48, 48, c.base)
        + rect(0, 14, 48, 12, other, ' opacity=".55"')
        + rect(14, 0, 12, 48, other, ' opacity=".55"')
        + rect(0, 36, 48, 3, "#f8f9fa", ' opacity=".6"')
        + rect(36, 0, 3, 48, "#f8f9fa", ' opacity=".6"'),
    )


def _striped(canvas: Canvas, c: Cloth) -> str:
    other = c.second or ("#ffffff" if luminance(c.base) < 0.55 else "#1d3557")
    return canvas.pattern(28, 28, rect(0, 0, 28, 28, c.base) + rect(0, 0, 10, 28, other))


def _dotted(canvas: Canvas, c: Cloth) -> str:
    other = c.second or ("#ffffff" if luminance(c.base) < 0.55 else "#222222")
    return canvas.pattern(34, 34, rect(0, 0, 34, 34, c.base) + circle(9, 9, 5, other) + circle(26, 26, 5, other))


def _floral(canvas: Canvas, c: Cloth) -> str:
    other = c.second or ("#ffd6e0" if luminance(c.base) < 0.55 else "#c9184a")
    petals = "".join(circle(17 + dx, 17 + dy, 4, other) for dx, dy in ((0, -6), (6, 0), (0, 6), (-6, 0)))
    return canvas.pattern(36, 36, rect(0, 0, 36, 36, c.base) + petals + circle(17, 17, 3, "#ffd43b"))


def _zigzag(canvas: Canvas, c: Cloth) -> str:
    zig = path("M0 14L8 6L16 14L24 6L32 14", "none", f' stroke="{c.second or c.light}" stroke-width="4"')
    return canvas.pattern(32, 20, rect(0, 0, 32, 20, c.base) + zig)


def _diamond(canvas: Canvas, c: Cloth) -> str:
    return canvas.pattern(40, 40, rect(0, 0, 40, 40, c.base) + path("M20 2L38 20L20 38L2 20Z", c.second or c.light))


def _camo(canvas: Canvas, c: Cloth) -> str:
    return canvas.pattern(
        80,
        80,
        rect(0, 0, 80, 80, c.base)
        + ellipse(20, 20, 18, 10, c.dark)
        + ellipse(60, 50, 20, 12, c.light)
        + ellipse(30, 65, 14, 9, shift_lightness(c.base, -0.5)),
    )


def _ribbed(canvas: Canvas, c: Cloth) -> str:
    """Corduroy wales (also "ribbed" knits)."""
    return canvas.pattern(
        10,
        10,
        rect(0, 0, 10, 10, c.base)
        + rect(0, 0, 3, 10, c.dark, ' opacity=".55"')
        + rect(6, 0, 2, 10, c.light, ' opacity=".35"'),
    )


def _denim(canvas: Canvas, c: Cloth) -> str:
    twill = path("M0 8L8 0", "none", f' stroke="{c.light}" stroke-width="1.5" opacity=".5"')
    return canvas.pattern(8, 8, rect(0, 0, 8, 8, c.base) + twill)


def _straw(canvas: Canvas, c: Cloth) -> str:
    weave = path("M0 5H12M5 0V12", "none", f' stroke="{c.dark}" stroke-width="1.4" opacity=".35"')
    return canvas.pattern(12, 12, rect(0, 0, 12, 12, c.base) + weave)


def _knit(canvas: Canvas, c: Cloth) -> str:
    knit = path("M2 2L7 9L12 2", "none", f' stroke="{c.dark}" stroke-width="1.6" opacity=".45"')
    return canvas.pattern(14, 12, rect(0, 0, 14, 12, c.base) + knit)


def _sequin(canvas: Canvas, c: Cloth) -> str:
    scales = circle(7, 7, 3.5, c.light) + circle(7, 7, 1.5, "#ffffff")
    return canvas.pattern(14, 14, rect(0, 0, 14, 14, c.base) + scales)


def _sheen(canvas: Canvas, c: Cloth) -> str:
    """Silk, leather, metals: a diagonal highlight across the fill."""
    highlight = shift_lightness(c.base, SHEEN[c.material])
    return canvas.linear([(0, c.dark), (0.35, c.base), (0.5, highlight), (0.65, c.base), (1, c.dark)], x2=1, y2=0.6)


def _plain(canvas: Canvas, c: Cloth) -> str:
    """No pattern or texture: a soft diagonal shading."""
    return canvas.linear([(0, shift_lightness(c.base, 0.12)), (1, shift_lightness(c.base, -0.12))], x2=1, y2=1)


Weave = Callable[[Canvas, Cloth], str]
# a named pattern wins over the material's texture
PATTERNS: dict[str | None, Weave] = {
    "checkered": _checkered, "plaid": _plaid, "striped": _striped, "dotted": _dotted, "floral": _floral,
    "zigzag": _zigzag, "diamond": _diamond, "camo": _camo, "ribbed": _ribbed,
}
TEXTURES: dict[str | None, Weave] = {
    "corduroy": _ribbed, "denim": _denim, "straw": _straw, "wool": _knit, "knit": _knit, "sequin": _sequin,
    **{material: _sheen for material in SHEEN},
}
