"""Affine geometry for the normaliser: SVG transform lists, path data parsing, transforming and compact encoding.

A matrix is a 6-tuple `(a, b, c, d, e, f)` as in SVG's `matrix(a b c d e f)`: x' = a·x + c·y + e and
y' = b·x + d·y + f. Paths are parsed into absolute segments with only M, L, C, Q, A and Z (H/V become L, S/T
become C/Q with their reflected control point), so that any affine map applies exactly, arcs included (their
radii and rotation come from a singular value decomposition of the mapped ellipse axes).
"""
from __future__ import annotations

import math
import re

from svgllm.path_data import parse_path
from svgllm.values import NUMBER

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_TRANSFORM = re.compile(r"(matrix|translate|scale|rotate|skewX|skewY)\s*\(([^)]*)\)")


class GeometryError(ValueError):
    """Geometry that cannot be read (malformed transform or path data)."""


def multiply(m: Matrix, n: Matrix) -> Matrix:
    """The matrix of applying `n` first, then `m` (SVG's left-to-right transform lists multiply this way)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + c * b2, b * a2 + d * b2, a * c2 + c * d2, b * c2 + d * d2,
            a * e2 + c * f2 + e, b * e2 + d * f2 + f)


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    """Map the point (x, y) through `m`."""
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def numbers(text: str) -> list[float]:
    """Every number in `text` in order (commas, spaces and signs separate them)."""
    return [float(value) for value in NUMBER.findall(text or "")]


def transform_matrix(text: str | None) -> Matrix:
    """The matrix of an SVG transform list (`svgllm.values.parse_transform` reads one for the sanitizer: it clamps,
    is case-insensitive and refuses NaN, so it differs); GeometryError for anything unreadable."""
    if not text or not text.strip():
        return IDENTITY
    result = IDENTITY
    position = 0
    for match in _TRANSFORM.finditer(text):
        if text[position:match.start()].strip(" ,\t\n"):
            raise GeometryError(f"unreadable transform {text!r}")
        position = match.end()
        name, args = match.group(1), numbers(match.group(2))
        result = multiply(result, _one_transform(name, args, text))
    if text[position:].strip(" ,\t\n"):
        raise GeometryError(f"unreadable transform {text!r}")
    return result


def _one_transform(name: str, args: list[float], text: str) -> Matrix:
    counts = {"matrix": (6,), "translate": (1, 2), "scale": (1, 2), "rotate": (1, 3), "skewX": (1,), "skewY": (1,)}
    if len(args) not in counts[name]:
        raise GeometryError(f"{name} takes {counts[name]} numbers in {text!r}")
    if name == "matrix":
        return tuple(args)  # type: ignore[return-value]
    if name == "translate":
        return (1.0, 0.0, 0.0, 1.0, args[0], args[1] if len(args) == 2 else 0.0)
    if name == "scale":
        return (args[0], 0.0, 0.0, args[1] if len(args) == 2 else args[0], 0.0, 0.0)
    if name == "rotate":
        angle = math.radians(args[0])
        cos, sin = math.cos(angle), math.sin(angle)
        rotation = (cos, sin, -sin, cos, 0.0, 0.0)
        if len(args) == 3:
            cx, cy = args[1], args[2]
            return multiply(multiply((1, 0, 0, 1, cx, cy), rotation), (1, 0, 0, 1, -cx, -cy))
        return rotation
    tangent = math.tan(math.radians(args[0]))
    return (1.0, 0.0, tangent, 1.0, 0.0, 0.0) if name == "skewX" else (1.0, tangent, 0.0, 1.0, 0.0, 0.0)


def linear_scale(m: Matrix) -> float:
    """How much `m` scales lengths on average (the square root of its area factor); strokes scale by this."""
    return math.sqrt(abs(m[0] * m[3] - m[1] * m[2]))


def is_axis_aligned(m: Matrix, eps: float = 1e-9) -> bool:
    """True when `m` only scales and translates (rectangles stay rectangles)."""
    return abs(m[1]) < eps and abs(m[2]) < eps


def ellipse_axes(m: Matrix, rx: float, ry: float, angle_deg: float = 0.0) -> tuple[float, float, float]:
    """The (rx, ry, angle in degrees) of the image under `m` of an ellipse with radii rx, ry rotated by angle.

    The image of an ellipse under a linear map is an ellipse whose radii are the singular values of
    L·R(angle)·diag(rx, ry) and whose first axis is the first left singular vector.
    """
    theta = math.radians(angle_deg)
    cos, sin = math.cos(theta), math.sin(theta)
    a, b, c, d = m[0], m[1], m[2], m[3]
    # columns: the images of the two radius vectors
    p, q = (a * cos * rx + c * sin * rx, b * cos * rx + d * sin * rx)
    r, s = (-a * sin * ry + c * cos * ry, -b * sin * ry + d * cos * ry)
    # closed-form 2x2 SVD of [[p, r], [q, s]]
    e, f = (p + s) / 2, (p - s) / 2
    g, h = (q - r) / 2, (q + r) / 2
    big, small = math.hypot(e, g) + math.hypot(f, h), abs(math.hypot(e, g) - math.hypot(f, h))
    angle = (math.atan2(g, e) + math.atan2(h, f)) / 2
    return big, small, math.degrees(angle)


# ---------------------------------------------------------------------------------------------------- paths


def absolute_segments(d: str) -> list[tuple]:
    """Absolute segments of path data: ('M', x, y), ('L', x, y), ('C', 6 numbers), ('Q', 4), ('A', 7), ('Z',).

    Read by the one path parser (`svgllm.path_data.parse_path`, strict). Raises GeometryError on malformed data.
    """
    try:
        relative_segments = parse_path(d or "", strict=True)
    except ValueError as error:
        raise GeometryError(str(error)) from None
    segments: list[tuple] = []
    x = y = start_x = start_y = 0.0
    last_control: tuple[str, float, float] | None = None
    for command, args in relative_segments:
        upper = command.upper()
        if upper == "Z":
            segments.append(("Z",))
            x, y = start_x, start_y
            last_control = None
            continue
        dx, dy = (x, y) if command.islower() else (0.0, 0.0)
        if upper == "M":
            x, y = args[0] + dx, args[1] + dy
            start_x, start_y = x, y
            segments.append(("M", x, y))
            last_control = None
        elif upper in "LHV":
            if upper == "L":
                x, y = args[0] + dx, args[1] + dy
            elif upper == "H":
                x = args[0] + dx
            else:
                y = args[0] + dy
            segments.append(("L", x, y))
            last_control = None
        elif upper in "CS":
            if upper == "C":
                x1, y1 = args[0] + dx, args[1] + dy
                rest = args[2:]
            else:
                x1, y1 = _reflect(last_control, "C", x, y)
                rest = args
            x2, y2 = rest[0] + dx, rest[1] + dy
            x, y = rest[2] + dx, rest[3] + dy
            segments.append(("C", x1, y1, x2, y2, x, y))
            last_control = ("C", x2, y2)
        elif upper in "QT":
            if upper == "Q":
                x1, y1 = args[0] + dx, args[1] + dy
                x, y = args[2] + dx, args[3] + dy
            else:
                x1, y1 = _reflect(last_control, "Q", x, y)
                x, y = args[0] + dx, args[1] + dy
            segments.append(("Q", x1, y1, x, y))
            last_control = ("Q", x1, y1)
        else:  # A
            rx, ry, rotation, large, sweep = args[:5]
            x, y = args[5] + dx, args[6] + dy
            segments.append(("A", abs(rx), abs(ry), rotation, int(large != 0), int(sweep != 0), x, y))
            last_control = None
    return segments


def _reflect(last_control, kind: str, x: float, y: float) -> tuple[float, float]:
    """S/T control point: the previous C/Q control point reflected about the current point (or the point)."""
    if last_control is None or last_control[0] != kind:
        return x, y
    return 2 * x - last_control[1], 2 * y - last_control[2]


def transform_path(segments: list[tuple], m: Matrix) -> list[tuple]:
    """`segments` (absolute) mapped through `m`; arcs get new radii/rotation and a flipped sweep for mirrors."""
    mirrored = (m[0] * m[3] - m[1] * m[2]) < 0
    out: list[tuple] = []
    for segment in segments:
        kind = segment[0]
        if kind == "Z":
            out.append(segment)
        elif kind == "A":
            _, rx, ry, rotation, large, sweep, x, y = segment
            new_rx, new_ry, new_rotation = ellipse_axes(m, rx, ry, rotation)
            # an ellipse repeats every 180 degrees, and a circle has no orientation at all
            new_rotation = 0.0 if abs(new_rx - new_ry) <= 1e-9 * max(new_rx, 1.0) else ((new_rotation + 90) % 180) - 90
            out.append(("A", new_rx, new_ry, new_rotation, large, 1 - sweep if mirrored else sweep, *apply(m, x, y)))
        else:
            values = segment[1:]
            mapped: list[float] = []
            for i in range(0, len(values), 2):
                mapped.extend(apply(m, values[i], values[i + 1]))
            out.append((kind, *mapped))
    return out


def fmt(value: float) -> str:
    """An integer-grid number as text: rounded, no "-0"."""
    number = int(round(value))
    return "0" if number == 0 else str(number)


def join_numbers(values) -> str:
    """Numbers separated by a space, or by nothing before a minus sign (the shortest valid path syntax)."""
    text = ""
    for value in values:
        piece = value if isinstance(value, str) else fmt(value)
        text += piece if not text or piece.startswith("-") else " " + piece
    return text


def round_path(segments: list[tuple]) -> list[list]:
    """Absolute segments rounded to the integer grid, as subpaths (lists of [kind, ints...]).

    Segments that vanish after rounding are dropped, consecutive straight segments in one direction are merged,
    and subpaths that draw nothing are removed.
    """
    subpaths: list[list] = []
    current: list = []
    x = y = start_x = start_y = 0
    for segment in segments:
        kind = segment[0]
        if kind == "M" or not current:
            if current:
                subpaths.append(current)
            x, y = (round(segment[1]), round(segment[2])) if kind == "M" else (x, y)
            start_x, start_y = x, y
            current = [["M", x, y]]
            if kind == "M":
                continue
        if kind == "Z":
            if current[-1][0] != "Z":
                current.append(["Z"])
            x, y = start_x, start_y
            continue
        if current[-1][0] == "Z":  # drawing on after a closepath starts again at the subpath's start
            current.append(["M", start_x, start_y])
        if kind == "A":
            _, rx, ry, rotation, large, sweep, ax, ay = segment
            nx, ny = round(ax), round(ay)
            if (nx, ny) == (x, y):
                continue
            if round(rx) != 0 and round(ry) != 0:
                current.append(["A", round(rx), round(ry), round(rotation), large, sweep, nx, ny])
                x, y = nx, ny
                continue
            kind, segment = "L", ("L", ax, ay)  # an arc too flat for the grid is a straight line
        points = [round(v) for v in segment[1:]]
        if all(p == (x if i % 2 == 0 else y) for i, p in enumerate(points)):
            continue  # collapsed to a point
        previous = current[-1]
        if kind == "L" and previous[0] == "L" and len(current) > 1:
            before = current[-2][-2:] if current[-2][0] != "Z" else [start_x, start_y]
            ax, ay = x - before[0], y - before[1]
            bx, by = points[0] - x, points[1] - y
            if ax * by == ay * bx and ax * bx + ay * by > 0:  # same direction: one longer segment
                previous[1:] = points
                x, y = points
                continue
        current.append([kind, *points])
        x, y = points[-2], points[-1]
    if current:
        subpaths.append(current)
    return [sub for sub in subpaths if any(seg[0] not in "MZ" for seg in sub)]


def encode_path(segments: list[tuple]) -> str:
    """Compact path data on the integer grid: each segment absolute or relative, whichever is shorter.

    Positions are rounded first (`round_path`) and relative offsets taken between rounded positions, so
    rounding never drifts; a repeated command letter is left out. Returns "" when nothing drawable is left.
    """
    pieces: list[str] = []
    last_letter = ""
    x = y = start_x = start_y = 0
    for subpath in round_path(segments):
        for segment in subpath:
            kind = segment[0]
            if kind == "M":
                # always absolute: cheap, and independent of what an earlier subpath did
                x, y = start_x, start_y = segment[1], segment[2]
                pieces.append("M" + join_numbers((x, y)))
                last_letter = "M"
                continue
            if kind == "Z":
                pieces.append("z")
                last_letter = "z"
                x, y = start_x, start_y
                continue
            if kind == "L":
                nx, ny = segment[1], segment[2]
                if ny == y:
                    options = [("H", [nx]), ("h", [nx - x])]
                elif nx == x:
                    options = [("V", [ny]), ("v", [ny - y])]
                else:
                    options = [("L", [nx, ny]), ("l", [nx - x, ny - y])]
            elif kind == "A":
                head = list(segment[1:6])
                nx, ny = segment[6], segment[7]
                options = [("A", head + [nx, ny]), ("a", head + [nx - x, ny - y])]
            else:
                points = segment[1:]
                nx, ny = points[-2], points[-1]
                offsets = [p - (x if i % 2 == 0 else y) for i, p in enumerate(points)]
                options = [(kind, points), (kind.lower(), offsets)]
            letter, text = min(((lt, join_numbers(v)) for lt, v in options), key=lambda o: len(o[1]))
            if letter == last_letter:
                pieces.append(text if text.startswith("-") else " " + text)
            else:
                pieces.append(letter + text)
            last_letter = letter
            x, y = nx, ny
    return "".join(pieces)


def path_extent(d_segments: list[list]) -> tuple[int, int]:
    """Width and height of the box around every point of rounded subpaths (control points included)."""
    xs: list[int] = []
    ys: list[int] = []
    for subpath in d_segments:
        for segment in subpath:
            values = segment[6:8] if segment[0] == "A" else segment[1:]
            xs.extend(values[0::2])
            ys.extend(values[1::2])
    return (max(xs) - min(xs), max(ys) - min(ys)) if xs else (0, 0)
