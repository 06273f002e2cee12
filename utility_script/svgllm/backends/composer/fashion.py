"""Fashion: garments drawn flat-lay, filled by colour, fabric pattern (<pattern>) and material texture."""

from __future__ import annotations

from ...colors import luminance, shift_lightness
from .canvas import SIZE, Canvas, circle, ellipse, n, path, rect
from .details import fringe, paint_details
from .fabrics import MATERIAL_COLORS, fabric, garment_color
from .objects import draw_subject
from .scene import FrozenScene, FrozenSubject

# garment -> outline path in the SIZE x SIZE canvas (flat lay, centred)
OUTLINES = {
    "coat": "M150 58L234 58L292 86L326 262L290 272L268 150L274 346L110 346L116 150L94 272L58 262L92 86Z",
    "jacket": "M150 70L234 70L292 96L324 250L290 258L268 160L272 296L112 296L116 160L94 258L60 250L92 96Z",
    "shirt": "M152 70L232 70L292 96L318 210L284 220L266 150L270 310L114 310L118 150L100 220L66 210L92 96Z",
    "sweater": "M152 70L232 70L292 96L320 250L286 258L266 150L270 306L114 306L118 150L98 258L64 250L92 96Z",
    "tshirt": "M150 76L234 76L300 104L324 156L282 170L268 150L270 310L114 310L116 150L102 170L60 156L84 104Z",
    "vest": "M150 74L174 74L192 120L210 74L234 74L262 104L266 300L118 300L122 104Z",
    "pants": "M118 58L266 58L284 346L208 346L192 150L176 346L100 346Z",
    "shorts": "M118 96L266 96L286 252L206 258L192 170L178 258L98 252Z",
    "overalls": "M144 52L240 52L240 150L270 150L284 346L208 346L192 214L176 346L100 346L114 150L144 150Z",
    "dress": "M156 50L178 50L192 84L206 50L228 50L236 150L306 346L78 346L148 150Z",
    "skirt": "M132 96L252 96L300 322L84 322Z",
}
TAPERS = {
    "pants": "M118 58H266V80H118Z",
    "shorts": "M118 96H266V116H118Z",
    "overalls": "M114 150H270V166H114Z",
    "skirt": "M132 96H252V114H132Z",
}
_BG = "#f3ede4"


def _background(canvas: Canvas, color: str) -> None:
    """A soft studio backdrop that keeps the garment's colour the obvious one."""
    light = luminance(color) > 0.7
    bg = "#2f3640" if light else _BG
    if not light and _close(color, bg):
        bg = "#dfe7ee"
    canvas.add(rect(0, 0, SIZE, SIZE, canvas.radial([(0, shift_lightness(bg, 0.15)), (1, bg)], 0.5, 0.45, 0.75)))


def _close(a: str, b: str) -> bool:
    return abs(luminance(a) - luminance(b)) < 0.08


def paint_fashion(canvas: Canvas, scene: FrozenScene) -> None:
    """Draw the main garment large, then its details, then any other garments as accessories."""
    garment = scene.main
    base = garment_color(garment)
    _background(canvas, base)
    canvas.add(ellipse(192, 356, 140, 12, "#000000", ' opacity=".12"'))
    name = garment.name
    stroke = f' stroke="{shift_lightness(base, -0.45)}" stroke-width="2.5" stroke-linejoin="round"'
    if name in OUTLINES:
        canvas.add(path(OUTLINES[name], fabric(canvas, garment), stroke))
        _garment_lines(canvas, garment)
    elif name == "scarf":
        _scarf(canvas, garment)
    elif name in ("hat", "beanie", "cap"):
        _hat(canvas, garment)
    elif name in ("boots", "shoes", "heels"):
        _boots(canvas, garment)
    elif not draw_subject(canvas, garment, 192, 200, 250):
        canvas.add(path(OUTLINES["tshirt"], fabric(canvas, garment), stroke))
    paint_details(canvas, garment)
    for other in scene.subjects[1:]:
        if other.kind == "garment" or other.kind == "object":
            draw_subject(canvas, other, 318, 318, 96)


def _garment_lines(canvas: Canvas, garment: FrozenSubject) -> None:
    """Seams, waistbands, plackets: the lines that make the outline read as that garment."""
    base = garment_color(garment)
    line = f'fill="none" stroke="{shift_lightness(base, -0.4)}" stroke-width="2.5"'
    name = garment.name
    if name in TAPERS:
        canvas.add(f'<path d="{TAPERS[name]}" fill="{shift_lightness(base, -0.12)}" opacity=".9"/>')
    if name in ("pants", "shorts", "overalls"):
        canvas.add(f'<path d="M192 {166 if name == "overalls" else 80}V150" {line}/>')
    if name == "overalls":
        canvas.add(
            f'<path d="M144 52L126 20M240 52L258 20" fill="none" stroke="{shift_lightness(base, -0.15)}" '
            f'stroke-width="14" stroke-linecap="round"/>'
        )
        canvas.add(
            rect(
                166,
                78,
                52,
                40,
                "none",
                f' stroke="{shift_lightness(base, -0.4)}" stroke-width="2.5" stroke-dasharray="5 4"',
            )
        )
        for x in (148, 236):
            canvas.add(circle(x, 62, 7, "#c9a227"))
    if name in ("coat", "jacket", "shirt"):
        bottom = {"coat": 346, "jacket": 296, "shirt": 310}[name]
        canvas.add(f'<path d="M192 100V{bottom}M150 58L192 100L234 58" {line}/>')
    if name == "dress":
        canvas.add(f'<path d="M148 150Q192 162 236 150" {line}/>')


def _scarf(canvas: Canvas, garment: FrozenSubject) -> None:
    base = garment.color or MATERIAL_COLORS.get(garment.material or "", "#c92a2a")
    fill = fabric(canvas, garment)
    edge = f' stroke="{shift_lightness(base, -0.4)}" stroke-width="2.5" stroke-linejoin="round"'
    canvas.add(
        f'<ellipse cx="192" cy="110" rx="86" ry="40" fill="none" stroke="{shift_lightness(base, -0.15)}" '
        f'stroke-width="38"/>'
    )
    canvas.add(path("M226 128L280 128L288 300L230 300Z", fill, edge))
    canvas.add(path("M122 120L178 126L176 340L118 340Z", fill, edge))
    canvas.add(
        f'<ellipse cx="192" cy="110" rx="86" ry="40" fill="none" stroke="{fill}" stroke-width="30" opacity=".95"/>'
    )
    if not garment.details:
        fringe(canvas, garment, shift_lightness(base, -0.15), "fringe")


def _hat(canvas: Canvas, garment: FrozenSubject) -> None:
    base = garment.color or MATERIAL_COLORS.get(garment.material or "", "#6d4c41")
    fill = fabric(canvas, garment)
    if garment.name == "beanie":
        canvas.add(
            path("M92 250Q92 96 192 96Q292 96 292 250Z", fill),
            rect(84, 236, 216, 52, shift_lightness(base, -0.15), ' rx="12"'),
            circle(192, 86, 30, shift_lightness(base, 0.3)),
        )
    elif garment.name == "cap":
        canvas.add(
            path("M104 240Q104 110 192 110Q280 110 280 240Z", fill),
            path("M250 232Q330 226 350 252Q300 262 250 254Z", shift_lightness(base, -0.2)),
        )
    else:
        canvas.add(
            ellipse(192, 250, 160, 40, shift_lightness(base, -0.1)),
            path("M122 250Q118 120 192 118Q266 120 262 250Z", fill),
            rect(122, 216, 140, 22, shift_lightness(base, -0.4)),
        )


def _boots(canvas: Canvas, garment: FrozenSubject) -> None:
    """A pair side by side: tall boots, low sneakers/shoes, or pumps with a heel."""
    base = garment.color or MATERIAL_COLORS.get(garment.material or "", "#6d4c41")
    fill = fabric(canvas, garment)
    edge = f' stroke="{shift_lightness(base, -0.45)}" stroke-width="2.5" stroke-linejoin="round"'
    sole = shift_lightness(base, -0.5) if luminance(base) > 0.25 else "#e9ecef"
    for dx in (-78, 78):
        x = 192 + dx
        if garment.name == "boots":
            d = (
                f"M{n(x - 34)} 100H{n(x + 20)}V250Q{n(x + 20)} 268 {n(x + 46)} 276Q{n(x + 70)} 284 {n(x + 70)} 310"
                f"V318H{n(x - 34)}Z"
            )
            canvas.add(path(d, fill, edge), rect(x - 36, 318, 108, 12, sole, ' rx="4"'))
        elif garment.name == "heels":
            d = (
                f"M{n(x - 58)} 206L{n(x - 52)} 300H{n(x - 42)}L{n(x - 38)} 252Q{n(x + 10)} 262 {n(x + 52)} 292"
                f"H{n(x + 70)}Q{n(x + 74)} 274 {n(x + 56)} 266L{n(x - 6)} 236Q{n(x - 30)} 226 {n(x - 44)} 204Z"
            )
            canvas.add(path(d, fill, edge))
        else:  # sneakers and shoes: a low shoe with a toe cap and a sole
            d = (
                f"M{n(x - 62)} 296V226Q{n(x - 60)} 204 {n(x - 34)} 206Q{n(x - 16)} 222 {n(x + 6)} 226"
                f"Q{n(x + 60)} 240 {n(x + 66)} 276V296Z"
            )
            canvas.add(path(d, fill, edge), rect(x - 64, 292, 132, 16, sole, ' rx="7"'))


__all__ = ["OUTLINES", "TAPERS", "paint_fashion"]
