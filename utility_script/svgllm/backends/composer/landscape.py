"""Landscape painting: sky by time of day and weather, sun/moon/stars, clouds; the ground comes from `terrain`."""

from __future__ import annotations

from ...colors import luminance, mix, shift_lightness
from .canvas import SIZE, Canvas, circle, n, polygon, rect
from .lighting import shade
from .scene import FrozenScene
from .terrain import cloud, hills, horizon_for, paint_ground

# time of day -> sky gradient stops, top to horizon
SKIES = {
    "dawn": ("#4b5d96", "#c98bb0", "#ffd3a5"),
    "sunrise": ("#5f93d0", "#f7a98b", "#ffe29a"),
    "morning": ("#5fa8e8", "#9fd3f5", "#e4f4fd"),
    "midday": ("#2f80d8", "#6fb4ee", "#c4e6fb"),
    "afternoon": ("#4a90d9", "#8cc3ef", "#f3e6c4"),
    "sunset": ("#3b3370", "#d45a7a", "#ffab4c"),
    "dusk": ("#1c2250", "#5e3f86", "#e07a6a"),
    "night": ("#03071e", "#0d1b46", "#1f3264"),
}


def paint_sky(canvas: Canvas, scene: FrozenScene, horizon: float) -> None:
    """Full-canvas sky gradient (also the opaque background every SVG must have)."""
    top, middle, low = SKIES.get(scene.time or "midday")
    weather = scene.weather
    if "storm" in weather:
        top, middle, low = "#2c3038", "#4a505c", "#6b717d"
    elif "cloudy" in weather or "rain" in weather or "snow" in weather:
        top, middle, low = (mix(c, "#9aa3ad", 0.55) for c in (top, middle, low))
    if "fog" in weather:
        top, middle, low = (mix(c, "#dfe3e6", 0.6) for c in (top, middle, low))
    if scene.sky_color and not _same_hue(scene.sky_color, middle):
        # the named colour leads the middle band ("an orange sunset", "a purple sky"); a blue sky stays as it is
        top, middle, low = (
            mix(scene.sky_color, top, 0.5),
            mix(scene.sky_color, middle, 0.15),
            shift_lightness(scene.sky_color, 0.35),
        )
    fill = canvas.linear([(0, top), (0.6, middle), (1, low)])
    canvas.add(rect(0, 0, SIZE, SIZE, fill))


def _same_hue(a: str, b: str) -> bool:
    """True when two colours share a hue (within 40 degrees) and both are clearly coloured."""
    import colorsys

    (ha, _, sa), (hb, _, sb) = (colorsys.rgb_to_hls(*(int(c[i : i + 2], 16) / 255 for i in (1, 3, 5))) for c in (a, b))
    gap = min(abs(ha - hb), 1 - abs(ha - hb))
    return sa > 0.3 and sb > 0.3 and gap < 40 / 360


def paint_celestial(canvas: Canvas, scene: FrozenScene, horizon: float) -> None:
    """Sun, moon and stars placed by the time of day."""
    time = scene.time or "midday"
    night = time in ("night", "dusk") or "stars" in scene.celestial
    if "stars" in scene.celestial or time == "night":
        _starry_sky(canvas, horizon, 26 if time == "night" else 12)
    if "moon" in scene.celestial or (time == "night" and "sun" not in scene.celestial):
        _moon(canvas, 300, 70)
    if time == "dusk" and "stars" not in scene.celestial:  # the first faint stars of the evening
        d = "".join(f"M{n(canvas.rng.uniform(8, 376))} {n(canvas.rng.uniform(8, horizon * 0.4))}h0" for _ in range(10))
        canvas.add(f'<path d="{d}" stroke="#fff3e0" stroke-width="2.4" stroke-linecap="round" opacity=".8"/>')
    if "sun" in scene.celestial or time == "dusk" or (not night and "storm" not in scene.weather and time != "night"):
        _sun(canvas, scene, time, horizon)


def _starry_sky(canvas: Canvas, horizon: float, count: int) -> None:
    """`count` stars over the upper sky; the biggest get four-point sparkles so the sky reads as "starry"."""
    rng = canvas.rng
    dots = []
    for _ in range(count):
        x, y, r = rng.uniform(8, 376), rng.uniform(8, horizon * 0.75), rng.choice((1.2, 1.6, 2.2))
        dots.append(f"M{n(x)} {n(y)}h0")
        if r > 2:
            canvas.add(polygon(_sparkle(x, y, 7), "#fff8d6"))
    canvas.add(f'<path d="{"".join(dots)}" stroke="#fffbe8" stroke-width="3.2" stroke-linecap="round"/>')


def _sparkle(x: float, y: float, s: float) -> list[tuple[float, float]]:
    """A four-point star of radius `s` around (x, y)."""
    return [(x, y - s), (x + 1.6, y - 1.6), (x + s, y), (x + 1.6, y + 1.6), (x, y + s), (x - 1.6, y + 1.6),
            (x - s, y), (x - 1.6, y - 1.6)]


def _moon(canvas: Canvas, cx: float, cy: float) -> None:
    """A full moon with a soft glow and two craters."""
    glow = canvas.radial([(0, "#fff6c8", 0.55), (1, "#fff6c8", 0)])
    canvas.add(
        circle(cx, cy, 58, glow),
        circle(cx, cy, 30, "#fbf3c8"),
        circle(cx - 9, cy - 7, 6, "#e6dca8"),
        circle(cx + 8, cy + 9, 4, "#e6dca8"),
    )


def _sun(canvas: Canvas, scene: FrozenScene, time: str, horizon: float) -> None:
    """The sun: low and large on the horizon at either end of the day, high at the right otherwise; paler
    behind clouds."""
    if time in ("sunset", "sunrise", "dawn", "dusk"):
        cx, cy, r, color = 192, horizon - 26, 46, "#ffcf5a" if time != "dusk" else "#ff9b6b"
    else:
        cx, cy, r, color = 296, 78, 34, "#ffe066"
    if "cloudy" in scene.weather or "rain" in scene.weather:
        color = mix(color, "#ffffff", 0.4)
    glow = canvas.radial([(0, color, 0.6), (1, color, 0)])
    canvas.add(circle(cx, cy, r * 2, glow), circle(cx, cy, r, color))


def _stars(canvas: Canvas, bottom: float) -> None:
    d = "".join(f"M{n(canvas.rng.uniform(6, 378))} {n(canvas.rng.uniform(6, bottom))}h0" for _ in range(30))
    canvas.add(f'<path d="{d}" stroke="#ffffff" stroke-width="2.6" stroke-linecap="round"/>')


def paint_weather(canvas: Canvas, scene: FrozenScene, horizon: float) -> None:
    """Clouds, rain, snowfall, lightning, fog bands and rainbows."""
    rng = canvas.rng
    weather = scene.weather
    if "rainbow" in weather:
        colors = ("#e63946", "#f4a261", "#f9e04b", "#52b788", "#4895ef", "#7b2cbf")
        for i, color in enumerate(colors):
            r = 170 - i * 10
            canvas.add(
                f'<path d="M{n(192 - r)} {n(horizon)}A{r} {r} 0 0 1 {n(192 + r)} {n(horizon)}" '
                f'fill="none" stroke="{color}" stroke-width="10" opacity=".85"/>'
            )
    cloudy = weather & {"cloudy", "rain", "storm", "snow"}
    if cloudy:
        fill = (
            "#5d636e" if "storm" in weather else ("#eef1f5" if "cloudy" in weather and len(cloudy) == 1 else "#c9ced6")
        )
        fill = scene.cloud_color or fill
        for i in range(4 if "storm" in weather or "rain" in weather or scene.cloud_color else 3):
            canvas.add(
                cloud(
                    40 + i * 105 + rng.uniform(-15, 15),
                    50 + rng.uniform(0, 45) + (i % 2) * 20,
                    rng.uniform(0.9, 1.35),
                    fill,
                    0.95,
                )
            )
    if "rain" in weather or "storm" in weather:
        d = "".join(f"M{n(rng.uniform(0, SIZE))} {n(rng.uniform(90, 370))}l-5 14" for _ in range(55))
        canvas.add(f'<path d="{d}" stroke="#b8d4f0" stroke-width="2" stroke-linecap="round" opacity=".8"/>')
    if "storm" in weather:
        canvas.add(
            polygon([(210, 95), (186, 160), (204, 160), (180, 225), (232, 145), (210, 145), (230, 95)], "#ffe45c")
        )
    if "snow" in weather:
        d = "".join(f"M{n(rng.uniform(0, SIZE))} {n(rng.uniform(10, 380))}h0" for _ in range(60))
        canvas.add(f'<path d="{d}" stroke="#ffffff" stroke-width="5" stroke-linecap="round" opacity=".9"/>')
    if "fog" in weather:
        for i in range(4):
            y = horizon - 40 + i * 38
            canvas.add(rect(-10, y, 404, 22, "#ffffff", f' rx="11" opacity="{0.35 - i * 0.05:.2f}"'))
    if "wind" in weather:
        d = "".join(f"M{n(30 + i * 90)} {n(110 + i * 28)}q40 -18 80 0t80 0" for i in range(3))
        canvas.add(f'<path d="{d}" fill="none" stroke="#ffffff" stroke-width="4" stroke-linecap="round" opacity=".7"/>')


def paint_landscape(canvas: Canvas, scene: FrozenScene) -> float:
    """Paint sky, weather and ground for the scene's setting; returns the horizon's y."""
    terrain = scene.setting
    horizon = horizon_for(terrain)
    if terrain in ("space", "lunar"):
        # it is night there and the stars are out (`layout.space_sky` saw to that)
        canvas.add(rect(0, 0, SIZE, SIZE, canvas.linear([(0, "#05030f"), (1, "#1d1240")])))
        if terrain == "space":
            paint_celestial(canvas, scene, 300)
        else:  # on the moon: stars only, the Earth hangs in the black sky
            _stars(canvas, 260)
    elif terrain in ("underwater", "cave"):
        canvas.add(rect(0, 0, SIZE, SIZE, "#1b6fa8"))
    else:
        paint_sky(canvas, scene, horizon)
        paint_celestial(canvas, scene, horizon)
        if terrain != "sky":
            paint_weather(canvas, scene, horizon) if "fog" not in scene.weather else None
    if terrain != "sky":
        paint_ground(canvas, scene, terrain, horizon)
    else:
        hills(canvas, 350, 14, shade("#6cb34f", scene), 2, 0.4)
    if terrain == "sky" or "fog" in scene.weather:
        paint_weather(canvas, scene, horizon)
    return horizon


def is_dark_background(scene: FrozenScene) -> bool:
    """True when objects need light outlines to stand out (night scenes)."""
    return luminance(SKIES.get(scene.time or "midday")[1]) < 0.3
