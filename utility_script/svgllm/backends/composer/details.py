"""Garment details named after "with": buttons, pockets, collars, fringes, belts, laces, bows, ...

`paint_details` looks each detail up by its noun (and, for a few nouns, the garment it is on) and hands it to
that detail's painter in `DETAILS`.
"""

from __future__ import annotations

from collections.abc import Callable

from ...colors import luminance, shift_lightness
from .canvas import Canvas, circle, n, path, rect
from .fabrics import fabric, garment_color
from .scene import FrozenSubject

SHOES = ("boots", "shoes", "heels")
BUTTON_ROWS = {  # garment -> the heights of its buttons down the placket (or of its one waist button)
    "coat": (130, 180, 230, 280),
    "jacket": (130, 175, 220, 260),
    "shirt": (120, 160, 200, 240),
    "pants": (68,),
    "shorts": (106,),
    "overalls": (62,),
}
POCKETS = {  # garment -> the top-left corners of its pockets
    "pants": ((126, 96), (214, 96)),
    "overalls": ((166, 78),),
    "shorts": ((124, 124), (216, 124)),
    "coat": ((120, 250), (212, 250)),
    "jacket": ((122, 220), (212, 220)),
    "dress": ((120, 240), (214, 240)),
}
FUR_TUFTS = ((128, 50), (140, 72), (156, 92), (174, 106), (192, 110), (210, 106), (228, 92), (244, 72), (256, 50))


def paint_details(canvas: Canvas, garment: FrozenSubject) -> None:
    """Collars, pockets, buttons, trims and other parts named after "with", over the drawn garment."""
    base = garment_color(garment)
    for detail in garment.details:
        kind = detail_kind(detail.noun, garment.name)
        if kind is not None:
            DETAILS[kind](canvas, garment, detail, base)


def detail_kind(noun: str, garment: str) -> str | None:
    """Which detail painter draws `noun` on `garment` (None: a part no painter draws)."""
    if noun in ("button", "buttons", "stud", "rivet"):
        return "buttons"
    if noun in ("pocket", "patch"):
        return "pockets"
    if noun == "collar" or (noun == "fur" and garment in ("coat", "jacket")):
        return "collar"
    if noun in ("trim", "tassel", "fringe"):
        return "fringe"
    if noun in ("buckle", "strap") and garment in SHOES:
        return "straps"
    if noun in ("belt", "waistband", "buckle"):
        return "belt"
    if noun in ("lace", "laces") and garment in ("shoes", "boots"):
        return "laces"
    if noun in ("lace", "ruffle", "hem"):
        return "hem"
    return NOUN_DETAILS.get(noun)


def _buttons(canvas, garment, detail, base) -> None:
    c = detail.color or ("#d4af37" if luminance(base) < 0.6 else "#343a40")
    ys = BUTTON_ROWS.get(garment.name, (150, 200, 250))
    xs = (148, 236) if garment.name == "overalls" else (192,)  # overalls: one on each strap
    ring = f' stroke="{shift_lightness(c, -0.35)}" stroke-width="2"'
    for y in ys:
        for x in xs:
            canvas.add(circle(x, y, 8 if len(ys) == 1 else 7, c, ring))


def _pockets(canvas, garment, detail, base) -> None:
    fill = fabric(canvas, garment) if garment.material == "corduroy" else shift_lightness(base, -0.08)
    stitched = f' rx="4" stroke="{shift_lightness(base, 0.35)}" stroke-width="2" stroke-dasharray="5 4"'
    for x, y in POCKETS.get(garment.name, ((130, 220), (210, 220))):
        canvas.add(rect(x, y, 50, 54, fill, stitched))


def _collar(canvas, garment, detail, base) -> None:
    fur = detail.material == "fur" or "fur" in detail.adjectives or detail.noun == "fur"
    c = detail.color or ("#efe6d8" if fur else shift_lightness(base, -0.15))
    if not fur:
        canvas.add(path("M150 58L192 100L172 112L138 70ZM234 58L192 100L212 112L246 70Z", c))
        return
    # a thick fluffy band along the neckline, tufts breaking its edge
    canvas.add(path("M136 52Q192 140 248 52", "none", f' stroke="{c}" stroke-width="30" stroke-linecap="round"'))
    tufts = "".join(f"M{n(x)} {n(y)}a9 9 0 1 0 1 0" for x, y in FUR_TUFTS)
    stitches = f' stroke="{shift_lightness(c, -0.12)}" stroke-width="3" stroke-dasharray="2 7" stroke-linecap="round"'
    canvas.add(path(tufts, c), path("M140 60Q192 128 244 60", "none", stitches))


def _fringe_detail(canvas, garment, detail, base) -> None:
    kind = "tassel" if "tassel" in detail.adjectives or detail.noun == "tassel" else "fringe"
    fringe(canvas, garment, detail.color or shift_lightness(base, -0.15), kind)


def _straps(canvas, garment, detail, base) -> None:
    for x in (114, 270):  # one buckled strap across each shoe
        canvas.add(
            rect(x - 40, 236, 80, 12, shift_lightness(base, -0.3)),
            rect(x - 10, 232, 20, 20, "none", f' stroke="{detail.color or "#c0c0c0"}" stroke-width="5"'),
        )


def _belt(canvas, garment, detail, base) -> None:
    canvas.add(
        rect(118, 150, 148, 18, detail.color or "#3b2a20"),
        rect(180, 146, 24, 26, "none", ' stroke="#d4af37" stroke-width="4"'),
    )


def _hood(canvas, garment, detail, base) -> None:
    canvas.add(path("M150 58Q192 0 234 58Q192 40 150 58Z", shift_lightness(base, -0.1)))


def _zipper(canvas, garment, detail, base) -> None:
    canvas.add(path("M192 100V300", "none", ' stroke="#adb5bd" stroke-width="5" stroke-dasharray="3 2"'))


def _laces(canvas, garment, detail, base) -> None:
    color = detail.color or "#ffffff"
    for dx in (-78, 78):
        x = 192 + dx
        d = "".join(f"M{n(x - 30 + k * 10)} {n(214 + k * 4)}l14 8" for k in range(4))
        canvas.add(path(d, "none", f' stroke="{color}" stroke-width="5" stroke-linecap="round"'))


def _hem(canvas, garment, detail, base) -> None:
    d = "".join(f"M{x} 340a9 9 0 0 0 18 0" for x in range(84, 300, 18))
    canvas.add(path(d, detail.color or "#ffffff", ' opacity=".9"'))


def _cuffs(canvas, garment, detail, base) -> None:
    canvas.add(
        rect(296, 246, 30, 14, detail.color or shift_lightness(base, -0.2), ' transform="rotate(-12 310 252)"'),
        rect(58, 246, 30, 14, detail.color or shift_lightness(base, -0.2), ' transform="rotate(12 74 252)"'),
    )


def _bow(canvas, garment, detail, base) -> None:
    c = detail.color or "#e63946"
    canvas.add(path("M192 150L160 134V166ZM192 150L224 134V166Z", c), circle(192, 150, 7, c))


def _beads(canvas, garment, detail, base) -> None:
    c = detail.color or "#ffd166"
    for k in range(10):
        canvas.add(circle(150 + (k % 5) * 21, 170 + (k // 5) * 28, 4, c))


def fringe(canvas: Canvas, garment: FrozenSubject, color: str, kind: str) -> None:
    """A fringe (or tassels, `kind` "tassel") along the garment's hem, or along both ends of a scarf."""
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


DetailPainter = Callable[[Canvas, FrozenSubject, FrozenSubject, str], None]
DETAILS: dict[str, DetailPainter] = {
    "buttons": _buttons, "pockets": _pockets, "collar": _collar, "fringe": _fringe_detail, "straps": _straps,
    "belt": _belt, "hood": _hood, "zipper": _zipper, "laces": _laces, "hem": _hem, "cuffs": _cuffs, "bow": _bow,
    "beads": _beads,
}
# details known by their noun alone (the others depend on the garment too: see `detail_kind`)
NOUN_DETAILS = {
    "hood": "hood", "zipper": "zipper", "zip": "zipper", "sleeve": "cuffs", "cuff": "cuffs", "bow": "bow",
    "ribbon": "bow", "embroidery": "beads", "sequin": "beads", "bead": "beads", "beading": "beads", "print": "beads",
}
