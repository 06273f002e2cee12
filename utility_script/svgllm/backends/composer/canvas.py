"""A tiny SVG writer: compact numbers, a defs section with unique ids, deterministic randomness."""

from __future__ import annotations

import hashlib
import random

from ...values import CANVAS_SIZE

SIZE = CANVAS_SIZE  # the canvas's width and height (svgllm.values owns the number)


def n(value: float) -> str:
    """A coordinate with at most one decimal and no trailing zeros (bytes matter under the 10 kB cap)."""
    text = f"{value:.1f}"
    text = text.removesuffix(".0")
    return "0" if text == "-0" else text


def pts(points) -> str:
    """Polygon/polyline `points` attribute from (x, y) pairs."""
    return " ".join(f"{n(x)},{n(y)}" for x, y in points)


def seeded_random(text: str) -> random.Random:
    """A random source fixed by `text`, so the same description always draws the same picture."""
    return random.Random(int.from_bytes(hashlib.sha256(text.encode("utf-8", "replace")).digest()[:8], "big"))


class Canvas:
    """Collects defs and drawing parts; `svg()` joins them into one document."""

    def __init__(self, seed_text: str = ""):
        self.defs: list[str] = []
        self.parts: list[str] = []
        self.rng = seeded_random(seed_text)
        self._next_id = 0

    def new_id(self) -> str:
        """A short unique id for a def."""
        self._next_id += 1
        return f"d{self._next_id}"

    def add(self, *parts: str) -> None:
        """Append drawing elements (already serialised)."""
        self.parts.extend(parts)

    def linear(self, stops, x2: float = 0, y2: float = 1, x1: float = 0, y1: float = 0) -> str:
        """Define a linear gradient (stops: (offset, colour[, opacity])); returns the `url(#id)` paint."""
        gid = self.new_id()
        self.defs.append(
            f'<linearGradient id="{gid}" x1="{n(x1)}" y1="{n(y1)}" x2="{n(x2)}" y2="{n(y2)}">'
            + _stops(stops)
            + "</linearGradient>"
        )
        return f"url(#{gid})"

    def radial(self, stops, cx: float = 0.5, cy: float = 0.5, r: float = 0.5) -> str:
        """Define a radial gradient in bounding-box units; returns the `url(#id)` paint."""
        gid = self.new_id()
        self.defs.append(
            f'<radialGradient id="{gid}" cx="{cx:g}" cy="{cy:g}" r="{r:g}">' + _stops(stops) + "</radialGradient>"
        )
        return f"url(#{gid})"

    def pattern(self, width: float, height: float, body: str, transform: str = "") -> str:
        """Define a user-space tile pattern; returns the `url(#id)` paint."""
        pid = self.new_id()
        extra = f' patternTransform="{transform}"' if transform else ""
        self.defs.append(
            f'<pattern id="{pid}" width="{n(width)}" height="{n(height)}" '
            f'patternUnits="userSpaceOnUse"{extra}>{body}</pattern>'
        )
        return f"url(#{pid})"

    def symbol(self, body: str) -> str:
        """Define a reusable group; returns its id for `<use href="#id">`."""
        sid = self.new_id()
        self.defs.append(f'<g id="{sid}">{body}</g>')
        return sid

    def size(self) -> int:
        """Bytes of the document as it stands."""
        return len(self.svg().encode("utf-8"))

    def svg(self) -> str:
        """The whole SVG document."""
        defs = f"<defs>{''.join(self.defs)}</defs>" if self.defs else ""
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE}" height="{SIZE}" '
            f'viewBox="0 0 {SIZE} {SIZE}">{defs}{"".join(self.parts)}</svg>'
        )


def _stops(stops) -> str:
    out = []
    for stop in stops:
        offset, color = stop[0], stop[1]
        opacity = f' stop-opacity="{stop[2]:g}"' if len(stop) > 2 else ""
        out.append(f'<stop offset="{offset:g}" stop-color="{color}"{opacity}/>')
    return "".join(out)


def rect(x, y, w, h, fill, extra: str = "") -> str:
    """<rect> element."""
    return f'<rect x="{n(x)}" y="{n(y)}" width="{n(w)}" height="{n(h)}" fill="{fill}"{extra}/>'


def circle(cx, cy, r, fill, extra: str = "") -> str:
    """<circle> element."""
    return f'<circle cx="{n(cx)}" cy="{n(cy)}" r="{n(r)}" fill="{fill}"{extra}/>'


def ellipse(cx, cy, rx, ry, fill, extra: str = "") -> str:
    """<ellipse> element."""
    return f'<ellipse cx="{n(cx)}" cy="{n(cy)}" rx="{n(rx)}" ry="{n(ry)}" fill="{fill}"{extra}/>'


def polygon(points, fill, extra: str = "") -> str:
    """<polygon> element."""
    return f'<polygon points="{pts(points)}" fill="{fill}"{extra}/>'


def path(d: str, fill: str, extra: str = "") -> str:
    """<path> element."""
    return f'<path d="{d}" fill="{fill}"{extra}/>'
