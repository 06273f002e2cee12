"""Budget search: try colour counts, lattices and simplification tolerances, keep the best picture.

For one setting (grid, colours, tolerance) the regions are traced and simplified, the budget goes to the
polygons with the most colour change per byte (`select`), and the paint order (largest first) is fixed, so the
SVG of the first n polygons has an exactly known size and n is the longest prefix under the byte budget.
Polygons hidden by later ones are dropped and the budget is refilled. Each candidate is scored by SSIM of its
cairosvg render (the metric's renderer) against the target; the best candidate wins.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from functools import cached_property

from ..render import render
from ..values import CANVAS_SIZE
from . import encode, flatart, raster, refine, select
from .quantize import quantize
from .regions import absorb_slivers, trace_regions
from .simplify import simplify

MIN_POLYGON_BYTES = 8  # no polygon encodes in fewer bytes; caps how many regions are worth simplifying
PRUNE_ROUNDS = 3
FRAME_SHARE = 0.9  # a first region covering this share of the canvas becomes the background


@dataclass
class TraceCandidate:
    """One finished SVG with the setting that produced it and the SSIM of its render against the target."""

    svg: str
    score: float
    grid: int
    colors: int
    tolerance: float
    polygons: int


def ssim(a, b) -> float:
    """SSIM of two size x size x 3 float images (0..255), channels averaged, as the benchmark measures it."""
    from skimage.metrics import structural_similarity

    return float(structural_similarity(a, b, channel_axis=2, data_range=255))


class Tracer:
    """Caches the expensive steps (quantisation, tracing) shared by candidates with the same grid and colours."""

    def __init__(self, target, seed: int = 0, grid_limits: tuple[int, int] | None = None):
        self.target = target  # size x size x 3 float32, the picture to match
        self.size = target.shape[0]
        self.seed = seed
        self.grid_limits = grid_limits  # (low, high) clip range for coordinates; None = one pixel past the edge
        self._traced: dict = {}

    @cached_property
    def flat_palette(self):
        """The target's exact flat-art palette (`flatart.flat_palette`), or None when it is not flat art."""
        return flatart.flat_palette(self.target)

    def regions(self, grid: int, colors: int, limit: int, sliver: float = 0.0, flat: bool = False):
        """(regions largest first, palette) for the target traced at `grid` x `grid` with `colors` colours;
        patches no thicker than `sliver` grid pixels (inscribed radius) are absorbed by their neighbours.
        `flat`: labels from the exact flat-art palette with sub-pixel edges (`flatart`); `colors` is unused."""
        key = (grid, colors, sliver, flat)
        if key not in self._traced:
            import cv2

            if flat:
                palette = self.flat_palette.colors
                labels = flatart.subpixel_labels(self.target, self.flat_palette, grid)
            else:
                small = cv2.resize(self.target, (grid, grid), interpolation=cv2.INTER_AREA) if grid < self.size \
                    else cv2.resize(self.target, (grid, grid), interpolation=cv2.INTER_LINEAR)
                labels, palette = quantize(small, colors, self.seed)
            labels = absorb_slivers(labels, sliver)
            self._traced[key] = (trace_regions(labels), palette)
        regions, palette = self._traced[key]
        return regions[:limit], palette

    def candidate(self, budget: int, grid: int, colors: int, tolerance: float, short_colors: bool = True,
                  min_thickness: float = 0.0, sliver: float = 0.0, value_select: bool = True, flat: bool = False):
        """The best SVG of this setting that fits `budget` bytes, or None when not even the background fits
        (or when `flat` is asked of a target that is not flat art).

        `value_select`: spend the budget on the polygons with the most colour change per byte (see `select`)
        instead of simply the largest. `flat`: trace the exact flat-art palette with sub-pixel edges and paint
        its exact colours (a least-squares fit would pull them towards the anti-aliasing mixtures).
        """
        import numpy as np

        if flat:
            if self.flat_palette is None:
                return None
            short_colors = False  # the palette is exact: 3-digit colours would only add error
        fixed = encode.fixed_cost(grid) + (0 if short_colors else 3)
        if fixed > budget:
            return None
        regions, palette = self.regions(grid, colors, limit=max(1, (budget - fixed) // MIN_POLYGON_BYTES),
                                        sliver=sliver, flat=flat)
        polygons, keys = self._polygons(regions, grid, tolerance, min_thickness)
        if value_select and polygons:
            values = select.colour_change(polygons, palette[keys], self.target.reshape(-1, 3).mean(axis=0),
                                          grid, self.size)
            costs = [len(encode.polygon_data(p)) for p in polygons]
            keep = select.choose(values, costs, budget - fixed)
            polygons = [p for p, flag in zip(polygons, keep, strict=True) if flag]
            keys = [k for k, flag in zip(keys, keep, strict=True) if flag]
        per_group = 0 if short_colors else 3  # 6-digit colours cost 3 more bytes per path
        polygons, keys, plan, count, owner = self._fit(polygons, keys, grid, budget - fixed, per_group)
        fallback = {g: palette[keys[i]] for i, g in enumerate(plan.group_of[:count])}
        largest = palette[keys[0]] if keys else self.target.reshape(-1, 3).mean(axis=0)
        group_of = plan.group_of[:count]
        colors_fit, back = refine.fit_colors(self.target, owner, group_of, fallback, largest)
        if flat:
            colors_fit = fallback
            back = palette[int(np.argmin(((palette - back) ** 2).sum(axis=1)))]  # the nearest exact colour
        texts = {g: encode.hex_color(c, short_colors) for g, c in colors_fit.items()}
        back_text = encode.hex_color(back, short_colors)
        svg = encode.render_svg(grid, back_text, plan, count, texts)
        while len(svg.encode("utf-8")) > budget and count > 0:  # 6-digit colours can vary in length
            count -= 1
            svg = encode.render_svg(grid, back_text, plan, count, texts)
        # Scored on the metric's own renderer: a fast OpenCV raster disagrees with cairo at edges by enough
        # to pick the wrong candidate on flat art.
        picture = np.asarray(render(svg), dtype=np.float32)
        return TraceCandidate(svg, ssim(picture, self.target), grid, colors, tolerance, count)

    def _polygons(self, regions, grid: int, tolerance: float, min_thickness: float):
        """Simplified polygons (paint order) and their colour labels; slivers and a frame-filling first region
        are left out."""
        low, high = self.grid_limits or (-1, grid)
        polygons, keys = [], []
        for region in regions:
            if region.thickness < min_thickness:  # slivers: anti-aliasing fringes and noise, not shapes
                continue
            points = simplify(region.contour, tolerance, low, high)
            if points is not None:
                polygons.append(points)
                keys.append(region.label)
        if polygons and _area(polygons[0]) >= FRAME_SHARE * grid * grid:
            # The largest region fills (almost) the whole frame: the background rect paints it for free.
            polygons, keys = polygons[1:], keys[1:]
        return polygons, keys

    def _fit(self, polygons, keys, grid: int, room: int, per_group: int):
        """Longest prefix that fits `room` bytes, dropping polygons hidden under later ones and refilling.

        Returns (polygons, keys, layout, count, ownership map of the first `count` polygons).
        """
        import numpy as np

        for _ in range(PRUNE_ROUNDS):
            plan = encode.layout(polygons, keys)
            count = _fitting_prefix(plan, room, per_group)
            owner = raster.index_map(polygons[:count], grid, self.size)
            hidden = refine.visible_counts(owner, count) < 0.5 * (self.size / grid) ** 2  # < half a grid cell
            if not hidden.any():
                return polygons, keys, plan, count, owner
            keep = np.ones(len(polygons), bool)
            keep[:count][hidden] = False
            polygons = [p for p, flag in zip(polygons, keep, strict=True) if flag]
            keys = [k for k, flag in zip(keys, keep, strict=True) if flag]
        plan = encode.layout(polygons, keys)
        count = _fitting_prefix(plan, room, per_group)
        return polygons, keys, plan, count, raster.index_map(polygons[:count], grid, self.size)


def _area(points) -> float:
    """Area of a simple polygon (shoelace formula)."""
    import numpy as np

    x, y = points[:, 0].astype(np.float64), points[:, 1].astype(np.float64)
    return abs(float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))) / 2.0


def _fitting_prefix(plan, room: int, per_group: int) -> int:
    """Largest n such that the first n polygons of `plan` fit in `room` bytes."""
    import numpy as np

    if not plan.cost:
        return 0
    cost = np.asarray(plan.cost, np.int64)
    if per_group:  # 6-digit colours: each path element opened costs `per_group` more bytes
        opens = np.zeros(len(cost), np.int64)
        seen = set()
        for i, group in enumerate(plan.group_of):
            if group not in seen:
                seen.add(group)
                opens[i] = per_group
        cost = cost + opens
    return int(np.searchsorted(np.cumsum(cost), room, side="right"))


TOLERANCES = (0.25, 0.35, 0.5, 0.7, 1.0, 1.4, 2.0, 3.0, 4.0, 6.0, 8.0, 12.0)  # canvas pixels, the search's ladder
FLAT_LATTICE = 4  # flat-art settings trace on a lattice this many times finer than the canvas (quarter pixels)


@dataclass(frozen=True)
class Setting:
    """One trace configuration. Lengths are canvas pixels (384 px canvas), converted to grid units on use."""

    grid: int  # trace lattice: 768 puts edges on half pixels, 384 on pixels, smaller lattices save bytes
    colors: int  # k-means colour count (unused by flat-art settings, whose palette is exact)
    min_thickness: float = 0.0  # drop traced regions thinner than this (2 x area / perimeter)
    sliver: float = 0.0  # before tracing, patches with an inscribed radius up to this join their neighbours
    start_tolerance: float = 2.0  # first simplification tolerance tried on the ladder
    flat: bool = False  # flat-art labels (exact palette, sub-pixel edges; `flatart`); skipped on other images


def default_settings(budget: int) -> list[Setting]:
    """Trace configurations worth trying for a budget, most promising first.

    Measured on photos and flat emoji (see benchmarks/REPORT_vectorize.md): flat art is best traced with its
    exact palette on a quarter-pixel lattice (`flatart`; tried first, skipped when the target is not flat art);
    the k-means settings follow as the fallback for everything else and the search keeps whichever scores best.
    For k-means, flat-ish art wants many colours, exact edges (low tolerance) and no anti-aliasing slivers;
    photos want few colours (each boundary costs bytes) and a larger tolerance; at small budgets a 256 lattice
    (its area-averaged target is smoother) helps photos. 768 k-means lattices and sliver absorption measured no
    better; they stay available through `Setting`.
    """
    fine, half = FLAT_LATTICE * CANVAS_SIZE, FLAT_LATTICE * CANVAS_SIZE // 2  # quarter- and half-pixel lattices
    pixel = CANVAS_SIZE  # one lattice cell per canvas pixel
    if budget >= 7000:
        return [Setting(fine, 0, start_tolerance=0.5, flat=True),
                Setting(pixel, 24, 2.5, 0.0, 1.0), Setting(pixel, 8, 0.0, 0.0, 2.0), Setting(pixel, 6, 0.0, 0.0, 1.4)]
    if budget >= 4000:
        return [Setting(fine, 0, start_tolerance=0.5, flat=True),
                Setting(pixel, 16, 2.5, 0.0, 1.4), Setting(pixel, 6, 0.0, 0.0, 2.0), Setting(pixel, 8, 0.0, 0.0, 3.0)]
    if budget >= 2000:
        return [Setting(fine, 0, start_tolerance=0.7, flat=True), Setting(half, 0, start_tolerance=0.7, flat=True),
                Setting(pixel, 12, 2.5, 0.0, 2.0), Setting(pixel, 6, 0.0, 0.0, 3.0), Setting(256, 4, 0.0, 0.0, 3.0)]
    return [Setting(half, 0, start_tolerance=1.4, flat=True), Setting(fine, 0, start_tolerance=1.0, flat=True),
            Setting(pixel, 12, 2.5, 0.0, 2.0), Setting(256, 4, 0.0, 0.0, 3.0), Setting(pixel, 6, 0.0, 0.0, 4.0)]


def search(target, budget: int, settings, seed: int = 0, time_budget_s: float | None = None,
           grid_limits=None, short_colors: bool = True, tolerances=TOLERANCES) -> TraceCandidate:
    """Best candidate over `settings`, walking each one's tolerance ladder while the score improves.

    Per setting: try its start tolerance and its lower neighbour, then keep stepping in the better direction
    until the score stops improving (fidelity first rises as the tolerance falls, then drops once the budget
    forces regions out). Stops starting new candidates after `time_budget_s` (at least one is always made).
    """
    start = time.monotonic()
    tracer = Tracer(target, seed=seed, grid_limits=grid_limits)
    best = None

    def out_of_time() -> bool:
        return best is not None and time_budget_s is not None and time.monotonic() - start > time_budget_s

    def attempt(setting: Setting, index: int):
        tolerance = tolerances[index] * setting.grid / tracer.size  # canvas px -> grid units
        thickness = setting.min_thickness * setting.grid / tracer.size
        sliver = setting.sliver * setting.grid / tracer.size
        return tracer.candidate(budget, setting.grid, setting.colors, tolerance, short_colors, thickness, sliver,
                                flat=setting.flat)

    for setting in settings:
        if out_of_time():
            break
        if setting.flat and tracer.flat_palette is None:
            continue  # not flat art: the k-means settings handle it
        index = min(range(len(tolerances)), key=lambda i: abs(tolerances[i] - setting.start_tolerance))
        scores = {index: attempt(setting, index)}
        step = -1
        if index > 0 and not out_of_time():
            scores[index - 1] = attempt(setting, index - 1)
            if _score(scores[index - 1]) <= _score(scores[index]):
                step = 1
        position = min(scores, key=lambda i: -_score(scores[i]))
        while 0 <= position + step < len(tolerances) and not out_of_time():
            following = position + step
            if following not in scores:
                scores[following] = attempt(setting, following)
            if _score(scores[following]) <= _score(scores[position]):
                break
            position = following
        for found in scores.values():
            if found is not None and (best is None or found.score > best.score):
                best = found
    if best is None:
        raise ValueError(f"budget of {budget} bytes is too small for even a background-only SVG")
    return best


def _score(candidate) -> float:
    return -1.0 if candidate is None else candidate.score
