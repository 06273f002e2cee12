"""Full-canvas abstract patterns: bands (straight, wavy, zigzag, diagonal), linked rings and starbursts."""

from __future__ import annotations

import math

from ...colors import shift_lightness
from .canvas import Canvas, circle, n, polygon

PALETTE = ("#e76f51", "#2a9d8f", "#e9c46a", "#264653", "#f4a261", "#8ab17d")  # shapes with no colour named
VIVID = ("#e63946", "#f4a261", "#ffd60a", "#2a9d8f", "#3a86ff", "#8338ec")  # "colorful" shapes
PASTEL = ("#ffadad", "#ffd6a5", "#fdffb6", "#caffbf", "#9bf6ff", "#bdb2ff")  # "pastel" shapes


def color_at(shape, k: int, index: int = 0) -> str:
    """The k-th copy's colour: "orange and teal triangles" alternate their named colours."""
    if shape.colors:
        return shape.colors[k % len(shape.colors)]
    return PALETTE[index % len(PALETTE)]


def bands(canvas: Canvas, shape, diagonal: bool = False) -> None:
    """Full-width wavy (or straight, or zigzag) bands in the shape's colours, alternating; `diagonal` tilts
    them 35 degrees (drawn over a wider area so the rotated bands still reach every corner)."""
    rows, left, right, length = (range(-3, 11), -150, 534, 30) if diagonal else (range(7), -10, 394, 18)
    bands = ""
    for k in rows:
        y = 30 + k * 54
        if shape.name == "zigzag":
            d = f"M{left} {y}" + "".join(f"l24 {'-' if i % 2 else ''}24" for i in range(length))
        elif shape.name == "stripe":
            d = f"M{left} {y}H{right}"
        else:
            d = f"M{left} {y}q24 -26 48 0" + "t48 0" * (length // 2 - 1)
        bands += (f'<path d="{d}" fill="none" stroke="{color_at(shape, k % 7)}" stroke-width="24" '
                  'stroke-linecap="round"/>')
    canvas.add(f'<g transform="rotate(-35 192 192)">{bands}</g>' if diagonal else bands)


def linked_rings(canvas: Canvas, shape) -> None:
    """Interlocking rings: two rows of overlapping outlines in the shape's colours, each ring redrawn over
    half of its left neighbour so they read as linked rather than stacked."""
    count = min(max(shape.count, 5), 7)
    step, radius = 330 / count, 330 / count * 0.85
    centres = [(192 + (k - (count - 1) / 2) * step, 172 + (k % 2) * radius * 0.9) for k in range(count)]
    width = n(radius * 0.22)
    rings = [circle(x, y, radius, "none", f' stroke="{color_at(shape, k)}" stroke-width="{width}"')
             for k, (x, y) in enumerate(centres)]
    links = "".join(
        f'<path d="M{n(x - radius)} {n(y)}A{n(radius)} {n(radius)} 0 0 1 {n(x)} {n(y - radius)}" '
        f'fill="none" stroke="{color_at(shape, k)}" stroke-width="{width}"/>'
        for k, (x, y) in enumerate(centres) if k
    )
    canvas.add(*rings, links)


def rays(canvas: Canvas, shape) -> None:
    """A starburst: 16 wedges from the centre to beyond the edge, in the shape's colours (or its colour and a
    lighter tint), with a small disc hiding the point where they meet."""
    wedges = ""
    for k in range(16):
        a0, a1 = k * math.pi / 8 - 0.09, k * math.pi / 8 + 0.09
        color = color_at(shape, k) if len(shape.colors) > 1 else (
            shape.color or PALETTE[0] if k % 2 == 0 else shift_lightness(shape.color or PALETTE[0], 0.35))
        wedges += polygon([(192, 192), (192 + 300 * math.cos(a0), 192 + 300 * math.sin(a0)),
                           (192 + 300 * math.cos(a1), 192 + 300 * math.sin(a1))], color)
    canvas.add(wedges, circle(192, 192, 26, shape.color or PALETTE[0]))
