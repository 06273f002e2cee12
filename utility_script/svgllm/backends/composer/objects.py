"""Everyday subjects: emoji motifs placed and recoloured, plus a few procedural ones no emoji draws well."""

from __future__ import annotations

import math

from ...colors import shift_lightness
from .canvas import Canvas, ellipse, n, path, polygon, rect
from .motifs import find_motif, recolor
from .scene import FrozenSubject
from .vocab import singular

_WOOD = "#a0683a"


def draw_subject(canvas: Canvas, subject: FrozenSubject, cx: float, cy: float, size: float, copies=None) -> bool:
    """Draw `subject` centred at (cx, cy) in a `size` box (several `copies` as (x, y, size) when given).

    Returns False when nothing fits the subject (the caller draws a generic stand-in)."""
    procedural = _PROCEDURAL.get(subject.name) or _PROCEDURAL.get(subject.noun)
    placements = copies or [(cx, cy, size)]
    if procedural is not None:
        for x, y, s in placements:
            canvas.add(procedural(subject, x, y, s))
        return True
    motif = find_motif(subject.noun) or find_motif(subject.name)
    if motif is None:
        return False
    body = recolor(motif, subject.color)
    last = motif.name.split("-")[-1]
    if last != subject.noun and singular(last) == subject.noun:
        placements = [(cx, cy, size)]  # "pancakes", "grapes", "chopsticks": the motif already shows several
    if len(placements) == 1:
        x, y, s = placements[0]
        canvas.add(_placed(body, motif.size, x, y, s))
        return True
    sid = canvas.symbol(body)  # one copy of the artwork, many <use>s: keeps counts cheap in bytes
    for x, y, s in placements:
        scale = s / motif.size
        canvas.add(f'<use href="#{sid}" transform="translate({n(x - s / 2)} {n(y - s / 2)}) scale({scale:.3g})"/>')
    return True


def _placed(body: str, box: int, cx: float, cy: float, size: float) -> str:
    scale = size / box
    return f'<g transform="translate({n(cx - size / 2)} {n(cy - size / 2)}) scale({scale:.3g})">{body}</g>'


def generic(canvas: Canvas, subject: FrozenSubject, cx: float, cy: float, size: float) -> None:
    """A stand-in for an unknown subject: a soft rounded emblem in its colour (keeps the colour answerable)."""
    color = subject.color or "#e07a5f"
    half = size / 2
    canvas.add(ellipse(cx, cy + half * 0.95, half * 0.8, half * 0.12, "#000000", ' opacity=".15"'))
    canvas.add(
        f'<rect x="{n(cx - half * 0.8)}" y="{n(cy - half * 0.8)}" width="{n(size * 0.8)}" '
        f'height="{n(size * 0.8)}" rx="{n(size * 0.22)}" fill="{color}"/>'
    )
    canvas.add(
        f'<rect x="{n(cx - half * 0.55)}" y="{n(cy - half * 0.6)}" width="{n(size * 0.35)}" '
        f'height="{n(size * 0.12)}" rx="{n(size * 0.06)}" fill="{shift_lightness(color, 0.45)}"/>'
    )


def lighthouse(subject: FrozenSubject, cx: float, cy: float, size: float) -> str:
    """A striped lighthouse with a glowing lamp room, standing on rocks."""
    h = size
    top, bottom = cy - h / 2, cy + h / 2
    w_top, w_bot = h * 0.12, h * 0.2
    stripe = subject.color or "#d62828"
    body = polygon(
        [(cx - w_top, top + h * 0.22), (cx + w_top, top + h * 0.22), (cx + w_bot, bottom), (cx - w_bot, bottom)],
        "#f8f9fa",
    )
    bands = ""
    for i in range(3):
        y0 = top + h * (0.32 + i * 0.24)
        y1 = y0 + h * 0.11
        f0 = w_top + (w_bot - w_top) * (y0 - top - h * 0.22) / (h * 0.78)
        f1 = w_top + (w_bot - w_top) * (y1 - top - h * 0.22) / (h * 0.78)
        bands += polygon([(cx - f0, y0), (cx + f0, y0), (cx + f1, y1), (cx - f1, y1)], stripe)
    lamp = (
        rect(cx - w_top * 1.3, top + h * 0.18, w_top * 2.6, h * 0.05, "#343a40")
        + rect(cx - w_top * 0.8, top + h * 0.07, w_top * 1.6, h * 0.11, "#ffe066")
        + polygon(
            [(cx - w_top * 1.1, top + h * 0.07), (cx, top - h * 0.02), (cx + w_top * 1.1, top + h * 0.07)], stripe
        )
    )
    beam = polygon(
        [(cx, top + h * 0.12), (cx - h * 0.9, top - h * 0.05), (cx - h * 0.9, top + h * 0.25)],
        "#fff3b0",
        ' opacity=".45"',
    )
    rocks = ellipse(cx, bottom, w_bot * 2.2, h * 0.07, "#6c757d")
    return beam + body + bands + lamp + rocks


def table(subject: FrozenSubject, cx: float, cy: float, size: float) -> str:
    """A side-on table: top board and two legs."""
    color = subject.color or (_WOOD if subject.material in (None, "wood") else "#adb5bd")
    w = size
    top = cy - size * 0.1
    return (
        rect(cx - w / 2, top, w, size * 0.08, color, f' rx="{n(size * 0.02)}"')
        + rect(cx - w * 0.42, top + size * 0.08, size * 0.06, size * 0.45, shift_lightness(color, -0.2))
        + rect(cx + w * 0.36, top + size * 0.08, size * 0.06, size * 0.45, shift_lightness(color, -0.2))
    )


def plate(subject: FrozenSubject, cx: float, cy: float, size: float) -> str:
    """A plate seen at an angle."""
    color = subject.color or "#f8f9fa"
    return ellipse(cx, cy, size / 2, size * 0.16, shift_lightness(color, -0.12)) + ellipse(
        cx, cy - size * 0.01, size * 0.36, size * 0.1, color
    )


def tower(subject: FrozenSubject, cx: float, cy: float, size: float) -> str:
    """A stone tower with battlements."""
    color = subject.color or "#9c8f80"
    w = size * 0.32
    merlons = "".join(
        rect(cx - w / 2 + i * w / 4, cy - size / 2 - size * 0.06, w / 8, size * 0.07, color) for i in range(4)
    )
    return (
        rect(cx - w / 2, cy - size / 2, w, size, color)
        + merlons
        + rect(cx - w * 0.12, cy + size * 0.25, w * 0.24, size * 0.25, "#4a3b2f")
        + rect(cx - w * 0.1, cy - size * 0.25, w * 0.2, size * 0.12, "#343a40")
    )


def bridge(subject: FrozenSubject, cx: float, cy: float, size: float) -> str:
    """An arched bridge."""
    color = subject.color or "#a6765a"
    w = size * 1.4
    d = (
        f"M{n(cx - w / 2)} {n(cy)}h{n(w)}v{n(size * 0.1)}h-{n(w * 0.08)}"
        f"q{n(-w * 0.42)} {n(-size * 0.3)} {n(-w * 0.84)} 0h{n(-w * 0.08)}z"
    )
    return f'<path d="{d}" fill="{color}"/>' + rect(cx - w / 2, cy - size * 0.08, w, size * 0.04, color)


def windmill(subject: FrozenSubject, cx: float, cy: float, size: float) -> str:
    """A windmill: tapered body and four sails."""
    color = subject.color or "#f1e3c6"
    body = polygon(
        [
            (cx - size * 0.1, cy - size * 0.15),
            (cx + size * 0.1, cy - size * 0.15),
            (cx + size * 0.17, cy + size / 2),
            (cx - size * 0.17, cy + size / 2),
        ],
        color,
    )
    hub_y = cy - size * 0.15
    sails = "".join(
        f'<rect x="{n(cx - size * 0.04)}" y="{n(hub_y - size * 0.45)}" width="{n(size * 0.08)}" '
        f'height="{n(size * 0.45)}" fill="#8d6e63" transform="rotate({a} {n(cx)} {n(hub_y)})"/>'
        for a in (20, 110, 200, 290)
    )
    return body + sails + ellipse(cx, hub_y, size * 0.04, size * 0.04, "#5d4037")


def sofa(subject: FrozenSubject, cx: float, cy: float, size: float) -> str:
    """A two-seat sofa: back, seat cushions and arms; its seat line is at cy."""
    color = subject.color or "#4f7cac"
    dark, light = shift_lightness(color, -0.25), shift_lightness(color, 0.2)
    w = size
    return (
        rect(cx - w * 0.42, cy - size * 0.32, w * 0.84, size * 0.36, dark, f' rx="{n(size * 0.06)}"')
        + rect(cx - w * 0.4, cy - size * 0.02, w * 0.39, size * 0.16, light, f' rx="{n(size * 0.04)}"')
        + rect(cx + w * 0.01, cy - size * 0.02, w * 0.39, size * 0.16, light, f' rx="{n(size * 0.04)}"')
        + rect(cx - w * 0.5, cy - size * 0.12, w * 0.12, size * 0.4, color, f' rx="{n(size * 0.05)}"')
        + rect(cx + w * 0.38, cy - size * 0.12, w * 0.12, size * 0.4, color, f' rx="{n(size * 0.05)}"')
        + rect(cx - w * 0.4, cy + size * 0.12, w * 0.8, size * 0.16, color)
        + rect(cx - w * 0.4, cy + size * 0.28, size * 0.05, size * 0.06, "#4a3b2f")
        + rect(cx + w * 0.35, cy + size * 0.28, size * 0.05, size * 0.06, "#4a3b2f")
    )


def bowl(subject: FrozenSubject, cx: float, cy: float, size: float) -> str:
    """A bowl seen from the side; its rim is at cy."""
    color = subject.color or ("#cfe8ff" if subject.material == "glass" else "#f1f3f5")
    return (
        ellipse(cx, cy, size * 0.45, size * 0.08, shift_lightness(color, -0.2))
        + f'<path d="M{n(cx - size * 0.45)} {n(cy)}a{n(size * 0.45)} {n(size * 0.4)} 0 0 0 {n(size * 0.9)} 0z" '
        f'fill="{color}"/>'
    )


def bench(subject: FrozenSubject, cx: float, cy: float, size: float) -> str:
    """A park bench: slats, seat and legs."""
    color = subject.color or _WOOD
    return (
        rect(cx - size / 2, cy - size * 0.25, size, size * 0.07, color)
        + rect(cx - size / 2, cy - size * 0.14, size, size * 0.07, color)
        + rect(cx - size / 2, cy, size, size * 0.08, shift_lightness(color, -0.15))
        + rect(cx - size * 0.44, cy + size * 0.08, size * 0.05, size * 0.2, "#343a40")
        + rect(cx + size * 0.39, cy + size * 0.08, size * 0.05, size * 0.2, "#343a40")
    )


def flower_pot(subject: FrozenSubject, cx: float, cy: float, size: float) -> str:
    """A terracotta flower pot with a rim; its soil line is near the top."""
    color = subject.color or "#c8643b"
    top = cy - size * 0.3
    return polygon(
        [
            (cx - size * 0.32, top + size * 0.12),
            (cx + size * 0.32, top + size * 0.12),
            (cx + size * 0.24, cy + size * 0.4),
            (cx - size * 0.24, cy + size * 0.4),
        ],
        color,
    ) + rect(cx - size * 0.38, top, size * 0.76, size * 0.14, shift_lightness(color, -0.12), f' rx="{n(size * 0.03)}"')


def _envelope(cx: float, top: float, radius: float, neck_y: float, neck: float, squeeze: float) -> str:
    """Path data of a balloon envelope: a dome `radius` wide tapering to a `neck` at `neck_y`; `squeeze` < 1
    narrows it horizontally (the inner gores of the striped envelope)."""
    r, cy = radius * squeeze, top + radius
    return (
        f"M{n(cx - r)} {n(cy)}A{n(r)} {n(radius)} 0 0 1 {n(cx + r)} {n(cy)}"
        f"Q{n(cx + r)} {n(cy + radius * 0.7)} {n(cx + neck * squeeze)} {n(neck_y)}H{n(cx - neck * squeeze)}"
        f"Q{n(cx - r)} {n(cy + radius * 0.7)} {n(cx - r)} {n(cy)}Z"
    )


def hot_air_balloon(subject: FrozenSubject, cx: float, cy: float, size: float) -> str:
    """A hot-air balloon: a striped envelope, ropes and a wicker basket."""
    color = subject.color or "#e63946"
    stripe = subject.colors[1] if len(subject.colors) > 1 else "#ffd166"
    top, radius = cy - size / 2, size * 0.36
    neck_y, neck = cy + size * 0.22, size * 0.11
    basket_y = cy + size * 0.34
    ropes = f"M{n(cx - neck)} {n(neck_y)}L{n(cx - size * 0.07)} {n(basket_y)}M{n(cx + neck)} {n(neck_y)}L" \
            f"{n(cx + size * 0.07)} {n(basket_y)}"
    return (
        f'<path d="{_envelope(cx, top, radius, neck_y, neck, 1.0)}" fill="{color}"/>'
        f'<path d="{_envelope(cx, top, radius, neck_y, neck, 0.55)}" fill="{stripe}"/>'
        f'<path d="{_envelope(cx, top, radius, neck_y, neck, 0.18)}" fill="{color}"/>'
        + path(ropes, "none", ' stroke="#5d4037" stroke-width="2"')
        + rect(cx - size * 0.08, basket_y, size * 0.16, size * 0.13, "#a0683a", f' rx="{n(size * 0.02)}"')
    )


def lily_pad(subject: FrozenSubject, cx: float, cy: float, size: float) -> str:
    """A round floating leaf with its notch and veins, seen at an angle; its top is at cy."""
    color = subject.color or "#4c9a2a"
    rx, ry = size * 0.5, size * 0.2
    notch = [(cx + rx * math.cos(a), cy + ry * math.sin(a)) for a in (-0.35, 0.35)]
    leaf = (f"M{n(cx)} {n(cy)}L{n(notch[1][0])} {n(notch[1][1])}A{n(rx)} {n(ry)} 0 1 1 {n(notch[0][0])} "
            f"{n(notch[0][1])}Z")
    veins = "".join(f"M{n(cx)} {n(cy)}L{n(cx + rx * 0.8 * math.cos(a))} {n(cy + ry * 0.8 * math.sin(a))}"
                    for a in (1.2, 2.2, 3.14, 4.1, 5.1))
    return (
        ellipse(cx, cy + size * 0.03, rx * 1.04, ry * 1.1, shift_lightness(color, -0.3), ' opacity=".5"')
        + f'<path d="{leaf}" fill="{color}"/>'
        + path(veins, "none", f' stroke="{shift_lightness(color, 0.25)}" stroke-width="{n(max(1.0, size * 0.012))}"')
    )


# procedural subject -> (painter, where its top surface is, as a fraction of size above its centre)
_PROCEDURAL = {
    "lighthouse": lighthouse,
    "table": table,
    "desk": table,
    "plate": plate,
    "tray": plate,
    "platter": plate,
    "tower": tower,
    "bridge": bridge,
    "windmill": windmill,
    "sofa": sofa,
    "couch": sofa,
    "bench": bench,
    "bowl": bowl,
    "hot_air_balloon": hot_air_balloon,
    "lily_pad": lily_pad,
}
SURFACE = {
    "pot": 0.3,
    "planter": 0.3,
    "flowerpot": 0.3,
    "table": 0.1,
    "desk": 0.1,
    "plate": 0.05,
    "tray": 0.05,
    "platter": 0.05,
    "sofa": 0.02,
    "couch": 0.02,
    "bench": 0.02,
    "bowl": 0.0,
    "lily_pad": 0.02,
    "bridge": 0.08,
    "tower": 0.5,
    "lighthouse": 0.5,
}


def surface_offset(subject: FrozenSubject) -> float:
    """How far above its centre (fraction of its size) something resting on `subject` sits."""
    return SURFACE.get(subject.name, SURFACE.get(subject.noun, 0.3))
