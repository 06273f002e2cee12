"""A gallery for a person to look at: one HTML page plus a PNG contact sheet of the metric's 384x384 renders."""
from __future__ import annotations

import html
from pathlib import Path

from .render import contact_sheet, render
from .values import CANVAS_SIZE


def write_gallery(rows: list[dict], directory: str | Path, scores: dict[str, float] | None = None) -> Path:
    """Write `index.html`, one `<id>.svg` per row and `contact_sheet.png` into `directory`; return the page path.

    `rows` hold `id`, `description`, `svg` and optionally `backend` and `ms`. SVGs are shown through <img>
    tags pointing at files, never inlined, so nothing in them can run in the page.
    """
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    images, captions, cards = [], [], []
    for row in rows:
        safe_id = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in str(row["id"]))[:80] or "item"
        (out / f"{safe_id}.svg").write_text(row["svg"], encoding="utf-8")
        try:
            images.append(render(row["svg"]))
        except Exception as error:  # noqa: BLE001 - a broken render is shown as such, not fatal for the gallery
            from PIL import Image

            images.append(Image.new("RGB", (CANVAS_SIZE, CANVAS_SIZE), "red"))
            row = {**row, "backend": f"render failed: {error}"}
        captions.append(row["description"])
        details = " · ".join(str(part) for part in (
            row.get("backend"), f"{row['ms']:.0f} ms" if row.get("ms") is not None else None,
            f"{len(row['svg'].encode('utf-8'))} bytes",
            f"score {scores[row['id']]:.3f}" if scores and row["id"] in scores else None) if part)
        cards.append(
            f'<figure><img src="{html.escape(safe_id)}.svg" width="192" height="192" alt="">'
            f"<figcaption>{html.escape(row['description'])}<br><small>{html.escape(details)}</small>"
            "</figcaption></figure>")
    if images:
        contact_sheet(images, captions).save(out / "contact_sheet.png")
    page = out / "index.html"
    page.write_text(
        "<!doctype html><meta charset='utf-8'><title>svgllm gallery</title>"
        "<style>body{font-family:sans-serif}figure{display:inline-block;width:200px;vertical-align:top}"
        "img{border:1px solid #ccc}</style>"
        f"<h1>{len(rows)} drawings</h1><p><a href='contact_sheet.png'>contact sheet</a></p>" + "".join(cards),
        encoding="utf-8")
    return page
