"""The one cairosvg adapter: render an SVG exactly as the competition's metric does.

Metric semantics (competition README): inject `viewBox="0 0 384 384"` when the text has no viewBox, render with
cairosvg at the SVG's own size, convert to RGB (transparent pixels become black) and resize to 384x384.
"""
from __future__ import annotations

import io

METRIC_SIZE = 384


def render(svg: str, size: int = METRIC_SIZE):
    """Return the metric's view of `svg` as a PIL RGB image of `size` x `size`. Raises when cairosvg fails."""
    import cairosvg  # imported on use: cairo is a native library and `import svgllm` must stay light
    from PIL import Image

    if "viewBox" not in svg:
        svg = svg.replace("<svg", f'<svg viewBox="0 0 {size} {size}"', 1)
    png = cairosvg.svg2png(bytestring=svg.encode("utf-8"))
    return Image.open(io.BytesIO(png)).convert("RGB").resize((size, size))


def render_problem(svg: str) -> str:
    """Return "" when `svg` renders, otherwise why it does not (never raises)."""
    try:
        image = render(svg)
    except Exception as error:  # cairosvg/cairo/PIL raise many unrelated types; any of them fails scoring
        return f"render failed: {type(error).__name__}: {str(error)[:200]}"
    if image.size != (METRIC_SIZE, METRIC_SIZE):
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
