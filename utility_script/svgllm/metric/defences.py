"""The image defences the metric applies before scoring, as small deterministic steps.

Facts (competition README): with a per-description seeded RNG, the image seen by VQA and the aesthetic
predictor is made by: random crop of up to 3% per side + bilinear resize back -> JPEG q95 -> 9x9 median ->
FFT circular low-pass (radius = 0.5 x half the smaller side) -> bilateral (d=5, sigma colour 75, sigma
space 75) -> JPEG q92. OCR sees a lighter chain that starts again from the render: crop of up to 5% per side
-> JPEG q90.

Every step takes and returns a PIL RGB image of the same size. Only numpy, scipy and PIL are used; the
median and bilateral filters follow OpenCV's definitions (replicated borders; circular window, L1 colour
distance, reflect-101 border) so results match an OpenCV-based metric to within rounding (tested).
"""
from __future__ import annotations

import hashlib
import io

import numpy as np

CROP_FRACTION = 0.03  # the full chain crops at most 3% of each side
OCR_CROP_FRACTION = 0.05  # the OCR chain crops at most 5% of each side


def description_seed(description: str) -> int:
    """A stable 64-bit seed for a description (Python's `hash` is salted per process, so it is not used)."""
    return int.from_bytes(hashlib.sha256(description.encode("utf-8")).digest()[:8], "little")


def _rng(seed) -> np.random.Generator:
    return seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)


def random_crop_resize(image, rng, fraction: float = CROP_FRACTION):
    """Cut a random margin of up to `fraction` of the size from each side, then resize back (bilinear)."""
    from PIL import Image

    width, height = image.size
    max_x, max_y = int(width * fraction), int(height * fraction)
    left, right = (int(v) for v in rng.integers(0, max_x + 1, size=2))
    top, bottom = (int(v) for v in rng.integers(0, max_y + 1, size=2))
    cropped = image.crop((left, top, width - right, height - bottom))
    return cropped.resize((width, height), Image.BILINEAR)


def jpeg(image, quality: int):
    """Encode as JPEG at `quality` and decode again (PIL's default 4:2:0 chroma subsampling)."""
    from PIL import Image

    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="JPEG", quality=int(quality))
    buffer.seek(0)
    return Image.open(buffer).convert("RGB")


def median(image, size: int = 9):
    """Per-channel `size` x `size` median with edge-replicating borders (as OpenCV's medianBlur)."""
    from PIL import Image
    from scipy import ndimage

    array = np.asarray(image.convert("RGB"))
    filtered = ndimage.median_filter(array, size=(size, size, 1), mode="nearest")
    return Image.fromarray(filtered)


def fft_low_pass(image, radius_factor: float = 0.5):
    """Keep the frequencies inside a circle of radius `radius_factor` x half the smaller side, per channel."""
    from PIL import Image

    array = np.asarray(image.convert("RGB"), dtype=np.float64)
    height, width = array.shape[:2]
    radius = radius_factor * min(height, width) / 2
    rows = np.arange(height) - height // 2  # fftshift puts the zero frequency at index size // 2
    cols = np.arange(width) - width // 2
    mask = (rows[:, None] ** 2 + cols[None, :] ** 2) <= radius**2
    out = np.empty_like(array)
    for channel in range(array.shape[2]):
        spectrum = np.fft.fftshift(np.fft.fft2(array[:, :, channel]))
        out[:, :, channel] = np.real(np.fft.ifft2(np.fft.ifftshift(spectrum * mask)))
    return Image.fromarray(np.clip(np.rint(out), 0, 255).astype(np.uint8))


def bilateral(image, diameter: int = 5, sigma_color: float = 75.0, sigma_space: float = 75.0):
    """Edge-preserving smoothing with OpenCV's bilateral definition.

    Neighbours lie in a circle of radius diameter // 2; the spatial weight is a Gaussian of the distance, the
    colour weight a Gaussian of the L1 distance summed over the three channels; borders reflect (101).
    """
    from PIL import Image

    src = np.asarray(image.convert("RGB"), dtype=np.float32)
    height, width = src.shape[:2]
    radius = diameter // 2
    padded = np.pad(src, ((radius, radius), (radius, radius), (0, 0)), mode="reflect")
    numerator = np.zeros_like(src)
    denominator = np.zeros((height, width), dtype=np.float32)
    space_coeff = -0.5 / sigma_space**2
    color_coeff = -0.5 / sigma_color**2
    for dy in range(-radius, radius + 1):
        for dx in range(-radius, radius + 1):
            distance_sq = dy * dy + dx * dx
            if distance_sq > radius * radius:
                continue  # OpenCV's window is round, not square
            neighbour = padded[radius + dy : radius + dy + height, radius + dx : radius + dx + width]
            color_distance = np.abs(neighbour - src).sum(axis=2)
            weight = np.exp(distance_sq * space_coeff) * np.exp(color_distance**2 * color_coeff)
            numerator += weight[:, :, None] * neighbour
            denominator += weight
    out = numerator / denominator[:, :, None]
    return Image.fromarray(np.clip(np.rint(out), 0, 255).astype(np.uint8))


# The full chain as (name, step) pairs, each step(image, rng); named so tests and a person can run one.
DEFENCE_STEPS = (
    ("crop_resize", lambda image, rng: random_crop_resize(image, rng, CROP_FRACTION)),
    ("jpeg95", lambda image, rng: jpeg(image, 95)),
    ("median9", lambda image, rng: median(image, 9)),
    ("fft_low_pass", lambda image, rng: fft_low_pass(image, 0.5)),
    ("bilateral", lambda image, rng: bilateral(image, 5, 75.0, 75.0)),
    ("jpeg92", lambda image, rng: jpeg(image, 92)),
)

OCR_STEPS = (
    ("crop_resize", lambda image, rng: random_crop_resize(image, rng, OCR_CROP_FRACTION)),
    ("jpeg90", lambda image, rng: jpeg(image, 90)),
)


def apply_steps(image, steps, seed):
    """Run `steps` in order on an RGB copy of `image` with one RNG made from `seed` (int or Generator)."""
    rng = _rng(seed)
    image = image.convert("RGB")
    for _name, step in steps:
        image = step(image, rng)
    return image


def defend(image, seed):
    """The metric's full defence chain (what VQA and the aesthetic predictor see)."""
    return apply_steps(image, DEFENCE_STEPS, seed)


def defend_for_ocr(image, seed):
    """The light chain the OCR check sees: crop of up to 5% per side, then JPEG q90, from the plain render."""
    return apply_steps(image, OCR_STEPS, seed)
