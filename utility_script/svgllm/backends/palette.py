"""`palette`: the simplest honest drawing — the description's colours as a background and a few shapes.

It understands nothing but colour words, so it is a placeholder and the cheapest last link of the chain, not
the embedded default drawing (that is the composer). Deterministic: the same description gives the same SVG.
"""
from __future__ import annotations

import hashlib

from ..colors import find_colors, shift_lightness
from ..deadline import Deadline
from ..values import CANVAS_SIZE

_FALLBACK_COLORS = ("#4682b4", "#f4a460", "#2e8b57", "#daa520")


class PaletteBackend:
    """Background + concentric and scattered shapes coloured from the description's colour words."""

    name = "palette"

    def __init__(self, config=None):
        self.config = config

    def generate(self, description: str, deadline: Deadline | None = None) -> str:
        """Draw `description` (only its colours are used)."""
        colors = list(dict.fromkeys(mention.hex for mention in find_colors(description)))
        digest = hashlib.sha256(description.encode("utf-8", "replace")).digest()
        if not colors:
            colors = [_FALLBACK_COLORS[digest[0] % len(_FALLBACK_COLORS)]]
        background = shift_lightness(colors[0], 0.7)
        parts = [f'<rect width="{CANVAS_SIZE}" height="{CANVAS_SIZE}" fill="{background}"/>']
        for index, color in enumerate(colors[:6]):
            byte = digest[1 + index * 3 : 4 + index * 3]
            x, y, size = 64 + byte[0] % 256, 64 + byte[1] % 256, 40 + byte[2] % 80
            if index % 2 == 0:
                parts.append(f'<circle cx="{x}" cy="{y}" r="{size}" fill="{color}"/>')
            else:
                parts.append(f'<rect x="{x - size}" y="{y - size // 2}" width="{2 * size}" height="{size}" '
                             f'rx="12" fill="{color}"/>')
        return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{CANVAS_SIZE}" height="{CANVAS_SIZE}" '
                f'viewBox="0 0 {CANVAS_SIZE} {CANVAS_SIZE}">' + "".join(parts) + "</svg>")
