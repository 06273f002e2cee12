"""The image backend: text -> diffusion bitmaps (GPU) -> `svgllm.vectorize` -> candidates for best-of-N.

Configure it through `ModelConfig` (install the `image` extra)::

    ModelConfig(backends=("image", "composer", "palette"), candidates=8,
                extra={"image": {"model": "owner/ssd-1b/diffusers/default/1",  # or a local diffusers folder
                                 "family": "ssd-1b", "images": 8, "svg_budget": 6000}})  # see options.ImageOptions

Submodules: `options` (every knob), `families` (which diffusers class and defaults per family), `devices` (generator
on cuda:0, scorer on cuda:1; unavailable without a GPU), `pipeline` (offline loading, seeded batches), `timeplan`
(images per description from the 9-hour limit), `backend`. Importing this package loads nothing heavy.
"""
from .backend import ImageBackend
from .devices import ImageBackendUnavailable, Placement, plan_placement

__all__ = ["ImageBackend", "ImageBackendUnavailable", "Placement", "plan_placement"]
