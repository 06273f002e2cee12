"""A cheap CPU stand-in for the metric, for best-of-N and regression tracking where no model weights are.

It renders the SVG as the metric does and rates four things, each in [0, 1]:
- colour: the colours the description names (`svgllm.colors`) and the usual colours of a few dozen subject
  words ("ocean", "forest", "sunset", ...) each cover a visible share of the image;
- coverage: something besides the background is drawn (share of pixels away from the dominant colour);
- contrast: the luminance varies (a flat or washed-out image reads badly to VQA and the aesthetic model);
- glyphs: no crowd of small letter-sized blobs that PaliGemma's OCR could read as text (a multiplier).
score = (0.5 colour + 0.25 coverage + 0.25 contrast) x glyphs; an invalid or unrenderable SVG scores 0.

Limits: it sees colours and layout, not objects, so a blue square rates as well as a drawn ocean; descriptions
with no colour or known subject word get a neutral colour term (0.5) and are ranked by coverage and contrast
only; the subject palette is short and English-only; the glyph test is a blob count, which fine detail (stars,
dots, leaves) can trip and smooth lettering can pass; its scale is not the metric's: use it to compare
candidates for the same description, or one system over time, never as an estimate of the leaderboard score.
Its agreement with the real metric has not been measured (no weights on the machine where it was written).
"""
from __future__ import annotations

import re

import numpy as np

from .score import Item, ItemScore, render_valid

ANALYSIS_SIZE = 96  # colour statistics on a small copy: ~9k pixels are plenty and keep it fast
GLYPH_SIZE = 192  # blob search resolution: letters of 8-40 px at 384 are 4-20 px here
COLOR_NEAR = 60.0  # "redmean" RGB distance under which a pixel counts as the named colour
COLOR_SHARE = 0.04  # a named colour covering 4% of the image counts as fully present
NEUTRAL = 0.5

# Subject words -> colours they are usually drawn in (hex). Plural "s" is stripped before lookup.
SUBJECT_COLORS: dict[str, tuple[str, ...]] = {
    "ocean": ("#1e5fa8", "#3c8dd0"), "sea": ("#1e5fa8", "#3c8dd0"), "lake": ("#2f6fb0", "#5a9bd5"),
    "river": ("#3a7fc4",), "water": ("#3a7fc4",), "wave": ("#2a6fb8", "#ffffff"),
    "sky": ("#87ceeb",), "cloud": ("#ffffff", "#d9d9d9"), "snow": ("#ffffff", "#eef3f8"),
    "forest": ("#228b22", "#2e5e2e"), "tree": ("#228b22", "#6b4226"), "grass": ("#4caf50",),
    "meadow": ("#6abf4b",), "leaf": ("#3f9b3f",), "jungle": ("#1f7a33",), "field": ("#7cb342",),
    "desert": ("#e3c07b", "#d2a05a"), "sand": ("#e6cf8b",), "beach": ("#f0d9a0", "#3c8dd0"),
    "dune": ("#e0b872",), "mountain": ("#7a7a80", "#5b5048"), "rock": ("#7d7d7d",),
    "sunset": ("#ff8c42", "#d9487a"), "sunrise": ("#ffb347", "#ff7f50"), "dusk": ("#5b3a78", "#ff8c42"),
    "dawn": ("#ffb6a0", "#9fb8e0"), "night": ("#0b1d3a", "#1c2541"), "midnight": ("#0b1430",),
    "star": ("#fff5b0",), "moon": ("#f5f3ce",), "sun": ("#ffd700",), "fire": ("#ff5a1f", "#ffc400"),
    "lava": ("#ff4500",), "flame": ("#ff7a1a",), "ice": ("#cfefff",), "glacier": ("#bfe6f5",),
    "rose": ("#d21f3c",), "lighthouse": ("#ffffff", "#c62828"), "castle": ("#9e9e9e",),
    "wood": ("#8b5a2b",), "wooden": ("#8b5a2b",), "brick": ("#a0452e",), "gold": ("#ffd700",),
    "silver": ("#c0c0c0",), "denim": ("#3b5b92",), "leather": ("#6b3e26",),
}

_WORDS = re.compile(r"[a-z]+")


def expected_colors(description: str) -> list[str]:
    """Hex colours the description calls for: named colours first, then its subject words' usual colours."""
    from ..colors import find_colors

    found = [mention.hex.lower() for mention in find_colors(description)]
    for word in _WORDS.findall(description.lower()):
        for key in (word, word.removesuffix("s"), word.removesuffix("y"), word.removesuffix("lit")):
            if key in SUBJECT_COLORS:
                found += [c for c in SUBJECT_COLORS[key] if c not in found]
                break
    return found


def _hex_to_rgb(value: str) -> np.ndarray:
    return np.array([int(value[i : i + 2], 16) for i in (1, 3, 5)], dtype=np.float32)


def _redmean_distance(pixels: np.ndarray, color: np.ndarray) -> np.ndarray:
    """Cheap perceptual RGB distance (weights by mean red), pixels (n, 3) float32 -> (n,)."""
    mean_red = (pixels[:, 0] + color[0]) / 2
    diff = pixels - color
    return np.sqrt((2 + mean_red / 256) * diff[:, 0] ** 2 + 4 * diff[:, 1] ** 2
                   + (2 + (255 - mean_red) / 256) * diff[:, 2] ** 2)


def color_term(pixels: np.ndarray, colors: list[str]) -> float:
    """Mean over the expected colours of min(1, share of pixels near it / COLOR_SHARE); NEUTRAL if none."""
    if not colors:
        return NEUTRAL
    shares = [float(np.mean(_redmean_distance(pixels, _hex_to_rgb(c)) < COLOR_NEAR)) for c in colors]
    return float(np.mean([min(1.0, share / COLOR_SHARE) for share in shares]))


def coverage_term(pixels: np.ndarray) -> float:
    """Share of pixels not in the dominant (quantised) colour, reaching 1 at 30% of the canvas."""
    quantised = (pixels // 32).astype(np.int32)
    keys = quantised[:, 0] * 64 + quantised[:, 1] * 8 + quantised[:, 2]
    dominant_share = np.bincount(keys, minlength=512).max() / len(keys)
    return float(min(1.0, (1.0 - dominant_share) / 0.3))


def contrast_term(pixels: np.ndarray) -> float:
    """Standard deviation of luminance, reaching 1 at 50 (of 255)."""
    luminance = pixels @ np.array([0.299, 0.587, 0.114], dtype=np.float32)
    return float(min(1.0, luminance.std() / 50.0))


def glyph_count(gray: np.ndarray) -> int:
    """Number of small, compact, dark-or-light blobs of letter size (4-20 px tall at GLYPH_SIZE)."""
    from scipy import ndimage

    local = ndimage.uniform_filter(gray, size=15)
    count = 0
    for mask in (gray < local - 40, gray > local + 40):  # ink darker or lighter than its surroundings
        labels, n = ndimage.label(mask)
        if n == 0:
            continue
        for box in ndimage.find_objects(labels):
            height, width = box[0].stop - box[0].start, box[1].stop - box[1].start
            if 4 <= height <= 20 and 2 <= width <= 20 and width <= 2 * height:
                count += 1
    return count


def glyph_term(count: int) -> float:
    """1 up to 6 letter-like blobs, falling linearly to 0.3 at 40 and staying there."""
    return float(max(0.3, 1.0 - 0.7 * max(0, count - 6) / 34))


class ProxyScorer:
    """CPU proxy of the metric (see the module docstring for what it measures and its limits).

    `score(description, svg) -> float` (a `selection.Scorer`); `score_item(item, svg) -> ItemScore` for
    `svgllm.metric.score.score`; `components(description, svg) -> dict` for inspection.
    """

    name = "proxy"

    def components(self, description: str, svg: str) -> dict[str, float]:
        """Each term in [0, 1] and the combined `score`; raises ValueError for an invalid/unrenderable SVG."""
        from PIL import Image

        image, problem = render_valid(svg)
        if problem:
            raise ValueError(problem)
        small = np.asarray(image.resize((ANALYSIS_SIZE, ANALYSIS_SIZE), Image.BILINEAR), dtype=np.float32)
        pixels = small.reshape(-1, 3)
        gray_image = image.convert("L").resize((GLYPH_SIZE, GLYPH_SIZE), Image.BILINEAR)
        gray = np.asarray(gray_image, dtype=np.float32)
        parts = {
            "colour": color_term(pixels, expected_colors(description)),
            "coverage": coverage_term(pixels),
            "contrast": contrast_term(pixels),
            "glyphs": glyph_term(glyph_count(gray)),
        }
        parts["score"] = (0.5 * parts["colour"] + 0.25 * parts["coverage"] + 0.25 * parts["contrast"]) \
            * parts["glyphs"]
        return parts

    def score(self, description: str, svg: str) -> float:
        """Proxy score in [0, 1]; 0 for an invalid or unrenderable SVG."""
        try:
            return self.components(description, svg)["score"]
        except ValueError:
            return 0.0

    def score_item(self, item: Item, svg: str) -> ItemScore:
        """Proxy result for one description, in the same shape as the metric's."""
        try:
            parts = self.components(item.description, svg)
        except ValueError as error:
            return ItemScore(item.id, item.description, 0.0, problem=str(error))
        total = parts.pop("score")
        return ItemScore(item.id, item.description, total, parts)
