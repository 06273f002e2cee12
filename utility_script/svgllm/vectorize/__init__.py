"""Raster -> SVG under a byte budget: `vectorize(image, budget=10_000) -> str`.

Pipeline (one module per step): `source` (load, composite alpha, resample to 384x384) -> `quantize` (k-means in
CIE Lab; or, for flat art, `flatart`: the exact palette and a quarter-pixel label map read from the anti-aliased
edges) -> `regions` (outer contours of each colour patch, painted largest first) -> `simplify` (Douglas-Peucker
under a tolerance) -> `encode` (compact relative integer path data, paths grouped by colour, exact byte costs)
-> `select` (the budget goes to the polygons with the most colour change per byte) -> `refine` (least-squares
colours for the fixed geometry, via the `raster` ownership map) -> `search` (best of colour counts and
tolerances under the budget, scored by SSIM of the cairosvg render). Heavy libraries (OpenCV, scikit-image,
scikit-learn, SciPy) are imported inside functions: `import svgllm` stays light. Install them with the
`vectorize` extra.
"""
from __future__ import annotations

from .api import vectorize, vectorize_with_info

__all__ = ["vectorize", "vectorize_with_info"]
