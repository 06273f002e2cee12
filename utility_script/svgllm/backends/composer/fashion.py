"""Fashion: garments drawn flat-lay, filled by colour, fabric pattern (<pattern>) and material texture."""

from __future__ import annotations

from ...colors import luminance, mix, shift_lightness
from .canvas import SIZE, Canvas, circle, ellipse, n, path, rect
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


def garment_color(subject: FrozenSubject) -> str:
    """The garment's main colour: named, implied by its material, or a friendly blue."""
    return subject.color or MATERIAL_COLORS.get(subject.material or "", "#5c7cfa")


def fabric(canvas: Canvas, subject: FrozenSubject) -> str:
    """The garment's paint: a pattern when it has one, a material texture, or a soft shaded fill."""
    base = garment_color(subject)
    second = subject.colors[1] if len(subject.colors) > 1 else None
    pattern, material = subject.pattern, subject.material
    dark, light = shift_lightness(base, -0.3), shift_lightness(base, 0.35)
    if pattern == "checkered":
        other = second or ("#ffffff" if luminance(base) < 0.5 else "#222222")
        return canvas.pattern(
            36, 36, rect(0, 0, 36, 36, base) + rect(0, 0, 18, 18, other) + rect(18, 18, 18, 18, other)
        )
    if pattern == "plaid":
        other = second or shift_lightness(base, -0.45)
        return canvas.pattern(
            48,
            48,
            rect(0, 0, 48, 48, base)
            + rect(0, 14, 48, 12, other, ' opacity=".55"')
            + rect(14, 0, 12, 48, other, ' opacity=".55"')
            + rect(0, 36, 48, 3, "#f8f9fa", ' opacity=".6"')
            + rect(36, 0, 3, 48, "#f8f9fa", ' opacity=".6"'),
        )
    if pattern == "striped":
        other = second or ("#ffffff" if luminance(base) < 0.55 else "#1d3557")
        return canvas.pattern(28, 28, rect(0, 0, 28, 28, base) + rect(0, 0, 10, 28, other))
    if pattern == "dotted":
        other = second or ("#ffffff" if luminance(base) < 0.55 else "#222222")
        return canvas.pattern(34, 34, rect(0, 0, 34, 34, base) + circle(9, 9, 5, other) + circle(26, 26, 5, other))
    if pattern == "floral":
        other = second or ("#ffd6e0" if luminance(base) < 0.55 else "#c9184a")
        petals = "".join(circle(17 + dx, 17 + dy, 4, other) for dx, dy in ((0, -6), (6, 0), (0, 6), (-6, 0)))
        return canvas.pattern(36, 36, rect(0, 0, 36, 36, base) + petals + circle(17, 17, 3, "#ffd43b"))
    if pattern == "zigzag":
        other = second or light
        return canvas.pattern(
            32,
            20,
            rect(0, 0, 32, 20, base)
            + path("M0 14L8 6L16 14L24 6L32 14", "none", f' stroke="{other}" stroke-width="4"'),
        )
    if pattern == "diamond":
        other = second or light
        return canvas.pattern(40, 40, rect(0, 0, 40, 40, base) + path("M20 2L38 20L20 38L2 20Z", other))
    if pattern == "camo":
        return canvas.pattern(
            80,
            80,
            rect(0, 0, 80, 80, base)
            + ellipse(20, 20, 18, 10, dark)
            + ellipse(60, 50, 20, 12, light)
            + ellipse(30, 65, 14, 9, shift_lightness(base, -0.5)),
        )
    if material == "corduroy" or pattern == "ribbed":
        return canvas.pattern(
            10,
            10,
            rect(0, 0, 10, 10, base)
            + rect(0, 0, 3, 10, dark, ' opacity=".55"')
            + rect(6, 0, 2, 10, light, ' opacity=".35"'),
        )
    if material == "denim":
        return canvas.pattern(
            8,
            8,
            rect(0, 0, 8, 8, base) + path("M0 8L8 0", "none", f' stroke="{light}" stroke-width="1.5" opacity=".5"'),
        )
    if material == "straw":
        weave = path("M0 5H12M5 0V12", "none", f' stroke="{dark}" stroke-width="1.4" opacity=".35"')
        return canvas.pattern(12, 12, rect(0, 0, 12, 12, base) + weave)
    if material in ("wool", "knit"):
        knit = path("M2 2L7 9L12 2", "none", f' stroke="{dark}" stroke-width="1.6" opacity=".45"')
        return canvas.pattern(14, 12, rect(0, 0, 14, 12, base) + knit)
    if material == "sequin":
        return canvas.pattern(
            14, 14, rect(0, 0, 14, 14, base) + circle(7, 7, 3.5, light) + circle(7, 7, 1.5, "#ffffff")
        )
    if material in ("silk", "leather", "velvet", "nylon", "glass", "metal", "silver", "gold", "bronze"):
        sheen = 0.5 if material in ("silk", "leather", "metal", "silver", "gold") else 0.2
        return canvas.linear(
            [(0, dark), (0.35, base), (0.5, shift_lightness(base, sheen)), (0.65, base), (1, dark)], x2=1, y2=0.6
        )
    return canvas.linear([(0, shift_lightness(base, 0.12)), (1, shift_lightness(base, -0.12))], x2=1, y2=1)


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
    _details(canvas, garment)
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


def _details(canvas: Canvas, garment: FrozenSubject) -> None:
    """Collars, pockets, buttons, trims and other parts named after "with"."""
    base = garment_color(garment)
    for detail in garment.details:
        color = detail.color
        noun = detail.noun
        if noun in ("button", "buttons", "stud", "rivet"):
            c = color or ("#d4af37" if luminance(base) < 0.6 else "#343a40")
            ys = {
                "coat": (130, 180, 230, 280),
                "jacket": (130, 175, 220, 260),
                "shirt": (120, 160, 200, 240),
                "pants": (68,),
                "shorts": (106,),
                "overalls": (62,),
            }.get(garment.name, (150, 200, 250))
            for y in ys:
                xs = (148, 236) if garment.name in ("overalls",) else (192,)
                for x in xs:
                    canvas.add(
                        circle(
                            x, y, 8 if len(ys) == 1 else 7, c, f' stroke="{shift_lightness(c, -0.35)}" stroke-width="2"'
                        )
                    )
        elif noun in ("pocket", "patch"):
            fill = fabric(canvas, garment) if garment.material == "corduroy" else shift_lightness(base, -0.08)
            spots = {
                "pants": ((126, 96), (214, 96)),
                "overalls": ((166, 78),),
                "shorts": ((124, 124), (216, 124)),
                "coat": ((120, 250), (212, 250)),
                "jacket": ((122, 220), (212, 220)),
                "dress": ((120, 240), (214, 240)),
            }.get(garment.name, ((130, 220), (210, 220)))
            for x, y in spots:
                canvas.add(
                    rect(
                        x,
                        y,
                        50,
                        54,
                        fill,
                        f' rx="4" stroke="{shift_lightness(base, 0.35)}" stroke-width="2" stroke-dasharray="5 4"',
                    )
                )
        elif noun == "collar" or (noun == "fur" and garment.name in ("coat", "jacket")):
            fur = detail.material == "fur" or "fur" in detail.adjectives or noun == "fur"
            c = color or ("#efe6d8" if fur else shift_lightness(base, -0.15))
            if fur:  # a thick fluffy band along the neckline, tufts breaking its edge
                canvas.add(
                    path("M136 52Q192 140 248 52", "none", f' stroke="{c}" stroke-width="30" stroke-linecap="round"')
                )
                tufts = "".join(
                    f"M{n(x)} {n(y)}a9 9 0 1 0 1 0"
                    for x, y in (
                        (128, 50),
                        (140, 72),
                        (156, 92),
                        (174, 106),
                        (192, 110),
                        (210, 106),
                        (228, 92),
                        (244, 72),
                        (256, 50),
                    )
                )
                canvas.add(
                    path(tufts, c),
                    path(
                        "M140 60Q192 128 244 60",
                        "none",
                        f' stroke="{shift_lightness(c, -0.12)}" stroke-width="3" '
                        'stroke-dasharray="2 7" stroke-linecap="round"',
                    ),
                )
            else:
                canvas.add(path("M150 58L192 100L172 112L138 70ZM234 58L192 100L212 112L246 70Z", c))
        elif noun in ("trim", "tassel", "fringe"):
            kind = "tassel" if "tassel" in detail.adjectives or noun == "tassel" else "fringe"
            _fringe(canvas, garment, color or shift_lightness(base, -0.15), kind)
        elif noun in ("buckle", "strap") and garment.name in ("boots", "shoes", "heels"):
            for x in (114, 270):  # one buckled strap across each shoe
                canvas.add(
                    rect(x - 40, 236, 80, 12, shift_lightness(base, -0.3)),
                    rect(x - 10, 232, 20, 20, "none", f' stroke="{color or "#c0c0c0"}" stroke-width="5"'),
                )
        elif noun in ("belt", "waistband", "buckle"):
            canvas.add(
                rect(118, 150, 148, 18, color or "#3b2a20"),
                rect(180, 146, 24, 26, "none", ' stroke="#d4af37" stroke-width="4"'),
            )
        elif noun in ("hood",):
            canvas.add(path("M150 58Q192 0 234 58Q192 40 150 58Z", shift_lightness(base, -0.1)))
        elif noun in ("zipper", "zip"):
            canvas.add(path("M192 100V300", "none", ' stroke="#adb5bd" stroke-width="5" stroke-dasharray="3 2"'))
        elif noun in ("lace", "laces") and garment.name in ("shoes", "boots"):
            _laces(canvas, garment, color or "#ffffff")
        elif noun in ("lace", "ruffle", "hem"):
            d = "".join(f"M{x} 340a9 9 0 0 0 18 0" for x in range(84, 300, 18))
            canvas.add(path(d, color or "#ffffff", ' opacity=".9"'))
        elif noun in ("sleeve", "cuff"):
            canvas.add(
                rect(296, 246, 30, 14, color or shift_lightness(base, -0.2), ' transform="rotate(-12 310 252)"'),
                rect(58, 246, 30, 14, color or shift_lightness(base, -0.2), ' transform="rotate(12 74 252)"'),
            )
        elif noun in ("bow", "ribbon"):
            c = color or "#e63946"
            canvas.add(path("M192 150L160 134V166ZM192 150L224 134V166Z", c), circle(192, 150, 7, c))
        elif noun in ("embroidery", "sequin", "bead", "beading", "print"):
            c = color or "#ffd166"
            for k in range(10):
                canvas.add(circle(150 + (k % 5) * 21, 170 + (k // 5) * 28, 4, c))


def _fringe(canvas: Canvas, garment: FrozenSubject, color: str, kind: str) -> None:
    if garment.name == "scarf":
        ends = ((118, 340, 56), (226, 300, 52))
    else:
        ends = ((100, 346, 184),)
    for x0, y0, width in ends:
        d = "".join(f"M{n(x0 + k * width / 7)} {n(y0)}v24" for k in range(8))
        canvas.add(path(d, "none", f' stroke="{color}" stroke-width="3.5" stroke-linecap="round"'))
        if kind == "tassel":
            for k in range(0, 8, 2):
                x = x0 + k * width / 7 + width / 14
                canvas.add(
                    circle(x, y0 + 6, 5, shift_lightness(color, -0.15)),
                    path(f"M{n(x - 5)} {n(y0 + 8)}L{n(x - 7)} {n(y0 + 34)}H{n(x + 7)}L{n(x + 5)} {n(y0 + 8)}Z", color),
                )


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
        _fringe(canvas, garment, shift_lightness(base, -0.15), "fringe")


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


def _laces(canvas: Canvas, garment: FrozenSubject, color: str) -> None:
    for dx in (-78, 78):
        x = 192 + dx
        d = "".join(f"M{n(x - 30 + k * 10)} {n(214 + k * 4)}l14 8" for k in range(4))
        canvas.add(path(d, "none", f' stroke="{color}" stroke-width="5" stroke-linecap="round"'))


__all__ = ["fabric", "mix", "paint_fashion"]
