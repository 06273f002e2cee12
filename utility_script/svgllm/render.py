"""The one cairosvg adapter: render an SVG exactly as the competition's metric does.

Metric semantics (competition README): inject `viewBox="0 0 384 384"` when the text has no viewBox, render with
cairosvg at the SVG's own size, convert to RGB (transparent pixels become black) and resize to 384x384.
"""
from __future__ import annotations

import io

from .values import CANVAS_SIZE

# Wall-clock limit of one render check. Sanitised SVGs render in well under a second (their work is bounded,
# `sanitize.render_cost`); only text that bypassed the sanitiser can come near this.
RENDER_TIMEOUT_S = 5.0


def render(svg: str, size: int = CANVAS_SIZE):
    """Return the metric's view of `svg` as a PIL RGB image of `size` x `size`. Raises when cairosvg fails."""
    import cairosvg  # imported on use: cairo is a native library and `import svgllm` must stay light
    from PIL import Image

    if "viewBox" not in svg:
        svg = svg.replace("<svg", f'<svg viewBox="0 0 {size} {size}"', 1)
    png = cairosvg.svg2png(bytestring=svg.encode("utf-8"))
    return Image.open(io.BytesIO(png)).convert("RGB").resize((size, size))


def warm_up_renderer(timeout_s: float = 60.0) -> bool:
    """Start the render worker and import cairo in it now, so the first bounded render check is not slowed by
    the start (a second or so); True when the worker is ready."""
    from .isolation import warm_up

    return warm_up(("cairosvg", "PIL.Image", __name__), timeout_s)


def render_problem(svg: str, timeout_s: float | None = RENDER_TIMEOUT_S) -> str:
    """Return "" when `svg` renders, otherwise why it does not (never raises).

    With a `timeout_s` (the default, `RENDER_TIMEOUT_S`) the render runs in the killable worker process of
    `svgllm.isolation` and an overrun is reported as "render timed out after X s"; `timeout_s=None` renders
    in this process, unbounded (what the worker itself does).
    """
    if timeout_s is not None:
        from .isolation import call_isolated

        outcome, value = call_isolated(f"{__name__}:render_problem", (svg, None), timeout_s)
        if outcome == "ok":
            return value
        if outcome == "timeout":
            return f"render timed out after {timeout_s:g} s"
        return f"render failed in the worker: {value}"
    try:
        image = render(svg)
    except Exception as error:  # cairosvg/cairo/PIL raise many unrelated types; any of them fails scoring
        return f"render failed: {type(error).__name__}: {str(error)[:200]}"
    if image.size != (CANVAS_SIZE, CANVAS_SIZE):
        return f"render has size {image.size}"
    return ""


def contact_sheet(images, captions, columns: int = 4, tile: int = 192):
    """Tile rendered images with their captions into one PIL image for a person to look at."""
    from PIL import Image, ImageDraw

    images = list(images)
    captions = list(captions)
    rows = max(1, (len(images) + columns - 1) // columns)
    caption_height = 36
    sheet = Image.new("RGB", (columns * tile, rows * (tile + caption_height)), "white")
    draw = ImageDraw.Draw(sheet)
    for index, (image, caption) in enumerate(zip(images, captions, strict=False)):
        x, y = (index % columns) * tile, (index // columns) * (tile + caption_height)
        sheet.paste(image.resize((tile, tile)), (x, y))
        lines = _wrap(caption, width=tile // 6)[:2]
        for line_number, line in enumerate(lines):
            draw.text((x + 3, y + tile + 2 + 14 * line_number), line, fill="black")
    return sheet


def _wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap to lines of at most `width` characters."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if len(candidate) > width and current:
            lines.append(current)
            current = word[:width]
        else:
            current = candidate[: max(width, 1)]
    if current:
        lines.append(current)
    return lines
