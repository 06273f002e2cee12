"""Paint for the normaliser: colours as `#rrggbb`, gradients re-emitted with short ids, patterns as one colour.

Shared document state (`Context`) lives here too: the id index, the viewBox and the gradients emitted so far.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .geometry import IDENTITY, Matrix, apply, fmt, linear_scale, multiply, numbers, transform_matrix

SHAPES = ("rect", "circle", "ellipse", "line", "polyline", "polygon", "path")
GRADIENT_DEFAULTS = {"linearGradient": {"x1": "0", "y1": "0", "x2": "1", "y2": "0"},
                     "radialGradient": {"cx": ".5", "cy": ".5", "r": ".5"}}
MAX_HREF_DEPTH = 8  # href chains deeper than this are cut (also guards against reference cycles)
_URL = re.compile(r"url\(\s*#([^)\s]+)\s*\)")


def local_name(tag) -> str:
    """An element or attribute name without its namespace or prefix."""
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1] if isinstance(tag, str) else ""


def attributes(element) -> dict[str, str]:
    """Attributes by local name, with `style` declarations applied on top (they win over attributes)."""
    attrs = {local_name(k): v.strip() for k, v in element.attrib.items()}
    for declaration in attrs.pop("style", "").split(";"):
        if ":" in declaration:
            key, value = declaration.split(":", 1)
            attrs[key.strip()] = value.strip()
    return attrs


@dataclass
class Context:
    """Document-wide state of one normalisation."""

    grid: int
    by_id: dict
    viewbox: tuple[float, float, float, float]
    gradients: dict = field(default_factory=dict)  # source id (+ placement for user-space ones) -> output id
    gradient_defs: list[str] = field(default_factory=list)
    pattern_colors: dict[str, str] = field(default_factory=dict)


def length(value: str | None, reference: float, default: float = 0.0) -> float:
    """A length attribute in user units (percentages of `reference`); `default` when absent or unreadable."""
    if value is None or not value.strip():
        return default
    found = numbers(value)
    if not found:
        return default
    return found[0] * reference / 100 if value.strip().endswith("%") else found[0]


def color(value: str | None, context: Context | None = None, matrix: Matrix = IDENTITY) -> str | None:
    """`#rrggbb`, "none", or "url(#gN)" for a kept gradient; None when unreadable (the caller keeps a default)."""
    from PIL import ImageColor

    if value is None:
        return None
    text = value.strip()
    if not text or text == "inherit":
        return None
    match = _URL.match(text)
    if match:
        if context is not None:
            target = match.group(1)
            if target in context.pattern_colors:
                return context.pattern_colors[target]
            new_id = gradient_id(target, context, matrix)
            if new_id:
                return f"url(#{new_id})"
        fallback = text[match.end():].strip()
        return color(fallback) if fallback else "none"
    lowered = text.lower()
    if lowered in ("none", "transparent"):
        return "none"
    if lowered == "currentcolor":
        return "#000000"
    try:
        rgb = ImageColor.getrgb(lowered)
    except ValueError:
        return None
    return "#{:02x}{:02x}{:02x}".format(*rgb[:3])


def opacity(value: str | None) -> float | None:
    found = numbers(value or "")
    if not found:
        return None
    number = found[0] / 100 if (value or "").strip().endswith("%") else found[0]
    return min(1.0, max(0.0, number))


def fraction(value: float) -> str:
    """A 0..1 value with two decimals and no leading zero (".5")."""
    text = f"{round(value, 2):.2f}".rstrip("0").rstrip(".")
    text = text[1:] if text.startswith("0.") else text
    return text or "0"


def decimal(value: float, places: int = 2) -> str:
    text = f"{round(value, places):.{places}f}".rstrip("0").rstrip(".")
    if text.startswith("0."):
        text = text[1:]
    elif text.startswith("-0."):
        text = "-" + text[2:]
    return "0" if text in ("", "-0", "-") else text


# ---------------------------------------------------------------------------------------- paint servers


def _resolve_href(element, context: Context, depth: int = 0):
    """A gradient whose stops and attributes come from its `href` chain when it has none of its own."""
    attrs = attributes(element)
    href = attrs.get("href", "")
    if not href.startswith("#") or depth > MAX_HREF_DEPTH:
        return element, attrs
    parent = context.by_id.get(href[1:])
    if parent is None or local_name(parent.tag) not in ("linearGradient", "radialGradient"):
        return element, attrs
    parent_element, parent_attrs = _resolve_href(parent, context, depth + 1)
    merged = {**parent_attrs, **attrs}
    own_stops = [c for c in element if local_name(c.tag) == "stop"]
    return (element if own_stops else parent_element), merged


def gradient_id(source_id: str, context: Context, matrix: Matrix) -> str | None:
    """Emit the gradient `source_id` once (short id `gN`) and return its new id; None when it is unusable."""
    element = context.by_id.get(source_id)
    if element is None or local_name(element.tag) not in ("linearGradient", "radialGradient"):
        return None
    stops_from, attrs = _resolve_href(element, context)
    user_space = attrs.get("gradientUnits") == "userSpaceOnUse"
    # a user-space gradient lives in the referencing shape's coordinates: one copy per distinct placement
    key = (source_id, tuple(round(v, 6) for v in matrix)) if user_space else source_id
    if key in context.gradients:
        return context.gradients[key]
    stops = []
    for stop in stops_from:
        if local_name(stop.tag) != "stop":
            continue
        stop_attrs = attributes(stop)
        offset = opacity(stop_attrs.get("offset", "0")) or 0.0
        parts = [f'offset="{fraction(offset)}"', f'stop-color="{color(stop_attrs.get("stop-color")) or "#000000"}"']
        stop_opacity = opacity(stop_attrs.get("stop-opacity"))
        if stop_opacity is not None and stop_opacity < 1:
            parts.append(f'stop-opacity="{fraction(stop_opacity)}"')
        stops.append("<stop " + " ".join(parts) + "/>")
    if not stops:
        return None
    kind = local_name(element.tag)
    new_id = f"g{len(context.gradients) + 1}"
    context.gradients[key] = new_id
    head = [f'id="{new_id}"']
    transform = transform_matrix(attrs.get("gradientTransform"))
    names = ("x1", "y1", "x2", "y2") if kind == "linearGradient" else ("cx", "cy", "r", "fx", "fy")
    if user_space:
        head.append('gradientUnits="userSpaceOnUse"')
        full = multiply(matrix, transform)
        if full[1] or full[2] or transform != IDENTITY:
            # rotated/skewed user-space gradients keep their own coordinates under one matrix
            head.append('gradientTransform="matrix(' + " ".join(decimal(v, 3) for v in full) + ')"')
            for name in names:
                if name in attrs:
                    head.append(f'{name}="{decimal(length(attrs[name], context.viewbox[2]))}"')
        else:
            head.extend(_user_space_coordinates(attrs, names, full, context))
    else:
        for name in names:
            if name in attrs:
                value = decimal(length(attrs[name], 1.0))  # "50%" -> .5
                if GRADIENT_DEFAULTS[kind].get(name) != value:
                    head.append(f'{name}="{value}"')
        if transform != IDENTITY:
            head.append('gradientTransform="matrix(' + " ".join(decimal(v, 3) for v in transform) + ')"')
    lines = [f"<{kind} " + " ".join(head) + ">", *stops, f"</{kind}>"]
    context.gradient_defs.extend(lines)
    return new_id


def _user_space_coordinates(attrs: dict, names, m: Matrix, context: Context) -> list[str]:
    """Grid coordinates of a user-space gradient under an axis-aligned map."""
    box_w, box_h = context.viewbox[2], context.viewbox[3]
    # SVG defaults, as percentages of the viewport: written out, since the grid's viewport is another size
    defaults = {"x1": "0%", "y1": "0%", "x2": "100%", "y2": "0%", "cx": "50%", "cy": "50%", "r": "50%"}
    defaults.update(fx=attrs.get("cx", "50%"), fy=attrs.get("cy", "50%"))
    out = []
    points = {"x1": ("x1", "y1"), "x2": ("x2", "y2"), "cx": ("cx", "cy"), "fx": ("fx", "fy")}
    for x_name, (px, py) in points.items():
        if x_name in names:
            x, y = apply(m, length(attrs.get(px, defaults[px]), box_w), length(attrs.get(py, defaults[py]), box_h))
            out += [f'{px}="{fmt(x)}"', f'{py}="{fmt(y)}"']
    if "r" in names:
        out.append(f'r="{fmt(length(attrs.get("r", defaults["r"]), box_w) * linear_scale(m))}"')
    return out


def pattern_color(element) -> str | None:
    """The colour a pattern reads as from afar: the fill of its first (background) shape, else its first fill."""
    for child in element.iter():
        if local_name(child.tag) in SHAPES:
            fill = color(attributes(child).get("fill"))
            if fill and fill != "none" and not fill.startswith("url"):
                return fill
    return None
