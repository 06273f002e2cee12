"""Rewrite any SVG into the project's compact training format (`svgllm.prompt`).

The compact format: `SVG_HEADER` (viewBox `0 0 GRID_SIZE GRID_SIZE`), one element per line, integer
coordinates on that grid, only `COMPACT_ELEMENTS` / `COMPACT_ATTRIBUTES`, colours as `#rrggbb`, no attribute
that repeats a default. `normalize_svg` does it in one walk over the tree:

1. read: parse with defusedxml; text that is not well-formed XML is first passed through `svgllm.sanitize`
   (which extracts and repairs the drawing); `style` declarations are read as attributes;
2. flatten: every transform (the root's viewBox mapping, groups, `<use>` references) is multiplied into the
   geometry itself, so coordinates land on the grid; the inherited paint of groups is written on each shape
   (group opacity is multiplied down: exact for non-overlapping children, close otherwise);
3. convert: rect/circle/ellipse stay primitives when the map keeps them so (a rotated ellipse keeps a
   `rotate(...)`), otherwise they become polygons; paths are re-encoded with the shorter of absolute and
   relative commands; `<pattern>` fills become their dominant colour; gradients are kept with short ids;
4. regroup: runs of shapes sharing a fill are wrapped in one `<g fill>` (fewer bytes and tokens).

Raises `NormalizeError` when the input cannot be read or nothing drawable is left.
"""
from __future__ import annotations

import copy

from svgllm.prompt import ELEMENT_SEPARATOR, GRID_SIZE, SVG_CLOSE, SVG_NAMESPACE
from svgllm.values import CANVAS_SIZE

from .geometry import (
    GeometryError,
    Matrix,
    absolute_segments,
    apply,
    ellipse_axes,
    encode_path,
    fmt,
    is_axis_aligned,
    join_numbers,
    linear_scale,
    multiply,
    numbers,
    path_extent,
    round_path,
    transform_matrix,
)
from .geometry import transform_path as _transform_path
from .paint import (
    SHAPES,
    Context,
    attributes,
    color,
    decimal,
    fraction,
    length,
    local_name,
    opacity,
    pattern_color,
)

INHERITED = ("fill", "stroke", "stroke-width", "fill-opacity", "stroke-opacity", "stroke-linecap",
             "stroke-linejoin", "fill-rule")
# Values equal to the SVG defaults are left out of the output.
DEFAULTS = {"fill": "#000000", "stroke": "none", "opacity": "1", "fill-opacity": "1", "stroke-opacity": "1",
            "stroke-linecap": "butt", "stroke-linejoin": "miter", "fill-rule": "nonzero", "stroke-width": "1"}
GEOMETRY_DEFAULTS = {"rect": {"x": "0", "y": "0"}, "circle": {"cx": "0", "cy": "0"}, "ellipse": {"cx": "0", "cy": "0"},
                     "line": {"x1": "0", "y1": "0", "x2": "0", "y2": "0"}}
CONTAINERS = ("g", "a", "switch")
SKIPPED = ("defs", "linearGradient", "radialGradient", "pattern", "clipPath", "mask", "symbol", "marker",
           "filter", "style", "title", "desc", "metadata", "text", "image", "foreignObject", "script")
MAX_USE_DEPTH = 8  # <use> chains deeper than this are cut (guards against reference cycles)
MAX_SHAPES = 5000  # far beyond any target under the byte cap; stops <use> fan-out from exploding
MIN_EXTENT = 2  # paths/polygons smaller than this many grid units either way are specks: dropped
MIN_GROUP_RUN = 3  # a `<g fill>` wrapper costs about as much as two repeated fill attributes


class NormalizeError(ValueError):
    """The SVG cannot be normalised (unreadable, or nothing drawable left)."""


def parse_svg(svg: str):
    """The root element of `svg`; text that is not well-formed XML is passed through `svgllm.sanitize` first.

    Forbidden elements and attributes need no sanitising: the walk only reads what the compact format keeps.
    """
    from defusedxml import ElementTree

    if not isinstance(svg, str):
        raise NormalizeError(f"svg must be a str, not {type(svg).__name__}")
    try:
        root = ElementTree.fromstring(svg)
    except Exception:  # defusedxml raises ParseError and its own forbidden-construct errors
        # not well-formed (truncated, wrapped in prose, entities): the sanitizer digs the drawing out
        from svgllm.sanitize import sanitize

        try:
            root = ElementTree.fromstring(sanitize(svg, verify_render=False))
        except Exception as error:  # as above
            raise NormalizeError(f"unreadable SVG: {error}") from error
    if local_name(root.tag) != "svg":
        raise NormalizeError(f"root element is <{local_name(root.tag)}>, not <svg>")
    return root


def root_matrix(attrs: dict[str, str], grid: int) -> tuple[Matrix, tuple[float, float, float, float]]:
    """The map from the document's user space to the `grid` x `grid` canvas, and the viewBox it came from.

    Without width/height the metric renders at the viewBox size and stretches that to a square, so the map
    stretches too; with a width/height the viewBox is fitted inside that viewport and centred (`xMidYMid meet`)
    and the viewport is stretched to the square.
    """
    box = numbers(attrs.get("viewBox", ""))
    width, height = _size(attrs.get("width")), _size(attrs.get("height"))
    if len(box) != 4 or box[2] <= 0 or box[3] <= 0:
        box = [0.0, 0.0, width or float(CANVAS_SIZE), height or float(CANVAS_SIZE)]
    min_x, min_y, box_w, box_h = box
    sx, sy, ox, oy = grid / box_w, grid / box_h, 0.0, 0.0
    if width and height:
        fit = min(width / box_w, height / box_h)
        sx, sy = fit * grid / width, fit * grid / height
        ox, oy = (grid - box_w * sx) / 2, (grid - box_h * sy) / 2
    return (sx, 0.0, 0.0, sy, ox - min_x * sx, oy - min_y * sy), (min_x, min_y, box_w, box_h)


def _size(value: str | None) -> float | None:
    found = numbers(value or "")
    if not found or (value or "").strip().endswith("%") or found[0] <= 0:
        return None
    return found[0]


def normalize_svg(svg: str, grid: int = GRID_SIZE) -> str:
    """`svg` in the compact training format on a `grid` x `grid` integer canvas (see the module docstring)."""
    root = parse_svg(svg)
    by_id = {}
    for element in root.iter():
        element_id = attributes(element).get("id")
        if element_id:
            by_id.setdefault(element_id, element)
    root_attrs = attributes(root)
    matrix, viewbox = root_matrix(root_attrs, grid)
    context = Context(grid=grid, by_id=by_id, viewbox=viewbox)
    for element_id, element in by_id.items():
        if local_name(element.tag) == "pattern":
            context.pattern_colors[element_id] = pattern_color(element) or "none"
    shapes: list[dict[str, str]] = []
    _walk(root, _inherit({}, root_attrs), matrix, 1.0, context, shapes, depth=0)
    if not shapes:
        raise NormalizeError("nothing drawable left after normalisation")
    return serialize(shapes, context.gradient_defs, grid)


def _inherit(parent: dict[str, str], attrs: dict[str, str]) -> dict[str, str]:
    """The inherited paint after an element that sets some of `INHERITED`."""
    merged = dict(parent)
    for name in INHERITED:
        if name in attrs and attrs[name] != "inherit":
            merged[name] = attrs[name]
    return merged


def _walk(element, inherited: dict, matrix: Matrix, group_opacity: float, context: Context,
          out: list, depth: int) -> None:
    for child in element:
        tag = local_name(child.tag)
        if tag in SKIPPED or not tag:
            continue
        attrs = attributes(child)
        if attrs.get("display") == "none" or attrs.get("visibility") == "hidden":
            continue
        try:
            local = multiply(matrix, transform_matrix(attrs.get("transform")))
        except GeometryError:
            continue  # an unreadable transform would place the shape anywhere: leave it out
        own_opacity = opacity(attrs.get("opacity"))
        alpha = group_opacity * (1.0 if own_opacity is None else own_opacity)
        if alpha <= 0.004:
            continue
        paint = _inherit(inherited, attrs)
        if tag in CONTAINERS:
            _walk(child, paint, local, alpha, context, out, depth)
        elif tag == "use":
            _use(child, attrs, paint, local, alpha, context, out, depth)
        elif tag in SHAPES:
            if len(out) >= MAX_SHAPES:
                raise NormalizeError(f"more than {MAX_SHAPES} shapes (nested <use> fan-out?): not a training target")
            shape = _shape(tag, attrs, local, context)
            if shape is not None:
                painted = _paint(shape, paint, local, alpha, context)
                if painted is not None:
                    out.append(painted)


def _use(element, attrs, paint, matrix: Matrix, alpha: float, context: Context, out: list, depth: int) -> None:
    """Inline a `<use>`: the referenced element drawn under the use's transform and x/y offset."""
    href = attrs.get("href", "")
    target = context.by_id.get(href[1:]) if href.startswith("#") else None
    if target is None or depth >= MAX_USE_DEPTH:
        return
    dx, dy = length(attrs.get("x"), context.viewbox[2]), length(attrs.get("y"), context.viewbox[3])
    offset = (1.0, 0.0, 0.0, 1.0, dx, dy)
    holder = copy.copy(element)  # a stand-in parent so the target is walked like any child
    holder[:] = [target] if local_name(target.tag) != "symbol" else list(target)
    _walk(holder, paint, multiply(matrix, offset), alpha, context, out, depth + 1)


# --------------------------------------------------------------------------------------------- geometry


def _shape(tag: str, attrs: dict, m: Matrix, context: Context) -> dict[str, str] | None:
    """Grid geometry of one shape under the map `m` (tag + geometry attributes), or None when it is empty."""
    box_w, box_h = context.viewbox[2], context.viewbox[3]
    if tag == "rect":
        return _rect(attrs, m, box_w, box_h)
    if tag in ("circle", "ellipse"):
        cx, cy = length(attrs.get("cx"), box_w), length(attrs.get("cy"), box_h)
        if tag == "circle":
            rx = ry = length(attrs.get("r"), (box_w + box_h) / 2)
        else:
            rx, ry = length(attrs.get("rx"), box_w, -1), length(attrs.get("ry"), box_h, -1)
            rx, ry = (ry if rx < 0 else rx), (rx if ry < 0 else ry)  # "auto": one radius gives both
        return _ellipse(cx, cy, rx, ry, m) if rx > 0 and ry > 0 else None
    if tag == "line":
        x1, y1 = apply(m, length(attrs.get("x1"), box_w), length(attrs.get("y1"), box_h))
        x2, y2 = apply(m, length(attrs.get("x2"), box_w), length(attrs.get("y2"), box_h))
        if (fmt(x1), fmt(y1)) == (fmt(x2), fmt(y2)):
            return None
        return {"tag": "line", "x1": fmt(x1), "y1": fmt(y1), "x2": fmt(x2), "y2": fmt(y2)}
    if tag in ("polyline", "polygon"):
        values = numbers(attrs.get("points", ""))
        points = [apply(m, values[i], values[i + 1]) for i in range(0, len(values) - 1, 2)]
        return _points(tag, points)
    try:
        segments = _transform_path(absolute_segments(attrs.get("d", "")), m)
    except GeometryError:
        return None
    if max(path_extent(round_path(segments))) < MIN_EXTENT:
        return None
    d = encode_path(segments)
    return {"tag": "path", "d": d} if d else None


def _rect(attrs: dict, m: Matrix, box_w: float, box_h: float) -> dict[str, str] | None:
    x, y = length(attrs.get("x"), box_w), length(attrs.get("y"), box_h)
    w, h = length(attrs.get("width"), box_w), length(attrs.get("height"), box_h)
    if w <= 0 or h <= 0:
        return None
    rx, ry = length(attrs.get("rx"), box_w, -1), length(attrs.get("ry"), box_h, -1)
    rx, ry = (max(ry, 0) if rx < 0 else rx), (max(rx, 0) if ry < 0 else ry)
    rx, ry = min(rx, w / 2), min(ry, h / 2)
    if is_axis_aligned(m):
        (x0, y0), (x1, y1) = apply(m, x, y), apply(m, x + w, y + h)
        left, top, right, bottom = round(min(x0, x1)), round(min(y0, y1)), round(max(x0, x1)), round(max(y0, y1))
        if right <= left or bottom <= top:
            return None
        shape = {"tag": "rect", "x": fmt(left), "y": fmt(top), "width": fmt(right - left), "height": fmt(bottom - top)}
        _corner_radii(shape, rx * abs(m[0]), ry * abs(m[3]), right - left, bottom - top)
        return shape
    similarity = abs(m[0] - m[3]) < 1e-6 and abs(m[1] + m[2]) < 1e-6
    if similarity and (rx > 0 or ry > 0):
        # a rotated rounded rectangle: the rectangle drawn upright about its mapped centre, then rotated
        scale = linear_scale(m)
        cx, cy = apply(m, x + w / 2, y + h / 2)
        new_w, new_h = w * scale, h * scale
        shape = {"tag": "rect", "x": fmt(cx - new_w / 2), "y": fmt(cy - new_h / 2), "width": fmt(new_w),
                 "height": fmt(new_h)}
        _corner_radii(shape, rx * scale, ry * scale, round(new_w), round(new_h))
        angle = _angle(m)
        if fmt(angle) != "0":
            shape["transform"] = f"rotate({join_numbers((angle, cx, cy))})"
        return shape
    corners = [apply(m, px, py) for px, py in ((x, y), (x + w, y), (x + w, y + h), (x, y + h))]
    return _points("polygon", corners)


def _corner_radii(shape: dict, rx: float, ry: float, width: int, height: int) -> None:
    """Write rx (and ry when it differs), clamped to the rounded size as a renderer clamps them."""
    rx, ry = min(rx, width / 2), min(ry, height / 2)
    if fmt(rx) != "0" or fmt(ry) != "0":
        shape["rx"] = fmt(rx)
        if fmt(ry) != fmt(rx):
            shape["ry"] = fmt(ry)


def _angle(m: Matrix) -> float:
    import math

    return math.degrees(math.atan2(m[1], m[0]))


def _ellipse(cx: float, cy: float, rx: float, ry: float, m: Matrix) -> dict[str, str] | None:
    new_cx, new_cy = apply(m, cx, cy)
    big, small, angle = ellipse_axes(m, rx, ry)
    if fmt(big) == "0" and fmt(small) == "0":
        return None
    center = {"cx": fmt(new_cx), "cy": fmt(new_cy)}
    if fmt(big) == fmt(small):
        return {"tag": "circle", **center, "r": fmt(big)}
    angle = ((angle + 90) % 180) - 90  # an ellipse is symmetric: any angle folds into [-90, 90)
    if abs(abs(angle) - 90) < 0.5:
        big, small, angle = small, big, 0.0
    shape = {"tag": "ellipse", **center, "rx": fmt(big), "ry": fmt(small)}
    if fmt(angle) != "0":
        shape["transform"] = f"rotate({join_numbers((angle, new_cx, new_cy))})"
    return shape


def _points(tag: str, points: list[tuple[float, float]]) -> dict[str, str] | None:
    rounded: list[tuple[int, int]] = []
    for x, y in points:
        point = (round(x), round(y))
        if not rounded or rounded[-1] != point:  # points merged by rounding add nothing
            rounded.append(point)
    if tag == "polygon" and len(rounded) > 1 and rounded[0] == rounded[-1]:
        rounded.pop()
    xs, ys = [p[0] for p in rounded], [p[1] for p in rounded]
    if len(set(rounded)) < (3 if tag == "polygon" else 2) or max(max(xs) - min(xs), max(ys) - min(ys)) < MIN_EXTENT:
        return None
    return {"tag": tag, "points": join_numbers(v for point in rounded for v in point)}


# ------------------------------------------------------------------------------------------------ paint


def _paint(shape: dict, paint: dict, m: Matrix, alpha: float, context: Context) -> dict[str, str] | None:
    """Add the shape's effective paint (defaults left out); None when it would draw nothing."""
    fill = color(paint.get("fill"), context, m) or "#000000"
    if shape["tag"] == "line":
        fill = "none"  # a line has no interior
    stroke = color(paint.get("stroke"), context, m) or "none"
    if fill == "none" and stroke == "none":
        return None
    shape["fill"] = fill
    shape["stroke"] = stroke
    if stroke != "none":
        width = length(paint.get("stroke-width"), context.viewbox[2], 1.0) * linear_scale(m)
        if width <= 0:
            shape["stroke"] = "none"
            if fill == "none":
                return None
        else:
            shape["stroke-width"] = fmt(width) if width >= 3 else decimal(max(width, 0.1), 1)
            for name in ("stroke-linecap", "stroke-linejoin"):
                if name in paint:
                    shape[name] = paint[name]
            stroke_opacity = opacity(paint.get("stroke-opacity"))
            if stroke_opacity is not None:
                shape["stroke-opacity"] = fraction(stroke_opacity)
    fill_opacity = opacity(paint.get("fill-opacity"))
    if fill_opacity is not None and fill != "none":
        shape["fill-opacity"] = fraction(fill_opacity)
    if paint.get("fill-rule") == "evenodd" and shape["tag"] in ("path", "polygon", "polyline"):
        shape["fill-rule"] = "evenodd"
    shape["opacity"] = fraction(alpha)
    if shape["opacity"] == "0":
        return None
    if shape["tag"] == "line":
        del shape["fill"]  # a line has no interior: its fill is never painted
    if shape["tag"] == "rect" and stroke == "none" and "transform" not in shape:
        _clamp_rect(shape, context.grid)
    geometry_defaults = GEOMETRY_DEFAULTS.get(shape["tag"], {})
    return {key: value for key, value in shape.items()
            if DEFAULTS.get(key) != value and geometry_defaults.get(key) != value}


def _clamp_rect(shape: dict, grid: int) -> None:
    """Cut an unstroked rectangle to the canvas: the part outside is never seen, and a background reads the
    same in every target (`<rect width="256" height="256" ...>`). Rounded corners outside the canvas are kept."""
    left, top = int(shape["x"]), int(shape["y"])
    right, bottom = left + int(shape["width"]), top + int(shape["height"])
    if "rx" in shape and (left < 0 or top < 0 or right > grid or bottom > grid):
        return  # cutting would straighten visible rounded corners
    new = max(left, 0), max(top, 0), min(right, grid), min(bottom, grid)
    if new[2] > new[0] and new[3] > new[1]:
        shape.update(x=fmt(new[0]), y=fmt(new[1]), width=fmt(new[2] - new[0]), height=fmt(new[3] - new[1]))


# ------------------------------------------------------------------------------------------------ output


def _element(shape: dict, drop: tuple[str, ...] = ()) -> str:
    parts = [f'{key}="{value}"' for key, value in shape.items() if key != "tag" and key not in drop]
    return f"<{shape['tag']} " + " ".join(parts) + "/>"


def serialize(shapes: list[dict], gradient_defs: list[str], grid: int = GRID_SIZE) -> str:
    """The compact document: header, gradients in `<defs>`, then the shapes (runs sharing a fill grouped)."""
    lines = [f'<svg xmlns="{SVG_NAMESPACE}" viewBox="0 0 {grid} {grid}">']
    if gradient_defs:
        lines += ["<defs>", *gradient_defs, "</defs>"]
    index = 0
    while index < len(shapes):
        fill = shapes[index].get("fill", DEFAULTS["fill"])
        end = index
        while end < len(shapes) and shapes[end].get("fill", DEFAULTS["fill"]) == fill:
            end += 1
        if end - index >= MIN_GROUP_RUN and fill != DEFAULTS["fill"]:
            lines.append(f'<g fill="{fill}">')
            lines += [_element(shape, drop=("fill",)) for shape in shapes[index:end]]
            lines.append("</g>")
        else:
            lines += [_element(shape) for shape in shapes[index:end]]
        index = end
    lines.append(SVG_CLOSE)
    return ELEMENT_SEPARATOR.join(lines)
